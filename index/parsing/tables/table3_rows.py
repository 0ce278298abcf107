"""Table 三: raw rows from the piece stream, and their assignment to template rows.

Rows are read in TEMPLATE ORDER: a row whose label names a template row (by keyword)
goes there; a row without a usable label (a bare `| 0 | 0 | … |`, digits under a label
that was printed elsewhere) goes to the next template row. Labels only move forward.

Values come as table cells, as a run of numbers on a text line, or one number a line
(a crawler's or a copy's flattening of an HTML table). A row printing fewer values than
it has cells lost its blank cells: its values are placed by the checks
(index.parsing.tables.placement), never shifted. A label followed directly by the next
label printed no values at all: under the blank-cell rule it reads 0 (said so).
"""

from __future__ import annotations

from dataclasses import dataclass

from index.parsing.tables.digits import free_splits, row_splits
from index.parsing.tables.labels import group_only, table3_keys
from index.parsing.tables.placement import grid_positions, placements
from index.parsing.tables.stream import Piece, int_cell, normalize
from index.template import RowSpec

Cells = tuple[int | None, ...]  # 7 cells: six applicant columns and 总计; None = blank
WIDTH = 7
EMPTY: Cells = (None,) * WIDTH
_PLAIN_TOKEN_DIGITS = 4  # a number printed apart this long is one number, not digits run together


@dataclass(frozen=True)
class RawRow:
    label: str
    candidates: tuple[Cells, ...]
    piece: Piece
    own_label: bool
    sums_ok: bool = True  # False when no split of run-together digits adds up
    fallback: tuple[Cells, ...] = ()  # readings tried only when the checks fail with the others
    placed: bool = False  # values printed without their blank cells: positions are inferred
    empty: bool = False  # the label printed no value at all

    @property
    def readings(self) -> int:
        return len(self.candidates) + len(self.fallback)


@dataclass(frozen=True)
class Readings:
    """The readings of a run of numbers as one table 三 row."""

    candidates: tuple[Cells, ...]
    fallback: tuple[Cells, ...] = ()
    sums_ok: bool = True
    placed: bool = False


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
    if len(vals) != WIDTH or not all(v == "" or int_cell(v) is not None for v in vals):
        return None
    return tuple(int_cell(v) if v else None for v in vals)


def _short_row(values: tuple[str, ...]) -> tuple[int | None, ...] | None:
    """The values of a table row that printed fewer than seven value cells (its blank cells
    were dropped on the way), or None when it is no such row."""
    vals = list(values)
    while vals and vals[-1] == "":
        vals.pop()
    if not any(vals) or len(vals) >= WIDTH or not all(v == "" or int_cell(v) is not None for v in vals):
        return None
    return tuple(int_cell(v) if v else None for v in vals)


def run_candidates(tokens: tuple[str, ...]) -> Readings:
    """Readings of a run of numbers as one row."""
    if not all(t.isdigit() or not t for t in tokens):
        return Readings(())
    if "" in tokens:  # blank cells printed as 「—」「/」 keep their places
        values = tuple(int(t) if t else None for t in tokens)
        if len(values) == WIDTH:
            return Readings((values,))
        return _placed(values)
    if len(tokens) == WIDTH:
        return Readings((tuple(int(t) for t in tokens),))
    digits = "".join(tokens)
    plain = all(_plain(t) for t in tokens)
    if plain and len(tokens) < WIDTH:  # numbers printed apart: blank cells were dropped
        return _placed(tuple(int(t) for t in tokens))
    found = row_splits(digits) if len(digits) >= WIDTH else []
    if found:  # run-together digits: 「0 0 0 0 0 00」 is seven zeros
        return Readings(tuple(found))
    if len(tokens) < WIDTH and len(digits) < WIDTH:
        return _placed(tuple(int(t) for t in tokens))
    if len(digits) < WIDTH:
        return Readings(())
    return Readings(tuple(free_splits(digits, WIDTH)), sums_ok=False)


def _plain(token: str) -> bool:
    return token.isdigit() and (token == "0" or token[0] != "0") and len(token) <= _PLAIN_TOKEN_DIGITS


def _placed(values: tuple[int | None, ...]) -> Readings:
    primary, fallback = placements(values, WIDTH)
    return Readings(primary, fallback, placed=len(primary) + len(fallback) > 1 or len(values) < WIDTH)


def _row_label(piece: Piece) -> bool:
    """A table row holding one row label and nothing else (not a header row: a header has
    many label cells, and its 「总计」 is the column's)."""
    cells = [c for c in piece.raw.split(" | ") if c.strip()]
    keys = table3_keys(piece.text)
    if not keys or len(cells) > 2:
        return False
    return keys != {"total_handled"} or any(m in normalize(piece.text) for m in ("(七)", "七、"))


def _one_a_line(piece: Piece) -> bool:
    return piece.kind == "numbers" and piece.whole_line and len(piece.tokens) == 1


def _label_units(pending: list[Piece]) -> list[tuple[str, Piece | None]]:
    """The labels in text printed since the last row: a new label starts at a piece naming
    another template row; pieces naming none continue the label before them."""
    units: list[tuple[list[str], set[str], Piece | None]] = []
    for piece in pending:
        keys = table3_keys(piece.text)
        if keys and (not units or not units[-1][1] or not keys & units[-1][1]):
            units.append(([piece.text], keys, piece))
        elif units:
            units[-1][0].append(piece.text)
            units[-1][1].update(keys)
        else:
            units.append(([piece.text], keys, None))
    return [("".join(texts).strip(), first) for texts, _keys, first in units]


class _Collector:
    """Walks the pieces of table 三 and collects its raw rows."""

    def __init__(self, use_text_numbers: bool) -> None:
        self.use_text_numbers = use_text_numbers
        self.rows: list[RawRow] = []
        self.pending: list[Piece] = []
        self.cells: list[Piece] = []  # numbers printed one a line, since the last label
        self.after_cells: Piece | None = None  # the first text printed after them

    def feed(self, piece: Piece) -> None:
        if self.use_text_numbers and _one_a_line(piece):
            self.cells.append(piece)
            return
        if piece.kind == "text" and self.cells and not table3_keys(piece.text) \
                and len(self.cells) < WIDTH:
            self.after_cells = self.after_cells or piece
            self.pending.append(piece)  # a running header between cells, a group label
            return
        self._close_cells(piece)
        if piece.kind == "text":
            self.pending.append(piece)
        elif piece.kind == "numbers":
            self._run(piece)
        else:
            self._table_row(piece)

    def finish(self) -> list[RawRow]:
        self._close_cells(None)
        if self.rows and self.rows[-1].piece.kind == "numbers":
            self._empties(_label_units(self.pending))
        return self.rows

    def _labelled(self, row: RawRow) -> None:
        """Add `row` under the last label printed; earlier labels printed no values when the
        values are text (table rows keep their blank cells: there a lone label is a label
        the extraction separated from its row)."""
        if row.piece.kind == "numbers":
            self._empties(_label_units(self.pending)[:-1])
        self.rows.append(row)
        self.pending = []

    def _empties(self, units: list[tuple[str, Piece | None]]) -> None:
        """Labels followed directly by another label: rows that print no value. Only where
        text numbers are read (when they are not, every text label looks empty)."""
        if not self.use_text_numbers:
            return
        for label, first in units:
            keys = table3_keys(label)
            if first is None or not keys:
                continue
            if keys == {"total_handled"} and not any(m in normalize(label) for m in ("(七)", "七、")):
                continue  # 「总计」 alone: the column header, not the （七）总计 row
            self.rows.append(RawRow(label, (EMPTY,), first, True, empty=True))

    def _label(self) -> str:
        units = _label_units(self.pending)
        return units[-1][0] if units else ""

    def _run(self, piece: Piece) -> None:
        if not self.use_text_numbers:
            return
        if piece.in_parens:
            return
        readings = run_candidates(piece.tokens)
        label = self._label()
        if not readings.candidates or readings.placed and (not table3_keys(label) or not piece.alone):
            return  # a stray short number, or one of several on a line: no row of its own
        self._labelled(RawRow(label, readings.candidates, piece, False, readings.sums_ok,
                              readings.fallback, readings.placed))

    def _table_row(self, piece: Piece) -> None:
        # Table rows keep their blank cells; a label printed apart from its row (PDF
        # extraction) may come with the labels of the rows after it: the first one counts.
        label = piece.text or " ".join(p.text for p in self.pending).strip()
        cells = row_cells(piece.values)
        if cells is not None and (any(c is not None for c in cells) or table3_keys(piece.text)):
            self._labelled(RawRow(label, (cells,), piece, bool(piece.text)))
            return
        if cells is None and not any(piece.values) and _row_label(piece):
            # a row with its label and no cell at all: its blank cells were dropped
            self._labelled(RawRow(label, (EMPTY,), piece, True))
            return
        short = _short_row(piece.values) if cells is None else None
        if short is not None and table3_keys(label):
            readings = _placed(short)
            self._labelled(RawRow(label, readings.candidates, piece, bool(piece.text), True,
                                  readings.fallback, readings.placed))
            return
        if piece.text:
            self.pending.append(Piece("text", piece.location, piece.raw, text=piece.text))

    def _close_cells(self, following: Piece | None) -> None:
        """The numbers printed one a line since the last label make that label's row."""
        if not self.cells:
            return
        cells, self.cells = self.cells, []
        following, self.after_cells = self.after_cells or following, None
        tokens = tuple(p.tokens[0] for p in cells)
        raw = " ".join(p.raw for p in cells)
        merged = Piece("numbers", cells[0].location, raw, tokens=tokens, whole_line=True)
        label = self._label()
        if len(tokens) > WIDTH:
            self._overflow(cells, label)
            return
        readings = self._grid_readings(cells, following) or run_candidates(tokens)
        if readings.candidates and (len(tokens) == WIDTH or table3_keys(label)):
            self._labelled(RawRow(label, readings.candidates, merged, False, readings.sums_ok,
                                  readings.fallback, readings.placed))

    def _grid_readings(self, cells: list[Piece], following: Piece | None) -> Readings | None:
        """Values a line each whose empty lines kept the blank cells (line numbers show the
        slots): placed exactly, when one regular grid fits between label and next line."""
        label = next((p for p in reversed(self.pending) if table3_keys(p.text)), None)
        if len(cells) >= WIDTH or label is None or following is None:
            return None
        lines = [p.location.line for p in cells]
        start, end = label.location.line, following.location.line
        if start is None or end is None or any(x is None for x in lines):
            return None
        slots = grid_positions(lines, start, end, WIDTH)  # type: ignore[arg-type]
        if slots is None or not all(p.tokens[0].isdigit() for p in cells):
            return None
        values: list[int | None] = [None] * WIDTH
        for slot, piece in zip(slots, cells):
            values[slot] = int(piece.tokens[0])
        total = values[-1]
        if total is not None and sum(v or 0 for v in values[:-1]) != total:
            return None  # the grid breaks the row's own check: not the table's grid
        primary, fallback = placements(tuple(int(p.tokens[0]) for p in cells), WIDTH)
        return Readings((tuple(values),), primary + fallback, placed=True)

    def _overflow(self, cells: list[Piece], label: str) -> None:
        """More than seven numbers under one label: whole rows whose labels were lost."""
        if len(cells) % WIDTH:
            return  # not whole rows: which numbers belong where cannot be known
        for start in range(0, len(cells), WIDTH):
            part = cells[start:start + WIDTH]
            tokens = tuple(p.tokens[0] for p in part)
            readings = run_candidates(tokens)
            piece = Piece("numbers", part[0].location, " ".join(p.raw for p in part),
                          tokens=tokens, whole_line=True)
            row = RawRow(label if start == 0 else "", readings.candidates, piece, False)
            if start == 0:
                self._labelled(row)
            else:
                self.rows.append(row)


def collect_rows(pieces: tuple[Piece, ...], *, use_text_numbers: bool) -> list[RawRow]:
    collector = _Collector(use_text_numbers)
    for piece in pieces:
        collector.feed(piece)
    return collector.finish()


def assign_rows(
    rows: list[RawRow], layout: tuple[RowSpec, ...]
) -> tuple[list[Assigned], dict[str, RawRow], list[RawRow]]:
    """(rows placed in template slots, printed group totals, rows left over). A label that
    printed no values takes its slot only between the rows placed around it."""
    order = {spec.key: i for i, spec in enumerate(layout)}
    placed: list[tuple[int, int, Assigned]] = []  # (stream index, slot, row)
    groups: dict[str, RawRow] = {}
    extra: list[RawRow] = []
    empties: list[tuple[int, RawRow]] = []
    pointer = 0
    for index, row in enumerate(rows):
        group = group_only(row.label) if row.own_label else None
        if row.empty:
            if not group or group in order:  # a group's heading prints no values
                empties.append((index, row))
            continue
        if group and group not in order:
            if any(c is not None for c in row.candidates[0]):  # a printed group total
                groups[group] = row
            continue
        forward = [order[k] for k in table3_keys(row.label) if k in order and order[k] >= pointer]
        slot = min(forward) if forward else pointer
        if slot >= len(layout):
            extra.append(row)
            continue
        label = row.label if forward else ""
        placed.append((index, slot, Assigned(layout[slot].key, row, label)))
        pointer = slot + 1
    placed += _empty_rows(empties, placed, order)
    placed.sort(key=lambda item: item[1])
    return [a for _, _, a in placed], groups, extra


def _empty_rows(
    empties: list[tuple[int, RawRow]], placed: list[tuple[int, int, Assigned]], order: dict[str, int]
) -> list[tuple[int, int, Assigned]]:
    taken = {slot for _, slot, _ in placed}
    out: list[tuple[int, int, Assigned]] = []
    for index, row in empties:
        before = max((slot for i, slot, _ in placed if i < index), default=-1)
        after = min((slot for i, slot, _ in placed if i > index), default=len(order))
        slots = {order[k] for k in table3_keys(row.label) if k in order}
        fits = [s for s in slots if before < s < after and s not in taken]
        if len(fits) == 1:
            key = next(k for k, i in order.items() if i == fits[0])
            taken.add(fits[0])
            out.append((index, fits[0], Assigned(key, row, row.label)))
    return out
