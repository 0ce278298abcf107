"""Guard of the staff area (/staff…): a login form, a session cookie, and a middleware
that refuses every other /staff request without it. Off entirely when staff_token is empty.

The cookie holds an HMAC of the token, never the token itself.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ui.web.context import WebContext
from ui.web.errors import error_response
from ui.web.login_page import LOGIN_TEMPLATE
from ui.web.render import esc

COOKIE = "gov_staff_session"
PREFIX = "/staff"
OPEN_PATHS = ("/staff/login", "/staff/logout")

_LOGIN = LOGIN_TEMPLATE  # ui.web.login_page: the page's look lives there


def session_value(token: str) -> str:
    return hmac.new(token.encode("utf-8"), b"gov-staff-session", hashlib.sha256).hexdigest()


def has_session(ctx: WebContext, cookies: dict[str, str]) -> bool:
    if not ctx.staff_enabled:
        return False
    given = cookies.get(COOKIE, "")
    return bool(given) and hmac.compare_digest(given, session_value(ctx.settings.staff_token))


def install_staff_login(app: FastAPI, ctx: WebContext) -> None:
    @app.get("/staff/login", include_in_schema=False)
    async def login_form() -> Response:
        if not ctx.staff_enabled:
            return error_response(404, "staff_disabled", "工作人员区未启用。")
        return HTMLResponse(_LOGIN.format(error=""))

    @app.post("/staff/login", include_in_schema=False)
    async def login(token: str = Form("")) -> Response:
        if not ctx.staff_enabled:
            return error_response(404, "staff_disabled", "工作人员区未启用。")
        if not ctx.staff_ok(token):
            return HTMLResponse(_LOGIN.format(error=f'<p class="err" role="alert">{esc("口令不正确。")}</p>'),
                                status_code=401)
        response = RedirectResponse("/staff/", status_code=303)
        response.set_cookie(COOKIE, session_value(ctx.settings.staff_token), httponly=True,
                            samesite="strict", path=PREFIX, max_age=8 * 3600)
        return response

    @app.get("/staff/logout", include_in_schema=False)
    async def logout() -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE, path=PREFIX)
        return response


class StaffGuard:
    """ASGI middleware: /staff and everything under it needs the session cookie."""

    def __init__(self, app: Any, ctx: WebContext) -> None:
        self.app, self.ctx = app, ctx

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        guarded = scope["type"] in ("http", "websocket") and (path == PREFIX or path.startswith(PREFIX + "/"))
        if not guarded or path in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if has_session(self.ctx, request.cookies):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 4401})
            return
        response: Response
        if not self.ctx.staff_enabled:
            response = error_response(404, "staff_disabled", "工作人员区未启用。")
        elif request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            response = RedirectResponse("/staff/login", status_code=303)
        else:
            response = error_response(401, "unauthorized", "需要工作人员口令。")
        await response(scope, receive, send)
