"""The answering chain, as a LangChain Runnable:

    understand → retrieve → write (composer, or LLM with the composer as fallback) → guard

Each step is a `RunnableLambda` over a plain dict state; the result is an `Answer`.
An answer whose numbers fail the guard is never returned: the composer's draft replaces
an LLM draft that fails, and a composer draft that fails becomes "cannot be answered".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant import composer, guard
from assistant.conversation import resolve
from assistant.draft import Draft
from assistant.models import Answer
from assistant.retrieval import Evidence, Retriever
from assistant.understanding.agency import AgencyResolver

State = dict[str, Any]
REFUSAL = "抱歉，这个问题我无法给出有可靠出处的回答。"


def _understand(state: State) -> State:
    resolver: AgencyResolver = state["resolver"]
    query = resolve(state["question"], state["history"], resolver, state["today"], state["scope"])
    return {**state, "query": query}


def _retrieve(state: State) -> State:
    retriever: Retriever = state["retriever"]
    return {**state, "evidence": retriever.gather(state["query"])}


def _write(state: State) -> State:
    evidence: Evidence = state["evidence"]
    draft = composer.compose(evidence)
    llm = state.get("llm")
    candidate = llm.write(evidence, draft) if llm is not None and draft.answered else draft
    return {**state, "composed": draft, "draft": candidate}


def _guard(state: State) -> Answer:
    draft: Draft = state["draft"]
    result = guard.check(draft, _quote_filter(draft))
    violations = 0
    fallback = False
    if not result.ok:
        violations += 1
        composed: Draft = state["composed"]
        fallback = True
        if draft is not composed and guard.check(composed).ok:
            draft = composed
        else:
            draft = Draft(REFUSAL, False)
    return _answer(state, draft, result, violations, fallback)


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
                  "column": query.column, "followup": query.followup},
        "status": state["evidence"].status,
    }
    return Answer(text=draft.text, answered=draft.answered, citations=draft.citations,
                  figures=draft.figures, intent=query.intent, options=draft.options,
                  series=draft.series, warnings=draft.warnings, meta=meta)


def build_chain() -> Runnable[State, Answer]:
    steps: list[Callable[[Any], Any]] = [_understand, _retrieve, _write, _guard]
    chain: Runnable[Any, Any] = RunnableLambda(steps[0], name="understand")
    for step, name in zip(steps[1:], ("retrieve", "write", "guard"), strict=True):
        chain = chain | RunnableLambda(step, name=name)
    return chain
