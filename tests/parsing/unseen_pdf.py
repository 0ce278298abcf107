"""The unseen PDF report, generated at test time (tests/parsing/pdf_writer.py).

Ruled tables with merged cells; the title on two lines (agency, then year + 报告);
「三、本年度办理结果」 printed vertically in a narrow merged column; table 三 breaks
across pages 2–3 without repeating its header; page numbers 「- 2 -」 at the foot.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.parsing.pdf_writer import Cell, Page, pdf_bytes, table
from tests.parsing.unseen_figures import (
    RESULTS, T3_HEADER, T4_LABELS, expected_facts, t2_entry, t3_rows_in_order, table3_grid,
    table4_values,
)

NAME = "2021-yian-agriculture.pdf"
AGENCY = "铜陵市义安区农业农村局"
GRID = table3_grid(
    {"granted": (7, 1, 0, 0, 0, 0), "partially_granted": (1, 0, 0, 0, 0, 0),
     "denied.state_secret": (1, 0, 0, 0, 0, 0), "unable.not_held": (5, 2, 0, 0, 0, 0),
     "unable.unclear": (0, 0, 0, 0, 1, 0), "not_processed.complaint": (2, 0, 0, 0, 0, 0),
     "other.unpaid_fee": (1, 0, 0, 0, 0, 0)},
    carried_over=(2, 0, 0, 0, 0, 0), carried_forward=(1, 0, 0, 0, 0, 0), template="2021")
T4 = table4_values([(2, 0, 1, 0), (0, 0, 0, 1), (0, 0, 0, 0)])
NAME_BORDERLESS = "2021-yian-agriculture-borderless.pdf"
# Printed as empty cells. In a borderless table's text a blank cell leaves no trace: the
# reader can only place it in the rightmost zero column, so the blanks are put there.
BLANK = (("carried_over", 5), ("carried_forward", 5))
T3_WIDTHS = [16.0, 50.0, 150.0] + [299.0 / 7] * 7
SPAN_ROWS = ("new_received", "carried_over", "carried_forward")


def _t2_cells() -> list[Cell]:
    blocks = [
        ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
         [("规章", ("0", "0", "0")), ("行政规范性文件", ("3", "1", "12"))]),
        ("第二十条第（五）项", ("本年处理决定数量",), [("行政许可", ("642",))]),
        ("第二十条第（六）项", ("本年处理决定数量",), [("行政处罚", ("37",)), ("行政强制", ("2",))]),
        ("第二十条第（八）项", ("本年收费金额（单位：万元）",), [("行政事业性收费", ("0.8",))]),
    ]
    cells: list[Cell] = []
    r = 0
    for article, header, rows in blocks:
        cells.append(Cell(r, 0, article, colspan=4))
        cells.append(Cell(r + 1, 0, "信息内容"))
        span = 3 - len(header)
        cells += [Cell(r + 1, 1 + i, h, colspan=1 + (span if len(header) == 1 else 0))
                  for i, h in enumerate(header)]
        for k, (label, values) in enumerate(rows, start=r + 2):
            cells.append(Cell(k, 0, label))
            cells += [Cell(k, 1 + i, v, colspan=1 + (span if len(values) == 1 else 0))
                      for i, v in enumerate(values)]
        r += 2 + len(rows)
    return cells


def _value_cells(row: int, key: str) -> list[Cell]:
    values = [str(v) for v in (*GRID[key], sum(GRID[key]))]
    for blank_key, col in BLANK:
        if blank_key == key:
            values[col] = ""
    return [Cell(row, 3 + i, v) for i, v in enumerate(values)]


def _t3_cells(rows: list[tuple[str, str, str]], header: bool) -> list[Cell]:
    cells: list[Cell] = []
    if header:
        cells += [Cell(0, 0, "申请人情况", rowspan=3, colspan=3), Cell(0, 3, T3_HEADER[0], rowspan=3),
                  Cell(0, 4, "法人或其他组织", colspan=5), Cell(0, 9, T3_HEADER[6], rowspan=3)]
        cells += [Cell(1, 4 + i, h, rowspan=2) for i, h in enumerate(T3_HEADER[1:6])]
    start = 3 if header else 0
    results = [i for i, (key, _, _) in enumerate(rows) if key not in SPAN_ROWS]
    if results:
        text = RESULTS if rows[results[0]][0] == "granted" else ""
        cells.append(Cell(start + results[0], 0, text, rowspan=len(results), vertical=True))
    groups: dict[str, list[int]] = {}
    for i, (key, group, label) in enumerate(rows):
        r = start + i
        cells += _value_cells(r, key)
        if key in SPAN_ROWS:
            cells.append(Cell(r, 0, label, colspan=3))
        elif group:
            groups.setdefault(group, []).append(r)
            cells.append(Cell(r, 2, label))
        else:
            cells.append(Cell(r, 1, label, colspan=2))
    cells += [Cell(rs[0], 1, g, rowspan=len(rs)) for g, rs in groups.items()]
    return cells


def _t4_cells() -> list[Cell]:
    cells = [Cell(0, 0, "行政复议", colspan=5), Cell(0, 5, "行政诉讼", colspan=10),
             Cell(1, 5, "未经复议直接起诉", colspan=5), Cell(1, 10, "复议后起诉", colspan=5)]
    cells += [Cell(1, i, label, rowspan=2) for i, label in enumerate(T4_LABELS)]
    cells += [Cell(2, 5 + i, T4_LABELS[i % 5]) for i in range(10)]
    cells += [Cell(3, i, str(v)) for i, v in enumerate(T4)]
    return cells


def _footer(page: Page, number: int) -> None:
    page.text(285, 30, f"- {number} -", 9)


def pages() -> list[Page]:
    rows = t3_rows_in_order("2021")
    cut = next(i for i, row in enumerate(rows) if row[0] == "unable.not_held")
    one, two, three = Page(), Page(), Page()
    one.line(AGENCY, 16, indent=150)
    one.line("2021年政府信息公开工作年度报告", 16, indent=130)
    one.line(f"本报告由{AGENCY}按照《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的"
             "统计期限自2021年1月1日起至2021年12月31日止。", indent=21)
    one.line("一、总体情况")
    one.line("2021年，我局主动公开政府信息248条，全年新收政府信息公开申请20件。", indent=21)
    one.line("二、主动公开政府信息情况")
    table(one, [130.0, 128.0, 128.0, 129.0], _t2_cells())
    _footer(one, 1)
    two.line("三、收到和处理政府信息公开申请情况")
    table(two, T3_WIDTHS, _t3_cells(rows[:cut], header=True))
    _footer(two, 2)
    table(three, T3_WIDTHS, _t3_cells(rows[cut:], header=False))
    three.line("四、政府信息公开行政复议、行政诉讼情况")
    table(three, [515.0 / 15] * 15, _t4_cells())
    three.line("五、存在的主要问题及改进情况")
    three.line("政策解读形式较为单一。2022年，我局将丰富解读形式。", indent=21)
    three.line("六、其他需要报告的事项")
    three.line("本年度未收取信息处理费。", indent=21)
    _footer(three, 3)
    return [one, two, three]


def build(path: Path, ruled: bool = True) -> Path:
    """The report as a PDF; `ruled=False` draws no table borders (text-only tables)."""
    built = pages()
    if not ruled:
        for page in built:
            page.ops = [op for op in page.ops if not op.endswith(" re S")]
    path.write_bytes(pdf_bytes(built))
    return path


def build_borderless(path: Path) -> Path:
    return build(path, ruled=False)


def expected(ruled: bool = True) -> dict[str, Any]:
    t2 = [t2_entry("rules.issued", 0), t2_entry("rules.abolished", 0), t2_entry("rules.in_force", 0),
          t2_entry("normative_docs.issued", 3), t2_entry("normative_docs.abolished", 1),
          t2_entry("normative_docs.in_force", 12), t2_entry("licensing.decisions", 642),
          t2_entry("penalty.decisions", 37), t2_entry("coercion.decisions", 2),
          t2_entry("admin_fees.amount", 0.8, "万元")]
    columns = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
    return {
        "file": NAME if ruled else NAME_BORDERLESS, "format": "pdf", "agency": AGENCY, "agency_aliases": ["义安区农业农村局"],
        "year": 2021, "template": "2021", "facts": expected_facts(GRID, T4, t2),
        "blank_cells": [f"三.{key}.{columns[col]}" for key, col in BLANK],
        "derived_cells": [], "failed_checks": [],
        "notes": "Generated at test time by tests/parsing/unseen_pdf.py (text PDF, ruled tables): "
                 "title on two lines, 三、本年度办理结果 printed vertically in a merged column, "
                 "table 三 continued on the next page without its header, empty applicant cells."
                 + ("" if ruled else " Borderless variant: no ruling lines, so the tables come "
                    "out as text lines (rows with a blank cell have six numbers)."),
    }


def write_expected(directory: Path) -> None:
    for ruled in (True, False):
        spec = expected(ruled)
        text = json.dumps(spec, ensure_ascii=False, indent=1)
        (directory / spec["file"].replace(".pdf", ".expected.json")).write_text(text + "\n", "utf-8")
