"""`serve`: the chat page, widget, staff area and HTTP API on one address.

    python -m assistant serve [--host H] [--port P] [--store DIR] [--ingest PATH …]

`--ingest` adds reports (files or folders) that are not in the library yet, so one
command on a fresh machine brings the page up with the bundled samples indexed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from index.errors import AssistantError
from index.intake import check_report_file
from index.settings import Settings
from ui.cli import add_store_option, describe

REPORT_SUFFIXES = (".pdf", ".html", ".htm", ".txt", ".md", ".docx")
# Idle keep-alive connections are kept longer than clients keep them (httpx and Node: 5 s,
# aiohttp: 15 s): with uvicorn's default of 5 s the server closed a connection at the very
# moment a client reused it, and that request was lost (a reset under load).
KEEP_ALIVE_SECONDS = 75


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """How `serve` runs uvicorn (tests and benchmarks serve the app the same way)."""
    return {"host": settings.host, "port": settings.port, "log_level": "warning",
            "timeout_keep_alive": KEEP_ALIVE_SECONDS, "timeout_graceful_shutdown": 10,
            "proxy_headers": True, "forwarded_allow_ips": "127.0.0.1"}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "serve", help="启动问答网页、嵌入组件和 HTTP 接口 / run the web app",
        description="启动问答网页（/）、嵌入组件（/widget）、工作人员区（/staff）和 HTTP 接口"
                    "（/api，文档 /docs）。")
    parser.add_argument("--host", default=None,
                        help="listen address (default: $GOV_ASSISTANT_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default: $GOV_ASSISTANT_PORT or 7860)")
    add_store_option(parser)
    parser.add_argument("--ingest", nargs="+", default=(), metavar="PATH",
                        help="report files or folders to add before serving when not yet in the library")
    parser.set_defaults(func=run)


def report_files(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            print(f"跳过：找不到 {path}", file=sys.stderr)
    return found


def ingest_missing(assistant: Any, paths: Iterable[str | Path]) -> int:
    """Ingest the files whose content is not in the catalog yet; returns how many were added."""
    entries = assistant.reports()
    known = {e.content_hash for e in entries} | {e.source_name for e in entries}
    added = 0
    max_bytes = int(getattr(getattr(assistant, "settings", None), "max_upload_mb", 20)) * 1024 * 1024
    for path in report_files(paths):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in known or path.name in known:
            continue
        try:
            check_report_file(path, max_bytes=max_bytes)
            result = assistant.ingest(path)
        except AssistantError as exc:
            print(f"未收录 {path.name}：{exc.message}", file=sys.stderr)
            continue
        added += 1
        print(f"已收录 {path.name}：{result.entry.year}年 {result.entry.agency}", flush=True)
    return added


def _shown_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.assistant import Assistant
    from ui.web import create_app

    settings = Settings.load(store=args.store, host=args.host, port=args.port)
    assistant = Assistant.open(settings)
    if args.ingest:
        ingest_missing(assistant, args.ingest)
    print("正在加载报告和检索模型… / warming up", flush=True)
    try:
        assistant.warm_up()
    except Exception as exc:  # noqa: BLE001 - one damaged report must not keep the rest offline
        print(f"警告 / warning: 预加载未完成：{describe(exc)}（其余报告照常服务；受损的报告见工作人员区）",
              file=sys.stderr, flush=True)
    app = create_app(assistant, settings)
    url = f"http://{_shown_host(settings.host)}:{settings.port}/"
    print(f"问答页面已启动 / serving at: {url}", flush=True)
    print(f"  嵌入组件 /widget：{url}widget/   接口文档 /docs：{url}docs", flush=True)
    if settings.staff_token:
        print(f"  工作人员区 / staff: {url}staff/", flush=True)
    else:
        print("  工作人员区未启用（设置 GOV_ASSISTANT_STAFF_TOKEN 启用）", flush=True)
    uvicorn.run(app, **uvicorn_options(settings))
    return 0
