"""Answers as HTML: markers [n] that link to their citations, citations a citizen can read
(table · row path · column：value unit, the printed row cell by cell), zero items folded,
charts with a real year axis, and everything from a report escaped."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.links import report_view_url, source_url
from assistant.models import Answer, CellText, Citation, Series
from tests.ui.fake_assistant import XSS
from ui.web.charts import axis_labels, chart_html
from ui.web.cites import citation_groups, citation_html, citations_html
from ui.web.render import answer_html

HUAIAN = "2024-淮安市淮阴区卫生健康委员会"  # not a corpus report: the rendering is generic
T3 = "三、收到和处理政府信息公开申请情况"
HEADERS = (("natural_person", "自然人"), ("commercial", "商业企业"), ("research", "科研机构"),
           ("social_welfare", "社会公益组织"), ("legal_service", "法律服务机构"), ("other_org", "其他"),
           ("total", "总计"))
GROUPS = (("（三）不予公开", "denied", ("1.属于国家秘密", "2.其他法律行政法规禁止公开",
                                      "3.危及“三安全一稳定”", "4.保护第三方合法权益"), (0, 2, 0, 0)),
          ("（四）无法提供", "unable", ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作"), (5, 0)))


def _item(n: int, group: str, key: str, label: str, value: int) -> Citation:
    cells = tuple(CellText(col, head, str(value if col in ("natural_person", "total") else 0))
                  for col, head in HEADERS)
    return Citation(
        n=n, report=HUAIAN, agency="淮安市淮阴区卫生健康委员会", year=2024, section=T3, table="三",
        row=f"{key}.item{n}", column="total", value=value,
        quote=f" | | {label} | {value} | 0 | 0 | 0 | 0 | 0 | {value}",
        source=f"2024-huaiyin-health.txt 第{40 + n}行", row_label=label[2:], column_label="总计",
        url=source_url(HUAIAN), table_name="表三", row_path=(group, label), unit="件",
        status="printed", cells=cells, line=40 + n,
        view_url=f"/reports/{HUAIAN}/source?line={40 + n}#cited",
        cell_url=report_view_url(HUAIAN, "三", f"{key}.item{n}", "total"),
    )


def _refusals() -> tuple[Citation, ...]:
    cites, n = [], 0
    for group, key, labels, values in GROUPS:
        for label, value in zip(labels, values, strict=True):
            n += 1
            cites.append(_item(n, group, key, label, value))
    return tuple(cites)


def _answer(citations: tuple[Citation, ...], text: str = "", **extra: object) -> Answer:
    text = text or "答案" + "".join(f"[{c.n}]" for c in citations) + "。"
    return Answer(text=text, answered=True, citations=citations, intent="figure", **extra)  # type: ignore[arg-type]


def _ids(html: str) -> list[str]:
    return re.findall(r' id="(a[0-9a-f]+-\d+)"', html)


def test_every_marker_links_to_its_citation_and_every_citation_names_its_column() -> None:
    cites = _refusals()
    html = answer_html(_answer(cites, "不予公开 2 件[1–4]，其中国家秘密 0 件[1]；无法提供 5 件[5–6]。"), key="f1")
    assert html.count('class="cite-ref"') == 3
    assert 'href="#af1-1-4"' in html and 'href="#af1-1"' in html and 'href="#af1-5-6"' in html
    assert sorted(_ids(html)) == sorted(f"af1-{c.n}" for c in cites)  # each citation once
    mains = re.findall(r'<span class="cite-main">(.*?)</span></summary>', html)
    assert len(mains) == len(cites)
    assert all(" | " not in m for m in mains)  # never the raw row as the main text
    assert all("总计：<b>" in m for m in mains)
    assert ("表三 · （三）不予公开 · 2.其他法律行政法规禁止公开 · 总计：<b>2</b> 件" in mains)


def test_zero_items_of_a_group_fold_into_one_line_that_still_holds_them() -> None:
    html = citations_html(_refusals(), "f2")
    fold = html[html.index('<details class="cite-zeros"'):]
    assert "（三）不予公开 其余 3 项均为 0 件" in fold
    assert '<span class="cite-n">[1][3][4]</span>' in fold
    for n in (1, 3, 4):  # folded, still there to open
        assert f'id="af2-{n}"' in fold
    assert html.count('class="cite-zeros"') == 1  # （四） has one zero only: not folded
    assert html.count(">2024年 淮安市淮阴区卫生健康委员会</div>") == 1


def test_a_table_citation_opens_to_its_row_with_the_cited_cell_marked() -> None:
    cite = _refusals()[1]
    html = citation_html(cite, "f3")
    cells = re.findall(r'<span class="cc( cited)?"><span class="cc-h">(.*?)</span><span class="cc-v">(.*?)</span>', html)
    assert [h for _, h, _ in cells] == [h for _, h in HEADERS]
    assert [(h, v) for cited, h, v in cells if cited] == [("总计", "2")]
    assert '<span class="cite-raw-h">原文此行</span><code>| | 2.其他法律' in html  # small, below
    assert f'href="{cite.view_url}"' in html and ">查看原文</a>" in html
    assert f'href="{cite.cell_url.replace("&", "&amp;")}"' in html and ">在报告表格中定位</a>" in html


def test_table_four_reads_as_kind_of_case_and_column() -> None:
    base = Citation(n=1, report="2022-某县人民政府", agency="某县人民政府", year=2022,
                    section="四、政府信息公开行政复议、行政诉讼情况", table="四",
                    row="litigation_after_reconsideration", column="corrected", value=3,
                    quote="1 | 0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 2 | 0 | 3 | 0 | 0 | 3",
                    row_label="行政诉讼（复议后起诉）", column_label="结果纠正", unit="件",
                    row_path=("行政诉讼", "复议后起诉"), table_name="表四",
                    cells=tuple(CellText(k, h, v) for k, h, v in (
                        ("upheld", "结果维持", "0"), ("corrected", "结果纠正", "3"), ("other", "其他结果", "0"),
                        ("pending", "尚未审结", "0"), ("total", "总计", "3"))))
    html = citation_html(base, "f4")
    assert "表四 · 行政诉讼 · 复议后起诉 · 结果纠正：<b>3</b> 件" in html
    older = replace(base, row_path=(), table_name="", cells=())  # a producer without the new fields
    assert "表四 · 行政诉讼（复议后起诉） · 结果纠正：<b>3</b> 件" in citation_html(older)


def test_values_not_printed_as_such_say_so() -> None:
    cite = _refusals()[0]
    assert "报告未印出，由分项相加" in citation_html(replace(cite, status="derived", value=7))
    assert "报告此格空白，按 0 计" in citation_html(replace(cite, status="blank"))
    assert "数字无法确定" in citation_html(replace(cite, value=None))


def test_a_sentence_citation_shows_its_sentence() -> None:
    prose = Citation(n=2, report=HUAIAN, agency="淮安市淮阴区卫生健康委员会", year=2024,
                     section="一、总体情况（二）依申请公开", quote="全年共受理申请 12 件。",
                     source="2024-huaiyin-health.txt 第9行", line=9,
                     view_url=f"/reports/{HUAIAN}/source?line=9#cited")
    html = citation_html(prose, "f5")
    assert '<div class="cite cite-prose" id="af5-2" tabindex="-1">' in html
    assert "一、总体情况（二）依申请公开" in html
    assert '<blockquote class="cite-quote">全年共受理申请 12 件。</blockquote>' in html


def test_the_block_starts_open_only_for_a_few_citations() -> None:
    cites = _refusals()
    assert '<details class="cites" open>' in citations_html(cites[:3])
    assert '<details class="cites">' in citations_html(cites)
    assert "引用来源（6 条）" in citations_html(cites)
    assert citations_html(()) == ""
    other = replace(cites[1], report="2023-淮安市淮阴区卫生健康委员会", year=2023)
    assert [[c.n for c in g] for g in citation_groups((cites[0], other, cites[2]))] == [[1], [2], [3]]


def test_popover_of_a_range_names_the_figures_and_folds_the_zeros() -> None:
    html = answer_html(_answer(_refusals()[:4], "不予公开 2 件[1–4]。"), key="f6")
    pop = re.search(r'<span class="cite-pop" role="tooltip">(.*?)</span></a>', html)
    assert pop is not None
    assert "2.其他法律行政法规禁止公开 · 总计：<b>2</b> 件" in pop.group(1)
    assert "其余 3 项均为 0 件" in pop.group(1)


def test_markers_that_are_not_citations_stay_text() -> None:
    html = answer_html(_answer(_refusals()[:2], "见[1]与[9]及[2–7]。"), key="f7")
    assert html.count('class="cite-ref"') == 1 and "[9]" in html and "[2–7]" in html


def test_report_text_is_escaped_everywhere() -> None:
    hostile = replace(_refusals()[0], agency=XSS, section=XSS, column_label=XSS, source=XSS,
                      quote=XSS, row_path=(XSS, XSS), cells=(CellText("total", XSS, XSS),))
    html = answer_html(_answer((hostile, replace(hostile, n=2, table=None))))
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") >= 8


def test_links_only_ever_go_to_our_own_routes() -> None:
    cite = replace(_refusals()[0], view_url='javascript:alert(1)" onclick="x', url=None,
                   cell_url="https://evil.example/")
    html = citation_html(cite)
    assert "javascript:" not in html and "evil.example" not in html and "查看原文" not in html


def test_out_of_scope_answer_links_to_the_full_page_with_the_question() -> None:
    answer = Answer(text="本窗口只回答某县人民政府的年报问题。", answered=False,
                    meta={"status": "outside_scope"})
    html = answer_html(answer, "另一个机关收到多少申请？")
    assert 'href="/?q=%E5%8F%A6' in html and 'target="_blank"' in html and "在完整问答页提问" in html


def test_year_axis_keeps_the_gaps_between_years() -> None:
    series = (Series("本年新收政府信息公开申请", ("2019", "2021", "2024"), (23.0, 70.0, 5.0)),)
    assert axis_labels(series) == ["2019", "2020", "2021", "2022", "2023", "2024"]
    html = chart_html(series)
    assert re.findall(r'<div class="chart-x">(\d+)</div>', html) == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert html.count('class="chart-slot chart-gap"') == 3 and html.count("未收录") >= 3
    assert ">年度</div>" in html and "单位：件" in html and "（件）" in html
    assert "类别" not in html and "系列" not in html and "chart-legend" not in html  # one series
    assert "bar-h100" in html and "style=" not in html  # heights are classes, never inline styles


def test_several_series_get_a_legend_with_their_names() -> None:
    html = chart_html((Series("不予公开", ("2022", "2023"), (2.0, 0.0)),
                       Series("无法提供", ("2022", "2023"), (5.0, 1.0))))
    assert '<div class="chart-legend">' in html and ">不予公开</span>" in html and ">无法提供</span>" in html
    assert html.count('class="chart-bar s0') == 2 and html.count('class="chart-bar s1') == 2
    agencies = chart_html((Series("本年新收", ("甲县", "乙县"), (3.0, 4.0)),))
    assert ">机关</div>" in agencies and ">甲县</div>" in agencies
