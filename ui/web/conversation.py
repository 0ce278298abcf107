"""The chat turn shared by the full page and the widget: validate, stream, render, chart.

Gradio state per browser tab:
    messages  list of {"role", "content"} dicts shown in the Chatbot (content = safe HTML)
    pairs     list of (question, answer text) in plain text: the history sent to the assistant
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import gradio as gr
import pandas as pd

from assistant.models import Answer, Series
from index.errors import AssistantError
from ui.web.context import WebContext
from ui.web.feedback import Feedback, Rating
from ui.web.render import answer_html, answer_text_html, esc, user_bubble
from ui.web.service import history_turns, scope_of, stream_answer

Messages = list[dict[str, Any]]
Pairs = list[tuple[str, str]]
THINKING = "正在查找报告……"
UNEXPECTED = "抱歉，系统出错了，请稍后再试。"
log = logging.getLogger(__name__)


def chart_update(series: tuple[Series, ...]) -> Any:
    """A bar chart of the answer's figures over years/agencies, hidden when there are none."""
    if not series:
        return gr.update(visible=False)
    rows = [
        {"类别": label, "数值": value, "系列": f"{s.title}（{s.unit}）"}
        for s in series
        for label, value in zip(s.labels, s.values, strict=False)
    ]
    title = "、".join(s.title for s in series)
    return gr.update(value=pd.DataFrame(rows), visible=True, label=f"图表：{title}",
                     y_title=f"数值（{series[0].unit}）",
                     sort=list(dict.fromkeys(label for s in series for label in s.labels)))


def validate_question(ctx: WebContext, question: str) -> str:
    question = (question or "").strip()
    if not question:
        raise gr.Error("请输入问题。")
    limit = ctx.settings.max_question_chars
    if len(question) > limit:
        raise gr.Error(f"问题太长了：{len(question)} 个字，最多 {limit} 个字。请精简后再问。")
    return question


def respond(ctx: WebContext, question: str, messages: Messages | None, pairs: Pairs | None,
            agency: str | None, year: str | None) -> Iterator[tuple[Any, ...]]:
    """Generator for a submit: yields (textbox, messages, pairs, chart) as the answer streams."""
    question = validate_question(ctx, question)
    messages = list(messages or []) + [
        {"role": "user", "content": user_bubble(question)},
        {"role": "assistant", "content": answer_text_html(THINKING)},
    ]
    pairs = list(pairs or [])
    yield "", list(messages), pairs, gr.update()
    scope = scope_of(agency, year)
    answer: Answer | None = None
    try:
        for text, final in stream_answer(ctx.assistant, question, history_turns(pairs), scope):
            answer = final
            messages[-1] = {"role": "assistant",
                            "content": answer_html(final) if final else answer_text_html(text)}
            yield gr.update(), list(messages), pairs, gr.update()
    except AssistantError as exc:
        messages[-1] = {"role": "assistant", "content": answer_text_html(f"出错了：{exc}")}
        yield gr.update(), messages, pairs, gr.update(visible=False)
        return
    except Exception:  # never show internals to the public; the log has them
        log.exception("answering failed: %r", question)
        messages[-1] = {"role": "assistant", "content": answer_text_html(UNEXPECTED)}
        yield gr.update(), messages, pairs, gr.update(visible=False)
        return
    if answer is not None:
        pairs.append((question, answer.text))
        yield gr.update(), messages, pairs, chart_update(answer.series)


def scope_note(agency: str | None, year: str | None) -> Messages:
    """A fresh conversation after the scope changed, saying what is searched now."""
    scope = scope_of(agency, year)
    where = "、".join(p for p in (scope.agency, f"{scope.year}年" if scope.year else None) if p)
    text = f"现在只在「{where}」的报告中查找。" if where else "现在在全部报告中查找。"
    return [{"role": "assistant", "content": f'<div class="a-text"><p>{esc(text)}</p></div>'}]


def record_feedback(ctx: WebContext, pairs: Pairs | None, index: int | None, rating: Rating,
                    comment: str, agency: str | None, year: str | None, page: str) -> str:
    """Store feedback on answer `index` of `pairs` (None = the latest). Returns a status line."""
    pairs = pairs or []
    if not pairs:
        return "还没有回答可以评价。"
    question, answer = pairs[-1 if index is None else min(index, len(pairs) - 1)]
    scope = scope_of(agency, year)
    ctx.feedback.add(Feedback(rating=rating, question=question, answer=answer,
                              comment=(comment or "").strip(), agency=scope.agency,
                              year=scope.year, page=page))
    return "感谢您的反馈，已记录。" if rating == "up" else "已记录，我们会改进这个回答。"


def like_to_pair_index(messages: Messages | None, message_index: Any) -> int:
    """Which (question, answer) pair a liked assistant message belongs to."""
    index = message_index[0] if isinstance(message_index, list | tuple) else int(message_index)
    shown = messages or []
    return sum(1 for m in shown[: index + 1] if m.get("role") == "user") - 1
