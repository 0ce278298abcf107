"""Debian's chromium driven by Playwright (no browser download), and page helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("GOV_ASSISTANT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def screenshot(page: Any, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def visible_english(page: Any) -> list[str]:
    """Words in Latin letters a reader can see (text, tooltips, labels, placeholders),
    outside report quotes and code."""
    return page.evaluate(r"""() => {
      const out = new Set();
      const skip = 'code, pre, .cm-content, .cite-raw, .cite-source, style, script, svg';
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
        if (/[A-Za-z]{3,}/.test(text) && el && el.offsetParent !== null && !el.closest(skip))
          out.add(text.slice(0, 80));
      }
      for (const el of document.querySelectorAll('[title], [placeholder], [alt]')) {
        if (el.closest(skip)) continue;
        for (const a of ['title', 'placeholder', 'alt']) {
          const v = el.getAttribute(a);
          if (v && /[A-Za-z]{3,}/.test(v)) out.add(a + ': ' + v.slice(0, 80));
        }
      }
      return Array.from(out);
    }""")


def ask(page: Any, question: str, frame: Any = None) -> None:
    """Type a question into #question and submit it with Enter (keyboard only)."""
    root = frame or page
    box = root.locator("#question textarea, #question input").first
    box.click()
    box.fill(question)
    box.press("Enter")


def last_answer(root: Any) -> Any:
    return root.locator("#chat .message-row.bot-row, #chat [data-testid='bot']").last


def new_page(instance: Any, viewport: dict[str, int] = DESKTOP) -> Any:
    """A page as a reader in China sees it: Chinese locale (Gradio's own labels follow it)."""
    return instance.new_page(viewport=viewport, locale="zh-CN")


def wait_final_answer(root: Any, timeout: float = 60_000) -> Any:
    """The last answer bubble, once its citations are there and the turn has settled (the
    turn tools show after it is saved: no later update redraws the bubble under a click)."""
    answer = root.locator("#chat [data-testid='bot']").last
    answer.locator(".cites, .a-text").first.wait_for(timeout=timeout)
    root.locator("#chat [data-testid='bot'] .cites").last.wait_for(timeout=timeout)
    root.locator("#turn-tools").wait_for(state="visible", timeout=timeout)
    return answer


def answered(instance: Any, url: str, question: str,
             viewport: dict[str, int] = DESKTOP) -> tuple[Any, Any]:
    """A new page at `url` that asked `question`: (page, its answer bubble)."""
    page = new_page(instance, viewport)
    page.goto(url)
    ask(page, question)
    return page, wait_final_answer(page)


def open_new_tab(page: Any, link: Any) -> Any:
    """Click a link that opens a new tab; return that tab, loaded."""
    with page.context.expect_page() as info:
        link.click()
    tab = info.value
    tab.wait_for_load_state()
    return tab
