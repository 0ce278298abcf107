"""Table 四 (行政复议、行政诉讼): fifteen numbers, three groups of four results + 总计."""

from __future__ import annotations

from dataclasses import dataclass

from index.models import CheckResult, Fact, FactStatus, Location, TableRow, uncertain_row
from index.parsing.tables.checks import check4
from index.parsing.tables.digits import grouped_splits
from index.parsing.tables.placement import UNPLACED_NOTE, grid_positions, grouped_placements
from index.parsing.tables.stream import (
    Piece,
    int_cell,
    is_blank_cell,
    normalize,
    raw_text,
)
from index.template import TABLE4_COLUMNS, TABLE4_GROUPS

CELLS = 15
GROUP = 5
HEADER = "四、政府信息公开行政复议、行政诉讼情况"


@dataclass(frozen=True)
class Value:
    value: int | None  # None = blank
    piece: Piece
    uncertain: bool = False  # blank cells were dropped and the checks cannot place this one


@dataclass(frozen=True)
class Table4:
    rows: tuple[TableRow, ...]
    facts: tuple[Fact, ...]
    checks: tuple[CheckResult, ...]
    warnings: tuple[str, ...]


def _row_values(piece: Piece) -> list[Value]:
    vals = list(piece.values)
    if not any(v for v in vals) or not all(is_blank_cell(v) or _is_int(v) for v in vals):
        return []
    while len(vals) > CELLS and vals[0] == "":
        vals.pop(0)
    while len(vals) > CELLS and vals[-1] == "":
        vals.pop()
    return [Value(int_cell(v) if v else None, piece) for v in vals]


def _is_int(text: str) -> bool:
    return int_cell(text) is not None


def _from_rows(pieces: tuple[Piece, ...]) -> list[Value]:
    values: list[Value] = []
    for piece in pieces:
        if piece.kind == "row" and len(values) < CELLS:
            values.extend(_row_values(piece))
    return values[:CELLS] if len(values) >= CELLS else []


def _from_text(pieces: tuple[Piece, ...]) -> tuple[list[Value], list[str]]:
    runs = [p for p in pieces if p.kind == "numbers" and not p.in_parens
            and all(t.isdigit() or not t for t in p.tokens)]
    tokens = [(t, p) for p in runs for t in p.tokens]
    if len(tokens) == CELLS:
        return [Value(int(t) if t else None, p) for t, p in tokens], []
    if 0 < len(tokens) < CELLS and all(p.whole_line and len(p.tokens) == 1 for p in runs):
        return _grid(pieces, runs) or _dropped_blanks(tokens)
    runs = [p for p in runs if all(t.isdigit() for t in p.tokens)]
    for count in range(1, len(runs) + 1):  # shortest prefix of runs that splits
        digits = "".join(p.digits for p in runs[:count])
        found = grouped_splits(digits, 3)
        if found:
            warn = [] if len(found) == 1 else [
                f"表四数字连写为「{digits}」，有 {len(found)} 种拆分方式，已取第一种，请核对原文"
            ]
            return [Value(v, runs[0]) for v in found[0]], warn
    if len(tokens) > CELLS:
        return [Value(int(t), p) for t, p in tokens[:CELLS]], ["表四数字多于15个，已取前15个，请核对原文"]
    return [], []


def _grid(pieces: tuple[Piece, ...], runs: list[Piece]) -> tuple[list[Value], list[str]] | None:
    """Numbers one a line whose empty lines kept the blank cells: placed by line number
    when one regular grid of fifteen slots fits between the header and the next text."""
    first, last = pieces.index(runs[0]), pieces.index(runs[-1])
    start = next((p for p in reversed(pieces[:first]) if p.kind == "text"), None)
    end = next((p for p in pieces[last + 1:] if p.kind == "text"), None)
    lines = [p.location.line for p in runs]
    if start is None or end is None or start.location.line is None or end.location.line is None \
            or any(x is None for x in lines) or not all(p.tokens[0] for p in runs):
        return None
    slots = grid_positions(lines, start.location.line, end.location.line, CELLS)  # type: ignore[arg-type]
    if slots is None:
        return None
    cells: list[int | None] = [None] * CELLS
    for slot, piece in zip(slots, runs):
        cells[slot] = int(piece.tokens[0])
    for g in range(len(TABLE4_GROUPS)):
        group = cells[g * GROUP:(g + 1) * GROUP]
        if group[4] is not None and sum(c or 0 for c in group[:4]) != group[4]:
            return None  # the grid breaks check 4: not the table's grid
    return [Value(v, runs[0]) for v in cells], []


def _dropped_blanks(tokens: list[tuple[str, Piece]]) -> tuple[list[Value], list[str]]:
    """Fewer than fifteen numbers, one a line: the blank cells were dropped. Each cell is
    stated only when every placement that satisfies check 4 gives it the same value."""
    values = tuple(int(t) if t else None for t, _ in tokens)
    readings = grouped_placements(values, len(TABLE4_GROUPS), GROUP)
    if not readings:
        return [], ["表四只印出部分数字（空白栏未保留），可能的读法太多，未能读取"]
    resolved = [_resolve(r) for r in readings]
    unsure = {i for i in range(CELLS) if len({r[i] for r in resolved}) > 1}
    piece = tokens[0][1]
    cells = [Value(v, piece, uncertain=i in unsure) for i, v in enumerate(readings[0])]
    warnings = []
    if unsure:
        printed = " ".join(t or "空" for t, _ in tokens)
        warnings.append(f"表四只印出「{printed}」（空白栏未保留），无法确定这些数字所在的栏，"
                        f"其中 {len(unsure)} 栏不会作答，请核对原文")
    return cells, warnings


def _resolve(cells: tuple[int | None, ...]) -> tuple[int, ...]:
    out: list[int] = []
    for g in range(len(TABLE4_GROUPS)):
        group = cells[g * GROUP:(g + 1) * GROUP]
        results = [c or 0 for c in group[:4]]
        out += [*results, group[4] if group[4] is not None else sum(results)]
    return tuple(out)


def _is_table(pieces: tuple[Piece, ...]) -> bool:
    """The region holds table 四's header, not just prose about 行政复议."""
    text = "".join(normalize(p.text) for p in pieces if p.kind != "numbers")
    return "维持" in text and ("纠正" in text or "审结" in text)


def read_table4(pieces: tuple[Piece, ...]) -> Table4:
    if not _is_table(pieces):
        return Table4((), (), (), ())
    values = _from_rows(pieces)
    warnings: list[str] = []
    if not values:
        values, warnings = _from_text(pieces)
    if len(values) < CELLS:
        return Table4((), (), (), ("未能读取表四（行政复议、行政诉讼情况）的15个数字",))
    rows, resolved = [], {}
    for index, (group, label) in enumerate(TABLE4_GROUPS):
        cells = values[index * GROUP:(index + 1) * GROUP]
        facts = _facts(group, label, cells)
        resolved[group] = tuple(int(f.value) for f in facts)
        location = cells[0].piece.location
        raw = " ".join(dict.fromkeys(raw_text(c.piece, label) for c in cells))
        rows.append(TableRow("四", group, label, (HEADER,), tuple(facts), location, raw))
    if warnings and not any(v.uncertain for v in values):
        rows = [uncertain_row(r) for r in rows]
    facts_all = tuple(f for r in rows for f in r.facts)
    return Table4(tuple(rows), facts_all, tuple(check4(resolved)), tuple(warnings))


def _facts(group: str, label: str, cells: list[Value]) -> list[Fact]:
    results = [c.value or 0 for c in cells[:4]]
    printed_results = any(c.value is not None for c in cells[:4])
    facts: list[Fact] = []
    for (column, column_label), cell in zip(TABLE4_COLUMNS, cells):
        status: FactStatus = "printed"
        value, note = cell.value, ""
        if value is None and column == "total" and printed_results:
            value, status, note = sum(results), "derived", "总计栏空白，按四项结果相加得出"
        elif value is None:
            value, status = 0, "blank"
        if cell.uncertain:
            note = UNPLACED_NOTE
        facts.append(Fact("四", group, column, value, label, column_label, status,
                          _loc(cell), note=note, uncertain=cell.uncertain))
    return facts


def _loc(cell: Value) -> Location:
    return cell.piece.location
