"""Writing report versions: new chunks and source first, then one transaction switches the
catalog (the old version kept as "replaced"), then the old version's vectors go. A failure at
any step leaves the library as it was, and an ingest that died (kill -9) is cleaned up by the
next writer (`recover`).

The lexical index changes in the same transaction as the switch, so it never disagrees with
the catalog.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, UTC
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, select, update

from index import lexical, rowtypes
from index.chunks import Chunk
from index.db import Database
from index.db import reports as db_reports
from index.db import schema as s
from index.models import Report
from index.records import CatalogEntry
from index.sources import SourceFiles
from index.store import where_clause

log = logging.getLogger(__name__)
STALE_PENDING = timedelta(hours=1)  # a pending ingest of another machine older than this died


def owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Prepared:
    """A parsed report with its chunks and vectors, ready to publish."""

    report: Report
    chunks: list[Chunk]
    vectors: np.ndarray
    source: Path | None = None


@dataclass(frozen=True)
class Published:
    entry: CatalogEntry
    replaced: CatalogEntry | None  # the version it replaced (kept, restorable)


def publish(db: Database, store: Any, sources: SourceFiles, items: Sequence[Prepared]) -> list[Published]:
    """Make every item the live version of its report id; returns what each replaced."""
    me = owner()
    fresh: list[str] = []  # hashes this call created (dropped again if it fails)
    saved: list[str] = []
    try:
        with db.begin() as conn:
            for item in items:
                h = item.report.content_hash
                if conn.execute(select(s.reports.c.state)
                                .where(s.reports.c.content_hash == h)).first() is None:
                    fresh.append(h)
                db_reports.put_version(conn, item.report, chunks=len(item.chunks),
                                       state=s.PENDING, owner=me)
        for item in items:
            if item.source is not None:
                sources.save(item.report.content_hash, item.report.format, item.source)
                saved.append(item.report.content_hash)
        upsert(store, items)
        with db.begin() as conn:
            published = [_switch(conn, item) for item in items]
            db_reports.bump_catalog_version(conn)
    except BaseException:
        _undo(db, store, sources, fresh, saved)
        raise
    _drop_vectors(db, store, [p.replaced.content_hash for p in published if p.replaced])
    _drop_leftovers(store, items)
    return published


def upsert(store: Any, items: Sequence[Prepared]) -> None:
    """Prose chunks and the row types not yet in the vector store (index.rowtypes)."""
    chunks = [c for item in items for c in item.chunks]
    if not chunks:
        return
    vectors = np.concatenate([item.vectors for item in items if len(item.chunks)])
    existing = set(store.existing(rowtypes.row_type_ids(chunks)))
    ids, kept, texts, metas = rowtypes.vectors_to_store(chunks, vectors, existing)
    if ids:
        store.upsert(ids, kept, texts, metas)


def _switch(conn: Connection, item: Prepared) -> Published:
    report = item.report
    h = report.content_hash
    r = s.reports.c
    previous = conn.execute(select(s.reports).where(r.report_id == report.id, r.state == s.ACTIVE,
                                                    r.content_hash != h)).first()
    replaced = None
    if previous is not None:
        conn.execute(update(s.reports).where(r.content_hash == previous.content_hash).values(
            state=s.REPLACED, replaced_by=h, retired_at=db_reports.now()))
        lexical.remove(conn, [previous.content_hash])
        replaced = db_reports.entry_from_row(previous)
    conn.execute(update(s.reports).where(r.content_hash == h).values(
        state=s.ACTIVE, vectors=True, owner=None, replaced_by=None, retired_at=None, damaged=""))
    lexical.remove(conn, [h])  # the same file again: its chunks are replaced
    lexical.add(conn, ((c.id, c.text, rowtypes.lexical_metadata(c)) for c in item.chunks))
    row = conn.execute(select(s.reports).where(r.content_hash == h)).one()
    return Published(db_reports.entry_from_row(row), replaced)


def _undo(db: Database, store: Any, sources: SourceFiles, fresh: list[str], saved: list[str]) -> None:
    """An ingest failed before going live: drop what it wrote (best effort; `recover` retries)."""
    try:
        for h in fresh:
            store.delete(where_clause(content_hash=h))
            if h in saved:
                sources.delete(h)
        with db.begin() as conn:
            for h in fresh:
                db_reports.drop_version(conn, h)
    except Exception as exc:  # noqa: BLE001 - the original error is the one to report
        log.warning("could not undo a failed ingest yet (%s); the next writer will", exc)


def _drop_vectors(db: Database, store: Any, hashes: Sequence[str]) -> None:
    """Vectors of versions that are no longer live (their data stays for restore)."""
    for h in hashes:
        try:
            store.delete(where_clause(content_hash=h))
            with db.begin() as conn:
                conn.execute(update(s.reports).where(s.reports.c.content_hash == h,
                                                     s.reports.c.state != s.ACTIVE)
                             .values(vectors=False))
        except Exception as exc:  # noqa: BLE001 - searches filter them out; recover retries
            log.warning("vectors of %s not dropped yet (%s)", h[:12], exc)


def _drop_leftovers(store: Any, items: Sequence[Prepared]) -> None:
    """The same file indexed again (e.g. a newer parser): chunks it no longer has."""
    for item in items:
        keep = {c.id for c in item.chunks}
        try:
            leftover = set(store.ids(where_clause(content_hash=item.report.content_hash))) - keep
            if leftover:
                store.delete_ids(sorted(leftover))
        except Exception as exc:  # noqa: BLE001
            log.warning("leftover chunks not dropped (%s)", exc)


def retire(db: Database, store: Any, report_id: str, state: str) -> CatalogEntry | None:
    """Take the live version of `report_id` out of the catalog (kept as `state`)."""
    r = s.reports.c
    with db.begin() as conn:
        row = conn.execute(select(s.reports).where(r.report_id == report_id,
                                                   r.state == s.ACTIVE)).first()
        if row is None:
            return None
        conn.execute(update(s.reports).where(r.content_hash == row.content_hash)
                     .values(state=state, retired_at=db_reports.now()))
        lexical.remove(conn, [row.content_hash])
        db_reports.bump_catalog_version(conn)
    _drop_vectors(db, store, [row.content_hash])
    return db_reports.entry_from_row(row)


def recover(db: Database, store: Any, sources: SourceFiles) -> None:
    """Clean up after ingests that died: pending versions of dead processes (or older than
    an hour, from elsewhere), and vectors of versions that are no longer live."""
    r = s.reports.c
    host = socket.gethostname()
    with db.connect() as conn:
        pending = conn.execute(select(r.content_hash, r.owner, r.ingested_at)
                               .where(r.state == s.PENDING)).all()
        stale_vectors = [h for (h,) in conn.execute(
            select(r.content_hash).where(r.state != s.ACTIVE, r.state != s.PENDING,
                                         r.vectors.is_(True)))]
    dead = [p.content_hash for p in pending if _dead(p.owner, p.ingested_at, host)]
    for h in dead:  # pending = never live (a version that existed keeps its state)
        store.delete(where_clause(content_hash=h))
        with db.begin() as conn:
            db_reports.drop_version(conn, h)
        sources.delete(h)
    if stale_vectors:
        _drop_vectors(db, store, stale_vectors)


def _dead(owner_id: str | None, ingested_at: str, host: str) -> bool:
    if not owner_id:
        return True
    who, _, pid = owner_id.rpartition(":")
    if who == host:
        if pid == str(os.getpid()):
            return False
        try:
            os.kill(int(pid), 0)
        except (ProcessLookupError, ValueError):
            return True
        except PermissionError:
            return False
        return False
    try:
        started = datetime.fromisoformat(ingested_at)
    except ValueError:
        return True
    return datetime.now(UTC) - started > STALE_PENDING
