"""Plain-text renderings of template tables for the unseen reports (helpers)."""

from __future__ import annotations

import re

from tests.parsing.unseen_figures import (
    RESULTS, T3_HEADER, T4_LABELS, Six, t3_rows_in_order,
)

T3_INTRO = ("三、收到和处理政府信息公开申请情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
T4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"


def _label_lines(template: str) -> list[tuple[str, str, str, bool]]:
    """(key, prefix, label, first_of_group): prefix is the group label printed before item 1."""
    out = []
    seen: set[str] = set()
    for key, group, label in t3_rows_in_order(template):
        prefix = ""
        if key == "granted":
            prefix = RESULTS
        if group and group not in seen:
            seen.add(group)
            prefix = group
        out.append((key, prefix, label, bool(prefix)))
    return out


def table3_lines(grid: dict[str, Six], template: str, sep: str = " ",
                 total_blank: bool = False) -> list[str]:
    """One line per row: label then seven cells (总计 left out when `total_blank`)."""
    lines = [*T3_INTRO, "申请人情况", sep.join(("自然人", "法人或其他组织", "总计")),
             sep.join(T3_HEADER[1:6])]
    for key, prefix, label, _ in _label_lines(template):
        cells = [str(v) for v in grid[key]] + ["" if total_blank else str(sum(grid[key]))]
        if prefix == RESULTS:
            lines.append(RESULTS)
            prefix = ""
        lines.append(sep.join([prefix, label, *cells] if prefix else [label, *cells]))
    return lines


def table3_cell_per_line(grid: dict[str, Six], template: str,
                         markers: dict[tuple[str, int], str]) -> list[str]:
    """Every label and every number on its own line; `markers[(key, i)]` is inserted
    before cell i of row key (page markers interrupting the table)."""
    lines = [*T3_INTRO, "申请人情况", "自然人", "法人或其他组织", *T3_HEADER[1:]]
    for key, prefix, label, _ in _label_lines(template):
        if prefix == RESULTS:
            lines.append(RESULTS)
        elif prefix:
            lines.append(prefix)
        lines.append(label)
        for i, value in enumerate((*grid[key], sum(grid[key]))):
            if (key, i) in markers:
                lines.append(markers[(key, i)])
            lines.append(str(value))
    return lines


def table4_header_lines(sep: str = " ") -> list[str]:
    return [
        T4_TITLE,
        sep.join(("行政复议", "行政诉讼")),
        sep.join((*T4_LABELS, "未经复议直接起诉", "复议后起诉")),
        sep.join(T4_LABELS * 2),
    ]


def table4_vertical(values: list[int]) -> list[str]:
    """One label and one value per line: 「行政复议 结果维持 0」."""
    heads = ("行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉")
    return [T4_TITLE] + [
        f"{heads[i // 5]} {T4_LABELS[i % 5]} {value}" for i, value in enumerate(values)
    ]


def table3_markdown(grid: dict[str, Six], template: str, total_blank: bool = False) -> list[str]:
    """Markdown pipe table: two label columns (group, item), six applicants, 总计."""
    lines = [*T3_INTRO, "", "| 申请人情况 | | " + " | ".join(T3_HEADER) + " |",
             "|---|---|" + "---|" * 7]
    for key, group, label in t3_rows_in_order(template):
        first, second = (group, label) if group else (label, "")
        if key in ("granted", "partially_granted"):
            first, second = RESULTS, label
        total = "" if total_blank else str(sum(grid[key]))
        cells = [first, second, *map(str, grid[key]), total]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown_t2(lines: list[str]) -> list[str]:
    """Table 二 as pipe rows; article lines as a row of their own (no separator rows)."""
    return [lines[0]] + ["| " + line + " |" for line in lines[1:]]


def wrapped(lines: list[str]) -> list[str]:
    """PDF copy: long labels wrap. 「（二）部分公开…不计其他 1 0 … 1」 / 「情形）」 (numbers
    beside the first line), and 「5.要求…已获」 / 「取信息 0 0 …」 (numbers on the second)."""
    out: list[str] = []
    for line in lines:
        if line.startswith("（二）部分公开"):
            head, numbers = line.split("情形） ", 1)  # head ends 「…不计其他」
            out += [f"{head} {numbers}", "情形）"]
        elif line.startswith("5.要求行政机关确认"):
            out += ["5.要求行政机关确认或重新出具已获", line.replace("5.要求行政机关确认或重新出具已获", "")]
        else:
            out.append(line)
    return out


_SECTION_HEADING = re.compile(r"^(?:## )?[一二三四五六]、(总体情况|主动公开政府信息情况|收到和处理政府信息公开"
                              r"申请情况|政府信息公开行政复议、行政诉讼情况|存在的主要问题及改进情况|"
                              r"其他需要报告的事项)$")


def bare_heading(line: str) -> str:
    """「二、主动公开政府信息情况」 → 「## 主动公开政府信息情况」 (numbers left to Word)."""
    match = _SECTION_HEADING.match(line)
    return f"## {match.group(1)}" if match else line
