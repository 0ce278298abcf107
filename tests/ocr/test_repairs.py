"""The checks repair what OCR gets wrong, and what they cannot settle is never stated.

OCR slips are injected into the real engine's output (a "50" read as "30", a 5↔3 slip):
the second reading of the cell's ink and checks 2–3 restore 50; when the second reading
repeats the slip, two readings agree on a figure that does not add up and one slip would
explain it — the row becomes uncertain instead of a confident wrong figure."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.citations import fact_citation
from index.loaders.ocr import engine
from index.parsing import parse_report
from tests.ocr.conftest import scan_of

NAME = "2024-hongze-district-gov.pdf"  # （一）予以公开: 自然人 50 … 总计 50


def _misread_first(monkeypatch: pytest.MonkeyPatch, printed: str, read: str) -> None:
    real = engine.read_page

    def read_page(gray: np.ndarray) -> list[engine.TextBox]:
        boxes = real(gray)
        for i, box in enumerate(boxes):
            if box.text == printed:
                boxes[i] = engine.TextBox(read, box.score, box.x0, box.top, box.x1, box.bottom)
                break
        return boxes

    monkeypatch.setattr(engine, "read_page", read_page)


def test_a_slip_is_repaired_by_the_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    _misread_first(monkeypatch, "50", "30")
    report = parse_report(scan_of(NAME, False))
    fact = report.fact("三", "granted", "natural_person")
    assert (fact.value, fact.uncertain) == (50, False)
    assert any("复核后读作 50" in w for w in report.warnings)
    assert all(c.ok for c in report.checks if c.name in ("check2", "check3"))


def test_a_slip_read_twice_is_uncertain_never_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    _misread_first(monkeypatch, "50", "30")
    real_crops = engine.read_crops

    def read_crops(crops: list[np.ndarray]) -> list[engine.Reading]:
        return [engine.Reading("30" if r.text == "50" else r.text, r.score) for r in real_crops(crops)]

    monkeypatch.setattr(engine, "read_crops", read_crops)
    report = parse_report(scan_of(NAME, False))
    fact = report.fact("三", "granted", "natural_person")
    assert fact.uncertain
    assert fact_citation(1, report, fact).value is None  # the citation carries no figure
    wrong = [f for f in report.facts if f.table == "三" and f.row == "granted" and not f.uncertain]
    assert wrong == []
    assert any("无法可靠识别" in w for w in report.warnings)
