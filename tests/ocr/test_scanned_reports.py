"""Scanned reports: every figure of expected.json is read right or marked uncertain, never
stated wrong; provenance says where on which page OCR read it; checks behave as in the text."""

from __future__ import annotations

import pytest

from assistant.citations import fact_citation
from index.models import report_from_dict
from tests.conftest import CORPUS
from tests.ocr.conftest import SCANNED_PAGES, parsed_scan
from tests.ocr.scoring import EXPECTED, score


@pytest.mark.parametrize(("degraded", "floor"), [(False, 0.99), (True, 0.95)])
def test_every_figure_read_or_uncertain_never_wrong(pdf_name: str, degraded: bool, floor: float) -> None:
    report, _ = parsed_scan(pdf_name, degraded)
    right, unsure, wrong = score(report, pdf_name)
    assert wrong == []
    assert right / (right + unsure) >= floor, f"{unsure} uncertain cells"
    expected = EXPECTED[pdf_name]
    assert (report.agency, report.year, report.template) == (expected["agency"], expected["year"],
                                                            expected["template"])


def test_checks_fail_where_the_report_itself_does_not_add_up(pdf_name: str) -> None:
    """A printed inconsistency (2023: 行政复议 10 + 1 ≠ 总计 0) is not 'repaired' into
    figures that add up: the scan fails the same checks as the text layer."""
    from index.parsing import parse_report

    text = parse_report(CORPUS / pdf_name)
    for degraded in (False, True):
        scan, _ = parsed_scan(pdf_name, degraded)
        table_checks = {(c.name, c.scope, c.ok) for c in scan.checks if c.name != "prose_vs_table"}
        assert table_checks == {(c.name, c.scope, c.ok) for c in text.checks if c.name != "prose_vs_table"}


def test_provenance_of_scanned_figures(pdf_name: str) -> None:
    report, _ = parsed_scan(pdf_name, False)
    table3 = [f for f in report.facts if f.table == "三" and f.status != "derived"]
    assert table3 and all(f.source.ocr and f.source.page in SCANNED_PAGES for f in table3)
    for fact in table3:
        x0, top, x1, bottom = fact.source.box  # page points, the row on the page
        assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 843
    text_pages = [f for f in report.facts if f.table == "二" and f.source.page not in SCANNED_PAGES]
    assert text_pages and not any(f.source.ocr for f in text_pages)
    fact = report.fact("三", "new_received", "total")
    citation = fact_citation(1, report, fact)
    assert "扫描件识别" in citation.source and f"第{fact.source.page}页" in citation.source
    assert citation.url.endswith(f"#page={fact.source.page}")
    assert any("扫描件识别" in w for w in report.warnings)


def test_stored_report_json_round_trips_with_provenance(pdf_name: str) -> None:
    report, _ = parsed_scan(pdf_name, False)
    data = report.to_dict()
    assert report_from_dict(data) == report
    fact = next(f for f in data["facts"] if f["table"] == "三")
    assert fact["source"]["method"] == "ocr" and len(fact["source"]["box"]) == 4
    text_fact = next(f for f in data["facts"]
                     if f["table"] == "二" and f["source"].get("page") not in SCANNED_PAGES)
    assert set(text_fact["source"]) == {"page", "line"}  # text reports keep the old shape


def test_progress_is_reported_page_by_page(pdf_name: str) -> None:
    _, calls = parsed_scan(pdf_name, False)
    totals = {total for _, total, _ in calls}
    assert totals == {5}
    done = [d for d, _, _ in calls]
    assert done == sorted(done) and done[-1] == 5
    ocr_pages = [m for _, _, m in calls if "扫描件识别" in m]
    assert len(ocr_pages) == len(SCANNED_PAGES) and "第 3 页" in ocr_pages[0]
