"""The library of indexed reports: catalog + parsed reports on disk + vector store + BM25.

CONTRACT (used by assistant/ and, through the assistant, by ui/). The index helper
implements it; keep these names and shapes.

    lib = Library.open(settings)                 # Settings from index.settings
    lib.ingest(path) -> IngestResult             # parse + index one file; atomic
    lib.ingest_report(report) -> CatalogEntry    # index an already parsed Report
    lib.remove(report_id) -> CatalogEntry        # NotFoundError if absent
    lib.reports() -> list[CatalogEntry]          # the catalog, sorted by agency, year
    lib.report(report_id) -> Report              # the full parsed Report (facts, sections…)
    lib.search(query, *, k=5, agency=None, year=None) -> list[Hit]   # hybrid dense+BM25
    lib.retriever(*, k=5, agency=None, year=None) -> langchain BaseRetriever
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CatalogEntry:
    report_id: str
    agency: str
    agency_aliases: tuple[str, ...]
    year: int
    template: str
    title: str
    source_name: str
    content_hash: str
    chunks: int
    failed_checks: tuple[str, ...]  # details of failed checks
    warnings: tuple[str, ...]
    ingested_at: str  # ISO timestamp


@dataclass(frozen=True)
class IngestResult:
    entry: CatalogEntry
    replaced: str | None = None  # report id / source replaced by this ingest, if any
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk. metadata has at least: report_id, agency, year, template,
    kind ("row" | "prose"), section; for rows also table, row (canonical key), values
    (JSON string of {column: value}); source (location text)."""

    chunk_id: str
    text: str
    score: float
    metadata: dict[str, Any] = field(default_factory=dict, hash=False)
