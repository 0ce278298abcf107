"""Compositions of figures: sums, differences, shares and "which is larger", over the cells ×
years × applicant columns a question names — every input cited, the computation shown.

    「复议和诉讼加起来」     → 行政复议 61 件[..]；行政诉讼 13 件[..]；合计 61 + 13 = 74 件
    「发的比废止的多还是少」 → 本年制发件数 34 件[1]，本年废止件数 55 件[2]；前者比后者少 21 件（34 − 55 = −21）
    「…占办结总数百分之几」  → 无法提供 564 件[..]，占办理结果总计 1191 件[4]的 47.36%（564 ÷ 1191）
    「都公开了吗」           → 没有全部公开：本年新收 95 件[1]，予以公开 50 件[2]、部分公开 9 件[3]；其余…
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from index.models import Report
from index.template import GROUPS

from assistant import compose_figures as cf
from assistant.contradictions import notes
from assistant.draft import Draft, Page, fmt
from assistant.facts import Amount, column_name, lookup
from assistant.retrieval import Evidence
from assistant.understanding.intent import DIFF, SUM, WHICH
from assistant.understanding.metric import Cell

RESULT_GROUPS = ("denied", "unable", "not_processed", "other")
_ASKS_DIFFERENCE = re.compile(r"差多少|差几|多多少|少多少|多几|少几|相差|差距|差了")
GRANTED, PARTIAL = Cell("三", "granted"), Cell("三", "partially_granted")


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """A share in percent with two decimals, as reports print them (47.36)."""
    value = Decimal(str(part)) / Decimal(str(whole)) * 100
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _amounts(report: Report, cells: tuple[Cell, ...], column: str) -> list[Amount]:
    return [a for c in cells if (a := lookup(report, c, column)) is not None]


def _name(a: Amount) -> str:
    return cf.describe(a.cell, a.cell.column)


def combine(ev: Evidence) -> Draft | None:
    """Several figures of one report added up or subtracted (None: fewer than two found)."""
    q, page = ev.query, Page()
    report = ev.reports[-1]
    amounts = _amounts(report, q.cells, q.column)
    if len(amounts) < 2 or len({a.unit for a in amounts}) > 1:
        return None
    parts = [s for c in q.cells if (s := cf.cell_sentence(page, report, c, q.column))]
    text = f"{cf.subject(report)}{'；'.join(parts)}"
    names = [_name(a) for a in amounts]
    values: list[int | Decimal] = [a.value for a in amounts]
    unit = amounts[0].unit
    if q.op == SUM:
        text += _sum_line(page, names, values, unit)
    elif q.op == DIFF:
        text += diff_line(page, names, values, unit)
    text += "。" + notes(page)
    return page.draft(text)


def _sum_line(page: Page, names: list[str], values: list[int | Decimal], unit: str) -> str:
    """「；A、B合计 3 + 4 = 7 件」"""
    shown = " + ".join(fmt(v) for v in values)
    return f"；{'、'.join(names)}合计 {shown} = {page.computation(sum(values, start=0))} {unit}"


def diff_line(page: Page, names: list[str], values: list[int | Decimal], unit: str) -> str:
    """「；A比B多 3 件（7 − 4 = 3）」, or that the two are the same."""
    diff = values[0] - values[1]
    if not diff:
        return f"；{names[0]}与{names[1]}相同，都是 {fmt(values[0])} {unit}"
    gap = -diff if diff < 0 else diff
    return (f"；{names[0]}比{names[1]}{'多' if diff > 0 else '少'} {page.computation(gap)} {unit}"
            f"（{fmt(values[0])} − {fmt(values[1])} = {fmt(diff)}）")


def across_columns(ev: Evidence) -> Draft | None:
    """One table 三 row over the applicant columns a question names, added up, subtracted or
    the larger named: 「个人申请比企业多多少」 → 自然人 1259 件[1]，商业企业 36 件[2]；… 1223 件."""
    q, page = ev.query, Page()
    report, cell = ev.reports[-1], q.cells[0]
    amounts = [a for col in q.columns if (a := lookup(report, cell, col)) is not None]
    if cell.table != "三" or len(amounts) < 2:
        return None
    parts = [f"{cf.describe(cell, a.cell.column)}为 {cf.amount_text(page, a)}" for a in amounts]
    text = f"{cf.subject(report)}{'；'.join(parts)}"
    names = [column_name(a.cell) for a in amounts]
    values: list[int | Decimal] = [a.value for a in amounts]
    unit = amounts[0].unit
    if q.op == SUM:
        text += _sum_line(page, names, values, unit)
    elif q.op == DIFF and len(amounts) == 2:
        text += diff_line(page, names, values, unit)
    elif q.op == WHICH:
        top = max(values)
        leaders = [n for n, v in zip(names, values, strict=True) if v == top]
        text += (f"；{'、'.join(leaders)}最多（{fmt(top)} {unit}）" if len(leaders) == 1
                 else f"；{'、'.join(leaders)}一样多，都是 {fmt(top)} {unit}")
    else:
        return None
    return page.draft(text + "。" + notes(page))


def over_years(ev: Evidence, rows: list[tuple[Report, Amount]], what: str, page: Page) -> str:
    """The sum, the larger year, or the difference of one figure over the asked years."""
    q = ev.query
    unit = rows[0][1].unit
    if q.op == SUM:
        shown = " + ".join(fmt(a.value) for _, a in rows)
        total = sum((a.value for _, a in rows), start=0)
        years = "、".join(f"{r.year}年" for r, _ in rows)
        return f"{years}{what}合计 {shown} = {page.computation(total)} {unit}。"
    if q.op == WHICH:
        ordered = sorted(rows, key=lambda ra: -ra[1].value)
        (r1, a1), (r2, a2) = ordered[0], ordered[-1]
        if a1.value == a2.value:
            return f"各年相同，都是 {fmt(a1.value)} {unit}。"
        text = f"{r1.year}年更多（{fmt(a1.value)} {unit}，多于{r2.year}年的 {fmt(a2.value)} {unit}）"
        if _ASKS_DIFFERENCE.search(q.text):  # 「哪年多，差多少」
            diff = a1.value - a2.value
            text += f"，多 {page.computation(diff)} {unit}（{fmt(a1.value)} − {fmt(a2.value)} = {fmt(diff)}）"
        return text + "。"
    return ""


def share(ev: Evidence) -> Draft | None:
    """A part of a whole in percent, both cited (None: the figures are not in the report)."""
    q, page = ev.query, Page()
    report = ev.reports[-1]
    parts, whole_cell = _share_cells(q.cells, q.whole, q.column, q.include_partial)
    part = _sum_amounts(report, parts, q.column)
    whole = lookup(report, whole_cell, "total" if whole_cell.table == "三" and not whole_cell.column
                   else whole_cell.column) if whole_cell else None
    if part is None or whole is None:
        return None
    if not whole.value:
        return page.draft(f"{cf.subject(report)}{_name(whole)}为 {cf.amount_text(page, whole)}，"
                          "无法计算占比。")
    part_text = cf.amount_text(page, part[0]) if len(part) == 1 else _sum_text(page, part)
    total = sum((a.value for a in part), start=0)
    label = "、".join(_name(a) for a in part)
    pct = percent(total, whole.value)
    text = (f"{cf.subject(report)}{label}为 {part_text}，占{_name(whole)} {cf.amount_text(page, whole)}"
            f"的 {page.computation(pct)}%（{fmt(total)} ÷ {fmt(whole.value)}）")
    received = lookup(report, Cell("三", "new_received"), "total")
    if whole.cell.row == "total_handled" and received is not None:
        text += f"；同年本年新收申请 {cf.amount_text(page, received)}"  # the other base people use
    return page.draft(text + "。" + notes(page))


def _share_cells(cells: tuple[Cell, ...], whole: Cell | None, column: str,
                 include_partial: bool) -> tuple[tuple[Cell, ...], Cell | None]:
    parts = tuple(c for c in cells if c != whole)
    if include_partial and GRANTED in parts and PARTIAL not in parts:
        parts += (PARTIAL,)
    if whole is not None:
        return parts, whole
    first = parts[0]
    if first.table == "四":  # 「复议纠正率」: the row's total
        return parts, Cell("四", first.row, "total")
    if column and column != "total":  # 「新收申请里个人占多少」: the row's total
        return parts, Cell("三", first.row, "total")
    if first.row.split(".")[0] in ("granted", "partially_granted", *GROUPS):
        return parts, Cell("三", "total_handled")
    return parts, None


def _sum_amounts(report: Report, cells: tuple[Cell, ...], column: str) -> list[Amount] | None:
    found = _amounts(report, cells, column)
    return found or None


def _sum_text(page: Page, amounts: list[Amount]) -> str:
    shown = " + ".join(f"{_name(a)} {cf.amount_text(page, a)}" for a in amounts)
    total = sum((a.value for a in amounts), start=0)
    return f"{shown} = {page.computation(total)} {amounts[0].unit}"


# ---- yes / no ---------------------------------------------------------------------------------

def yes_no(ev: Evidence) -> Draft | None:
    q = ev.query
    if q.yesno == "all":
        return _all(ev)
    if q.yesno == "equals":
        return _equals(ev)
    return None


def _all(ev: Evidence) -> Draft | None:
    """「都公开了吗」: the asked outcome against all requests, and where the rest went."""
    q, page = ev.query, Page()
    report = ev.reports[-1]
    cell = q.cells[0]
    if cell.table == "四":
        return _all_table4(ev, page, report, cell)
    if cell.row in ("total_handled", "carried_forward"):
        return _all_done(page, report)
    if cell.row not in ("granted", "partially_granted"):
        return None
    received = lookup(report, Cell("三", "new_received"), "total")
    granted = lookup(report, GRANTED, "total")
    partial = lookup(report, PARTIAL, "total")
    if received is None or granted is None:
        return None
    rest = [(g, a) for g in RESULT_GROUPS if (a := lookup(report, Cell("三", g), "total")) and a.value]
    forward = lookup(report, Cell("三", "carried_forward"), "total")
    all_granted = granted.value == received.value and not rest and not (forward and forward.value)
    lead = "是的，全部予以公开。" if all_granted else "没有全部公开。"
    text = (f"{lead}{cf.subject(report)}本年新收申请 {cf.amount_text(page, received)}，"
            f"予以公开 {cf.amount_text(page, granted)}")
    if partial is not None:
        text += f"、部分公开 {cf.amount_text(page, partial)}"
    if rest:
        shown = []
        for group, a in rest:
            detail = cf.group_detail(page, report, group, "total")
            shown.append(f"{cf.describe(a.cell, 'total')} {cf.amount_text(page, a)}"
                         + (f"（{detail}）" if detail else ""))
        text += "；其余：" + "；".join(shown)
    # the books balance only with the carried applications: 新收 + 上年结转 = 办结 + 结转下年度
    balance = [(label, a) for label, key in (("上年结转", "carried_over"), ("结转下年度继续办理", "carried_forward"))
               if (a := lookup(report, Cell("三", key), "total")) is not None and a.value]
    if balance:
        text += "；另有" + "、".join(f"{label} {cf.amount_text(page, a)}" for label, a in balance)
    return page.draft(text + "。" + notes(page))


def _all_done(page: Page, report: Report) -> Draft | None:
    """「申请都办完了吗」: done when nothing is carried into the next year; the table's balance
    (本年新收 + 上年结转 = （七）总计 + 结转下年度) shown with every part cited."""
    parts = [lookup(report, Cell("三", key), "total")
             for key in ("new_received", "carried_over", "total_handled", "carried_forward")]
    if any(a is None for a in parts):
        return None
    received, carried, handled, forward = (a for a in parts if a is not None)
    lead = "是的，都已办结，没有结转到下一年度的申请。" if not forward.value else "没有全部办完。"
    text = (f"{lead}{cf.subject(report)}本年新收申请 {cf.amount_text(page, received)}、上年结转 "
            f"{cf.amount_text(page, carried)}，已办结（办理结果总计） {cf.amount_text(page, handled)}，"
            f"结转下年度继续办理 {cf.amount_text(page, forward)}")
    return page.draft(text + "。" + notes(page))


def _all_table4(ev: Evidence, page: Page, report: Report, cell: Cell) -> Draft | None:
    """「复议和诉讼都维持了吗」: every asked row of table 四, the asked result against its total."""
    asked = cell.column or "upheld"
    rows: list[str] = []
    for c in ev.query.cells:
        if c.table == "四":
            rows += ["litigation_direct", "litigation_after_reconsideration"] if c.row == "litigation" \
                else [c.row]
    totals = [(r, t, a) for r in dict.fromkeys(rows)
              if (t := lookup(report, Cell("四", r, "total"))) is not None
              and (a := lookup(report, Cell("四", r, asked))) is not None]
    if not totals:
        return None
    every = all(a.value == t.value for _, t, a in totals)
    name = column_name(Cell("四", "", asked))
    lead = f"是的，全部{name}。" if every else f"不是全部{name}。"
    parts = [s for r, _, _ in totals if (s := cf.table4_row(page, report, r, ""))]
    return page.draft(f"{lead}{cf.subject(report)}{'；'.join(parts)}。" + notes(page))


def _equals(ev: Evidence) -> Draft | None:
    """「A和B加起来是不是就是全部申请」: the sum against 办理结果总计 (and 本年新收)."""
    q, page = ev.query, Page()
    report = ev.reports[-1]
    amounts = _amounts(report, q.cells, q.column)
    total = lookup(report, Cell("三", "total_handled"), "total")
    if len(amounts) < 2 or total is None:
        return None
    values = [a.value for a in amounts]
    summed = sum(values, start=0)
    shown = " + ".join(f"{_name(a)} {cf.amount_text(page, a)}" for a in amounts)
    same = summed == total.value
    lead = "是的。" if same else "不是。"
    relation = "等于" if same else "不等于"
    text = (f"{lead}{cf.subject(report)}{shown}，合计 {page.computation(summed)} 件，"
            f"{relation}办理结果总计 {cf.amount_text(page, total)}")
    received = lookup(report, Cell("三", "new_received"), "total")
    if received is not None:
        text += f"（本年新收 {cf.amount_text(page, received)}）"
    return page.draft(text + "。" + notes(page))


def outcomes(ev: Evidence) -> Draft | None:
    """「最后都怎么处理的」: how the year's requests ended — every outcome that is not zero."""
    page = Page()
    report = ev.reports[-1]
    total = lookup(report, Cell("三", "total_handled"), "total")
    if total is None:
        return None
    shown = []
    for row in ("granted", "partially_granted", *RESULT_GROUPS):
        a = lookup(report, Cell("三", row), "total")
        if a is None or not a.value:
            continue
        detail = cf.group_detail(page, report, row, "total") if row in GROUPS else ""
        shown.append(f"{cf.describe(a.cell, 'total')} {cf.amount_text(page, a)}" + (f"（{detail}）" if detail else ""))
    text = f"{cf.subject(report)}办理结果总计 {cf.amount_text(page, total)}"
    text += "：" + "；".join(shown) if shown else ""
    carried = lookup(report, Cell("三", "carried_forward"), "total")
    if carried is not None and carried.value:
        text += f"；另有结转下年度继续办理 {cf.amount_text(page, carried)}"
    return page.draft(text + "。" + notes(page))
