"""The four 勾稽关系 of DOMAIN.md, on resolved figures (blanks already 0 / row sums).

check1 — table 三, every column: 一 + 二 = （七）总计 + 四.
check2 — table 三, every column: （七）总计 = （一） + （二） + all items of （三）–（六）.
check3 — table 三, every row: 总计 = the six applicant columns.
check4 — table 四, each group: 总计 = the four results.
"""

from __future__ import annotations

from index.models import CheckResult
from index.template import TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, RowSpec

Grid = dict[str, tuple[int, ...]]  # table 三 row key → 7 resolved values
BALANCE_ROWS = ("new_received", "carried_over", "total_handled", "carried_forward")


def result_rows(layout: tuple[RowSpec, ...]) -> list[str]:
    """Rows whose sum is （七）总计: （一）（二） and every item (or the single （六） row)."""
    skip = set(BALANCE_ROWS)
    return [spec.key for spec in layout if spec.key not in skip]


def balance_holds(grid: Grid, col: int) -> bool | None:
    if not all(k in grid for k in BALANCE_ROWS):
        return None
    a, b, c, d = (grid[k][col] for k in BALANCE_ROWS)
    return a + b == c + d


def results_hold(grid: Grid, results: list[str], col: int) -> bool | None:
    if "total_handled" not in grid or not all(k in grid for k in results):
        return None
    return grid["total_handled"][col] == sum(grid[k][col] for k in results)


def check1(grid: Grid) -> list[CheckResult]:
    out: list[CheckResult] = []
    for col, (key, label) in enumerate(TABLE3_COLUMNS):
        ok = balance_holds(grid, col)
        if ok is None:
            return []
        a, b, c, d = (grid[k][col] for k in BALANCE_ROWS)
        rel = "=" if ok else "≠"
        detail = (f"{label}：本年新收 {a} + 上年结转 {b} = {a + b} {rel} "
                  f"（七）总计 {c} + 结转下年度 {d} = {c + d}")
        cells = tuple(f"三.{row}.{key}" for row in BALANCE_ROWS)
        out.append(CheckResult("check1", ok, detail, scope=key, cells=cells))
    return out


def check2(grid: Grid, results: list[str]) -> list[CheckResult]:
    out: list[CheckResult] = []
    for col, (key, label) in enumerate(TABLE3_COLUMNS):
        ok = results_hold(grid, results, col)
        if ok is None:
            return []
        parts = [grid[k][col] for k in results]
        total = grid["total_handled"][col]
        rel = "=" if ok else "≠"
        detail = (f"{label}：（七）总计 {total} {rel} 各项办理结果之和 {sum(parts)}"
                  f"（{' + '.join(str(p) for p in parts)}）")
        cells = tuple(f"三.{row}.{key}" for row in ["total_handled", *results])
        out.append(CheckResult("check2", ok, detail, scope=key, cells=cells))
    return out


def check3(grid: Grid, labels: dict[str, str], derived: set[str]) -> list[CheckResult]:
    out: list[CheckResult] = []
    for row, values in grid.items():
        applicants, total = values[:6], values[6]
        ok = sum(applicants) == total
        rel = "=" if ok else "≠"
        detail = (f"{labels.get(row, row)}：{' + '.join(str(v) for v in applicants)} = "
                  f"{sum(applicants)} {rel} 总计 {total}")
        if row in derived:
            detail += "（总计栏空白，按本行各栏相加）"
        cells = tuple(f"三.{row}.{key}" for key, _ in TABLE3_COLUMNS)
        out.append(CheckResult("check3", ok, detail, scope=row, cells=cells))
    return out


def check4(values: dict[str, tuple[int, ...]]) -> list[CheckResult]:
    out: list[CheckResult] = []
    for group, label in TABLE4_GROUPS:
        if group not in values:
            continue
        parts, total = values[group][:4], values[group][4]
        ok = sum(parts) == total
        rel = "=" if ok else "≠"
        named = " + ".join(f"{name} {v}" for (_, name), v in zip(TABLE4_COLUMNS, parts))
        detail = f"{label}：{named} = {sum(parts)} {rel} 总计 {total}"
        cells = tuple(f"四.{group}.{key}" for key, _ in TABLE4_COLUMNS)
        out.append(CheckResult("check4", ok, detail, scope=group, cells=cells))
    return out


def column_score(grid: Grid, results: list[str]) -> int:
    """How many column equations of checks 1 and 2 hold (used to choose digit splits)."""
    score = 0
    for col in range(len(TABLE3_COLUMNS)):
        score += bool(balance_holds(grid, col)) + bool(results_hold(grid, results, col))
    return score
