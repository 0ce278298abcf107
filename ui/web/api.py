"""HTTP API: POST /api/ask, GET /api/reports, GET /api/health, and the staff routes.

Thin: validate, call the assistant, return `Answer.to_json()` or catalog entries.
Errors become the one JSON shape (ui.web.errors). Uploads, re-index and restore are jobs
(ui.web.jobs): the route answers 202 with the job, `GET /api/staff/jobs/{id}` tells how it
goes; `?wait=S` waits up to S seconds for the end without holding a worker thread.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Header, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from assistant.models import Turn
from ui.web import library_jobs
from ui.web.context import WebContext
from ui.web.errors import ApiError
from ui.web.jobs import Job
from ui.web.service import scope_of
from ui.web.staff_auth import check_staff_token
from ui.web.uploads import store_upload

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
    """Staff routes: `Authorization: Bearer <token>` or `X-Staff-Token: <token>` (wrong tries
    count towards the same per-client lockout as the login form)."""
    ctx = _context(request)
    if not ctx.staff_enabled:
        raise ApiError(403, "staff_disabled", "工作人员区未启用（未设置 GOV_ASSISTANT_STAFF_TOKEN）。")
    token = x_staff_token or (authorization or "").removeprefix("Bearer ").strip()
    check_staff_token(ctx, request, token)
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


@router.get("/health", summary="健康检查",
            description="status 为 ok 或 degraded（有受损的报告或数据目录只读，其余报告照常服务）。")
async def health(ctx: Ctx) -> dict[str, Any]:
    entries = await run_in_threadpool(ctx.assistant.reports)
    state = await run_in_threadpool(library_jobs.health, ctx.assistant)
    degraded = bool(state["damaged"] or state["problems"]) or state["read_only"]
    return {"status": "degraded" if degraded else "ok", "reports": len(entries), **state,
            "jobs": ctx.jobs.counts()}


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"],
                  include_in_schema=False)
async def unknown(path: str) -> None:
    raise ApiError(404, "not_found", f"没有这个接口：/api/{path}")


Wait = Annotated[float, Query(ge=0, le=600, description="最多等待任务完成的秒数（可选）")]


async def _await_jobs(ctx: WebContext, jobs: list[Job], wait: float) -> list[Job]:
    """The jobs as they are after at most `wait` seconds (polling; no thread is held)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while True:
        current = [ctx.jobs.get(j.id) or j for j in jobs]
        if all(j.finished for j in current) or loop.time() >= deadline:
            return current
        await asyncio.sleep(0.1)


def _jobs_response(jobs: list[Job], **extra: Any) -> JSONResponse:
    status = 200 if all(j.finished for j in jobs) else 202
    return JSONResponse({"jobs": [j.to_json() for j in jobs], **extra}, status_code=status)


@staff_router.post("/reports", summary="上传报告（工作人员）", status_code=202,
                   description="每个文件成为一个收录任务（排队，依次处理）；"
                               "用 GET /api/staff/jobs/{id} 查询进度和结果。")
async def upload(ctx: Staff, files: Annotated[list[UploadFile], File()], wait: Wait = 0) -> JSONResponse:
    jobs: list[Job] = []
    refused: list[tuple[ApiError, str]] = []
    for item in files:
        try:
            checked = await run_in_threadpool(store_upload, ctx.settings.store_path, item.filename or "",
                                              item.file, item.size, ctx.max_upload_bytes)
            jobs.append(library_jobs.submit_ingest(ctx, checked))
        except ApiError as exc:
            if exc.code == "job_queue_full":
                raise
            refused.append((exc, item.filename or ""))
        finally:
            await item.close()
    if refused and not jobs:
        raise refused[0][0]
    jobs = await _await_jobs(ctx, jobs, wait)
    return _jobs_response(jobs, refused=[{"file": name, "error": {"code": e.code, "message": e.message}}
                                         for e, name in refused])


@staff_router.get("/jobs", summary="收录任务列表（工作人员）")
async def jobs(ctx: Staff) -> dict[str, Any]:
    return {"jobs": [j.to_json() for j in ctx.jobs.list()]}


@staff_router.get("/jobs/{job_id}", summary="一个收录任务的进度和结果（工作人员）")
async def job(job_id: str, ctx: Staff, wait: Wait = 0) -> dict[str, Any]:
    found = ctx.jobs.get(job_id)
    if found is None:
        raise ApiError(404, "not_found", f"没有这个任务：{job_id}（服务重启后任务记录会清空）。")
    return (await _await_jobs(ctx, [found], wait))[0].to_json()


@staff_router.post("/reports/{report_id}/reingest", summary="用保存的原文件重新收录（工作人员）")
async def reingest(report_id: str, ctx: Staff, wait: Wait = 0) -> JSONResponse:
    submitted = await run_in_threadpool(library_jobs.submit_reingest, ctx, report_id)
    return _jobs_response(await _await_jobs(ctx, [submitted], wait))


@staff_router.get("/reports/{report_id}/versions", summary="报告的历史版本（工作人员）")
async def versions(report_id: str, ctx: Staff) -> dict[str, Any]:
    return {"versions": await run_in_threadpool(library_jobs.versions, ctx.assistant, report_id)}


@staff_router.post("/reports/{report_id}/versions/{version}/restore", summary="恢复一个历史版本（工作人员）")
async def restore(report_id: str, version: str, ctx: Staff, wait: Wait = 0) -> JSONResponse:
    submitted = library_jobs.submit_restore(ctx, report_id, version)
    return _jobs_response(await _await_jobs(ctx, [submitted], wait))


@staff_router.delete("/reports/{report_id}", summary="删除报告（工作人员）")
async def remove(report_id: str, ctx: Staff) -> dict[str, Any]:
    await run_in_threadpool(ctx.assistant.remove, report_id)
    return {"removed": report_id}


@staff_router.get("/feedback", summary="读者反馈（工作人员）")
async def feedback(ctx: Staff) -> dict[str, Any]:
    return {"feedback": ctx.feedback.read()}
