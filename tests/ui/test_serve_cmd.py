"""`python -m assistant serve --ingest …` in a subprocess: ingests, prints the address, serves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import CORPUS
from tests.ui.live_server import free_port

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = CORPUS / "2023-hongqi-finance-bureau.txt"


def _wait_for_address(proc: subprocess.Popen[str], timeout: float = 240) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line.strip())
        if "serving at" in line:
            return lines
    raise AssertionError(f"serve did not start: {lines}")


def test_serve_ingests_missing_reports_and_prints_the_address(tmp_path: Path, test_model_dir: Path) -> None:
    port = free_port()
    env = {**os.environ, "GOV_ASSISTANT_MODEL_DIR": str(test_model_dir), "PYTHONUNBUFFERED": "1",
           "GOV_ASSISTANT_STAFF_TOKEN": ""}
    cmd = [sys.executable, "-m", "assistant", "serve", "--port", str(port),
           "--store", str(tmp_path / "store"), "--ingest", str(SAMPLE)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        lines = _wait_for_address(proc)
        assert any("已收录 2023-hongqi-finance-bureau.txt" in line for line in lines)
        url = f"http://127.0.0.1:{port}"
        assert any(url in line and "问答页面已启动" in line for line in lines)
        for _ in range(100):
            try:
                health = httpx.get(f"{url}/api/health", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert (health.json()["status"], health.json()["reports"]) == ("ok", 1)
        assert httpx.get(f"{url}/", timeout=10).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
