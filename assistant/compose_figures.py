"""Offline writing of figure answers: one report (figure, breakdown, yes/no), years
(compare, trend) and agencies (ranking). Every number goes through `Page` (cited) or is a
shown computation whose inputs are cited."""

from __future__ import annotations

from index.models import Report
from index.template import APPLICANT_COLUMNS, GROUPS, TABLE4_COLUMNS
from index.vocabulary import SYNONYMS, vocabulary

from assistant import prose
from assistant.draft import Page, fmt
from assistant.contradictions import contradicted
from assistant.facts import (
    Amount, LITIGATION_ROWS, cell_label, column_name, group_items, lookup, plain_label,
    table2_row_facts, template_label,
)
from assistant.understanding.intent import Query
from assistant.understanding.metric import LEGAL_PERSON, LITIGATION, Cell

TEMPLATE_NAMES = {"2019": "2019年试行格式", "2021": "2021年修订格式", "free-form": "非统一格式"}
RESULT_COLUMNS = tuple(k for k, _ in TABLE4_COLUMNS if k != "total")
ITEM_LIMIT = 8
RESULT_ROWS = ("granted", "partially_granted", *GROUPS)


def basis(q: Query) -> str:
    """「（按年报口径，「拒绝」即“（三）不予公开”）」 when citizen words were mapped."""
    own = {w for c in q.cells for w in vocabulary().term(c.key).words}
    mapped = [w for w in q.words if w in SYNONYMS and w not in SYNONYMS[w][0]
              and w in own]  # a word of a figure stated, not of one dropped (「申请的」)
    if not mapped or not q.cells:
        return ""
    return f"（按年报口径，“{mapped[0]}”指“{'、'.join(SYNONYMS[mapped[0]])}”）"


def subject(report: Report) -> str:
    return f"{report.year}年，{report.agency}"


def describe(cell: Cell, column: str) -> str:
    """Human name of what a cell counts: 「不予公开（自然人）」."""
    label = cell_label(cell)
    if cell.table == "三" and cell.row.split(".")[0] in RESULT_ROWS:
        label += "的申请"
    if cell.table == "三" and column not in ("", "total"):
        return f"{label}（{column_name(Cell('三', cell.row, column))}）"
    if cell.table == "二":
        return f"{label}{column_name(Cell('二', cell.row, column))}"
    if cell.table == "四" and column not in ("", "total"):  # 「行政复议结果纠正」, not 「行政复议」
        return f"{label}{column_name(Cell('四', cell.row, column))}"
    return label


def amount_text(page: Page, a: Amount) -> str:
    """「0 件（（三）不予公开各小项相加[1–8]）」 etc.: a figure with its basis."""
    text = page.amount(a)
    if a.kind == "fact" and a.parts[0].status == "blank":
        text += "（表中该栏空白，按零计）"
    if a.kind == "sum" and a.cell.row in GROUPS:
        text = f"{text}（表三“{GROUPS[a.cell.row]}”各小项相加）"
    elif a.kind == "derived_total":
        applicants = [f for f in a.parts if f.column != "total"]
        parts = "、".join(f"{f.column_label} {page.fact(a.report, f)}" for f in applicants)
        total = next((f for f in a.parts if f.column == "total"), None)
        cited = page.book.markers(a.report, (total,)) if total is not None else ""
        text = f"{fmt(a.value)} {a.unit}{cited}（报告总计栏空白，按申请人类别相加：{parts}）"
    elif a.kind == "sum" and a.cell.row == LITIGATION:
        text = f"{text}（直接起诉与复议后起诉相加）"
    elif a.kind == "sum" and a.cell.table == "四":
        text = f"{text}（各项结果相加）"
    elif a.kind == "sum" and a.cell.column == LEGAL_PERSON:
        shown = "、".join(f"{f.column_label} {page.fact(a.report, f)}" for f in a.parts if f.value)
        text = f"{text}（法人或其他组织各类相加：{shown}）" if shown else text
    if a.printed is not None:
        text += f"；报告另印该项合计为 {page.fact(a.report, a.printed)}，与各小项之和不一致"
    return text


def group_detail(page: Page, report: Report, group: str, column: str, *, all_items: bool = False) -> str:
    """「其中：属于国家秘密 14 件[1]、…」 for the non-zero items of a group."""
    shown = []
    for key in group_items(report, group):
        a = lookup(report, Cell("三", key, column))
        if a is not None and (a.value or all_items):
            shown.append(f"“{plain_label(template_label(a.cell))}” {amount_text(page, a)}")
    return "其中" + "、".join(shown[:ITEM_LIMIT]) if shown else ""


def table3_sentence(page: Page, report: Report, cell: Cell, column: str, detail: bool = True) -> str:
    a = lookup(report, cell, column)
    if a is None:
        return ""
    text = f"{describe(cell, a.cell.column)}为 {amount_text(page, a)}"
    if cell.row not in GROUPS:
        text += f"（表三“{plain_label(template_label(cell))}”{column_name(a.cell)}栏）"
    if detail and cell.row in GROUPS and a.value:
        items = group_detail(page, report, cell.row, a.cell.column)
        text += f"，{items}" if items else ""
    return text


def applicant_breakdown(page: Page, report: Report, cell: Cell) -> str:
    """「按申请人：自然人 705 件[1]、商业企业 3 件[2]…」 for a table 三 row (non-zero columns)."""
    if cell.table != "三" or cell.row in GROUPS:
        return ""
    shown = []
    for column, label in APPLICANT_COLUMNS:
        a = lookup(report, Cell("三", cell.row, column))
        if a is not None and a.value:
            shown.append(f"{label} {page.amount(a)}")
    return "按申请人类别：" + "、".join(shown) if shown else ""


def table4_row(page: Page, report: Report, row: str, asked: str) -> str:
    total = lookup(report, Cell("四", row, "total"))
    if total is None:
        return ""
    parts = []
    for col in RESULT_COLUMNS:
        a = lookup(report, Cell("四", row, col))
        if a is not None and (a.value or col == asked):
            parts.append(f"{column_name(a.cell)} {page.amount(a)}")
    name = cell_label(Cell("四", row))
    text = f"{name}总计 {amount_text(page, total)}"
    text += "：" + "、".join(parts) if parts else ""
    if asked and row != LITIGATION and (a := lookup(report, Cell("四", row, asked))) is not None:
        text = f"{name}{column_name(a.cell)} {page.amount(a)}（{text}）"
    return text


def table4_sentence(page: Page, report: Report, cell: Cell) -> str:
    asked = cell.column if cell.column not in ("", "total") else ""
    if cell.row != LITIGATION:
        return table4_row(page, report, cell.row, asked)
    rows = [table4_row(page, report, r, asked) for r in LITIGATION_ROWS]
    total = lookup(report, Cell("四", LITIGATION, "total"))
    text = "；".join(r for r in rows if r)
    if total is not None:
        parts = [f for r in LITIGATION_ROWS if (f := lookup(report, Cell("四", r, "total"))) is not None]
        inputs = " + ".join(fmt(f.value) for f in parts)
        shown = f"{inputs} = " if len(parts) > 1 else ""
        text += f"；行政诉讼两类合计 {shown}{page.computation(total.value)} 件"
    if asked and asked != "total":
        both = lookup(report, Cell("四", LITIGATION, asked))
        if both is not None:
            text += f"，其中{column_name(Cell('四', '', asked))}合计 {page.computation(both.value)} 件"
    return text


def table2_sentence(page: Page, report: Report, cell: Cell) -> str:
    if not cell.column:  # 「规范性文件呢」: the whole row (制发、废止、现行有效)
        facts = table2_row_facts(report, cell.row)
        if len(facts) > 1:
            shown = "、".join(f"{_column_text(f.column_label)} {page.fact(report, f)}" for f in facts)
            return f"{plain_label(facts[0].label) or cell_label(cell)}：{shown}（表二）"
        if len(facts) == 1:
            cell = Cell("二", cell.row, facts[0].column)
    a = lookup(report, cell)
    if a is not None:
        fact = a.parts[0]
        column = _column_text(fact.column_label)
        return f"{plain_label(fact.label) or cell_label(cell)}的{column}为 {page.amount(a)}（表二）"
    facts = table2_row_facts(report, cell.row)
    if not facts:
        return ""
    shown = "、".join(f"{f.column_label} {page.fact(report, f)}" for f in facts)
    asked = column_name(cell)
    form = TEMPLATE_NAMES.get(report.template, report.template)
    return (f"表二“{cell_label(cell)}”一行没有“{asked}”这一栏（该报告为{form}），"
            f"报告所列为：{shown}")


def _column_text(label: str) -> str:
    return label.split("（单位")[0].split("(单位")[0]


def cell_sentence(page: Page, report: Report, cell: Cell, column: str) -> str:
    if cell.table == "三":
        return table3_sentence(page, report, cell, column)
    if cell.table == "四":
        return table4_sentence(page, report, cell)
    return table2_sentence(page, report, cell)


def companion_sentence(page: Page, report: Report, cell: Cell, column: str) -> str:
    a = lookup(report, cell, column)
    if a is None:
        return ""
    if cell.row == "carried_over" and not a.value:
        return ""
    text = f"{describe(cell, a.cell.column)} {amount_text(page, a)}"
    if cell.row in GROUPS and a.value:
        items = group_detail(page, report, cell.row, a.cell.column)
        text += f"（{items}）" if items else ""
    return text


def review_quote(page: Page, report: Report, query: Query) -> str:
    """「报告正文：“…均获维持…”[n]」 for a table 四 question when the report's text bears on
    it and is not contradicted by the table (a contradiction is a failed prose check, which
    `contradictions.notes` writes)."""
    rows = {c.row for c in query.cells if c.table == "四"}
    if not rows:
        return ""
    found = prose.matching([report], prose.REVIEW_PATTERN, k=1, prefer_section="一",
                           prefer=prose.STRONG_REVIEW,
                           require="复议" if rows == {"reconsideration"} else "")
    if not found or not prose.STRONG_REVIEW.search(found[0].text):
        return ""
    if contradicted(report, found[0].text):
        return ""
    return f"报告正文：{page.sentence(found[0])}"
