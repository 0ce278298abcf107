"""The template's cells as a searchable index next to the report chunks (Chroma).

Every row and column of the one vocabulary table (index/data/cells.toml) is embedded once —
its name, labels, meaning and the words people use — into its own collection, keyed by a hash
of the table, so the retrieval chain retrieves the *cell* a question means:

    CellIndex(client, embedder).match("申请人说不清自己要什么的有几件", k=3)
    → [("三.unable.unclear", 0.87), ("三.other.no_correction", 0.83), …]

Scores are cosine similarities (1 = same direction). Rebuilt only when the table changes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from index.errors import StoreError
from index.vocabulary import DATA, vocabulary

COLLECTION = "template-cells"


def table_hash() -> str:
    return hashlib.sha256(DATA.read_bytes()).hexdigest()[:16]


class CellIndex:
    """Template cells in a Chroma collection of their own (same client as the chunks)."""

    def __init__(self, client: Any, embedder: Any) -> None:
        self._client = client
        self._embedder = embedder
        self._collection: Any = None

    def _ensure(self) -> Any:
        if self._collection is not None:
            return self._collection
        name = f"{COLLECTION}-{table_hash()}"
        try:
            collection = self._client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
                metadata={"vocabulary": DATA.name})
            terms = vocabulary().terms()
            if collection.count() != len(terms):
                texts = [t.text() for t in terms]
                vectors = self._embedder.embed_passages(texts)
                collection.upsert(ids=[t.key for t in terms], documents=texts,
                                  embeddings=[list(map(float, v)) for v in vectors],
                                  metadatas=[{"kind": "column" if t.is_column else "row",
                                              "table": t.table} for t in terms])
                self._drop_stale(name)
        except Exception as exc:  # noqa: BLE001 - any store failure is one clear error
            raise StoreError(f"无法建立模板单元格索引：{exc}") from exc
        self._collection = collection
        return collection

    def _drop_stale(self, keep: str) -> None:
        for c in self._client.list_collections():
            name = getattr(c, "name", c)
            if str(name).startswith(COLLECTION) and name != keep:
                self._client.delete_collection(name)

    def match(self, text: str, *, k: int = 5, kind: str = "row") -> list[tuple[str, float]]:
        """The `k` cells nearest to `text`, with cosine similarity."""
        if not text.strip():
            return []
        collection = self._ensure()
        vector = self._embedder.embed_queries([text])[0]
        try:
            found = collection.query(query_embeddings=[list(map(float, vector))], n_results=k,
                                     where={"kind": kind})
        except Exception as exc:  # noqa: BLE001
            raise StoreError(f"模板单元格检索失败：{exc}") from exc
        ids, distances = found["ids"][0], found["distances"][0]
        return [(key, round(1.0 - float(d), 4)) for key, d in zip(ids, distances, strict=True)]
