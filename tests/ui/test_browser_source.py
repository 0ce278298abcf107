"""End to end in Debian's chromium: a citation's 「查看原文」 opens the report in a new tab (a
PDF at the cited page; a text report as the readable source view at the cited line) — on
the chat page, in the widget and in the 「报告」 view. Screenshots go to test-artifacts/."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from assistant.links import SOURCE_VIEW_ROUTE, source_url
from tests.ui.browser import (
    DESKTOP,
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
HONGZE = "2024-淮安市洪泽区人民政府"
HONGQI = "2023-新乡市红旗区财政局"


def source_view_path(report_id: str) -> str:
    return SOURCE_VIEW_ROUTE.format(report_id=quote(report_id, safe=""))


def _responses(page: Any) -> dict[str, Any]:
    """The responses of every page of the context, by URL (the new tab's included)."""
    seen: dict[str, Any] = {}
    page.context.on("response", lambda r: seen.__setitem__(r.url, r))
    return seen


def _open_source(page: Any, link: Any) -> Any:
    """Click a 「查看原文」 link; return the new tab it opened, loaded."""
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in (link.get_attribute("rel") or "").split()  # Gradio adds noreferrer
    with page.context.expect_page() as info:
        link.click()
    tab = info.value
    tab.wait_for_load_state()
    return tab


def test_citation_opens_the_original_pdf_at_its_page(chromium: Any, real_app: Any) -> None:
    with LiveServer(real_app) as server:
        page = new_page(chromium)
        seen = _responses(page)
        page.goto(server.url + "/")
        ask(page, "洪泽区人民政府2024年有多少申请不予公开？")
        answer = wait_final_answer(page)
        block = answer.locator("details.cites")
        assert block.count() == 1  # one block for all the citations of the answer …
        n = answer.locator("details.cite").count()
        assert n > 3 and block.get_attribute("open") is None  # … closed, as there are many
        title = block.locator("summary.cites-title").filter(has_text=f"引用来源（{n} 条）")
        screenshot(page, "citation-block-closed")
        title.click()
        markers = answer.locator("details.cite .cite-n").all_text_contents()
        assert sorted(markers, key=lambda m: int(m.strip("[]"))) == [f"[{i}]" for i in range(1, n + 1)]
        assert answer.locator(".cite-group-head").first.inner_text() == "2024年 淮安市洪泽区人民政府"
        answer.locator("details.cite summary .cite-n").first.click()  # open it for the picture
        answer.locator("details.cite[open] .cite-cells").first.wait_for()
        link = answer.locator("details.cite[open] a.cite-link").first
        link.wait_for()
        assert link.inner_text() == "查看原文"
        page.wait_for_timeout(300)  # the chat has settled its own scrolling
        title.evaluate("e => e.scrollIntoView()")  # the block's top, in the chat's own scroll
        screenshot(page, "citation-source-link")
        page.set_viewport_size(PHONE)
        title.evaluate("e => e.scrollIntoView()")
        screenshot(page, "citation-source-link-phone")
        page.set_viewport_size(DESKTOP)
        href = link.get_attribute("href") or ""
        assert href.startswith(source_url(HONGZE) + "#page=")
        tab = _open_source(page, link)
        assert tab.url == server.url + href  # the new tab is the source, at the cited page
        response = seen[server.url + source_url(HONGZE)]
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        assert response.headers["x-content-type-options"] == "nosniff"
        tab.wait_for_timeout(1500)  # the viewer draws the page
        screenshot(tab, "citation-source-pdf")
        tab.close()
        page.close()


def test_text_report_source_from_the_widget_and_the_report_view(chromium: Any,
                                                                real_app: Any) -> None:
    with LiveServer(real_app) as server:
        page = new_page(chromium)
        seen = _responses(page)
        page.goto(server.url + "/widget/?agency=新乡市红旗区财政局&year=2023")
        page.locator("#widget-scope").filter(has_text="新乡市红旗区财政局").wait_for()
        ask(page, "收到了多少政府信息公开申请？")
        answer = wait_final_answer(page)
        answer.locator(".a-text a.cite-ref").first.click()  # [1] opens its citation
        tab = _open_source(page, answer.locator("details.cite[open] a.cite-link").first)
        assert tab.url.startswith(server.url + source_view_path(HONGQI) + "?line=")
        response = seen[tab.url.split("#")[0]]
        assert response.headers["content-type"].startswith("text/html")
        assert "sandbox" in response.headers["content-security-policy"]
        cited = tab.locator(".src .hl")
        assert "本年新收政府信息公开申请数量" in cited.inner_text()
        screenshot(tab, "citation-source-text")
        tab.close()

        page.goto(server.url + "/")
        page.get_by_role("tab", name="报告").click()
        page.locator("#pick-report input").click()
        page.get_by_role("option", name="2024年 淮安市洪泽区人民政府").click()
        link = page.locator("#report-view a.cite-link").first
        link.wait_for()
        tab = _open_source(page, link)
        assert tab.url == server.url + source_url(HONGZE)
        tab.close()
        page.close()
