"""Limits enforced before a request reaches a route (ASGI middleware), each answering in
the one JSON error shape:

- `BodyLimitMiddleware`: request size. A declared Content-Length over the limit is refused
  at once; a chunked body is counted as it arrives and refused when it passes the limit (413).
- `ConcurrencyLimit`: at most `limit` requests in progress, `queue` more waiting at most
  `max_wait` seconds for a slot; beyond that an immediate 503 with Retry-After — never an
  unbounded queue that answers in 11 s, never a hang.
- `PublicGradioGuard`: the public Gradio pages take no files (their upload endpoints are
  closed) and no large bodies.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException as StarletteHTTPException

from ui.web.errors import error_body

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


def _too_large_message(limit: int, declared: int | None = None) -> str:
    sent = f"本次请求 {_size(declared)}，" if declared else ""
    return f"请求内容过大：{sent}最多 {_size(limit)}。"


class BodyTooLarge(StarletteHTTPException):
    """Raised from `receive`; an HTTPException so FastAPI's body parsing lets it through."""

    def __init__(self, message: str) -> None:
        super().__init__(413, detail=message)


class BodyLimitMiddleware:
    """Limit request bodies under `prefix`; `limit_for(path)` gives the byte limit and
    `message_for(path, limit, declared size or None)` the message (a default one if absent)."""

    def __init__(self, app: Any, limit_for: Callable[[str], int], prefix: str = "/api/",
                 message_for: Callable[[str, int, int | None], str] | None = None) -> None:
        self.app, self.limit_for, self.prefix = app, limit_for, prefix
        self.message_for = message_for or (lambda _path, limit, declared: _too_large_message(limit, declared))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await send_error(send, 413, "payload_too_large", self.message_for(scope["path"], limit, int(declared)))
            return
        received = 0
        started = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(self.message_for(scope["path"], limit, None))
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:
            if not started:
                await send_error(send, 413, "payload_too_large", str(exc.detail))


async def send_error(send: Send, status: int, code: str, message: str,
                     headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """The one JSON error shape, sent from ASGI middleware."""
    body = json.dumps(error_body(code, message), ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class ConcurrencyLimit:
    """At most `limit` requests that `limited(path)` selects in progress at once; up to
    `queue` more wait at most `max_wait` s for a slot; the rest get 503 + Retry-After at once."""

    def __init__(self, app: Any, limited: Callable[[str], bool], limit: int, queue: int,
                 max_wait: float = 2.0, retry_after: int = 2) -> None:
        self.app, self.limited = app, limited
        self.limit, self.queue, self.max_wait = max(1, limit), max(0, queue), max_wait
        self.retry_after = retry_after
        self.active = 0
        self.waiting = 0
        self._freed: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _event(self) -> asyncio.Event:
        loop = asyncio.get_running_loop()
        if self._freed is None or self._loop is not loop:  # a new loop (tests start several)
            self._freed, self._loop = asyncio.Event(), loop
            self.active = self.waiting = 0
        return self._freed

    async def _acquire(self) -> bool:
        freed = self._event()
        if self.active < self.limit and self.waiting == 0:
            self.active += 1
            return True
        if self.waiting >= self.queue:
            return False
        self.waiting += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.max_wait
        try:
            while self.active >= self.limit:
                left = deadline - loop.time()
                if left <= 0:
                    return False
                freed.clear()
                try:
                    await asyncio.wait_for(freed.wait(), left)
                except TimeoutError:
                    return False
            self.active += 1
            return True
        finally:
            self.waiting -= 1

    def _release(self) -> None:
        self.active -= 1
        if self._freed is not None:
            self._freed.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.limited(scope["path"]):
            await self.app(scope, receive, send)
            return
        if not await self._acquire():
            await send_error(send, 503, "busy", "当前提问的人太多，请稍等几秒再试。",
                             [(b"retry-after", str(self.retry_after).encode())])
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self._release()


# Gradio endpoints a public page never needs: file uploads (which also answer with absolute
# server paths), recordings, run history, vibe editing.
_CLOSED_GRADIO = ("/gradio_api/upload", "/gradio_api/upload_progress", "/gradio_api/process_recording",
                  "/gradio_api/run-history", "/gradio_api/vibe-edit", "/gradio_api/undo-vibe-edit",
                  "/gradio_api/vibe-code", "/upload")


class PublicGradioGuard:
    """On the public Gradio mounts (`prefixes`, e.g. "/" and "/widget"): no upload endpoints,
    and request bodies of at most `max_body` bytes. Other paths pass untouched."""

    def __init__(self, app: Any, prefixes: tuple[str, ...], skip: tuple[str, ...],
                 max_body: int = 4 * 1024 * 1024) -> None:
        self.app, self.prefixes, self.skip = app, prefixes, skip
        self.body_limit = BodyLimitMiddleware(app, lambda _p: max_body, prefix="/")

    def _mount_path(self, path: str) -> str | None:
        """The path inside the public mount it falls under, or None (not a public page)."""
        if path.startswith(self.skip):
            return None
        for prefix in self.prefixes:
            if prefix == "/":
                return path
            if path == prefix or path.startswith(prefix + "/"):
                return path[len(prefix):] or "/"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        inner = self._mount_path(scope.get("path", "")) if scope["type"] == "http" else None
        if inner is None:
            await self.app(scope, receive, send)
            return
        if inner.rstrip("/").startswith(_CLOSED_GRADIO):
            await send_error(send, 404, "not_found", "这个页面不接受上传文件。")
            return
        await self.body_limit(scope, receive, send)
