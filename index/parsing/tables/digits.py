"""Reading numbers whose separators were lost ('801000081' = 80|1|0|0|0|0|81).

Splits never give a multi-digit number a leading zero. Rows of table 三 must add up
(six applicant columns = 总计), groups of table 四 likewise (four results = 总计); the
search is pruned by those sums, so it stays small even for long runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

MAX_CANDIDATES = 64
MAX_CELL_DIGITS = 7
MAX_RUN_DIGITS = 30  # a 7-cell row of more digits is not a row (bounds the search)


def _part_ok(part: str) -> bool:
    return bool(part) and (len(part) == 1 or part[0] != "0") and len(part) <= MAX_CELL_DIGITS


def splits_summing(digits: str, parts: int, total: int) -> Iterator[tuple[int, ...]]:
    """All splits of `digits` into `parts` numbers adding up to `total`."""
    if parts == 0:
        if not digits and total == 0:
            yield ()
        return
    widest = min(len(str(total)), MAX_CELL_DIGITS)
    if len(digits) < parts or total < 0 or len(digits) > parts * widest:
        return
    for size in range(1, min(len(digits) - parts + 1, widest) + 1):
        head = digits[:size]
        if not _part_ok(head) or int(head) > total:
            continue
        for rest in splits_summing(digits[size:], parts - 1, total - int(head)):
            yield (int(head), *rest)


def row_splits(digits: str, parts: int = 6) -> list[tuple[int, ...]]:
    """Splits of a row of `parts` numbers followed by their 总计 (parts + 1 cells)."""
    return list(_row_splits(digits, parts))


@lru_cache(maxsize=4096)
def _row_splits(digits: str, parts: int) -> tuple[tuple[int, ...], ...]:
    found: list[tuple[int, ...]] = []
    if len(digits) > MAX_RUN_DIGITS:
        return ()
    for size in range(1, min(len(digits) - parts, MAX_CELL_DIGITS) + 1):
        total_text = digits[len(digits) - size:]
        if not _part_ok(total_text):
            continue
        total = int(total_text)
        for head in splits_summing(digits[: len(digits) - size], parts, total):
            found.append((*head, total))
            if len(found) >= MAX_CANDIDATES:
                return tuple(found)
    return tuple(found)


def free_splits(digits: str, parts: int) -> list[tuple[int, ...]]:
    """Every split into `parts` numbers (no sum known), capped."""
    found: list[tuple[int, ...]] = []

    def walk(rest: str, left: int, acc: tuple[int, ...]) -> None:
        if len(found) >= MAX_CANDIDATES or len(rest) > left * MAX_CELL_DIGITS:
            return
        if left == 1:
            if _part_ok(rest):
                found.append((*acc, int(rest)))
            return
        for size in range(1, min(len(rest) - left + 1, MAX_CELL_DIGITS) + 1):
            if _part_ok(rest[:size]):
                walk(rest[size:], left - 1, (*acc, int(rest[:size])))

    if len(digits) >= parts:
        walk(digits, parts, ())
    return found


def grouped_splits(digits: str, groups: int, parts: int = 4) -> list[tuple[int, ...]]:
    """Splits into `groups` groups of `parts` numbers + their total (table 四)."""
    return list(_grouped(digits, groups, parts))


@lru_cache(maxsize=4096)
def _grouped(digits: str, groups: int, parts: int) -> tuple[tuple[int, ...], ...]:
    if groups == 0:
        return ((),) if not digits else ()
    found: list[tuple[int, ...]] = []
    min_rest = (groups - 1) * (parts + 1)
    for size in range(parts + 1, len(digits) - min_rest + 1):
        for head in _row_splits(digits[:size], parts):
            for tail in _grouped(digits[size:], groups - 1, parts):
                found.append(head + tail)
                if len(found) >= MAX_CANDIDATES:
                    return tuple(found)
    return tuple(found)


def most_even(candidates: list[tuple[int, ...]]) -> tuple[int, ...]:
    """The split whose numbers have the most similar digit counts (first on ties)."""

    def spread(split: tuple[int, ...]) -> int:
        sizes = [len(str(v)) for v in split]
        return max(sizes) - min(sizes)

    return min(candidates, key=spread)
