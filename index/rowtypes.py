"""Row chunks share their vectors: one vector per distinct row label path (a "row type").

Every report of a template embeds a table row by the same label path (index.chunks), so the
vector store keeps one vector per row type — about a hundred — instead of one per row of every
report (5,000 reports × ~45 rows of identical vectors: slow upserts, a degenerate HNSW graph).
A row chunk keeps its report-specific text and metadata in the lexical index (lex_docs), with
the key of its shared vector (`embed_key`); a dense hit on a row type stands for the rows of
that type in the reports a search is about (index.search expands it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from index.chunks import Chunk

ROWTYPE = "rowtype"  # metadata kind of a shared row vector in the vector store
ID_PREFIX = "rowtype:"


def embed_key(embed_text: str) -> str:
    return hashlib.sha256(embed_text.encode("utf-8")).hexdigest()[:32]


def is_row(chunk: Chunk) -> bool:
    return chunk.metadata.get("kind") == "row"


def lexical_metadata(chunk: Chunk) -> dict[str, Any]:
    """A chunk's metadata as the lexical index keeps it (rows: with their vector's key)."""
    if is_row(chunk):
        return {**chunk.metadata, "embed_key": embed_key(chunk.embed_text)}
    return chunk.metadata


def vectors_to_store(chunks: Sequence[Chunk], vectors: np.ndarray, existing: set[str]
                     ) -> tuple[list[str], np.ndarray, list[str], list[dict[str, Any]]]:
    """(ids, vectors, texts, metadatas) for the vector store: prose chunks as they are, and
    each row type not yet stored (its label path as text)."""
    ids: list[str] = []
    keep: list[int] = []
    texts: list[str] = []
    metas: list[dict[str, Any]] = []
    seen = set(existing)
    for i, c in enumerate(chunks):
        if is_row(c):
            key = embed_key(c.embed_text)
            if ID_PREFIX + key in seen:
                continue
            seen.add(ID_PREFIX + key)
            ids.append(ID_PREFIX + key)
            texts.append(c.embed_text)
            metas.append({"kind": ROWTYPE, "embed_key": key, "table": c.metadata.get("table", ""),
                          "row": c.metadata.get("row", ""),
                          "label_path": c.metadata.get("label_path", "")})
        else:
            ids.append(c.id)
            texts.append(c.text)
            metas.append(c.metadata)
        keep.append(i)
    return ids, vectors[keep] if keep else vectors[:0], texts, metas


def row_type_ids(chunks: Sequence[Chunk]) -> list[str]:
    return sorted({ID_PREFIX + embed_key(c.embed_text) for c in chunks if is_row(c)})
