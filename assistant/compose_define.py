"""The meaning of a template term (「什么是过程性信息？」「不予处理是什么意思」).

A short plain-Chinese explanation from `glossary` (said to be a general explanation, not
report text), where the term sits in the report, and — when the question asks a count or a
report is in scope (agency named or pinned) — that report's figure, cited.
"""

from __future__ import annotations

import re

from index.template import GROUP_ITEMS, GROUPS, TABLE_TITLES

from assistant import compose_figures as cf
from assistant import glossary
from assistant.compose_gaps import gap
from assistant.draft import Draft, Page
from assistant.facts import cell_label, column_name, plain_label
from assistant.retrieval import OK, Evidence
from assistant.understanding.intent import Query
from assistant.understanding.metric import Cell

ASKS_COUNT = re.compile(r"多少|几件|几个|几次|有几|数量|件数|数字")


def define(ev: Evidence) -> Draft:
    q, page = ev.query, Page()
    text = term_text(q)
    if ev.status == OK and ev.reports and q.cells:
        text += _figure(page, ev)
    elif ev.status != OK and (q.agency or q.unknown_agency or q.agency_candidates):
        text += gap(ev).text  # the asked report is not there: say so (no numbers of its own)
    elif ASKS_COUNT.search(q.question):
        text += "如需某个单位某一年的具体件数，请告诉我单位名称和年份。"
    return page.draft(text)


def term_text(q: Query) -> str:
    """「“过程性信息”指……（条例第十六条第二款）。在年报中……」 plus the general-explanation note."""
    if not q.cells:
        return _column_text(q.column)
    cell = q.cells[0]
    name = _name(cell)
    meaning = glossary.definition(cell.table, cell.row)
    where = _where(cell)
    if meaning:
        text = f"“{name}”：{meaning}。{where}"
    else:
        text = f"“{name}”是年报{TABLE_TITLES.get(cell.table, '')}中的一项（表{cell.table}）。"
    column = q.column or cell.column
    if cell.table in ("三", "四") and (col := glossary.column_definition(cell.table, column)):
        text += f"“{column_name(Cell(cell.table, cell.row, column))}”一栏指{col}。"
    return text + cf.basis(q) + glossary.NOTE


def _name(cell: Cell) -> str:
    if cell.table == "三" and "." in cell.row:
        group, item = cell.row.split(".", 1)
        label = plain_label(dict(GROUP_ITEMS[group])[item]).replace("“", "").replace("”", "")
        return re.sub(r"^属于", "", label)
    if cell.table == "三" and cell.row in GROUPS:
        return re.sub(r"^（[一二三四五六七]）", "", GROUPS[cell.row])
    return cell_label(cell)


def _where(cell: Cell) -> str:
    title = TABLE_TITLES.get(cell.table, "")
    if cell.table == "三" and cell.row in GROUPS:
        items = "、".join(plain_label(label) for _, label in GROUP_ITEMS[cell.row])
        return (f"在年报表三“本年度办理结果”中，“{GROUPS[cell.row]}”是一类办理结果，包括：{items}；"
                "这一类本身不单独填数，合计数是各小项相加"
                + ("（旧版即二〇一九年试行格式中，“其他处理”是单独一行，直接填数）。"
                   if cell.row == "other" else "。"))
    if cell.table == "三" and "." in cell.row:
        group = GROUPS[cell.row.split(".")[0]]
        return f"在年报表三“本年度办理结果”中，它是“{group}”下的一个小项。"
    return f"在年报中见“{title}”（表{cell.table}）。" if title else ""


def _column_text(column: str) -> str:
    for table in ("三", "四"):
        if meaning := glossary.column_definition(table, column):
            name = column_name(Cell(table, "", column))
            where = "申请人类别" if table == "三" else "复议、诉讼结果"
            return f"“{name}”：{meaning}。这是年报表{table}的一栏（{where}）。" + glossary.NOTE
    return "这个词不是年度报告模板中的统计项目，无法给出解释。"


def _figure(page: Page, ev: Evidence) -> str:
    """「就沭阳县人民政府而言：2025年……为 2 件[1]。」"""
    q = ev.query
    report = ev.reports[-1]
    parts = [s for c in q.cells if (s := cf.cell_sentence(page, report, c, q.column))]
    if not parts:
        return f"{report.year}年{report.agency}的年度报告中没有这一项的表格数字。"
    text = f"对应的报告数字：{cf.subject(report)}{'；'.join(parts)}。"
    if ev.latest_default:
        text += f"（未指明年份，按已收录的最新年度{report.year}年回答。）"
    return text
