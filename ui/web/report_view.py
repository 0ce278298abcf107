"""The 「报告」 tab: one report's parsed tables (二, 三, 四, in the template's order) with
failed checks highlighted; it opens on the report of the page's scope, else the newest.

Rendered as escaped HTML tables keyed by the template's canonical rows and columns; when
the library kept the original file, 「查看原文」 links open it (a failed check that quotes a
sentence of a PDF opens at its page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.links import cell_anchor, cell_key, report_source_url, report_view_url
from index.errors import NotFoundError
from index.models import Fact, Report
from index.records import CatalogEntry
from index.template import (
    GROUPS,
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    TABLE_TITLES,
    column_label,
    row_label,
    table2_rows,
    table3_rows,
)
from ui.web.context import WebContext
from ui.web.safe import esc, source_link
from ui.web.service import listed_agency, scope_of

HINT = "选择一份报告，查看解析出的表格。红色单元格表示未通过勾稽关系校验。"
# each table scrolls sideways on its own on a narrow screen, its row labels kept in view
SCROLL = '<div class="table-scroll" role="region" tabindex="0" aria-label="表格（可左右滑动）">'
LEGEND = "说明：红色 = 未通过校验的单元格；斜体 = 由分项相加得出（报告未印出）；空白 = 报告中没有这一项。"


def _newest_first(entries: Sequence[CatalogEntry]) -> list[CatalogEntry]:
    return sorted(entries, key=lambda e: (-e.year, e.agency))


def report_choices(entries: Sequence[CatalogEntry]) -> list[tuple[str, str]]:
    """(「2024年 某某局」, report id), newest year first."""
    return [(f"{e.year}年 {e.agency}", e.report_id) for e in _newest_first(entries)]


def default_report(entries: Sequence[CatalogEntry], agency: str | None = None,
                   year: str | int | None = None) -> str | None:
    """The report the tab opens on: the scope's (agency and year, as the pickers or a link pin
    them), else that agency's newest, else the newest report of that year, else the newest."""
    scope = scope_of(agency, year)
    name = listed_agency(entries, scope.agency)
    wanted = (
        [e for e in entries if e.agency == name and e.year == scope.year],
        [e for e in entries if e.agency == name],
        [e for e in entries if e.year == scope.year],
        list(entries),
    )
    for candidates in wanted:
        if candidates:
            return max(candidates, key=lambda e: (e.year, e.ingested_at)).report_id
    return None


def _failed_cells(report: Report) -> set[str]:
    return {cell for check in report.failed_checks for cell in check.cells}


def _cell(report: Report, failed: set[str], table: str, row: str, column: str,
          cited: str = "") -> str:
    fact: Fact | None = report.fact(table, row, column)
    classes = ["num"]
    key = cell_key(table, row, column)
    if key in failed:
        classes.append("failed")
    if key == cited:
        classes.append("cited")
    elif cited and cited.rpartition(".")[0] == f"{table}.{row}":
        classes.append("cited-row")  # the rest of the cited row, to read across
    if fact is not None and fact.status == "derived":
        classes.append("derived")
    text = "" if fact is None else str(fact.value)
    title = f' title="{esc(fact.note)}"' if fact is not None and fact.note else ""
    return f'<td id="{cell_anchor(table, row, column)}" class="{" ".join(classes)}"{title}>{esc(text)}</td>'


def _table3_row_keys(report: Report) -> list[tuple[str, str, int]]:
    """(key, label, indent) in printed order, with derived group totals before their items."""
    keys: list[tuple[str, str, int]] = []
    seen_groups: set[str] = set()
    for spec in table3_rows(report.template):
        if spec.group and spec.group not in seen_groups:
            seen_groups.add(spec.group)
            keys.append((spec.group, GROUPS[spec.group], 1))
        keys.append((spec.key, spec.label, 2 if spec.group else (1 if spec.header_path else 0)))
    return keys


def table3_html(report: Report, failed: set[str], cited: str = "") -> str:
    head = "".join(f"<th>{esc(label)}</th>" for _, label in TABLE3_COLUMNS)
    body = []
    for key, label, indent in _table3_row_keys(report):
        cells = "".join(_cell(report, failed, "三", key, col, cited) for col, _ in TABLE3_COLUMNS)
        pad = "&nbsp;" * (indent * 3)
        body.append(f'<tr data-row="{esc(key)}"><th scope="row">{pad}{esc(label)}</th>{cells}</tr>')
    return (f"<h3>{esc(TABLE_TITLES['三'])}</h3>{SCROLL}<table class=\"t3\"><thead><tr><th>项目</th>{head}</tr>"
            f"</thead><tbody>{''.join(body)}</tbody></table></div>")


def table4_html(report: Report, failed: set[str], cited: str = "") -> str:
    head = "".join(f"<th>{esc(label)}</th>" for _, label in TABLE4_COLUMNS)
    body = "".join(
        f'<tr><th scope="row">{esc(label)}</th>'
        + "".join(_cell(report, failed, "四", key, col, cited) for col, _ in TABLE4_COLUMNS) + "</tr>"
        for key, label in TABLE4_GROUPS
    )
    return (f"<h3>{esc(TABLE_TITLES['四'])}</h3>{SCROLL}<table class=\"t4\"><thead><tr><th></th>{head}</tr>"
            f"</thead><tbody>{body}</tbody></table></div>")


def table2_html(report: Report, failed: set[str], cited: str = "") -> str:
    body = []
    for spec in table2_rows(report.template):
        for col, col_label in spec.columns:
            body.append(f"<tr><td>{esc(spec.article)}</td><th scope='row'>{esc(spec.label)}</th>"
                        f"<td>{esc(col_label)}</td>{_cell(report, failed, '二', spec.key, col, cited)}</tr>")
    return (f"<h3>{esc(TABLE_TITLES['二'])}</h3>{SCROLL}<table class=\"t2\"><thead><tr><th>条款</th>"
            f"<th>信息内容</th><th>项目</th><th>数值</th></tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def checks_html(report: Report, kept: bool = False) -> str:
    failed = report.failed_checks
    if not failed:
        return f"<p>勾稽关系校验：全部 {len(report.checks)} 项通过。</p>"

    def link(check: Any) -> str:
        if not kept or check.source is None:
            return ""
        return " " + source_link(report_source_url(report, check.source))

    items = "".join(f'<li class="failed">{esc(c.detail)}{link(c)}</li>' for c in failed)
    return f"<h3>未通过的校验（{len(failed)} 项）</h3><ul>{items}</ul>"


def report_html(report: Report, kept: bool = False, cited: str = "", *,
                own_page_link: bool = False) -> str:
    """The report's tables; `kept`: the library has its original file (links to it);
    `cited`: a cell key (「三.denied.state_secret.total」) to highlight."""
    failed = _failed_cells(report)
    link = f"　{source_link(report_source_url(report))}" if kept else ""
    if own_page_link:
        link += "　" + source_link(report_view_url(report.id), "在新窗口打开（便于打印）", "page-link",
                                   "在新窗口中单独打开这份报告的表格")
    warnings = "".join(f"<li>{esc(w)}</li>" for w in report.warnings)
    parts = [
        f"<h2>{esc(report.title or report.agency)}</h2>",
        f"<p>机关：{esc(report.agency)}　年度：{report.year}　格式：{esc(report.template)}版"
        f"　来源文件：{esc(report.source_name)}{link}</p>",
        checks_html(report, kept), f'<p class="legend">{esc(LEGEND)}</p>',
        f"<h3>解析提示</h3><ul>{warnings}</ul>" if warnings else "",
        table2_html(report, failed, cited), table3_html(report, failed, cited),
        table4_html(report, failed, cited),
    ]
    return f'<div class="report-grid">{"".join(parts)}</div>'


def cited_cell_note(report: Report, cited: str) -> str:
    """「引用的那一格：表三 · 2.没有现成信息需要另行制作 · 总计 ＝ 2」 for the page's banner."""
    table, _, rest = cited.partition(".")
    row, _, column = rest.rpartition(".")
    fact = report.fact(table, row, column)
    if fact is None:
        return ""
    names = f"表{table} · {row_label(table, row)} · {column_label(table, row, column)}"
    return f"引用的那一格（黄色框）：{names} ＝ {fact.value}"


def has_source(ctx: WebContext, report_id: str) -> bool:
    try:
        return ctx.assistant.source_file(report_id).is_file()
    except NotFoundError:
        return False


@dataclass(frozen=True)
class ReportTab:
    """The tab's picker, and the handlers the chat page wires to its scope pickers:
    `fill` (after the page's load: the choices, opened on the scope's report) and
    `follow` (the reader pins another agency or year: that report)."""

    picker: gr.Dropdown
    fill: Any
    follow: Any


def build_report_tab(ctx: WebContext) -> ReportTab:
    picker = gr.Dropdown([], label="报告", elem_id="pick-report", value=None)
    view = gr.HTML(f"<p>{esc(HINT)}</p>", elem_id="report-view")

    def show(report_id: str | None) -> str:
        if not report_id:
            return f"<p>{esc(HINT)}</p>"
        try:
            report = ctx.assistant.report(report_id)
        except NotFoundError:
            return f'<p class="err">这份报告已不在库中，请重新选择。</p><p>{esc(HINT)}</p>'
        return report_html(report, has_source(ctx, report_id), own_page_link=True)

    def fill(agency: str | None, year: str | None) -> Any:
        entries = ctx.assistant.reports()
        return gr.update(choices=report_choices(entries), value=default_report(entries, agency, year))

    def follow(agency: str | None, year: str | None) -> Any:
        if not scope_of(agency, year).agency:  # 全部机关: keep the report the reader has open
            return gr.update()
        return gr.update(value=default_report(ctx.assistant.reports(), agency, year))

    picker.change(show, [picker], [view])
    return ReportTab(picker, fill, follow)
