"""Staff tools for the library's health and history, under the catalog on the staff page:
damaged reports (re-index from the kept original file), a report's earlier versions and
restoring one. Both run as jobs; features the library does not offer are not shown."""

from __future__ import annotations

from typing import Any

import gradio as gr

from index.errors import AssistantError
from ui.web import library_jobs
from ui.web.context import WebContext
from ui.web.errors import ApiError
from ui.web.render import esc


def health_html(ctx: WebContext) -> str:
    try:
        state = library_jobs.health(ctx.assistant)
    except Exception:  # noqa: BLE001 - the page must open even when the check cannot run
        return '<p class="failed" id="library-health">无法检查资料库状态，请查看服务日志。</p>'
    parts = []
    if state["read_only"]:
        parts.append("<p><strong>数据目录只读：</strong>可以提问，不能收录或删除报告。</p>")
    for problem in state["problems"]:
        parts.append(f"<p><strong>存储故障：</strong>{esc(problem)}</p>")
    if state["damaged"]:
        items = "".join(f"<li><strong>{esc(d['report_id'])}</strong>：{esc(d['problem'])}</li>"
                        for d in state["damaged"])
        parts.append(f"<p><strong>受损的报告</strong>（其余报告照常服务；可在下方选中后「重新收录」）：</p>"
                     f"<ul>{items}</ul>")
    return f'<div id="library-health">{"".join(parts)}</div>'


def _message(exc: Exception) -> str:
    return exc.message if isinstance(exc, ApiError) else str(exc)


def build_library_tools(ctx: WebContext) -> tuple[Any, Any]:
    """Inside the catalog tab. Returns (health box, report picker) for the page to refresh."""
    health = gr.HTML(health_html(ctx))
    has_versions = library_jobs.library_feature(ctx.assistant, "versions") is not None
    with gr.Accordion("重新收录 / 历史版本", open=False):
        with gr.Row():
            pick = gr.Dropdown([], label="报告", scale=3, elem_id="tools-report")
            reingest = gr.Button("重新收录（用保存的原文件）", scale=1, elem_id="tools-reingest")
        if has_versions:
            with gr.Row():
                version = gr.Dropdown([], label="历史版本", scale=3, elem_id="tools-version")
                restore = gr.Button("恢复此版本", scale=1, elem_id="tools-restore")
        note = gr.Markdown("")

    def do_reingest(report_id: str | None) -> str:
        if not report_id:
            return "请先选择报告。"
        try:
            job = library_jobs.submit_reingest(ctx, report_id)
        except (ApiError, AssistantError) as exc:
            return f"无法重新收录：{_message(exc)}"
        return f"已加入收录队列：{job.name}（进度见「上传报告」）。"

    reingest.click(do_reingest, [pick], [note])
    if has_versions:
        def list_versions(report_id: str | None) -> Any:
            if not report_id:
                return gr.update(choices=[], value=None)
            try:
                found = library_jobs.versions(ctx.assistant, report_id)
            except (ApiError, AssistantError):
                return gr.update(choices=[], value=None)
            return gr.update(choices=[_version_choice(v) for v in found], value=None)

        def do_restore(report_id: str | None, chosen: str | None) -> str:
            if not report_id or not chosen:
                return "请先选择报告和历史版本。"
            try:
                job = library_jobs.submit_restore(ctx, report_id, chosen)
            except (ApiError, AssistantError) as exc:
                return f"无法恢复：{_message(exc)}"
            return f"已加入队列：{job.name}（进度见「上传报告」）。"

        pick.change(list_versions, [pick], [version])
        restore.click(do_restore, [pick, version], [note])
    return health, pick


STATES = {"active": "当前", "replaced": "已被替换", "removed": "已删除"}


def _version_choice(version: Any) -> tuple[str, str]:
    """(label, value) for a version from the library (index.records.ReportVersion as a dict:
    its catalog entry, state, retired_at, damaged)."""
    if not isinstance(version, dict):
        return str(version), str(version)
    nested = version.get("entry")
    entry: dict[str, Any] = nested if isinstance(nested, dict) else version
    value = str(entry.get("content_hash") or version.get("version") or "")
    when = str(version.get("retired_at") or entry.get("ingested_at") or "")[:19].replace("T", " ")
    parts = (STATES.get(str(version.get("state", "")), ""), when, entry.get("source_name", ""), value[:12],
             "已损坏" if version.get("damaged") else "")
    return " · ".join(str(p) for p in parts if p) or value, value
