"""「这份报告的数字对得上吗」: what the report's own checks found, each figure cited.

The parser evaluates every 勾稽关系 of DOMAIN.md (check1–check4, per column, row and table 四
group) and compares the figures the text states with the tables (prose_vs_table). This
writer answers from those results, for the report(s) asked (a figure named narrows it to
the checks involving that figure):

- every check holds: said so, with the table's balance shown on the 总计 column
  (本年新收 + 上年结转 = （七）总计 + 结转下年度, all four cited, both sums shown);
- some fail: each failure as `contradictions` writes it (both sides cited, sums shown),
  at most `MAX_SHOWN` a report, the rest counted in words the guard accepts;
- no statistics table was read: no check could run, and that is what is said.

Figures that are uncertain (a row the checks could not place) are never stated; a report
with such figures says its checks could not cover them.
"""

from __future__ import annotations

from index.models import CheckResult, Report

from assistant.contradictions import PROSE, note_for, once, split_key
from assistant.draft import Draft, Page
from assistant.facts import cell_label, lookup
from assistant.retrieval import Evidence
from assistant.understanding.metric import Cell

MAX_SHOWN = 4
_ORDINALS = "一二三四"
_FIGURE_NOTE = "；以上按表格数字作答"  # said after a figure answer; here no figure was asked
TABLE_CHECKS = ("check1", "check2", "check3", "check4")
BALANCE = ("三.new_received.total", "三.carried_over.total", "三.total_handled.total",
           "三.carried_forward.total")


def checks_answer(ev: Evidence) -> Draft:
    page = Page()
    q = ev.query
    wanted = frozenset(c.key for c in q.cells) if q.cells else None  # 「三.denied」
    parts = [_one_report(page, r, wanted, q.cells) for r in ev.reports]
    holds = all(ok for ok, _ in parts)
    checked = any(ok is not None for ok, _ in parts)
    lead = ("对得上。" if holds else "有对不上的地方。") if checked else ""
    text = lead + "".join(t for _, t in parts)
    if ev.latest_default and ev.reports:
        text += f"（未指明年份，按已收录的最新年度{ev.reports[-1].year}年回答。）"
    return page.draft(text)


def _one_report(page: Page, report: Report, wanted: frozenset[str] | None,
                cells: tuple[Cell, ...]) -> tuple[bool | None, str]:
    """(every relevant check holds — None when none could run, the report's part)."""
    subject = f"{report.year}年{report.agency}的年度报告"
    table_checks = [c for c in report.checks if c.name in TABLE_CHECKS]
    if not table_checks:
        return None, (f"{subject}中没有读到统一格式的统计表（表三、表四），无法核对勾稽关系；"
                      "报告正文中的数字也就无从与表格比对。")
    failed = once(c for c in report.failed_checks if wanted is None or _involves(c, wanted))
    scope = "中，与所问数字有关的" if wanted is not None else ""
    unsure = any(f.uncertain for f in report.facts)
    caveat = ("（报告中有的数字无法确定所在的栏，涉及这些数字的校验没有计入。）"
              if unsure else "")
    if not failed:
        balance = _balance(page, report) if wanted is None else ""
        prose = any(c.name == PROSE for c in report.checks)
        asked = _asked(page, report, cells) if cells else ""
        text = f"{subject}中{asked}，涉及所问数字的勾稽关系全部成立" if asked else \
            f"{subject}{scope}勾稽关系全部成立"
        text += f"：{balance}" if balance else ""
        if prose and wanted is None:
            text += "；正文中提到的数字与表格一致"
        return True, text + "。" + caveat
    notes = [n for c in failed[:MAX_SHOWN] if (n := note_for(page, report, c, ""))]
    if not notes:  # every failed check involves a figure that cannot be stated
        return False, f"{subject}{scope}有校验没有通过，但涉及的数字无法确定，请核对原文。" + caveat
    text = f"{subject}{scope}："
    items = [n.removeprefix("注意：").replace(_FIGURE_NOTE, "") for n in notes]
    if len(items) > 1:  # 「一是…；二是…」
        items = [f"{_ORDINALS[i]}是{item}" for i, item in enumerate(items)]
    text += "；".join(items) + "。"
    if len(failed) > len(notes):
        text += "另有其他校验没有通过，请在报告页查看全部校验结果。"
    return False, text + caveat


def _asked(page: Page, report: Report, cells: tuple[Cell, ...]) -> str:
    """「不予公开 2 件[1]」: the asked figures, cited, before saying their checks hold."""
    shown = [f"{cell_label(c)} {page.amount(a)}" for c in cells if (a := lookup(report, c))]
    return "、".join(shown)


def _involves(check: CheckResult, wanted: frozenset[str]) -> bool:
    """A cell of the check is in an asked row, an item of an asked group, or a kind of an
    asked table 四 row (「三.denied」 covers 「三.denied.state_secret.total」)."""
    rows = {".".join(split_key(k)[:2]) for k in check.cells}
    return any(r == w or r.startswith(w + ".") or r.startswith(w + "_") for r in rows for w in wanted)


def _balance(page: Page, report: Report) -> str:
    """「表三总计栏：本年新收 23 件[1] + 上年结转 1 件[2] = 24，（七）总计 23 件[3] + 结转下年度
    1 件[4] = 24」 — the table's main balance, each side added up and shown."""
    facts = [report.fact(*split_key(k)) for k in BALANCE]
    if any(f is None or f.uncertain for f in facts):
        return ""
    new, carried, handled, forward = (f for f in facts if f is not None)
    left = page.computation(new.value + carried.value)
    right = page.computation(handled.value + forward.value)
    return (f"例如表三总计栏，本年新收 {page.fact(report, new)} + 上年结转 {page.fact(report, carried)}"
            f" = {left} 件，（七）总计 {page.fact(report, handled)} + 结转下年度 "
            f"{page.fact(report, forward)} = {right} 件，两边相等")

