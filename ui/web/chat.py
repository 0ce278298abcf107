"""The public chat page at /: scope pickers, streaming chat with linked citations and charts,
retry / edit of the last question, example questions, 👍/👎 feedback, the conversation
kept in the browser across reloads, and the 「报告」 tab."""

from __future__ import annotations

import uuid
from typing import Any

import gradio as gr

from ui.web.context import WebContext
from ui.web.conversation import (
    feedback_key,
    help_html,
    like_to_pair_index,
    record_feedback,
    restored,
)
from ui.web.examples import library_examples
from ui.web.feedback import Rating
from ui.web.report_view import build_report_tab
from ui.web.service import (
    ALL_AGENCIES,
    ALL_YEARS,
    agency_choices,
    listed_agency,
    scope_of,
    year_choices,
)
from ui.web.turns import TurnParts, restore, wire_turns

TITLE = "政府信息公开年度报告问答"
INTRO = ("根据各机关公开的《政府信息公开工作年度报告》回答问题。每个数字都标注来源：点答案里的 [1]、[2] "
         "可以看到数字在报告哪张表、哪一行、哪一栏，并可打开报告原文核对。")
EXAMPLES = (
    "红旗区财政局2023年收到了多少政府信息公开申请？",
    "洪泽区人民政府2024年有多少申请不予公开？",
    "洪泽区人民政府2023年到2024年收到的申请有什么变化？",
    "上海市人民政府办公厅2025年被行政复议了几次？",
)
STORAGE_KEY = "gov-disclosure-chat"
# Local storage is the reader's own; the value is only obfuscated, not a secret.
STORAGE_SECRET = "gov-disclosure-assistant/conversation/v1"


def chatbot(height: int | str, label: str = "对话", **extra: Any) -> gr.Chatbot:
    return gr.Chatbot(
        label=label, show_label=False, elem_id="chat", height=height, sanitize_html=True,
        render_markdown=True, feedback_options=("Like", "Dislike"), buttons=["copy"],
        group_consecutive_messages=False,
        layout="panel", latex_delimiters=[], **{"placeholder": "请在下方输入问题，或点击示例问题。", **extra},
    )


def question_box(lines_max: int = 4) -> gr.Textbox:
    return gr.Textbox(label="您的问题", placeholder="请输入问题，按回车提问", lines=1,
                      max_lines=lines_max, scale=5, min_width=200, elem_id="question",
                      autofocus=True)


def turn_tools() -> tuple[gr.Row, gr.Button, gr.Button]:
    with gr.Row(visible=False, elem_id="turn-tools") as tools:
        retry = gr.Button("↻ 重新回答", size="sm", elem_id="retry", variant="secondary")
        edit = gr.Button("✎ 修改问题", size="sm", elem_id="edit", variant="secondary")
    return tools, retry, edit


def build_chat_page(ctx: WebContext) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as page:
        gr.Markdown(f"# {TITLE}\n\n{INTRO}")
        with gr.Tabs():
            with gr.Tab("问答", id="chat-tab"):
                loaded, scope = _build_chat(ctx, page)
            with gr.Tab("报告", id="report-tab"):
                tab = build_report_tab(ctx)
        # the tab opens on the report of the page's scope (kept, or linked with ?agency=&year=)
        loaded.then(tab.fill, list(scope), [tab.picker], show_progress="hidden")
        for picker in scope:
            picker.input(tab.follow, list(scope), [tab.picker], show_progress="hidden")
    return page


def _build_chat(ctx: WebContext, page: gr.Blocks) -> tuple[Any, tuple[gr.Dropdown, gr.Dropdown]]:
    """The 「问答」 tab; returns its load event and its scope pickers (agency, year)."""
    with gr.Row(equal_height=True):
        agency = gr.Dropdown([ALL_AGENCIES], value=ALL_AGENCIES, label="机关", elem_id="pick-agency",
                             scale=3, min_width=220, elem_classes=["picker"])
        year = gr.Dropdown([ALL_YEARS], value=ALL_YEARS, label="年度", elem_id="pick-year",
                           scale=1, min_width=140, elem_classes=["picker"])
    bot = chatbot(height="min(62vh, 600px)")
    tools, retry, edit = turn_tools()
    with gr.Row(equal_height=True):
        question = question_box()
        send = gr.Button("提问", variant="primary", scale=1, min_width=100, elem_id="send")
    q_help = gr.HTML(help_html(ctx.settings.max_question_chars), elem_id="q-help", padding=False)
    examples = gr.Dataset(components=[question], samples=[[q] for q in EXAMPLES],
                          label="示例问题（点击填入）", elem_id="examples")
    examples.click(lambda sample: sample[0] if sample else gr.update(), [examples], [question],
                   show_progress="hidden")
    with gr.Accordion("这个回答有帮助吗？", open=False, elem_id="feedback-box") as box:
        comment = gr.Textbox(label="补充意见（可选）", lines=2, max_lines=6, elem_id="feedback-comment")
        with gr.Row():
            up = gr.Button("👍 有帮助", elem_id="feedback-up", size="md")
            down = gr.Button("👎 没帮助", elem_id="feedback-down", size="md")
        status = gr.Markdown("", elem_id="feedback-status")

    applied = gr.State(f"{ALL_AGENCIES}|{ALL_YEARS}")
    parts = TurnParts(
        question=question, bot=bot, q_help=q_help, tools=tools, retry=retry, edit=edit,
        agency=agency, year=year, store=gr.BrowserState(None, storage_key=STORAGE_KEY,
                                                        secret=STORAGE_SECRET),
        pairs=gr.State([]), since=gr.State(0), applied=applied,
    )
    wire_turns(ctx, parts, (question.submit, send.click))
    session = gr.State(lambda: uuid.uuid4().hex[:12])

    def rate(rating: Rating) -> Any:
        def handler(prs: Any, text: str, ag: str, yr: str, sid: str) -> tuple[str, str]:
            return record_feedback(ctx, prs, None, rating, text, ag, yr, "chat", sid), ""
        return handler

    feedback_in = [parts.pairs, comment, agency, year, session]
    up.click(rate("up"), feedback_in, [status, comment])
    down.click(rate("down"), feedback_in, [status, comment])

    def liked(msgs: Any, prs: Any, ag: str, yr: str, sid: str, data: gr.LikeData) -> tuple[str, Any]:
        index = like_to_pair_index(msgs, data.index)
        if data.liked is None or data.liked == "":  # the reader un-clicked their rating
            ctx.feedback.withdraw(feedback_key(sid, prs, index))
            return "已撤回评价。", gr.update()
        rating: Rating = "up" if data.liked is True or data.liked == "Like" else "down"
        message = record_feedback(ctx, prs, index, rating, "", ag, yr, "chat", sid)
        return message + "如愿意，可在下方补充意见后再点一次。", gr.update(open=True)

    bot.like(liked, [bot, parts.pairs, agency, year, session], [status, box])

    def on_load(stored: Any, request: gr.Request) -> tuple[Any, ...]:
        """Pickers filled from the catalog; the kept conversation (and its scope) back;
        ?q=… (the widget's 「在完整问答页提问」) in the question box."""
        entries = ctx.assistant.reports()
        agencies, years = agency_choices(entries), year_choices(entries)
        _, _, _, kept_agency, kept_year = restored(stored)
        params = request.query_params if request else {}
        linked = scope_of(params.get("agency"), params.get("year"))  # the widget's 「完整问答页」
        wanted_agency = listed_agency(entries, linked.agency) or kept_agency
        wanted_year = str(linked.year) if linked.year else kept_year
        ag = wanted_agency if wanted_agency in agencies else ALL_AGENCIES
        yr = wanted_year if wanted_year in years else ALL_YEARS
        query = params.get("q") or ""
        samples = [[q] for q in library_examples(entries)]
        return (gr.update(choices=agencies, value=ag), gr.update(choices=years, value=yr),
                gr.update(value=query[:ctx.settings.max_question_chars]) if query else gr.update(),
                *restore(stored), f"{ag}|{yr}", gr.update(samples=samples, visible=bool(samples)))

    loaded = page.load(on_load, [parts.store], [agency, year, question, bot, parts.pairs, parts.since,
                                                tools, applied, examples])
    return loaded, (agency, year)
