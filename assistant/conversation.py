"""Follow-up questions resolved against the earlier turns of the conversation.

A follow-up inherits what it leaves open — agency, year, figure — only when it *is* a
follow-up: elliptical (「企业呢？」「前一年呢」「占比呢」「都公开了吗」), a pronoun (「其中」
「这两项」), or a question that names a figure but no agency. A new full question (agency and
figure named) starts afresh, and a question about nothing the reports hold (「我的申请办到哪
了」) inherits nothing. Earlier user turns are re-understood in order, each resolved against
the ones before it; assistant turns help only to find an agency.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.models import Scope, Turn
from assistant.understanding.agency import AgencyResolver
from assistant.understanding.intent import (
    BREAKDOWN, CHECKS, COMPARE, DIFF, FIGURE, FOLLOWUP, OUT_OF_SCOPE, PROSE, RANKING, REASONS,
    SHARE, TREND, UNCLEAR, UNRECORDED, YESNO, Query, classify, operator, set_op, understand,
    unexplained, yesno_kind,
)
from assistant.understanding.metric import Cell, MetricSpec, result_column, table2_column
from assistant.understanding.time import parse_years

_COMPARE_WORDS = re.compile(r"^比|相比|比较|对比|多多少|少多少|多了|少了|变化|增加|减少|涨|降")
_THESE = re.compile(r"(?:这|那|上述|以上)?(?:两|几|[二三四五])(?:个|家)(?:单位|部门|机关)|它们|两者|二者")
_NARROWS = re.compile(r"^(?:那|那么|其中|这里面|这当中|当中|里面)|呢[？?]?$")
_REFERS = re.compile(r"(?:和|与|跟|同|加上|比)(?:它们?|该局|该单位|该机关|这个单位|这家单位|这个局|前面那个)|"
                     r"(?:它们?|该局|该单位|这个单位|这家单位)(?:和|与|跟|加上)")
_BOTH = re.compile(r"这两项|这两个|这几项|这些|两项都|两个都|它们|二者|两者")


def _inherits_metric(current: Query, ctx: Query | None = None) -> bool:
    if current.topic or current.intent in (REASONS, UNRECORDED, CHECKS):
        return False
    if not current.cells:
        return True
    # 「其中个人的呢」 after 「予以公开多少」: an applicant named alone reads as 新收 on its own,
    # but as a follow-up it narrows the figure just asked to that applicant
    return bool(ctx is not None and current.inferred and current.column and _NARROWS.search(current.text)
                and ctx.cells and all(c.table == "三" for c in ctx.cells)
                and current.cells == (Cell("三", "new_received"),))


def _merge(current: Query, ctx: Query, today: date, earlier: tuple[Cell, ...]) -> Query:
    """Fill what the current question leaves open from the context query."""
    changes: dict[str, object] = {"followup": True}
    if not current.agency and not current.unknown_agency and not current.agency_candidates:
        changes.update(agency=ctx.agency, agency_mention=ctx.agency_mention,
                       agency_candidates=ctx.agency_candidates, unknown_agency=ctx.unknown_agency)
    if not current.years and not current.all_years and not current.latest:
        if current.year_step and ctx.years:
            changes["years"] = (ctx.years[-1] + current.year_step,)
        elif current.year_step:
            changes["years"] = (today.year + current.year_step,)
        else:
            changes["years"] = ctx.years
            changes["all_years"] = ctx.all_years and current.intent != COMPARE
    if _inherits_metric(current, ctx) and (ctx.cells or ctx.terms or ctx.topic):
        cells = ctx.cells
        if _BOTH.search(current.text) and earlier:
            cells = tuple(dict.fromkeys((*earlier, *ctx.cells)))  # 「2019年这两项呢」
        cells = _with_result_column(cells, current.text)
        if col2 := table2_column(current.text):  # 「现在还有效的有几个」: the row, another column
            cells = tuple(Cell("二", c.row, col2) if c.table == "二" else c for c in cells)
        column = current.column or ctx.column
        spec = MetricSpec(cells, ctx.companions, ctx.words, column, ctx.topic, current.columns)
        years = parse_years(current.text, today)
        intent = classify(current.text, spec, years) if cells else ctx.intent
        if intent == PROSE and cells:
            intent = ctx.intent if ctx.intent not in (SHARE, YESNO) else FIGURE
        if current.op == SHARE or (intent == SHARE):
            intent = SHARE
        elif intent == FIGURE and _asks_breakdown(current):
            intent = BREAKDOWN
        changes.update(cells=cells, companions=spec.companions, words=spec.words,
                       column=column, topic=ctx.topic, intent=intent,
                       op=current.op or operator(current.text, spec, years),
                       yesno=yesno_kind(current.text, spec) if intent == YESNO else "")
        if intent == SHARE and ctx.column and not current.column:
            changes["whole"] = None
        if not ctx.cells:
            changes["terms"] = ctx.terms
    elif current.intent == REASONS and not current.cells and ctx.cells:
        changes["cells"] = ctx.cells
    elif current.cells and not current.column and ctx.column and FOLLOWUP.search(current.text):
        changes["column"] = ctx.column
    if not current.agency and len(ctx.agencies) >= 2 and _THESE.search(current.text):
        changes.update(agencies=ctx.agencies, intent=RANKING,  # 「这两个单位一共呢」: the set
                       op=set_op(current.text, len(ctx.agencies)))
    merged = current.with_(**changes)
    return _compare_with_context(merged, ctx)


def _asks_breakdown(current: Query) -> bool:
    return bool(re.search(r"结果如何|结果怎么样|什么结果|分别|明细|具体|哪些", current.text))


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
    if not query.cells or not _COMPARE_WORDS.search(query.text):
        return query
    return query.with_(years=(ctx.years[0], query.years[0]), intent=COMPARE,
                       op=query.op or DIFF)


def is_followup(query: Query) -> bool:
    """Leaves something open that a conversation can fill (and is about the reports)."""
    if not query.on_topic and not FOLLOWUP.search(query.text):
        return False
    if query.intent == OUT_OF_SCOPE:
        return False
    if FOLLOWUP.search(query.text) or query.year_step or _short(query.text):
        return True
    named_agency = bool(query.agency and not query.agency_from_scope) or bool(
        query.unknown_agency or query.agency_candidates)
    if not named_agency:
        return True  # 「企业申请的有几件」「都公开了吗」: a figure without an agency
    if unexplained(query.terms) >= 2:
        return False  # 「平潭的房价多少」: a new question about something else, not 「平潭呢」
    return not query.cells and not query.topic  # 「沭阳县呢」「红旗区财政局有几件」


def _open_overview(query: Query, ctx: Query | None, continues: bool = False) -> Query:
    """「有几件？」 on a pinned page after a question, or just a name (the answer to 「您指的是
    哪一个」, a chosen option): a follow-up that leaves the figure open, not the overview."""
    if ctx is not None and query.overview and (query.agency_from_scope or continues
                                               or _bare_name(query)):
        return query.with_(cells=(), companions=(), intent=PROSE, overview=False)
    return query


def _bare_name(query: Query) -> bool:
    """The question is an agency's name and nothing more (a year at most): 「沭阳县发展和改革局」."""
    text = query.text.replace(query.agency_mention, "", 1) if query.agency_mention else query.text
    if query.year_phrase:
        text = text.replace(query.year_phrase, "", 1)
    return bool(query.agency_mention) and not re.sub(r"[的呢吧啊呀么吗\s\W\d年度]", "", text)


def _placed(q: Query, ctx: Query | None, resolver: AgencyResolver) -> Query:
    """「那县政府呢」: a body named by its level, in the place chain of the conversation's agency
    (never the previous agency kept silently; not placed → unknown or asked back)."""
    if not q.agency_relative or ctx is None or not ctx.agency:
        return q
    m = resolver.within(q.agency_relative, ctx.agency)
    return q.with_(agency=m.agency, agency_candidates=m.candidates, unknown_agency=m.unknown,
                   agency_mention=q.agency_relative, agency_nearby=m.nearby)


def _short(text: str) -> bool:
    """「结果如何」「输了几场」: a few words that only make sense after a question."""
    return len(re.findall(r"[\u4e00-\u9fff]", text)) <= 6


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
    earlier: tuple[Cell, ...] = ()
    for turn in history:
        if turn.role == "user":
            q = _open_overview(understand(turn.content, resolver, today, scope.agency, scope.year), ctx)
            q = _placed(q, ctx, resolver)
            if ctx is not None and is_followup(q):
                merged = _merge(q, ctx, today, earlier)
                if merged.cells != ctx.cells:
                    earlier = ctx.cells
                ctx = merged
            elif q.on_topic:
                ctx, earlier = q, ()
        elif ctx is not None and not ctx.agency:
            found = resolver.find(turn.content)
            if found.agency:
                ctx = ctx.with_(agency=found.agency)
    current = understand(question, resolver, today, scope.agency, scope.year)
    current = _placed(_open_overview(current, ctx, continues), ctx, resolver)
    if ctx is None or not is_followup(current):
        return current
    if current.intent in (UNRECORDED, UNCLEAR) and not FOLLOWUP.search(current.text):
        return current.with_(agency=current.agency or ctx.agency, years=current.years or ctx.years)
    merged = _merge(current, ctx, today, earlier)
    if merged.intent == TREND and len(merged.years) == 2:
        merged = merged.with_(intent=COMPARE)
    return _with_referred(merged, current, ctx)


def _with_referred(merged: Query, current: Query, ctx: Query) -> Query:
    """「县政府和它一共多少」: a pronoun for the conversation's agency beside another agency —
    both agencies, summed or compared, never the named one alone."""
    if not (merged.agency and ctx.agency and merged.agency != ctx.agency and merged.cells
            and not merged.agencies and _REFERS.search(current.text)):
        return merged
    return merged.with_(agencies=(merged.agency, ctx.agency), intent=RANKING,
                        op=set_op(current.text, 2) or merged.op)


__all__ = ["FIGURE", "is_followup", "resolve"]
