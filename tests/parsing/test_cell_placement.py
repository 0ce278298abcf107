"""Cells placed by structure and checks, never shifted (issue 9).

Tables whose blank cells were dropped on the way (crawler text one cell a line, space runs,
pipe rows from a converter) must never state a value in the wrong cell: a value is stated
when every placement that satisfies the checks gives it, and is uncertain otherwise. A row
that prints nothing reads 0 and says so. Where the source keeps the blank cells (HTML, tab
copies, empty lines a crawler kept) every cell is read.
"""

from __future__ import annotations

import random

import pytest

from index.parsing import parse_report
from index.parsing.tables.placement import grid_positions, placements
from tests.parsing.page_build import grid_mixed, t4_values
from tests.parsing.placement_cases import (
    EXACT_STYLES,
    STYLES,
    random_case,
    report_text,
    score,
    truth_cells,
)
from tests.parsing.unseen_figures import table3_grid, table4_values

SUFFIX = {"html": ".html", "pipes": ".md"}


def _facts(text: str, style: str) -> dict[str, object]:
    report = parse_report(f"t{SUFFIX.get(style, '.txt')}", data=text.encode("utf-8"))
    return {f"{f.table}.{f.row}.{f.column}": f for f in report.facts}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("blank", ["none", "zeros", "some"])
def test_no_value_is_ever_stated_in_the_wrong_cell(style: str, blank: str) -> None:
    grid, t4 = grid_mixed(), t4_values()
    facts = _facts(report_text(grid, t4, style, blank), style)
    right, wrong, unsure = score(facts, truth_cells(grid, t4))
    assert not wrong, wrong
    if style in EXACT_STYLES or blank == "none":
        assert (right, unsure) == (len(truth_cells(grid, t4)), 0)


@pytest.mark.parametrize("seed", range(24))
def test_random_tables_in_every_style_state_no_wrong_value(seed: int) -> None:
    rng = random.Random(seed)
    grid, t4 = random_case(rng)
    truth = truth_cells(grid, t4)
    for style in STYLES:
        blank = rng.choice(("zeros", "some", "none"))
        facts = _facts(report_text(grid, t4, style, blank, rng), style)
        right, wrong, unsure = score(facts, truth)
        assert not wrong, (style, blank, wrong)
        if style == "joined":  # 「|2|2|…」: a blank first cell or an outer pipe? table 四 may go unread
            assert right >= sum(1 for k in truth if k.startswith("三")), (style, blank, unsure)
        elif style in EXACT_STYLES:
            assert right == len(truth), (style, blank, unsure)


@pytest.mark.parametrize("style", ["one-a-line", "spaced", "pipes"])
def test_dropped_blanks_keep_every_total_that_adds_up(style: str) -> None:
    """「9 2 1 12」: the row adds up only with 12 as its 总计 — stated; which applicant
    columns hold 9, 2 and 1 no check can tell when every row dropped its blanks."""
    grid, t4 = grid_mixed(), t4_values()
    facts = _facts(report_text(grid, t4, style, "zeros"), style)
    for key, six in grid.items():
        total = facts[f"三.{key}.total"]
        assert not total.uncertain and total.value == sum(six), key  # type: ignore[attr-defined]
    granted = [facts[f"三.granted.{c}"] for c in ("natural_person", "commercial", "social_welfare")]
    assert all(f.uncertain for f in granted)  # type: ignore[attr-defined]


def test_a_row_that_prints_nothing_reads_zero_and_says_so() -> None:
    grid, t4 = grid_mixed(), t4_values()
    text = report_text(grid, t4, "one-a-line", "zeros")
    report = parse_report("t.txt", data=text.encode("utf-8"))
    secret = {f.column: f for f in report.facts if f.row == "denied.state_secret"}
    assert {f.value for f in secret.values()} == {0} and not any(f.uncertain for f in secret.values())
    assert secret["total"].status == "derived" and "没有印出任何数字" in secret["total"].note
    assert secret["natural_person"].status == "blank"
    assert any("没有印出任何数字" in w and "1.属于国家秘密" in w for w in report.warnings)


def test_one_missing_cell_in_a_pipe_row_is_never_shifted() -> None:
    """「| （一）予以公开 | 5 | 0 | 0 | 0 | 0 | 5 |」: six cells; read as 自然人 … 其他 with a blank
    总计 it would state 其他 = 5. The checks place the blank among the applicant cells."""
    grid = table3_grid({"granted": (5, 0, 0, 0, 0, 0)}, carried_over=(0,) * 6, carried_forward=(0,) * 6,
                       template="2021")
    text = report_text(grid, table4_values([(0, 0, 0, 0)] * 3), "tabs", "none")
    text = text.replace("（一）予以公开\t5\t0\t0\t0\t0\t0\t5", "| （一）予以公开 | 5 | 0 | 0 | 0 | 0 | 5 |")
    facts = _facts(text, "tabs")
    assert facts["三.granted.other_org"].value == 0  # type: ignore[attr-defined]
    assert facts["三.granted.total"].value == 5 and not facts["三.granted.total"].uncertain  # type: ignore[attr-defined]
    assert facts["三.granted.natural_person"].value == 5  # pinned by 一、本年新收 and （七）总计
    assert not facts["三.granted.natural_person"].uncertain  # type: ignore[attr-defined]


def test_empty_lines_of_a_crawler_place_table_4() -> None:
    t4 = table4_values([(0, 2, 0, 0), (0, 0, 0, 1), (0, 0, 0, 0)])
    grid = grid_mixed()
    for style, exact in (("empty-lines", True), ("one-a-line", False)):
        facts = _facts(report_text(grid, t4, style, "zeros"), style)
        right, wrong, unsure = score({k: v for k, v in facts.items() if k.startswith("四")},
                                     {k: v for k, v in truth_cells(grid, t4).items() if k.startswith("四")})
        assert not wrong and (right == 15 if exact else unsure > 0)


def test_placements_of_a_short_row() -> None:
    primary, fallback = placements((7, 1, 8), 7)
    assert all(p[6] == 8 and sum(v or 0 for v in p[:6]) == 8 for p in primary)
    assert len(primary) == 15 and all(f[6] is None for f in fallback)
    assert placements((13, 0, 0, 0, 0, 0), 7) == (((13, 0, 0, 0, 0, 0, None),), ())
    assert placements((0, 0), 7)[0] == ((0, None, None, None, None, None, 0),)


def test_grid_positions_from_line_numbers() -> None:
    assert grid_positions([11, 15], 10, 18, 7) == (0, 4)  # one line a cell
    assert grid_positions([12, 20], 10, 26, 7) == (0, 4)  # an empty line between cells
    assert grid_positions([11, 15], 10, 30, 7) is None  # no regular grid


def test_numbers_wrapped_onto_the_next_line_are_never_read_short() -> None:
    """「（一）予以公开 9 2」 / 「1 12」: the row's values are incomplete; no reading of the table
    satisfies the checks, so the row states nothing (not a 总计 of 11)."""
    grid, t4 = grid_mixed(), t4_values()
    lines = report_text(grid, t4, "spaced", "zeros").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("（一）予以公开"))
    head, *numbers = lines[row].split(" ")
    lines[row:row + 1] = [" ".join([head, *numbers[:2]]), " ".join(numbers[2:])]
    facts = _facts("\n".join(lines), "spaced")
    right, wrong, unsure = score(facts, truth_cells(grid, t4))
    assert not wrong and unsure
    assert all(facts[f"三.granted.{c}"].uncertain for c in ("natural_person", "total"))  # type: ignore[attr-defined]
