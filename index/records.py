"""Values the library hands out: catalog entries, ingest results, search hits."""

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
