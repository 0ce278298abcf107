"""A hard scope: the portal widget (and /api/ask with agency/year) answers only about the
agency and year it is pinned to.

The question is understood as usual (the understanding step keeps filling
`answer.meta["query"]`); afterwards `confine` replaces an answer that is about another
agency or year — by what the question named, or by what the answer cites — with a
non-answer that says what this window answers. No figure of another report ever shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.models import Answer, Scope

OUTSIDE_SCOPE = "outside_scope"
UNKNOWN_AGENCY = "unknown_agency"


def scope_words(agency: str | None, year: int | None) -> str:
    """「新乡市红旗区财政局2023年」, 「新乡市红旗区财政局」 or 「2023年」."""
    return f"{agency or ''}{f'{year}年' if year else ''}"


def outside_message(agency: str | None, year: int | None, understood: str = "") -> str:
    return (f"{understood}本窗口只回答{scope_words(agency, year)}的年报问题。"
            "其他机关或年度的问题，请到完整问答页提问。")


def _understood(answer: Answer, scope: Scope, pinned: str | None) -> str:
    """What of the question left the scope, as read: 「“今年”按2026年理解。」."""
    query: dict[str, Any] = answer.meta.get("query") or {}
    years = [y for y in query.get("years") or () if y]
    other_years = [y for y in years if scope.year and y != scope.year]
    agency = query.get("agency")
    said = []
    if agency and pinned and agency != pinned:
        said.append(f"问题问的是{agency}")
    if other_years:
        phrase = query.get("year_phrase") or ""
        when = "、".join(f"{y}年" for y in other_years)
        said.append(f"“{phrase}”按{when}理解" if phrase and not phrase[0].isdigit() else f"问题问的是{when}")
    return "，".join(said) + "。" if said else ""


def _named_other(answer: Answer, scope: Scope, pinned: str | None) -> bool:
    query: dict[str, Any] = answer.meta.get("query") or {}
    if pinned and answer.meta.get("status") == UNKNOWN_AGENCY:
        return True  # the question names an agency the library does not have
    agency = query.get("agency")
    if pinned and agency and agency != pinned:
        return True
    years = [y for y in query.get("years") or () if y]
    return bool(scope.year and years and any(y != scope.year for y in years))


def _cites_other(answer: Answer, scope: Scope, pinned: str | None) -> bool:
    return any((pinned and c.agency != pinned) or (scope.year and c.year != scope.year)
               for c in answer.citations)


def confine(answer: Answer, scope: Scope, canonical: Callable[[str], str | None]) -> Answer:
    """`answer` unchanged, or the non-answer when a strict scope is left.

    `canonical` maps the pinned name (a short form, as a webmaster may write it) to the
    library's agency name (the resolver's `canonical`)."""
    if not scope.strict or not (scope.agency or scope.year):
        return answer
    pinned = (canonical(scope.agency) or scope.agency) if scope.agency else None
    if not (_named_other(answer, scope, pinned) or _cites_other(answer, scope, pinned)):
        return answer
    meta = {**answer.meta, "status": OUTSIDE_SCOPE,
            "scope": {"agency": pinned, "year": scope.year, "strict": True}}
    return Answer(text=outside_message(pinned, scope.year, _understood(answer, scope, pinned)),
                  answered=False,
                  intent=answer.intent, meta=meta)
