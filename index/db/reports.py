"""Report versions in the database: write one (catalog row, document, facts, rows), read
the catalog, a whole report, or a report's figures only (no prose).

A version is keyed by its content hash; `state` says whether it is the live one of its
report id (active), an earlier one kept for restore (replaced, removed), or an ingest in
progress (pending). Every write here runs inside the caller's transaction.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, UTC
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, func, or_, select, update

from index.db import schema as s
from index.models import CheckResult, Fact, Location, Report, TableRow, report_from_dict, report_to_dict
from index.records import CatalogEntry, ReportVersion

CATALOG_VERSION = "catalog_version"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def pack(obj: Any) -> bytes:
    return zlib.compress(json.dumps(obj, ensure_ascii=False).encode("utf-8"), 6)


def unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


# ---- writing ------------------------------------------------------------------------------


def _fact_row(content_hash: str, f: Fact, *, in_report: bool = True,
              row_seq: int | None = None, row_pos: int | None = None) -> dict[str, Any]:
    return {
        "in_report": in_report, "row_seq": row_seq, "row_pos": row_pos,
        "content_hash": content_hash, "tbl": f.table, "row_key": f.row, "col_key": f.column,
        "value": str(f.value), "is_decimal": isinstance(f.value, Decimal),
        "number": float(f.value), "label": f.label, "column_label": f.column_label,
        "status": f.status, "unit": f.unit, "note": f.note, "uncertain": f.uncertain,
        "page": f.source.page, "line": f.source.line,
    }


def _table_row(content_hash: str, seq: int, r: TableRow) -> dict[str, Any]:
    return {
        "content_hash": content_hash, "seq": seq, "tbl": r.table, "row_key": r.key,
        "label": r.label, "header_path": json.dumps(list(r.header_path), ensure_ascii=False),
        "page": r.source.page, "line": r.source.line, "raw": r.raw,
    }


def _fact_rows(report: Report) -> list[dict[str, Any]]:
    """Report.facts in order, each with the row it is printed in; then row facts that are
    not among Report.facts (so both lists read back exactly)."""
    h = report.content_hash
    where: dict[int, tuple[int, int]] = {}
    extra: list[dict[str, Any]] = []
    in_report = {id(f) for f in report.facts}
    for seq, row in enumerate(report.rows):
        for pos, f in enumerate(row.facts):
            if id(f) in in_report:
                where.setdefault(id(f), (seq, pos))
            else:
                extra.append(_fact_row(h, f, in_report=False, row_seq=seq, row_pos=pos))
    rows = []
    for f in report.facts:
        found = where.get(id(f))
        rows.append(_fact_row(h, f, row_seq=found[0] if found else None,
                              row_pos=found[1] if found else None))
    return rows + extra


def catalog_values(report: Report, chunks: int) -> dict[str, Any]:
    return {
        "report_id": report.id, "agency": report.agency,
        "aliases": json.dumps(list(report.agency_aliases), ensure_ascii=False),
        "year": report.year, "template": report.template, "title": report.title,
        "source_name": report.source_name, "format": report.format, "chunks": chunks,
        "failed_checks": json.dumps([c.detail for c in report.failed_checks], ensure_ascii=False),
        "warnings": json.dumps(list(report.warnings), ensure_ascii=False),
    }


def put_version(conn: Connection, report: Report, *, chunks: int, state: str,
                owner: str | None = None, ingested_at: str | None = None) -> None:
    """Write (or rewrite) one version: its catalog row, document, facts and rows."""
    h = report.content_hash
    exists = conn.execute(select(s.reports.c.state).where(s.reports.c.content_hash == h)).first()
    values = {**catalog_values(report, chunks), "owner": owner, "damaged": ""}
    if exists is None:
        conn.execute(s.reports.insert().values(
            content_hash=h, state=state, ingested_at=ingested_at or now(), vectors=False,
            **values))
    else:  # the same bytes again (e.g. a newer parser): keep its state until the switch
        conn.execute(update(s.reports).where(s.reports.c.content_hash == h).values(
            ingested_at=ingested_at or now(), **values))
    for table in (s.documents, s.facts, s.table_rows):
        conn.execute(delete(table).where(table.c.content_hash == h))
    document = report_to_dict(report)
    conn.execute(s.documents.insert().values(
        content_hash=h, body=pack(document), checks=pack(document["checks"])))
    if report.facts or report.rows:
        conn.execute(s.facts.insert(), _fact_rows(report))
    if report.rows:
        conn.execute(s.table_rows.insert(), [_table_row(h, i, r) for i, r in enumerate(report.rows)])


def drop_version(conn: Connection, content_hash: str) -> None:
    """Delete every database trace of a version (an ingest that never went live)."""
    for table in (s.documents, s.facts, s.table_rows):
        conn.execute(delete(table).where(table.c.content_hash == content_hash))
    conn.execute(delete(s.reports).where(s.reports.c.content_hash == content_hash))


def bump_catalog_version(conn: Connection) -> int:
    current = catalog_version(conn)
    if conn.execute(select(s.meta.c.key).where(s.meta.c.key == CATALOG_VERSION)).first() is None:
        conn.execute(s.meta.insert().values(key=CATALOG_VERSION, value=str(current + 1)))
    else:
        conn.execute(update(s.meta).where(s.meta.c.key == CATALOG_VERSION)
                     .values(value=str(current + 1)))
    return current + 1


def catalog_version(conn: Connection) -> int:
    value = conn.execute(select(s.meta.c.value).where(s.meta.c.key == CATALOG_VERSION)).scalar()
    return int(value or 0)


# ---- reading ------------------------------------------------------------------------------


def entry_from_row(row: Row[Any] | Any) -> CatalogEntry:
    return CatalogEntry(
        report_id=row.report_id, agency=row.agency,
        agency_aliases=tuple(json.loads(row.aliases or "[]")), year=int(row.year),
        template=row.template, title=row.title, source_name=row.source_name,
        content_hash=row.content_hash, chunks=int(row.chunks),
        failed_checks=tuple(json.loads(row.failed_checks or "[]")),
        warnings=tuple(json.loads(row.warnings or "[]")), ingested_at=row.ingested_at,
    )


def active_entries(conn: Connection) -> list[CatalogEntry]:
    rows = conn.execute(select(s.reports).where(s.reports.c.state == s.ACTIVE)
                        .order_by(s.reports.c.agency, s.reports.c.year))
    return [entry_from_row(r) for r in rows]


def version_from_row(row: Any, has_source: bool) -> ReportVersion:
    return ReportVersion(
        entry=entry_from_row(row), state=row.state, replaced_by=row.replaced_by or "",
        retired_at=row.retired_at or "", damaged=row.damaged or "", has_source=has_source)


def versions(conn: Connection, report_id: str) -> list[Any]:
    """The live version first, then kept ones, most recently retired first."""
    rows = list(conn.execute(select(s.reports).where(s.reports.c.report_id == report_id,
                                                     s.reports.c.state != s.PENDING)))
    rows.sort(key=lambda r: (r.retired_at or "", r.ingested_at), reverse=True)
    rows.sort(key=lambda r: r.state != s.ACTIVE)
    return rows


def load_report(conn: Connection, content_hash: str) -> Report | None:
    body = conn.execute(select(s.documents.c.body)
                        .where(s.documents.c.content_hash == content_hash)).scalar()
    return None if body is None else report_from_dict(unpack(body))


def fact_from_row(r: Any) -> Fact:
    m = r._mapping
    value: int | Decimal = Decimal(m["value"]) if m["is_decimal"] else int(m["value"])
    return Fact(m["tbl"], m["row_key"], m["col_key"], value, m["label"], m["column_label"],
                m["status"], Location(m["page"], m["line"]), m["unit"], m["note"],
                bool(m["uncertain"]))


def _fact_rows_of(conn: Connection, hashes: Sequence[str],
                  rows: Collection[tuple[str, str]] | None = None) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {h: [] for h in hashes}
    f = s.facts.c
    for batch in _batches(hashes):
        stmt = select(s.facts).where(f.content_hash.in_(batch)).order_by(f.id)
        if rows is not None:
            stmt = stmt.where(f.tbl.in_(sorted({t for t, _ in rows})),
                              f.row_key.in_(sorted({k for _, k in rows})))
        for r in conn.execute(stmt):
            found[r.content_hash].append(r)
    return found


def fact_reports(conn: Connection, hashes: Sequence[str],
                 only_rows: Collection[tuple[str, str]] | None = None) -> dict[str, Report]:
    """Reports with their catalog fields, facts, rows and checks, but no sections: all a
    figure answer and its citations need, read without the prose. `rows`: only the facts and
    printed rows of these (table, row key) pairs (a ranking reads a few rows of many reports)."""
    rows_filter = only_rows
    catalog = {r.content_hash: r for batch in _batches(hashes) for r in conn.execute(
        select(s.reports).where(s.reports.c.content_hash.in_(batch)))}
    fact_rows = _fact_rows_of(conn, list(catalog), rows_filter)
    facts: dict[str, list[Fact]] = {h: [] for h in catalog}
    rows: dict[str, list[TableRow]] = {h: [] for h in catalog}
    checks: dict[str, tuple[CheckResult, ...]] = {}
    by_row: dict[tuple[str, int], list[tuple[int, Fact]]] = {}
    for h, frs in fact_rows.items():
        for fr in frs:
            f = fact_from_row(fr)
            if fr.in_report:
                facts[h].append(f)
            if fr.row_seq is not None:
                by_row.setdefault((h, fr.row_seq), []).append((fr.row_pos or 0, f))
    for batch in _batches(list(catalog)):
        stmt = (select(s.table_rows).where(s.table_rows.c.content_hash.in_(batch))
                .order_by(s.table_rows.c.content_hash, s.table_rows.c.seq))
        if rows_filter is not None:
            t = s.table_rows.c
            stmt = stmt.where(or_(*(and_(t.tbl == a, t.row_key == b) for a, b in rows_filter)))
        for r in conn.execute(stmt):
            rows[r.content_hash].append(TableRow(
                table=r.tbl, key=r.row_key, label=r.label,
                header_path=tuple(json.loads(r.header_path)),
                facts=tuple(f for _, f in sorted(by_row.get((r.content_hash, r.seq), ()),
                                                 key=lambda pf: pf[0])),
                source=Location(page=r.page, line=r.line), raw=r.raw))
        for h, blob in conn.execute(select(s.documents.c.content_hash, s.documents.c.checks)
                                    .where(s.documents.c.content_hash.in_(batch))):
            checks[h] = report_from_dict(_skeleton(unpack(blob))).checks
    out = {}
    for h, r in catalog.items():
        out[h] = Report(
            agency=r.agency, agency_aliases=tuple(json.loads(r.aliases or "[]")), year=r.year,
            template=r.template, title=r.title, source_name=r.source_name, content_hash=h,
            format=r.format, rows=tuple(rows[h]), facts=tuple(facts[h]),
            checks=checks.get(h, ()), warnings=tuple(json.loads(r.warnings or "[]")))
    return out


def _skeleton(checks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"agency": "", "agency_aliases": [], "year": 0, "template": "free-form", "title": "",
            "source_name": "", "content_hash": "", "format": "", "sections": [], "rows": [],
            "facts": [], "checks": checks, "warnings": []}


def _batches(items: Sequence[str] | Iterable[str], size: int = 500) -> list[list[str]]:
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


def count_active(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(s.reports)
                            .where(s.reports.c.state == s.ACTIVE)).scalar() or 0)
