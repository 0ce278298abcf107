"""HTTP API: POST /api/ask, GET /api/reports, GET /api/health, and the staff routes.

Thin: validate, call the assistant, return `Answer.to_json()` or catalog entries.
Errors become the one JSON shape (ui.web.errors).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Header, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from assistant.models import Turn
from ui.web.context import WebContext
from ui.web.errors import ApiError
from ui.web.service import scope_of
from ui.web.uploads import save_upload

ASK_BODY_LIMIT = 64 * 1024  # bytes of JSON for /api/ask
MAX_HISTORY_TURNS = 20


class TurnIn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=20000)


class AskIn(BaseModel):
    question: str = Field(description="问题，例如「红旗区财政局2023年收到了多少政府信息公开申请？」")
    history: list[TurnIn] = Field(default_factory=list, description="此前的对话（可选）")
    agency: str | None = Field(default=None, description="限定机关（可选）")
    year: int | None = Field(default=None, description="限定报告年度（可选）")


def _context(request: Request) -> WebContext:
    return request.app.state.web


Ctx = Annotated[WebContext, Depends(_context)]


def require_staff(request: Request, authorization: Annotated[str | None, Header()] = None,
                  x_staff_token: Annotated[str | None, Header()] = None) -> WebContext:
    """Staff routes: `Authorization: Bearer <token>` or `X-Staff-Token: <token>`."""
    ctx = _context(request)
    if not ctx.staff_enabled:
        raise ApiError(403, "staff_disabled", "工作人员区未启用（未设置 GOV_ASSISTANT_STAFF_TOKEN）。")
    token = x_staff_token or (authorization or "").removeprefix("Bearer ").strip()
    if not ctx.staff_ok(token):
        raise ApiError(401, "unauthorized", "需要正确的工作人员口令。")
    return ctx


Staff = Annotated[WebContext, Depends(require_staff)]

router = APIRouter(prefix="/api", tags=["问答"])
staff_router = APIRouter(prefix="/api/staff", tags=["工作人员"])


def check_question(question: str, max_chars: int) -> str:
    question = question.strip()
    if not question:
        raise ApiError(400, "empty_question", "请输入问题。")
    if len(question) > max_chars:
        raise ApiError(400, "question_too_long",
                       f"问题太长了：{len(question)} 个字，最多 {max_chars} 个字。请精简后再问。")
    return question


@router.post("/ask", summary="提问", description="回答关于年度报告的问题，返回答案、引用和数字。")
async def ask(body: AskIn, ctx: Ctx) -> dict[str, Any]:
    question = check_question(body.question, ctx.settings.max_question_chars)
    history = [Turn(t.role, t.content) for t in body.history[-MAX_HISTORY_TURNS:]]
    scope = scope_of(body.agency, body.year, strict=True)  # a pinned agency/year is a hard scope
    answer = await run_in_threadpool(ctx.assistant.ask, question, history, scope)
    return answer.to_json()


@router.get("/reports", summary="报告列表", description="已收录的年度报告（机关、年度、未通过的校验）。")
async def reports(ctx: Ctx) -> dict[str, Any]:
    entries = await run_in_threadpool(ctx.assistant.reports)
    return {"reports": [asdict(e) for e in entries]}


@router.get("/reports/{report_id}", summary="一份报告的解析结果")
async def report(report_id: str, ctx: Ctx) -> dict[str, Any]:
    parsed = await run_in_threadpool(ctx.assistant.report, report_id)
    return parsed.to_dict()


@router.get("/health", summary="健康检查")
async def health(ctx: Ctx) -> dict[str, Any]:
    entries = await run_in_threadpool(ctx.assistant.reports)
    return {"status": "ok", "reports": len(entries)}


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"],
                  include_in_schema=False)
async def unknown(path: str) -> None:
    raise ApiError(404, "not_found", f"没有这个接口：/api/{path}")


@staff_router.post("/reports", summary="上传报告（工作人员）")
async def upload(ctx: Staff, files: Annotated[list[UploadFile], File()]) -> dict[str, Any]:
    results = []
    for item in files:
        data = await item.read(ctx.max_upload_bytes + 1)
        path = save_upload(ctx.settings.store_path, item.filename or "", data, ctx.max_upload_bytes)
        with ctx.ingest_lock:
            result = await run_in_threadpool(ctx.assistant.ingest, path)
        results.append({"file": path.name, "report": asdict(result.entry),
                        "replaced": result.replaced, "warnings": list(result.warnings)})
    return {"results": results}


@staff_router.delete("/reports/{report_id}", summary="删除报告（工作人员）")
async def remove(report_id: str, ctx: Staff) -> dict[str, Any]:
    await run_in_threadpool(ctx.assistant.remove, report_id)
    return {"removed": report_id}


@staff_router.get("/feedback", summary="读者反馈（工作人员）")
async def feedback(ctx: Staff) -> dict[str, Any]:
    return {"feedback": ctx.feedback.read()}
