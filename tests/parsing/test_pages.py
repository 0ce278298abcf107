"""Real-shaped government pages (tests/parsing/page_build.py): metadata from every signal the
page has, the same pages as a crawler exports them, and what intake keeps of each."""

from __future__ import annotations

import pytest

from index.models import Report
from index.parsing import parse_report
from tests.parsing.page_build import PAGES, Page, crawled, grid_mixed, t4_values
from tests.parsing.placement_cases import truth_cells

FORMS = ("html", "crawled", "crawled-empty-cells")
_CACHE: dict[tuple[str, str], Report] = {}


def _parse(page: Page, form: str) -> Report:
    if (page.name, form) not in _CACHE:
        if form == "html":
            name, data = page.name, page.html
        else:
            name = page.name.replace(".html", f".{form}.txt")
            data = crawled(page.html, keep_empty_cells=form == "crawled-empty-cells")
        _CACHE[page.name, form] = parse_report(name, data=data.encode("utf-8"))
    return _CACHE[page.name, form]


CASES = [(build, form) for build in PAGES for form in FORMS]
IDS = [f"{build.__name__}-{form}" for build, form in CASES]


@pytest.mark.parametrize(("build", "form"), CASES, ids=IDS)
def test_agency_year_and_title(build, form) -> None:  # type: ignore[no-untyped-def]
    page = build()
    report = _parse(page, form)
    assert (report.agency, report.year, report.title) == (page.agency, page.year, page.title)
    assert set(page.aliases) <= set(report.agency_aliases), report.agency_aliases
    fields = {m.field for m in report.metadata_sources}
    assert {"agency", "year"} <= fields and ("title" in fields) == bool(page.title)


@pytest.mark.parametrize("build", PAGES, ids=[b.__name__ for b in PAGES])
def test_the_page_records_which_signal_gave_the_agency(build) -> None:  # type: ignore[no-untyped-def]
    page = build()
    source = _parse(page, "html").source_of("agency")
    assert source is not None and source.signal == page.agency_from, source


def test_the_title_cut_short_by_the_site_is_completed() -> None:
    report = _parse(PAGES[1](), "crawled")  # only the cut <h2> and the 名称 cell carry it
    assert report.title.endswith("工作年度报告")


def test_a_sidebar_of_other_years_never_gives_the_year() -> None:
    for form in FORMS:
        report = _parse(PAGES[2](), form)
        assert report.year == 2023 and "2022" not in report.title


def test_the_site_name_completes_a_name_without_its_place() -> None:
    report = _parse(PAGES[3](), "html")
    assert report.agency == "安吉县审计局"
    source = report.source_of("agency")
    assert source is not None and any("地名" in s for s in source.also)
    assert any("地名取自网站名称" in w for w in report.warnings)


def test_a_verb_phrase_before_the_name_never_becomes_part_of_it() -> None:
    for form in FORMS:
        report = _parse(PAGES[4](), form)
        assert not report.agency.startswith(("特", "编制")) and not report.title.startswith("特编制")
        assert all(not a.startswith(("特", "编制")) for a in report.agency_aliases)


@pytest.mark.parametrize(("build", "form"), [c for c in CASES if c[0]().tables],
                         ids=[i for c, i in zip(CASES, IDS) if c[0]().tables])
def test_every_cell_of_tables_3_and_4(build, form) -> None:  # type: ignore[no-untyped-def]
    """Zeros are printed in these tables: whatever the flattening, every cell is placed."""
    report = _parse(build(), form)
    facts = {f"{f.table}.{f.row}.{f.column}": f for f in report.facts}
    wrong = [f"{k}: {facts[k].value if k in facts else None} ≠ {v}" for k, v in
             truth_cells(grid_mixed(), t4_values()).items()
             if k not in facts or facts[k].value != v or facts[k].uncertain]
    assert not wrong, wrong
    assert all(c.ok for c in report.checks if c.name.startswith("check"))


@pytest.mark.parametrize("form", FORMS)
def test_an_untitled_report_without_tables_is_kept_with_its_prose(form: str) -> None:
    report = _parse(PAGES[5](), form)
    assert report.template == "free-form" and not report.facts
    assert {"statistics_period", "article50"} <= set(report.markers)
    assert any("没有找到统一格式的统计表" in w for w in report.warnings)
    assert any("没有找到报告标题" in w for w in report.warnings)
    text = "\n".join(s.text for s in report.sections)
    assert "行政复议1件" in text and "主动公开政府信息856条" in text  # answerable from the prose


@pytest.mark.parametrize("form", FORMS)
def test_a_report_cut_after_its_opening_section_is_kept(form: str) -> None:
    report = _parse(PAGES[6](), form)
    assert [s.number for s in report.sections if s.number] == ["一"]
    assert any("报告可能不完整" in w and "二、三、四、五、六" in w for w in report.warnings)
    assert "856条" in report.sections[-1].text
