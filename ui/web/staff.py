"""The staff page at /staff (behind ui.web.staff_auth): upload reports with progress and
per-file results, remove reports, read feedback, copy the widget snippet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from index.errors import AssistantError
from ui.web.context import WebContext
from ui.web.errors import ApiError
from ui.web.render import esc
from ui.web.uploads import REPORT_EXTENSIONS, save_upload
from ui.web.widget import widget_snippet

TITLE = "工作人员区 · 政府信息公开年度报告问答"
REPORT_COLUMNS = ["报告", "机关", "年度", "格式", "未通过校验", "解析提示", "来源文件"]
FEEDBACK_COLUMNS = ["时间", "评价", "问题", "意见", "回答", "页面"]


def reports_table(ctx: WebContext) -> list[list[Any]]:
    return [[e.report_id, e.agency, e.year, e.template, len(e.failed_checks), len(e.warnings),
             e.source_name] for e in ctx.assistant.reports()]


def feedback_table(ctx: WebContext) -> list[list[Any]]:
    return [[r.get("at", ""), "👍" if r.get("rating") == "up" else "👎", r.get("question", ""),
             r.get("comment", ""), r.get("answer", "")[:200], r.get("page", "")]
            for r in ctx.feedback.read()]


def _result_html(name: str, result: Any = None, error: str = "") -> str:
    if error:
        return f'<li class="failed"><strong>{esc(name)}</strong>：未收录。{esc(error)}</li>'
    entry = result.entry
    notes = [f"警告：{w}" for w in (*result.warnings, *entry.warnings)]
    notes += [f"未通过校验：{c}" for c in entry.failed_checks]
    replaced = f"（替换了 {esc(result.replaced)}）" if result.replaced else ""
    items = "".join(f"<li>{esc(n)}</li>" for n in notes) or "<li>解析正常，校验全部通过。</li>"
    return (f"<li><strong>{esc(name)}</strong>：已收录为 {entry.year}年 {esc(entry.agency)}"
            f"{replaced}<ul>{items}</ul></li>")


def ingest_files(ctx: WebContext, paths: list[str] | None, progress: gr.Progress) -> str:
    if not paths:
        return "<p>请先选择文件。</p>"
    results = []
    for path in progress.tqdm(paths, desc="正在解析和收录"):
        name = Path(path).name
        try:
            data = Path(path).read_bytes()
            saved = save_upload(ctx.settings.store_path, name, data, ctx.max_upload_bytes)
            with ctx.ingest_lock:
                results.append(_result_html(name, ctx.assistant.ingest(saved)))
        except (ApiError, AssistantError) as exc:
            results.append(_result_html(name, error=str(exc.message if isinstance(exc, ApiError) else exc)))
    return f'<ul class="report-grid" id="upload-results">{"".join(results)}</ul>'


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
            results = gr.HTML("", elem_id="upload-results-box")
        with gr.Tab("已收录的报告"):
            table = gr.Dataframe(headers=REPORT_COLUMNS, interactive=False, wrap=True)
            with gr.Row():
                victim = gr.Dropdown([], label="要删除的报告", scale=3)
                confirm = gr.Checkbox(label="确认删除", value=False, scale=1)
                remove = gr.Button("删除", variant="stop", scale=1)
            removed = gr.Markdown("")
        with gr.Tab("读者反馈"):
            refresh = gr.Button("刷新")
            feedback = gr.Dataframe(headers=FEEDBACK_COLUMNS, interactive=False, wrap=True)
        with gr.Tab("网站嵌入代码"):
            gr.Markdown("把下面的代码粘贴到门户网站的页面中。可在地址中用 agency 和 year 限定机关和年度。"
                        "门户网站的域名须列入 GOV_ASSISTANT_FRAME_ANCESTORS。")
            with gr.Row():
                snip_agency = gr.Dropdown([], label="限定机关（可选）", allow_custom_value=True)
                snip_year = gr.Dropdown([], label="限定年度（可选）", allow_custom_value=True)
            snippet = gr.Code(language="html", label="嵌入代码（右上角可复制）", interactive=False)

        def catalog() -> tuple[Any, Any]:
            rows = reports_table(ctx)
            return rows, gr.update(choices=[r[0] for r in rows], value=None)

        def do_ingest(paths: list[str] | None, progress: gr.Progress = gr.Progress()) -> Any:
            html = ingest_files(ctx, paths, progress)
            return (html, *catalog())

        def do_remove(report_id: str | None, sure: bool) -> Any:
            if not report_id or not sure:
                return "请选择报告并勾选「确认删除」。", *catalog()
            try:
                ctx.assistant.remove(report_id)
                message = f"已删除：{report_id}"
            except AssistantError as exc:
                message = f"删除失败：{exc}"
            return message, *catalog()

        def on_load(request: gr.Request) -> Any:
            entries = ctx.assistant.reports()
            agencies = [""] + sorted({e.agency for e in entries})
            years = [""] + sorted({str(e.year) for e in entries}, reverse=True)
            return (*catalog(), feedback_table(ctx), widget_snippet(_base_url(request)),
                    gr.update(choices=agencies), gr.update(choices=years))

        def make_snippet(agency: str | None, year: str | None, request: gr.Request) -> str:
            return widget_snippet(_base_url(request), agency or None, year or None)

        go.click(do_ingest, [files], [results, table, victim])
        remove.click(do_remove, [victim, confirm], [removed, table, victim])
        refresh.click(lambda: feedback_table(ctx), None, [feedback])
        page.load(on_load, None, [table, victim, feedback, snippet, snip_agency, snip_year])
        for picker in (snip_agency, snip_year):
            picker.change(make_snippet, [snip_agency, snip_year], [snippet])
    return page
