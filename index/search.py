"""`Library.search`: hybrid dense (Chroma) + lexical (database BM25) over live reports.

Filters never become a list of every report: no filter → the whole collection; a few
reports (an agency) → their content hashes; many (a year, a common short name) → Chroma's
`year`/`kind` metadata filter and a check of each candidate against the live catalog.
When the vector store fails, the lexical side answers alone and `library.degraded` says why.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from index import lexical, rowtypes
from index.db import schema as s
from index.errors import AssistantError, StoreError
from index.records import Hit

if TYPE_CHECKING:
    from index.library import Library

log = logging.getLogger(__name__)
DENSE_FILTER_MAX = 200  # up to this many reports, Chroma gets their hashes as a filter


def _where(hashes: frozenset[str] | None, small: bool, kind: str | None) -> dict[str, Any] | None:
    rowtype = {"kind": rowtypes.ROWTYPE}
    if kind == "row":
        return rowtype
    if small and hashes:
        mine: dict[str, Any] = {"content_hash": {"$in": sorted(hashes)}}
        if kind == "prose":
            return {"$and": [mine, {"kind": "prose"}]}
        return {"$or": [mine, rowtype]}
    return None


def search(lib: Library, query: str, *, k: int, agency: str | None, year: int | None,
           mode: str, kind: str | None, report_ids: Collection[str] | None) -> list[Hit]:
    from index.retrieval import HybridSearcher, to_hit
    from index.store import StoredChunk

    chosen = lib.catalog.select(agency=agency, year=year, report_ids=report_ids)
    if chosen is not None and not chosen:
        return []
    hashes = frozenset(e.content_hash for e in chosen) if chosen is not None else None
    live = lib.catalog.active_hashes()
    allowed = hashes if hashes is not None else live

    def keep(meta: dict[str, Any]) -> bool:
        return meta.get("content_hash") in allowed and (kind is None or meta.get("kind") == kind)

    # Chroma filters only a few reports' hashes; wider filters (a year, a kind) are applied to
    # the candidates of an unfiltered, deeper query (a filtered HNSW walk over most of a large
    # collection is slower than reading more neighbours).
    small = hashes is not None and len(hashes) <= DENSE_FILTER_MAX
    where = _where(hashes, small, kind)
    depth = max(4 * k, 40) if small or (hashes is None and kind is None) else max(25 * k, 250)

    def lexical_search(q: str, n: int) -> list[lexical.LexicalHit]:
        with lib.db.connect() as conn:
            return lexical.search(conn, q, n, docs_of=sorted(hashes) if small and hashes else None,
                                  kind=kind, keep=keep)

    def expand(raw: list[StoredChunk], lexical_hits: list[lexical.LexicalHit]) -> list[StoredChunk]:
        keys = [c.metadata.get("embed_key", "") for c in raw
                if c.metadata.get("kind") == rowtypes.ROWTYPE]
        rows: dict[str, list[StoredChunk]] = {}
        if keys and len(allowed) <= DENSE_FILTER_MAX:  # a few reports: all their rows
            with lib.db.connect() as conn:
                for key, cid, text, meta in lexical.rows_sharing(conn, keys, sorted(allowed)):
                    rows.setdefault(key, []).append(StoredChunk(cid, text, meta))
        elif keys:  # the whole library: the rows the lexical side found for this query
            for h in lexical_hits:
                if h.metadata.get("embed_key"):
                    rows.setdefault(h.metadata["embed_key"], []).append(
                        StoredChunk(h.id, h.text, h.metadata))
        out: list[StoredChunk] = []
        for c in raw:
            if c.metadata.get("kind") == rowtypes.ROWTYPE:
                out.extend(StoredChunk(r.id, r.text, r.metadata, c.distance)
                           for r in sorted(rows.get(c.metadata.get("embed_key", ""), ()),
                                           key=lambda r: r.id) if keep(r.metadata))
            elif keep(c.metadata):
                out.append(c)
        return out

    entries = lib.catalog.entries().values()
    names = [n for e in (chosen if chosen is not None else entries)
             for n in (e.agency, *e.agency_aliases)]
    store = None
    try:
        store = lib.store
    except StoreError as exc:
        lib.degraded = exc.message
    searcher = HybridSearcher(store, lexical_search, lib.embedder, expand)
    try:
        ranked = searcher.search(query, k=k, where=where, mode=mode,  # type: ignore[arg-type]
                                 names=names[:2000], depth=depth)
    except AssistantError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise StoreError(f"检索失败：{exc}") from exc
    if searcher.degraded:
        lib.degraded = searcher.degraded
        log.warning("vector store unavailable, lexical search only: %s", searcher.degraded)
    return [to_hit(r) for r in ranked]


def backfill(lib: Library) -> None:
    """Index live reports the vector store or the lexical index lacks, from the database."""
    from index.publish import upsert

    live = {e.content_hash: e for e in lib.reports()}
    if not live:
        return
    with lib.db.connect() as conn:
        in_lexical = lexical.indexed_hashes(conn)
        damaged = {h for (h,) in conn.execute(select(s.reports.c.content_hash)
                                              .where(s.reports.c.damaged != ""))}
    need_lexical = set(live) - in_lexical - damaged
    need_vectors: set[str] = set()
    try:
        if lib.store.count() == 0:
            need_vectors = set(live) - damaged
    except StoreError as exc:
        lib.degraded = exc.message
    todo = sorted(need_lexical | need_vectors)
    if not todo or lib.read_only:
        return
    from index.db import reports as db_reports

    for i in range(0, len(todo), 20):
        with lib.db.connect() as conn:
            reports = [r for h in todo[i:i + 20] if (r := db_reports.load_report(conn, h))]
        prepared = lib.prepare_many([(r, None) for r in reports])
        if need_vectors:
            upsert(lib.store, [p for p in prepared if p.report.content_hash in need_vectors])
        with lib.db.begin() as conn:
            for p in prepared:
                if p.report.content_hash in need_lexical:
                    lexical.add(conn, ((c.id, c.text, rowtypes.lexical_metadata(c))
                                       for c in p.chunks))
