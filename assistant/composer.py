"""The offline writer: natural Chinese from facts and report sentences, no LLM needed.

`compose(evidence) -> Draft`. Honest gaps are written by compose_gaps; every answer that
states figures ends with the notes of `contradictions` (the report's failed checks that
involve a stated cell).
"""

from __future__ import annotations

import re

from index.models import Report

from assistant import compose_figures as cf
from assistant.compose_checks import checks_answer
from assistant.compose_define import define
from assistant.compose_gaps import gap, partial_years
from assistant.contradictions import notes
from assistant.draft import Draft, Page, fmt
from assistant import prose
from assistant.facts import cell_label, lookup, plain_label, template_label
from assistant.models import Series
from assistant.retrieval import Evidence
from assistant import compose_plan as plan
from assistant.compose_ranking import ranking
from assistant.understanding.intent import (
    BREAKDOWN, CHECKS, COMPARE, DEFINE, DIFF, PROSE, RANKING, REASONS, SHARE, SUM, TREND, WHICH, YESNO,
    Query,
)
from assistant.understanding.metric import Cell

REASON_GROUPS = ("denied", "unable", "not_processed", "other")


def compose(ev: Evidence) -> Draft:
    draft = _compose(ev)
    reading = ev.query.agency_reading
    if reading and draft.answered:  # 「洪则区」 read as 洪泽区: say so
        from dataclasses import replace

        draft = replace(draft, text=f"{draft.text}（{reading}。）")
    return draft


def _compose(ev: Evidence) -> Draft:
    q = ev.query
    if q.intent == DEFINE:
        return define(ev)
    if ev.status != "ok":
        return gap(ev)
    if q.intent == CHECKS:
        return checks_answer(ev)
    if q.intent == RANKING:
        return ranking(ev)
    if q.intent in (COMPARE, TREND) and len(ev.reports) >= 2:
        return over_years(ev)
    if q.intent == REASONS:
        return reasons(ev)
    if q.intent == PROSE or (not q.cells and ev.sentences):
        return prose_answer(ev)
    if q.intent == SHARE:
        return plan.share(ev) or figures(ev)
    if q.intent == YESNO and (d := plan.yes_no(ev)) is not None:
        return d
    if q.intent == BREAKDOWN and q.op and len(q.columns) >= 2 and len(q.cells) == 1 and \
            (d := plan.across_columns(ev)) is not None:
        return d
    if q.intent == BREAKDOWN and q.cells == (Cell("三", "total_handled"),) and \
            (d := plan.outcomes(ev)) is not None:
        return d
    if q.op in (SUM, DIFF) and len(q.cells) >= 2 and (d := plan.combine(ev)) is not None:
        return d
    return figures(ev)


def figures(ev: Evidence) -> Draft:
    q, page = ev.query, Page()
    report = ev.reports[-1]
    parts = [s for c in q.cells if (s := cf.cell_sentence(page, report, c, q.column))]
    if not parts:
        return _figure_from_prose(ev, page, report)
    lead = yes_no_lead(q, report) if q.intent == YESNO else ""
    if q.intent == BREAKDOWN:
        parts += [s for c in q.cells if (s := cf.applicant_breakdown(page, report, c))]
    text = f"{lead}{cf.subject(report)}{'；'.join(parts)}{cf.basis(q)}"
    if q.intent in (COMPARE, TREND) and ev.missing_years:
        text = partial_years(ev) + "以下是已收录年份的数字：" + text
    text += _sum_of_cells(page, report, q) + "。"
    extra = [s for c in q.companions if (s := cf.companion_sentence(page, report, c, q.column))]
    if extra:
        text += "另有" + "；".join(extra) + "。"
    text += notes(page)
    if quote := cf.review_quote(page, report, q):
        text += quote + "。"
    if ev.sentences and q.topic in ("fee_prose", "fee_companion"):
        text += "报告中关于信息处理费：" + "".join(page.sentence(s) for s in ev.sentences) + "。"
    elif ev.sentences:  # the words the cell does not cover, as the report's text states them
        text += "报告正文还写道：" + "".join(page.sentence(s) for s in ev.sentences) + "。"
    if ev.latest_default:
        text += f"（未指明年份，按已收录的最新年度{report.year}年回答。）"
    if not page.figures and page.warnings:  # every asked value is unreadable: no answer stated
        return page.draft(text, False)
    return page.draft(text)


def _figure_from_prose(ev: Evidence, page: Page, report: Report) -> Draft:
    """No table cell (a free-form report, a missing table): the report's own sentences that
    name the template term and give a number, quoted and cited — else say it is not there."""
    q = ev.query
    names = "、".join(cell_label(c) for c in q.cells)
    found = [s for c in q.cells
             for s in prose.matching([report], prose.figure_pattern(c.row, _core(c)), k=1)]
    if not found:
        text = f"{report.year}年{report.agency}的年度报告中没有“{names}”这一项数字，无法回答。"
        return page.draft(text, False)
    quotes = "".join(page.sentence(s) for s in found)
    text = (f"{report.year}年{report.agency}的年度报告没有“{names}”的表格数字；报告正文中的相关表述为："
            f"{quotes}")
    return page.draft(text)


def _core(cell: Cell) -> str:
    """「（三）不予公开」 → 「不予公开」; 「1.属于国家秘密」 → 「属于国家秘密」."""
    label = plain_label(template_label(cell))
    label = re.sub(r"^（[一二三四五六七八九十]+）|^[一二三四五六七八九十]+、", "", label)
    return label.split("（")[0] or cell_label(cell)


SUM_WORDS = ("一共", "合计", "总共", "加起来", "共计", "总数", "加在一起")


def _sum_of_cells(page: Page, report: Report, q: Query) -> str:
    """「；两项合计 59 件（50 + 9）」 when several table 三 rows are asked for together."""
    if len(q.cells) < 2 or not any(w in q.question for w in SUM_WORDS):
        return ""
    amounts = [a for c in q.cells if c.table == "三" and (a := lookup(report, c, q.column))]
    if len(amounts) < 2:
        return ""
    total = sum((a.value for a in amounts), start=0)
    shown = " + ".join(fmt(a.value) for a in amounts)
    return f"；以上各项合计 {page.computation(total)} 件（{shown}）"


def yes_no_lead(q: Query, report: Report) -> str:
    cell = q.cells[0]
    a = lookup(report, cell, q.column)
    if a is None:
        return ""
    if "都" in q.question and (q.column or cell.column):
        total = lookup(report, Cell(cell.table, cell.row, "total"))
        if total is not None and total.value:
            return "是的，全部如此。" if a.value == total.value else "不全是。"
    return "有。" if a.value else "没有。"


def reasons(ev: Evidence) -> Draft:
    page = Page()
    report = ev.reports[-1]
    parts = []
    for group in REASON_GROUPS:
        a = lookup(report, Cell("三", group))
        if a is None:
            continue
        detail = cf.group_detail(page, report, group, "total") if a.value else ""
        parts.append(f"{cell_label(a.cell)} {cf.amount_text(page, a)}" + (f"，{detail}" if detail else ""))
    if not parts:
        return page.draft(f"{report.year}年{report.agency}的报告中没有办理结果的数字，无法回答。", False)
    text = (f"{cf.subject(report)}申请未能获得公开的情况（见表三“本年度办理结果”）："
            + "；".join(parts) + "。")
    return page.draft(text + notes(page))


def over_years(ev: Evidence) -> Draft:
    q, page = ev.query, Page()
    cell = q.cells[0]
    rows = [(r, a) for r in ev.reports if (a := lookup(r, cell, q.column)) is not None]
    if len(rows) < 2:
        return figures(ev)
    what = cf.describe(cell, rows[0][1].cell.column)
    agency = rows[0][0].agency
    if q.intent == COMPARE:
        asked = [y for y in q.years if any(r.year == y for r, _ in rows)]
        rows.sort(key=lambda ra: asked.index(ra[0].year) if ra[0].year in asked else 0)
    stated = "；".join(f"{r.year}年 {cf.amount_text(page, a)}" for r, a in rows)
    text = f"{agency}{what}：{stated}。"
    (r1, a1), (r2, a2) = sorted(rows, key=lambda ra: ra[0].year)[0], sorted(rows, key=lambda ra: ra[0].year)[-1]
    diff = a2.value - a1.value
    if q.op in (SUM, WHICH):
        text += plan.over_years(ev, rows, what, page)
    elif diff:
        word = "增加" if diff > 0 else "减少"
        text += (f"{r2.year}年比{r1.year}年{word} {page.computation(abs(diff))} {a1.unit}"  # type: ignore[arg-type]
                 f"（{fmt(a2.value)} − {fmt(a1.value)} = {fmt(diff)}）。")
    else:
        text += f"{r2.year}年与{r1.year}年持平。"
    text += notes(page)
    if ev.missing_years:
        text += f"（{partial_years(ev)}）"
    page.series.append(Series(what, tuple(str(r.year) for r, _ in rows),
                              tuple(float(a.value) for _, a in rows), a1.unit))
    return page.draft(text)


def prose_answer(ev: Evidence) -> Draft:
    page = Page()
    if not ev.sentences:
        return gap(ev)
    report = ev.sentences[0].report
    quotes = "".join(page.sentence(s) for s in ev.sentences)
    section = ev.sentences[0].section or "正文"
    text = f"根据{report.agency}{report.year}年政府信息公开工作年度报告（{section}）：{quotes}"
    return page.draft(text)
