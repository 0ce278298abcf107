"""End to end in Debian's chromium, at a desktop and a phone's width: a marker's popover stays
inside its panel and the window; the 「报告」 tab opens on a report with its tables in the
template's order, readable on a phone (heads on one line, row labels a readable width, the
figures scrolling sideways inside their table); the source view's labels likewise; and a
browser not set to Chinese still sees Chinese (the upload box) and no status stuck at
「加载中」. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from assistant.links import SOURCE_VIEW_ROUTE, report_view_url
from tests.ui.browser import (
    DESKTOP,
    PHONE,
    ask,
    chromium_available,
    new_page,
    screenshot,
    visible_english,
    wait_final_answer,
)
from tests.ui.conftest import STAFF_TOKEN, web_settings
from tests.ui.fake_assistant import FakeAssistant
from tests.ui.live_server import LiveServer
from ui.web import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian chromium not installed"),
]
TABLE_TITLES = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况")
# one line box per text: how many lines each matching element's text takes
LINES = """(sel) => Array.from(document.querySelectorAll(sel)).map(el => {
  const range = document.createRange(); range.selectNodeContents(el);
  const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                         .map(r => Math.round(r.top)));
  return [el.textContent.trim(), tops.size, el.getBoundingClientRect().width,
          parseFloat(getComputedStyle(el).fontSize)];
})"""
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _inside(inner: dict[str, float], outer: dict[str, float], slack: float = 0.5) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack)


def test_popovers_stay_inside_the_panel_and_the_window(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium, PHONE)
    page.goto(server.url + "/")
    ask(page, "淮安市洪泽区人民政府2024年有多少申请因为各种原因不予公开或无法提供？")
    answer = wait_final_answer(page)
    markers = answer.locator(".a-text a.cite-ref")
    assert markers.count() >= 3
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        window = {"x": 0, "y": 0, "width": viewport["width"], "height": viewport["height"]}
        checked = 0
        for i in range(markers.count()):
            marker = markers.nth(i)
            marker.scroll_into_view_if_needed()
            marker.hover()
            pop = marker.locator(".cite-pop")
            # not hovered (the panel scrolled under the pointer), or hidden again before it
            # could be measured: nothing to measure for this marker
            box = pop.bounding_box() if pop.is_visible() else None
            if box is None:
                continue
            panel = page.locator("#chat").bounding_box()
            assert panel
            assert _inside(box, window), (viewport, i, box)
            assert _inside({**box, "y": panel["y"]}, panel), (viewport, i, box, panel)  # sideways
            checked += 1
            if checked == 2:
                screenshot(page, f"popover-{viewport['width']}", full_page=False)
        assert checked >= 3, viewport
    page.close()


def _check_tables_readable(page: Any, scope: str) -> None:
    """Heads on one line; row labels at least six characters wide; only the tables scroll."""
    assert page.evaluate(PAGE_OVERFLOW) <= 1
    for text, lines, _, _ in page.evaluate(LINES, f"{scope} thead th"):
        assert lines <= 1, f"column head broken over {lines} lines: {text}"
    labels = page.evaluate(LINES, f"{scope} table.t3 tbody th[scope=row]")
    assert len(labels) >= 20
    for text, lines, width, size in labels:
        assert width >= 6 * size, (text, width)
        assert lines <= max(1, len(text) // 4), (text, lines)
    scroller = page.locator(f"{scope} table.t3").locator("xpath=..")
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")  # the figures scroll
    label = page.locator(f"{scope} table.t3 tbody th[scope=row]").nth(3)
    before = label.bounding_box()
    scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    after = label.bounding_box()
    assert before and after and abs(after["x"] - before["x"]) < 1  # the label stays in view


def test_report_tab_opens_on_the_newest_report_in_template_order(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium)
    page.goto(server.url + "/")
    page.get_by_role("tab", name="报告").click()
    grid = page.locator("#report-view .report-grid")
    grid.wait_for(timeout=30_000)  # opened on a report, none chosen by hand
    chosen = page.locator("#pick-report input").input_value()
    newest = max(e.year for e in server_entries(server))
    assert chosen.startswith(f"{newest}年 "), chosen
    titles = page.locator("#report-view h3").all_inner_texts()
    at = [titles.index(t) for t in TABLE_TITLES]
    assert at == sorted(at), titles
    screenshot(page, "report-tab-default")
    page.set_viewport_size(PHONE)
    page.locator("#report-view table.t3").scroll_into_view_if_needed()
    _check_tables_readable(page, "#report-view")
    screenshot(page, "report-tab-phone", full_page=False)
    page.close()


def test_report_tab_follows_the_linked_agency(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium, PHONE)
    page.goto(server.url + "/?agency=平潭综合实验区")
    page.get_by_role("tab", name="报告").click()
    picker = page.locator("#pick-report input")
    page.wait_for_function("() => document.querySelector('#pick-report input').value.includes('平潭')")
    assert picker.input_value() == "2021年 平潭综合实验区"  # its newest report
    page.locator("#report-view .report-grid").filter(has_text="平潭综合实验区").wait_for()
    page.close()


def server_entries(server: LiveServer) -> list[Any]:
    return list(server.server.config.app.state.web.assistant.reports())


def test_report_page_and_source_view_are_readable_on_a_phone(chromium: Any, server: LiveServer) -> None:
    report_id = "2024-上海市科委"
    page = new_page(chromium, PHONE)
    page.goto(server.url + report_view_url(report_id))
    _check_tables_readable(page, "main")
    page.goto(server.url + SOURCE_VIEW_ROUTE.format(report_id=quote(report_id, safe="")))
    row = page.locator(".src-table tr").filter(has_text="信访举报投诉类申请").first
    row.scroll_into_view_if_needed()
    cells = page.evaluate(LINES, ".src-table td")
    labels = [c for c in cells if "信访举报投诉类申请" in c[0]]
    assert labels
    for text, lines, width, size in labels:
        assert lines <= 2 and width >= 6 * size, (text, lines, width)
    assert all(lines <= 1 for text, lines, _, _ in cells if text.isdigit())  # figures whole
    assert page.evaluate(PAGE_OVERFLOW) <= 1  # wide tables scroll inside their own box
    screenshot(page, "source-view-table-phone", full_page=False)
    page.close()


def _no_stuck_status(page: Any) -> None:
    page.wait_for_function(
        "() => !/加载中|Loading/.test(document.body.innerText)", timeout=20_000)


def test_a_browser_not_set_to_chinese_still_reads_chinese(chromium: Any, tmp_path: Path) -> None:
    app = create_app(FakeAssistant(), web_settings(tmp_path))
    with LiveServer(app) as server:
        page = chromium.new_page(viewport=DESKTOP, locale="en-US")
        page.goto(server.url + "/")
        page.locator("#question textarea").wait_for()
        _no_stuck_status(page)  # the framework's 「Loading…」 status, cleared once loaded
        assert visible_english(page) == []
        page.goto(server.url + "/staff/")
        page.fill("#token", STAFF_TOKEN)
        page.keyboard.press("Enter")
        drop = page.locator("#upload-files [data-testid='upload-text']")
        drop.filter(has_text="将文件拖放到此处").wait_for()
        assert "点击上传" in drop.inner_text()
        english = " ".join(visible_english(page))
        assert "Drop" not in english and "Upload" not in english and "or -" not in english, english
        label = page.locator("#upload-files button.upload-container").get_attribute("aria-label") or ""
        assert "upload" not in label.lower(), label
        _no_stuck_status(page)
        screenshot(page, "staff-upload-box-en-browser")
        page.get_by_role("tab", name="已收录的报告").click()
        page.wait_for_timeout(500)
        titles = page.evaluate("() => Array.from(document.querySelectorAll('[title]'), e => e.title)")
        assert "Copy table data" not in titles and "Fullscreen" not in titles, titles
        page.close()
