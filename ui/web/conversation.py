"""The chat turn shared by the full page and the widget: check, stream, render; retry, edit;
the conversation kept in the browser.

Gradio state per browser tab:
    messages  list of {"role", "content"} dicts shown in the Chatbot (content = safe HTML)
    pairs     list of (question, answer text) in plain text: the history sent to the assistant
    since     index into pairs where the current scope began (the pickers changed there):
              only pairs[since:] are history for the assistant
A question that breaks a limit is not an error of the page: the message goes under the
box, the typed text and the conversation stay, and the log gets one line.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.models import Answer
from index.errors import AssistantError
from ui.web.context import WebContext
from ui.web.feedback import Feedback, Rating
from ui.web.render import answer_html, answer_text_html, esc, user_bubble
from ui.web.service import history_turns, scope_of, stream_answer

Messages = list[dict[str, Any]]
MAX_OPTIONS = 8  # buttons under one answer (a long list of agencies stays in the text)
Pairs = list[tuple[str, str]]
THINKING = "正在查找报告……"
UNEXPECTED = "抱歉，系统出错了，请稍后再试。"
EMPTY = "请先输入问题。"
KEPT_TURNS = 30  # turns kept in the browser's storage
log = logging.getLogger(__name__)


def help_html(max_chars: int, error: str = "", length: int = 0) -> str:
    """The line under the question box: an inline error (role=alert) and the counter."""
    return (f'<div class="q-help"><span id="q-error" class="q-error" role="alert">{esc(error)}</span>'
            f'<span id="q-count" class="q-count" title="最多 {max_chars} 字">{length} / {max_chars} 字'
            "</span></div>")


def question_problem(ctx: WebContext, question: str | None) -> str:
    """What is wrong with a question, in Chinese, or "" when it can be asked."""
    text = (question or "").strip()
    if not text:
        return EMPTY
    limit = ctx.settings.max_question_chars
    if len(text) > limit:
        return f"问题太长了：{len(text)} 个字，最多 {limit} 个字。请删减 {len(text) - limit} 个字后再问。"
    return ""


def respond(ctx: WebContext, question: str, messages: Messages | None, pairs: Pairs | None,
            agency: str | None, year: str | None, *, strict: bool = False,
            since: int = 0) -> Iterator[tuple[Any, ...]]:
    """Generator for a submit: yields (textbox, messages, pairs, help line) as the answer
    streams. A question over a limit changes nothing but the help line."""
    limit = ctx.settings.max_question_chars
    problem = question_problem(ctx, question)
    if problem:
        log.info("question refused: %s (%d chars)", "empty" if problem == EMPTY else "too long",
                 len((question or "").strip()))
        yield gr.update(), gr.update(), gr.update(), help_html(limit, problem, len((question or "").strip()))
        return
    question = question.strip()
    messages = list(messages or []) + [
        {"role": "user", "content": user_bubble(question)},
        {"role": "assistant", "content": answer_text_html(THINKING)},
    ]
    pairs = [tuple(p) for p in pairs or []]  # type: ignore[misc]
    yield "", list(messages), pairs, help_html(limit)
    scope = scope_of(agency, year, strict=strict)
    answer: Answer | None = None
    try:
        turns = history_turns(pairs[since:])
        for text, final in stream_answer(ctx.assistant, question, turns, scope):
            answer = final
            messages[-1] = bot_message(final, question) if final else \
                {"role": "assistant", "content": answer_text_html(text)}
            yield gr.update(), list(messages), pairs, gr.update()
    except AssistantError as exc:
        log.info("question not answered: %s", exc)
        messages[-1] = {"role": "assistant", "content": answer_text_html(f"出错了：{exc}")}
        yield gr.update(), messages, pairs, gr.update()
        return
    except Exception:  # never show internals to the public; the log has them
        log.exception("answering failed: %r", question)
        messages[-1] = {"role": "assistant", "content": answer_text_html(UNEXPECTED)}
        yield gr.update(), messages, pairs, gr.update()
        return
    if answer is not None:
        pairs.append((question, answer.text))
        yield gr.update(), messages, pairs, gr.update()


def bot_message(answer: Answer, question: str) -> dict[str, Any]:
    """The answer's bubble; what it offers to ask next (the closest figures the reports have,
    the agencies a name may mean) as buttons under it — a click asks that."""
    message: dict[str, Any] = {"role": "assistant", "content": answer_html(answer, question)}
    if answer.options:
        message["options"] = [{"label": o, "value": o} for o in answer.options[:MAX_OPTIONS]]
    return message


def without_last_turn(messages: Messages | None, pairs: Pairs | None) -> tuple[Messages, Pairs, str]:
    """The conversation minus its last question and answer, and that question."""
    messages, pairs = list(messages or []), [tuple(p) for p in pairs or []]  # type: ignore[misc]
    if not pairs:
        return messages, pairs, ""  # type: ignore[return-value]
    question = pairs[-1][0]
    last_user = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=len(messages))
    return messages[:last_user], pairs[:-1], question  # type: ignore[return-value]


def scope_note(agency: str | None, year: str | None) -> dict[str, Any]:
    """The line put into the conversation when the scope changes."""
    scope = scope_of(agency, year)
    where = "、".join(p for p in (scope.agency, f"{scope.year}年" if scope.year else None) if p)
    text = f"以下在「{where}」的报告中查找。" if where else "以下在全部已收录的报告中查找。"
    return {"role": "assistant", "content": f'<div class="a-text scope-note"><p>{esc(text)}</p></div>'}


def _plain(message: Any) -> dict[str, str] | None:
    """A shown message as {"role", "content": html}; Gradio hands messages back with their
    content as a list of {"type": "text", "text": …} parts."""
    if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
        return None
    content = message.get("content")
    if isinstance(content, list):
        content = "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return {"role": message["role"], "content": content} if isinstance(content, str) else None


def saved(messages: Messages | None, pairs: Pairs | None, since: int, agency: str | None,
          year: str | None) -> dict[str, Any]:
    """What the browser keeps (local storage) so a reload keeps the conversation."""
    messages = [m for m in (_plain(m) for m in messages or []) if m]
    pairs = list(pairs or [])
    user_at = [i for i, m in enumerate(messages) if m.get("role") == "user"]
    if len(user_at) > KEPT_TURNS:  # keep the latest turns only
        cut_pairs = len(pairs) - KEPT_TURNS
        messages, pairs, since = messages[user_at[-KEPT_TURNS]:], pairs[cut_pairs:], max(0, since - cut_pairs)
    return {"v": 1, "messages": messages, "pairs": [list(p) for p in pairs], "since": since,
            "agency": agency or "", "year": year or ""}


def restored(stored: Any) -> tuple[Messages, Pairs, int, str, str]:
    """The kept conversation, or an empty one when nothing (usable) is kept."""
    if not isinstance(stored, dict) or stored.get("v") != 1:
        return [], [], 0, "", ""
    messages: Messages = [m for m in (_plain(m) for m in stored.get("messages") or []) if m]
    pairs = [(str(p[0]), str(p[1])) for p in stored.get("pairs") or []
             if isinstance(p, list | tuple) and len(p) == 2]
    kept = stored.get("since")
    since = kept if isinstance(kept, int) else 0
    return messages, pairs, min(max(0, since), len(pairs)), str(stored.get("agency") or ""), \
        str(stored.get("year") or "")


def feedback_key(session: str, pairs: Pairs | None, index: int | None) -> str:
    """The one key of the feedback on answer `index` (None = latest) in one browser tab."""
    pairs = pairs or []
    if not session or not pairs:
        return ""
    at = len(pairs) - 1 if index is None else max(0, min(index, len(pairs) - 1))
    return f"{session}:{at}:{pairs[at][0]}"


def record_feedback(ctx: WebContext, pairs: Pairs | None, index: int | None, rating: Rating,
                    comment: str, agency: str | None, year: str | None, page: str,
                    session: str = "") -> str:
    """Store feedback on answer `index` of `pairs` (None = the latest). One record per
    answer and browser tab: a later rating or comment on the same answer replaces it."""
    pairs = pairs or []
    if not pairs:
        return "还没有回答可以评价。"
    at = len(pairs) - 1 if index is None else max(0, min(index, len(pairs) - 1))
    question, answer = pairs[at]
    scope = scope_of(agency, year)
    key = feedback_key(session, pairs, index)
    ctx.feedback.add(Feedback(rating=rating, question=question, answer=answer,
                              comment=(comment or "").strip(), agency=scope.agency,
                              year=scope.year, page=page, key=key))
    return "感谢您的反馈，已记录。" if rating == "up" else "已记录，我们会改进这个回答。"


def like_to_pair_index(messages: Messages | None, message_index: Any) -> int:
    """Which (question, answer) pair a liked assistant message belongs to."""
    index = message_index[0] if isinstance(message_index, list | tuple) else int(message_index)
    shown = messages or []
    return sum(1 for m in shown[: index + 1] if m.get("role") == "user") - 1
