"""BM25 over jieba tokens (rank_bm25), built from the stored chunks.

The index holds the chunks of active reports only. Changes (ingest, replace, remove) mark it
stale; it is rebuilt lazily at the next search, so ingesting N reports costs one rebuild.
A chunk's lexical text adds its agency, short names and year to the chunk text, so that
「红旗区财政局 2023」 in a question finds that report's rows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.tokenize import tokenize


def lexical_text(text: str, metadata: dict[str, Any]) -> str:
    parts = [text, str(metadata.get("agency", "")), str(metadata.get("agency_aliases", ""))]
    year = metadata.get("year")
    if year:
        parts.append(f"{year}年 {year}")
    return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class LexicalHit:
    id: str
    score: float


class LexicalIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, list[str]] = {}
        self._meta: dict[str, dict[str, Any]] = {}
        self._texts: dict[str, str] = {}
        self._bm25: Any = None
        self._order: list[str] = []

    def __len__(self) -> int:
        return len(self._tokens)

    def add(self, items: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """(id, text, metadata) triples; an existing id is replaced."""
        with self._lock:
            for chunk_id, text, meta in items:
                self._tokens[chunk_id] = tokenize(lexical_text(text, meta))
                self._meta[chunk_id] = meta
                self._texts[chunk_id] = text
            self._bm25 = None

    def remove(self, ids: Iterable[str]) -> None:
        with self._lock:
            for chunk_id in ids:
                self._tokens.pop(chunk_id, None)
                self._meta.pop(chunk_id, None)
                self._texts.pop(chunk_id, None)
            self._bm25 = None

    def ids(self) -> set[str]:
        return set(self._tokens)

    def get(self, chunk_id: str) -> tuple[str, dict[str, Any]]:
        return self._texts[chunk_id], self._meta[chunk_id]

    def _index(self) -> tuple[Any, list[str]]:
        with self._lock:
            if self._bm25 is None and self._tokens:
                from rank_bm25 import BM25Okapi

                self._order = list(self._tokens)
                self._bm25 = BM25Okapi([self._tokens[i] or ["∅"] for i in self._order])
            return self._bm25, self._order

    def search(self, query: str, n: int,
               keep: Callable[[dict[str, Any]], bool] | None = None) -> list[LexicalHit]:
        bm25, order = self._index()
        tokens = tokenize(query)
        if bm25 is None or not tokens:
            return []
        scores = np.asarray(bm25.get_scores(tokens))
        hits: list[LexicalHit] = []
        for i in np.argsort(-scores, kind="stable"):
            if scores[i] <= 0:
                break
            chunk_id = order[int(i)]
            if keep is not None and not keep(self._meta[chunk_id]):
                continue
            hits.append(LexicalHit(chunk_id, float(scores[i])))
            if len(hits) >= n:
                break
        return hits
