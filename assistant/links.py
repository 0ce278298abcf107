"""Where a report's original file is served: the one place that builds that path.

The HTTP route (ui.web.source) serves `SOURCE_ROUTE`; citations (assistant.citations) and the
report view link to `source_url(...)`. The report id (「2023-新乡市红旗区财政局」) is
percent-encoded as one path segment; `#page=N` opens a PDF at the cited page (Chromium's and
Firefox's viewers honour it).
"""

from __future__ import annotations

from urllib.parse import quote

from index.models import Location, Report

SOURCE_ROUTE = "/api/reports/{report_id}/source"


def source_url(report_id: str, page: int | None = None) -> str:
    """Relative URL of a report's original file, e.g. /api/reports/2023-%E6%96%B0…/source#page=3."""
    path = SOURCE_ROUTE.format(report_id=quote(report_id, safe=""))
    return f"{path}#page={page}" if page is not None and page > 0 else path


def report_source_url(report: Report, location: Location | None = None) -> str:
    """The report's original file, at `location`'s page when the file is a PDF."""
    page = location.page if location is not None and report.format == "pdf" else None
    return source_url(report.id, page)
