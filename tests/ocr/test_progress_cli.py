"""Page progress on the command line: a page bar on stderr, only for files of several pages."""

from __future__ import annotations

import pytest

from index.models import Location, report_from_dict
from index.parsing import parse_report
from tests.conftest import CORPUS
from ui.cli.progress import PageBar


def test_page_bar_shows_pages_and_message(capsys: pytest.CaptureFixture[str]) -> None:
    with PageBar() as bar:
        bar(0, 5, "读取文字层")
        bar(2, 5, "扫描件识别：第 3 页（1/2）")
        bar(5, 5, "页面读取完成")
    err = capsys.readouterr().err
    assert "扫描件识别：第 3 页" in err and "2/5" in err


def test_single_page_files_draw_no_bar(capsys: pytest.CaptureFixture[str]) -> None:
    with PageBar() as bar:
        bar(1, 1, "读取完成")
    assert capsys.readouterr().err == ""


def test_text_reports_keep_their_stored_shape() -> None:
    """Reports of text files store locations as before (older code loads them), and JSON
    without the OCR fields loads into locations without provenance."""
    report = parse_report(CORPUS / "2024-hongze-district-gov.pdf")
    data = report.to_dict()
    assert all(set(f["source"]) == {"page", "line"} for f in data["facts"])
    loaded = report_from_dict(data)
    assert loaded == report
    assert loaded.facts[0].source == Location(page=loaded.facts[0].source.page,
                                              line=loaded.facts[0].source.line)
    assert not loaded.facts[0].source.ocr
