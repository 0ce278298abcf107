"""Content-hash cache of passage embeddings (sqlite under the store).

Every report of a template shares its ~40 row label paths; their embeddings are computed once
and read back for the N-th report. Keyed by (model name, sha256 of the text).

It is a cache: on a read-only store it is opened read-only (no journal-mode change, nothing
written), and a write that fails (disk full) only means the next ingest computes again.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """What index/embedding.py provides (normalised float32 rows)."""

    name: str
    dimension: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _open(path: Path, read_only: bool) -> sqlite3.Connection | None:
    if read_only:
        if not path.is_file():
            return None
        # immutable: no -wal/-shm files are created (the folder may not be writable)
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(
        "CREATE TABLE IF NOT EXISTS embeddings ("
        " model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL,"
        " PRIMARY KEY (model, key))"
    )
    db.commit()
    return db


class EmbeddingCache:
    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self._lock = threading.Lock()
        self.read_only = read_only
        try:
            self._db = _open(path, read_only)
        except sqlite3.Error:  # unreadable or damaged cache: work without it
            self._db = None
        self.hits = 0
        self.misses = 0

    def get_many(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        if self._db is None:
            return found
        with self._lock:
            for start in range(0, len(keys), 500):
                batch = keys[start:start + 500]
                marks = ",".join("?" * len(batch))
                try:
                    rows = self._db.execute(
                        f"SELECT key, vector FROM embeddings WHERE model=? AND key IN ({marks})",
                        [model, *batch],
                    ).fetchall()
                except sqlite3.Error:
                    return found
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        if self._db is None or self.read_only:
            return
        with self._lock:
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO embeddings (model, key, vector) VALUES (?, ?, ?)",
                    [(model, k, np.asarray(v, dtype=np.float32).tobytes())
                     for k, v in items.items()],
                )
                self._db.commit()
            except sqlite3.Error:  # disk full, locked too long: a cache may miss a write
                self._db.rollback()

    def embed_passages(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        """Embeddings of `texts` in order; only texts never seen by this model are computed."""
        keys = [text_key(t) for t in texts]
        found = self.get_many(embedder.name, sorted(set(keys)))
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in found and key not in missing:
                missing[key] = text
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            vectors = embedder.embed_passages(list(missing.values()))
            new = {k: np.asarray(v, dtype=np.float32) for k, v in zip(missing, vectors, strict=True)}
            self.put_many(embedder.name, new)
            found.update(new)
        if not texts:
            return np.zeros((0, embedder.dimension), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
