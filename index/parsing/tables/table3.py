"""Table 三 (收到和处理政府信息公开申请情况): pieces → rows, facts, checks, warnings."""

from __future__ import annotations

from dataclasses import dataclass

from index.models import CheckResult, Fact, FactStatus, Location, TableRow, uncertain_row
from index.parsing.tables import checks
from index.parsing.tables.labels import OTHER_ITEM_MARKERS, trim_label
from index.parsing.tables.select import choose_readings, resolve
from index.parsing.tables.stream import Piece, normalize, raw_text
from index.parsing.tables.table3_rows import Assigned, Cells, RawRow, assign_rows, collect_rows
from index.template import (
    GROUP_ITEMS,
    GROUPS,
    TABLE3_COLUMNS,
    TABLE3_ROWS_2019,
    TABLE3_ROWS_2021,
    RowSpec,
)

BLANK_TOTAL_NOTE = "总计栏空白（未填写），按本行六个申请人类别相加得出"


@dataclass(frozen=True)
class Table3:
    rows: tuple[TableRow, ...]
    facts: tuple[Fact, ...]
    checks: tuple[CheckResult, ...]
    warnings: tuple[str, ...]
    has_other_items: bool


def layout_for(pieces: tuple[Piece, ...], hint: str = "") -> tuple[RowSpec, ...]:
    """2021 rows when （六） has items 1–3 in the source; the single （六） row when it is
    printed without items (or, the table being cut off before it, for a 2019 report)."""
    text = "".join(normalize(p.text) for p in pieces if p.kind != "numbers")
    if any(marker in text for marker in OTHER_ITEM_MARKERS):
        return TABLE3_ROWS_2021
    if "其他处理" in text or hint == "2019":
        return TABLE3_ROWS_2019
    return TABLE3_ROWS_2021


def _place(pieces: tuple[Piece, ...], layout: tuple[RowSpec, ...]
           ) -> tuple[list[Assigned], dict[str, RawRow], list[RawRow]]:
    """Table rows alone first (prose numbers stay out); add text number runs when the
    rows do not fill the table (flattened text, PDF page text)."""
    from_rows = assign_rows(collect_rows(pieces, use_text_numbers=False), layout)
    if len(from_rows[0]) == len(layout):
        return from_rows
    from_all = assign_rows(collect_rows(pieces, use_text_numbers=True), layout)
    return from_all if len(from_all[0]) > len(from_rows[0]) else from_rows


def read_table3(pieces: tuple[Piece, ...], hint: str = "") -> Table3:
    layout = layout_for(pieces, hint)
    placed, groups, extra = _place(pieces, layout)
    results = checks.result_rows(layout)
    chosen, unsure = choose_readings(placed, results)
    specs = {spec.key: spec for spec in layout}
    guessed = set(unsure) | {a.key for a in placed if not a.row.sums_ok}
    rows = [_table_row(a, chosen[a.key], specs[a.key]) for a in placed]
    rows = [uncertain_row(r) if r.key in guessed else r for r in rows]
    rows += [_group_row(g, row) for g, row in groups.items()]
    facts = [f for r in rows for f in r.facts]
    facts += _derived_groups(chosen, placed, layout, set(groups), guessed)
    grid = {key: resolve(cells) for key, cells in chosen.items()}
    derived = {k for k, cells in chosen.items() if cells[6] is None}
    labels = {spec.key: spec.label for spec in layout}
    found = (
        checks.check1(grid)
        + checks.check2(grid, results)
        + checks.check3({k: grid[k] for k in labels if k in grid}, labels, derived)
    )
    warnings = _warnings(placed, layout, unsure, extra)
    return Table3(tuple(rows), tuple(facts), tuple(found), tuple(warnings), layout is TABLE3_ROWS_2021)


def _facts(key: str, label: str, cells: Cells, location: Location) -> list[Fact]:
    facts: list[Fact] = []
    applicants = [c or 0 for c in cells[:6]]
    for (column, column_label), value in zip(TABLE3_COLUMNS, cells):
        status: FactStatus = "printed"
        note = ""
        if value is None and column == "total":
            value, status, note = sum(applicants), "derived", BLANK_TOTAL_NOTE
        elif value is None:
            value, status = 0, "blank"
        facts.append(Fact("三", key, column, value, label, column_label, status, location, note=note))
    return facts


def _table_row(assigned: Assigned, cells: Cells, spec: RowSpec) -> TableRow:
    label = trim_label(assigned.label, spec.key) if assigned.label.strip() else spec.label
    location = assigned.row.piece.location
    facts = _facts(spec.key, label, cells, location)
    raw = raw_text(assigned.row.piece, label)
    return TableRow("三", spec.key, label, spec.header_path, tuple(facts), location, raw)


def _group_row(group: str, row: RawRow) -> TableRow:
    location = row.piece.location
    facts = _facts(group, row.label, row.candidates[0], location)
    return TableRow("三", group, row.label, ("三、本年度办理结果",), tuple(facts), location, row.piece.raw)


def _derived_groups(
    chosen: dict[str, Cells], placed: list[Assigned], layout: tuple[RowSpec, ...],
    printed: set[str], guessed: set[str],
) -> list[Fact]:
    keys = {spec.key for spec in layout}
    locations = {a.key: a.row.piece.location for a in placed}
    facts: list[Fact] = []
    for group, items in GROUP_ITEMS.items():
        item_keys = [f"{group}.{k}" for k, _ in items]
        if group in printed or not all(k in keys for k in item_keys):
            continue
        if not all(k in chosen for k in item_keys):
            continue
        values = [resolve(chosen[k]) for k in item_keys]
        for col, (column, column_label) in enumerate(TABLE3_COLUMNS):
            parts = [v[col] for v in values]
            note = "由各项相加得出：" + " + ".join(
                f"{label} {p}" for (_, label), p in zip(items, parts)
            ) + f" = {sum(parts)}"
            facts.append(Fact("三", group, column, sum(parts), GROUPS[group], column_label,
                              "derived", locations[item_keys[0]], note=note,
                              uncertain=any(k in guessed for k in item_keys)))
    return facts


def _warnings(
    placed: list[Assigned], layout: tuple[RowSpec, ...], unsure: list[str], extra: list[RawRow]
) -> list[str]:
    out: list[str] = []
    found = {a.key for a in placed}
    missing = [spec.label for spec in layout if spec.key not in found]
    if found and missing:
        out.append("表三（收到和处理政府信息公开申请情况）不完整，缺少以下行：" + "；".join(missing))
    by_key = {a.key: a for a in placed}
    for key in unsure:
        a = by_key[key]
        if all(sum(v is None for v in c) == 1 for c in a.row.candidates):  # one blank cell
            out.append(f"表三「{a.label or key}」只印出六个数字「{' '.join(a.row.piece.tokens)}」"
                       "（有一栏空白），空白栏的位置有多种可能，勾稽关系无法唯一确定，"
                       "已按最可能的读法取值，请核对原文")
            continue
        out.append(f"表三「{a.label or key}」的数字连写为「{a.row.piece.digits}」，有多种拆分方式，"
                   "勾稽关系无法唯一确定，已按最可能的读法取值，请核对原文")
    for a in placed:
        if not a.row.sums_ok:
            out.append(f"表三「{a.label or a.key}」的数字连写为「{a.row.piece.digits}」，"
                       "没有一种拆分能使本行各栏之和等于总计，读数可能有误")
    two = [a for a in placed if a.row.piece.kind == "numbers" and len(a.row.piece.tokens) == 2
           and a.row.candidates[0][1] is None]
    if two:
        out.append(f"表三有 {len(two)} 行只印出两个数字（法人或其他组织各栏空白），"
                   "已按「自然人」和「总计」读取，请核对原文")
    if extra:
        out.append(f"表三之后有 {len(extra)} 行多余的数字未能对应到模板行，已忽略")
    return out
