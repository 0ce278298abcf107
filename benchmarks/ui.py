"""Benchmark of the chat page in Debian's chromium, with the offline composer.

    .venv/bin/python benchmarks/ui.py [--store DIR] [--runs 5]

Prints the median time from navigation to an interactive page (question box enabled and the
scope pickers filled), and from pressing Enter to the first answer text on screen (and to the
complete answer with its citations); the same for the widget pinned to an agency (its example
questions on screen). Floor: interactive ≤ 2 s, first answer ≤ 1 s.
Without --store the bundled sample reports are ingested into a temporary store first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from typing import Any

from _common import CORPUS, ROOT, offline_models  # first: takes benchmarks/ off sys.path

offline_models()

from index.settings import Settings  # noqa: E402
from tests.ui.browser import ask, browser, new_page  # noqa: E402
from tests.ui.live_server import LiveServer  # noqa: E402
from ui.cli.serve_cmd import ingest_missing  # noqa: E402
from ui.web import create_app  # noqa: E402

TEST_MODELS = ROOT / ".data" / "test-models"
QUESTIONS = (
    "红旗区财政局2023年收到了多少政府信息公开申请？",
    "洪泽区人民政府2024年有多少申请不予公开？",
    "红旗区财政局2023年行政诉讼有几件？",
)
FLOOR_INTERACTIVE, FLOOR_FIRST_ANSWER = 2.0, 1.0
THINKING = "正在查找报告"


def open_assistant(store: str | None) -> Any:
    from assistant.assistant import Assistant

    overrides: dict[str, Any] = {"store": store or tempfile.mkdtemp(prefix="ui-bench-"),
                                 "llm_base_url": ""}
    if not os.environ.get("GOV_ASSISTANT_MODEL_DIR") and TEST_MODELS.is_dir():
        overrides["model_dir"] = str(TEST_MODELS)
    settings = Settings.load(**overrides)
    assistant = Assistant.open(settings)
    if store is None:
        ingest_missing(assistant, [CORPUS])
    return assistant, settings


def time_interactive(instance: Any, url: str) -> float:
    context = instance.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.locator("#question textarea").wait_for(state="visible")
    page.wait_for_function("document.querySelector('#question textarea') && "
                           "!document.querySelector('#question textarea').disabled")
    page.locator("#pick-agency input").click()  # pickers filled by the page's load event
    page.get_by_role("option").nth(1).wait_for()
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def time_widget(instance: Any, url: str) -> float:
    context = instance.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.locator("#chat .example").first.wait_for()  # greeting and examples for the agency
    page.wait_for_function("document.querySelector('#question textarea') && "
                           "!document.querySelector('#question textarea').disabled")
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def time_answer(page: Any, question: str) -> tuple[float, float]:
    bots = page.locator("#chat [data-testid='bot']")
    before = bots.count()
    start = time.perf_counter()
    ask(page, question)
    page.wait_for_function(
        "([n, thinking]) => { const b = document.querySelectorAll(\"#chat [data-testid='bot']\");"
        " return b.length > n && /\\d/.test(b[b.length-1].innerText) && "
        "!b[b.length-1].innerText.includes(thinking); }", arg=[before, THINKING])
    first = time.perf_counter() - start
    page.wait_for_function(
        "(n) => { const b = document.querySelectorAll(\"#chat [data-testid='bot']\");"
        " return b.length > n && b[b.length-1].querySelector('.cites') !== null; }", arg=before)
    return first, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="existing data directory with reports (default: temp + samples)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    assistant, settings = open_assistant(args.store)
    app = create_app(assistant, settings)
    with LiveServer(app) as server, browser() as instance:
        time_interactive(instance, server.url + "/")  # warm-up: server caches, first compile
        loads = [time_interactive(instance, server.url + "/") for _ in range(args.runs)]
        widget_url = server.url + "/widget/?agency=新乡市红旗区财政局"
        time_widget(instance, widget_url)  # warm-up
        widgets = [time_widget(instance, widget_url) for _ in range(args.runs)]
        page = new_page(instance)
        page.goto(server.url + "/")
        page.locator("#question textarea").wait_for()
        time_answer(page, QUESTIONS[0])  # warm-up: first query loads the model
        answers = [time_answer(page, QUESTIONS[i % len(QUESTIONS)]) for i in range(args.runs)]
    interactive = statistics.median(loads)
    first = statistics.median(a[0] for a in answers)
    full = statistics.median(a[1] for a in answers)
    ok = interactive <= FLOOR_INTERACTIVE and first <= FLOOR_FIRST_ANSWER
    print(f"page interactive: {interactive:.2f} s median of {args.runs} loads "
          f"(floor ≤ {FLOOR_INTERACTIVE:.0f} s) {'OK' if interactive <= FLOOR_INTERACTIVE else 'SLOW'}")
    print(f"first answer visible: {first:.2f} s after submit, median of {args.runs} questions "
          f"(floor ≤ {FLOOR_FIRST_ANSWER:.0f} s) {'OK' if first <= FLOOR_FIRST_ANSWER else 'SLOW'}")
    print(f"complete answer with citations: {full:.2f} s after submit (median)")
    print(f"widget interactive (pinned, examples shown): {statistics.median(widgets):.2f} s "
          f"median of {args.runs} loads")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
