"""End to end in Debian's chromium (Playwright, no browser download): the chat page, the
widget inside a portal page on another origin, the staff login, hostile report text.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
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
    last_answer,
    new_page,
    screenshot,
    wait_final_answer,
)
from tests.ui.conftest import STAFF_TOKEN, web_settings
from tests.ui.fake_assistant import FakeAssistant
from tests.ui.live_server import LiveServer, free_port
from ui.web import create_app
from ui.web.widget import widget_snippet

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian chromium not installed"),
]
PORTAL = Path(__file__).parent / "portal.html"
QUESTION = "红旗区财政局2023年收到了多少政府信息公开申请？"
AGENCY = "新乡市红旗区财政局"


def offsite_requests(page: Any, origins: tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url)
            if not r.url.startswith(origins + ("data:", "blob:")) else None)
    return seen


def test_chat_page_answers_with_the_figure_and_a_citation(chromium: Any, real_app: Any) -> None:
    with LiveServer(real_app) as server:
        page = new_page(chromium)
        offsite = offsite_requests(page, (server.url,))
        page.goto(server.url + "/")
        ask(page, QUESTION)
        answer = wait_final_answer(page)
        text = answer.inner_text()
        assert "3" in text and "[1]" in text
        summary = answer.locator("details.cite summary").first
        summary.focus()
        page.keyboard.press("Enter")  # keyboard opens the citation
        cited = answer.locator("details.cite[open] .cc.cited").first
        cited.wait_for()
        assert cited.inner_text().split() == ["总计", "3"]
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.a-text p')).fontSize)")
        assert size >= 18
        screenshot(page, "chat-desktop")
        page.get_by_text("这个回答有帮助吗？").click()
        page.locator("#feedback-comment textarea").fill("很清楚")
        page.locator("#feedback-up").click()
        page.locator("#feedback-status").filter(has_text="感谢").wait_for()
        stored = real_app.state.web.feedback.read()[0]
        assert stored["rating"] == "up" and stored["comment"] == "很清楚" and QUESTION == stored["question"]
        page.set_viewport_size(PHONE)
        screenshot(page, "chat-phone")
        page.close()
        assert offsite == []


def test_closest_figures_are_buttons_that_ask_them(chromium: Any, real_app: Any) -> None:
    """Something the reports do not record: no figure, and the closest figures they do have
    offered as buttons; a click asks that question and answers it with a citation."""
    with LiveServer(real_app) as server:
        page = new_page(chromium, PHONE)
        page.goto(server.url + "/")
        ask(page, "红旗区财政局2023年处理一件申请一般要等几天？")
        buttons = page.locator("#chat .options button.option")
        buttons.first.wait_for(timeout=60_000)
        refusal = last_answer(page).inner_text()
        assert "不统计" in refusal and not re.search(r"\d+\s*件", refusal)
        offered = buttons.first.inner_text()
        assert offered.startswith(AGENCY) and offered.endswith("是多少？")
        screenshot(page, "chat-options-phone")
        buttons.first.click()
        page.locator("#chat [data-testid='user']").filter(has_text=offered).wait_for()
        page.locator("#chat [data-testid='bot'] .cites").first.wait_for(timeout=60_000)
        answer = last_answer(page).inner_text()
        assert AGENCY in answer and re.search(r"\d+\s*件", answer) and "[1]" in answer
        assert page.locator("#chat .options button.option").count() == 0
        page.close()


def test_report_tab_shows_the_tables(chromium: Any, real_app: Any) -> None:
    with LiveServer(real_app) as server:
        page = new_page(chromium)
        page.goto(server.url + "/")
        page.get_by_role("tab", name="报告").click()
        picker = page.locator("#pick-report input")
        picker.click()
        page.get_by_role("option", name=f"2023年 {AGENCY}").click()
        grid = page.locator("#report-view .report-grid")
        grid.wait_for()
        assert "本年新收政府信息公开申请数量" in grid.inner_text()
        screenshot(page, "report-tab")
        picker.click()
        page.get_by_role("option", name="2023年 淮安市洪泽区人民政府").click()
        page.locator("#report-view li.failed").first.wait_for()
        assert page.locator("#report-view td.failed").count() >= 1  # the cells of a failed check
        page.locator("#report-view td.failed").first.scroll_into_view_if_needed()
        screenshot(page, "report-tab-failed-checks")
        page.close()


def _portal_app(snippet: str) -> Starlette:
    html = PORTAL.read_text(encoding="utf-8").replace("{snippet}", snippet)
    return Starlette(routes=[Route("/", lambda _: HTMLResponse(html))])


def test_widget_in_a_portal_iframe_answers_in_its_pinned_scope(chromium: Any, real_assistant: Any,
                                                               tmp_path: Path) -> None:
    portal_port, app_port = free_port(), free_port()
    portal_origin = f"http://127.0.0.1:{portal_port}"
    app = create_app(real_assistant, web_settings(tmp_path, frame_ancestors=f"'self' {portal_origin}"))
    snippet = widget_snippet(f"http://127.0.0.1:{app_port}", AGENCY, 2023)
    with LiveServer(app, app_port) as server, LiveServer(_portal_app(snippet), portal_port) as portal:
        page = new_page(chromium)
        offsite = offsite_requests(page, (server.url, portal.url))
        page.goto(portal.url + "/")
        frame = page.frame_locator("iframe")
        frame.locator("#widget-scope").filter(has_text=AGENCY).wait_for()
        ask(page, "收到了多少政府信息公开申请？", frame=frame)
        answer = wait_final_answer(frame)
        assert "3" in answer.inner_text()
        screenshot(page, "widget-in-portal")
        page.close()
        assert offsite == []


def test_widget_refuses_portals_not_in_frame_ancestors(chromium: Any, tmp_path: Path) -> None:
    app = create_app(FakeAssistant(), web_settings(tmp_path))  # frame_ancestors: 'self'
    with LiveServer(app) as server:
        snippet = widget_snippet(server.url)
        with LiveServer(_portal_app(snippet)) as portal:
            page = new_page(chromium)
            page.goto(portal.url + "/")
            page.wait_for_timeout(1500)
            frame = page.frames[-1]
            assert frame is not page.main_frame
            assert frame.locator("#question").count() == 0  # the browser blocked it
            page.close()


def test_staff_area_refuses_without_the_password(chromium: Any, tmp_path: Path) -> None:
    app = create_app(FakeAssistant(), web_settings(tmp_path))
    with LiveServer(app) as server:
        page = new_page(chromium)
        page.goto(server.url + "/staff/")
        assert page.url.endswith("/staff/login")
        page.fill("#token", "wrong-password")
        page.keyboard.press("Enter")
        page.get_by_text("口令不正确").wait_for()
        screenshot(page, "staff-refused")
        assert page.evaluate("fetch('/staff/config').then(r => r.status)") == 401
        page.fill("#token", STAFF_TOKEN)
        page.keyboard.press("Enter")
        page.get_by_text("上传并收录").wait_for()
        report = tmp_path / "2024-红旗区.txt"
        report.write_text("红旗区财政局 2024 年政府信息公开工作年度报告", encoding="utf-8")
        page.locator("#upload-files input[type=file]").set_input_files(str(report))
        page.locator("#upload-go").click()
        page.locator("#upload-results").filter(has_text="已收录").wait_for()
        assert "测试警告" in page.locator("#upload-results").inner_text()
        screenshot(page, "staff-page")
        page.get_by_role("tab", name="网站嵌入代码").click()
        page.get_by_text("<iframe").first.wait_for()
        assert f"{server.url}/widget/" in page.locator("#snippet-iframe .cm-content").inner_text()
        assert f'<script src="{server.url}/widget.js" async></script>' in \
            page.locator("#snippet-launcher .cm-content").inner_text()
        page.close()


def test_hostile_report_text_renders_inert(chromium: Any, tmp_path: Path) -> None:
    app = create_app(FakeAssistant(), web_settings(tmp_path))
    with LiveServer(app) as server:
        page = new_page(chromium)
        page.goto(server.url + "/")
        ask(page, "<img src=x onerror=\"window.__xss=3\">收到多少申请？")
        answer = wait_final_answer(page)
        answer.locator("details.cite summary .cite-n").first.click()  # not its 「查看原文」 link
        quote = answer.locator(".cite-raw code").first
        quote.wait_for()
        assert "<script>" in quote.inner_text() and "onerror" in quote.inner_text()
        assert page.locator("#chat img[src='x']").count() == 0
        page.get_by_role("tab", name="报告").click()
        page.locator("#pick-report input").click()
        page.get_by_role("option", name=f"2023年 {AGENCY}").click()
        page.locator("#report-view td.failed").first.wait_for()
        page.wait_for_timeout(500)
        assert page.evaluate("window.__xss === undefined")
        screenshot(page, "hostile-report-inert")
        page.close()


def test_thumbs_in_the_chat_store_feedback(chromium: Any, tmp_path: Path) -> None:
    app = create_app(FakeAssistant(), web_settings(tmp_path))
    with LiveServer(app) as server:
        page = new_page(chromium)
        page.goto(server.url + "/")
        ask(page, "收到多少申请？")
        wait_final_answer(page)
        page.locator("#chat button[aria-label='踩']").last.click()  # Gradio's zh-CN label
        page.locator("#feedback-status").filter(has_text="已记录").wait_for()
        stored = app.state.web.feedback.read()
        assert stored[0]["rating"] == "down" and stored[0]["question"] == "收到多少申请？"
        page.close()


def test_widget_on_a_phone_pins_its_scope(chromium: Any, tmp_path: Path) -> None:
    fake = FakeAssistant()
    app = create_app(fake, web_settings(tmp_path))
    with LiveServer(app) as server:
        page = new_page(chromium, PHONE)
        page.goto(server.url + f"/widget/?agency={AGENCY}&year=2023")
        page.locator("#widget-scope").filter(has_text=AGENCY).wait_for()
        ask(page, "收到多少申请？")
        wait_final_answer(page)
        assert (fake.asked[-1][2].agency, fake.asked[-1][2].year) == (AGENCY, 2023)
        screenshot(page, "widget-phone")
        page.close()
