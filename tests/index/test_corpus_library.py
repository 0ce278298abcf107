"""The shared `corpus_library` fixture: every corpus report, searchable, facts exact."""

from __future__ import annotations

from index.library import Library
from tests.conftest import expected_reports


def test_corpus_library_has_every_report(corpus_library: Library) -> None:
    ids = {e.report_id for e in corpus_library.reports()}
    assert ids == {f"{d['year']}-{d['agency']}" for d in expected_reports()}


def test_corpus_library_answers_a_dev_question(corpus_library: Library) -> None:
    hits = corpus_library.search("红旗区财政局2023年收到了多少政府信息公开申请？", k=5,
                                 agency="红旗区财政局", year=2023)
    assert any(h.metadata.get("row") == "new_received" for h in hits)
    report = corpus_library.report("2023-新乡市红旗区财政局")
    assert report.fact("三", "new_received", "total").value == 3
