"""/widget: a compact chat made for an iframe on a portal page (360–420 px wide, 560–640 px
tall: the question box always visible), and the snippets a webmaster pastes.

`?agency=…&year=…` pins the scope, and the pin is hard: a question about another agency or
year gets 「本窗口只回答…的年报问题」 with a link to the full page (assistant.scope). The
empty chat greets the reader with three example questions for the pinned agency. The page
is allowed inside frames only from `settings.frame_ancestors` (ui.web.headers).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlencode

import gradio as gr

from ui.web.chat import STORAGE_SECRET, chatbot, question_box, turn_tools
from ui.web.context import WebContext
from ui.web.conversation import help_html, like_to_pair_index, record_feedback, respond
from ui.web.examples import agency_examples, library_examples
from ui.web.feedback import Rating
from ui.web.safe import esc
from ui.web.service import scope_of
from ui.web.turns import TurnParts, restore, then_save, wire_turns

TITLE = "政府信息公开年报问答"
LAUNCHER_LABEL = "年报问答"
STORAGE_KEY = "gov-disclosure-widget"


def _src(base_url: str, agency: str | None, year: int | str | None) -> str:
    query = urlencode({k: v for k, v in (("agency", agency), ("year", year)) if v})
    return f"{base_url.rstrip('/')}/widget/" + (f"?{query}" if query else "")


def widget_snippet(base_url: str, agency: str | None = None, year: int | str | None = None) -> str:
    """The iframe a portal webmaster pastes into a page."""
    return (f'<iframe src="{esc(_src(base_url, agency, year))}" title="{TITLE}" width="100%" '
            'height="640" style="border:1px solid #ccc;border-radius:8px;max-width:420px" '
            'loading="lazy"></iframe>')


def launcher_snippet(base_url: str, agency: str | None = None, year: int | str | None = None) -> str:
    """The one-line alternative: a floating 「年报问答」 button that opens the widget."""
    attrs = "".join(f' data-{k}="{esc(v)}"' for k, v in (("agency", agency), ("year", year)) if v)
    return f'<script src="{esc(base_url.rstrip("/"))}/widget.js"{attrs} async></script>'


def _scope_line(agency: str | None, year: int | None) -> str:
    parts = [p for p in (agency, f"{year}年" if year else None) if p]
    where = " · ".join(parts) if parts else "全部已收录的报告"
    href = "/?" + urlencode({k: v for k, v in (("agency", agency), ("year", year)) if v})
    return (f'<div id="widget-scope" class="widget-scope"><span>查询范围：<strong>{esc(where)}</strong>'
            f'</span><a href="{esc(href)}" target="_blank" rel="noopener">完整问答页 ↗</a></div>')


def widget_examples(entries: Sequence[Any], agency: str | None, year: int | None) -> list[str]:
    """The empty widget's three questions: about the pinned agency, else the library's."""
    if not agency:
        return library_examples(entries, limit=3)
    return agency_examples((e.year for e in entries if agency == e.agency
                            or agency in e.agency_aliases), year)


def welcome(agency: str | None, year: int | None) -> str:
    where = f"「{agency}」{f'{year}年' if year else ''}" if agency else (f"{year}年" if year else "各机关")
    return (f"**您好！** 这里回答{where}政府信息公开工作年度报告中的问题，"
            "每个数字都注明出处。可以点下面的问题试试：")


def build_widget_page(ctx: WebContext) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False, fill_height=True) as page:
        agency, year = gr.State(""), gr.State("")
        scope_line = gr.HTML(_scope_line(None, None), padding=False, elem_id="widget-head")
        bot = chatbot(height="100%", label=TITLE, scale=1, placeholder=welcome(None, None))
        tools, retry, edit = turn_tools()
        with gr.Row(equal_height=True, elem_id="widget-ask"):
            question = question_box(lines_max=3)
            send = gr.Button("提问", variant="primary", scale=0, min_width=72, elem_id="send")
        q_help = gr.HTML(help_html(ctx.settings.max_question_chars), elem_id="q-help", padding=False)
        parts = TurnParts(question=question, bot=bot, q_help=q_help, tools=tools, retry=retry,
                          edit=edit, agency=agency, year=year, pairs=gr.State([]), since=gr.State(0),
                          store=gr.BrowserState(None, storage_key=STORAGE_KEY, secret=STORAGE_SECRET))
        wire_turns(ctx, parts, (question.submit, send.click), strict=True)
        session = gr.State(lambda: uuid.uuid4().hex[:12])

        def example(msgs: Any, prs: Any, ag: str, yr: str, since: int,
                    data: gr.SelectData) -> Iterator[Any]:
            text = data.value.get("text", "") if isinstance(data.value, dict) else str(data.value)
            yield from respond(ctx, text, msgs, prs, ag, yr, strict=True, since=since)

        then_save(bot.example_select(example, [bot, parts.pairs, agency, year, parts.since],
                                     [question, bot, parts.pairs, q_help], show_progress="hidden",
                                     concurrency_limit=4), parts)

        def liked(msgs: Any, prs: Any, ag: str, yr: str, sid: str, data: gr.LikeData) -> None:
            if data.liked is None or data.liked == "":
                return
            rating: Rating = "up" if data.liked is True or data.liked == "Like" else "down"
            record_feedback(ctx, prs, like_to_pair_index(msgs, data.index), rating, "", ag, yr,
                            "widget", sid)

        bot.like(liked, [bot, parts.pairs, agency, year, session], None)

        def pin(stored: Any, request: gr.Request) -> tuple[Any, ...]:
            """The scope from the address, the greeting and examples for it, and the
            conversation kept in this browser for the same scope."""
            params = request.query_params if request else {}
            scope = scope_of(params.get("agency"), params.get("year"))
            ag, yr = scope.agency or "", str(scope.year or "")
            entries = ctx.assistant.reports()
            examples = [{"text": q} for q in widget_examples(entries, scope.agency, scope.year)]
            messages, pairs, since, tools_update = restore(stored, ag, yr)
            shown = gr.update(value=messages, examples=examples,
                              placeholder=welcome(scope.agency, scope.year))
            return ag, yr, _scope_line(scope.agency, scope.year), shown, pairs, since, tools_update

        page.load(pin, [parts.store], [agency, year, scope_line, bot, parts.pairs, parts.since, tools])
    return page

