"""BM25 over jieba tokens, persisted in the library database and updated incrementally.

A report version's chunks are added when it goes live and removed when it stops being live,
in the same transaction as the catalog switch; nothing is rebuilt at start. Tables
(index.db.schema): lex_docs (chunk text + metadata), lex_postings (term → chunk, BM25 term
weight), lex_terms (document frequency); counters in meta.

Scoring is Okapi BM25 (k1 1.5, b 0.75). The length part of each term weight is fixed when the
chunk is added (with the average length then), so a query is one indexed read per term:

- filtered to a few reports (an agency, a report list): every query term, point look-ups on
  (term, chunk) for the reports' chunks only;
- over the whole library: the terms rarer than `RARE_SHARE` of the chunks find the
  candidates, the common ones (公开, 申请…) then add their weight to those candidates only.
  A query of common words alone gets no lexical candidates (the dense side answers it).

A chunk's lexical text adds its agency, short names and year to the chunk text, so that
「红旗区财政局 2023」 in a question finds that report's rows.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, case, delete, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite

from index.db import schema as s
from index.tokenize import tokenize

K1, B = 1.5, 0.75
RARE_SHARE = 0.02  # a term in more than this share of chunks is "common"
RARE_MIN = 2000  # … but never fewer than this many chunks
MIN_IDF = 0.05
SMALL_FILTER = 20_000  # up to this many chunks, score a filter's chunks directly
_DOCS, _LENGTH = "lex_docs", "lex_length"


def lexical_text(text: str, metadata: dict[str, Any]) -> str:
    parts = [text, str(metadata.get("agency", "")), str(metadata.get("agency_aliases", ""))]
    year = metadata.get("year")
    if year:
        parts.append(f"{year}年 {year}")
    return " ".join(p for p in parts if p)


_PIECES = re.compile(r"[，。；：、！？\s]+")
_piece_cache: dict[str, tuple[str, ...]] = {}
_PIECE_CACHE_MAX = 200_000


def chunk_tokens(text: str) -> list[str]:
    """Tokens of a chunk's lexical text, piece by piece between punctuation (where a token
    ends anyway): the pieces every report of a template shares (row labels, standard prose,
    agency names) are tokenized once per process."""
    out: list[str] = []
    for piece in _PIECES.split(text):
        if not piece:
            continue
        tokens = _piece_cache.get(piece)
        if tokens is None:
            tokens = tuple(tokenize(piece))
            if len(_piece_cache) >= _PIECE_CACHE_MAX:
                _piece_cache.clear()
            _piece_cache[piece] = tokens
        out.extend(tokens)
    return out


@dataclass(frozen=True)
class LexicalHit:
    id: str
    score: float
    text: str
    metadata: dict[str, Any]


def _meta_int(conn: Connection, key: str) -> int:
    value = conn.execute(select(s.meta.c.value).where(s.meta.c.key == key)).scalar()
    return int(value or 0)


def _set_meta(conn: Connection, key: str, value: int) -> None:
    if conn.execute(select(s.meta.c.key).where(s.meta.c.key == key)).first() is None:
        conn.execute(s.meta.insert().values(key=key, value=str(value)))
    else:
        conn.execute(update(s.meta).where(s.meta.c.key == key).values(value=str(value)))


def _upsert_df(conn: Connection, deltas: dict[str, int]) -> None:
    if not deltas:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(s.lex_terms)
    stmt = stmt.on_conflict_do_update(index_elements=["term"],
                                      set_={"df": s.lex_terms.c.df + stmt.excluded.df})
    conn.execute(stmt, [{"term": t, "df": d} for t, d in sorted(deltas.items())])


def add(conn: Connection, chunks: Iterable[tuple[str, str, dict[str, Any]]]) -> int:
    """Add (id, text, metadata) chunks of one or more report versions; returns how many."""
    docs = _meta_int(conn, _DOCS)
    length = _meta_int(conn, _LENGTH)
    df: Counter[str] = Counter()
    added = 0
    for chunk_id, text, meta in chunks:
        tokens = [t[:64] for t in chunk_tokens(lexical_text(text, meta))]
        tf = Counter(tokens)
        doc_id = conn.execute(s.lex_docs.insert().values(  # type: ignore[index]
            chunk_id=chunk_id, content_hash=meta.get("content_hash", ""),
            kind=str(meta.get("kind", "")), embed_key=meta.get("embed_key"),
            length=len(tokens), text=text,
            metadata=json.dumps(meta, ensure_ascii=False))).inserted_primary_key[0]
        avg = (length + len(tokens)) / (docs + 1)
        norm = K1 * (1 - B + B * len(tokens) / max(avg, 1.0))
        if tf:
            conn.execute(s.lex_postings.insert(), [
                {"term": t, "doc": doc_id, "weight": n * (K1 + 1) / (n + norm)}
                for t, n in tf.items()])
        df.update(tf.keys())
        docs += 1
        length += len(tokens)
        added += 1
    _upsert_df(conn, dict(df))
    _set_meta(conn, _DOCS, docs)
    _set_meta(conn, _LENGTH, length)
    return added


def remove(conn: Connection, content_hashes: Sequence[str]) -> int:
    """Remove every chunk of these versions; returns how many."""
    removed = 0
    for h in content_hashes:
        rows = conn.execute(select(s.lex_docs.c.id, s.lex_docs.c.length)
                            .where(s.lex_docs.c.content_hash == h)).all()
        if not rows:
            continue
        ids = [r.id for r in rows]
        terms: Counter[str] = Counter()
        for batch in _batches(ids):
            terms.update(t for (t,) in conn.execute(
                select(s.lex_postings.c.term).where(s.lex_postings.c.doc.in_(batch))))
            conn.execute(delete(s.lex_postings).where(s.lex_postings.c.doc.in_(batch)))
        _upsert_df(conn, {t: -n for t, n in terms.items()})
        conn.execute(delete(s.lex_terms).where(s.lex_terms.c.df <= 0))
        conn.execute(delete(s.lex_docs).where(s.lex_docs.c.content_hash == h))
        _set_meta(conn, _DOCS, max(_meta_int(conn, _DOCS) - len(rows), 0))
        _set_meta(conn, _LENGTH, max(_meta_int(conn, _LENGTH) - sum(r.length for r in rows), 0))
        removed += len(rows)
    return removed


def indexed_hashes(conn: Connection) -> set[str]:
    return {h for (h,) in conn.execute(select(s.lex_docs.c.content_hash).distinct())}


def _idf(n_docs: int, df: int) -> float:
    return max(math.log((n_docs - df + 0.5) / (df + 0.5)), MIN_IDF)


def _score(conn: Connection, weights: dict[str, float], docs: Sequence[int] | None,
           limit: int) -> list[tuple[int, float]]:
    """Σ idf·weight per chunk over `weights`' terms; only `docs` when given."""
    if not weights:
        return []
    p = s.lex_postings.c
    score = func.sum(case(*((p.term == t, literal(w) * p.weight) for t, w in weights.items()),
                          else_=0.0)).label("score")
    found: list[tuple[int, float]] = []
    batches: list[Sequence[int] | None] = list(_batches(docs, 900)) if docs is not None else [None]
    for batch in batches:
        stmt = select(p.doc, score).where(p.term.in_(list(weights))).group_by(p.doc)
        if batch is not None:
            stmt = stmt.where(p.doc.in_(batch))
        stmt = stmt.order_by(score.desc(), p.doc).limit(limit)
        found.extend((int(d), float(v)) for d, v in conn.execute(stmt))
    found.sort(key=lambda dv: (-dv[1], dv[0]))
    return found[:limit]


def search(conn: Connection, query: str, n: int, *, docs_of: Sequence[str] | None = None,
           kind: str | None = None, keep: Any = None) -> list[LexicalHit]:
    """Top-n chunks for `query`. `docs_of`: only chunks of these content hashes (a small
    filter); `kind`: "prose" | "row"; `keep(metadata)`: a last filter on candidates."""
    tokens = list(dict.fromkeys(t[:64] for t in tokenize(query)))
    n_docs = _meta_int(conn, _DOCS)
    if not tokens or not n_docs:
        return []
    dfs = dict(conn.execute(select(s.lex_terms.c.term, s.lex_terms.c.df)
                            .where(s.lex_terms.c.term.in_(tokens))).all())
    idf = {t: _idf(n_docs, dfs[t]) for t in tokens if dfs.get(t)}
    if not idf:
        return []
    candidates: list[int] | None = None
    if docs_of is not None:
        d = s.lex_docs.c
        stmt = select(d.id).where(d.content_hash.in_(list(docs_of)))
        if kind:
            stmt = stmt.where(d.kind == kind)
        candidates = [i for (i,) in conn.execute(stmt)] if len(docs_of) <= 900 else None
        if candidates is not None and not candidates:
            return []
    depth = max(n * 5, 200)
    if candidates is not None and len(candidates) <= SMALL_FILTER:
        ranked = _score(conn, idf, candidates, depth)
    else:
        rare_limit = max(RARE_MIN, int(n_docs * RARE_SHARE))
        rare = {t: w for t, w in idf.items() if dfs[t] <= rare_limit}
        common = {t: w for t, w in idf.items() if t not in rare}
        first = _score(conn, rare, None, depth * 4)
        if not first:
            return []
        extra = dict(_score(conn, common, [d for d, _ in first], len(first))) if common else {}
        ranked = sorted(((d, v + extra.get(d, 0.0)) for d, v in first),
                        key=lambda dv: (-dv[1], dv[0]))
    return _resolve(conn, ranked, n, kind=kind, keep=keep)


def _resolve(conn: Connection, ranked: list[tuple[int, float]], n: int, *, kind: str | None,
             keep: Any) -> list[LexicalHit]:
    hits: list[LexicalHit] = []
    for batch in _batches(ranked, 200):
        ids = [d for d, _ in batch]
        rows = {r.id: r for r in conn.execute(select(s.lex_docs).where(s.lex_docs.c.id.in_(ids)))}
        for doc, score in batch:
            r = rows.get(doc)
            if r is None or (kind and r.kind != kind):
                continue
            meta = json.loads(r.metadata)
            if keep is not None and not keep(meta):
                continue
            hits.append(LexicalHit(r.chunk_id, score, r.text, meta))
            if len(hits) >= n:
                return hits
    return hits


def rows_sharing(conn: Connection, keys: Sequence[str],
                 content_hashes: Sequence[str]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Row chunks of these reports whose vector is one of `keys`: (key, id, text, metadata)."""
    d = s.lex_docs.c
    found = []
    for batch in _batches(content_hashes, 400):
        for r in conn.execute(select(d.embed_key, d.chunk_id, d.text, d.metadata)
                              .where(d.embed_key.in_(list(keys)), d.content_hash.in_(batch))):
            found.append((r.embed_key, r.chunk_id, r.text, json.loads(r.metadata)))
    return found


def chunks_by_id(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, dict[str, Any]]]:
    found = {}
    for batch in _batches(ids):
        for r in conn.execute(select(s.lex_docs).where(s.lex_docs.c.chunk_id.in_(batch))):
            found[r.chunk_id] = (r.text, json.loads(r.metadata))
    return found


def _batches(items: Sequence[Any] | None, size: int = 500) -> list[Sequence[Any]]:
    items = list(items or ())
    return [items[i:i + size] for i in range(0, len(items), size)]
