"""The staff operations that change the library, as jobs; and the library's health.

    submit_ingest(ctx, upload)             # a checked upload → a queued ingest job
    submit_reingest(ctx, report_id)        # the kept original file, ingested again
    submit_restore(ctx, report_id, ver)    # an earlier version made live again
    health(ctx.assistant)                  # damaged reports, read-only store (when the library tells)
    versions(ctx.assistant, report_id)     # earlier versions of a report (when the library keeps them)

Optional library features (health, versions, restore, a `progress` keyword on ingest for
OCR) are detected, not assumed: an assistant or library without them still works, and
the routes that need them say the feature is not available.
"""

from __future__ import annotations

import inspect
import shutil
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from ui.web.context import WebContext
from ui.web.errors import ApiError
from ui.web.jobs import Job, Progress
from ui.web.uploads import Upload, upload_dir


def library_feature(assistant: Any, name: str) -> Callable[..., Any] | None:
    """`assistant.<name>`, else `assistant.library.<name>`, when callable."""
    for owner in (assistant, getattr(assistant, "library", None)):
        method = getattr(owner, name, None) if owner is not None else None
        if callable(method):
            return method
    return None


def accepts_progress(method: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def ingest_result(name: str, result: Any, warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    entry = result.entry
    return {"file": name, "report": asdict(entry), "replaced": result.replaced,
            "warnings": [*warnings, *result.warnings]}


def run_ingest(assistant: Any, path: Path, progress: Progress) -> Any:
    """Ingest one file, with progress when the assistant reports it (OCR does)."""
    ingest = assistant.ingest
    if accepts_progress(ingest):
        return ingest(path, progress=progress)
    progress(0, 1, "正在解析和收录")
    result = ingest(path)
    progress(1, 1, "完成")
    return result


def submit_ingest(ctx: WebContext, upload: Upload) -> Job:
    def work(progress: Progress) -> dict[str, Any]:
        result = run_ingest(ctx.assistant, upload.path, progress)
        return ingest_result(upload.name, result, upload.intake.warnings)

    return ctx.jobs.submit("ingest", upload.name, work, cleanup=upload.discard)


def submit_reingest(ctx: WebContext, report_id: str) -> Job:
    """Parse and index a report again from the original file the library kept."""
    entry = next((e for e in ctx.assistant.reports() if e.report_id == report_id), None)
    source = ctx.assistant.source_file(report_id)  # NotFoundError when not kept
    name = getattr(entry, "source_name", "") or source.name

    def work(progress: Progress) -> dict[str, Any]:
        folder = upload_dir(ctx.settings.store_path)
        try:
            copy = folder / (Path(name).stem + source.suffix)
            shutil.copyfile(source, copy)
            return ingest_result(name, run_ingest(ctx.assistant, copy, progress))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return ctx.jobs.submit("reingest", report_id, work)


def versions(assistant: Any, report_id: str) -> list[Any]:
    method = library_feature(assistant, "versions")
    if method is None:
        raise ApiError(501, "not_available", "当前资料库不保留报告的历史版本。")
    return [_plain(v) for v in method(report_id)]


def submit_restore(ctx: WebContext, report_id: str, version: str) -> Job:
    method = library_feature(ctx.assistant, "restore")
    if method is None:
        raise ApiError(501, "not_available", "当前资料库不支持恢复历史版本。")
    invalidate = getattr(ctx.assistant, "_invalidate", None)

    def work(progress: Progress) -> dict[str, Any]:
        progress(0, 1, "正在恢复")
        restored = method(report_id, version)
        if callable(invalidate):  # the assistant caches parsed reports
            invalidate()
        return {"restored": _plain(restored)}

    return ctx.jobs.submit("restore", f"{report_id} · {version}", work)


def health(assistant: Any) -> dict[str, Any]:
    """{"damaged": [{report_id, problem}], "read_only": bool, "problems": [str]} from the
    library's `health()` (index.records.Health), when it has one."""
    method = library_feature(assistant, "health")
    if method is None:
        return {"damaged": [], "read_only": False, "problems": []}
    raw = _plain(method())
    if isinstance(raw, list):
        raw = {"damaged": raw}
    damaged = [_damage(d) for d in raw.get("damaged", []) or []]
    problems = [str(p) for p in raw.get("problems", []) or []]
    return {"damaged": damaged, "read_only": bool(raw.get("read_only", False)), "problems": problems}


def _damage(item: Any) -> dict[str, str]:
    if isinstance(item, str):
        return {"report_id": item, "problem": "数据文件受损"}
    problem = next((str(item[k]) for k in ("problem", "message", "reason", "error") if item.get(k)),
                   "数据文件受损")
    return {"report_id": str(item.get("report_id", "")), "problem": problem}
