"""Scanned reports built in test setup from the corpus PDFs (tests/ocr/scans.py): the
pages holding tables 三 and 四 (3–4) replaced by their scans, clean and degraded. OCR is
slow (seconds a page), so each scan is parsed once per session; full documents are read
in benchmarks/ocr.py."""

from __future__ import annotations

from pathlib import Path

import hashlib

import numpy as np
import pytest

from index.loaders.ocr import engine
from index.models import Report
from index.parsing import parse_report
from tests.conftest import CORPUS
from tests.ocr.scans import partly_scanned

SCANNED_PAGES = (3, 4)
PDFS = ("2023-hongze-district-gov.pdf", "2024-hongze-district-gov.pdf")
_parsed: dict[tuple[str, bool], tuple[Report, list[tuple[int, int, str]]]] = {}


def scan_of(name: str, degraded: bool) -> Path:
    return partly_scanned(CORPUS / name, SCANNED_PAGES, degraded=degraded)


def parsed_scan(name: str, degraded: bool) -> tuple[Report, list[tuple[int, int, str]]]:
    """The parsed scan and the progress calls made while reading it."""
    if (name, degraded) not in _parsed:
        calls: list[tuple[int, int, str]] = []
        report = parse_report(scan_of(name, degraded),
                              progress=lambda done, total, message: calls.append((done, total, message)))
        _parsed[(name, degraded)] = (report, calls)
    return _parsed[(name, degraded)]


@pytest.fixture(params=PDFS)
def pdf_name(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session", autouse=True)
def _page_reads_once() -> object:
    """Each distinct page image is recognised once per session (the real engine; tests
    that alter readings wrap this)."""
    real = engine.read_page
    seen: dict[str, list[engine.TextBox]] = {}

    def read_page(gray: np.ndarray) -> list[engine.TextBox]:
        key = hashlib.sha256(gray.tobytes()).hexdigest() + str(gray.shape)
        if key not in seen:
            seen[key] = real(gray)
        return list(seen[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "read_page", read_page)
        yield
