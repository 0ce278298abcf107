"""The widget end to end in Debian's chromium: a pinned agency is a hard scope, the empty
widget greets with three questions for that agency, it fits 360–420 px wide frames 560–640
px tall with the question box always in view, and the one-line launcher opens it from a
portal page on another origin. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from tests.ui.browser import (
    PHONE,
    ask,
    chromium_available,
    new_page,
    screenshot,
    visible_english,
    wait_final_answer,
)
from tests.ui.conftest import web_settings
from tests.ui.live_server import LiveServer, free_port
from tests.ui.test_browser import offsite_requests
from ui.web import create_app
from ui.web.widget import launcher_snippet

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian chromium not installed"),
]
PORTAL = Path(__file__).parent / "portal.html"
HONGQI = "新乡市红旗区财政局"


def _portal(html_body: str) -> Starlette:
    html = PORTAL.read_text(encoding="utf-8").replace("{snippet}", html_body)
    return Starlette(routes=[Route("/", lambda _: HTMLResponse(html))])


def _box_in_view(root: Any, height: float, top: float = 0) -> None:
    """The question box and 提问 are fully inside the frame's height (`top`: where the
    frame starts on the page; boxes are measured from the page's top)."""
    for selector in ("#question textarea", "#send"):
        box = root.locator(selector).bounding_box()
        assert box is not None, selector
        assert box["y"] >= top and box["y"] + box["height"] <= top + height + 1, (selector, box, top)


def test_widget_refuses_another_agency_and_fits_a_phone(chromium: Any, server: LiveServer) -> None:
    page = new_page(chromium, PHONE)
    page.goto(server.url + f"/widget/?agency={HONGQI}&year=2023")
    page.locator("#widget-scope").filter(has_text=HONGQI).wait_for()
    examples = page.locator("#chat .example")
    examples.first.wait_for()
    assert examples.count() == 3 and all("2023年" in t for t in examples.all_inner_texts())
    assert "您好" in page.locator("#chat").inner_text()
    screenshot(page, "widget-phone-welcome", full_page=False)
    examples.first.click()  # an example is asked at once
    first = wait_final_answer(page)
    assert "3 件" in first.inner_text()
    ask(page, "淮安市洪泽区人民政府2024年收到多少申请？")
    page.locator("#chat [data-testid='bot']").nth(1).locator(".a-elsewhere").wait_for()
    refusal = page.locator("#chat [data-testid='bot']").nth(1)
    assert f"本窗口只回答{HONGQI}2023年的年报问题" in refusal.inner_text()
    assert "95" not in refusal.inner_text() and refusal.locator(".cites").count() == 0
    link = refusal.locator(".a-elsewhere a")
    assert link.get_attribute("target") == "_blank" and (link.get_attribute("href") or "").startswith("/?q=")
    ask(page, "2023年有多少申请不予公开？")
    page.locator("#chat [data-testid='bot']").nth(2).locator(".cites").wait_for()
    _box_in_view(page, PHONE["height"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert visible_english(page) == []
    screenshot(page, "widget-phone-refused", full_page=False)
    with page.context.expect_page() as info:  # the full page opens with the question filled in
        link.click()
    full = info.value
    full.locator("#question textarea").wait_for()
    full.wait_for_function("document.querySelector('#question textarea').value.includes('洪泽区')")
    full.close()
    page.close()


@pytest.mark.parametrize(("width", "height"), [(360, 560), (420, 640)])
def test_widget_fits_the_iframe_sizes_a_portal_uses(chromium: Any, real_assistant: Any,
                                                   tmp_path: Path, width: int, height: int) -> None:
    portal_port, app_port = free_port(), free_port()
    app = create_app(real_assistant, web_settings(tmp_path, frame_ancestors=f"http://127.0.0.1:{portal_port}"))
    frame_html = (f'<iframe src="http://127.0.0.1:{app_port}/widget/?agency={HONGQI}" title="问答" '
                  f'width="{width}" height="{height}"></iframe>')
    with LiveServer(app, app_port), LiveServer(_portal(frame_html), portal_port) as portal:
        page = new_page(chromium)
        page.goto(portal.url + "/")
        frame = page.frame_locator("iframe")
        frame.locator("#chat .example").first.wait_for()
        for question in ("2023年收到了多少政府信息公开申请？", "2023年有多少申请不予公开？"):
            ask(page, question, frame=frame)
            wait_final_answer(frame)
        inner = page.frames[-1]
        frame_box = page.locator("iframe").bounding_box()
        assert frame_box is not None
        _box_in_view(inner, height, frame_box["y"])
        assert inner.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"widget-iframe-{width}x{height}", full_page=False)
        page.close()


def test_launcher_script_opens_the_widget_from_a_portal(chromium: Any, real_assistant: Any,
                                                        tmp_path: Path) -> None:
    portal_port, app_port = free_port(), free_port()
    app = create_app(real_assistant, web_settings(tmp_path, frame_ancestors=f"http://127.0.0.1:{portal_port}"))
    snippet = launcher_snippet(f"http://127.0.0.1:{app_port}", HONGQI, 2023)
    with LiveServer(app, app_port) as server, LiveServer(_portal(snippet), portal_port) as portal:
        page = new_page(chromium)
        offsite = offsite_requests(page, (server.url, portal.url))
        page.goto(portal.url + "/")
        button = page.get_by_role("button", name="年报问答")
        button.wait_for()
        screenshot(page, "launcher-closed", full_page=False)
        button.click()
        frame = page.frame_locator("iframe[title='年报问答']")
        frame.locator("#widget-scope").filter(has_text=HONGQI).wait_for()
        ask(page, "收到了多少政府信息公开申请？", frame=frame)
        assert "3 件" in wait_final_answer(frame).inner_text()
        screenshot(page, "launcher-open", full_page=False)
        page.keyboard.press("Escape")
        page.locator(".gdw-panel").wait_for(state="hidden")
        assert button.get_attribute("aria-expanded") == "false"
        page.set_viewport_size(PHONE)
        button.click()
        panel = page.locator(".gdw-panel").bounding_box()
        assert panel is not None and panel["width"] == PHONE["width"]  # full screen on a phone
        screenshot(page, "launcher-open-phone", full_page=False)
        page.close()
        assert offsite == []
