"""The Content-Security-Policy in Debian's chromium: every page works under it (no violation
while asking, drawing a chart, logging in and uploading), and markup injected into a page
cannot run script."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ui.browser import ask, browser, chromium_available, new_page
from tests.ui.conftest import STAFF_TOKEN, web_settings
from tests.ui.fake_assistant import FakeAssistant
from tests.ui.live_server import LiveServer
from ui.web import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian chromium not installed"),
]
WATCH = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
         "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as instance:
        yield instance


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with LiveServer(create_app(FakeAssistant(), web_settings(tmp_path))) as live:
        yield live


def watched_page(chromium: Any, url: str) -> Any:
    page = new_page(chromium)
    page.add_init_script(WATCH)
    page.goto(url)
    return page


@pytest.mark.parametrize("path", ["/", "/widget/"])
def test_public_pages_work_under_the_policy(chromium: Any, server: LiveServer, path: str) -> None:
    page = watched_page(chromium, server.url + path)
    ask(page, "收到多少申请的趋势？")  # the fake answers with a series: the chart is drawn
    page.locator("#chat [data-testid='bot'] .cites").last.wait_for(timeout=30_000)
    page.locator("#chat figure.chart").first.wait_for()  # drawn in the answer (ui.web.charts)
    if path == "/widget/":
        assert "查询范围" in page.locator("#widget-scope").inner_text()  # a gr.HTML rendered
    assert page.evaluate("window.__csp") == []
    page.close()


def test_staff_login_and_upload_work_under_the_policy(chromium: Any, server: LiveServer, tmp_path: Path) -> None:
    page = watched_page(chromium, server.url + "/staff/login")
    page.fill("#token", STAFF_TOKEN)
    page.keyboard.press("Enter")
    report = tmp_path / "2024-红旗区.txt"
    report.write_text("红旗区财政局 2024 年政府信息公开工作年度报告", encoding="utf-8")
    page.locator("#upload-files input[type=file]").set_input_files(str(report))
    page.locator("#upload-go").click()
    page.locator("#upload-results").filter(has_text="已收录").wait_for()
    assert page.evaluate("window.__csp") == []
    page.close()


def test_injected_markup_cannot_run_script(chromium: Any, server: LiveServer) -> None:
    page = watched_page(chromium, server.url + "/")
    page.locator("#question textarea").wait_for()
    page.evaluate("""() => {
        document.body.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__pwned = 1">');
        const s = document.createElement('script');
        s.textContent = 'window.__pwned = 2';
        document.body.append(s);
        const remote = document.createElement('script');
        remote.src = 'https://example.invalid/x.js';
        document.body.append(remote);
    }""")
    page.wait_for_function("window.__csp.length >= 3")
    assert page.evaluate("window.__pwned") is None
    blocked = " ".join(page.evaluate("window.__csp"))
    assert "script-src" in blocked
    page.close()
