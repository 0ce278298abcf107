"""Tables 三 and 四 printed as crawlers, copies and converters leave them: blank cells kept,
dropped, or kept only as empty lines; for the placement tests and the page tests.

`report_text(grid, t4, style, blank)` renders a whole report whose tables use `style`:
  "html"        the page itself (cells in <td>, blank ones &nbsp;)
  "one-a-line"  a crawler's text: one cell a line, blank cells dropped
  "empty-lines" a crawler's text that kept an empty line for each blank cell
  "spaced"      one line a row, numbers separated by spaces, blank cells dropped
  "pipes"       Markdown pipe rows whose blank cells a converter dropped
  "tabs"        a browser copy: tab-separated cells, blank cells kept empty
  "bare-pipes"  html2text Markdown: 「a | b」 rows under 「---|---」, blank cells kept empty
  "joined"      a crawler joining a row's cells with 「|」 (no spaces), blank cells kept empty
`blank` says which cells are printed blank: "none", "zeros" (every zero), "some" (the
zeros of some rows).
"""

from __future__ import annotations

import random
from typing import Any

from tests.parsing.page_build import crawled, table3_html, table4_html
from tests.parsing.unseen_figures import (
    APPLICANTS,
    COLUMNS,
    T4_COLUMNS,
    T4_KINDS,
    T4_LABELS,
    Six,
    outcome_rows,
    t3_rows_in_order,
    table3_grid,
    table4_values,
)

STYLES = ("html", "one-a-line", "empty-lines", "spaced", "pipes", "tabs", "bare-pipes", "joined")
EXACT_STYLES = ("html", "empty-lines", "tabs", "bare-pipes", "joined")  # blank cells keep their places
_SEPARATORS = {"spaced": " ", "pipes": " | ", "tabs": "\t", "bare-pipes": " | ", "joined": "|"}
_KEEP_BLANKS = ("tabs", "bare-pipes", "joined")
HEAD = ["测试市测试区统计局2023年政府信息公开工作年度报告", "一、总体情况",
        "2023年，测试区统计局认真贯彻《条例》。", "二、主动公开政府信息情况", "第二十条第（一）项",
        "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 0", "行政规范性文件 1 0 3"]
TAIL = ["五、存在的主要问题及改进情况", "培训有待加强。", "六、其他需要报告的事项", "无。"]


def truth_cells(grid: dict[str, Six], t4: list[int]) -> dict[str, int]:
    """'三.granted.total' → value, for every cell of tables 三 and 四."""
    out = {f"三.{key}.{col}": v for key, six in grid.items()
           for col, v in zip(COLUMNS, (*six, sum(six)))}
    for i, kind in enumerate(T4_KINDS):
        out.update({f"四.{kind}.{col}": t4[i * 5 + j] for j, col in enumerate(T4_COLUMNS)})
    return out


def random_case(rng: random.Random) -> tuple[dict[str, Six], list[int]]:
    """A table 三 that satisfies checks 1–3 (mostly individuals, some legal persons) and a
    table 四."""
    outcomes: dict[str, Six] = {}
    for key, _, _ in rng.sample(outcome_rows("2021"), rng.randint(2, 7)):
        six = [0] * 6
        six[0] = rng.choice((0, 1, 1, 2, 3, 5, 8, 13))
        if rng.random() < 0.4:
            six[rng.randint(1, 5)] = rng.randint(1, 3)
        outcomes[key] = tuple(six)  # type: ignore[assignment]
    over = (rng.randint(0, 2), 0, 0, 0, 0, 0)
    forward = (rng.randint(0, 2), rng.randint(0, 1), 0, 0, 0, 0)
    grid = table3_grid(outcomes, carried_over=over, carried_forward=forward, template="2021")
    if min(min(v) for v in grid.values()) < 0:
        return random_case(rng)
    t4 = table4_values([tuple(rng.choice((0, 0, 1, 2)) for _ in range(4))  # type: ignore[misc]
                        for _ in range(3)])
    return grid, t4


def _blank_rows(grid: dict[str, Six], blank: str, rng: random.Random | None) -> set[str]:
    if blank == "zeros":
        return set(grid)
    if blank == "some":
        rng = rng or random.Random(0)
        return {key for key in grid if rng.random() < 0.5}
    return set()


def _cells(values: tuple[int, ...], blank_row: bool) -> list[str]:
    return ["" if blank_row and v == 0 else str(v) for v in values]


def report_text(grid: dict[str, Six], t4: list[int], style: str, blank: str = "zeros",
                rng: random.Random | None = None) -> str:
    blank_rows = _blank_rows(grid, blank, rng)
    if style in ("html", "one-a-line", "empty-lines"):
        html = _html(grid, t4, blank_rows, blank != "none")
        return html if style == "html" else crawled(html, keep_empty_cells=style == "empty-lines")
    sep = _SEPARATORS[style]
    lines = [*HEAD, "三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
             sep.join(("申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"))]
    if style == "bare-pipes":
        lines.append("---|" * 7 + "---")
    for key, group, label in t3_rows_in_order("2021"):
        cells = _cells((*grid[key], sum(grid[key])), key in blank_rows)
        if style not in _KEEP_BLANKS:
            cells = [c for c in cells if c]
        row = sep.join([f"{group}{label}", *cells])
        lines.append(f"| {row} |" if style == "pipes" else row)
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼",
              " ".join((*T4_LABELS, "未经复议直接起诉", "复议后起诉")), " ".join(T4_LABELS * 2)]
    t4_cells = _cells(tuple(t4), blank != "none")
    t4_line = sep.join(t4_cells if style in _KEEP_BLANKS else [c for c in t4_cells if c])
    if style == "bare-pipes":
        lines += ["---|" * 14 + "---"]
    lines.append(f"| {t4_line} |" if style == "pipes" else t4_line)
    return "\n".join([*lines, *TAIL])


def _html(grid: dict[str, Six], t4: list[int], blank_rows: set[str], blank_t4: bool) -> str:
    shown = {k: v for k, v in grid.items()}
    body = "".join(f"<p>{line}</p>" for line in HEAD) + "<p>三、收到和处理政府信息公开申请情况</p>"
    table = table3_html(shown, blank_zero=True)
    if blank_rows != set(grid):  # zeros printed in the rows not blanked
        table = table3_html(shown, blank_zero=False) if not blank_rows else _mixed_table(grid, blank_rows)
    body += table + "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + table4_html(t4, blank_zero=blank_t4)
    body += "".join(f"<p>{line}</p>" for line in TAIL)
    return f'<html><head><meta charset="utf-8"><title>{HEAD[0]}</title></head><body><div class="content">{body}</div></body></html>'


def _mixed_table(grid: dict[str, Six], blank_rows: set[str]) -> str:
    full, blanked = table3_html(grid, blank_zero=False), table3_html(grid, blank_zero=True)
    rows_full, rows_blank = full.split("<tr>"), blanked.split("<tr>")
    keys = [key for key, _, _ in t3_rows_in_order("2021")]
    out = rows_full[:3]
    for key, plain, blanked_row in zip(keys, rows_full[3:], rows_blank[3:]):
        out.append(blanked_row if key in blank_rows else plain)
    return "<tr>".join(out)


def score(facts: dict[str, Any], truth: dict[str, int]) -> tuple[int, list[str], int]:
    """(cells right, cells stated with a wrong value, cells uncertain)."""
    right, wrong, unsure = 0, [], 0
    for key, want in truth.items():
        fact = facts.get(key)
        if fact is None:
            continue
        if fact.uncertain:
            unsure += 1
        elif fact.value == want:
            right += 1
        else:
            wrong.append(f"{key}: stated {fact.value}, printed {want}")
    return right, wrong, unsure


__all__ = ["APPLICANTS", "STYLES", "EXACT_STYLES", "truth_cells", "random_case", "report_text", "score"]
