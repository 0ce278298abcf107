"""The vector store: Chroma, embedded on disk by default, a Chroma server when configured.

Same code for both: only the client differs (`PersistentClient(path=<store>/chroma)` vs
`HttpClient(host, port)`). Embeddings are always passed in explicitly; the collection has no
embedding function (Chroma's default one would download a model). Cosine space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import numpy as np

from index.errors import StoreError
from index.settings import Settings

COLLECTION_PREFIX = "chunks"
# Every report of a template stores the same row vectors (label paths), so the HNSW graph holds
# many exact duplicates; with Chroma's default ef_search (100) filtered queries then miss true
# neighbours once the index is compacted. A wider search keeps dense recall exact at our sizes.
EF_SEARCH = 500
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": EF_SEARCH, "max_neighbors": 32}
_BATCH = 500
DAMAGED = ("向量库无法读取（{detail}）。报告的数字仍可查询；要恢复语义检索，请运行 "
           "`python -m assistant reindex` 从数据库重建向量库。 (vector store damaged: run reindex)")


@contextmanager
def vector_errors() -> Iterator[None]:
    """Any failure inside Chroma (damaged HNSW segment, server gone) → one StoreError."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - chromadb raises many kinds
        detail = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
        raise StoreError(DAMAGED.format(detail=detail)) from exc


def collection_name(model_name: str) -> str:
    """One collection per embedding model (dimensions differ between models)."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", model_name).strip("-._")[:48] or "model"
    return f"{COLLECTION_PREFIX}-{slug}"


def make_client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        path = settings.store_path / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # noqa: BLE001 - any client failure is a store failure
        where = settings.chroma_url or str(settings.store_path / "chroma")
        raise StoreError(f"无法连接向量库 {where}：{exc}") from exc


@dataclass(frozen=True)
class StoredChunk:
    id: str
    text: str
    metadata: dict[str, Any]
    distance: float | None = None


class ChunkStore:
    """Chunks with their vectors in one Chroma collection."""

    def __init__(self, settings: Settings, model_name: str) -> None:
        self.client = make_client(settings)
        try:
            self.collection = self.client.get_or_create_collection(
                collection_name(model_name),
                embedding_function=None,
                configuration={"hnsw": HNSW},
                metadata={"embedding_model": model_name},
            )
        except Exception as exc:  # noqa: BLE001
            raise StoreError(f"无法打开向量库集合：{exc}") from exc
        self._widen_search()

    def _widen_search(self) -> None:
        """Collections created before EF_SEARCH was raised get the wider search too."""
        hnsw = (self.collection.configuration or {}).get("hnsw") or {}
        if hnsw.get("ef_search", EF_SEARCH) < EF_SEARCH:
            try:
                self.collection.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
            except Exception:  # noqa: BLE001 - an older server may refuse; search still works
                pass

    def count(self) -> int:
        with vector_errors():
            return int(self.collection.count())

    def upsert(self, ids: list[str], vectors: np.ndarray, texts: list[str],
               metadatas: list[dict[str, Any]]) -> None:
        with vector_errors():
            self._upsert(ids, vectors, texts, metadatas)

    def _upsert(self, ids: list[str], vectors: np.ndarray, texts: list[str],
                metadatas: list[dict[str, Any]]) -> None:
        for s in range(0, len(ids), _BATCH):
            self.collection.upsert(
                ids=ids[s:s + _BATCH],
                embeddings=np.asarray(vectors[s:s + _BATCH], dtype=np.float32),
                documents=texts[s:s + _BATCH],
                metadatas=metadatas[s:s + _BATCH],
            )

    def get(self, where: dict[str, Any] | None = None) -> list[StoredChunk]:
        with vector_errors():
            res = self.collection.get(where=where, include=["documents", "metadatas"])
        return [
            StoredChunk(i, d or "", dict(m or {}))
            for i, d, m in zip(res["ids"], res["documents"], res["metadatas"], strict=True)
        ]

    def ids(self, where: dict[str, Any] | None = None) -> list[str]:
        with vector_errors():
            return list(self.collection.get(where=where, include=[])["ids"])

    def existing(self, ids: list[str]) -> list[str]:
        """Which of `ids` are stored."""
        if not ids:
            return []
        with vector_errors():
            return list(self.collection.get(ids=ids, include=[])["ids"])

    def delete(self, where: dict[str, Any]) -> None:
        self.delete_ids(self.ids(where))

    def delete_ids(self, ids: list[str]) -> None:
        with vector_errors():
            for s in range(0, len(ids), _BATCH):
                self.collection.delete(ids=ids[s:s + _BATCH])

    def reset(self) -> None:
        """Drop the collection and create it empty (reindex)."""
        name, meta = self.collection.name, self.collection.metadata
        with vector_errors():
            try:
                self.client.delete_collection(name)
            except Exception:  # noqa: BLE001 - a damaged or missing collection is fine here
                pass
            self.collection = self.client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": HNSW}, metadata=meta)

    def query(self, vector: np.ndarray, n: int, where: dict[str, Any] | None) -> list[StoredChunk]:
        if n <= 0:
            return []
        with vector_errors():
            res = self.collection.query(
                query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
                n_results=n,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        return [
            StoredChunk(i, d or "", dict(m or {}), float(dist))
            for i, d, m, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0],
                                     res["distances"][0], strict=True)
        ]


def where_clause(**conditions: Any) -> dict[str, Any] | None:
    """Chroma `where` from equality / $in conditions; None values are dropped."""
    parts: list[dict[str, Any]] = []
    for key, value in conditions.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | set | frozenset):
            parts.append({key: {"$in": sorted(value)}})
        else:
            parts.append({key: value})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}
