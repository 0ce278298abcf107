"""The staff page at /staff (behind ui.web.staff_auth): upload reports (each a queued job
with its progress and result, ui.web.jobs), re-index a damaged report, remove reports, read
feedback, copy the widget snippet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from index.errors import AssistantError
from ui.web import library_jobs
from ui.web.context import WebContext
from ui.web.errors import ApiError
from ui.web.feedback import local_time
from ui.web.jobs import Job
from ui.web.render import esc
from ui.web.staff_library import build_library_tools, health_html
from ui.web.uploads import REPORT_EXTENSIONS, store_upload
from ui.web.widget import launcher_snippet, widget_snippet

TITLE = "工作人员区 · 政府信息公开年度报告问答"
REPORT_COLUMNS = ["报告", "机关", "年度", "格式", "未通过校验", "解析提示", "来源文件"]
FEEDBACK_COLUMNS = ["时间", "评价", "问题", "意见", "回答", "页面"]
PAGE_NAMES = {"chat": "问答页", "widget": "嵌入组件"}


def reports_table(ctx: WebContext) -> list[list[Any]]:
    return [[e.report_id, e.agency, e.year, e.template, len(e.failed_checks), len(e.warnings),
             e.source_name] for e in ctx.assistant.reports()]


def feedback_table(ctx: WebContext) -> list[list[Any]]:
    """One row per piece of feedback (a rating and its comment together), local time."""
    tz = ctx.settings.timezone
    return [[local_time(r.get("at", ""), tz), "👍" if r.get("rating") == "up" else "👎",
             r.get("question", ""), r.get("comment", ""), r.get("answer", "")[:200],
             PAGE_NAMES.get(r.get("page", ""), r.get("page", ""))]
            for r in ctx.feedback.read()]


def feedback_headers(ctx: WebContext) -> list[str]:
    return [f"时间（{ctx.settings.timezone}）", *FEEDBACK_COLUMNS[1:]]


def _result_html(name: str, result: dict[str, Any]) -> str:
    entry = result["report"]
    notes = [f"警告：{w}" for w in (*result["warnings"], *entry["warnings"])]
    notes += [f"未通过校验：{c}" for c in entry["failed_checks"]]
    replaced = f"（替换了 {esc(result['replaced'])}）" if result.get("replaced") else ""
    items = "".join(f"<li>{esc(n)}</li>" for n in notes) or "<li>解析正常，校验全部通过。</li>"
    return (f"<li><strong>{esc(name)}</strong>：已收录为 {entry['year']}年 {esc(entry['agency'])}"
            f"{replaced}<ul>{items}</ul></li>")


def job_html(job: Job, ahead: int = 0) -> str:
    name = esc(job.name)
    if job.state == "done" and job.result and "report" in job.result:
        return _result_html(job.name, job.result)
    if job.state == "done":
        return f"<li><strong>{name}</strong>：完成。</li>"
    if job.state == "failed":
        message = (job.error or {}).get("message", "")
        return f'<li class="failed"><strong>{name}</strong>：未收录。{esc(message)}</li>'
    if job.state == "queued":
        wait = f"，前面还有 {ahead} 个" if ahead else ""
        return f'<li class="pending"><strong>{name}</strong>：排队等待{wait}。</li>'
    step = f"（{job.done}/{job.total}）" if job.total > 1 else ""
    return (f'<li class="pending"><strong>{name}</strong>：{esc(job.message)}{step}…'
            f'<progress max="{max(job.total, 1)}" value="{job.done}"></progress></li>')


def jobs_html(ctx: WebContext, limit: int = 20) -> str:
    jobs = ctx.jobs.list()[:limit]
    if not jobs:
        return ""
    queued = sorted((j for j in jobs if j.state == "queued"), key=lambda j: j.created_at)
    ahead = {j.id: i + (1 if ctx.jobs.counts()["running"] else 0) for i, j in enumerate(queued)}
    items = "".join(job_html(j, ahead.get(j.id, 0)) for j in jobs)
    return f'<ul class="report-grid" id="upload-results">{items}</ul>'


def submit_files(ctx: WebContext, paths: list[str] | None) -> str:
    """Check each uploaded file and queue its ingest; refused files are said at once."""
    if not paths:
        return "<p>请先选择文件。</p>"
    refused = []
    for path in paths:
        name = Path(path).name
        try:
            upload = store_upload(ctx.settings.store_path, name, Path(path), None, ctx.max_upload_bytes)
            library_jobs.submit_ingest(ctx, upload)
        except (ApiError, AssistantError) as exc:
            message = exc.message if isinstance(exc, ApiError) else str(exc)
            refused.append(f'<li class="failed"><strong>{esc(name)}</strong>：未收录。{esc(message)}</li>')
    listed = f'<ul class="report-grid" id="upload-refused">{"".join(refused)}</ul>' if refused else ""
    return listed + jobs_html(ctx)


def _base_url(request: gr.Request | None) -> str:
    if request is None:
        return ""
    headers = request.headers
    proto = headers.get("x-forwarded-proto", request.request.url.scheme if request.request else "http")
    host = headers.get("x-forwarded-host") or headers.get("host", "")
    return f"{proto}://{host}"


def build_staff_page(ctx: WebContext) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as page:
        gr.Markdown(f"# {TITLE}\n\n[退出登录](/staff/logout)　[返回问答页](/)")
        with gr.Tab("上传报告"):
            files = gr.File(label=f"报告文件（{'、'.join(REPORT_EXTENSIONS)}；每个最多 "
                            f"{ctx.settings.max_upload_mb} MB）", file_count="multiple",
                            file_types=list(REPORT_EXTENSIONS), elem_id="upload-files")
            go = gr.Button("上传并收录", variant="primary", elem_id="upload-go")
            gr.Markdown("文件依次排队处理（扫描件需要识别文字，较慢）；可以离开本页，稍后回来查看结果。")
            results = gr.HTML("", elem_id="upload-results-box")
            ticker = gr.Timer(1.0, active=False)
        with gr.Tab("已收录的报告"):
            table = gr.Dataframe(headers=REPORT_COLUMNS, interactive=False, wrap=True)
            with gr.Row():
                victim = gr.Dropdown([], label="要删除的报告", scale=3, elem_id="remove-victim")
                confirm = gr.Checkbox(label="确认删除", value=False, scale=1, elem_id="remove-confirm")
                remove = gr.Button("删除", variant="stop", scale=1, elem_id="remove-go")
            removed = gr.Markdown("", elem_id="remove-status")
            health, tool_pick = build_library_tools(ctx)
        with gr.Tab("读者反馈"):
            refresh = gr.Button("刷新")
            feedback = gr.Dataframe(headers=feedback_headers(ctx), interactive=False, wrap=True,
                                    elem_id="feedback-table")
        with gr.Tab("网站嵌入代码"):
            gr.Markdown("把下面任一段代码粘贴到门户网站的页面中。限定机关后，组件只回答这个机关（和年度）"
                        "的问题。门户网站的域名须列入 GOV_ASSISTANT_FRAME_ANCESTORS。")
            with gr.Row():
                snip_agency = gr.Dropdown([], label="限定机关（可选）", allow_custom_value=True)
                snip_year = gr.Dropdown([], label="限定年度（可选）", allow_custom_value=True)
            snippet = gr.Code(language="html", label="方式一：页面中的对话框（iframe，右上角可复制）",
                              interactive=False, elem_id="snippet-iframe")
            launcher = gr.Code(language="html", label="方式二：一行代码，页面右下角出现「年报问答」按钮",
                               interactive=False, elem_id="snippet-launcher")

        def catalog(keep: str | None = None) -> tuple[Any, Any]:
            """The table and the picker; the picker keeps `keep` while it is still listed."""
            rows = reports_table(ctx)
            ids = [r[0] for r in rows]
            return rows, gr.update(choices=ids, value=keep if keep in ids else None)

        def do_submit(paths: list[str] | None) -> Any:
            html = submit_files(ctx, paths)
            return html, None, gr.Timer(active=ctx.jobs.pending() > 0)

        def poll_jobs() -> Any:
            if ctx.jobs.pending():
                return jobs_html(ctx), gr.skip(), gr.skip(), gr.Timer(active=True)
            return (jobs_html(ctx), *catalog(), gr.Timer(active=False))

        def do_remove(report_id: str | None, sure: bool) -> Any:
            """Nothing changes until a report is chosen and 确认 ticked; after a removal
            确认 is unticked again, so the next removal needs its own confirmation."""
            if not report_id:
                return "请先在「要删除的报告」中选择一份报告。", gr.update(), gr.update(), gr.update()
            if not sure:
                return (f"请勾选「确认删除」后再按「删除」（将删除：{report_id}）。",
                        gr.update(), gr.update(), gr.update())
            try:
                ctx.assistant.remove(report_id)
                message = f"已删除：{report_id}"
            except AssistantError as exc:
                message = f"删除失败：{exc}"
                return message, *catalog(report_id), gr.update(value=False)
            return message, *catalog(), gr.update(value=False)

        def on_load(request: gr.Request) -> Any:
            entries = ctx.assistant.reports()
            agencies = [""] + sorted({e.agency for e in entries})
            years = [""] + sorted({str(e.year) for e in entries}, reverse=True)
            base = _base_url(request)
            return (*catalog(), feedback_table(ctx), widget_snippet(base), launcher_snippet(base),
                    gr.update(choices=agencies), gr.update(choices=years))

        def make_snippet(agency: str | None, year: str | None, request: gr.Request) -> tuple[str, str]:
            base = _base_url(request)
            return (widget_snippet(base, agency or None, year or None),
                    launcher_snippet(base, agency or None, year or None))

        go.click(do_submit, [files], [results, files, ticker])
        ticker.tick(poll_jobs, None, [results, table, victim, ticker])
        remove.click(do_remove, [victim, confirm], [removed, table, victim, confirm])
        refresh.click(lambda: feedback_table(ctx), None, [feedback])
        page.load(on_load, None, [table, victim, feedback, snippet, launcher, snip_agency, snip_year])
        page.load(lambda: (jobs_html(ctx), gr.Timer(active=ctx.jobs.pending() > 0)), None, [results, ticker])
        table.change(lambda: (health_html(ctx), gr.update(choices=[e.report_id for e in ctx.assistant.reports()])),
                     None, [health, tool_pick])
        for picker in (snip_agency, snip_year):
            picker.change(make_snippet, [snip_agency, snip_year], [snippet, launcher])
    return page
