"""The 「报告」 tab's choice of report and its table order, and how a source table's cells may
wrap on a narrow screen (no browser: the functions the pages are built from)."""

from __future__ import annotations

from index.records import CatalogEntry
from tests.ui.fake_assistant import FakeAssistant
from ui.web.report_view import default_report, report_choices, report_html
from ui.web.source_view import cell_class


def _entry(agency: str, year: int, alias: str = "", at: str = "2026-01-01T00:00:00+00:00") -> CatalogEntry:
    return CatalogEntry(
        report_id=f"{year}-{agency}", agency=agency, agency_aliases=(alias,) if alias else (), year=year,
        template="2021", title="", source_name=f"{year}.txt", content_hash="0" * 64, chunks=1,
        failed_checks=(), warnings=(), ingested_at=at,
    )


CATALOG = [
    _entry("临河县教育局", 2022, "临河教育局"),
    _entry("临河县教育局", 2024, "临河教育局"),
    _entry("东平市税务局", 2025),
    _entry("东平市税务局", 2023),
]


def test_the_tab_opens_on_the_pinned_report_else_the_newest() -> None:
    assert default_report(CATALOG) == "2025-东平市税务局"  # nothing pinned: the newest
    assert default_report(CATALOG, "全部机关", "全部年份") == "2025-东平市税务局"
    assert default_report(CATALOG, "临河县教育局", "全部年份") == "2024-临河县教育局"
    assert default_report(CATALOG, "临河教育局", "2022") == "2022-临河县教育局"  # a short name
    assert default_report(CATALOG, "临河县教育局", "2025") == "2024-临河县教育局"  # no such year
    assert default_report(CATALOG, "全部机关", "2023年") == "2023-东平市税务局"
    assert default_report(CATALOG, "不存在的机关", "全部年份") == "2025-东平市税务局"
    assert default_report([]) is None


def test_the_newest_of_one_year_is_the_one_received_last() -> None:
    twins = [_entry("甲局", 2024, at="2026-01-02T00:00:00+00:00"),
             _entry("乙局", 2024, at="2026-02-01T00:00:00+00:00")]
    assert default_report(twins) == "2024-乙局"


def test_choices_list_the_newest_year_first() -> None:
    years = [label.split("年")[0] for label, _ in report_choices(CATALOG)]
    assert years == ["2025", "2024", "2023", "2022"]


def test_tables_follow_the_template_order() -> None:
    html = report_html(FakeAssistant().report("2023-新乡市红旗区财政局"))
    at = [html.index(title) for title in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                           "四、政府信息公开行政复议、行政诉讼情况")]
    assert at == sorted(at)
    assert html.count('<div class="table-scroll"') == 3  # each table scrolls on its own


def test_source_cells_keep_figures_and_short_heads_whole() -> None:
    assert [cell_class(t) for t in ("", "12", " 1,204 ", "3.5%", "—", "12.5")] == ["n"] * 6
    assert [cell_class(t) for t in ("自然人", "社会公益组织", "规章")] == ["s"] * 3
    assert [cell_class(t) for t in ("（五）不予处理", "2.重复申请的事项", "本年收费金额（单位：万元）")] == ["t"] * 3
