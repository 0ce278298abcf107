"""/widget: a compact chat made for an iframe on a portal page.

`?agency=…&year=…` pins the scope. The page is allowed inside frames only from
`settings.frame_ancestors` (CSP frame-ancestors, set by ui.web.headers).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import gradio as gr

from ui.web.chat import chart, chatbot
from ui.web.context import WebContext
from ui.web.conversation import record_feedback, respond
from ui.web.feedback import Rating
from ui.web.render import esc
from ui.web.service import scope_of

TITLE = "政府信息公开年报问答"


def widget_snippet(base_url: str, agency: str | None = None, year: int | str | None = None) -> str:
    """The HTML a portal webmaster pastes into a page."""
    query = urlencode({k: v for k, v in (("agency", agency), ("year", year)) if v})
    src = f"{base_url.rstrip('/')}/widget/" + (f"?{query}" if query else "")
    return (f'<iframe src="{esc(src)}" title="{TITLE}" width="100%" height="640" '
            'style="border:1px solid #ccc;border-radius:8px;max-width:720px" '
            'loading="lazy"></iframe>')


def _scope_line(agency: str | None, year: int | None) -> str:
    parts = [p for p in (agency, f"{year}年" if year else None) if p]
    where = "、".join(parts) if parts else "全部已收录报告"
    return f'<div id="widget-scope">查询范围：{esc(where)}</div>'


def build_widget_page(ctx: WebContext) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False, fill_height=True) as page:
        agency = gr.State("")
        year = gr.State("")
        pairs = gr.State([])
        scope_line = gr.HTML(_scope_line(None, None))
        bot = chatbot(height=360, label=TITLE)
        plot = chart()
        with gr.Row(equal_height=True):
            question = gr.Textbox(label="您的问题", placeholder="请输入问题，按回车提问", lines=1,
                                  max_lines=3, scale=5, min_width=200, elem_id="question")
            send = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="send")
        with gr.Row():
            up = gr.Button("👍 有帮助", size="sm", elem_id="feedback-up", min_width=90)
            down = gr.Button("👎 没帮助", size="sm", elem_id="feedback-down", min_width=90)
            status = gr.Markdown("", elem_id="feedback-status")

        def ask(q: str, msgs: Any, prs: Any, ag: str, yr: str) -> Any:
            yield from respond(ctx, q, msgs, prs, ag, yr)

        for trigger in (question.submit, send.click):
            trigger(ask, [question, bot, pairs, agency, year], [question, bot, pairs, plot],
                    concurrency_limit=4)

        def rate(rating: Rating) -> Any:
            def handler(prs: Any, ag: str, yr: str) -> str:
                return record_feedback(ctx, prs, None, rating, "", ag, yr, "widget")
            return handler

        bot.clear(lambda: ([], gr.update(visible=False)), None, [pairs, plot])
        up.click(rate("up"), [pairs, agency, year], [status])
        down.click(rate("down"), [pairs, agency, year], [status])

        def pin(request: gr.Request) -> tuple[str, str, str]:
            params = request.query_params if request else {}
            scope = scope_of(params.get("agency"), params.get("year"))
            return (scope.agency or "", str(scope.year or ""), _scope_line(scope.agency, scope.year))

        page.load(pin, None, [agency, year, scope_line])
    return page
