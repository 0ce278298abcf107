"""Shared fixtures: the corpus copied into tests/data, and an isolated data directory.

Area fixtures live beside their tests (tests/<area>/conftest.py); fixtures several areas
share (the built embedding model, an ingested corpus library) live in plugin modules
listed in `pytest_plugins`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus" / "reports"
EXPECTED = DATA / "corpus" / "expected.json"
DEV_QUESTIONS = DATA / "eval" / "dev_questions.jsonl"

pytest_plugins: list[str] = ["tests.model_fixtures", "tests.library_fixtures"]


def expected_reports() -> list[dict[str, Any]]:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))["reports"]


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's data directory: each test gets its own store by default."""
    monkeypatch.setenv("GOV_ASSISTANT_STORE", str(tmp_path_factory.mktemp("store")))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
