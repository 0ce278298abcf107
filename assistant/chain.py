"""The answering chain, as a LangChain Runnable:

    understand → retrieve → write (composer, or LLM with the composer as fallback) → guard

Each step is a `RunnableLambda` over a plain dict state; the result is an `Answer`.
A message with several asks (「…收到多少申请？企业有多少？」) is split into clauses
(`clauses.split`) by `understand`, each understood as a follow-up of the ones before it;
every step then works on each clause ("parts" of the state), and `guard` checks each draft,
joins them into one answer with one citation numbering and checks the whole again.
An answer whose numbers fail the guard is never returned: the composer's draft replaces an
LLM draft that fails, and a composer draft that fails becomes "cannot be answered".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant import clauses, composer, guard
from assistant.conversation import resolve
from assistant.draft import Draft
from assistant.models import Answer, Turn
from assistant.retrieval import Evidence, Retriever
from assistant.understanding.agency import AgencyResolver
from assistant.understanding.intent import DEFINE, Query

State = dict[str, Any]
REFUSAL = "抱歉，这个问题我无法给出有可靠出处的回答。"


def _ask_key(q: Query, intent: str) -> tuple[object, ...]:
    return (q.agency, q.years, q.cells, q.column, intent)


def _understand(state: State) -> State:
    """One query per question clause; a later clause that asks what an earlier one did
    (「什么是过程性信息？有几件」 on a pinned page: the definition gives the figure) is dropped."""
    resolver: AgencyResolver = state["resolver"]
    history = list(state["history"])
    parts: list[State] = []
    seen: set[tuple[object, ...]] = set()
    for ask in clauses.split(state["question"]):
        query = resolve(ask, tuple(history), resolver, state["today"], state["scope"],
                        continues=bool(parts))
        history.append(Turn(role="user", content=ask))
        covered = {_ask_key(query, query.intent), _ask_key(query, DEFINE)}
        if parts and covered & seen:
            continue
        seen.add(_ask_key(query, query.intent))
        parts.append({"question": ask, "query": query})
    return {**state, "parts": parts, "query": parts[0]["query"]}


def _retrieve(state: State) -> State:
    retriever: Retriever = state["retriever"]
    parts = [{**p, "evidence": retriever.gather(p["query"])} for p in state["parts"]]
    return {**state, "parts": parts, "evidence": parts[0]["evidence"]}


def _write_one(part: State, llm: Any) -> State:
    evidence: Evidence = part["evidence"]
    draft = composer.compose(evidence)
    candidate = llm.write(evidence, draft) if llm is not None and draft.answered else draft
    return {**part, "composed": draft, "draft": candidate}


def _write(state: State) -> State:
    parts = [_write_one(p, state.get("llm")) for p in state["parts"]]
    return {**state, "parts": parts, "composed": parts[0]["composed"], "draft": parts[0]["draft"]}


def _guarded(state: State) -> tuple[Draft, guard.GuardResult, bool]:
    """The clause's draft if it passes the guard; else the composer's, else a refusal."""
    draft: Draft = state["draft"]
    result = guard.check(draft, _quote_filter(draft))
    if result.ok:
        return draft, result, False
    composed: Draft = state["composed"]
    if draft is not composed and guard.check(composed).ok:
        return composed, result, True
    return Draft(REFUSAL, False), result, True


def _guard(state: State) -> Answer:
    checked_all = [_guarded(part) for part in state["parts"]]
    texts = [d.text for d, _, _ in checked_all]
    kept = [i for i, text in enumerate(texts) if text not in texts[:i]]  # same words twice: once
    parts: list[State] = [state["parts"][i] for i in kept]
    checked = [checked_all[i] for i in kept]
    violations = sum(not result.ok for _, result, _ in checked)
    fallback = any(fell for _, _, fell in checked)
    draft = clauses.merge([d for d, _, _ in checked])
    result = checked[0][1]
    if len(parts) > 1:  # the joined answer is guarded as a whole, too
        result = guard.check(draft, _quote_filter(draft))
        if not result.ok:
            violations, fallback = violations + 1, True
            composed = clauses.merge([p["composed"] for p in parts])
            draft = composed if guard.check(composed).ok else Draft(REFUSAL, False)
    if state["query"].lang == "en":
        from assistant.compose_english import render

        draft = render(draft, state["query"], state["evidence"].status)
    return _answer({**state, "clauses": [p["question"] for p in parts]}, draft, result,
                   violations, fallback)


def _quote_filter(draft: Draft) -> guard.QuoteFilter | None:
    if draft.writer != "llm":
        return None
    from assistant.llm import sanitize

    return sanitize


def _answer(state: State, draft: Draft, result: guard.GuardResult, violations: int,
            fallback: bool) -> Answer:
    query = state["query"]
    meta = {
        "writer": draft.writer,
        "guard": {"ok": result.ok, "unsupported": list(result.unsupported),
                  "bad_markers": list(result.bad_markers), "fallback": fallback},
        "guard_violations": violations,
        "query": {"agency": query.agency, "years": list(query.years), "intent": query.intent,
                  "cells": [f"{c.table}.{c.row}.{c.column}" for c in query.cells],
                  "column": query.column, "followup": query.followup,
                  "year_phrase": query.year_phrase},
        "status": state["evidence"].status,
    }
    if len(state.get("clauses", ())) > 1:
        meta["clauses"] = list(state["clauses"])
    return Answer(text=draft.text, answered=draft.answered, citations=draft.citations,
                  figures=draft.figures, intent=query.intent, options=draft.options,
                  series=draft.series, warnings=draft.warnings, meta=meta)


def build_chain() -> Runnable[State, Answer]:
    steps: list[Callable[[Any], Any]] = [_understand, _retrieve, _write, _guard]
    chain: Runnable[Any, Any] = RunnableLambda(steps[0], name="understand")
    for step, name in zip(steps[1:], ("retrieve", "write", "guard"), strict=True):
        chain = chain | RunnableLambda(step, name=name)
    return chain
