"""The citation block under an answer: one collapsible 「引用来源（N 条）」, citations grouped
by report and table, every marker [n] kept in order, everything from a report escaped."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.links import source_url
from assistant.models import Answer, Citation
from tests.ui.fake_assistant import XSS
from ui.web.render import answer_html, citation_groups, citations_html

HONGZE = "2024-淮安市洪泽区人民政府"
T3 = "三、收到和处理政府信息公开申请情况"
ROWS = (  # 不予公开 8 + 无法提供 3 + 不予处理 5: the answer about the group totals
    "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
    "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项",
    "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确",
    "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
    "要求行政机关确认或重新出具已获取信息",
)


def _t3(n: int, row_label: str, value: int = 0) -> Citation:
    return Citation(n=n, report=HONGZE, agency="淮安市洪泽区人民政府", year=2024, section=T3,
                    table="三", row=f"row{n}", column="total", value=value,
                    quote=f" | | {n}.{row_label} | {value} | 0 | {value}",
                    source=f"2024-hongze-district-gov.pdf 第3页第{n}行", row_label=row_label,
                    column_label="总计", url=source_url(HONGZE) + "#page=3")


def _answer(*citations: Citation) -> Answer:
    marks = "".join(f"[{c.n}]" for c in citations)
    return Answer(text=f"答案{marks}。", answered=True, citations=citations, intent="figure")


def _markers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span class="cite-n">\[(\d+)\]</span>', html)]


def test_sixteen_citations_fold_into_one_closed_block_with_every_marker() -> None:
    html = answer_html(_answer(*(_t3(i, row, i % 2) for i, row in enumerate(ROWS, 1))))
    assert html.count('<details class="cites"') == 1
    assert '<details class="cites" open' not in html  # closed: the answer stays on screen
    assert '<summary class="cites-title">引用来源（16 条）</summary>' in html
    assert _markers(html) == list(range(1, 17))  # all there, in the answer's order
    assert html.count('class="cite-group-head"') == 1  # one report · table heading …
    assert ">2024年 淮安市洪泽区人民政府 · 表三</div>" in html
    assert html.count(T3) == 1 + 16  # … named once as the heading's title, once per source line
    assert "<summary><span class=\"cite-n\">[12]</span> 信访举报投诉类申请 · 总计 ＝ 0 <a " in html
    assert html.count('<details class="cite" id="cite-') == 16
    assert html.count(">查看原文</a>") == 16
    assert html.count('<blockquote class="cite-quote">') == 16


def test_three_citations_or_fewer_start_open() -> None:
    assert '<details class="cites" open>' in answer_html(_answer(*(_t3(i, "重复申请") for i in (1, 2, 3))))
    assert '<details class="cites">' in answer_html(_answer(*(_t3(i, "重复申请") for i in (1, 2, 3, 4))))
    assert "引用来源（1 条）" in answer_html(_answer(_t3(1, "重复申请")))
    assert "cites" not in answer_html(_answer())


def test_table_four_groups_by_row_and_prose_keeps_its_quote_visible() -> None:
    base = Citation(n=1, report="2025-上海市人民政府办公厅", agency="上海市人民政府办公厅", year=2025,
                    section="四、政府信息公开行政复议、行政诉讼情况", table="四", row="reconsideration",
                    column="upheld", value=40, quote="40 | 0 | 10 | 5 | 55", row_label="行政复议",
                    column_label="结果维持", source="2025-shanghai-gov-office.md 第180行")
    cites = (base, replace(base, n=2, column="total", column_label="总计", value=55),
             replace(base, n=3, row="litigation_direct", row_label="行政诉讼（未经复议直接起诉）",
                     column_label="总计", value=1),
             replace(base, n=4, section="一、总体情况", table=None, row=None, column=None, value=None,
                     row_label="", column_label="", quote="全年未发生行政复议纠错情形。"))
    html = answer_html(_answer(*cites))
    assert [len(g) for g in citation_groups(cites)] == [2, 1, 1]
    assert ">2025年 上海市人民政府办公厅 · 表四 · 行政复议</div>" in html
    assert ">2025年 上海市人民政府办公厅 · 表四 · 行政诉讼（未经复议直接起诉）</div>" in html
    assert "[1]</span> 结果维持 ＝ 40</summary>" in html  # the row is in the heading
    assert ">2025年 上海市人民政府办公厅 · 一、总体情况</div>" in html
    prose = html[html.index('id="cite-4"'):]
    assert prose.startswith('id="cite-4"><div class="cite-head">')
    assert "<blockquote class=\"cite-quote\">全年未发生行政复议纠错情形。</blockquote>" in prose
    assert "<details" not in prose  # nothing to click open
    assert _markers(html) == [1, 2, 3, 4]


def test_groups_only_merge_neighbours_so_markers_stay_in_order() -> None:
    other = replace(_t3(2, "重复申请"), report="2023-淮安市洪泽区人民政府", year=2023)
    cites = (_t3(1, "属于国家秘密"), other, _t3(3, "重复申请"))
    html = answer_html(_answer(*cites))
    assert [[c.n for c in g] for g in citation_groups(cites)] == [[1], [2], [3]]
    assert _markers(html) == [1, 2, 3]


def test_report_text_in_the_citation_block_is_escaped() -> None:
    hostile = replace(_t3(1, XSS), agency=XSS, section=XSS, column_label=XSS, source=XSS, quote=XSS)
    prose = replace(hostile, n=2, table=None)
    html = answer_html(_answer(hostile, prose))
    assert "<script" not in html and "<img" not in html and 'title="<' not in html
    assert html.count("&lt;script&gt;") >= 8


def test_a_quote_with_blank_lines_stays_inside_its_block() -> None:
    base = _t3(1, "属于国家秘密")
    html_text = citations_html((replace(base, quote="第一段\n\n<b>第二段</b>\r\n第三段"),))
    assert "\n\n" not in html_text
    assert "第一段 &lt;b&gt;第二段&lt;/b&gt; 第三段" in html_text
