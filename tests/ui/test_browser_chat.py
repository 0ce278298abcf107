"""The chat page's behaviour end to end in Debian's chromium, over the fake assistant (what
is tested is the page, not the answers): errors stay under the box with the text and the
conversation kept, focus passing the pickers changes nothing, the conversation survives a
reload, the last question can be asked again or edited, and the staff area's delete and
feedback. Screenshots go to test-artifacts/."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.ui.browser import (
    PHONE,
    ask,
    chromium_available,
    new_page,
    screenshot,
    visible_english,
    wait_final_answer,
)
from assistant.models import Scope
from tests.ui.conftest import STAFF_TOKEN, web_settings
from tests.ui.fake_assistant import FakeAssistant
from tests.ui.live_server import LiveServer
from ui.web import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian chromium not installed"),
]
BOTS = "#chat [data-testid='bot']"


def wait_until(page: Any, condition: Any, timeout_ms: int = 30_000) -> None:
    """Wait for a condition on the server side (e.g. the assistant was asked)."""
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("condition not met in time")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[LiveServer, FakeAssistant, Any]]:
    fake = FakeAssistant()
    app = create_app(fake, web_settings(tmp_path, max_question_chars=40))
    with LiveServer(app) as server:
        yield server, fake, app


def test_errors_stay_under_the_box_with_the_text_and_the_chat_kept(
        chromium: Any, site: tuple[LiveServer, FakeAssistant, Any], caplog: pytest.LogCaptureFixture) -> None:
    server, fake, _ = site
    caplog.set_level(logging.INFO)
    page = new_page(chromium)
    page.goto(server.url + "/")
    ask(page, "收到多少申请？")
    answer_text = wait_final_answer(page).inner_text()
    box = page.locator("#question textarea")
    long_question = "请问" * 25  # 50 characters, the limit is 40
    box.fill(long_question)
    page.locator("#q-count.over").wait_for()
    assert page.locator("#q-count").inner_text() == "50 / 40 字，超出 10 字"
    box.press("Enter")
    error = page.locator("#q-error")
    error.filter(has_text="问题太长了").wait_for()
    assert error.inner_text() == "问题太长了：50 个字，最多 40 个字。请删减 10 个字后再问。"
    assert box.input_value() == long_question  # the typed text stays
    assert page.locator(BOTS).count() == 1 and page.locator(BOTS).first.inner_text() == answer_text
    assert page.get_by_text("错误", exact=True).count() == 0  # no overlay over the chat
    assert page.locator(".toast-wrap .toast-body, [data-testid='toast-body']").count() == 0
    assert visible_english(page) == []
    screenshot(page, "error-inline")
    page.set_viewport_size(PHONE)
    page.locator("#q-help").scroll_into_view_if_needed()
    screenshot(page, "error-inline-phone", full_page=False)
    box.fill("")
    page.locator("#send").click()
    error.filter(has_text="请先输入问题").wait_for()
    box.fill("收到多少申请？")  # typing clears the stale message
    page.wait_for_function("document.getElementById('q-error').textContent === ''")
    assert len(fake.asked) == 1  # nothing reached the assistant
    refused = [r for r in caplog.records if r.getMessage().startswith("question refused")]
    assert len(refused) == 2 and all(r.exc_info is None for r in refused)
    assert not [r for r in caplog.records if r.exc_info]  # no traceback for a person's input
    page.close()


def test_tabbing_through_the_pickers_leaves_the_chat_intact(
        chromium: Any, site: tuple[LiveServer, FakeAssistant, Any]) -> None:
    server, fake, _ = site
    page = new_page(chromium)
    page.goto(server.url + "/")
    ask(page, "收到多少申请？")
    before = wait_final_answer(page).inner_text()
    page.locator("#pick-agency input").focus()
    page.locator("#pick-agency .options").wait_for()  # the list opens on focus …
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.wait_for_timeout(800)
    assert page.locator(".options:visible").count() == 0  # … and closes when focus leaves
    assert page.locator(BOTS).count() == 1 and page.locator(BOTS).first.inner_text() == before
    assert page.locator("#pick-agency input").input_value() == "全部机关"
    screenshot(page, "pickers-tabbed")
    page.locator("#pick-year input").click()  # choosing a value does change the scope
    page.get_by_role("option", name="2023").click()
    page.locator(".scope-note").filter(has_text="2023年").wait_for()
    assert page.locator(BOTS).first.inner_text() == before  # earlier answers stay on screen
    ask(page, "收到多少申请？")
    page.locator(BOTS).nth(2).locator(".cites").wait_for()
    _, history, scope = fake.asked[-1]
    assert scope.year == 2023 and history == ()  # a new scope starts a new context
    page.close()


def test_the_conversation_survives_a_reload_and_the_last_turn_can_be_redone(
        chromium: Any, site: tuple[LiveServer, FakeAssistant, Any]) -> None:
    server, fake, _ = site
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "/")
    ask(page, "收到多少申请？")
    wait_final_answer(page)
    page.locator("#turn-tools").wait_for()
    page.wait_for_timeout(500)  # saved after the answer
    page.reload()
    page.locator(BOTS).first.locator(".cites").wait_for()
    assert page.locator("#chat [data-testid='user']").all_inner_texts() == ["收到多少申请？"]
    page.locator("#retry").click()  # 重新回答: the same question again, one turn on screen
    wait_until(page, lambda: len(fake.asked) == 2)
    page.locator(BOTS).first.locator(".cites").wait_for()
    assert fake.asked[-1][0] == "收到多少申请？"
    assert page.locator(BOTS).count() == 1
    page.locator("#edit").click()  # 修改问题: the question back in the box, the turn gone
    page.wait_for_function("document.querySelector('#question textarea').value === '收到多少申请？'")
    assert page.locator(BOTS).count() == 0
    box = page.locator("#question textarea")
    box.fill("收到多少申请？请按企业分")
    box.press("Enter")
    wait_final_answer(page)
    assert fake.asked[-1][1] == ()  # the edited question replaces the old one: no history
    screenshot(page, "conversation-redone")
    context.close()


def test_one_rating_with_a_comment_is_one_row_in_local_time_and_delete_needs_confirm(
        chromium: Any, site: tuple[LiveServer, FakeAssistant, Any]) -> None:
    server, fake, app = site
    page = new_page(chromium)
    page.goto(server.url + "/")
    ask(page, "收到多少申请？")
    wait_final_answer(page)
    page.locator("#chat button[aria-label='踩']").last.click()  # 👎 on the answer …
    page.locator("#feedback-status").filter(has_text="已记录").wait_for()
    page.locator("#feedback-comment textarea").fill("数字和原文对不上")  # … then a comment
    page.locator("#feedback-down").click()
    page.locator("#feedback-status").filter(has_text="已记录").wait_for()
    page.wait_for_timeout(300)
    stored = app.state.web.feedback.read()
    assert len(stored) == 1 and stored[0]["rating"] == "down" and stored[0]["comment"] == "数字和原文对不上"

    page.goto(server.url + "/staff/login")
    assert page.evaluate("getComputedStyle(document.querySelector('.login button')).backgroundColor") \
        == "rgb(185, 28, 28)"  # the login page has the site's look
    screenshot(page, "staff-login", full_page=False)
    page.fill("#token", STAFF_TOKEN)
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="读者反馈").click()
    table = page.locator("#feedback-table")
    page.wait_for_function("document.querySelector('#feedback-table').innerText.includes('数字和原文对不上')")
    assert table.locator("tbody tr").count() == 1  # one row, not two
    shown = datetime.now(UTC).astimezone(timezone(timedelta(hours=8))).strftime("%Y-%m-%d %H:")
    assert shown in table.inner_text() and "Asia/Shanghai" in table.inner_text()
    screenshot(page, "staff-feedback")

    page.get_by_role("tab", name="已收录的报告").click()
    victim = page.locator("#remove-victim input")
    victim.click()
    page.get_by_role("option", name="2022-新乡市红旗区财政局").click()
    page.locator("#remove-go").click()  # 删除 without 确认
    page.locator("#remove-status").filter(has_text="请勾选").wait_for()
    assert victim.input_value() == "2022-新乡市红旗区财政局"  # the choice stays
    assert [e.year for e in fake.entries] == [2022, 2023]
    page.locator("#remove-confirm input").check()
    page.locator("#remove-go").click()
    page.locator("#remove-status").filter(has_text="已删除").wait_for()
    assert [e.year for e in fake.entries] == [2023]
    assert not page.locator("#remove-confirm input").is_checked()  # 确认 unticked again
    screenshot(page, "staff-removed")
    page.close()


def test_the_widgets_link_opens_the_full_page_in_its_scope(
        chromium: Any, site: tuple[LiveServer, FakeAssistant, Any]) -> None:
    server, fake, _ = site
    page = new_page(chromium)
    page.goto(server.url + "/?agency=红旗区财政局&year=2023&q=收到多少申请？")  # a short name
    page.locator("#pick-agency input").wait_for()
    page.wait_for_function("document.querySelector('#pick-agency input').value === '新乡市红旗区财政局'")
    assert page.locator("#pick-year input").input_value() == "2023"
    assert page.locator("#question textarea").input_value() == "收到多少申请？"
    page.locator("#question textarea").press("Enter")
    wait_final_answer(page)
    scope = fake.asked[-1][2]
    assert (scope.agency, scope.year, scope.strict) == ("新乡市红旗区财政局", 2023, False)  # a default, not a pin
    page.close()


class _SlowAssistant(FakeAssistant):
    """Takes its time over a question, so the next one is sent while it streams."""

    def stream_answer(self, question: str, history: Any = (), scope: Scope = Scope()) -> Any:
        time.sleep(2.0 if "慢" in question else 0.0)
        yield from super().stream_answer(question, history, scope)


def test_a_question_sent_while_an_answer_streams_is_asked_after_it(
        chromium: Any, tmp_path: Path) -> None:
    slow = _SlowAssistant()
    with LiveServer(create_app(slow, web_settings(tmp_path))) as server:
        page = new_page(chromium)
        page.goto(server.url + "/")
        ask(page, "慢慢查：收到多少申请？")
        box = page.locator("#question textarea").first
        page.wait_for_function("() => document.querySelector('#question textarea').value === ''")
        ask(page, "企业呢？")  # Enter while the first answer is still being looked up
        page.locator("#chat [data-testid='user']").nth(1).wait_for(timeout=30_000)
        wait_until(page, lambda: len(slow.asked) == 2)
        assert [q for q, _, _ in slow.asked] == ["慢慢查：收到多少申请？", "企业呢？"]
        assert slow.asked[1][1][0].content == "慢慢查：收到多少申请？"  # asked with the first turn
        assert box.input_value() == ""
        page.close()
