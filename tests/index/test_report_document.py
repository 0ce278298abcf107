"""The stored form of a report (report_to_dict): one walk over the dataclasses that writes
exactly what the deep-copying form wrote, and reads back to the same report."""

from __future__ import annotations

from dataclasses import asdict, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from index.models import Location, Report, report_from_dict, report_to_dict
from index.parsing import parse_report


def _reference(report: Report) -> Any:
    """The earlier encoding: asdict, Decimal → {"decimal": …}, plain locations as (page, line)."""

    def enc(v: Any) -> Any:
        if isinstance(v, Decimal):
            return {"decimal": str(v)}
        if isinstance(v, list | tuple):
            return [enc(x) for x in v]
        if isinstance(v, dict):
            if set(v) == {"page", "line", "method", "box"} and not v["method"] and v["box"] is None:
                return {"page": v["page"], "line": v["line"]}
            return {k: enc(x) for k, x in v.items()}
        return v

    return enc(asdict(report))


@pytest.mark.parametrize("name", ["2019-pingtan.txt", "2019-shanghai-gov-office.html",
                                  "2023-hongze-district-gov.pdf", "2024-shanghai-stcsm.md"])
def test_document_is_the_same_as_before_and_round_trips(corpus_dir: Path, name: str) -> None:
    report = parse_report(corpus_dir / name)
    assert report.facts and report.rows
    document = report_to_dict(report)
    assert document == _reference(report)
    assert report_from_dict(document) == report


def test_recognised_locations_keep_their_provenance(corpus_dir: Path) -> None:
    report = parse_report(corpus_dir / "2023-shuyang-drc.txt")
    scanned = Location(page=2, line=None, method="ocr", box=(10.5, 20.0, 300.0, 31.25))
    fact = replace(report.facts[0], source=scanned, value=Decimal("12.50"))
    report = replace(report, facts=(fact, *report.facts[1:]))
    document = report_to_dict(report)
    assert document == _reference(report)
    assert document["facts"][0]["source"] == {"page": 2, "line": None, "method": "ocr",
                                                "box": [10.5, 20.0, 300.0, 31.25]}
    assert document["facts"][0]["value"] == {"decimal": "12.50"}
    assert report_from_dict(document) == report
