"""Figures from facts, never from generated text.

`lookup(report, cell)` returns an `Amount`: one printed fact, or a sum the assistant added
up — a group total (（三）不予公开 = items 1–8), both kinds of 行政诉讼, the 法人或其他组织
columns, or a 总计 cell the report left blank. A sum keeps every fact it was added from, so
each input is cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from index.models import Fact, Report
from index.template import APPLICANT_COLUMNS, GROUP_ITEMS, GROUPS, column_label, row_label

from assistant.understanding.metric import LEGAL_PERSON, LITIGATION, Cell

ORG_COLUMNS = tuple(k for k, _ in APPLICANT_COLUMNS[1:])
LITIGATION_ROWS = ("litigation_direct", "litigation_after_reconsideration")
# Table 二 columns that mean the same across template versions (2021 ↔ 2019).
TABLE2_ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "issued": ("new_made", "new_published"), "new_made": ("issued",),
    "in_force": ("total_published",), "total_published": ("in_force",),
    "decisions": (), "amount": (), "items": (),
}
SUM, FACT, DERIVED_TOTAL = "sum", "fact", "derived_total"
RESULT_KEYS = ("upheld", "corrected", "other", "pending")  # table 四 results (总计 aside)

Number = int | Decimal


@dataclass(frozen=True)
class Amount:
    """A number an answer states. kind: fact (one cell), sum (added up by the assistant from
    `parts`), derived_total (a blank 总计 added up from the row's applicant cells)."""

    report: Report
    cell: Cell  # with the column resolved
    value: Number
    parts: tuple[Fact, ...]
    kind: str
    unit: str = "件"
    printed: Fact | None = None  # the printed cell when it disagrees with the sum

    @property
    def computed(self) -> bool:
        return self.kind != FACT

    @property
    def label(self) -> str:
        return cell_label(self.cell)


# How answers name table 三 rows (the template label is given as the basis).
TABLE3_NAMES: dict[str, str] = {
    "new_received": "本年新收政府信息公开申请", "carried_over": "上年结转申请",
    "granted": "予以公开", "partially_granted": "部分公开", "denied": "不予公开",
    "unable": "无法提供", "not_processed": "不予处理", "other": "其他处理",
    "total_handled": "办理结果总计", "carried_forward": "结转下年度继续办理",
}


def cell_label(cell: Cell) -> str:
    """Name of a row in an answer: 「不予公开」, 「无法提供（本机关不掌握相关政府信息）」."""
    if cell.row == LITIGATION:
        return "行政诉讼"
    if cell.table == "四":
        return row_label("四", cell.row)
    if cell.table == "三" and cell.row in TABLE3_NAMES:
        return TABLE3_NAMES[cell.row]
    if cell.table == "三" and "." in cell.row:
        group = cell.row.split(".")[0]
        return f"{TABLE3_NAMES.get(group, group)}（{plain_label(row_label('三', cell.row))}）"
    return plain_label(row_label(cell.table, cell.row))


def template_label(cell: Cell) -> str:
    """The printed template label: 「（三）不予公开」, 「1.属于国家秘密」."""
    if cell.row == LITIGATION:
        return "行政诉讼"
    return row_label(cell.table, cell.row)


def plain_label(label: str) -> str:
    """A template label without its list number: 「1.属于国家秘密」 → 「属于国家秘密」."""
    label = re.sub(r"^\s*\d+\s*[.．、]\s*", "", label)
    return re.sub(r"（区分处理的.*）$", "", label)


def column_name(cell: Cell) -> str:
    if cell.column == LEGAL_PERSON:
        return "法人或其他组织"
    label = column_label(cell.table, cell.row if cell.row != LITIGATION else "", cell.column)
    return re.sub(r"（单位：.*?）", "", label)


def group_items(report: Report, group: str) -> tuple[str, ...]:
    """Item row keys of a group present in the report (empty for 2019's single （六） row)."""
    keys = tuple(f"{group}.{k}" for k, _ in GROUP_ITEMS.get(group, ()))
    present = {f.row for f in report.facts}
    return tuple(k for k in keys if k in present)


def _sum(report: Report, cell: Cell, parts: list[Amount]) -> Amount:
    facts = tuple(f for p in parts for f in p.parts)
    unit = parts[0].unit if parts else "件"
    return Amount(report, cell, sum((p.value for p in parts), start=0), facts, SUM, unit)


def _one(report: Report, fact: Fact) -> Amount:
    cell = Cell(fact.table, fact.row, fact.column)
    return Amount(report, cell, fact.value, (fact,), FACT, fact.unit)


def _table3(report: Report, row: str, column: str) -> Amount | None:
    cell = Cell("三", row, column)
    if column == LEGAL_PERSON:
        parts = [a for c in ORG_COLUMNS if (a := _table3(report, row, c))]
        return _sum(report, cell, parts) if parts else None
    items = group_items(report, row) if row in GROUPS else ()
    if items:
        parts = [a for k in items if (a := _table3_cell(report, k, column))]
        amount = _sum(report, cell, parts)
        printed = report.fact("三", row, column)
        if printed and printed.status == "printed" and printed.value != amount.value:
            return Amount(report, cell, amount.value, amount.parts, SUM, amount.unit, printed)
        return amount
    return _table3_cell(report, row, column)


def _table3_cell(report: Report, row: str, column: str) -> Amount | None:
    fact = report.fact("三", row, column)
    if column != "total" or (fact and fact.status != "derived"):
        return _one(report, fact) if fact else None
    applicants = [f for c, _ in APPLICANT_COLUMNS if (f := report.fact("三", row, c))]
    if not applicants:
        return _one(report, fact) if fact else None
    nonzero = tuple(f for f in applicants if f.value)
    if not nonzero:
        nonzero = (fact,) if fact else tuple(applicants)
    elif fact is not None:
        nonzero = (fact, *nonzero)  # the blank 总计 cell itself is cited too (marked derived)
    value = sum((f.value for f in applicants), start=0)
    return Amount(report, Cell("三", row, "total"), value, nonzero, DERIVED_TOTAL)


def _table4(report: Report, row: str, column: str) -> Amount | None:
    if row == LITIGATION:
        parts = [a for r in LITIGATION_ROWS if (a := _table4(report, r, column))]
        return _sum(report, Cell("四", LITIGATION, column), parts) if parts else None
    fact = report.fact("四", row, column)
    if fact is not None and column == "total" and fact.status == "printed":
        results = [f for c in RESULT_KEYS if (f := report.fact("四", row, c)) is not None]
        summed = sum((f.value for f in results), start=0)
        if results and summed != fact.value:  # check 4 fails: the results, the printed total noted
            inputs = tuple(f for f in results if f.value) or tuple(results)
            return Amount(report, Cell("四", row, "total"), summed, inputs, SUM, fact.unit, fact)
    return _one(report, fact) if fact else None


def _table2(report: Report, row: str, column: str) -> Amount | None:
    for col in (column, *TABLE2_ALTERNATIVES.get(column, ())):
        fact = report.fact("二", row, col)
        if fact:
            return _one(report, fact)
    return None


def default_column(cell: Cell, column: str) -> str:
    """The column a cell means when the question names none (or names an applicant)."""
    if cell.column:
        return cell.column
    if cell.table == "三":
        return column or "total"
    if cell.table == "四":
        return "total"
    if column:
        return column
    from index.vocabulary import row as vocab_row

    return vocab_row(f"二.{cell.row}").column or "decisions"  # 规章 → 本年制发, 收费 → 金额


def lookup(report: Report, cell: Cell, column: str = "") -> Amount | None:
    col = default_column(cell, column)
    if cell.table == "三":
        return _table3(report, cell.row, col)
    if cell.table == "四":
        return _table4(report, cell.row, col)
    return _table2(report, cell.row, col)


def table2_row_facts(report: Report, row: str) -> tuple[Fact, ...]:
    return tuple(f for f in report.facts if f.table == "二" and f.row == row)
