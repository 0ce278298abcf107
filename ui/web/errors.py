"""One JSON error shape for every error of the HTTP API: {"error": {"code", "message"}}.

`AssistantError`s keep their own (user-safe) message and status; HTTP and validation errors
get a Chinese message; anything unexpected becomes a 500 without internals.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from index.errors import AssistantError
from ui.faults import fault_of

log = logging.getLogger(__name__)

STATUS_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求有误。"),
    401: ("unauthorized", "需要工作人员口令。"),
    403: ("forbidden", "没有权限。"),
    404: ("not_found", "没有找到请求的内容。"),
    405: ("method_not_allowed", "不支持这种请求方式。"),
    413: ("payload_too_large", "请求内容过大。"),
    415: ("unsupported_media_type", "不支持的文件格式。"),
    422: ("validation_error", "请求参数不正确。"),
    429: ("too_many_requests", "请求太频繁，请稍后再试。"),
    500: ("internal_error", "服务器内部错误，请稍后再试。"),
    502: ("upstream_error", "上游服务出错，请稍后再试。"),
    503: ("unavailable", "服务暂时不可用，请稍后再试。"),
    507: ("store_full", "存储空间已满。"),
}


class ApiError(Exception):
    """An HTTP error raised by the web shell itself, with a code and a Chinese message."""

    def __init__(self, status: int, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.retry_after = retry_after


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def error_response(status: int, code: str | None = None, message: str | None = None,
                   *, retry_after: int | None = None, **extra: Any) -> JSONResponse:
    default_code, default_message = STATUS_CODES.get(status, ("error", "出错了。"))
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse(error_body(code or default_code, message or default_message, **extra),
                        status_code=status, headers=headers)


def snake_code(name: str) -> str:
    """`NotFoundError` → `not_found`: the JSON error code of an error class."""
    name = name.removesuffix("Error") or name
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where or '请求体'}：{err.get('msg', '')}")
    return "请求参数不正确：" + "；".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, retry_after=exc.retry_after)

    @app.exception_handler(AssistantError)
    async def _assistant(_: Request, exc: AssistantError) -> JSONResponse:
        fault = fault_of(exc) if exc.status >= 500 else None
        if fault is not None and fault.code != "store_error":
            return error_response(fault.status, fault.code, fault.message)
        return error_response(exc.status, snake_code(type(exc).__name__), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = STATUS_CODES.get(exc.status_code, ("error", "出错了。"))
        chinese = isinstance(exc.detail, str) and exc.detail and not exc.detail.isascii()
        return error_response(exc.status_code, code, exc.detail if chinese else message)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "validation_error", _validation_message(exc))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        fault = fault_of(exc)
        if fault is not None:
            log.warning("store fault: %s", exc)
            return error_response(fault.status, fault.code, fault.message)
        log.exception("unexpected error", exc_info=exc)
        return error_response(500)
