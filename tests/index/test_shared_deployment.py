"""Two `serve` processes on loopback sharing one Chroma server and one PostgreSQL (settings
only, no code change): a report ingested through one is answered by the other."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import CORPUS
from tests.index.conftest import ROOT, free_port

SAMPLE = CORPUS / "2023-hongqi-finance-bureau.txt"


def _serve(store: Path, port: int, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--store", str(store),
           *extra]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def _wait(proc: subprocess.Popen[str], timeout: float = 300) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line.rstrip())
        if "serving at" in line:
            return lines
    raise AssertionError(f"serve did not start: {lines}")


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_two_servers_share_one_library(tmp_path: Path, chroma_server: str, database_url: str,
                                       test_model_dir: Path) -> None:
    env = {**os.environ, "GOV_ASSISTANT_MODEL_DIR": str(test_model_dir), "PYTHONUNBUFFERED": "1",
           "GOV_ASSISTANT_STAFF_TOKEN": "", "GOV_ASSISTANT_CHROMA_URL": chroma_server,
           "GOV_ASSISTANT_DATABASE_URL": database_url, "GOV_ASSISTANT_TODAY": "2025-03-01",
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    port_a, port_b = free_port(), free_port()
    b = _serve(tmp_path / "b", port_b, env)  # serving an empty library first
    a = None
    try:
        _wait(b)
        url_b = f"http://127.0.0.1:{port_b}"
        assert httpx.get(f"{url_b}/api/health", timeout=10).json()["reports"] == 0
        a = _serve(tmp_path / "a", port_a, env, "--ingest", str(SAMPLE))
        lines = _wait(a)
        assert any("已收录" in line for line in lines), lines
        answer = httpx.post(f"{url_b}/api/ask", json={"question": "红旗区财政局2023年收到多少申请"},
                            timeout=60).json()
        assert answer["answered"] and "3" in answer["answer"] and answer["citations"], answer
        assert answer["citations"][0]["report"] == "2023-新乡市红旗区财政局"
        assert httpx.get(f"{url_b}/api/health", timeout=10).json()["reports"] == 1
    finally:
        if a is not None:
            _stop(a)
        _stop(b)
