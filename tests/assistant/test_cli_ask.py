"""`python -m assistant ask|eval` as a user runs them, over the ingested corpus store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEV_QUESTIONS

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, store: Path, model_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GOV_ASSISTANT_MODEL_DIR": str(model_dir)}
    return subprocess.run([sys.executable, "-m", "assistant", *args, "--store", str(store)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def store(corpus_library: Any, corpus_store: Path) -> Path:
    return corpus_store


def test_ask_json(store: Path, test_model_dir: Path, tmp_path: Path) -> None:
    history = tmp_path / "history.json"
    history.write_text(json.dumps([
        {"role": "user", "content": "洪泽区2023年收到多少政府信息公开申请？"},
        {"role": "assistant", "content": "21件"}], ensure_ascii=False), encoding="utf-8")
    out = _run("ask", "那2024年呢？", "--history", str(history), "--today", "2026-03-01", "--json",
               store=store, model_dir=test_model_dir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["answered"] and "95" in data["answer"]
    cite = data["citations"][0]
    assert {"n", "report", "agency", "year", "section", "table", "row", "column", "value",
            "quote", "source"} <= set(cite)
    assert {"value", "table", "row", "column", "status"} <= set(data["figures"][0])


def test_ask_with_pinned_scope(store: Path, test_model_dir: Path) -> None:
    out = _run("ask", "行政许可决定有多少", "--agency", "上海市科委", "--year", "2024", "--json",
               store=store, model_dir=test_model_dir)
    assert json.loads(out.stdout)["answered"] and "97" in json.loads(out.stdout)["answer"]


def test_ask_bad_today_is_a_user_error(store: Path, test_model_dir: Path) -> None:
    out = _run("ask", "洪泽区去年收到多少申请", "--today", "yesterday", store=store,
               model_dir=test_model_dir)
    assert out.returncode == 2 and "YYYY-MM-DD" in out.stderr


def test_eval_command(store: Path, test_model_dir: Path) -> None:
    out = _run("eval", str(DEV_QUESTIONS), "--json", store=store, model_dir=test_model_dir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["share"] >= 0.95 and data["guard_violations"] == 0 and "by_kind" in data
