"""The offline writer: natural Chinese from facts and report sentences, no LLM needed.

`compose(evidence) -> Draft`. Honest gaps (agency or year not indexed, topic not covered)
are answered plainly with what the library has instead.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from index.models import Report
from index.template import GROUP_ITEMS, GROUPS, TABLE_TITLES
from index.vocabulary import SYNONYMS

from assistant import compose_figures as cf
from assistant.draft import Draft, Page, fmt
from assistant import prose
from assistant.facts import cell_label, lookup, plain_label, template_label
from assistant.models import Series
from assistant.retrieval import (
    AMBIGUOUS, NO_AGENCY, NOT_FOUND, UNKNOWN_AGENCY, YEAR_MISSING, Evidence,
)
from assistant.understanding.intent import (
    BREAKDOWN, COMPARE, DEFINE, PROSE, RANKING, REASONS, SHARE, TREND, YESNO, Query,
    strip_context,
)
from assistant.understanding.metric import Cell
from assistant.understanding.time import parse_years

REASON_GROUPS = ("denied", "unable", "not_processed", "other")


def compose(ev: Evidence) -> Draft:
    q = ev.query
    if ev.status != "ok":
        return gap(ev)
    if q.intent == DEFINE:
        return define(q)
    if q.intent == RANKING:
        return ranking(ev)
    if q.intent in (COMPARE, TREND) and len(ev.reports) >= 2:
        return over_years(ev)
    if q.intent == REASONS:
        return reasons(ev)
    if q.intent == SHARE:
        return share(ev)
    if q.intent == PROSE or (not q.cells and ev.sentences):
        return prose_answer(ev)
    return figures(ev)


def _agencies(ev: Evidence) -> str:
    return "、".join(ev.agencies)


def _years(years: tuple[int, ...]) -> str:
    return "、".join(f"{y}年" for y in years)


def gap(ev: Evidence) -> Draft:
    q, page = ev.query, Page()
    if not ev.agencies:
        return page.draft("资料库中还没有任何年度报告，请先导入报告。", False)
    if ev.status == AMBIGUOUS:
        text = f"“{q.agency_mention}”可能指以下几个单位，请问您指的是哪一个：{'、'.join(q.agency_candidates)}？"
        return page.draft(text, False, q.agency_candidates)
    if ev.status == UNKNOWN_AGENCY:
        text = (f"资料库中没有收录“{q.unknown_agency}”的政府信息公开工作年度报告，无法回答。"
                f"目前收录的单位有：{_agencies(ev)}。")
        return page.draft(text, False, ev.agencies)
    if ev.status == NO_AGENCY:
        text = f"请问您问的是哪个单位的年度报告？目前收录的单位有：{_agencies(ev)}。"
        return page.draft(text, False, ev.agencies)
    if ev.status == YEAR_MISSING:
        return _year_missing(ev, page)
    if ev.status == NOT_FOUND:
        where = "、".join(f"{r.year}年" for r in ev.reports)
        topic = topic_of(q)
        text = (f"在{q.agency}{where}的年度报告中没有找到关于“{topic}”的内容，报告未提供这方面的信息，"
                "无法回答，也不作估计。")
        return page.draft(text, False)
    text = ("这个问题不在政府信息公开工作年度报告的范围内。我可以回答各单位年报中的申请数量、"
            "办理结果、行政复议和诉讼、主动公开等问题。")
    return page.draft(text, False)


def topic_of(q: Query) -> str:
    """What a prose question asked about, for 「没有找到关于…的内容」."""
    text = strip_context(q.question, q.agency_mention, parse_years("", date.today()))
    text = re.sub(r"(是多少|有多少|花了|花费|多少|是谁|是什么|了吗|吗|呢|怎么样|如何|[？?。！!，,\s\d])", "", text)
    return text.strip("的了在") or q.terms.replace(" ", "")


def _year_missing(ev: Evidence, page: Page) -> Draft:
    q = ev.query
    asked = _years(ev.missing_years)
    if not ev.years_available:
        text = f"资料库中没有{q.agency}的年度报告。"
        return page.draft(text, False)
    text = (f"资料库中没有{q.agency}{asked}的政府信息公开工作年度报告，无法回答。"
            f"已收录该单位：{_years(ev.years_available)}的报告")
    if q.year_phrase:
        text = f"（{q.year_phrase}指{asked}）" + text
    latest = ev.years_available[-1]
    text += f"，可以改问最新的{latest}年报告。"
    return page.draft(text, False)


def basis(q: Query) -> str:
    """「（按年报口径，「拒绝」即“（三）不予公开”）」 when citizen words were mapped."""
    mapped = [w for w in q.words if w in SYNONYMS and w not in SYNONYMS[w][0]]
    if not mapped or not q.cells:
        return ""
    return f"（按年报口径，“{mapped[0]}”指“{'、'.join(SYNONYMS[mapped[0]])}”）"


def figures(ev: Evidence) -> Draft:
    q, page = ev.query, Page()
    report = ev.reports[-1]
    parts = [s for c in q.cells if (s := cf.cell_sentence(page, report, c, q.column))]
    if not parts:
        return _figure_from_prose(ev, page, report)
    lead = yes_no_lead(q, report) if q.intent == YESNO else ""
    if q.intent == BREAKDOWN:
        parts += [s for c in q.cells if (s := cf.applicant_breakdown(page, report, c))]
    text = f"{lead}{cf.subject(report)}{'；'.join(parts)}{basis(q)}"
    text += _sum_of_cells(page, report, q) + "。"
    extra = [s for c in q.companions if (s := cf.companion_sentence(page, report, c, q.column))]
    if extra:
        text += "另有" + "；".join(extra) + "。"
    for note in cf.prose_checks(page, report, q):
        text += note + "。"
    if ev.sentences and q.topic in ("fee_prose", "fee_companion"):
        text += "报告中关于信息处理费：" + "".join(page.sentence(s) for s in ev.sentences) + "。"
    if ev.latest_default:
        text += f"（未指明年份，按已收录的最新年度{report.year}年回答。）"
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


def share(ev: Evidence) -> Draft:
    """A part of a total in percent, both cited: 「自然人 1259 件[1]，占总计 1295 件[2]的 97.2%」."""
    q, page = ev.query, Page()
    report, cell = ev.reports[-1], q.cells[0]
    column = q.column if q.column not in ("", "total") else ""
    part = lookup(report, cell, column) if column else None
    whole = lookup(report, cell, "total")
    if part is None and len(q.cells) >= 2:
        part, whole = lookup(report, cell), lookup(report, q.cells[1])
    elif part is None and cell.row.split(".")[0] in cf.RESULT_ROWS:
        part, whole = lookup(report, cell), lookup(report, Cell("三", "total_handled"))
    if part is None or whole is None:
        return figures(ev)
    if not whole.value:
        return page.draft(f"{cf.subject(report)}{cf.describe(whole.cell, 'total')}为 "
                          f"{cf.amount_text(page, whole)}，无法计算占比。")
    pct = (Decimal(str(part.value)) / Decimal(str(whole.value)) * 100).quantize(Decimal("0.1"))
    text = (f"{cf.subject(report)}{cf.describe(part.cell, part.cell.column)}为 {cf.amount_text(page, part)}，"
            f"占{cf.describe(whole.cell, 'total')} {cf.amount_text(page, whole)}的 "
            f"{page.computation(pct)}%（{fmt(part.value)} ÷ {fmt(whole.value)}）。")
    return page.draft(text)


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
    return page.draft(text)


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
    if diff:
        word = "增加" if diff > 0 else "减少"
        text += (f"{r2.year}年比{r1.year}年{word} {page.computation(abs(diff))} {a1.unit}"
                 f"（{fmt(a2.value)} − {fmt(a1.value)} = {fmt(diff)}）。")
    else:
        text += f"{r2.year}年与{r1.year}年持平。"
    if ev.missing_years:
        text += f"（{_years(ev.missing_years)}的报告未收录。）"
    page.series.append(Series(what, tuple(str(r.year) for r, _ in rows),
                              tuple(float(a.value) for _, a in rows), a1.unit))
    return page.draft(text)


def ranking(ev: Evidence) -> Draft:
    q, page = ev.query, Page()
    cell = q.cells[0]
    rows = [(r, a) for r in ev.reports if (a := lookup(r, cell, q.column)) is not None]
    if not rows:
        return page.draft("已收录的报告中没有这一项数字，无法排名。", False)
    rows.sort(key=lambda ra: -ra[1].value)
    what = cf.describe(cell, rows[0][1].cell.column)
    listed = "；".join(f"{r.agency}（{r.year}年）{cf.amount_text(page, a)}" for r, a in rows)
    scope = "所问各单位" if q.agencies else "已收录各单位"
    text = f"按{what}从多到少，{scope}依次为：{listed}。"
    if ev.missing_agencies:
        text += f"（{'、'.join(ev.missing_agencies)}没有该年度的报告。）"
    page.series.append(Series(what, tuple(r.agency for r, _ in rows),
                              tuple(float(a.value) for _, a in rows), rows[0][1].unit))
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


def define(q: Query) -> Draft:
    page = Page()
    cell = q.cells[0]
    label = cell_label(cell)
    if cell.row in GROUPS:
        items = "、".join(plain_label(label) for _, label in GROUP_ITEMS[cell.row])
        text = (f"“{GROUPS[cell.row]}”是年报表三“本年度办理结果”中的一类办理结果，包括：{items}。"
                "这一类本身不单独填数，合计数是各小项相加。")
    else:
        text = f"“{label}”是年报{TABLE_TITLES.get(cell.table, '')}中的一项（表{cell.table}）。"
    return page.draft(text + basis(q))
