"""A report the OCR loader was not tuned on: the generated 义安区 PDF (tests/parsing/
unseen_pdf.py: another table layout, （六） with items, a vertical merged label, table 三
broken across pages), scanned whole — every page an image, no text layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parsing import parse_report
from tests.ocr.scans import cached_scan
from tests.ocr.scoring import score
from tests.parsing import unseen_pdf


def test_unseen_layout_scanned_whole(tmp_path: Path) -> None:
    scan = cached_scan(unseen_pdf.build(tmp_path / unseen_pdf.NAME))
    report = parse_report(scan)
    expected = unseen_pdf.expected()
    right, unsure, wrong = score(report, expected)
    assert wrong == []
    assert right / (right + unsure) >= 0.99
    assert (report.agency, report.year, report.template) == (expected["agency"], 2021, "2021")
    assert all(f.source.ocr for f in report.facts)
    assert [s.number for s in report.sections if s.number][:6] == ["一", "二", "三", "四", "五", "六"]
    if not all(c.ok for c in report.checks if c.name != "prose_vs_table"):
        pytest.fail("; ".join(c.detail for c in report.failed_checks))
