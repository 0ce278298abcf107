"""Fixtures of the answer tests: an Assistant over the expected facts (fast, no model)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.assistant import Assistant
from assistant.understanding import AgencyResolver
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary

TODAY = date(2026, 3, 1)


@pytest.fixture(scope="session")
def memory_library() -> MemoryLibrary:
    return MemoryLibrary.of()


@pytest.fixture(scope="session")
def resolver(memory_library: MemoryLibrary) -> AgencyResolver:
    return AgencyResolver.from_catalog(memory_library.reports())


@pytest.fixture()
def assistant(memory_library: MemoryLibrary) -> Assistant:
    return Assistant(memory_library, Settings.load(today="2026-03-01"))
