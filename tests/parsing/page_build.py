"""Government web pages as sites publish them, for the metadata and intake tests.

Each page wraps a report body in one site's chrome: the title printed only in <title> and
the breadcrumb, CMS <meta> tags, a 信息公开目录 header table, a sidebar listing the
agency's other years, a title cut short by the site, a verb phrase before the name.
`crawled(page)` flattens a page as a crawler does (one text node a line, with or without
the empty cells' lines). Names of places and agencies are real-shaped, figures invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import lxml.html

from tests.parsing.unseen_figures import (
    T3_HEADER,
    T4_LABELS,
    Six,
    t3_rows_in_order,
    table3_grid,
    table4_values,
)

NBSP = "&nbsp;"


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    agency: str
    year: int
    title: str  # the report title metadata must give ("" when the page has none)
    agency_from: str  # MetaSource.signal expected for the agency
    aliases: tuple[str, ...] = ()
    tables: bool = True
    grid: dict[str, Six] = field(default_factory=dict)
    t4: list[int] = field(default_factory=list)


def grid_mixed() -> dict[str, Six]:
    return table3_grid(
        {"granted": (9, 2, 0, 1, 0, 0), "partially_granted": (1, 0, 0, 0, 0, 0),
         "denied.process_info": (1, 0, 0, 0, 0, 0), "unable.not_held": (4, 1, 0, 0, 0, 0),
         "not_processed.duplicate": (2, 0, 0, 0, 0, 0), "other.other": (0, 1, 0, 0, 0, 0)},
        carried_over=(1, 0, 0, 0, 0, 0), carried_forward=(1, 0, 0, 0, 0, 0), template="2021")


def t4_values() -> list[int]:
    return table4_values([(1, 0, 0, 1), (1, 0, 0, 0), (0, 0, 0, 0)])


def _cell(value: int, blank_zero: bool) -> str:
    return f"<td>{NBSP if blank_zero and value == 0 else value}</td>"


def table3_html(grid: dict[str, Six], blank_zero: bool = False) -> str:
    rows = ['<tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
            '<td colspan="7">申请人情况</td></tr>',
            "<tr>" + "".join(f"<td>{h}</td>" for h in T3_HEADER) + "</tr>"]
    for key, group, label in t3_rows_in_order("2021"):
        cells = "".join(_cell(v, blank_zero) for v in (*grid[key], sum(grid[key])))
        head = f"<td>{group}</td><td colspan='2'>{label}</td>" if group else f"<td colspan='3'>{label}</td>"
        rows.append(f"<tr>{head}{cells}</tr>")
    return '<table border="1" cellspacing="0">' + "".join(rows) + "</table>"


def table4_html(values: list[int], blank_zero: bool = False) -> str:
    return ('<table border="1"><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr><tr>'
            + "".join(f'<td rowspan="2">{label}</td>' for label in T4_LABELS)
            + '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr><tr>'
            + "".join(f"<td>{label}</td>" for label in T4_LABELS * 2) + "</tr><tr>"
            + "".join(_cell(v, blank_zero) for v in values) + "</tr></table>")


def _p(text: str) -> str:
    return f'<p style="text-indent:2em">{escape(text)}</p>'


def body(year: int, opening: str, *, preamble: str = "", signature: str = "", tables: bool = True,
         cut_after_one: bool = False, blank_zero: bool = False) -> str:
    grid, t4 = grid_mixed(), t4_values()
    parts = [_p(preamble)] if preamble else []
    parts += [_p("一、总体情况"), _p(opening), _p("（一）主动公开"),
              _p(f"{year}年共主动公开政府信息856条，其中政策解读21篇。"), _p("（二）依申请公开"),
              _p(f"全年收到政府信息公开申请{sum(grid['new_received'])}件，办结{sum(grid['total_handled'])}件。"),
              _p("（三）政府信息管理"), _p("全面清理现行有效的规范性文件。")]
    if cut_after_one:
        return "".join(parts)
    parts += [_p("二、主动公开政府信息情况")]
    if tables:
        parts.append('<table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>'
                     "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
                     "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
                     "<tr><td>行政规范性文件</td><td>4</td><td>2</td><td>31</td></tr></table>")
    parts += [_p("三、收到和处理政府信息公开申请情况")]
    if tables:
        parts.append(table3_html(grid, blank_zero))
    parts += [_p("四、政府信息公开行政复议、行政诉讼情况")]
    if tables:
        parts.append(table4_html(t4, blank_zero))
    else:
        parts.append(_p("本年度发生政府信息公开行政复议1件，行政诉讼1件。"))
    parts += [_p("五、存在的主要问题及改进情况"), _p("主动公开的深度有待加强，下一步将加强培训。"),
              _p("六、其他需要报告的事项"), _p("本年度未收取信息处理费。")]
    if signature:
        parts.append(f'<p style="text-align:right">{escape(signature)}</p>')
    return "\n".join(parts)


def _page(head: str, top: str, main: str, foot: str = "") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>'
            f'<div class="header"><div class="logo"></div></div>{top}'
            f'<div class="main">{main}</div>'
            f'<div class="footer">{foot or "主办：本站 技术支持：某某科技有限公司"}</div></body></html>')


def title_only_in_chrome() -> Page:
    """The article does not repeat its title; <title>, breadcrumb, meta and 「来源」 do."""
    head = ("<title>宁乡市2024年度政府信息公开工作年度报告_政府信息公开年报_长沙市宁乡市人民政府</title>"
            '<meta name="SiteName" content="长沙市宁乡市人民政府"><meta name="ColumnName" content="政府信息公开年报">'
            '<meta name="ArticleTitle" content="宁乡市2024年度政府信息公开工作年度报告">'
            '<meta name="PubDate" content="2025-01-20 10:12"><meta name="ContentSource" content="宁乡市人民政府办公室">')
    top = ('<div class="main-bread">您现在的位置：<a href="/">首页</a> &gt; <a>信息公开</a> &gt; '
           "<a>法定主动公开内容</a> &gt; <span>政府信息公开年报</span></div>")
    main = ('<div class="art-info">发布日期：2025-01-20 来源：宁乡市人民政府办公室 【字体：大 中 小】</div>'
            f'<div class="TRS_Editor">{body(2024, "2024年，宁乡市坚持以人民为中心，深入推进政务公开。")}</div>')
    return Page("title-only-in-chrome.html", _page(head, top, main), "长沙市宁乡市人民政府", 2024,
                "宁乡市2024年度政府信息公开工作年度报告", "meta:ArticleTitle", ("宁乡市人民政府", "宁乡市"))


def directory_header_table() -> Page:
    """A 信息公开目录 page: 发布机构 and 名称 in a header table, a cut title in <h2>."""
    head = "<title>政府信息公开-黔江区卫生健康委员会</title>"
    top = ('<table class="xxgk-head"><tr><td>索引号：</td><td>11500114MB1234567X/2024-00031</td>'
           "<td>主题分类：</td><td>综合政务</td></tr><tr><td>发布机构：</td><td>重庆市黔江区卫生健康委员会</td>"
           "<td>生成日期：</td><td>2024-01-26</td></tr><tr><td>名称：</td>"
           '<td colspan="3">黔江区卫生健康委员会2023年度政府信息公开工作年度报告</td></tr></table>')
    main = ('<h2 class="art-tit">黔江区卫生健康委员会2023年度政府信息公开工作年度报...</h2>'
            f'<div class="view">{body(2023, "2023年，我委认真贯彻落实《条例》。")}</div>')
    return Page("directory-header-table.html", _page(head, top, main), "重庆市黔江区卫生健康委员会", 2023,
                "黔江区卫生健康委员会2023年度政府信息公开工作年度报告", "标题", ("黔江区卫生健康委员会", "黔江区卫健委"))


def sidebar_of_other_years() -> Page:
    """<title> is the site's name; h1 has the title; the sidebar lists other years' reports."""
    head = "<title>和县人民政府门户网站</title>"
    side = ('<div class="side"><h3>年度报告</h3><ul>'
            '<li><a href="/1">和县农业农村局2022年度政府信息公开工作年度报告</a></li>'
            '<li><a href="/2">和县农业农村局2021年度政府信息公开工作年度报告</a></li></ul></div>')
    main = (f"{side}<h1>和县农业农村局2023年度政府信息公开工作年度报告</h1>"
            f'<div class="content">{body(2023, "2023年，我局扎实推进政务公开。")}</div>'
            '<div class="related">相关文章：<a href="/1">和县农业农村局2022年度政府信息公开工作年度报告</a></div>')
    return Page("sidebar-of-other-years.html", _page(head, "", main, "主办：和县人民政府办公室"),
                "和县农业农村局", 2023, "和县农业农村局2023年度政府信息公开工作年度报告", "h1", ("和县农业局",))


def title_without_agency() -> Page:
    """The title names no agency; the 「来源」 line does, without its county."""
    head = ('<title>2024年政府信息公开工作年度报告 - 县审计局 - 安吉县人民政府</title>'
            '<meta name="SiteName" content="安吉县人民政府">')
    main = ('<div class="title">2024年政府信息公开工作年度报告</div>'
            '<div class="info">发布时间：2025-01-15 信息来源：县审计局 浏览次数：88</div>'
            f'<div class="article">{body(2024, "2024年，我局紧紧围绕审计中心工作，主动公开审计信息。")}</div>')
    return Page("title-without-agency.html", _page(head, "", main), "安吉县审计局", 2024,
                "2024年政府信息公开工作年度报告", "信息来源", ("县审计局",))


def junk_before_the_name() -> Page:
    """The report names itself in a sentence: 「特编制X2022年度…年度报告」."""
    head = "<title>年度报告</title>"
    preamble = ("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特编制"
                "铜仁市碧江区住房和城乡建设局2022年度政府信息公开工作年度报告。")
    main = f'<div class="zw">{body(2022, "2022年，我局不断加强政务公开工作。", preamble=preamble)}</div>'
    return Page("junk-before-the-name.html", _page(head, "", main), "铜仁市碧江区住房和城乡建设局", 2022,
                "铜仁市碧江区住房和城乡建设局2022年度政府信息公开工作年度报告", "body_title",
                ("碧江区住房和城乡建设局", "碧江区住建局"))


def untitled_table_less() -> Page:
    """No title anywhere; the preamble names agency and period; the tables were lost."""
    head = "<title>详细信息</title>"
    preamble = ("本报告由资阳市雁江区民政局根据《中华人民共和国政府信息公开条例》要求编制。本报告所列数据的"
                "统计期限自2023年1月1日起至2023年12月31日止。")
    main = f'<div class="content">{body(2023, "2023年，我局持续推进民政领域信息公开。", preamble=preamble, tables=False)}</div>'
    return Page("untitled-table-less.html", _page(head, "", main), "资阳市雁江区民政局", 2023, "", "preamble",
                ("雁江区民政局",), tables=False)


def cut_after_opening() -> Page:
    """A titled page cut off after its opening section."""
    head = "<title>泗县交通运输局2024年政府信息公开工作年度报告</title>"
    main = ("<h1>泗县交通运输局2024年政府信息公开工作年度报告</h1>"
            f'<div class="content">{body(2024, "2024年，泗县交通运输局深入贯彻《条例》。", cut_after_one=True)}</div>')
    return Page("cut-after-opening.html", _page(head, "", main), "泗县交通运输局", 2024,
                "泗县交通运输局2024年政府信息公开工作年度报告", "h1", ("泗县交通局",), tables=False)


def short_name_on_a_portal() -> Page:
    """A department's report on the province portal: 「省医保局」 in the title, the full name
    only in the breadcrumb, the province only in the site name."""
    head = ('<title>省医保局2023年政府信息公开工作年度报告-吉林省人民政府门户网站</title>'
            '<meta name="SiteName" content="吉林省人民政府">')
    top = '<div class="crumbs">首页 > 部门信息公开 > 吉林省医疗保障局 > 年度报告</div>'
    main = f'<div class="content">{body(2023, "2023年，省医保局深入贯彻《条例》。")}</div>'
    return Page("short-name-on-a-portal.html", _page(head, top, main), "吉林省医疗保障局", 2023,
                "省医保局2023年政府信息公开工作年度报告", "<title>", ("省医保局", "吉林省医保局"))


PAGES = (title_only_in_chrome, directory_header_table, sidebar_of_other_years, title_without_agency,
         junk_before_the_name, untitled_table_less, cut_after_opening, short_name_on_a_portal)


def crawled(html: str, *, keep_empty_cells: bool = False) -> str:
    """A crawler's text of the page: every text node on its own line, <title> first; empty
    table cells give an empty line only when `keep_empty_cells`."""
    root = lxml.html.document_fromstring(html)
    for code in list(root.iter("script", "style")):
        code.drop_tree()
    lines: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        text = (node.text or "").strip()
        if text:
            lines.append(text)
        elif keep_empty_cells and node.tag == "td" and len(node) == 0:
            lines.append("")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            tail = (child.tail or "").strip()
            if tail:
                lines.append(tail)

    walk(root)
    return "\n".join(lines)
