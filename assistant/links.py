"""Where a report's original file and its readable views are served: the one place that
builds those paths.

    SOURCE_ROUTE       /api/reports/{id}/source   the original file (ui.web.source)
    SOURCE_VIEW_ROUTE  /reports/{id}/source       the file as a readable, script-free page with
                                                  line numbers, at the cited line (ui.web.views)
    REPORT_VIEW_ROUTE  /reports/{id}              the parsed tables, the cited cell highlighted

Citations (assistant.citations) and the report view link here. The report id
(「2023-新乡市红旗区财政局」) is percent-encoded as one path segment; `#page=N` opens a PDF at the
cited page (Chromium's and Firefox's viewers honour it); in a source view `#cited` is the
cited line (or the marked words in it), `#L12` any line.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from index.models import Location, Report

SOURCE_ROUTE = "/api/reports/{report_id}/source"
SOURCE_VIEW_ROUTE = "/reports/{report_id}/source"
REPORT_VIEW_ROUTE = "/reports/{report_id}"
TABLE_NUMBERS = {"二": "2", "三": "3", "四": "4"}  # ASCII in element ids


def _segment(report_id: str) -> str:
    return quote(report_id, safe="")


def source_url(report_id: str, page: int | None = None) -> str:
    """Relative URL of a report's original file, e.g. /api/reports/2023-%E6%96%B0…/source#page=3."""
    path = SOURCE_ROUTE.format(report_id=_segment(report_id))
    return f"{path}#page={page}" if page is not None and page > 0 else path


def report_source_url(report: Report, location: Location | None = None) -> str:
    """The report's original file, at `location`'s page when the file is a PDF."""
    page = location.page if location is not None and report.format == "pdf" else None
    return source_url(report.id, page)


def source_view_url(report: Report, location: Location | None = None, mark: str = "") -> str:
    """Where a reader checks a citation: a PDF opens in the browser's viewer at its page;
    every other format opens as a readable page at the cited line, `mark` highlighted."""
    if report.format == "pdf":
        return report_source_url(report, location)
    path = SOURCE_VIEW_ROUTE.format(report_id=_segment(report.id))
    line = location.line if location is not None else None
    params = {k: v for k, v in (("line", line), ("mark", " ".join(mark.split())[:120])) if v}
    query = f"?{urlencode(params)}" if params else ""
    return f"{path}{query}#cited" if line else f"{path}{query}"


def cell_key(table: str, row: str, column: str) -> str:
    """The canonical name of a cell, 「三.denied.state_secret.total」 (as checks name cells)."""
    return f"{table}.{row}.{column}"


def cell_anchor(table: str, row: str, column: str) -> str:
    """The element id of a cell in the report view (ASCII): 「c-3-denied.state_secret-total」."""
    return f"c-{TABLE_NUMBERS.get(table, table)}-{row}-{column}"


def report_view_url(report_id: str, table: str | None = None, row: str | None = None,
                    column: str | None = None) -> str:
    """The report's parsed tables; with a cell, that cell highlighted and scrolled to."""
    path = REPORT_VIEW_ROUTE.format(report_id=_segment(report_id))
    if not (table and row and column):
        return path
    query = urlencode({"cell": cell_key(table, row, column)})
    return f"{path}?{query}#{cell_anchor(table, row, column)}"
