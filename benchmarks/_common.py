"""What the benchmark scripts share: the repository on sys.path, the test corpus and questions,
offline models, and ingesting the corpus into a store.

Import it first (`import _common`), before any module of the project: run as a script, a
benchmark's own folder comes first on sys.path, where benchmarks/ui.py would stand for the
`ui` package; importing this module takes that folder off and puts the repository first.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.library import Library

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "data" / "corpus" / "reports"
QUESTIONS = ROOT / "tests" / "data" / "eval" / "dev_questions.jsonl"


def offline_models() -> None:
    """Never reach the Hugging Face hub (unless the caller's environment says otherwise)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def ingest_corpus(lib: Library, *, keep_going: bool = True) -> tuple[int, float, list[str]]:
    """Parse and ingest every corpus report: (reports ingested, seconds, failures). With
    `keep_going=False` the first failure is raised instead of listed."""
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    failed = []
    t0 = time.perf_counter()
    for path in files:
        try:
            lib.ingest(path)
        except Exception as exc:  # noqa: BLE001 - report and go on
            if not keep_going:
                raise
            failed.append(f"{path.name}: {exc}")
    return len(files) - len(failed), time.perf_counter() - t0, failed
