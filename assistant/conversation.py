"""Follow-up questions resolved against the earlier turns of the conversation.

「那2024年呢？」 keeps agency and metric and changes the year; 「企业呢？」 keeps agency,
year and metric and changes the applicant column; 「为什么没公开？」 asks for the reasons
behind the last figure's agency and year. Earlier user turns are re-understood in order,
each resolved against the ones before it; assistant turns help only to find an agency.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.models import Scope, Turn
from assistant.understanding.agency import AgencyResolver
from assistant.understanding.intent import (
    COMPARE, FOLLOWUP, OUT_OF_SCOPE, PROSE, Query, classify, understand,
)
from assistant.understanding.metric import Cell, MetricSpec, result_column
from assistant.understanding.time import parse_years

_FOLLOWUP = FOLLOWUP
_PREVIOUS_YEAR = re.compile(r"(?:上一|前一|上个|前个|头一)年度?|^(?:那|那么)?上年度?")
_NEXT_YEAR = re.compile(r"(?:下一|后一|下个|第二)年度?|次年")
_COMPARE_WORDS = re.compile(r"^比|相比|比较|对比|多多少|少多少|多了|少了|变化|增加|减少")


def _merge(current: Query, ctx: Query, today: date) -> Query:
    """Fill what the current question leaves open from the context query."""
    changes: dict[str, object] = {"followup": True}
    if not current.agency and not current.unknown_agency and not current.agency_candidates:
        changes.update(agency=ctx.agency, agency_mention=ctx.agency_mention)
    step = _year_step(current.question)
    if not current.years and not current.all_years:
        changes["years"] = (ctx.years[-1] + step,) if step and ctx.years else ctx.years
    inherit_metric = not current.cells and (
        current.column or _FOLLOWUP.search(current.question) or len(current.terms) <= 4)
    if inherit_metric and current.intent not in ("reasons",) and (ctx.cells or ctx.terms):
        spec = MetricSpec(ctx.cells, ctx.companions, ctx.words, current.column or ctx.column, ctx.topic)
        years = parse_years(current.question, today)
        intent = classify(current.question, spec, years) if ctx.cells else ctx.intent
        if intent == PROSE and ctx.cells:
            intent = ctx.intent
        cells = _with_result_column(spec.cells, current.question)
        changes.update(cells=cells, companions=spec.companions, words=spec.words,
                       column=spec.column, topic=ctx.topic, intent=intent)
        if not ctx.cells:
            changes["terms"] = ctx.terms
    elif current.cells and not current.column and ctx.column and _FOLLOWUP.search(current.question):
        changes["column"] = ctx.column
    merged = current.with_(**changes)
    return _compare_with_context(merged, ctx)


def _year_step(question: str) -> int:
    """「上一年呢？」「后一年呢」: the year before / after the one talked about (not the
    template's 上年结转 / 结转下一年, which name rows)."""
    if "结转" in question or "项目" in question:
        return 0
    if _PREVIOUS_YEAR.search(question):
        return -1
    return 1 if _NEXT_YEAR.search(question) else 0


def _with_result_column(cells: tuple[Cell, ...], question: str) -> tuple[Cell, ...]:
    """「被纠正的有几件？」 after a 行政复议 question: the same row, the asked result column."""
    column = result_column(question)
    if not column:
        return cells
    return tuple(Cell(c.table, c.row, column) if c.table == "四" else c for c in cells)


def _compare_with_context(query: Query, ctx: Query) -> Query:
    """「比2019年多多少？」 after a 2021 question compares 2021 with 2019."""
    if len(query.years) != 1 or len(ctx.years) != 1 or query.years == ctx.years:
        return query
    if not query.cells or not _COMPARE_WORDS.search(query.question):
        return query
    return query.with_(years=(ctx.years[0], query.years[0]), intent=COMPARE)


def _is_followup(query: Query) -> bool:
    return (not query.agency or not query.cells or bool(_FOLLOWUP.search(query.question))) \
        and query.intent != OUT_OF_SCOPE


def resolve(
    question: str,
    history: Sequence[Turn],
    resolver: AgencyResolver,
    today: date,
    scope: Scope = Scope(),
    continues: bool = False,
) -> Query:
    """The query of `question`, with open slots filled from the conversation. `continues`:
    the question is a later clause of the same message as the last user turn (「…？沭阳县
    2025年有几件」), so naming no figure means the previous clause's figure, not an overview."""
    ctx: Query | None = None
    for turn in history:
        if turn.role == "user":
            q = understand(turn.content, resolver, today, scope.agency, scope.year)
            ctx = _merge(q, ctx, today) if ctx and _is_followup(q) else q
        elif ctx is not None and not ctx.agency:
            found = resolver.find(turn.content)
            if found.agency:
                ctx = ctx.with_(agency=found.agency)
    current = understand(question, resolver, today, scope.agency, scope.year)
    if ctx is not None and current.overview and (current.agency_from_scope or continues):
        # 「有几件？」 on a pinned page after a question: a follow-up, not the overview
        current = current.with_(cells=(), companions=(), intent=PROSE, overview=False)
    if ctx is None or not _is_followup(current):
        return current
    return _merge(current, ctx, today)
