"""Table 三 (收到和处理政府信息公开申请情况): pieces → rows, facts, checks, warnings."""

from __future__ import annotations

from dataclasses import dataclass

from index.models import FactStatus, CheckResult, Fact, Location, TableRow
from index.parsing.tables import checks
from index.parsing.tables.labels import OTHER_ITEM_MARKERS, trim_label
from index.parsing.tables.select import Reading, choose_readings, resolve
from index.parsing.tables.placement import UNPLACED_NOTE
from index.parsing.tables.stream import Piece, normalize, raw_text
from index.parsing.tables.table3_rows import (
    Assigned,
    Cells,
    RawRow,
    assign_rows,
    collect_rows,
)
from index.template import (
    GROUP_ITEMS,
    GROUPS,
    TABLE3_COLUMNS,
    TABLE3_ROWS_2019,
    TABLE3_ROWS_2021,
    RowSpec,
)

BLANK_TOTAL_NOTE = "总计栏空白（未填写），按本行六个申请人类别相加得出"
EMPTY_ROW_NOTE = "本行没有印出任何数字（各栏空白），按空白栏计为0"
ALL = frozenset(range(7))


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


def _place(pieces: tuple[Piece, ...],
           layout: tuple[RowSpec, ...]) -> tuple[list[Assigned], dict[str, RawRow], list[RawRow]]:
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
    reading = choose_readings(placed, results)
    chosen = reading.chosen
    specs = {spec.key: spec for spec in layout}
    unsure = dict(reading.unsure)
    for a in placed:
        if not a.row.sums_ok:
            unsure[a.key] = ALL
    rows = [_table_row(a, chosen[a.key], specs[a.key], unsure.get(a.key, frozenset())) for a in placed]
    rows += [_group_row(g, row) for g, row in groups.items()]
    facts = [f for r in rows for f in r.facts]
    facts += _derived_groups(chosen, placed, layout, set(groups), unsure)
    grid = {key: resolve(cells) for key, cells in chosen.items()}
    derived = {k for k, cells in chosen.items() if cells[6] is None}
    labels = {spec.key: spec.label for spec in layout}
    found = (
        checks.check1(grid)
        + checks.check2(grid, results)
        + checks.check3({k: grid[k] for k in labels if k in grid}, labels, derived)
    )
    warnings = _warnings(placed, layout, reading, unsure, extra)
    return Table3(tuple(rows), tuple(facts), tuple(found), tuple(warnings), layout is TABLE3_ROWS_2021)


def _facts(key: str, label: str, cells: Cells, location: Location,
           unsure: frozenset[int] = frozenset(), why: str = "") -> list[Fact]:
    """`why`: the note of the values in `unsure` (why no reading fixes them)."""
    facts: list[Fact] = []
    applicants = [c or 0 for c in cells[:6]]
    empty = all(c is None for c in cells)
    for index, ((column, column_label), value) in enumerate(zip(TABLE3_COLUMNS, cells)):
        status: FactStatus = "printed"
        note = ""
        if value is None and column == "total":
            value, status = sum(applicants), "derived"
            note = EMPTY_ROW_NOTE if empty else BLANK_TOTAL_NOTE
        elif value is None:
            value, status = 0, "blank"
        if index in unsure and why:
            note = why
        facts.append(Fact("三", key, column, value, label, column_label, status, location, note=note,
                          uncertain=index in unsure))
    return facts


def _table_row(assigned: Assigned, cells: Cells, spec: RowSpec, unsure: frozenset[int]) -> TableRow:
    label = trim_label(assigned.label, spec.key) if assigned.label.strip() else spec.label
    location = assigned.row.piece.location
    why = UNPLACED_NOTE if assigned.row.placed and assigned.row.sums_ok else ""  # else: digits run together
    facts = _facts(spec.key, label, cells, location, unsure, why)
    raw = raw_text(assigned.row.piece, label)
    if assigned.row.empty:
        raw = assigned.row.label
    return TableRow("三", spec.key, label, spec.header_path, tuple(facts), location, raw)


def _group_row(group: str, row: RawRow) -> TableRow:
    location = row.piece.location
    facts = _facts(group, row.label, row.candidates[0], location)
    return TableRow("三", group, row.label, ("三、本年度办理结果",), tuple(facts), location, row.piece.raw)


def _derived_groups(
    chosen: dict[str, Cells], placed: list[Assigned], layout: tuple[RowSpec, ...],
    printed: set[str], unsure: dict[str, frozenset[int]],
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
                              uncertain=any(col in unsure.get(k, ()) for k in item_keys)))
    return facts


def _dropped_summary(dropped: list[Assigned], unsure: dict[str, frozenset[int]]) -> str:
    labels = "、".join(f"「{trim_label(a.label, a.key) if a.label else a.key}」" for a in dropped[:5])
    more = f"等 {len(dropped)} 行" if len(dropped) > 5 else ""
    totals = all(6 not in unsure[a.key] for a in dropped)
    settled = "各行的总计可以确定；" if totals else ""
    return (f"表三{labels}{more}只印出部分数字（空白栏未保留），勾稽关系无法唯一确定这些数字属于哪个"
            f"申请人类别：{settled}无法确定的栏不会作答，请核对原文")


def _warnings(
    placed: list[Assigned], layout: tuple[RowSpec, ...], reading: Reading,
    unsure: dict[str, frozenset[int]], extra: list[RawRow],
) -> list[str]:
    out: list[str] = []
    found = {a.key for a in placed}
    missing = [spec.label for spec in layout if spec.key not in found]
    if found and missing:
        out.append("表三（收到和处理政府信息公开申请情况）不完整，缺少以下行：" + "；".join(missing))
    names = {c: name for c, (_, name) in enumerate(TABLE3_COLUMNS)}
    dropped = [a for a in placed if a.row.sums_ok and a.key in unsure and a.row.placed]
    if len(dropped) > 2:
        out.append(_dropped_summary(dropped, unsure))
    for a in placed:
        label = trim_label(a.label, a.key) if a.label else a.key
        if not a.row.sums_ok:
            out.append(f"表三「{label}」的数字连写为「{a.row.piece.digits}」，"
                       "没有一种拆分能使本行各栏之和等于总计，读数可能有误，不会作答")
        elif a.key in unsure and a.row.placed:
            if len(dropped) > 2:
                continue
            printed = " ".join(t or "空" for t in a.row.piece.tokens) or a.row.piece.raw
            columns = "、".join(names[c] for c in sorted(unsure[a.key]))
            out.append(f"表三「{label}」只印出「{printed}」（空白栏未保留），数字所在的栏有多种可能、"
                       f"勾稽关系无法唯一确定：{columns}栏不会作答，请核对原文")
        elif a.key in unsure:
            out.append(f"表三「{label}」的数字连写为「{a.row.piece.digits}」，有多种拆分方式，"
                       "勾稽关系无法唯一确定，不确定的栏不会作答，请核对原文")
    placed_rows = [a for a in placed if a.row.placed and a.row.readings > 1 and a.key not in unsure]
    if placed_rows:
        out.append(f"表三有 {len(placed_rows)} 行印出的数字少于七栏（空白栏未保留），已按行内总计和表内勾稽关系"
                   "确定每个数字所在的栏")
    empty = [a for a in placed if all(c is None for c in reading.chosen[a.key])]
    if empty:
        out.append(f"表三有 {len(empty)} 行没有印出任何数字（各栏空白），按空白栏计为0："
                   + "；".join(trim_label(a.label, a.key) if a.label else a.key for a in empty[:6])
                   + ("…" if len(empty) > 6 else ""))
    if not reading.by_checks and any(a.row.placed for a in placed):
        out.append("表三的勾稽关系在任何读法下都不能全部成立，空白栏位置无法确定的数字不会作答")
    elif not reading.settled and len(dropped) <= 2:
        out.append("表三空白栏未保留的行太多，勾稽关系无法逐行确定数字所在的栏，这些数字不会作答")
    if extra:
        out.append(f"表三之后有 {len(extra)} 行多余的数字未能对应到模板行，已忽略")
    return out
