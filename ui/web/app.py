"""Build the one FastAPI app: API routes, /docs, staff login, then the Gradio pages
(/staff, /widget, and the chat page at /, mounted last because it catches every path)."""

from __future__ import annotations

from typing import Any

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from index.settings import Settings
from ui.web import api, source, views
from ui.web.assets import STATIC, STATIC_ROUTE, gradio_head
from ui.web.chat import TITLE, build_chat_page
from ui.web.context import WebContext
from ui.web.docs import install_docs
from ui.web.errors import install_error_handlers
from ui.web.headers import SecurityHeaders
from ui.web.limits import BodyLimitMiddleware, ConcurrencyLimit, PublicGradioGuard
from ui.web.service import AssistantLike
from ui.web.staff import build_staff_page
from ui.web.staff_auth import StaffGuard, install_staff_login
from ui.web.theme import make_theme
from ui.web.uploads import sweep_uploads
from ui.web.widget import build_widget_page


def _mount_options(head: str, max_file_size: str) -> dict[str, Any]:
    return {
        "theme": make_theme(), "head": head, "footer_links": [], "run_history": False,
        "ssr_mode": False, "pwa": False, "mcp_server": False, "show_error": True,
        "max_file_size": max_file_size, "enable_monitoring": False,
    }


UPLOAD_FILES_AT_ONCE = 5
PUBLIC_QUEUE_SIZE = 64  # Gradio's own queue on the public pages (chat events)
QUEUE_WAIT_SECONDS = 1.0  # longest wait for a free slot before 503 (settings.request_queue)


def _body_limit(ctx: WebContext) -> Any:
    def limit_for(path: str) -> int:
        if path.startswith("/api/staff/"):
            return ctx.max_upload_bytes * UPLOAD_FILES_AT_ONCE + 1024 * 1024
        return api.ASK_BODY_LIMIT
    return limit_for


def _body_message(ctx: WebContext) -> Any:
    def message_for(path: str, limit: int, declared: int | None) -> str:
        if not path.startswith("/api/staff/"):
            return f"请求内容过大：最多 {limit // 1024} KB。"
        sent = f"本次共 {declared / 1048576:.1f} MB，" if declared else ""
        return (f"上传内容过大：{sent}一次最多 {limit // 1048576} MB（每个文件最多 "
                f"{ctx.settings.max_upload_mb} MB，一次最多 {UPLOAD_FILES_AT_ONCE} 个）。请分几次上传。")
    return message_for


def _publicly_limited(path: str) -> bool:
    """Public API routes share the concurrency limit; health and staff routes do not."""
    return path.startswith("/api/") and not path.startswith(("/api/health", "/api/staff/"))


def _install_slash_redirects(app: FastAPI) -> None:
    """/widget?agency=… and /staff (as people type them) lead to the mounted pages."""
    for prefix in ("/widget", "/staff"):
        async def redirect(request: Request, prefix: str = prefix) -> RedirectResponse:
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"{prefix}/{query}", status_code=307)
        app.add_api_route(prefix, redirect, methods=["GET"], include_in_schema=False)


def create_app(assistant: AssistantLike, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.load()
    ctx = WebContext(assistant, settings)
    app = FastAPI(title=f"{TITLE} API", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description='政府信息公开工作年度报告问答接口。错误格式：{"error": {"code", "message"}}。')
    app.state.web = ctx
    sweep_uploads(settings.store_path)
    install_error_handlers(app)
    app.include_router(api.staff_router)
    app.include_router(source.router)  # before api.router: its last route catches /api/*
    app.include_router(views.router)  # /reports/… pages and /widget.js, before Gradio's "/"
    app.include_router(api.router)
    install_docs(app, TITLE)
    install_staff_login(app, ctx)
    _install_slash_redirects(app)
    app.mount(STATIC_ROUTE, StaticFiles(directory=STATIC), name="static")

    if ctx.staff_enabled:
        gr.mount_gradio_app(app, build_staff_page(ctx), "/staff",
                            **_mount_options(gradio_head("staff.css"), f"{settings.max_upload_mb}mb"))
    gr.mount_gradio_app(app, build_widget_page(ctx).queue(max_size=PUBLIC_QUEUE_SIZE), "/widget",
                        **_mount_options(gradio_head("widget.css"), "1kb"))
    gr.mount_gradio_app(app, build_chat_page(ctx).queue(max_size=PUBLIC_QUEUE_SIZE), "/",
                        **_mount_options(gradio_head(), "1kb"))

    # Outermost last: headers → concurrency → staff guard → public Gradio guard → body size.
    app.add_middleware(BodyLimitMiddleware, limit_for=_body_limit(ctx), message_for=_body_message(ctx))
    app.add_middleware(PublicGradioGuard, prefixes=("/widget", "/"),
                       skip=("/api/", "/staff", "/docs", "/openapi.json", "/static/"))
    app.add_middleware(StaffGuard, ctx=ctx)
    app.add_middleware(ConcurrencyLimit, limited=_publicly_limited, limit=settings.max_concurrent,
                       queue=settings.request_queue, max_wait=QUEUE_WAIT_SECONDS)
    app.add_middleware(SecurityHeaders, frame_ancestors=settings.frame_ancestors)
    return app
