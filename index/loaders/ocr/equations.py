"""The 勾稽关系 of DOMAIN.md as equations over single cells, for trying other readings of
OCR figures quickly (without reading the tables again).

A cell is keyed (table, row, column). A blank 总计 of a table 三 row is not a variable: it
is the sum of the row (the blank-cell rule), so it follows its row's cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from index.models import Fact
from index.parsing.tables.checks import BALANCE_ROWS
from index.template import APPLICANT_COLUMNS, GROUPS, TABLE3_COLUMNS, TABLE4_COLUMNS

Key = tuple[str, str, str]
APPLICANTS = tuple(column for column, _ in APPLICANT_COLUMNS)
RESULTS4 = tuple(column for column, _ in TABLE4_COLUMNS[:4])


@dataclass(frozen=True)
class Equation:
    """sum(left) == sum(right); `name` as the checks call it ("check1" … "check4")."""

    name: str
    left: tuple[Key, ...]
    right: tuple[Key, ...]

    @property
    def keys(self) -> tuple[Key, ...]:
        return self.left + self.right


class Grid:
    """Values of table 三/四 cells; a derived 总计 is its row's sum."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self.values: dict[Key, int] = {}
        self.derived: set[Key] = set()
        for fact in facts:
            if fact.table in ("三", "四") and isinstance(fact.value, int):
                key = (fact.table, fact.row, fact.column)
                self.values[key] = fact.value
                if fact.status == "derived":
                    self.derived.add(key)

    def value(self, key: Key, changes: Mapping[Key, int]) -> int:
        if key in self.derived and key[0] == "三" and key[2] == "total":
            return sum(self.value(("三", key[1], c), changes) for c in APPLICANTS)
        return changes.get(key, self.values[key])

    def holds(self, equation: Equation, changes: Mapping[Key, int]) -> bool:
        return (sum(self.value(k, changes) for k in equation.left)
                == sum(self.value(k, changes) for k in equation.right))

    def inputs(self, key: Key) -> tuple[Key, ...]:
        """The printed cells a value depends on (a derived total: its row's cells)."""
        if key in self.derived and key[0] == "三" and key[2] == "total":
            return tuple(("三", key[1], c) for c in APPLICANTS)
        return (key,)


def equations(grid: Grid, facts: Iterable[Fact]) -> list[Equation]:
    """Every check that can be evaluated on the cells present."""
    rows3 = {f.row for f in facts if f.table == "三" and f.status != "derived"}
    rows3 = {r for r in rows3 if all(("三", r, c) in grid.values for c, _ in TABLE3_COLUMNS)}
    out: list[Equation] = []
    columns = [c for c, _ in TABLE3_COLUMNS]
    if all(r in rows3 for r in BALANCE_ROWS):
        for c in columns:
            out.append(Equation("check1", (("三", BALANCE_ROWS[0], c), ("三", BALANCE_ROWS[1], c)),
                                (("三", BALANCE_ROWS[2], c), ("三", BALANCE_ROWS[3], c))))
    itemised = any(r.startswith("other.") for r in rows3)
    groups = set(GROUPS) if itemised else set(GROUPS) - {"other"}
    leaves = sorted(r for r in rows3 if r not in BALANCE_ROWS and r not in groups)
    if "total_handled" in rows3 and leaves:
        for c in columns:
            out.append(Equation("check2", (("三", "total_handled", c),),
                                tuple(("三", r, c) for r in leaves)))
    for r in sorted(rows3):
        out.append(Equation("check3", tuple(("三", r, c) for c in APPLICANTS), (("三", r, "total"),)))
    for group in sorted({k[1] for k in grid.values if k[0] == "四"}):
        if all(("四", group, c) in grid.values for c, _ in TABLE4_COLUMNS):
            out.append(Equation("check4", tuple(("四", group, c) for c in RESULTS4),
                                (("四", group, "total"),)))
    return out
