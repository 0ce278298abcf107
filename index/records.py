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


@dataclass(frozen=True)
class ReportVersion:
    """One version of a report id: the live one (state "active") or one kept for restore
    ("replaced" by a newer file, or "removed")."""

    entry: CatalogEntry
    state: str  # "active" | "replaced" | "removed"
    replaced_by: str = ""  # content hash of the version that replaced it
    retired_at: str = ""  # ISO timestamp it stopped being live
    damaged: str = ""  # why it cannot be read, if so
    has_source: bool = False  # the original file is kept


@dataclass(frozen=True)
class DamagedReport:
    report_id: str
    content_hash: str
    problem: str  # what is wrong and what to do, in Chinese


@dataclass(frozen=True)
class Health:
    """What `Library.health()` finds: the library serves what it can and lists what it cannot."""

    reports: int  # live reports
    read_only: bool
    damaged: tuple[DamagedReport, ...] = ()
    problems: tuple[str, ...] = ()  # store-wide faults (vector store, database), each with advice

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.problems


@dataclass(frozen=True)
class FactRecord:
    """A figure found by a query, with the report version it belongs to."""

    entry: CatalogEntry
    fact: Any  # index.models.Fact


@dataclass(frozen=True)
class Aggregate:
    """One report's value in a ranking or sum: the figures added up (one, or several for a
    group such as 行政诉讼 = 直接起诉 + 复议后起诉) and their total."""

    entry: CatalogEntry
    value: Any  # int | Decimal
    facts: tuple[Any, ...]  # index.models.Fact, every input (cite each)
