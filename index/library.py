"""The library of indexed reports: a database (catalog, versions, facts, parsed reports,
lexical index), a vector store (Chroma) and the original files, under one store.

CONTRACT (used by assistant/ and, through the assistant, by ui/). Keep these names and shapes.

    lib = Library.open(settings)                 # Settings from index.settings
    lib.ingest(path, progress=None) -> IngestResult   # check + parse + index one file; atomic;
                                                 # progress(done_pages, total_pages, message)
    lib.ingest_report(report) -> CatalogEntry    # index an already parsed Report
    lib.ingest_many(paths, progress=cb) -> BulkSummary   # a folder of thousands (index.bulk)
    lib.remove(report_id) -> CatalogEntry        # NotFoundError if absent; kept as a version
    lib.versions(report_id) -> list[ReportVersion]        # live + kept versions, newest first
    lib.restore(report_id, content_hash) -> IngestResult  # make a kept version live again
    lib.reports() -> list[CatalogEntry]          # the catalog, sorted by agency, year
    lib.catalog_version() -> int                 # moves on every catalog change (any process)
    lib.report(report_id) -> Report              # the full parsed Report (bounded cache)
    lib.fact_report(report_id) -> Report         # facts, rows, checks only (no prose): cheap
    lib.facts(agency=, year=, table=, row=, column=) -> list[FactRecord]   # index.queries
    lib.aggregate(cells, year=, agencies=, …, limit=) -> list[Aggregate]  # rankings, sums
    lib.source_file(report_id) -> Path           # the original file; NotFoundError if not kept
    lib.search(query, *, k=5, agency=None, year=None, kind=None) -> list[Hit]  # hybrid
    lib.retriever(*, k=5, agency=None, year=None) -> langchain BaseRetriever
    lib.health() -> Health                       # damaged reports and store faults
    lib.reindex() -> int                         # rebuild vectors + lexical index from the db

Layout under settings.store: library.sqlite (the database, unless database_url is set),
sources/<content hash><suffix> (original files), chroma/ (embedded vector store, unless
chroma_url is set), embed_cache.sqlite (passage embeddings by content hash). A store of the
older JSON format (catalog.json + reports/) is imported on first open (index.db.migrations).
A store the process cannot write is opened read-only: questions are answered, writes refused.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from index import lexical, queries, rowtypes
from index.catalog import Catalog
from index.db import READ_ONLY, Database, store_errors
from index.db import reports as db_reports
from index.embed_cache import EmbeddingCache
from index.errors import AssistantError, NotFoundError, StoreError, UnreadableFileError
from index.models import Progress, Report
from index.publish import Prepared, publish, recover, retire
from index.records import (
    Aggregate, CatalogEntry, FactRecord, Health, Hit, IngestResult, ReportVersion,
)
from index.settings import Settings
from index.sources import SourceFiles

__all__ = ["CatalogEntry", "Hit", "IngestResult", "Library"]
# Idle OpenMP threads sleep instead of spinning (read when torch loads, after this import): on a
# busy or shared machine — two serve processes, parsing workers, other services — spinning
# threads made each query embedding ~10× slower here (1.3 s instead of 0.08 s).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
log = logging.getLogger(__name__)
Cell = tuple[str, str, str]


def store_writable(root: Path) -> bool:
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".write-probe-"):
            return True
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return False
        if exc.errno == errno.ENOSPC:
            return True  # full, not read-only: writes will say so
        raise StoreError(f"无法使用资料库目录 {root}：{exc.strerror or exc}") from exc


class Library:
    """Catalog + versions + facts + vectors + lexical index under one store."""

    def __init__(self, settings: Settings, embedder: Any = None, *,
                 read_only: bool | None = None) -> None:
        self.settings = settings
        self.root = settings.store_path
        self.read_only = (not store_writable(self.root)) if read_only is None else read_only
        self.db = Database.open(settings, read_only=self.read_only)
        self._embedder = embedder
        self._sources = SourceFiles(self.root)
        self._cache = EmbeddingCache(self.root / "embed_cache.sqlite", read_only=self.read_only)
        self.catalog = Catalog(self.db)
        self._lock = threading.RLock()
        self._store: Any = None
        self._cells: Any = None
        self._reports: OrderedDict[str, Report] = OrderedDict()
        self._vectors_checked = False
        self._lexical_checked = False
        self.degraded = ""  # the last vector-store fault searches worked around

    @classmethod
    def open(cls, settings: Settings | None = None, *, embedder: Any = None,
             read_only: bool | None = None) -> Library:
        return cls(settings or Settings.load(), embedder, read_only=read_only)

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
        """One writer at a time across threads and local processes; the database switch is
        atomic across machines."""
        if self.read_only:
            raise StoreError(READ_ONLY.format(where=self.root))
        with self._lock, store_errors(str(self.root)), open(self.root / ".lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                recover(self.db, self.store, self._sources)
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- writing ----------------------------------------------------------------------------

    def ingest(self, path: str | Path, *, progress: Progress | None = None) -> IngestResult:
        """Check, parse and index one file; raises an `InputError` for a bad file (nothing
        changes). A file for an (agency, year) already indexed replaces it; the previous
        version is kept (`versions`, `restore`). `progress(done_pages, total_pages, message)`
        follows the pages being read (a scanned PDF is read by OCR, seconds a page), then says
        when indexing starts."""
        from index.limits import check_file
        from index.parsing import parse_report

        path = Path(path)
        check_file(path, self.settings)
        pages = [0, 1]

        def follow(done: int, total: int, message: str) -> None:
            pages[:] = [done, total]
            if progress is not None:
                progress(done, total, message)

        try:
            report = parse_report(path, progress=follow, ocr_dpi=self.settings.ocr_dpi)
        except AssistantError:
            raise
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop a batch
            raise UnreadableFileError(f"无法解析该文件：{exc}", source=path.name) from exc
        if progress is not None:
            progress(pages[1], pages[1], "建立索引")
        return self._publish([self.prepare(report, source=path)])[0]

    def ingest_report(self, report: Report, *, source: Path | None = None) -> CatalogEntry:
        """Index a parsed report (and keep `source`, the file it was parsed from)."""
        return self._publish([self.prepare(report, source=source)])[0].entry

    def prepare(self, report: Report, *, source: Path | None = None) -> Prepared:
        """Chunks and vectors of a report (no lock held: the slow part of an ingest)."""
        return self.prepare_many([(report, source)])[0]

    def prepare_many(self, items: Sequence[tuple[Report, Path | None]]) -> list[Prepared]:
        """Chunks of several reports embedded in one batch (bulk ingest)."""
        from index.chunks import report_chunks

        chunked = [(r, src, report_chunks(r)) for r, src in items]
        texts = [c.embed_text for _, _, chunks in chunked for c in chunks]
        vectors = self._cache.embed_passages(self.embedder, texts)
        out, at = [], 0
        for report, source, chunks in chunked:
            out.append(Prepared(report, chunks, vectors[at:at + len(chunks)], source))
            at += len(chunks)
        return out

    def _publish(self, items: Sequence[Prepared]) -> list[IngestResult]:
        with self._writing():
            published = publish(self.db, self.store, self._sources, items)
        with self._lock:
            for item in items:
                self._reports.pop(item.report.content_hash, None)
        results = []
        for p, item in zip(published, items, strict=True):
            replaced = None
            if p.replaced is not None:
                replaced = (f"{p.replaced.report_id}（{p.replaced.source_name}，"
                            f"{p.replaced.ingested_at[:10]} 导入；旧版本已保留，可恢复）")
            results.append(IngestResult(entry=p.entry, replaced=replaced,
                                        warnings=item.report.warnings))
        return results

    def remove(self, report_id: str) -> CatalogEntry:
        """Take a report out of the catalog; its data stays as a version (`restore`)."""
        from index.db.schema import REMOVED

        with self._writing():
            entry = retire(self.db, self.store, report_id, REMOVED)
        if entry is None:
            raise NotFoundError(f"资料库中没有报告「{report_id}」")
        return entry

    def versions(self, report_id: str) -> list[ReportVersion]:
        """Every version of a report id, newest first: the live one and those kept."""
        with self.db.connect() as conn:
            rows = db_reports.versions(conn, report_id)
        return [db_reports.version_from_row(r, self._sources.find(r.content_hash) is not None)
                for r in rows]

    def restore(self, report_id: str, content_hash: str) -> IngestResult:
        """Make a kept version live again (the current one is kept in turn)."""
        version = next((v for v in self.versions(report_id)
                        if v.entry.content_hash.startswith(content_hash) and content_hash), None)
        if version is None:
            raise NotFoundError(f"报告「{report_id}」没有版本 {content_hash}")
        with self.db.connect() as conn:
            report = db_reports.load_report(conn, version.entry.content_hash)
        if report is None:
            raise StoreError(f"版本 {content_hash[:12]} 的数据缺失，无法恢复；请重新导入原文件。")
        return self._publish([self.prepare(report)])[0]

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the vector store and the lexical index of every live report from the
        database (a damaged or new vector store, another embedding model)."""
        from index.publish import upsert

        entries = list(self.reports())
        with self._writing():
            self.store.reset()
            with self.db.begin() as conn:
                lexical.remove(conn, sorted(lexical.indexed_hashes(conn)))
            for i in range(0, len(entries), 20):
                batch = entries[i:i + 20]
                with self.db.connect() as conn:
                    reports = [db_reports.load_report(conn, e.content_hash) for e in batch]
                prepared = self.prepare_many([(r, None) for r in reports if r is not None])
                upsert(self.store, prepared)
                with self.db.begin() as conn:
                    for p in prepared:
                        lexical.add(conn, ((c.id, c.text, rowtypes.lexical_metadata(c))
                                       for c in p.chunks))
                if progress:
                    progress(min(i + 20, len(entries)), len(entries))
        self._vectors_checked = self._lexical_checked = True
        return len(entries)

    def ingest_many(self, paths: Iterable[Path], **options: Any) -> Any:
        from index.bulk import ingest_many

        return ingest_many(self, list(paths), **options)

    # -- reading ----------------------------------------------------------------------------

    def reports(self) -> list[CatalogEntry]:
        return list(self.catalog.entries().values())

    def catalog_version(self) -> int:
        return self.catalog.version()

    def _entry(self, report_id: str) -> CatalogEntry:
        entry = self.catalog.entries().get(report_id)
        if entry is None:
            raise NotFoundError(f"资料库中没有报告「{report_id}」")
        return entry

    def report(self, report_id: str) -> Report:
        entry = self._entry(report_id)
        h = entry.content_hash
        with self._lock:
            if h in self._reports:
                self._reports.move_to_end(h)
                return self._reports[h]
        with self.db.connect() as conn:
            report = db_reports.load_report(conn, h)
        if report is None:
            raise StoreError(f"报告「{report_id}」的数据已损坏或缺失，暂时无法使用；"
                             "其他报告不受影响。请重新导入该报告的原文件。")
        with self._lock:
            self._reports[h] = report
            while len(self._reports) > max(int(self.settings.report_cache), 1):
                self._reports.popitem(last=False)
        return report

    def fact_report(self, report_id: str) -> Report:
        """The report's catalog fields, facts, rows and checks (no sections): what figure
        answers and their citations need, without reading the prose."""
        entry = self._entry(report_id)
        with self._lock:
            if entry.content_hash in self._reports:
                return self._reports[entry.content_hash]
        return self.fact_reports([report_id])[report_id]

    def fact_reports(self, report_ids: Collection[str], *,
                     rows: Collection[tuple[str, str]] | None = None) -> dict[str, Report]:
        """Fact reports of several ids at once; `rows`: only these (table, row key) pairs'
        facts and printed rows (what a ranking states), for speed."""
        entries = [self._entry(r) for r in report_ids]
        with self.db.connect() as conn:
            by_hash = db_reports.fact_reports(conn, [e.content_hash for e in entries], rows)
        return {e.report_id: by_hash[e.content_hash] for e in entries if e.content_hash in by_hash}

    def facts(self, **filters: Any) -> list[FactRecord]:
        """Figures by (agency, year, table, row, column); see index.queries.facts."""
        with self.db.connect() as conn:
            return queries.facts(conn, **filters)

    def aggregate(self, cells: Sequence[Cell], **options: Any) -> list[Aggregate]:
        """Per report, the sum of `cells` (rankings, top-N, sums over a place); see
        index.queries.aggregate."""
        with self.db.connect() as conn:
            return queries.aggregate(conn, cells, **options)

    def source_file(self, report_id: str) -> Path:
        """The original file of a report (kept by `ingest`; not for reports ingested earlier)."""
        entry = self.catalog.entries().get(report_id)
        path = self._sources.find(entry.content_hash) if entry is not None else None
        if path is None:
            raise NotFoundError(f"没有保存报告「{report_id}」的原文文件")
        return path

    def agencies_matching(self, agency: str) -> set[str]:
        """Catalog agency names meant by `agency`: the name, a short form, or a part of it."""
        return self.catalog.agencies_matching(agency)

    def match_cells(self, text: str, *, k: int = 5) -> list[tuple[str, float]]:
        """Template cells nearest in meaning to `text` (index.cell_index), best first."""
        from index.cell_index import CellIndex

        if self._cells is None:
            self._cells = CellIndex(self.store.client, self.embedder)
        return self._cells.match(text, k=k)

    def health(self) -> Health:
        from index.health import check

        return check(self)

    # -- search -----------------------------------------------------------------------------

    def _ensure_indexes(self) -> None:
        """A live report without vectors (a fresh Chroma server, another model) or without
        lexical entries (a store upgraded from the JSON format): index it from the database."""
        from index.search import backfill

        if self._vectors_checked and self._lexical_checked:
            return
        backfill(self)
        self._vectors_checked = self._lexical_checked = True

    def search(self, query: str, *, k: int = 5, agency: str | None = None,
               year: int | None = None, mode: str = "hybrid", kind: str | None = None,
               report_ids: Collection[str] | None = None) -> list[Hit]:
        """Top-k chunks (hybrid dense + BM25, RRF) of live reports, optionally filtered by
        agency (name or short form), year, kind ("prose" | "row") or report ids."""
        from index.search import search

        if not query.strip():
            return []
        self._ensure_indexes()
        return search(self, query, k=k, agency=agency, year=year, mode=mode, kind=kind,
                      report_ids=report_ids)

    def retriever(self, *, k: int = 5, agency: str | None = None, year: int | None = None,
                  kind: str | None = None) -> Any:
        from index.retrieval import LibraryRetriever

        return LibraryRetriever(library=self, k=k, agency=agency, year=year, kind=kind)

    def close(self) -> None:
        self._cache.close()
        self.db.close()
