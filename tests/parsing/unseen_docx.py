"""Builds the unseen DOCX report (python-docx) at test time, with merged cells.

Table 二 as four small tables, table 三 as one table with a 3-row merged header and
vertically merged group labels, table 四 with a 3-row merged header.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docx import Document
from docx.table import Table

from tests.parsing.unseen_figures import (
    RESULTS, T3_HEADER, T4_LABELS, expected_facts, t2_entry, t3_rows_in_order, table3_grid,
    table4_values,
)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAME = "2023-zhengxiang-transport.docx"
AGENCY = "衡阳市蒸湘区交通运输局"
TITLE = f"{AGENCY}2023年政府信息公开工作年度报告"
GRID = table3_grid(
    {
        "granted": (5, 2, 0, 0, 1, 0), "partially_granted": (1, 0, 0, 0, 0, 0),
        "denied.third_party_rights": (1, 0, 0, 0, 0, 0), "denied.process_info": (0, 1, 0, 0, 0, 0),
        "unable.not_held": (3, 1, 0, 0, 0, 0), "unable.needs_creation": (1, 0, 0, 0, 0, 0),
        "not_processed.duplicate": (2, 0, 0, 0, 0, 0), "other.no_correction": (1, 0, 0, 0, 0, 0),
        "other.other": (0, 0, 0, 0, 0, 1),
    },
    carried_over=(1, 0, 0, 0, 0, 0), carried_forward=(2, 0, 0, 0, 0, 0), template="2021",
)
T4 = table4_values([(1, 0, 0, 1), (0, 1, 0, 0), (0, 0, 0, 0)])
T2 = [
    ("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
     [("规章", "0", "0", "0"), ("行政规范性文件", "2", "1", "7")]),
    ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), [("行政许可", "356")]),
    ("第二十条第（六）项", ("信息内容", "本年处理决定数量"), [("行政处罚", "41"), ("行政强制", "3")]),
    ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), [("行政事业性收费", "12.5")]),
]
T2_EXPECTED = [
    t2_entry("rules.issued", 0), t2_entry("rules.abolished", 0), t2_entry("rules.in_force", 0),
    t2_entry("normative_docs.issued", 2), t2_entry("normative_docs.abolished", 1),
    t2_entry("normative_docs.in_force", 7), t2_entry("licensing.decisions", 356),
    t2_entry("penalty.decisions", 41), t2_entry("coercion.decisions", 3),
    t2_entry("admin_fees.amount", 12.5, "万元"),
]


def expected() -> dict[str, Any]:
    return {
        "file": NAME, "format": "docx", "agency": AGENCY,
        "agency_aliases": ["蒸湘区交通运输局"], "year": 2023, "template": "2021",
        "facts": expected_facts(GRID, T4, T2_EXPECTED),
        "blank_cells": [], "derived_cells": [], "failed_checks": [],
        "notes": "Generated at test time by tests/parsing/unseen_docx.py: merged header cells, "
                 "vertically merged group labels, table 二 as four small tables, table 三 split "
                 "by a page break into two tables (header repeated), line breaks inside cells, "
                 "section numbers 一、/（一） from Word automatic numbering (not in the text), two "
                 "figures (予以公开 自然人 5, 行政处罚 41) as unaccepted tracked changes.",
    }


def _tracked(cell: Any, deleted: str, inserted: str) -> None:
    """Cell text left as an unaccepted tracked change: 「deleted」 struck out, 「inserted」 added."""
    from docx.oxml import parse_xml

    paragraph = cell.paragraphs[0]
    for run in list(paragraph._p.iterchildren(f"{{{_W}}}r")):
        paragraph._p.remove(run)
    paragraph._p.append(parse_xml(
        f'<w:del xmlns:w="{_W}" w:id="7" w:author="审核" w:date="2024-01-20T09:00:00Z">'
        f"<w:r><w:delText>{deleted}</w:delText></w:r></w:del>"))
    paragraph._p.append(parse_xml(
        f'<w:ins xmlns:w="{_W}" w:id="8" w:author="审核" w:date="2024-01-20T09:00:00Z">'
        f"<w:r><w:t>{inserted}</w:t></w:r></w:ins>"))


def _table2(doc: Any) -> None:
    for article, header, rows in T2:
        table = doc.add_table(rows=2 + len(rows), cols=len(header))
        title = table.cell(0, 0).merge(table.cell(0, len(header) - 1))
        title.text = article
        for col, text in enumerate(header):
            table.cell(1, col).text = text
        for r, row in enumerate(rows, start=2):
            for col, text in enumerate(row):
                table.cell(r, col).text = text
                if text == "41":  # 行政处罚: corrected with change tracking on
                    _tracked(table.cell(r, col), "39", "41")
        doc.add_paragraph("")


def _merge(table: Table, a: tuple[int, int], b: tuple[int, int], text: str) -> None:
    cell = table.cell(*a).merge(table.cell(*b))
    cell.text = text


def _table3_header(table: Table) -> None:
    _merge(table, (0, 0), (2, 2), "申请人情况")
    _merge(table, (0, 3), (2, 3), T3_HEADER[0])
    _merge(table, (0, 4), (0, 8), "法人或\n其他组织")
    for col, text in enumerate(T3_HEADER[1:6], start=4):
        _merge(table, (1, col), (2, col), text[:2] + "\n" + text[2:])
    _merge(table, (0, 9), (2, 9), T3_HEADER[6])


def _table3(doc: Any) -> None:
    """Table 三 split by a page break into two tables, the header repeated in the second."""
    rows = t3_rows_in_order("2021")
    cut = next(i for i, row in enumerate(rows) if row[0] == "unable.not_held")
    _table3_part(doc, rows[:cut])
    doc.add_page_break()
    _table3_part(doc, rows[cut:])


def _table3_part(doc: Any, rows: list[tuple[str, str, str]]) -> None:
    table = doc.add_table(rows=3 + len(rows), cols=10)
    _table3_header(table)
    groups: dict[str, list[int]] = {}
    results: list[int] = []
    for r, (key, group, label) in enumerate(rows, start=3):
        cells = GRID[key]
        for col, value in enumerate((*cells, sum(cells)), start=3):
            table.cell(r, col).text = str(value)
        if key == "granted":  # 予以公开 自然人 corrected 4 → 5 with change tracking on
            _tracked(table.cell(r, 3), "4", "5")
        if key in ("new_received", "carried_over", "carried_forward"):
            _merge(table, (r, 0), (r, 2), label)
            continue
        results.append(r)
        if group:
            groups.setdefault(group, []).append(r)
            table.cell(r, 2).text = label.replace("，", "，\n", 1)
        else:
            _merge(table, (r, 1), (r, 2), label)
    if results:
        _merge(table, (results[0], 0), (results[-1], 0), RESULTS)
    for group, members in groups.items():
        _merge(table, (members[0], 1), (members[-1], 1), group)


def _table4(doc: Any) -> None:
    table = doc.add_table(rows=4, cols=15)
    _merge(table, (0, 0), (0, 4), "行政复议")
    _merge(table, (0, 5), (0, 14), "行政诉讼")
    for col, text in enumerate(T4_LABELS):
        _merge(table, (1, col), (2, col), text)
    _merge(table, (1, 5), (1, 9), "未经复议直接起诉")
    _merge(table, (1, 10), (1, 14), "复议后起诉")
    for col in range(5, 15):
        table.cell(2, col).text = T4_LABELS[(col - 5) % 5]
    for col, value in enumerate(T4):
        table.cell(3, col).text = str(value)


PROSE = {
    "总体情况": [
        "2023年，蒸湘区交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "全年主动公开政府信息86条。",
        ("主动公开",), "全年在区政府门户网站发布交通运输工作动态52条。",
        ("依申请公开",), "全年收到政府信息公开申请21件，办理答复20件。",
    ],
    "存在的主要问题及改进情况": ["信息更新不够及时。下一步将加强培训。"],
    "其他需要报告的事项": ["本年度未收取信息处理费。"],
}
NUM_ID = "90"
# Automatic numbering: level 0 「一、」, level 1 「（一）」 (Word's chineseCounting).
NUMBERING_XML = (
    f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
)


def _add_numbering(doc: Any) -> None:
    from docx.oxml import parse_xml

    root = doc.part.numbering_part.element
    first_num = root.find(f"{{{_W}}}num")
    abstract = parse_xml(NUMBERING_XML)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(parse_xml(
        f'<w:num xmlns:w="{_W}" w:numId="{NUM_ID}"><w:abstractNumId w:val="90"/></w:num>'))


def _numbered(doc: Any, text: str, level: int) -> None:
    """A paragraph numbered by Word (the number is not in its text)."""
    from docx.oxml import parse_xml

    paragraph = doc.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))


def _prose(doc: Any, heading: str) -> None:
    _numbered(doc, heading, 0)
    for para in PROSE.get(heading, []):
        if isinstance(para, tuple):
            _numbered(doc, para[0], 1)
        else:
            doc.add_paragraph(para)


def build(path: Path) -> Path:
    """The report; section headings 一–六 and parts （一）（二） use automatic numbering."""
    doc = Document()
    _add_numbering(doc)
    doc.add_heading(TITLE, level=1)
    doc.add_paragraph(
        f"本报告由{AGENCY}根据《中华人民共和国政府信息公开条例》编制。"
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    )
    _prose(doc, "总体情况")
    _prose(doc, "主动公开政府信息情况")
    _table2(doc)
    _prose(doc, "收到和处理政府信息公开申请情况")
    _table3(doc)
    _prose(doc, "政府信息公开行政复议、行政诉讼情况")
    _table4(doc)
    _prose(doc, "存在的主要问题及改进情况")
    _prose(doc, "其他需要报告的事项")
    doc.save(str(path))
    return path


def write_expected(directory: Path) -> None:
    text = json.dumps(expected(), ensure_ascii=False, indent=1)
    (directory / NAME.replace(".docx", ".expected.json")).write_text(text + "\n", "utf-8")
