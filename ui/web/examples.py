"""Example questions made from the library itself, so a portal that indexed its own reports
shows questions about them (never about reports it does not have)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

# How people ask, per kind of figure (DOMAIN.md): received, refused, litigated, over years.
ASKS = ("收到了多少政府信息公开申请？", "有多少申请不予公开？", "被行政复议或起诉了几次？")
TREND = "近几年收到的申请数量有什么变化？"


def _latest(entries: Iterable[Any]) -> list[tuple[str, int, int]]:
    """(agency, latest year, number of years), newest agencies first."""
    years: dict[str, set[int]] = {}
    for entry in entries:
        years.setdefault(entry.agency, set()).add(int(entry.year))
    rows = [(agency, max(ys), len(ys)) for agency, ys in years.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def library_examples(entries: Sequence[Any], limit: int = 4) -> list[str]:
    """Questions over several agencies of the library (the chat page, an unpinned widget)."""
    questions = []
    for i, (agency, year, count) in enumerate(_latest(entries)[:limit]):
        if i == limit - 1 and count > 1:
            questions.append(f"{agency}{TREND}")
        else:
            questions.append(f"{agency}{year}年{ASKS[i % len(ASKS)]}")
    return questions


def agency_examples(years: Iterable[int], year: int | None) -> list[str]:
    """Three questions about one pinned agency, in the pinned year (or its latest); a trend
    question when it has several years and no year is pinned."""
    known = sorted(set(years), reverse=True)
    when = year or (known[0] if known else None)
    prefix = f"{when}年" if when else ""
    questions = [f"{prefix}{ASKS[0]}", f"{prefix}{ASKS[1]}"]
    questions.append(TREND if not year and len(known) > 1 else f"{prefix}{ASKS[2]}")
    return questions
