"""Where the printed values of a row go when it prints fewer values than it has cells.

Crawlers, copy-paste and PDF text drop blank cells: a table 三 row 「自然人 7、商业企业 1、
总计 8」 with four blank cells arrives as 「7 1 8」 (or one number a line). The values keep
their order; which cells were blank is not printed. Every placement of the values into
the row's cells is a candidate; the row's own check narrows them (a printed 总计 equals
the sum of the cells before it), the table's column checks choose among rows
(index.parsing.tables.select). A value is stated only when every placement that satisfies
the checks gives it; otherwise it is uncertain and never stated.

`placements(values, width)` → (primary, fallback):
  primary — the last value is the printed 总计 and the others add up to it (the row's
            check holds on printed numbers), or, when no such placement exists, every
            placement with a blank 总计;
  fallback — placements with a blank 总计 when primary has the printed one (tried only
            when no reading of the table satisfies its checks with the primary ones).
"""

from __future__ import annotations

from itertools import combinations, product

Cells = tuple[int | None, ...]  # None = blank
# The note of a value no placement fixes (an answer says why it states no figure).
UNPLACED_NOTE = "原文没有保留空白栏，这个数字在哪一栏无法唯一确定"


def placements(values: tuple[int | None, ...], width: int) -> tuple[tuple[Cells, ...], tuple[Cells, ...]]:
    """Readings of `values` (fewer than `width`) as one row of `width` cells, last = 总计."""
    k = len(values)
    if not 0 < k < width:
        return (), ()
    if not any(values):  # zeros only: every placement reads the same (blank = 0)
        if k == width - 1:  # as many as the cells before 总计: a blank 总计
            return ((*values, None),), ()
        return ((*values[:-1], *([None] * (width - k)), values[-1]),), ()
    parts = width - 1
    printed_total = _with_total(values, parts)
    blank_total = _unique(_spread(values, parts, slots) + (None,)
                          for slots in _slots(k, parts)) if k <= parts else ()
    if printed_total:
        return printed_total, blank_total
    return blank_total, ()


def _with_total(values: tuple[int | None, ...], parts: int) -> tuple[Cells, ...]:
    """The last value in the 总计 cell, the others spread over the cells before it."""
    head, total = values[:-1], values[-1]
    if total is None or sum(v or 0 for v in head) != total or len(head) > parts:
        return ()
    return _unique(_spread(head, parts, slots) + (total,) for slots in _slots(len(head), parts))


def _slots(count: int, parts: int) -> list[tuple[int, ...]]:
    return list(combinations(range(parts), count))


def _spread(values: tuple[int | None, ...], parts: int, slots: tuple[int, ...]) -> Cells:
    cells: list[int | None] = [None] * parts
    for slot, value in zip(slots, values):
        cells[slot] = value
    return tuple(cells)


def _unique(readings: object) -> tuple[Cells, ...]:
    """Readings that differ in value (a blank reads 0, so zeros may sit in any blank)."""
    seen: set[tuple[int, ...]] = set()
    out: list[Cells] = []
    for cells in readings:  # type: ignore[attr-defined]
        key = tuple(c or 0 for c in cells[:-1]) + ((-1,) if cells[-1] is None else (cells[-1],))
        if key not in seen:
            seen.add(key)
            out.append(cells)
    return tuple(out)


def grid_positions(lines: list[int], start: int, end: int, width: int) -> tuple[int, ...] | None:
    """Cell positions of values printed one a line, when the empty lines of the source keep
    the blank cells: the values sit on a regular grid of `width` slots between the label
    line `start` and the next text line `end`. None when no single grid fits."""
    fits: list[tuple[int, ...]] = []
    for stride in (1, 2, 3):
        if not width * stride < end - start <= width * stride + stride:
            continue
        offsets = [line - start - stride for line in lines]
        if all(o >= 0 and o % stride == 0 and o // stride < width for o in offsets):
            fits.append(tuple(o // stride for o in offsets))
    return fits[0] if len(fits) == 1 else None


def grouped_placements(values: tuple[int | None, ...], groups: int, width: int,
                       limit: int = 4096) -> tuple[Cells, ...]:
    """Readings of `values` as `groups` rows of `width` cells printed one after the other
    (table 四: three groups of four results and their 总计) with blank cells dropped: every
    split of the values among the groups, each group placed as a row (printed 总计 or
    blank one). Empty when there are too many to follow."""
    readings: list[Cells] = []
    for sizes in _compositions(len(values), groups, width):
        parts: list[tuple[Cells, ...]] = []
        start = 0
        for size in sizes:
            part = values[start:start + size]
            start += size
            if size == 0:
                parts.append(((None,) * width,))
            elif size == width:
                parts.append((tuple(part),))
            else:
                primary, fallback = placements(part, width)
                parts.append(primary + fallback)
        count = 1
        for options in parts:
            count *= len(options)
        if len(readings) + count > limit:
            return ()
        readings += [sum(combo, ()) for combo in product(*parts)]
    return tuple(dict.fromkeys(readings))


def _compositions(total: int, groups: int, most: int) -> list[tuple[int, ...]]:
    if groups == 0:
        return [()] if total == 0 else []
    return [(first, *rest) for first in range(min(total, most) + 1)
            for rest in _compositions(total - first, groups - 1, most)]
