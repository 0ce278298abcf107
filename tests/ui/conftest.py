"""Fixtures of the web tests: the real app over the real corpus library, and the same app
over a fake assistant for the tests that mutate the library or need a hostile report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from index.settings import Settings
from tests.ui.fake_assistant import FakeAssistant
from tests.ui.live_server import LiveServer
from ui.web import create_app

STAFF_TOKEN = "test-staff-token"
TODAY = "2026-03-01"


def web_settings(store: Path, **changes: Any) -> Settings:
    values: dict[str, Any] = {"store": str(store), "staff_token": STAFF_TOKEN, "today": TODAY}
    values.update(changes)
    return Settings.load(**values)


@pytest.fixture(scope="session")
def real_assistant(corpus_library: Any, corpus_store: Path, test_model_dir: Path) -> Any:
    """The real Assistant over the session corpus library."""
    module = pytest.importorskip("assistant.assistant", reason="assistant.assistant not built yet")
    settings = Settings.load(store=str(corpus_store), model_dir=str(test_model_dir), today=TODAY,
                             chroma_url="", llm_base_url="")
    try:
        return module.Assistant.open(settings, library=corpus_library)
    except TypeError:
        return module.Assistant.open(settings)


@pytest.fixture(scope="session")
def real_app(real_assistant: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return create_app(real_assistant, web_settings(tmp_path_factory.mktemp("web-store")))


@pytest.fixture(scope="session")
def real_client(real_app: Any) -> Iterator[TestClient]:
    with TestClient(real_app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's chromium, one per test module (browser tests only)."""
    from tests.ui.browser import browser

    with browser() as instance:
        yield instance


@pytest.fixture(scope="module")
def server(real_app: Any) -> Iterator[LiveServer]:
    """The real app over the corpus, served on loopback for one test module."""
    with LiveServer(real_app) as live:
        yield live


@pytest.fixture
def fake() -> FakeAssistant:
    return FakeAssistant()


@pytest.fixture
def fake_client(fake: FakeAssistant, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(fake, web_settings(tmp_path / "store"))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end test in Debian's chromium (Playwright)")
