"""The checks confirm what OCR read: each table 三/四 figure either fits the 勾稽关系, is
repaired to the one reading that makes them fit, or its row is left unconfirmed (its
figures become uncertain and are never stated).

For each group of failing checks (checks that share cells):
1. The cells involved are read a second time (their ink alone, without detection). A
   cell is doubtful when the two readings differ or the recogniser was unsure.
2. Other readings are tried: the second reading, and for doubtful cells the usual OCR
   slips (confusions.alternatives). One or two changes that make every check of the group
   hold, and break none that held, repair the figures — when exactly one such repair
   exists. Several repairs: the rows are unconfirmed.
3. No repair: when every cell was read the same way twice, was read confidently and no
   single slip would explain the failure, the report itself does not add up (a check that
   fails is information for the user, as for any report); otherwise the rows are
   unconfirmed — always so when a figure of the group was read from a text line (a table
   without rules, a row outside the rules found), which has no cell to read again.
Table 二 has no checks: a figure read differently the second time leaves its row unconfirmed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import combinations

from typing import TYPE_CHECKING, Any

from index.loaders.ocr import engine
from index.loaders.ocr.confusions import alternatives, as_number
from index.loaders.ocr.equations import Equation, Grid, Key, equations
from index.loaders.ocr.pages import NumberCell
from index.models import Block, Fact, Location, SourceDocument
from index.template import column_label, row_label

if TYPE_CHECKING:
    from index.loaders.ocr import OcrPages

Numbers = dict[tuple[Location, int], NumberCell]

DOUBT = 0.5  # recogniser confidence below which a figure is doubtful
SENTINEL = 7_000_000  # stand-in figures that reveal which cell each fact was read from
MAX_PAIR_ITEMS = 60
OCR_NOTE = ("本报告（或其中部分页面）为扫描件，文字和表格由扫描件识别（OCR）读出，"
            "表格数字已用勾稽关系核对；引用时请以原页为准")


@dataclass(frozen=True)
class CellRef:
    location: Location
    index: int


@dataclass
class _Outcome:
    changes: dict[Key, int]
    unsure: set[Key]
    notes: list[str]


def confirm(doc: SourceDocument, ocr: OcrPages) -> SourceDocument:
    """The document with figures repaired by the checks, unconfirmed rows listed, notes added."""
    from index.parsing.tables import read_tables  # the reader sits above the loaders

    numbers: Numbers = {(loc, cell.index): cell for loc, cells in ocr.numbers.items() for cell in cells}
    refs = _cell_refs(doc, numbers, read_tables)
    facts = read_tables(doc).facts
    reader = _Rereader(numbers, refs)
    read_from: dict[Key, Location] = {(f.table, f.row, f.column): f.source
                                      for f in facts if f.source.ocr}
    # figures OCR read from text lines (a table without rules): no cell to read again
    loose: set[Key] = {k for k, where in read_from.items() if where not in ocr.numbers}
    outcome = _check_tables(facts, refs, reader, loose)
    unconfirmed = set(ocr.unreadable)
    unconfirmed |= {refs[k].location if k in refs else read_from[k]
                    for k in outcome.unsure if k in refs or k in read_from}
    unconfirmed |= _table2_unconfirmed(facts, refs, reader)
    blocks = _apply(doc.blocks, outcome.changes, refs)
    warnings = (*doc.warnings, OCR_NOTE, *outcome.notes)
    if unconfirmed:
        warnings += (f"扫描件识别：有 {len(unconfirmed)} 行表格数字无法可靠识别，"
                     "已标为“无法确定”，不会作为确切数字回答",)
    return replace(doc, blocks=blocks, warnings=warnings,
                   unconfirmed=doc.unconfirmed | frozenset(unconfirmed))


def _cell_refs(doc: SourceDocument, numbers: Numbers, read_tables: Any) -> dict[Key, CellRef]:
    """Which OCR cell each printed figure comes from: read the tables once more with every
    number cell replaced by a distinct stand-in and see where each stand-in lands."""
    stand_in: dict[int, CellRef] = {}
    blocks: list[Block] = []
    for block in doc.blocks:
        cells = list(block.cells)
        for index in range(len(cells)):
            if (block.location, index) in numbers:
                value = SENTINEL + len(stand_in) + 1
                stand_in[value] = CellRef(block.location, index)
                cells[index] = str(value)
        blocks.append(replace(block, cells=tuple(cells), text=" | ".join(cells)) if cells else block)
    facts = read_tables(replace(doc, blocks=tuple(blocks))).facts
    return {(f.table, f.row, f.column): stand_in[int(f.value)]
            for f in facts if f.status == "printed" and f.value in stand_in}


class _Rereader:
    """Second readings of number cells, read in one batch per request and remembered."""

    def __init__(self, numbers: Numbers, refs: dict[Key, CellRef]) -> None:
        self.numbers = numbers
        self.refs = refs
        self.seen: dict[Key, str | None] = {}
        self.scores: dict[Key, float] = {}

    def cell(self, key: Key) -> NumberCell:
        ref = self.refs[key]
        return self.numbers[(ref.location, ref.index)]

    def first(self, key: Key) -> str:
        return self.cell(key).text

    def score(self, key: Key) -> float:
        return self.cell(key).score

    def second(self, keys: list[Key]) -> dict[Key, str | None]:
        todo = [k for k in keys if k in self.refs and k not in self.seen]
        crops = [self.cell(k).crop for k in todo]
        readable = [(k, c) for k, c in zip(todo, crops) if c is not None]
        for k in todo:
            self.seen[k] = None
        for (k, _), reading in zip(readable, engine.read_crops([c for _, c in readable])):
            self.seen[k] = as_number(reading.text, among_numbers=True)
            self.scores[k] = reading.score
        return {k: self.seen[k] for k in keys if k in self.refs}

    def doubtful(self, key: Key) -> bool:
        """Read differently the second time, or unsure both times."""
        second = self.second([key]).get(key)
        return second != self.first(key) or max(self.score(key), self.scores.get(key, 0.0)) < DOUBT


def _check_tables(facts: tuple[Fact, ...], refs: dict[Key, CellRef], reader: _Rereader,
                  loose: set[Key]) -> _Outcome:
    grid = Grid(facts)
    checks = equations(grid, facts)
    failing = [e for e in checks if not grid.holds(e, {})]
    outcome = _Outcome({}, set(), [])
    for group in _groups(failing, grid):
        _resolve(group, checks, grid, refs, reader, outcome, loose)
    return outcome


def _groups(failing: list[Equation], grid: Grid) -> Iterator[list[Equation]]:
    """Failing checks joined when they share a cell."""
    pending = list(failing)
    while pending:
        group = [pending.pop(0)]
        cells = {k for e in group for key in e.keys for k in grid.inputs(key)}
        grew = True
        while grew:
            grew = False
            for e in list(pending):
                if cells & {k for key in e.keys for k in grid.inputs(key)}:
                    group.append(e)
                    pending.remove(e)
                    cells |= {k for key in e.keys for k in grid.inputs(key)}
                    grew = True
        yield group


def _resolve(group: list[Equation], checks: list[Equation], grid: Grid, refs: dict[Key, CellRef],
             reader: _Rereader, outcome: _Outcome, loose: set[Key]) -> None:
    inputs = {k for e in group for key in e.keys for k in grid.inputs(key)}
    unsettled = inputs & loose
    keys = sorted(k for k in inputs if k in refs)
    seconds = reader.second(keys)
    touching = {k: [e for e in checks if k in {i for key in e.keys for i in grid.inputs(key)}] for k in keys}

    def fits(changes: dict[Key, int]) -> bool:
        affected = {id(e): e for k in changes for e in touching[k]}
        affected.update({id(e): e for e in group})
        return all(grid.holds(e, changes) for e in affected.values())

    doubtful = [k for k in keys if reader.doubtful(k)]
    items = []
    for k in keys:
        options = [seconds[k]] if seconds.get(k) not in (None, reader.first(k)) else []
        if k in doubtful:
            options += alternatives(reader.first(k))
        items += [(k, int(float(v))) for v in dict.fromkeys(options) if v and "." not in v]
    repairs = [{k: v} for k, v in items if fits({k: v})]
    if not repairs and len(items) <= MAX_PAIR_ITEMS:
        repairs = [dict((a, b)) for a, b in combinations(items, 2) if a[0] != b[0] and fits(dict((a, b)))]
    distinct = {frozenset(r.items()) for r in repairs}
    if len(distinct) == 1:
        changes = dict(next(iter(distinct)))
        outcome.changes.update(changes)
        outcome.notes += [_repair_note(k, reader.first(k), v) for k, v in changes.items()]
        return
    if distinct:
        outcome.unsure.update(k for r in distinct for k, _ in r)
        outcome.unsure.update(doubtful)
        outcome.unsure.update(unsettled)
        return
    slips = any(fits({k: int(v)}) for k in keys for v in alternatives(reader.first(k)) if "." not in v)
    if doubtful or slips or unsettled:
        outcome.unsure.update(keys)
        outcome.unsure.update(unsettled)


def _repair_note(key: Key, read: str, value: int) -> str:
    table, row, column = key
    return (f"扫描件识别：表{table}「{row_label(table, row)}」{column_label(table, row, column)}栏"
            f"识别为 {read}，与勾稽关系不符，复核后读作 {value}（请核对原页）")


def _table2_unconfirmed(facts: tuple[Fact, ...], refs: dict[Key, CellRef], reader: _Rereader) -> set[Location]:
    keys = [(f.table, f.row, f.column) for f in facts if f.table == "二"]
    seconds = reader.second([k for k in keys if k in refs])
    return {refs[k].location for k in seconds if reader.doubtful(k)}


def _apply(blocks: tuple[Block, ...], changes: dict[Key, int], refs: dict[Key, CellRef]) -> tuple[Block, ...]:
    by_location: dict[Location, dict[int, str]] = {}
    for key, value in changes.items():
        ref = refs[key]
        by_location.setdefault(ref.location, {})[ref.index] = str(value)
    out = []
    for block in blocks:
        edits = by_location.get(block.location)
        if edits:
            cells = tuple(edits.get(i, c) for i, c in enumerate(block.cells))
            block = replace(block, cells=cells, text=" | ".join(cells))
        out.append(block)
    return tuple(out)
