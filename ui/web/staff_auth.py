"""Guard of the staff area (/staff…): a login form, a server-side session (ui.web.sessions)
in an HttpOnly SameSite=Strict cookie, and a middleware that refuses every other /staff
request without it. Off entirely when staff_token is empty.

The cookie holds a random session id, never the token or anything derived from it; logout
ends the session on the server. Wrong tokens (form or API) count per client: too many lock
the client out for a while (429 with Retry-After). The cookie gets `Secure` per the
secure_cookies setting (auto: when the request came over HTTPS).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ui.web.context import WebContext
from ui.web.errors import ApiError, error_response
from ui.web.login_page import LOGIN_TEMPLATE
from ui.web.render import esc

COOKIE = "gov_staff_session"
PREFIX = "/staff"
OPEN_PATHS = ("/staff/login", "/staff/logout")

_LOGIN = LOGIN_TEMPLATE  # ui.web.login_page: the page's look lives there


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def has_session(ctx: WebContext, cookies: dict[str, str]) -> bool:
    return ctx.staff_enabled and ctx.sessions.valid(cookies.get(COOKIE))


def secure_cookie(ctx: WebContext, request: Request) -> bool:
    mode = ctx.settings.secure_cookies.strip().lower()
    if mode in ("on", "1", "true", "yes", "always"):
        return True
    if mode in ("off", "0", "false", "no", "never"):
        return False
    return request.url.scheme == "https"


def _wait_text(seconds: int) -> str:
    return f"{(seconds + 59) // 60} 分钟" if seconds >= 60 else f"{seconds} 秒"


def check_staff_token(ctx: WebContext, request: Request, token: str) -> None:
    """The staff API's check: ApiError 429 while the client is locked out, 401 when wrong."""
    client = client_of(request)
    wait = ctx.login_throttle.retry_after(client)
    if wait:
        raise ApiError(429, "too_many_attempts", f"口令错误次数过多，请 {_wait_text(wait)}后再试。",
                       retry_after=wait)
    if not token:
        raise ApiError(401, "unauthorized", "需要工作人员口令。")
    if not ctx.staff_ok(token):
        locked = ctx.login_throttle.failed(client)
        if locked:
            raise ApiError(429, "too_many_attempts", f"口令错误次数过多，请 {_wait_text(locked)}后再试。",
                           retry_after=locked)
        raise ApiError(401, "unauthorized", "需要正确的工作人员口令。")
    ctx.login_throttle.succeeded(client)


def _login_page(message: str, status: int, retry_after: int = 0) -> HTMLResponse:
    error = f'<p class="err" role="alert">{esc(message)}</p>' if message else ""
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return HTMLResponse(_LOGIN.format(error=error), status_code=status, headers=headers)


def install_staff_login(app: FastAPI, ctx: WebContext) -> None:
    @app.get("/staff/login", include_in_schema=False)
    async def login_form() -> Response:
        if not ctx.staff_enabled:
            return error_response(404, "staff_disabled", "工作人员区未启用。")
        return _login_page("", 200)

    @app.post("/staff/login", include_in_schema=False)
    async def login(request: Request, token: str = Form("")) -> Response:
        if not ctx.staff_enabled:
            return error_response(404, "staff_disabled", "工作人员区未启用。")
        client = client_of(request)
        wait = ctx.login_throttle.retry_after(client)
        if wait:
            return _login_page(f"口令错误次数过多，请 {_wait_text(wait)}后再试。", 429, wait)
        if not ctx.staff_ok(token):
            locked = ctx.login_throttle.failed(client)
            if locked:
                return _login_page(f"口令错误次数过多，请 {_wait_text(locked)}后再试。", 429, locked)
            return _login_page("口令不正确。", 401)
        ctx.login_throttle.succeeded(client)
        ctx.sessions.end(request.cookies.get(COOKIE))  # a new id at every login
        response = RedirectResponse("/staff/", status_code=303)
        response.set_cookie(COOKIE, ctx.sessions.create(), httponly=True, samesite="strict",
                            path=PREFIX, max_age=8 * 3600, secure=secure_cookie(ctx, request))
        return response

    @app.api_route("/staff/logout", methods=["GET", "POST"], include_in_schema=False)
    async def logout(request: Request) -> Response:
        ctx.sessions.end(request.cookies.get(COOKIE))
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE, path=PREFIX, secure=secure_cookie(ctx, request),
                               httponly=True, samesite="strict")
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
