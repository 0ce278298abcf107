"""End to end in Debian's chromium over the real assistant and the corpus: every marker [n]
opens its citation with the cited cell highlighted, every citation names its column, a
citation opens the report's table view at the cell and the readable source view at the
line, and a trend is drawn over a real year axis. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.ui.browser import (
    PHONE,
    ask,
    chromium_available,
    new_page,
    screenshot,
    wait_final_answer,
)
from tests.ui.live_server import LiveServer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian chromium not installed"),
]
REFUSED = "洪泽区人民政府2024年有多少申请被拒绝？"  # ranges, single markers, folded zeros
COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
           "结果维持", "结果纠正", "其他结果", "尚未审结")


def in_viewport(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= size["height"]


def _targets(href: str) -> list[str]:
    match = re.fullmatch(r"#(a[0-9a-f]+)-(\d+)(?:-(\d+))?", href)
    assert match, href
    first, last = int(match.group(2)), int(match.group(3) or match.group(2))
    return [f"{match.group(1)}-{n}" for n in range(first, last + 1)]


def test_every_marker_opens_its_citation_with_the_cell_highlighted(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium)
    page.goto(server.url + "/")
    ask(page, REFUSED)
    answer = wait_final_answer(page)
    markers = answer.locator(".a-text a.cite-ref")
    assert markers.count() >= 5
    screenshot(page, "citations-closed")
    for i in range(markers.count()):
        marker = markers.nth(i)
        ids = _targets(marker.get_attribute("href") or "")
        if i == 1:  # the keyboard way: focus and Enter
            marker.focus()
            page.keyboard.press("Enter")
        else:
            marker.click()
        for ident in ids:
            cite = page.locator(f"[id='{ident}']")
            cite.locator("summary").first.wait_for()
            assert cite.get_attribute("open") is not None, (marker.inner_text(), ident)
            assert "cite-hl" in (cite.get_attribute("class") or "")
            cell = cite.locator(".cc.cited")
            assert cell.is_visible(), ident
            value = cite.locator(".cite-main b").inner_text()
            assert cell.locator(".cc-v").inner_text() == value  # the highlighted cell holds the figure
        expect(page.locator(f"[id='{ids[0]}'] summary")).to_be_in_viewport(timeout=2_000)
        if i == 2:
            screenshot(page, "citation-marker-opened")
    mains = answer.locator("details.cite .cite-main").all_inner_texts()
    assert mains and all(" | " not in m for m in mains)  # never the raw row as the main text
    for main in mains:  # every citation names its column: 「… · 总计：1 件」
        assert re.search(rf" · ({'|'.join(COLUMNS)})：", main), main
    assert answer.locator("details.cite-zeros").count() >= 1  # zero items folded, still reachable
    page.set_viewport_size(PHONE)
    markers.first.click()
    screenshot(page, "citation-marker-opened-phone")
    page.close()


def test_hovering_a_marker_shows_the_cited_cell(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium)
    page.goto(server.url + "/")
    ask(page, "红旗区财政局2023年行政诉讼有几件？")
    answer = wait_final_answer(page)
    marker = answer.locator(".a-text a.cite-ref").first
    marker.hover()
    pop = marker.locator(".cite-pop")
    pop.wait_for(state="visible")
    assert "表四" in pop.inner_text() and "行政诉讼" in pop.inner_text()
    screenshot(page, "citation-popover")
    page.close()


def test_citation_opens_the_report_table_at_the_cell(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium)
    page.goto(server.url + "/")
    ask(page, "红旗区财政局2023年有多少申请因为没有现成信息需要另行制作无法提供？")
    answer = wait_final_answer(page)
    cite = answer.locator("details.cite").filter(has_text="没有现成信息需要另行制作").first
    cite.locator("summary").click()
    link = cite.locator("a.cite-cell-link")
    with page.context.expect_page() as info:
        link.click()
    tab = info.value
    tab.wait_for_load_state()
    cell = tab.locator("td.cited")
    assert cell.count() == 1 and cell.inner_text() == "2"
    assert in_viewport(tab, cell)
    row = tab.locator("tr", has=tab.locator("td.cited"))
    assert "没有现成信息需要另行制作" in row.inner_text()
    screenshot(tab, "report-view-cell", full_page=False)
    tab.close()
    page.close()


def test_text_report_opens_at_the_cited_line(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium, PHONE)
    page.goto(server.url + "/widget/?agency=新乡市红旗区财政局&year=2023")
    page.locator("#widget-scope").filter(has_text="新乡市红旗区财政局").wait_for()
    ask(page, "行政诉讼有几件？")
    answer = wait_final_answer(page)
    answer.locator(".a-text a.cite-ref").first.click()
    with page.context.expect_page() as info:
        answer.locator("details.cite.cite-hl a.cite-link").first.click()
    tab = info.value
    tab.wait_for_load_state()
    assert "/source?line=" in tab.url and tab.url.endswith("#cited")
    line = tab.locator(".src .hl")
    assert line.count() == 1
    numbers = line.locator(".ln").inner_text().strip()
    assert numbers.isdigit() and f"line={numbers}" in tab.url
    assert in_viewport(tab, tab.locator("#cited"))
    screenshot(tab, "source-view-text-phone", full_page=False)
    tab.close()
    page.close()


def test_html_report_source_is_clean_text_with_its_tables(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.url + "/")
    ask(page, "上海市人民政府办公厅2019年有多少申请不予公开？")
    answer = wait_final_answer(page)
    if answer.locator("details.cites").get_attribute("open") is None:
        answer.locator("summary.cites-title").click()
    cite = answer.locator("details.cite").filter(has_text="属于国家秘密").first
    cite.locator("summary").click()
    with page.context.expect_page() as info:
        cite.locator("a.cite-link").click()
    tab = info.value
    tab.wait_for_load_state()
    row = tab.locator(".src tr.hl")
    assert row.count() == 1 and "属于国家秘密" in row.inner_text() and "14" in row.inner_text()
    assert tab.locator(".src table").count() >= 3  # the report's tables, drawn
    assert tab.locator("script, iframe, img, object, embed").count() == 0
    assert in_viewport(tab, tab.locator("#cited"))
    screenshot(tab, "source-view-html", full_page=False)
    tab.close()
    page.close()
    assert all(url.startswith(server.url) for url in requests)


def test_trend_chart_has_a_real_year_axis(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium)
    page.goto(server.url + "/")
    ask(page, "平潭综合实验区历年收到的申请有什么变化？")
    answer = wait_final_answer(page)
    chart = answer.locator("figure.chart")
    chart.wait_for()
    assert chart.locator(".chart-x").all_inner_texts() == ["2019", "2020", "2021"]
    gap = chart.locator(".chart-slot").nth(1)
    assert "未收录" in gap.inner_text()  # 2020 has no report: a gap, not a squeezed axis
    assert chart.locator(".chart-v").all_inner_texts() == ["23", "70"]
    assert "年度" in chart.inner_text() and "单位：件" in chart.inner_text()
    assert "类别" not in chart.inner_text() and "系列" not in chart.inner_text()
    heights = [b["height"] for b in (chart.locator(".chart-bar").nth(i).bounding_box() for i in (0, 1)) if b]
    assert len(heights) == 2 and heights[1] > heights[0] * 2.5  # 70 vs 23, to scale
    chart.scroll_into_view_if_needed()
    screenshot(page, "chart-years")
    page.set_viewport_size(PHONE)
    chart.scroll_into_view_if_needed()
    screenshot(page, "chart-years-phone")
    page.close()
