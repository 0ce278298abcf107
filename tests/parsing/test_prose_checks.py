"""Prose vs table: figures the text states, compared with tables 三 and 四."""

from __future__ import annotations

from typing import Any

import pytest

from index.models import CheckResult, Fact, Location, Paragraph, Section
from index.parsing import parse_report
from index.parsing.prose_checks import prose_checks
from index.parsing.prose_claims import paragraph_claims
from tests.conftest import CORPUS, expected_reports

REPORTS = expected_reports()
IDS = [r["file"] for r in REPORTS]
_CACHE: dict[str, tuple[CheckResult, ...]] = {}

# The prose mismatches expected.json lists: (scope, words of the detail).
EXPECTED_FAILED = {
    "2019-shanghai-gov-office.html": [
        ("granted,partially_granted", ("258", "275")),
        ("unable", ("265", "337")),
        ("reconsideration,litigation_direct,litigation_after_reconsideration", ("均获维持", "尚未审结")),
    ],
    "2024-hongze-district-gov.pdf": [("new_received,carried_over", ("17 件", "95"))],
}
# Prose figures the notes of expected.json say agree with the tables: (scope, figure).
EXPECTED_OK = {
    "2025-shuyang-county-gov.ocr.md": [
        ("new_received,carried_over", "749 件"), ("carried_forward", "31 件"),
    ],
    "2024-shanghai-stcsm.md": [
        ("new_received,carried_over", "34 件"), ("carried_over", "2 件"), ("granted", "9 件"),
        ("partially_granted", "0 件"), ("denied", "2 件"), ("unable", "10 件"),
        ("not_processed", "0 件"), ("other", "14 件"), ("carried_forward", "1 件"),
    ],
    "2025-shanghai-gov-office.md": [
        ("new_received,carried_over", "1295 件"), ("total_handled", "1191 件"),
        ("granted,partially_granted", "208 件"), ("denied", "20 件"), ("unable", "564 件"),
        ("not_processed", "80 件"), ("other", "319 件"),
    ],
    "2019-shanghai-gov-office.html": [
        ("new_received,carried_over", "859 件"), ("denied", "35 件"), ("not_processed", "158 件"),
        ("reconsideration", "7 件"), ("litigation_direct,litigation_after_reconsideration", "9 件"),
    ],
    "2021-pingtan.txt": [
        ("new_received,carried_over", "70 件"), ("total_handled", "69 件"), ("carried_forward", "1 件"),
    ],
    "2023-hongze-district-gov.pdf": [("new_received,carried_over", "21 件")],
    "2023-shuyang-drc.txt": [("new_received,carried_over", "26 件")],
    "2023-hongqi-finance-bureau.txt": [("total_handled,new_received,carried_over", "3 件")],
}


def prose_results(name: str) -> tuple[CheckResult, ...]:
    if name not in _CACHE:
        report = parse_report(CORPUS / name)
        _CACHE[name] = tuple(c for c in report.checks if c.name == "prose_vs_table")
    return _CACHE[name]


# ---- corpus ---------------------------------------------------------------------------


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_corpus_prose_failures_are_exactly_the_expected_ones(report: dict[str, Any]) -> None:
    failed = [c for c in prose_results(report["file"]) if not c.ok]
    listed = [t for t in report.get("failed_checks", []) if t.startswith("prose vs table")]
    assert len(failed) == len(listed), [c.detail for c in failed]
    expected = EXPECTED_FAILED.get(report["file"], [])
    assert len(failed) == len(expected)
    for scope, words in expected:
        assert any(c.scope == scope and all(w in c.detail for w in words) for c in failed), (
            scope, [c.detail for c in failed])


@pytest.mark.parametrize("name", sorted(EXPECTED_OK))
def test_corpus_prose_agreements_found(name: str) -> None:
    results = prose_results(name)
    for scope, figure in EXPECTED_OK[name]:
        assert any(c.ok and c.scope == scope and c.detail.endswith(f" {figure}”一致")
                   for c in results), (scope, figure)


def test_corpus_failure_detail_cites_sentence_location_and_cells() -> None:
    (check,) = [c for c in prose_results("2024-hongze-district-gov.pdf") if not c.ok]
    assert check.detail.startswith("一、总体情况（二）依申请公开情况 第1页第20行：“")
    assert "受理政府信息公开申请 17 件" in check.detail
    assert "一、本年新收 总计为 95 件" in check.detail
    assert check.cells == ("三.new_received.total", "三.carried_over.total")


def test_corpus_group_total_shows_its_items() -> None:
    unable = next(c for c in prose_results("2019-shanghai-gov-office.html") if c.scope == "unable")
    assert "各项相加 265 + 47 + 25）为 337 件" in unable.detail
    assert unable.cells == ("三.unable.not_held.total", "三.unable.needs_creation.total",
                            "三.unable.unclear.total")


# ---- claim extraction -----------------------------------------------------------------


def claims(text: str) -> list[tuple[str, int | None]]:
    return [(c.metric, c.value) for c in paragraph_claims(text, Location(line=1))]


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年，区政府办代表区政府受理政府信息公开申请 17 件，均已答复。", [("received", 17)]),
    ("全年共收到政府信息公开申请１７件。", [("received", 17)]),
    ("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
     [("received", 70), ("completed", 69), ("carried_forward", 1)]),
    ("全年新收政府信息公开申请 12 件，上年结转政府信息公开申请 2 件。",
     [("received", 12), ("carried_over", 2)]),
    ("市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件）。",
     [("received", 1295), ("completed", 1191)]),
    ("其中，予以公开及部分公开 208 件（17.46%），不予公开 20 件（1.68%），因本机关不掌握等原因"
     "无法提供 564 件，属信访、重复申请等不予处理 80 件，其他处理 319 件（含申请人主动撤回 157 件）。",
     [("granted_any", 208), ("denied", 20), ("unable", 564), ("not_processed", 80), ("other", 319)]),
    ("同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2件，无法提供的 10 件。",
     [("granted", 9), ("partially_granted", 0), ("denied", 2), ("unable", 10)]),
    ("予以公开 5 件、部分公开 3 件。", [("granted", 5), ("partially_granted", 3)]),
    ("全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件；共办理 718 件，结转下一年 31 件。",
     [("received", 749), ("handled", 718), ("carried_forward", 31)]),
    ("信息公开类行政复议7件，诉讼9件，均获维持。",
     [("reconsideration", 7), ("litigation", 9), ("all_upheld", None)]),
    ("全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。", [("none_corrected", None)]),
    ("共收到政府信息公开申请 1,295 件，办结 1,200 件。", [("received", 1295), ("completed", 1200)]),
    ("本年度未收到政府信息公开申请。", [("received", 0)]),
    ("本单位收到信息公开申请 3 件，予以公开 2 件，不掌握相关信息 1 件。",
     [("received", 3), ("granted", 2), ("not_held", 1)]),
    ("全市各级行政机关共受理政府信息公开申请 45000 件，市政府本级受理 95 件。", [("received", 95)]),
    ("因政府信息公开被申请行政复议 3 件、提起行政诉讼 1 件。", [("reconsideration", 3), ("litigation", 1)]),
    ("全年共办理政府信息公开申请 30 件，其中当年新收 28 件，上年结转 2 件。",
     [("handled", 30), ("carried_over", 2)]),
])
def test_claims_bound_to_template_metrics(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("全年受理网络问政182件。", []),
    ("办理人大建议 12 件、政协提案 8 件，满意率100%。", []),
    ("全年主动公开政府信息 2428 条，公开政府常务会议 7 期。", []),
    ("全年收到群众来信 30 件，信访举报 15 件。", []),
    ("受理政府信息公开申请 100 件，其中通过网络收到 60 件。", [("received", 100)]),
    ("办结政府信息公开申请 1191 件，含上年结转 189 件。", [("completed", 1191)]),
    ("不予公开、无法提供 5 件。", []),
    ("依法做好行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件。", []),
    ("行政复议和行政诉讼 5 件。", []),
    ("全年受理行政复议案件 120 件。", []),  # not about information disclosure
    ("全年受理热线工单 500 件，办结 480 件。", []),
    ("予以公开的比例为 30%，占 12 件。", []),
    ("予以公开的 20 件中，有 5 件为网上申请。", []),
    ("较上年受理的 80 件增加 15 件。", []),
])
def test_unrelated_counts_are_ignored(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert claims(text) == expected


# ---- evaluation on hand-made tables ---------------------------------------------------


def fact(table: str, row: str, column: str, value: int) -> Fact:
    return Fact(table, row, column, value, row, column, "printed", Location(page=3, line=5))  # type: ignore[arg-type]


def table3(**totals: int) -> tuple[Fact, ...]:
    return tuple(fact("三", row.replace("__", "."), "total", v) for row, v in totals.items())


def table4(**rows: tuple[int, int, int, int, int]) -> tuple[Fact, ...]:
    cols = ("upheld", "corrected", "other", "pending", "total")
    return tuple(fact("四", row, c, v) for row, values in rows.items() for c, v in zip(cols, values))


def run(text: str, facts: tuple[Fact, ...]) -> tuple[CheckResult, ...]:
    part = Section("（二）", "依申请公开", 2, (Paragraph(text, Location(page=1, line=20)),))
    return prose_checks((Section("一", "总体情况", 1, parts=(part,)),), facts)


def test_agreeing_claim_passes_with_carried_over_included() -> None:
    (check,) = run("全年共受理政府信息公开申请 749 件。", table3(new_received=713, carried_over=36))
    assert check.ok and check.name == "prose_vs_table"
    assert "713 + 二、上年结转 总计为 36，合计 749 件" in check.detail


def test_disagreeing_claim_fails_and_quotes_the_sentence() -> None:
    (check,) = run("区政府办代表区政府受理政府信息公开申请 17 件。", table3(new_received=95, carried_over=0))
    assert not check.ok
    assert check.detail.startswith("一、总体情况（二）依申请公开 第1页第20行：“区政府办代表区政府受理")
    assert "95" in check.detail and "与正文 17 件不一致" in check.detail
    assert check.scope == "new_received,carried_over"
    assert check.quote == "区政府办代表区政府受理政府信息公开申请 17 件"
    assert check.source == Location(page=1, line=20)
    assert check.section == "一、总体情况（二）依申请公开"


def test_quote_location_and_section_survive_the_json_round_trip() -> None:
    from index.models import Report, report_from_dict, report_to_dict

    (check,) = run("区政府办代表区政府受理政府信息公开申请 17 件。", table3(new_received=95, carried_over=0))
    report = Report("洪泽区", (), 2024, "2021", "t", "f.txt", "h", "text", checks=(check,))
    assert report_from_dict(report_to_dict(report)).checks == (check,)
    legacy = report_to_dict(report)
    for key in ("source", "quote", "section", "cells"):
        del legacy["checks"][0][key]
    (old,) = report_from_dict(legacy).checks
    assert old.source is None and old.quote == "" and old.cells == () and old.detail == check.detail


def test_group_claim_adds_items_and_2019_other_row() -> None:
    facts = table3(denied__state_secret=1, denied__process_info=2, other=4)
    checks = run("不予公开 3 件，其他处理 5 件。", facts)
    assert [c.ok for c in checks] == [True, False]
    assert checks[0].cells == ("三.denied.state_secret.total", "三.denied.process_info.total")


def test_missing_table_figures_skip_the_claim() -> None:
    assert run("受理政府信息公开申请 17 件，予以公开 5 件。", ()) == ()
    assert run("行政复议2件，均获维持。", table3(new_received=3)) == ()


def test_all_upheld_fails_on_pending_cases() -> None:
    text = "信息公开类行政复议2件，行政诉讼1件，均获维持。"
    pending = table4(reconsideration=(1, 0, 0, 1, 2), litigation_direct=(1, 0, 0, 0, 1),
                     litigation_after_reconsideration=(0, 0, 0, 0, 0))
    upheld = table4(reconsideration=(2, 0, 0, 0, 2), litigation_direct=(1, 0, 0, 0, 1),
                    litigation_after_reconsideration=(0, 0, 0, 0, 0))
    assert [c.ok for c in run(text, pending)] == [True, True, False]
    assert "行政复议 尚未审结 1 件" in run(text, pending)[-1].detail
    assert [c.ok for c in run(text, upheld)] == [True, True, True]
