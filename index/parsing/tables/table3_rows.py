"""Table 三: raw rows from the piece stream, and their assignment to template rows.

Rows are read in TEMPLATE ORDER: a row whose label names a template row (by keyword)
goes there; a row without a usable label (a bare `| 0 | 0 | … |`, digits under a label
that was printed elsewhere) goes to the next template row. Labels only move forward.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.parsing.tables.digits import free_splits, row_splits
from index.parsing.tables.labels import group_only, table3_keys
from index.parsing.tables.stream import Piece, int_cell
from index.template import RowSpec

Cells = tuple[int | None, ...]  # 7 cells: six applicant columns and 总计; None = blank
WIDTH = 7


@dataclass(frozen=True)
class RawRow:
    label: str
    candidates: tuple[Cells, ...]
    piece: Piece
    own_label: bool
    sums_ok: bool = True  # False when no split of run-together digits adds up


@dataclass(frozen=True)
class Assigned:
    key: str
    row: RawRow
    label: str  # label used for the fact: printed label, or "" when the row was bare


def row_cells(values: tuple[str, ...]) -> Cells | None:
    """Seven cells from a table row's value cells, or None when it is not a table 三 row."""
    vals = list(values)
    while len(vals) > WIDTH and vals[0] == "":
        vals.pop(0)
    while len(vals) > WIDTH and vals[-1] == "":
        vals.pop()
    if len(vals) not in (WIDTH - 1, WIDTH):
        return None
    if not all(v == "" or int_cell(v) is not None for v in vals):
        return None
    vals += [""] * (WIDTH - len(vals))
    return tuple(int_cell(v) if v else None for v in vals)


def run_candidates(tokens: tuple[str, ...]) -> tuple[tuple[Cells, ...], bool]:
    """Readings of a number run as one row; (candidates, whether they add up)."""
    if "" in tokens and all(t.isdigit() or not t for t in tokens):
        # blank cells printed as 「—」「/」 keep their places
        cells = tuple(int(t) if t else None for t in tokens)
        return ((cells,) if len(cells) == WIDTH else ()), True
    if not all(t.isdigit() for t in tokens):
        return (), True
    if len(tokens) == WIDTH:
        return (tuple(int(t) for t in tokens),), True
    digits = "".join(tokens)
    if len(tokens) == 2 and tokens[0] == tokens[1] and len(digits) < WIDTH:
        # page text of a row whose legal-person cells are blank: 自然人 and 总计 only
        return ((int(tokens[0]), None, None, None, None, None, int(tokens[1])),), True
    found = row_splits(digits) if len(digits) >= WIDTH else []
    if found:  # run-together digits first: 「0 0 0 0 0 00」 is seven zeros
        return tuple(found), True
    if len(tokens) == WIDTH - 1:
        return one_blank_readings(tuple(int(t) for t in tokens)), True
    if len(digits) < WIDTH:
        return (), True
    return tuple(free_splits(digits, WIDTH)), False


def one_blank_readings(values: tuple[int, ...]) -> tuple[Cells, ...]:
    """Six numbers printed apart (a borderless table's text): one of the seven cells is
    blank. When the last number is the sum of the others it is the printed 总计 and the
    blank is an applicant cell (one reading per distinct result, checks 1–2 choose);
    otherwise, and as the last resort, the blank is the 总计."""
    readings: list[Cells] = []
    seen: set[tuple[int, ...]] = set()
    if values[-1] == sum(values[:-1]) and any(values):  # six zeros: a 总计 column left blank
        for pos in reversed(range(WIDTH - 1)):
            cells = (*values[:pos], None, *values[pos:-1], values[-1])
            value = tuple(c or 0 for c in cells)
            if value not in seen:
                seen.add(value)
                readings.append(cells)
    readings.append((*values, None))
    return tuple(readings)


def merge_single_numbers(pieces: tuple[Piece, ...]) -> list[Piece]:
    """Numbers printed one per line (a cell per line) → one run of seven numbers."""
    out: list[Piece] = []
    buffer: list[Piece] = []
    for piece in pieces:
        if piece.kind == "numbers" and piece.whole_line and len(piece.tokens) == 1:
            buffer.append(piece)
            if len(buffer) == WIDTH:
                tokens = tuple(t for p in buffer for t in p.tokens)
                raw = " ".join(p.raw for p in buffer)
                out.append(Piece("numbers", buffer[0].location, raw, tokens=tokens, whole_line=True))
                buffer = []
            continue
        out.extend(buffer)
        buffer = []
        out.append(piece)
    return out + buffer


def collect_rows(pieces: tuple[Piece, ...], *, use_text_numbers: bool) -> list[RawRow]:
    rows: list[RawRow] = []
    pending: list[str] = []
    for piece in merge_single_numbers(pieces):
        if piece.kind == "text":
            pending.append(piece.text)
        elif piece.kind == "numbers":
            if not use_text_numbers or piece.in_parens:
                continue
            candidates, ok = run_candidates(piece.tokens)
            if candidates:
                rows.append(RawRow("".join(pending).strip(), candidates, piece, False, ok))
                pending = []
        else:
            cells = row_cells(piece.values)
            if cells is None or (all(c is None for c in cells) and not table3_keys(piece.text)):
                if piece.text:
                    pending.append(piece.text)
                continue
            label = piece.text or " ".join(pending).strip()
            rows.append(RawRow(label, (cells,), piece, bool(piece.text)))
            pending = []
    return rows


def assign_rows(
    rows: list[RawRow], layout: tuple[RowSpec, ...]
) -> tuple[list[Assigned], dict[str, RawRow], list[RawRow]]:
    """(rows placed in template slots, printed group totals, rows left over)."""
    order = {spec.key: i for i, spec in enumerate(layout)}
    placed: list[Assigned] = []
    groups: dict[str, RawRow] = {}
    extra: list[RawRow] = []
    pointer = 0
    for row in rows:
        group = group_only(row.label) if row.own_label else None
        if group and group not in order:
            groups[group] = row
            continue
        forward = [order[k] for k in table3_keys(row.label) if k in order and order[k] >= pointer]
        slot = min(forward) if forward else pointer
        if slot >= len(layout):
            extra.append(row)
            continue
        label = row.label if forward else ""
        placed.append(Assigned(layout[slot].key, row, label))
        pointer = slot + 1
    return placed, groups, extra
