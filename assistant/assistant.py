"""The front object: `Assistant.ask(question, history, scope) -> Answer`.

Knows nothing of CLI, Gradio or HTTP; the UI calls only this (including the thin library
delegates `reports`, `report`, `source_file`, `ingest`, `remove`), never `index/` directly.

    assistant = Assistant.open(store="/tmp/lib", today="2026-03-01")
    answer = assistant.ask("红旗区财政局23年拒绝了几个申请")
    for partial, final in assistant.stream_answer("洪泽区2024年收到多少申请"):
        ...  # partial: the text so far; final: the Answer on the last item, else None
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from index.errors import InputError, NotFoundError
from index.library import CatalogEntry, Hit, IngestResult
from index.models import Progress, Report, SourceDocument
from index.settings import Settings

from assistant.chain import build_chain
from assistant.models import Answer, Scope, Turn
from assistant.retrieval import Retriever
from assistant.scope import confine
from assistant.understanding.agency import AgencyResolver


class LibraryLike(Protocol):
    def reports(self) -> list[CatalogEntry]: ...
    def report(self, report_id: str) -> Report: ...
    def search(self, query: str, *, k: int = 5, agency: str | None = None,
               year: int | None = None) -> list[Hit]: ...
    def source_file(self, report_id: str) -> Path: ...


class Assistant:
    def __init__(self, library: LibraryLike, settings: Settings, *, llm: Any = None) -> None:
        self.library = library
        self.settings = settings
        self._llm = llm
        self._chain = build_chain()
        self._reports: OrderedDict[str, Report] = OrderedDict()  # bounded: settings.report_cache
        self._catalog: tuple[CatalogEntry, ...] | None = None
        self._catalog_version: int | None = None
        self._resolver: AgencyResolver | None = None

    @classmethod
    def open(cls, settings: Settings | None = None, *, library: LibraryLike | None = None,
             **overrides: Any) -> Assistant:
        """Open over the library of `settings` (overrides: any Settings field, e.g. store).

        The LLM writer is used when settings.llm_base_url is set; else the offline composer.
        """
        settings = (settings or Settings.load()).with_(**{k: v for k, v in overrides.items()
                                                          if v is not None})
        if library is None:
            from index.library import Library

            library = Library.open(settings)
        llm = None
        if settings.llm_base_url:
            from assistant.llm import LLMWriter

            llm = LLMWriter.from_settings(settings)
        return cls(library, settings, llm=llm)

    def warm_up(self) -> None:
        """Load the catalog, the agency resolver and the search parts (embedding model, index
        check) now, so that the first question a person asks is not the one that pays for
        loading. Reports are read on demand (a bounded cache), not all at start."""
        if not self._current_catalog():
            return
        from index.tokenize import pos_tags

        self.library.search("政府信息公开申请", k=1)
        pos_tags("政务公开培训")  # the part-of-speech tables of prose questions
        match_cells = getattr(self.library, "match_cells", None)
        if match_cells is not None:  # the template cells' index (closest figures offered)
            match_cells("政府信息公开申请", k=1)

    # ---- questions --------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[Turn] = (), scope: Scope = Scope(), *,
            today: date | None = None) -> Answer:
        question = self._validate(question)
        catalog = self._current_catalog()
        state = {
            "question": question,
            "history": tuple(_turn(t) for t in history),
            "scope": scope,
            "today": today or self.settings.today_date(),
            "resolver": self._resolver,
            "retriever": Retriever(catalog, self._load, self.library.search,
                                   getattr(self.library, "match_cells", None),
                                   library=self.library),
            "llm": self._llm,
        }
        answer = confine(self._chain.invoke(state), scope, self._canonical)
        return self._with_source_links(answer)

    def stream_answer(self, question: str, history: Sequence[Turn] = (), scope: Scope = Scope(),
                      *, today: date | None = None) -> Iterator[tuple[str, Answer | None]]:
        """(text so far, None) items, then (full text, Answer). The answer is guarded
        before the first item: nothing unguarded is ever shown."""
        answer = self.ask(question, history, scope, today=today)
        text = ""
        for piece in _pieces(answer.text):
            text += piece
            yield text, None
        yield answer.text, answer

    def stream(self, question: str, history: Sequence[Turn] = (), scope: Scope = Scope(), *,
               today: date | None = None) -> Iterator[str]:
        """The answer text progressively (increments); use `stream_answer` for the Answer."""
        previous = ""
        for text, final in self.stream_answer(question, history, scope, today=today):
            if final is None:
                yield text[len(previous):]
                previous = text

    # ---- library delegates (for the UI) ---------------------------------------------

    def reports(self) -> list[CatalogEntry]:
        return self.library.reports()

    def report(self, report_id: str) -> Report:
        return self._load(report_id)

    def source_file(self, report_id: str) -> Path:
        """The report's original file; NotFoundError when the library did not keep it."""
        return self.library.source_file(report_id)

    def source_document(self, report_id: str) -> SourceDocument:
        """The kept original file read into blocks (text lines, table rows), each with the
        location citations point at; for the readable source view."""
        from index.loaders import load_document

        return load_document(self.source_file(report_id))

    def ingest(self, path: str | Path, *, progress: Progress | None = None) -> IngestResult:
        """Parse and index one file; `progress(done_pages, total_pages, message)` follows
        the pages (scanned pages are read by OCR, a few seconds each)."""
        result = self.library.ingest(Path(path), progress=progress)  # type: ignore[attr-defined]
        self._invalidate()
        return result

    def remove(self, report_id: str) -> CatalogEntry:
        entry = self.library.remove(report_id)  # type: ignore[attr-defined]
        self._invalidate()
        return entry

    # ---- internals --------------------------------------------------------------------

    def _validate(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise InputError("请输入问题。")
        if len(question) > self.settings.max_question_chars:
            raise InputError(f"问题太长（最多 {self.settings.max_question_chars} 字）。")
        return question

    def _with_source_links(self, answer: Answer) -> Answer:
        """Citations link to the original file only where the library kept it (reports
        ingested before files were kept have none); a library that cannot tell keeps them."""
        if not answer.citations or not callable(getattr(self.library, "source_file", None)):
            return answer
        kept: dict[str, bool] = {}
        for c in answer.citations:
            if c.url and c.report not in kept:
                try:
                    kept[c.report] = self.library.source_file(c.report).is_file()
                except NotFoundError:
                    kept[c.report] = False
        if all(kept.values()):
            return answer
        citations = tuple(c if kept.get(c.report, True) else replace(c, url=None, view_url=None)
                          for c in answer.citations)
        return replace(answer, citations=citations)

    def _current_catalog(self) -> tuple[CatalogEntry, ...]:
        version = getattr(self.library, "catalog_version", None)
        if callable(version):  # a cheap counter: the catalog is read again only when it moved
            now = version()
            if self._catalog is not None and now == self._catalog_version:
                return self._catalog
            self._catalog_version = now
        catalog = tuple(self.library.reports())
        if catalog != self._catalog:
            # Keep a loaded report only while its entry is unchanged: a report re-ingested
            # under the same id (another process, new content) must be read again.
            before = {e.report_id: e for e in self._catalog or ()}
            unchanged = {e.report_id for e in catalog if before.get(e.report_id) == e}
            self._catalog = catalog
            self._resolver = AgencyResolver.from_catalog(catalog)
            self._reports = OrderedDict((k, v) for k, v in self._reports.items() if k in unchanged)
        return catalog

    def _canonical(self, name: str) -> str | None:
        return self._resolver.canonical(name) if self._resolver is not None else None

    def _load(self, report_id: str) -> Report:
        if report_id in self._reports:
            self._reports.move_to_end(report_id)
            return self._reports[report_id]
        report = self._reports[report_id] = self.library.report(report_id)
        while len(self._reports) > max(int(self.settings.report_cache), 1):
            self._reports.popitem(last=False)
        return report

    def _invalidate(self) -> None:
        self._catalog = None
        self._catalog_version = None
        self._reports.clear()


def _turn(t: Turn | dict[str, str]) -> Turn:
    return t if isinstance(t, Turn) else Turn(role=t["role"], content=t["content"])  # type: ignore[arg-type]


def _pieces(text: str) -> Iterator[str]:
    """Clause-sized pieces for streaming (never splitting a number or a marker)."""
    piece = ""
    for ch in text:
        piece += ch
        if ch in "，。；：！？":
            yield piece
            piece = ""
    if piece:
        yield piece
