"""Choosing among the readings of run-together digits, across rows, by checks 1 and 2."""

from __future__ import annotations

from itertools import product

from index.parsing.tables.checks import Grid, column_score
from index.parsing.tables.table3_rows import Assigned, Cells

MAX_COMBINATIONS = 4096
SWEEPS = 3


def resolve(cells: Cells) -> tuple[int, ...]:
    """Blank applicant cells are 0; a blank 总计 is the row's sum."""
    applicants = tuple(c or 0 for c in cells[:6])
    total = cells[6] if cells[6] is not None else sum(applicants)
    return (*applicants, total)


def choose_readings(
    placed: list[Assigned], results: list[str]
) -> tuple[dict[str, Cells], list[str]]:
    """One reading per row; keys of rows whose best reading stays ambiguous."""
    chosen = {a.key: a.row.candidates[0] for a in placed}
    ambiguous = [a for a in placed if len(a.row.candidates) > 1]
    if not ambiguous:
        return chosen, []
    count = 1
    for a in ambiguous:
        count *= len(a.row.candidates)
    if count <= MAX_COMBINATIONS:
        return _exhaustive(chosen, ambiguous, results)
    return _sweeps(chosen, ambiguous, results), [a.key for a in ambiguous]


def _grid(chosen: dict[str, Cells]) -> Grid:
    return {key: resolve(cells) for key, cells in chosen.items()}


def _exhaustive(
    chosen: dict[str, Cells], ambiguous: list[Assigned], results: list[str]
) -> tuple[dict[str, Cells], list[str]]:
    best_score, best = -1, []
    for combo in product(*(a.row.candidates for a in ambiguous)):
        trial = {**chosen, **{a.key: c for a, c in zip(ambiguous, combo)}}
        score = column_score(_grid(trial), results)
        if score > best_score:
            best_score, best = score, [combo]
        elif score == best_score:
            best.append(combo)
    winner = best[0]
    unsure = [a.key for i, a in enumerate(ambiguous) if len({c[i] for c in best}) > 1]
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
