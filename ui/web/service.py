"""What the web shell needs from the assistant, and the streaming adapter.

`AssistantLike` is the part of `assistant.assistant.Assistant` the pages and the API call.
`stream_answer` is the one adapter between the assistant's streaming and the chat page:
(partial text, None) steps, then (full text, Answer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from assistant.models import Answer, Scope, Turn
from index.library import CatalogEntry, IngestResult
from index.models import Report, SourceDocument

ALL_AGENCIES = "全部机关"
ALL_YEARS = "全部年份"
_CHUNK = 12  # characters per step when the assistant cannot stream itself


class AssistantLike(Protocol):
    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        scope: Scope = Scope(),
        *,
        today: date | None = None,
    ) -> Answer: ...

    def reports(self) -> list[CatalogEntry]: ...

    def report(self, report_id: str) -> Report: ...

    def source_file(self, report_id: str) -> Path: ...

    def source_document(self, report_id: str) -> SourceDocument: ...

    def ingest(self, path: str | Path) -> IngestResult: ...

    def remove(self, report_id: str) -> Any: ...


def stream_answer(
    assistant: AssistantLike, question: str, history: Sequence[Turn], scope: Scope
) -> Iterator[tuple[str, Answer | None]]:
    """Yield (text so far, None) while the answer grows, then (full text, Answer).

    `Assistant.stream_answer` has exactly this shape; an assistant without it is asked
    once and its text is shown in pieces.
    """
    method = getattr(assistant, "stream_answer", None)
    if not callable(method):
        yield from _chunked(assistant.ask(question, history, scope))
        return
    final: Answer | None = None
    for text, final in method(question, history, scope):
        yield text, final
    if final is None:  # a stream that ended without its Answer
        yield from _chunked(assistant.ask(question, history, scope))


def _chunked(answer: Answer) -> Iterator[tuple[str, Answer | None]]:
    for end in range(_CHUNK, len(answer.text), _CHUNK):
        yield answer.text[:end], None
    yield answer.text, answer


def scope_of(agency: str | None, year: str | int | None, *, strict: bool = False) -> Scope:
    """Scope from picker values or query parameters ("" / 全部… = not pinned). `strict`: a
    hard scope (the widget, the API): questions about other agencies or years are declined."""
    agency = (agency or "").strip()
    if agency in ("", ALL_AGENCIES):
        agency = ""
    year_value: int | None = None
    if year not in (None, "", ALL_YEARS):
        try:
            year_value = int(str(year).strip().removesuffix("年"))
        except ValueError:
            year_value = None
    pinned = bool(agency or year_value)
    return Scope(agency=agency or None, year=year_value, strict=strict and pinned)


def agency_choices(entries: Iterable[CatalogEntry]) -> list[str]:
    return [ALL_AGENCIES] + sorted({e.agency for e in entries})


def year_choices(entries: Iterable[CatalogEntry]) -> list[str]:
    return [ALL_YEARS] + [str(y) for y in sorted({e.year for e in entries}, reverse=True)]


def listed_agency(entries: Iterable[CatalogEntry], name: str | None) -> str:
    """The catalog's name for `name` (full name or a short form the reports use)."""
    for entry in entries if name else ():
        if name in (entry.agency, *entry.agency_aliases):
            return str(entry.agency)
    return ""


def history_turns(pairs: Sequence[tuple[str, str]]) -> list[Turn]:
    """Plain-text history (question, answer) pairs as Turns for the assistant."""
    turns: list[Turn] = []
    for question, answer in pairs:
        turns.append(Turn("user", question))
        turns.append(Turn("assistant", answer))
    return turns
