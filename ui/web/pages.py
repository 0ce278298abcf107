"""Pages rendered by the server itself, without Gradio: the report's tables, the readable
source view, the staff login, an error page. One shell, one stylesheet (static/page.css),
no script at all; each response carries its own strict Content-Security-Policy."""

from __future__ import annotations

from fastapi.responses import HTMLResponse

from ui.web.assets import asset_url
from ui.web.safe import esc

# Our pages load our stylesheet and nothing else; forms post only where we say.
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
            "form-action 'self'")
# A page that shows a report's own text: additionally a sandbox (a unique origin, no
# script, no forms), so nothing in the report can run or reach the site.
SANDBOXED_PAGE_CSP = f"{PAGE_CSP}; sandbox"
SITE = "政府信息公开年度报告问答"


def page_html(title: str, body: str, *, body_class: str = "") -> str:
    css = f' class="{esc(body_class)}"' if body_class else ""
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="referrer" content="same-origin">'
            f"<title>{esc(title)} · {esc(SITE)}</title>"
            f'<link rel="stylesheet" href="{asset_url("page.css")}"></head>'
            f"<body{css}>{body}</body></html>")


def page_response(title: str, body: str, *, status: int = 200, sandbox: bool = False,
                  body_class: str = "") -> HTMLResponse:
    return HTMLResponse(page_html(title, body, body_class=body_class), status_code=status,
                        headers={"Content-Security-Policy": SANDBOXED_PAGE_CSP if sandbox else PAGE_CSP,
                                 "X-Content-Type-Options": "nosniff",
                                 "Cache-Control": "no-cache"})


def error_page(status: int, message: str) -> HTMLResponse:
    body = (f'<main class="narrow"><h1>没有找到</h1><p class="err" role="alert">{esc(message)}</p>'
            f'<p><a href="/">返回问答页</a></p></main>')
    return page_response("出错了", body, status=status)
