"""Pages for checking a citation, rendered by the server (no Gradio, no script):

    GET /reports/{id}?cell=三.row.column   the report's parsed tables, that cell highlighted
    GET /reports/{id}/source?line=N&mark=…  the report's file as readable text, line N
                                            highlighted (ui.web.source_view), sandboxed; a PDF
                                            goes to its own file (?page=N: at that page)
    GET /widget.js                          the one-line launcher for portal pages

Citations link here (assistant.links). A report or a kept file that does not exist is an
HTML page saying so (these are pages people open, not API calls).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, RedirectResponse, Response

from assistant.links import (
    REPORT_VIEW_ROUTE,
    SOURCE_VIEW_ROUTE,
    report_view_url,
    source_url,
)
from index.errors import AssistantError, NotFoundError
from ui.web.assets import STATIC
from ui.web.context import WebContext
from ui.web.pages import error_page, page_response
from ui.web.report_view import cited_cell_note, has_source, report_html
from ui.web.safe import esc
from ui.web.source_view import Target, source_page_body

router = APIRouter(include_in_schema=False)
NO_SOURCE = "这份报告没有保存原文文件，无法显示原文。"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _entry(ctx: WebContext, report_id: str) -> Any:
    for entry in ctx.assistant.reports():
        if entry.report_id == report_id:
            return entry
    raise NotFoundError(f"没有这份报告：{report_id}")


def _back() -> str:
    return '<a href="/">返回问答页</a>'


@router.get(SOURCE_VIEW_ROUTE.replace("{report_id}", "{report_id:path}"))
async def source_view(report_id: str, request: Request) -> Response:
    ctx: WebContext = request.app.state.web
    reader = getattr(ctx.assistant, "source_document", None)
    params = request.query_params
    try:
        entry = await run_in_threadpool(_entry, ctx, report_id)
        if (entry.source_name or "").lower().endswith(".pdf"):  # the browser's viewer, at the page
            return RedirectResponse(source_url(report_id, _int(params.get("page"))), status_code=303)
        if not callable(reader):
            raise NotFoundError(NO_SOURCE)
        document = await run_in_threadpool(reader, report_id)
    except NotFoundError as exc:
        return error_page(404, str(exc))
    except AssistantError:
        return error_page(404, NO_SOURCE)
    target = Target(line=_int(params.get("line")), page=_int(params.get("page")),
                    mark=(params.get("mark") or "")[:120])
    meta = f"机关：{esc(entry.agency)}　年度：{entry.year}　文件：{esc(entry.source_name)}"
    links = (f'{_back()}　<a href="{esc(report_view_url(report_id))}">查看解析出的表格</a>'
             f'　<a href="{esc(source_url(report_id))}">打开原文件</a>')
    body = source_page_body(document, target, title=entry.title or f"{entry.year}年 {entry.agency}",
                            meta=meta, links=links)
    return page_response(f"{entry.year}年 {entry.agency} · 原文", body, sandbox=True,
                         body_class="source-view")


@router.get(REPORT_VIEW_ROUTE.replace("{report_id}", "{report_id:path}"))
async def report_view(report_id: str, request: Request) -> Response:
    ctx: WebContext = request.app.state.web
    try:
        report = await run_in_threadpool(ctx.assistant.report, report_id)
    except NotFoundError as exc:
        return error_page(404, str(exc))
    kept = await run_in_threadpool(has_source, ctx, report_id)
    cited = (request.query_params.get("cell") or "")[:200]
    note = cited_cell_note(report, cited) if cited else ""
    banner = f'<p class="cell-note" role="note">{esc(note)}</p>' if note else ""
    body = (f'<header class="page-head"><p class="links">{_back()}</p></header>{banner}'
            f"<main>{report_html(report, kept, cited)}</main>")
    return page_response(f"{report.year}年 {report.agency} · 表格", body, body_class="report-view")


@router.get("/widget.js")
async def widget_launcher() -> Response:
    path: Path = STATIC / "widget.js"
    return FileResponse(path, media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=3600",
                                 "X-Content-Type-Options": "nosniff"})
