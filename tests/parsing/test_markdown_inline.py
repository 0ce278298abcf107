"""Markdown inline markup (emphasis, code, links) never reaches the prose or the cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.chunks import report_chunks
from index.loaders.markdown_inline import strip_inline
from index.models import Report, Section
from index.parsing import parse_report
from tests.parsing.corpus_tables import wrong_cells
from tests.parsing.unseen_figures import (
    T3_HEADER, T4_LABELS, expected_facts, t2_entry, t3_rows_in_order, table3_grid, table4_values,
)

AGENCY = "云栖市白沙区交通运输局"
GRID = table3_grid(
    {"granted": (11, 4, 0, 0, 1, 0), "partially_granted": (2, 1, 0, 0, 0, 0),
     "denied.process_info": (1, 0, 0, 0, 0, 0), "unable.not_held": (5, 2, 0, 0, 0, 1),
     "not_processed.complaint": (3, 0, 0, 0, 0, 0), "other.other": (0, 1, 0, 0, 0, 0)},
    carried_over=(2, 0, 0, 0, 0, 0), carried_forward=(1, 1, 0, 0, 0, 0), template="2021")
T4 = table4_values([(1, 1, 0, 1), (0, 0, 0, 2), (0, 0, 0, 0)])
T2 = [t2_entry("rules.issued", 0), t2_entry("rules.abolished", 0), t2_entry("rules.in_force", 0),
      t2_entry("normative_docs.issued", 3), t2_entry("normative_docs.abolished", 1),
      t2_entry("normative_docs.in_force", 14), t2_entry("licensing.decisions", 1806),
      t2_entry("penalty.decisions", 273), t2_entry("coercion.decisions", 9),
      t2_entry("admin_fees.amount", 12.5, "万元")]


def _table3() -> list[str]:
    """Table 三 with bold totals, italic group labels and a bold header."""
    lines = ["| **申请人情况** | | " + " | ".join(f"**{h}**" for h in T3_HEADER) + " |",
             "|---|---|" + "---|" * 7]
    for key, group, label in t3_rows_in_order("2021"):
        first, second = (f"*{group}*", label) if group else (f"**{label}**", "")
        if key in ("granted", "partially_granted"):
            first, second = "三、本年度办理结果", label
        cells = [first, second, *map(str, GRID[key]), f"**{sum(GRID[key])}**"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _table4() -> list[str]:
    head = "| " + " | ".join(["**行政复议**"] + [""] * 4 + ["**行政诉讼**"] + [""] * 9) + " |"
    kinds = "| " + " | ".join([""] * 5 + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4) + " |"
    labels = "| " + " | ".join(T4_LABELS * 3) + " |"
    values = "| " + " | ".join(f"__{v}__" if i % 5 == 4 else str(v) for i, v in enumerate(T4)) + " |"
    return [head, "|" + "---|" * 15, kinds, labels, values]


LINES = [
    f"# {AGENCY}2025年政府信息公开工作年度报告",
    "",
    f"> 来源：[{AGENCY}](https://jtj.baisha.example.gov.cn/)　统计期限为2025年1月1日至2025年12月31日。",
    "",
    "### **一、总体情况**",
    "",
    "2025年，我局坚持*以公开为常态*，全年在[区政府门户网站](https://www.baisha.example.gov.cn/zwgk)"
    "主动公开信息**2,046条**，同比增长__8.3%__。",
    "",
    "1. **依申请公开。** 本年新收公开申请`32`件，上年结转2件，全部在法定期限内答复。",
    "2. ***平台建设。*** 更新“白沙交通”公众号![logo](logo.png)推文158篇。",
    "",
    "### **二、主动公开政府信息情况**",
    "",
    "| 第二十条第（一）项 | | | |", "|---|---|---|---|",
    "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
    "| **规章** | 0 | 0 | 0 |",
    "| **行政规范性文件** | **3** | 1 | *14* |",
    "",
    "| 第二十条第（五）项 | |", "|---|---|", "| 信息内容 | 本年处理决定数量 |",
    "| __行政许可__ | `1806` |",
    "",
    "| 第二十条第（六）项 | |", "|---|---|", "| 信息内容 | 本年处理决定数量 |",
    "| 行政处罚 | **273** |", "| 行政强制 | 9 |",
    "",
    "| 第二十条第（八）项 | |", "|---|---|", "| 信息内容 | 本年收费金额（单位：万元） |",
    "| 行政事业性收费 | **12.5** |",
    "",
    "### **三、收到和处理政府信息公开申请情况**",
    "",
    *_table3(),
    "",
    "### **四、政府信息公开行政复议、行政诉讼情况**",
    "",
    *_table4(),
    "",
    "### **五、存在的主要问题及改进情况**",
    "",
    "部分科室对**公开属性**认定把握不准。2026年将开展*专题培训*不少于__2__次。",
    "",
    "### **六、其他需要报告的事项**",
    "",
    "本年度**未收取**信息处理费。办理区人大代表建议*6*件、政协提案**10**件。",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path: Path = tmp_path_factory.mktemp("md") / "baisha-transport-2025.md"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return parse_report(path)


def _all_sections(sections: tuple[Section, ...]) -> list[Section]:
    return [s for section in sections for s in (section, *_all_sections(section.parts))]


def test_no_markup_left_in_any_section_text(report: Report) -> None:
    assert [s.number for s in report.sections] == ["", "一", "二", "三", "四", "五", "六"]
    for section in _all_sections(report.sections):
        for text in (section.title, section.text):
            assert not any(mark in text for mark in ("*", "__", "`", "](", "![")), text


def test_sentences_are_clean_and_in_their_section(report: Report) -> None:
    prose = {c.text for c in report_chunks(report) if c.metadata["kind"] == "prose"}
    one, six = (next(s for s in report.sections if s.number == n) for n in ("一", "六"))
    assert "2025年，我局坚持以公开为常态，全年在区政府门户网站主动公开信息2,046条，同比增长8.3%。" in one.text
    assert "本年新收公开申请32件，上年结转2件，全部在法定期限内答复。" in one.text
    assert "平台建设。" in one.text and "推文158篇。" in one.text
    assert "本年度未收取信息处理费。办理区人大代表建议6件、政协提案10件。" in six.text
    assert any("本年度未收取信息处理费。" in text and text.startswith("六、") for text in prose)
    assert not any("*" in text or "__" in text for text in prose)


def test_figures_read_right(report: Report) -> None:
    expected = expected_facts(GRID, T4, T2)
    cells = {f"{t}.{row}.{col}": v for t in ("三", "四") for row, cols in expected[t].items()
             for col, v in cols.items()}
    cells |= {f"二.{entry['key']}": entry for entry in T2}
    facts = {f"{f.table}.{f.row}.{f.column}": f for f in report.facts}
    assert wrong_cells(cells, facts) == []
    assert all(check.ok for check in report.checks)


@pytest.mark.parametrize("markdown, plain", [
    ("**1,237**条", "1,237条"),
    ("增长__12.5%__，减少*-3*", "增长12.5%，减少-3"),
    ("单价 3*4*5 元", "单价 3*4*5 元"),
    ("`第二十条` 与 [条例](http://x.cn/a_b_c) 与 <https://a.cn/x_y>", "第二十条 与 条例 与 https://a.cn/x_y"),
    ("file_name_x 与 \\*注", "file_name_x 与 *注"),
    ("填写____处", "填写____处"),
])
def test_strip_inline(markdown: str, plain: str) -> None:
    assert strip_inline(markdown) == plain
