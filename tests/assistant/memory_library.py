"""An in-memory stand-in of `index.library.Library` over the expected reports.

For fast unit tests of the assistant without the parser, the model or the vector store; its
reports (tests/expected_reports.py) carry prose from every format, PDF and HTML included.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.library import CatalogEntry, Hit
from index.models import Report
from tests.expected_reports import ALL_FORMATS, all_reports


def memory_reports() -> tuple[Report, ...]:
    """Every corpus report, with the prose of every format (built once)."""
    return all_reports(ALL_FORMATS)


@dataclass
class MemoryLibrary:
    """In-memory stand-in of `index.library.Library` (catalog, reports, keyword search)."""

    items: dict[str, Report]

    @classmethod
    def of(cls, reports: tuple[Report, ...] | None = None) -> MemoryLibrary:
        return cls({r.id: r for r in (reports if reports is not None else memory_reports())})

    def reports(self) -> list[CatalogEntry]:
        return sorted((_entry(r) for r in self.items.values()), key=lambda e: (e.agency, e.year))

    def report(self, report_id: str) -> Report:
        from index.errors import NotFoundError

        if report_id not in self.items:
            raise NotFoundError(f"没有这份报告：{report_id}")
        return self.items[report_id]

    def search(self, query: str, *, k: int = 5, agency: str | None = None,
               year: int | None = None) -> list[Hit]:
        hits = []
        for r in self.items.values():
            if (agency and r.agency != agency) or (year and r.year != year):
                continue
            for s in r.sections:
                for p in s.paragraphs:
                    score = sum(ch in p.text for ch in set(query)) / max(len(set(query)), 1)
                    hits.append(Hit(f"{r.id}:{p.location.line}", p.text, score,
                                    {"report_id": r.id, "agency": r.agency, "year": r.year,
                                     "kind": "prose", "section": s.heading}))
        return sorted(hits, key=lambda h: -h.score)[:k]


def _entry(r: Report) -> CatalogEntry:
    return CatalogEntry(r.id, r.agency, r.agency_aliases, r.year, r.template, r.title,
                        r.source_name, r.content_hash, 0, tuple(c.detail for c in r.failed_checks),
                        (), "2026-01-01T00:00:00")
