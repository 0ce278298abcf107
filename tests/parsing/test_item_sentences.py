"""A numbered item that is a whole sentence stays in the prose; a title-like item is a heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.chunks import report_chunks
from index.models import Report, Section
from index.parsing import parse_report
from index.parsing.headings import level1, level2

# A small town report, written for this test: items of section 六 (and one of 一) are
# sentences printed with an item number, each in its own paragraph.
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>青石镇人民政府2024年政府信息公开工作年度报告</title></head><body>
<div class="main"><h1>青石镇人民政府2024年政府信息公开工作年度报告</h1>
<div class="article">
<p>本报告由青石镇人民政府编制，所列数据的统计期限自2024年1月1日起至2024年12月31日止。</p>
<h3>一、总体情况</h3>
<p>（一）主动公开情况</p>
<p>镇政府信息公开专栏全年更新政策文件和工作动态共计218条。</p>
<p>（二）依申请公开</p>
<p>全年收到群众提出的公开申请19件，较上年减少4件。</p>
<p>（三）全年未发生因答复不当被复议纠错的情形。</p>
<h3>二、主动公开政府信息情况</h3>
<table><tr><td>第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>1</td><td>0</td><td>4</td></tr></table>
<h3>三、收到和处理政府信息公开申请情况</h3>
<p>本年度各类申请的处理情况见下表（略）。</p>
<h3>四、政府信息公开行政复议、行政诉讼情况</h3>
<p>本年度未发生政府信息公开行政复议、行政诉讼案件。</p>
<h3>五、存在的主要问题及改进情况</h3>
<p>一、镇村两级公开队伍人员流动较大，业务水平参差不齐。</p>
<p>二、下一步将每季度开展一次业务培训。</p>
<h3>六、其他需要报告的事项</h3>
<p>（一）依据《政府信息公开信息处理费管理办法》，本年度我镇没有向申请人收取费用</p>
<p>（二）办理镇人大代表意见建议7件，均已按期办结。</p>
<p>（三）镇政务公开工作要点已在专栏逐项公开；</p>
<p>（四）其他事项</p>
<p>无。</p>
</div></div></body></html>
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path: Path = tmp_path_factory.mktemp("items") / "qingshi-town-2024.html"
    path.write_text(PAGE, encoding="utf-8")
    return parse_report(path)


def _section(report: Report, number: str) -> Section:
    return next(s for s in report.sections if s.number == number)


def _prose(report: Report, heading: str) -> str:
    return "\n".join(c.text for c in report_chunks(report)
                     if c.metadata["kind"] == "prose" and c.metadata["section"] == heading)


SENTENCES_OF_SIX = (
    "依据《政府信息公开信息处理费管理办法》，本年度我镇没有向申请人收取费用",
    "办理镇人大代表意见建议7件，均已按期办结。",
    "镇政务公开工作要点已在专栏逐项公开；",
)


def test_sentence_items_are_prose_of_their_section(report: Report) -> None:
    assert [s.number for s in report.sections] == ["", "一", "二", "三", "四", "五", "六"]
    six = _section(report, "六")
    paragraphs = [p.text for part in six.parts for p in part.paragraphs]
    for sentence in SENTENCES_OF_SIX:
        assert sentence in paragraphs
        assert sentence in _prose(report, "六、其他需要报告的事项")
    assert all(sentence not in part.title for part in six.parts for sentence in SENTENCES_OF_SIX)
    assert "全年未发生因答复不当被复议纠错的情形。" in _prose(report, "一、总体情况")
    five = _prose(report, "五、存在的主要问题及改进情况")
    assert "镇村两级公开队伍人员流动较大，业务水平参差不齐。" in five
    assert "下一步将每季度开展一次业务培训。" in five


def test_title_like_items_stay_headings(report: Report) -> None:
    one = _section(report, "一")
    assert [p.title for p in one.parts[:2]] == ["主动公开情况", "依申请公开"]
    assert "全年收到群众提出的公开申请19件" in one.parts[1].text
    assert _section(report, "六").parts[3].title == "其他事项"


@pytest.mark.parametrize("line, title", [
    ("（一）主动公开情况", "主动公开情况"),
    ("（二）依申请公开", "依申请公开"),
    ("**（一）主动公开。** 全年发布信息56条。", "主动公开"),
    ("（四）政府信息公开平台建设情况。", "政府信息公开平台建设情况"),
    ("（三）完善公开制度规范，加强政府信息管理", "完善公开制度规范，加强政府信息管理"),
    ("（二）2024 年工作中存在的主要问题", "2024 年工作中存在的主要问题"),
])
def test_headings_keep_working(line: str, title: str) -> None:
    heading = level2(line)
    assert heading is not None and heading.title == title


@pytest.mark.parametrize("line", [
    "（一）2024年度，本单位未收取信息处理费。",
    "（二）全年受理申请62件",
    "（三）办复率为100%，群众满意度持续提升。",
    "（一）相关工作要点落实情况已在门户网站专栏公开。",
    "（二）本年度共收到申请3.5万件，全部按期答复。",
])
def test_sentence_items_keep_their_text(line: str) -> None:
    heading = level2(line)
    assert heading is not None and heading.title == ""
    assert heading.rest == line[3:]


def test_level_one_headings() -> None:
    heading = level1("一、总体情况")
    assert heading is not None and heading.canonical == "一"
    assert level1("二、本机关全年未收取任何费用。") is None
