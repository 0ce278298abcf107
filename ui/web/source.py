"""GET /api/reports/{report_id}/source: a report's original file, served safely.

The bytes are the file that was parsed; how they are served depends on the kept format:

    .pdf          application/pdf, inline (the browser's viewer; #page=N opens the cited page)
    .docx         the Word MIME type, as a download
    everything    text/plain with the charset it decodes in (utf-8, else gb18030), inline —
    else          HTML included: a report page may carry scripts, and our origin never serves
                  one as text/html; undecodable bytes are a download

Every answer of this route carries `X-Content-Type-Options: nosniff` and
`Content-Security-Policy: default-src 'none'` (ui.web.headers keeps it and adds
frame-ancestors). A report without a kept file is a 404 in the one JSON error shape.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, Response

from assistant.links import SOURCE_ROUTE
from ui.web.context import WebContext

SOURCE_CSP = "default-src 'none'"
# Text and downloads are also sandboxed (a unique origin, no scripts); a PDF is not: a
# sandboxed document may not load a browser's built-in viewer (pdf.js runs as script).
SANDBOXED_CSP = f"{SOURCE_CSP}; sandbox"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_CHARSETS = ("utf-8", "gb18030")

router = APIRouter(tags=["问答"])


def content_disposition(kind: str, name: str, suffix: str) -> str:
    """`inline`/`attachment` with an ASCII fallback name and the real (Chinese) name, RFC 6266."""
    real = name if name.lower().endswith(suffix) else f"{name}{suffix}"
    return f"{kind}; filename=\"report{suffix}\"; filename*=UTF-8''{quote(real, safe='')}"


def text_charset(data: bytes) -> str | None:
    for charset in TEXT_CHARSETS:
        try:
            data.decode(charset)
        except UnicodeDecodeError:
            continue
        return charset
    return None


def _headers(kind: str, name: str, suffix: str, *, sandbox: bool = True) -> dict[str, str]:
    return {
        "Content-Disposition": content_disposition(kind, name, suffix),
        "Content-Security-Policy": SANDBOXED_CSP if sandbox else SOURCE_CSP,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
    }


def source_response(path: Path, name: str) -> Response:
    """The kept file as a response whose type a browser cannot turn into a page of ours."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return FileResponse(path, media_type="application/pdf",
                            headers=_headers("inline", name, suffix, sandbox=False))
    if suffix == ".docx":
        return FileResponse(path, media_type=DOCX, headers=_headers("attachment", name, suffix))
    data = path.read_bytes()
    charset = text_charset(data)
    if charset is None:
        return Response(data, media_type="application/octet-stream",
                        headers=_headers("attachment", name, suffix))
    return Response(data, headers={**_headers("inline", name, suffix),
                                   "Content-Type": f"text/plain; charset={charset}"})


def _source_name(ctx: WebContext, report_id: str, path: Path) -> str:
    for entry in ctx.assistant.reports():
        if entry.report_id == report_id:
            return entry.source_name or path.name
    return path.name


@router.get(SOURCE_ROUTE.replace("{report_id}", "{report_id:path}"), summary="报告原文文件",
            description="引用中「查看原文」链接指向这里：PDF 在浏览器中打开，Word 文件下载，"
                        "网页和文本报告以纯文本显示。未保存原文的报告返回 404。")
async def source(report_id: str, request: Request) -> Response:
    ctx: WebContext = request.app.state.web
    path = await run_in_threadpool(ctx.assistant.source_file, report_id)
    name = await run_in_threadpool(_source_name, ctx, report_id, path)
    return source_response(path, name)
