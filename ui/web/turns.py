"""The events of a conversation, wired the same way on the chat page and in the widget:
ask (Enter or 提问), 重新回答 and 修改问题 on the last turn, 清空, a changed scope, and
saving the conversation to the browser's local storage after each of them.

No event shows Gradio's progress overlay: the bubble 「正在查找报告……」 is the progress,
and nothing ever covers the conversation or the question box.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui.web.context import WebContext
from ui.web.conversation import (
    help_html,
    respond,
    restored,
    saved,
    scope_note,
    without_last_turn,
)


@dataclass
class TurnParts:
    question: gr.Textbox
    bot: gr.Chatbot
    q_help: gr.HTML
    tools: gr.Row  # 重新回答 / 修改问题, shown once there is a turn
    retry: gr.Button
    edit: gr.Button
    agency: Any  # gr.Dropdown (chat page) or gr.State (widget)
    year: Any
    store: gr.BrowserState
    pairs: gr.State
    since: gr.State
    applied: gr.State | None = None  # "agency|year" the conversation is scoped to (pickers)


def restore(stored: Any, agency: str = "", year: str = "") -> tuple[Any, ...]:
    """(messages, pairs, since, tools) from local storage; a conversation kept for another
    pinned scope (`agency`, `year`: the widget's) is not restored."""
    messages, pairs, since, kept_agency, kept_year = restored(stored)
    if (agency or year) and (kept_agency, kept_year) != (agency, year):
        return [], [], 0, gr.update(visible=False)
    return messages, pairs, since, gr.update(visible=bool(pairs))


def _save(msgs: Any, prs: Any, since: int, ag: str, yr: str) -> tuple[Any, Any]:
    return gr.update(visible=bool(prs)), saved(msgs, prs, since, ag, yr)


def then_save(event: Any, p: TurnParts) -> Any:
    """After `event`: show the turn tools when there is a turn; keep the conversation."""
    return event.then(_save, [p.bot, p.pairs, p.since, p.agency, p.year], [p.tools, p.store])


def wire_turns(ctx: WebContext, p: TurnParts, triggers: Sequence[Callable[..., Any]], *,
               strict: bool = False) -> None:
    limit = ctx.settings.max_question_chars
    quiet: dict[str, Any] = {"show_progress": "hidden", "concurrency_limit": 4}

    def ask(q: str, msgs: Any, prs: Any, ag: str, yr: str, since: int) -> Iterator[Any]:
        yield from respond(ctx, q, msgs, prs, ag, yr, strict=strict, since=since)

    for trigger in triggers:  # a question sent while an answer streams is asked right after it
        then_save(trigger(ask, [p.question, p.bot, p.pairs, p.agency, p.year, p.since],
                          [p.question, p.bot, p.pairs, p.q_help], trigger_mode="always_last",
                          **quiet), p)

    def chosen(msgs: Any, prs: Any, ag: str, yr: str, since: int,
               evt: gr.SelectData) -> Iterator[Any]:
        """A button under an answer: its question asked as the next turn."""
        yield from respond(ctx, str(evt.value or ""), msgs, prs, ag, yr, strict=strict, since=since)

    then_save(p.bot.option_select(chosen, [p.bot, p.pairs, p.agency, p.year, p.since],
                                  [p.question, p.bot, p.pairs, p.q_help], **quiet), p)

    def again(msgs: Any, prs: Any, ag: str, yr: str, since: int) -> Iterator[Any]:
        msgs, prs, question = without_last_turn(msgs, prs)
        if not question:
            yield gr.update(), gr.update(), gr.update()
            return
        for _, shown, pairs, _ in respond(ctx, question, msgs, prs, ag, yr, strict=strict,
                                          since=min(since, len(prs))):
            yield shown, pairs, gr.update()

    then_save(p.retry.click(again, [p.bot, p.pairs, p.agency, p.year, p.since],
                            [p.bot, p.pairs, p.q_help], **quiet), p)

    def edit(msgs: Any, prs: Any, since: int) -> tuple[Any, ...]:
        msgs, prs, question = without_last_turn(msgs, prs)
        if not question:
            return gr.update(), gr.update(), gr.update(), gr.update(), gr.update()
        return (gr.update(value=question), msgs, prs, min(since, len(prs)),
                help_html(limit, "", len(question)))

    then_save(p.edit.click(edit, [p.bot, p.pairs, p.since],
                           [p.question, p.bot, p.pairs, p.since, p.q_help], show_progress="hidden"), p)

    def cleared() -> tuple[Any, ...]:
        return [], 0, gr.update(visible=False), None

    p.bot.clear(cleared, None, [p.pairs, p.since, p.tools, p.store])

    if p.applied is None:
        return

    def rescope(ag: str, yr: str, msgs: Any, prs: Any, applied: str) -> tuple[Any, ...]:
        """A newly chosen agency/year: a note in the conversation, earlier turns kept on
        screen but no longer history. Focus merely passing the pickers changes nothing."""
        key = f"{ag}|{yr}"
        if key == applied:
            return gr.skip(), gr.skip(), gr.skip()
        shown = list(msgs or [])
        if shown and "scope-note" in str(shown[-1].get("content", "")):
            shown[-1] = scope_note(ag, yr)  # two changes in a row: one note
        elif shown:
            shown.append(scope_note(ag, yr))
        return shown, len(prs or []), key

    for picker in (p.agency, p.year):
        then_save(picker.change(rescope, [p.agency, p.year, p.bot, p.pairs, p.applied],
                                [p.bot, p.since, p.applied], show_progress="hidden"), p)
