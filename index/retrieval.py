"""Hybrid retrieval: dense (Chroma) + BM25 (jieba tokens), fused by reciprocal rank.

The query is expanded with the template terms its citizen words mean (拒绝 → 不予公开) before
both searches. Filters (agency, year, active report versions) apply to both sides.
`LibraryRetriever` exposes `Library.search` as a LangChain retriever.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from index.embed_cache import Embedder
from index.errors import StoreError
from index.lexical import LexicalHit
from index.records import Hit
from index.store import ChunkStore, StoredChunk
from index.tokenize import expand_query

Mode = Literal["hybrid", "dense", "bm25"]
RRF_K = 60
SHALLOW_MARGIN = 40  # a filtered dense query first reads n + max(n, this) neighbours
_YEAR = re.compile(r"(?:(?:19|20)?\d{2}\s*年度?|[去今前明]年|上一?年|本年)")


def topic_of(query: str, names: Iterable[str]) -> str:
    """The query without agency names and years: what the dense model should match.

    Row chunks are embedded by their label path only (no agency, no year), so naming the agency
    in the dense query only pulls prose that mentions it; BM25 and the filters handle those.
    """
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        query = query.replace(name, " ")
    topic = _YEAR.sub(" ", query)
    return " ".join(topic.split()) or query


@dataclass(frozen=True)
class Ranked:
    id: str
    text: str
    metadata: dict[str, Any]
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None
    dense_score: float | None = None
    bm25_score: float | None = None


def fuse(dense: list[StoredChunk], lexical: list[LexicalHit], *,
         k_rrf: int = RRF_K) -> list[Ranked]:
    """Reciprocal-rank fusion: score = Σ 1 / (k_rrf + rank), rank from 1."""
    scores: dict[str, float] = {}
    info: dict[str, dict[str, Any]] = {}
    for rank, chunk in enumerate(dense, 1):
        scores[chunk.id] = scores.get(chunk.id, 0.0) + 1.0 / (k_rrf + rank)
        info.setdefault(chunk.id, {"text": chunk.text, "metadata": chunk.metadata}).update(
            dense_rank=rank, dense_score=1.0 - (chunk.distance or 0.0))
    for rank, hit in enumerate(lexical, 1):
        scores[hit.id] = scores.get(hit.id, 0.0) + 1.0 / (k_rrf + rank)
        entry = info.setdefault(hit.id, {"text": hit.text, "metadata": hit.metadata})
        entry.update(bm25_rank=rank, bm25_score=hit.score)
    ordered = sorted(scores, key=lambda i: (-scores[i], i))
    return [Ranked(id=i, score=scores[i], **info[i]) for i in ordered]


LexicalSearch = Callable[[str, int], list[LexicalHit]]
# Dense hits → the chunks they stand for (a shared row vector → the rows of the reports a
# search is about; index.rowtypes), given the lexical hits of the same query.
Expand = Callable[[list[StoredChunk], list[LexicalHit]], list[StoredChunk]]


class HybridSearcher:
    """`dense_where`: the Chroma filter (None = whole collection); `expand` turns raw dense
    hits into report chunks (and applies the filters); `lexical(query, n)` searches the
    persisted BM25 index. When the vector store fails, the lexical side answers alone
    (`degraded` says so)."""

    def __init__(self, store: ChunkStore | None, lexical: LexicalSearch, embedder: Embedder,
                 expand: Expand) -> None:
        self.store = store
        self.lexical = lexical
        self.embedder = embedder
        self.expand = expand
        self.degraded = ""

    def search(self, query: str, *, k: int, where: dict[str, Any] | None, mode: Mode = "hybrid",
               names: Iterable[str] = (), depth: int | None = None) -> list[Ranked]:
        """`names`: agency names/short forms to leave out of the dense query (see topic_of)."""
        expanded = expand_query(query)
        n = max(4 * k, 40)
        lexical: list[LexicalHit] = []
        if mode in ("hybrid", "bm25"):
            lexical = self.lexical(expanded, n)
        dense: list[StoredChunk] = []
        if mode in ("hybrid", "dense") and self.store is not None:
            vector = self.embedder.embed_queries([topic_of(expanded, names)])[0]
            try:
                dense = self._dense(vector, n, where, depth or n, lexical)
            except StoreError as exc:
                if mode == "dense":
                    raise
                self.degraded = exc.message
        return fuse(dense[:n], lexical)[:k]

    def _dense(self, vector: Any, n: int, where: dict[str, Any] | None, depth: int,
               lexical: list[LexicalHit]) -> list[StoredChunk]:
        """The dense candidates that pass the filters, at least `n` when there are. A filter
        applied after the query (a year, a kind over a large library) needs more neighbours
        than it keeps; most filters keep most of them, so a shallow query is tried first and
        the deep one (`depth`) only when the shallow one kept too few."""
        assert self.store is not None
        shallow = min(depth, n + max(n, SHALLOW_MARGIN))
        raw = self.store.query(vector, shallow, where)
        kept = self.expand(raw, lexical)
        if shallow >= depth or len(kept) >= n or len(raw) < shallow:
            return kept
        return self.expand(self.store.query(vector, depth, where), lexical)


class LibraryRetriever(BaseRetriever):
    """LangChain retriever over a `Library`: Documents with metadata incl. `score`, `chunk_id`."""

    library: Any
    k: int = 5
    agency: str | None = None
    year: int | None = None
    kind: str | None = None

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits: list[Hit] = self.library.search(query, k=self.k, agency=self.agency, year=self.year,
                                              kind=self.kind)
        return [
            Document(id=h.chunk_id, page_content=h.text,
                     metadata={**h.metadata, "score": h.score, "chunk_id": h.chunk_id})
            for h in hits
        ]


def to_hit(r: Ranked) -> Hit:
    meta = dict(r.metadata)
    for name in ("dense_rank", "bm25_rank", "dense_score", "bm25_score"):
        value = getattr(r, name)
        if value is not None:
            meta[name] = value
    return Hit(chunk_id=r.id, text=r.text, score=r.score, metadata=meta)
