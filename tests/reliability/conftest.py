"""The reliability suite: faults done for real on loopback and in private mount namespaces
(kill -9, read-only and full disks, damaged files, hostile files, uploads under load).

Each test prints one line `tried N, held H, lost L` (shown in the pytest output); its
assertions are the floor: nothing lost, a clear message, no traceback. A small store of
three text reports is built once per session and copied for each test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]
SMALL_REPORTS = ("2023-hongqi-finance-bureau.txt", "2023-shuyang-drc.txt", "2021-pingtan.txt")
QUESTION = "红旗区财政局2023年收到了多少政府信息公开申请？"


@dataclass
class Tally:
    name: str
    tried: int = 0
    held: int = 0
    lost: int = 0
    notes: list[str] = field(default_factory=list)

    def check(self, ok: bool, note: str = "") -> bool:
        self.tried += 1
        if ok:
            self.held += 1
        else:
            self.lost += 1
            if note:
                self.notes.append(note)
        return ok

    def line(self) -> str:
        extra = f" — {'; '.join(self.notes[:5])}" if self.notes else ""
        return f"[reliability] {self.name}: tried {self.tried}, held {self.held}, lost {self.lost}{extra}"


@pytest.fixture
def tally(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> Any:
    made = Tally(request.node.name)
    yield made
    with capsys.disabled():
        print("\n" + made.line())


def cli_env(store: Path) -> dict[str, str]:
    return {**os.environ, "GOV_ASSISTANT_STORE": str(store), "PYTHONPATH": str(ROOT),
            "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GOV_ASSISTANT_TODAY": "2026-03-01",
            "GOV_ASSISTANT_LLM_BASE_URL": "", "GOV_ASSISTANT_CHROMA_URL": "", "PYTHONUNBUFFERED": "1"}


def cli(store: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args, "--store", str(store)], cwd=ROOT,
                          env=cli_env(store), capture_output=True, text=True, timeout=timeout, check=False)


def in_namespace(script: str, store: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace (mounts vanish with it)."""
    return subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=ROOT, env=cli_env(store),
                          capture_output=True, text=True, timeout=timeout, check=False)


def namespaces_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                           capture_output=True, timeout=30, check=False)
    return probe.returncode == 0


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory, embedder: Any, test_model_dir: Path) -> Path:
    from index.library import Library
    from index.settings import Settings

    store = tmp_path_factory.mktemp("reliability-store")
    lib = Library.open(Settings.load(store=str(store), model_dir=str(test_model_dir), chroma_url=""),
                       embedder=embedder)
    for name in SMALL_REPORTS:
        lib.ingest(CORPUS / name)
    lib.close()
    return store


@pytest.fixture
def store(small_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(small_store, copy)
    return copy


def catalog_hashes(store: Path) -> Callable[[], dict[str, str]]:
    import json

    def read() -> dict[str, str]:
        result = cli(store, "reports", "--json")
        if result.returncode != 0:
            return {}
        return {e["report_id"]: e["content_hash"] for e in json.loads(result.stdout)}
    return read
