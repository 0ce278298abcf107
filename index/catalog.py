"""The catalog of live reports, read from the database and kept per process until its
version counter moves (any ingest, replace, remove or restore, from any process, bumps it).

    catalog.entries()            {report_id: CatalogEntry}, sorted by agency, year
    catalog.version()            the counter (cheap: one indexed read)
    catalog.agencies_matching(name)
    catalog.select(agency=, year=, report_ids=)   the entries a filter means

Holding the entries is cheap (a few hundred bytes each; 5,000 reports ≈ 5 MB); the reports'
figures and prose are not held here (see Library.report / Library.facts).
"""

from __future__ import annotations

import threading
from collections.abc import Collection

from index.db import Database
from index.db import reports as db_reports
from index.records import CatalogEntry


class Catalog:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._version = -1
        self._entries: dict[str, CatalogEntry] = {}
        self._hashes: frozenset[str] = frozenset()

    def version(self) -> int:
        with self._db.connect() as conn:
            return db_reports.catalog_version(conn)

    def entries(self) -> dict[str, CatalogEntry]:
        version = self.version()
        with self._lock:
            if version != self._version:
                with self._db.connect() as conn:
                    entries = db_reports.active_entries(conn)
                self._entries = {e.report_id: e for e in entries}
                self._hashes = frozenset(e.content_hash for e in entries)
                self._version = version
            return self._entries

    def active_hashes(self) -> frozenset[str]:
        self.entries()
        return self._hashes

    def forget(self) -> None:
        with self._lock:
            self._version = -1

    def agencies_matching(self, agency: str) -> set[str]:
        """Catalog agency names meant by `agency`: the name, a short form, or a part of it."""
        return {e.agency for e in self.entries().values()
                if agency == e.agency or agency in e.agency_aliases or agency in e.agency}

    def select(self, *, agency: str | Collection[str] | None = None, year: int | None = None,
               report_ids: Collection[str] | None = None) -> list[CatalogEntry] | None:
        """Entries a filter means; None when there is no filter (the whole catalog)."""
        if agency is None and year is None and report_ids is None:
            return None
        names: set[str] | None = None
        if isinstance(agency, str):
            names = self.agencies_matching(agency)
        elif agency is not None:
            names = set(agency)
        ids = set(report_ids) if report_ids is not None else None
        return [e for e in self.entries().values()
                if (names is None or e.agency in names) and (year is None or e.year == year)
                and (ids is None or e.report_id in ids)]
