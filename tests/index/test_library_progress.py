"""`Library.ingest(path, progress=…)`: what a job queue polls while a report is read and indexed."""

from __future__ import annotations

from index.library import Library
from tests.conftest import CORPUS


def test_ingest_reports_pages_then_indexing(library: Library) -> None:
    calls: list[tuple[int, int, str]] = []
    result = library.ingest(CORPUS / "2024-hongze-district-gov.pdf",
                            progress=lambda done, total, message: calls.append((done, total, message)))
    assert result.entry.year == 2024
    assert calls[-1] == (5, 5, "建立索引")  # five pages read, then the index is built
    assert (5, 5, "页面读取完成") in calls
    assert all(total == 5 for _, total, _ in calls)
