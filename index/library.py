"""The library of indexed reports: catalog + parsed reports on disk + vector store + BM25.

CONTRACT (used by assistant/ and, through the assistant, by ui/). The index helper
implements it; keep these names and shapes.

    lib = Library.open(settings)                 # Settings from index.settings
    lib.ingest(path) -> IngestResult             # parse + index one file; atomic
    lib.ingest_report(report) -> CatalogEntry    # index an already parsed Report
    lib.remove(report_id) -> CatalogEntry        # NotFoundError if absent
    lib.reports() -> list[CatalogEntry]          # the catalog, sorted by agency, year
    lib.report(report_id) -> Report              # the full parsed Report (facts, sections…)
    lib.source_file(report_id) -> Path           # the original file; NotFoundError if not kept
    lib.search(query, *, k=5, agency=None, year=None) -> list[Hit]   # hybrid dense+BM25
    lib.retriever(*, k=5, agency=None, year=None) -> langchain BaseRetriever

Extras: `search(..., mode="dense"|"bm25")` runs one side only (benchmarks);
`agencies_matching(name)` gives the catalog agencies a name or short form means (the agency
filter uses it: 「洪泽区」 finds 淮安市洪泽区人民政府); `Library.open(settings, embedder=e)`
reuses an already loaded embedder.

Layout under settings.store: catalog.json (the switch that makes a version live),
reports/<content hash>.json (parsed reports), sources/<content hash><suffix> (the original
files `ingest` parsed; index.sources), chroma/ (embedded vector store, unless
chroma_url is set), embed_cache.sqlite (passage embeddings by content hash), pending/ (markers
of ingests in progress; their chunks are dropped if the catalog never took them).
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from index.catalog import CatalogFile, entry_for
from index.embed_cache import EmbeddingCache
from index.errors import AssistantError, NotFoundError, StoreError, UnreadableFileError
from index.lexical import LexicalIndex
from index.models import Report
from index.records import CatalogEntry, Hit, IngestResult
from index.settings import Settings
from index.sources import SourceFiles

__all__ = ["CatalogEntry", "Hit", "IngestResult", "Library"]


class Library:
    """Catalog + parsed reports + vector store + BM25 under one data directory."""

    def __init__(self, settings: Settings, embedder: Any = None) -> None:
        self.settings = settings
        self.root = settings.store_path
        self.root.mkdir(parents=True, exist_ok=True)
        self._embedder = embedder
        self._catalog_file = CatalogFile(self.root)
        self._sources = SourceFiles(self.root)
        self._cache = EmbeddingCache(self.root / "embed_cache.sqlite")
        self._lexical = LexicalIndex()
        self._lock = threading.RLock()
        self._store: Any = None
        self._cells: Any = None
        self._entries: dict[str, CatalogEntry] = {}
        self._stamp: tuple[int, int] | None = None
        self._reports: dict[str, Report] = {}
        self._lexical_stale = True
        self._vectors_checked = False

    @classmethod
    def open(cls, settings: Settings | None = None, *, embedder: Any = None) -> Library:
        return cls(settings or Settings.load(), embedder)

    # -- parts, created on first use --------------------------------------------------------

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from index.embedding import get_embedder

            self._embedder = get_embedder(self.settings)
        return self._embedder

    @property
    def store(self) -> Any:
        if self._store is None:
            from index.store import ChunkStore

            # one collection per model; same name get_embedder gives (no model load needed)
            model = self._embedder.name if self._embedder is not None else None
            self._store = ChunkStore(self.settings, model or self.settings.embedding_model)
        return self._store

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One writer at a time, across threads and processes sharing the store."""
        with self._lock, open(self.root / ".lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                self._refresh()
                self._recover()
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _refresh(self) -> None:
        """Reload the catalog when another process (or a crash) changed it."""
        stamp = self._catalog_file.stamp()
        if stamp == self._stamp:
            return
        self._entries, self._stamp = self._catalog_file.load(), stamp
        self._lexical_stale = True

    def _ensure_lexical(self) -> None:
        """(Re)build BM25 from the stored chunks of the active reports, when stale."""
        from index.store import where_clause

        if not self._lexical_stale:
            return
        hashes = {e.content_hash for e in self._entries.values()}
        self._lexical.remove(self._lexical.ids())
        if hashes:
            chunks = self.store.get(where_clause(content_hash=hashes))
            self._lexical.add((c.id, c.text, c.metadata) for c in chunks)
        self._lexical_stale = False

    def _ensure_vectors(self) -> None:
        """A catalog without vectors (another embedding model, a fresh Chroma server): index
        the saved reports again, without re-parsing."""
        if self._vectors_checked:
            return
        self._vectors_checked = True
        if self._entries and self.store.count() == 0:
            for entry in list(self._entries.values()):
                self.ingest_report(self.report(entry.report_id))

    def _pending_dir(self) -> Path:
        return self.root / "pending"

    def _recover(self) -> None:
        """Drop chunks of ingests that never reached the catalog (a crash mid-ingest)."""
        from index.store import where_clause

        pending = self._pending_dir()
        if not pending.is_dir():
            return
        active = {e.content_hash for e in self._entries.values()}
        for marker in pending.iterdir():
            if marker.name not in active:
                self.store.delete(where_clause(content_hash=marker.name))
                self._catalog_file.delete_report(marker.name)
                self._sources.delete(marker.name)
            marker.unlink(missing_ok=True)

    # -- writing ----------------------------------------------------------------------------

    def ingest(self, path: str | Path) -> IngestResult:
        """Parse one file and index it; raises an `InputError` for a bad file (nothing changes)."""
        from index.parsing import parse_report

        path = Path(path)
        try:
            report = parse_report(path)
        except AssistantError:
            raise
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop a batch
            raise UnreadableFileError(f"无法解析该文件：{exc}", source=path.name) from exc
        previous = self._entries_now().get(report.id)
        entry = self.ingest_report(report, source=path)
        replaced = None
        if previous is not None and previous.content_hash != entry.content_hash:
            replaced = f"{previous.report_id}（{previous.source_name}）"
        return IngestResult(entry=entry, replaced=replaced, warnings=report.warnings)

    def ingest_report(self, report: Report, *, source: Path | None = None) -> CatalogEntry:
        """Index a parsed report (and keep `source`, the file it was parsed from). New chunks
        and source first, then the catalog switch, then the old version's chunks and source go:
        a failure at any step leaves a searchable library."""
        from index.chunks import report_chunks

        chunks = report_chunks(report)
        vectors = self._cache.embed_passages(self.embedder, [c.embed_text for c in chunks])
        with self._writing():
            marker = self._pending_dir() / report.content_hash
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
            self._catalog_file.save_report(report)
            if source is not None:
                self._sources.save(report.content_hash, report.format, source)
            self.store.upsert([c.id for c in chunks], vectors, [c.text for c in chunks],
                              [c.metadata for c in chunks])
            entry = entry_for(report, len(chunks))
            stale = {e.content_hash for e in self._entries.values()
                     if e.report_id == report.id or e.content_hash == report.content_hash}
            entries = {rid: e for rid, e in self._entries.items()
                       if rid != report.id and e.content_hash != report.content_hash}
            entries[report.id] = entry
            self._switch(entries)  # the new version is live from here on
            marker.unlink(missing_ok=True)
            self._retire(stale - {report.content_hash})
            self._drop_leftovers(report.content_hash, {c.id for c in chunks})
            self._lexical.add((c.id, c.text, c.metadata) for c in chunks)
            return entry

    def _retire(self, hashes: set[str]) -> None:
        """Delete every trace of report versions that are no longer in the catalog."""
        from index.store import where_clause

        for old in hashes:
            self.store.delete(where_clause(content_hash=old))
            self._catalog_file.delete_report(old)
            self._sources.delete(old)
            self._reports.pop(old, None)
            prefix = old[:16] + ":"
            self._lexical.remove(i for i in self._lexical.ids() if i.startswith(prefix))

    def _drop_leftovers(self, content_hash: str, keep: set[str]) -> None:
        """The same file indexed again (e.g. a newer parser): drop chunks it no longer has."""
        from index.store import where_clause

        self._reports.pop(content_hash, None)
        leftover = set(self.store.ids(where_clause(content_hash=content_hash))) - keep
        if leftover:
            self.store.delete_ids(sorted(leftover))
            self._lexical.remove(leftover)

    def _switch(self, entries: dict[str, CatalogEntry]) -> None:
        self._catalog_file.save(entries)
        self._entries, self._stamp = entries, self._catalog_file.stamp()

    def remove(self, report_id: str) -> CatalogEntry:
        with self._writing():
            entry = self._entries.get(report_id)
            if entry is None:
                raise NotFoundError(f"资料库中没有报告「{report_id}」")
            self._switch({rid: e for rid, e in self._entries.items() if rid != report_id})
            self._retire({entry.content_hash})
            return entry

    # -- reading ----------------------------------------------------------------------------

    def _entries_now(self) -> dict[str, CatalogEntry]:
        with self._lock:
            self._refresh()
            return self._entries

    def reports(self) -> list[CatalogEntry]:
        return sorted(self._entries_now().values(), key=lambda e: (e.agency, e.year))

    def report(self, report_id: str) -> Report:
        entry = self._entries_now().get(report_id)
        if entry is None:
            raise NotFoundError(f"资料库中没有报告「{report_id}」")
        if entry.content_hash not in self._reports:
            self._reports[entry.content_hash] = self._catalog_file.load_report(entry.content_hash)
        return self._reports[entry.content_hash]

    def source_file(self, report_id: str) -> Path:
        """The original file of a report (kept by `ingest`; not for reports ingested earlier)."""
        entry = self._entries_now().get(report_id)
        path = self._sources.find(entry.content_hash) if entry is not None else None
        if path is None:
            raise NotFoundError(f"没有保存报告「{report_id}」的原文文件")
        return path

    def agencies_matching(self, agency: str) -> set[str]:
        """Catalog agency names meant by `agency`: the name, a short form, or a part of it."""
        names = set()
        for e in self._entries_now().values():
            if agency == e.agency or agency in e.agency_aliases or agency in e.agency:
                names.add(e.agency)
        return names

    def match_cells(self, text: str, *, k: int = 5) -> list[tuple[str, float]]:
        """Template cells nearest in meaning to `text` (index.cell_index), best first."""
        from index.cell_index import CellIndex

        if self._cells is None:
            self._cells = CellIndex(self.store.client, self.embedder)
        return self._cells.match(text, k=k)

    def search(self, query: str, *, k: int = 5, agency: str | None = None,
               year: int | None = None, mode: str = "hybrid") -> list[Hit]:
        """Top-k chunks (hybrid dense + BM25, RRF) of active reports, optionally filtered."""
        from index.retrieval import HybridSearcher, to_hit
        from index.store import where_clause

        with self._lock:
            self._refresh()
            self._ensure_vectors()
            self._ensure_lexical()
            entries = self._entries
        agencies = self.agencies_matching(agency) if agency else None
        hashes = {e.content_hash for e in entries.values()
                  if (agencies is None or e.agency in agencies) and (year is None or e.year == year)}
        if not hashes or not query.strip():
            return []
        where = where_clause(content_hash=hashes)

        def keep(meta: dict[str, Any]) -> bool:
            return meta.get("content_hash") in hashes

        try:
            ranked = HybridSearcher(self.store, self._lexical, self.embedder).search(
                query, k=k, where=where, keep=keep, mode=mode,  # type: ignore[arg-type]
                names=[n for e in entries.values() for n in (e.agency, *e.agency_aliases)])
        except AssistantError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise StoreError(f"检索失败：{exc}") from exc
        return [to_hit(r) for r in ranked]

    def retriever(self, *, k: int = 5, agency: str | None = None, year: int | None = None) -> Any:
        from index.retrieval import LibraryRetriever

        return LibraryRetriever(library=self, k=k, agency=agency, year=year)

    def close(self) -> None:
        self._cache.close()
