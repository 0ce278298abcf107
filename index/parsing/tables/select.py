"""Choosing among the readings of table 三 rows by the table's column checks (1 and 2).

A row has one reading, or several: digits run together split several ways, or values
printed without their blank cells placed several ways (index.parsing.tables.placement).
The readings of the whole table that satisfy every column equation of checks 1 and 2 are
found exactly (sums over the rows, forward and backward, no enumeration of combinations);
a cell is certain when all of them give it the same value, and `unsure` otherwise — an
unsure cell is never stated. Only when no reading satisfies the checks (the report has a
typo) is the reading that satisfies most of them taken, and cells of rows whose blank
cells had to be placed stay unsure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from index.parsing.tables.checks import Grid, column_score
from index.parsing.tables.table3_rows import Assigned, Cells

MAX_COMBINATIONS = 4096
FREE_ROWS = 3  # unanchored rows the search still follows (few: their readings are few)
MAX_STATES = 4_000  # partial readings followed before a search gives up (then nothing unsure is stated)
SWEEPS = 3
WIDTH = 7
ALL = frozenset(range(WIDTH))
_BALANCE = {"new_received": 1, "carried_over": 1, "total_handled": -1, "carried_forward": -1}

Vector = tuple[int, ...]


@dataclass(frozen=True)
class Reading:
    chosen: dict[str, Cells]  # row key → the cells taken (one consistent reading)
    unsure: dict[str, frozenset[int]] = field(default_factory=dict)  # row key → column indexes
    by_checks: bool = True  # False when the checks could not all hold (best effort)
    settled: bool = True  # False when the search for readings gave up (too many to follow)


def resolve(cells: Cells) -> tuple[int, ...]:
    """Blank applicant cells are 0; a blank 总计 is the row's sum."""
    applicants = tuple(c or 0 for c in cells[:6])
    total = cells[6] if cells[6] is not None else sum(applicants)
    return (*applicants, total)


def choose_readings(placed: list[Assigned], results: list[str]) -> Reading:
    ambiguous = [a for a in placed if len(a.row.candidates) > 1 or a.row.fallback]
    chosen = {a.key: a.row.candidates[0] for a in placed}
    if not ambiguous:
        return Reading(chosen)
    keys = {a.key for a in placed}
    system = _System(keys, results)
    if system.active:
        if not _anchored(placed) and len(ambiguous) > FREE_ROWS:
            return _totals_only(system, placed, ambiguous)
        for stage in (_primary, _widened):
            found = system.solve(placed, ambiguous, stage)
            if found is not None:
                return found
    return _best_effort(chosen, ambiguous, results)


def _anchored(placed: list[Assigned]) -> bool:
    """Some row fixes where its applicant values sit (all its cells printed, or its blank
    cells kept as empty lines): the checks can then tell the applicant columns apart."""
    return any(len(a.row.candidates) == 1 and any(c for c in a.row.candidates[0][:6]) for a in placed)


def _totals_only(system: _System, placed: list[Assigned], ambiguous: list[Assigned]) -> Reading:
    """No row fixes its applicant columns (every row dropped its blank cells): those columns
    can trade places in every row at once and the checks still hold, so they are never
    stated. Each row's 总计 is stated when every reading of the row gives the same one and
    the 总计 column satisfies the checks with them."""
    chosen = {a.key: a.row.candidates[0] for a in placed}
    totals = {key: resolve(cells)[6] for key, cells in chosen.items()}
    agree = all(len({resolve(c)[6] for c in a.row.candidates}) == 1 for a in ambiguous)
    holds = agree and system.totals_hold(totals)
    unsure: dict[str, frozenset[int]] = {}
    for a in ambiguous:
        columns = _differing(a.row.candidates) if holds else _unproven(a)
        if columns:
            unsure[a.key] = columns
    return Reading(chosen, unsure, settled=False)


def _primary(a: Assigned) -> tuple[Cells, ...]:
    return a.row.candidates


def _widened(a: Assigned) -> tuple[Cells, ...]:
    return a.row.candidates + a.row.fallback


class _System:
    """The column equations of checks 1 and 2 that the rows present allow."""

    def __init__(self, keys: set[str], results: list[str]) -> None:
        self.results = set(results)
        self.balance = all(k in keys for k in _BALANCE)
        self.handled = "total_handled" in keys and all(k in keys for k in results)
        self.active = self.balance or self.handled

    def totals_hold(self, totals: dict[str, int]) -> bool:
        """Checks 1 and 2 on the 总计 column alone."""
        if self.balance and totals["new_received"] + totals["carried_over"] != \
                totals["total_handled"] + totals["carried_forward"]:
            return False
        if self.handled and totals["total_handled"] != sum(totals[k] for k in self.results):
            return False
        return True

    def vector(self, key: str, cells: Cells) -> Vector:
        values = resolve(cells)
        out: list[int] = []
        if self.balance:
            out += [_BALANCE.get(key, 0) * v for v in values]
        if self.handled:
            sign = 1 if key == "total_handled" else -1 if key in self.results else 0
            out += [sign * v for v in values]
        return tuple(out)

    def solve(self, placed: list[Assigned], ambiguous: list[Assigned], stage) -> Reading | None:  # type: ignore[no-untyped-def]
        """The reading when the checks can all hold with the readings `stage` offers (None
        when they cannot); per row, the cells on which the readings that let them hold
        disagree are unsure. A search that runs too long decides nothing: every cell on
        which a row's readings disagree is then unsure."""
        zero = self.vector("", (0,) * WIDTH)
        fixed = [a for a in placed if a not in ambiguous]
        target = _neg(_sum([self.vector(a.key, a.row.candidates[0]) for a in fixed], zero))
        order = sorted(range(len(ambiguous)), key=lambda i: len(stage(ambiguous[i])))
        rows = [ambiguous[i] for i in order]
        options = [stage(a) for a in rows]
        vectors = [[self.vector(a.key, c) for c in cands] for a, cands in zip(rows, options)]
        first = _Search(vectors, target, first_only=True)
        if not first.run():
            return _undecided(placed, rows, options) if first.exhausted else None
        search = _Search(vectors, target)
        if not search.run():  # too long to settle every row: keep the reading found
            return _undecided(placed, rows, options, first.pick)
        chosen = {a.key: a.row.candidates[0] for a in placed}
        unsure: dict[str, frozenset[int]] = {}
        for i, (a, cands) in enumerate(zip(rows, options)):
            chosen[a.key] = cands[search.pick[i]]
            good = [resolve(c) for j, c in enumerate(cands) if j in search.feasible[i]]
            columns = frozenset(col for col in range(WIDTH) if len({g[col] for g in good}) > 1)
            if columns:
                unsure[a.key] = columns
        return Reading(chosen, unsure)


def _undecided(placed: list[Assigned], rows: list[Assigned], options: list[tuple[Cells, ...]],
               pick: list[int] | None = None) -> Reading:
    """Nothing settled by the checks: a row's cells are sure only where all its readings
    (the ones tried and the fallbacks) agree."""
    chosen = {a.key: a.row.candidates[0] for a in placed}
    unsure: dict[str, frozenset[int]] = {}
    for i, (a, cands) in enumerate(zip(rows, options)):
        chosen[a.key] = cands[pick[i]] if pick else cands[0]
        unsure[a.key] = _differing(cands) if pick else _unproven(a)
    return Reading(chosen, {k: v for k, v in unsure.items() if v}, by_checks=True, settled=False)


def _unproven(a: Assigned) -> frozenset[int]:
    """Cells of a row no reading of the table confirms: a row whose blank cells had to be
    placed states nothing but zeros (its printed values may be incomplete — a row wrapped
    onto the next line — and then even a 总计 its readings agree on would be wrong)."""
    if a.row.placed and a.row.readings > 1 and any(any(c or 0 for c in cells) for cells in a.row.candidates):
        return ALL
    return _differing(a.row.candidates + a.row.fallback)


def _sum(vectors: list[Vector], zero: Vector) -> Vector:
    total = list(zero)
    for v in vectors:
        for i, x in enumerate(v):
            total[i] += x
    return tuple(total)


def _neg(v: Vector) -> Vector:
    return tuple(-x for x in v)


def _add(a: Vector, b: Vector) -> Vector:
    return tuple(x + y for x, y in zip(a, b))


class _Search:
    """Depth-first over the ambiguous rows, remembering every partial sum already settled
    and cutting branches whose remaining rows cannot reach the target in some equation."""

    def __init__(self, vectors: list[list[Vector]], target: Vector, first_only: bool = False) -> None:
        self.first_only = first_only
        self.vectors = vectors
        self.target = target
        dims = len(target)
        self.low: list[Vector] = [tuple([0] * dims)] * (len(vectors) + 1)
        self.high: list[Vector] = [tuple([0] * dims)] * (len(vectors) + 1)
        for i in reversed(range(len(vectors))):
            row = vectors[i]
            self.low[i] = tuple(min(v[d] for v in row) + self.low[i + 1][d] for d in range(dims))
            self.high[i] = tuple(max(v[d] for v in row) + self.high[i + 1][d] for d in range(dims))
        self.memo: dict[tuple[int, Vector], bool] = {}
        self.feasible: list[set[int]] = [set() for _ in vectors]
        self.pick: list[int] = []
        self.exhausted = False

    def run(self) -> bool:
        start = tuple(0 for _ in self.target)
        try:
            found = self._completes(0, start)
        except _TooMany:
            self.exhausted = True
            return False
        if found:
            self._follow(start)
        return found

    def _completes(self, i: int, partial: Vector) -> bool:
        if i == len(self.vectors):
            return partial == self.target
        key = (i, partial)
        if key in self.memo:
            return self.memo[key]
        if len(self.memo) > MAX_STATES:
            raise _TooMany
        low, high = self.low[i], self.high[i]
        if any(not lo <= t - p <= hi for t, p, lo, hi in zip(self.target, partial, low, high)):
            self.memo[key] = False
            return False
        found = False
        for j, v in enumerate(self.vectors[i]):
            if self._completes(i + 1, _add(partial, v)):
                self.feasible[i].add(j)
                found = True
                if self.first_only:
                    break
        self.memo[key] = found
        return found

    def _follow(self, partial: Vector) -> None:
        """One reading that satisfies the checks: the first completing reading of each row."""
        last = len(self.vectors) - 1
        for i, row in enumerate(self.vectors):
            for j, v in enumerate(row):
                following = _add(partial, v)
                if following == self.target if i == last else self.memo.get((i + 1, following), False):
                    self.pick.append(j)
                    partial = following
                    break


class _TooMany(Exception):
    pass


# ---- best effort: the checks cannot all hold ------------------------------------------


def _grid(chosen: dict[str, Cells]) -> Grid:
    return {key: resolve(cells) for key, cells in chosen.items()}


def _best_effort(chosen: dict[str, Cells], ambiguous: list[Assigned], results: list[str]) -> Reading:
    """The reading that satisfies most column equations (digits run together, with a typo
    elsewhere); cells whose blank cells had to be placed are never trusted to it."""
    count = 1
    for a in ambiguous:
        count *= len(a.row.candidates)
    if count <= MAX_COMBINATIONS:
        winner, unsure = _exhaustive(chosen, ambiguous, results)
    else:
        winner = _sweeps(chosen, ambiguous, results)
        unsure = {a.key: _differing(a.row.candidates) for a in ambiguous}
    for a in ambiguous:
        if a.row.placed:
            unsure[a.key] = unsure.get(a.key, frozenset()) | _unproven(a)
    return Reading(winner, {k: v for k, v in unsure.items() if v}, by_checks=False)


def _differing(candidates: tuple[Cells, ...]) -> frozenset[int]:
    values = [resolve(c) for c in candidates]
    return frozenset(col for col in range(WIDTH) if len({v[col] for v in values}) > 1)


def _exhaustive(
    chosen: dict[str, Cells], ambiguous: list[Assigned], results: list[str]
) -> tuple[dict[str, Cells], dict[str, frozenset[int]]]:
    best_score, best = -1, []
    for combo in product(*(a.row.candidates for a in ambiguous)):
        trial = {**chosen, **{a.key: c for a, c in zip(ambiguous, combo)}}
        score = column_score(_grid(trial), results)
        if score > best_score:
            best_score, best = score, [combo]
        elif score == best_score:
            best.append(combo)
    winner = best[0]
    unsure = {a.key: _differing(tuple(c[i] for c in best)) for i, a in enumerate(ambiguous)}
    return {**chosen, **{a.key: c for a, c in zip(ambiguous, winner)}}, unsure


def _sweeps(chosen: dict[str, Cells], ambiguous: list[Assigned], results: list[str]) -> dict[str, Cells]:
    current = dict(chosen)
    for _ in range(SWEEPS):
        for a in ambiguous:
            scored = [
                (column_score(_grid({**current, a.key: c}), results), -i, c)
                for i, c in enumerate(a.row.candidates)
            ]
            current[a.key] = max(scored)[2]
    return current
