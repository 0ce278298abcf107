"""The public chat page at /: scope pickers, streaming chat with citations, chart,
example questions, 👍/👎 feedback, and the 「报告」 tab."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui.web.context import WebContext
from ui.web.conversation import (
    like_to_pair_index,
    record_feedback,
    respond,
    scope_note,
)
from ui.web.feedback import Rating
from ui.web.report_view import build_report_tab
from ui.web.service import ALL_AGENCIES, ALL_YEARS, agency_choices, year_choices

TITLE = "政府信息公开年度报告问答"
INTRO = ("根据各机关公开的《政府信息公开工作年度报告》回答问题。每个数字都标注来源，"
         "点击答案下方的「引用来源」可以查看引文，点「查看原文」可以打开报告文件。")
EXAMPLES = (
    "红旗区财政局2023年收到了多少政府信息公开申请？",
    "洪泽区人民政府2024年有多少申请不予公开？",
    "洪泽区人民政府2023年到2024年收到的申请有什么变化？",
    "上海市人民政府办公厅2025年被行政复议了几次？",
)


def chatbot(height: int | str, label: str = "对话") -> gr.Chatbot:
    return gr.Chatbot(
        label=label, show_label=False, elem_id="chat", height=height, sanitize_html=True,
        render_markdown=True,
        feedback_options=("Like", "Dislike"), buttons=["copy"], layout="panel",
        latex_delimiters=[], placeholder="请在下方输入问题，或点击示例问题。",
    )


def chart() -> gr.BarPlot:
    return gr.BarPlot(x="类别", y="数值", color="系列", visible=False, label="图表",
                      elem_id="answer-chart", height=300, x_title="", y_title="数值")


def build_chat_page(ctx: WebContext) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as page:
        gr.Markdown(f"# {TITLE}\n\n{INTRO}")
        with gr.Tabs():
            with gr.Tab("问答", id="chat-tab"):
                _build_chat(ctx, page)
            with gr.Tab("报告", id="report-tab"):
                build_report_tab(ctx, page)
    return page


def _build_chat(ctx: WebContext, page: gr.Blocks) -> None:
    with gr.Row(equal_height=True):
        agency = gr.Dropdown([ALL_AGENCIES], value=ALL_AGENCIES, label="机关", elem_id="pick-agency",
                             scale=3, min_width=220)
        year = gr.Dropdown([ALL_YEARS], value=ALL_YEARS, label="年度", elem_id="pick-year",
                           scale=1, min_width=140)
    pairs = gr.State([])
    bot = chatbot(height="min(60vh, 560px)")
    plot = chart()
    with gr.Row(equal_height=True):
        question = gr.Textbox(label="您的问题", placeholder="请输入问题，按回车提问",
                              lines=1, max_lines=4, scale=5, min_width=240, elem_id="question",
                              autofocus=True)
        send = gr.Button("提问", variant="primary", scale=1, min_width=100, elem_id="send")
    gr.Examples([[q] for q in EXAMPLES], inputs=[question], label="示例问题（点击填入）")
    with gr.Accordion("这个回答有帮助吗？", open=False, elem_id="feedback-box") as box:
        comment = gr.Textbox(label="补充意见（可选）", lines=2, max_lines=6, elem_id="feedback-comment")
        with gr.Row():
            up = gr.Button("👍 有帮助", elem_id="feedback-up", size="md")
            down = gr.Button("👎 没帮助", elem_id="feedback-down", size="md")
        status = gr.Markdown("", elem_id="feedback-status")

    def ask(q: str, msgs: Any, prs: Any, ag: str, yr: str) -> Any:
        yield from respond(ctx, q, msgs, prs, ag, yr)

    outputs = [question, bot, pairs, plot]
    for trigger in (question.submit, send.click):
        trigger(ask, [question, bot, pairs, agency, year], outputs, concurrency_limit=4)

    def rescope(ag: str, yr: str) -> tuple[Any, ...]:
        return scope_note(ag, yr), [], gr.update(visible=False)

    for picker in (agency, year):
        picker.input(rescope, [agency, year], [bot, pairs, plot])

    def rate(rating: Rating) -> Any:
        def handler(prs: Any, text: str, ag: str, yr: str) -> tuple[str, str]:
            return record_feedback(ctx, prs, None, rating, text, ag, yr, "chat"), ""
        return handler

    up.click(rate("up"), [pairs, comment, agency, year], [status, comment])
    down.click(rate("down"), [pairs, comment, agency, year], [status, comment])

    def liked(msgs: Any, prs: Any, ag: str, yr: str, data: gr.LikeData) -> tuple[str, Any]:
        rating: Rating = "up" if data.liked is True or data.liked == "Like" else "down"
        index = like_to_pair_index(msgs, data.index)
        message = record_feedback(ctx, prs, index, rating, "", ag, yr, "chat")
        return message + "如愿意，可在下方补充意见。", gr.update(open=True)

    bot.like(liked, [bot, pairs, agency, year], [status, box])
    bot.clear(lambda: ([], gr.update(visible=False)), None, [pairs, plot])

    def load_pickers() -> tuple[Any, Any]:
        entries = ctx.assistant.reports()
        return (gr.update(choices=agency_choices(entries)), gr.update(choices=year_choices(entries)))

    page.load(load_pickers, None, [agency, year])
