"""Where a report contradicts itself, every answer that states its figures says so.

The parser attaches to each report its checks (`CheckResult`): the 勾稽关系 check1–check4 of
DOMAIN.md and "prose_vs_table" (a figure stated in the text that the tables do not give).
`notes(page)` looks up, for every report the answer stated figures of, the failed checks
whose cells include a stated cell (or an item of a stated group), and writes one short note
per check, at most `MAX_PER_REPORT` a report:

- prose vs table: the sentence quoted with its own citation, the table figures it disagrees
  with (cited, sums shown), and that the answer uses the table;
- check1–4: which 勾稽关系 fails, both sides with their inputs cited and sums shown.

Every number of a note is a cited value, a shown computation or inside a cited quote, so
the notes pass the grounding guard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.models import CheckResult, Fact, Location, Report
from index.template import GROUPS, TABLE3_COLUMN_LABELS, TABLE4_GROUPS, row_label

from assistant.draft import Page, fmt
from assistant.facts import (
    LITIGATION_ROWS, Amount, cell_label, column_name, group_items, lookup, plain_label,
)
from assistant.understanding.metric import LITIGATION, Cell

PROSE = "prose_vs_table"
MAX_PER_REPORT = 2
MAX_TERMS = 8  # a sum with more non-zero inputs is stated without its terms
# check name → (left side, right side, the relation as DOMAIN.md states it)
RULES: dict[str, tuple[str, str, str]] = {
    "check1": ("本年新收与上年结转相加", "（七）总计与结转下年度相加",
               "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度"),
    "check2": ("（七）总计", "各项办理结果相加", "（七）总计 = 各项办理结果之和"),
    "check3": ("所印总计", "各类申请人相加", "总计 = 各类申请人之和"),
    "check4": ("所印总计", "各项结果相加", "总计 = 各项结果之和"),
}
# The quoted sentence of a check stored before checks carried it: 「一、总体情况 第6行：“…”；」
_LEGACY_QUOTE = re.compile(
    r"^(?P<section>.*?)\s*(?:第(?P<page>\d+)页)?(?:第(?P<line>\d+)行)?(?:位置不详)?：“(?P<quote>.+?)”；")
_TABLE4_NAMES = dict(TABLE4_GROUPS)


def notes(page: Page) -> str:
    """「注意：…。」 for each failed check that involves a cell the answer stated so far."""
    stated = {rid: frozenset(cells) for rid, cells in page.stated.items()}
    several = len(stated) > 1
    out: list[str] = []
    for rid, cells in stated.items():
        report = page.reports[rid]
        who = f"{report.agency}{report.year}年" if several else ""
        written = 0
        for check in relevant(report, cells):
            note = note_for(page, report, check, who)
            if not note or note + "。" in out:
                continue
            out.append(note + "。")
            page.warnings.append(f"{report.agency}{report.year}年报告未通过校验：{check.detail}")
            written += 1
            if written == MAX_PER_REPORT:
                break
    return "".join(out)


def relevant(report: Report, cells: frozenset[str]) -> list[CheckResult]:
    """Failed checks involving a stated cell or an item of a stated group; prose checks first."""
    wanted = set(cells) | _items(report, cells)
    return once(c for c in report.failed_checks if wanted & set(c.cells))


def once(checks: Iterable[CheckResult]) -> list[CheckResult]:
    """Each check once (the same rule and sentence or detail), prose against table first."""
    found: list[CheckResult] = []
    seen: set[tuple[str, str]] = set()
    for check in checks:
        key = (check.name, check.quote or check.detail)
        if key not in seen:
            seen.add(key)
            found.append(check)
    return sorted(found, key=lambda c: c.name != PROSE)


def note_for(page: Page, report: Report, check: CheckResult, who: str) -> str:
    """The note of one failed check: text against table, or a 勾稽关系 (empty: not writable)."""
    return prose_note(page, report, check, who) if check.name == PROSE else \
        table_note(page, report, check, who)


def contradicted(report: Report, sentence: str) -> bool:
    """A failed prose check quotes (part of) this sentence."""
    for check in report.failed_checks:
        quote = _quoted(check)[0].strip("…") if check.name == PROSE else ""
        if quote and (quote in sentence or sentence.rstrip("。；;") in quote):
            return True
    return False


def _items(report: Report, cells: frozenset[str]) -> set[str]:
    """The item cells of the groups among `cells` (「三.unable.total」 → 「三.unable.not_held.total」…)."""
    out: set[str] = set()
    for key in cells:
        table, row, column = split_key(key)
        if table == "三" and row in GROUPS:
            out.update(f"三.{item}.{column}" for item in group_items(report, row))
        elif table == "四" and row == LITIGATION:
            out.update(f"四.{r}.{column}" for r in LITIGATION_ROWS)
    return out


def split_key(key: str) -> tuple[str, str, str]:
    """「三.denied.state_secret.total」 → ("三", "denied.state_secret", "total")."""
    table, rest = key.split(".", 1)
    row, _, column = rest.rpartition(".")
    return table, row, column


# ---- prose vs table ----------------------------------------------------------------------

def _quoted(check: CheckResult) -> tuple[str, str, Location]:
    """(quote, section, location) of a prose check; read back from the detail for checks
    stored before they carried these fields."""
    if check.quote:
        return check.quote, check.section, check.source or Location()
    m = _LEGACY_QUOTE.match(check.detail)
    if m is None:
        return "", "", Location()
    page, line = m.group("page"), m.group("line")
    location = Location(int(page) if page else None, int(line) if line else None)
    return m.group("quote"), m.group("section").strip(), location


def prose_note(page: Page, report: Report, check: CheckResult, who: str) -> str:
    quote, section, location = _quoted(check)
    side = _table_side(page, report, check) if quote else ""
    if not side:
        return ""
    n = page.book.sentence(report, section, quote, location)
    return (f"注意：{who}报告正文称“{quote}”[{n}]，而{side}，两者不一致，报告自相矛盾；"
            "以上按表格数字作答")


def _table_side(page: Page, report: Report, check: CheckResult) -> str:
    """The table figures a prose check compared with: 「表三予以公开 272 件[1–4]、…」."""
    keys = [split_key(k) for k in check.cells]
    if not keys:
        return ""
    if keys[0][0] == "四" and any(col != "total" for _, _, col in keys):
        return _nonzero_results(page, report, keys)
    amounts = [a for t, r, c in _collapse(report, keys) if (a := lookup(report, Cell(t, r, c)))]
    shown = [a for a in amounts if a.value] or amounts[:1]
    if not shown:
        return ""
    text = f"表{keys[0][0]}" + "、".join(f"{_row_name(a)} {page.amount(a)}" for a in shown)
    if len(shown) >= 2 and all(a.cell.row != "total_handled" for a in shown):
        total = sum((a.value for a in shown), start=0)
        terms = " + ".join(fmt(a.value) for a in shown)
        text += f"，合计 {page.computation(total)} {shown[0].unit}（{terms}）"
    return text


def _nonzero_results(page: Page, report: Report, keys: list[tuple[str, str, str]]) -> str:
    """「表四行政复议尚未审结 2 件[2]、…」: the results other than 维持 the table gives."""
    facts = [f for t, r, c in keys if (f := report.fact(t, r, c)) is not None and f.value]
    if not facts:
        return ""
    shown = "、".join(f"{_TABLE4_NAMES.get(f.row, f.row)}{column_name(Cell('四', f.row, f.column))} "
                     f"{page.fact(report, f)}" for f in facts)
    return f"表四{shown}"


def _collapse(report: Report, keys: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Items of a group, all present, become the group (its total is added up and cited)."""
    present = set(keys)
    out: list[tuple[str, str, str]] = []
    for table, row, column in keys:
        group = row.split(".")[0]
        items = group_items(report, group) if table == "三" and "." in row else ()
        if items and all((table, item, column) in present for item in items):
            row = group
        if (table, row, column) not in out:
            out.append((table, row, column))
    return out


def _row_name(a: Amount) -> str:
    name = cell_label(a.cell)
    if a.cell.table == "四":
        return f"{name}总计"
    if a.cell.column not in ("", "total"):
        return f"{name}（{column_name(a.cell)}）"
    return name


# ---- 勾稽关系 check1–check4 ---------------------------------------------------------------

def table_note(page: Page, report: Report, check: CheckResult, who: str) -> str:
    if check.name not in RULES:
        return ""
    facts = [report.fact(*split_key(k)) for k in check.cells]
    if not facts or any(f is None or f.uncertain for f in facts):
        return ""
    known = [f for f in facts if f is not None]
    cut = 2 if check.name == "check1" else 1
    left, right = (known[-1:], known[:-1]) if check.name in ("check3", "check4") else \
        (known[:cut], known[cut:])
    left_label, right_label, rule = RULES[check.name]
    return (f"注意：{who}{_where(check)}{left_label}为 {_side(page, report, left)}，"
            f"{right_label}为 {_side(page, report, right)}，不符合勾稽关系“{rule}”，报告前后不一致")


def _where(check: CheckResult) -> str:
    if check.name in ("check1", "check2"):
        return f"表三“{TABLE3_COLUMN_LABELS.get(check.scope, check.scope)}”一栏"
    if check.name == "check3":
        return f"表三“{plain_label(row_label('三', check.scope))}”一行"
    return f"表四“{_TABLE4_NAMES.get(check.scope, check.scope)}”"


def _side(page: Page, report: Report, facts: list[Fact]) -> str:
    """One cited figure, or a sum: 「10 + 1 = 11 件[1–4]」 (non-zero terms shown, all inputs cited)."""
    if len(facts) == 1:
        return page.fact(report, facts[0])
    markers = page.book.markers(report, tuple(facts))
    total = sum((f.value for f in facts), start=0)
    nonzero = [fmt(f.value) for f in facts if f.value]
    terms = f"{' + '.join(nonzero)} = " if 2 <= len(nonzero) <= MAX_TERMS else ""
    return f"{terms}{page.computation(total)} {facts[0].unit}{markers}"
