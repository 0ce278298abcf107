"""A report that contradicts itself (a failed check: prose vs table, 勾稽关系 1–4): every answer
that states an involved figure says so, cites both sides and stays grounded."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assistant import evaluation
from assistant.assistant import Assistant
from assistant.models import Answer
from index.models import Location, Report
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary, memory_reports
from tests.assistant.test_cli_ask import _run

NOTE = "注意："


def _grounded(a: Answer) -> bool:
    return evaluation.independent_violations(a.to_json()) == 0


def _quoted(a: Answer, *words: str) -> bool:
    """A sentence citation (no table) whose quote has all the words."""
    return any(c.table is None and all(w in c.quote for w in words) for c in a.citations)


def _cited(a: Answer, year: int, row: str) -> bool:
    return any(c.year == year and (c.row or "").startswith(row) for c in a.citations)


def test_shanghai_2019_granted_prose_mismatch_cites_both(assistant: Assistant) -> None:
    a = assistant.ask("上海市政府办公厅2019年予以公开了多少")
    assert "272 件" in a.text and "报告自相矛盾" in a.text and "以上按表格数字作答" in a.text
    assert "258" in a.text and "275" in a.text  # the prose figure, the table's 272 + 3
    assert _quoted(a, "予以公开及部分公开258件")
    assert _cited(a, 2019, "granted") and _cited(a, 2019, "partially_granted")
    assert a.warnings and _grounded(a)


def test_shanghai_2019_unable_prose_mismatch_cites_both(assistant: Assistant) -> None:
    a = assistant.ask("上海市政府办公厅2019年无法提供多少")
    assert "337 件" in a.text and "不一致" in a.text
    assert _quoted(a, "无法提供265件")
    assert _cited(a, 2019, "unable.not_held")
    assert a.text.count(NOTE) == 1 and _grounded(a)


def test_comparison_mentions_the_2024_prose_mismatch(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2023年到2024年收到的申请有什么变化？")
    assert a.intent in ("compare", "trend") and "74" in a.text
    assert "淮安市洪泽区人民政府2024年报告正文称" in a.text and "不一致" in a.text
    assert any(c.year == 2024 and c.table is None and "17 件" in c.quote for c in a.citations)
    assert a.text.count(NOTE) == 1 and _grounded(a)


def test_table4_question_mentions_the_check4_failure(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2023年行政复议一共几件？")
    assert "所印总计为 0 件" in a.text and "10 + 1 = 11 件" in a.text
    assert "总计 = 各项结果之和" in a.text and "报告前后不一致" in a.text
    for column in ("upheld", "corrected", "total"):
        assert any(c.row == "reconsideration" and c.column == column for c in a.citations)
    assert "复议后起诉" not in a.text  # the report's other check4 failure is not about this cell
    assert a.warnings and _grounded(a)


@pytest.mark.parametrize("question", [
    "红旗区财政局2023年收到了多少政府信息公开申请？",  # a report without failed checks
    "上海市政府办公厅2019年收到多少政府信息公开申请",  # failed checks, none about this cell
    "洪泽区政府2023年收到几件信息公开申请",
    "洪泽区行政处罚决定2024年跟2023年比是多了还是少了",
])
def test_no_note_when_no_failed_check_involves_the_cells(assistant: Assistant, question: str) -> None:
    a = assistant.ask(question)
    assert a.answered and NOTE not in a.text and "不一致" not in a.text and not a.warnings


def test_confirming_sentence_is_still_quoted(assistant: Assistant) -> None:
    a = assistant.ask("上海市政府办公厅2025年行政诉讼有没有败诉")
    assert "报告正文：" in a.text and NOTE not in a.text and _quoted(a, "败诉")


def test_contradicted_sentence_is_quoted_once_as_a_contradiction(assistant: Assistant) -> None:
    a = assistant.ask("2019年上海市政府办公厅的复议和诉讼都维持了吗")
    assert "均获维持" in a.text and "报告自相矛盾" in a.text and "报告正文：" not in a.text
    assert sum(c.table is None for c in a.citations) == 1 and _grounded(a)


def _with_checks(report_id: str, edit: Any) -> Assistant:
    reports = tuple(replace(r, checks=edit(r)) if r.id == report_id else r for r in memory_reports())
    return Assistant(MemoryLibrary.of(reports), Settings.load(today="2026-03-01"))


def test_notes_are_deduplicated_and_at_most_two_a_report() -> None:
    def edit(r: Report) -> tuple[Any, ...]:
        (check,) = [c for c in r.failed_checks if c.scope == "reconsideration"]
        prose = tuple(replace(check, name="prose_vs_table", quote=f"行政复议{n}件，均获维持",
                              section="一、总体情况", source=Location(line=n)) for n in (7, 8, 9))
        return r.checks + (check, replace(check, detail="same check, other wording")) + prose

    a = _with_checks("2023-淮安市洪泽区人民政府", edit).ask("洪泽区2023年行政复议一共几件？")
    assert a.text.count(NOTE) == 2 and "行政复议7件" in a.text and "行政复议8件" in a.text
    assert "行政复议9件" not in a.text and "所印总计" not in a.text  # prose notes come first
    assert _grounded(a)


def test_the_same_note_is_written_once() -> None:
    def edit(r: Report) -> tuple[Any, ...]:
        (check,) = [c for c in r.failed_checks if c.scope == "reconsideration"]
        return r.checks + tuple(replace(check, detail=f"{check.detail} ({i})") for i in range(3))

    a = _with_checks("2023-淮安市洪泽区人民政府", edit).ask("洪泽区2023年行政复议一共几件？")
    assert a.text.count(NOTE) == 1


def test_checks_stored_without_quote_fields_are_still_quoted() -> None:
    def edit(r: Report) -> tuple[Any, ...]:
        return tuple(replace(c, source=None, quote="", section="") for c in r.checks)

    a = _with_checks("2024-淮安市洪泽区人民政府", edit).ask("洪泽区2024年依申请公开到底受理了多少件？")
    assert "报告自相矛盾" in a.text and _quoted(a, "受理政府信息公开申请 17 件") and _grounded(a)


def test_ask_cli_human_output_mentions_the_contradiction(corpus_library: Any, corpus_store: Path,
                                                         test_model_dir: Path) -> None:
    out = _run("ask", "上海市政府办公厅2019年予以公开了多少", "--today", "2026-03-01",
               store=corpus_store, model_dir=test_model_dir)
    assert out.returncode == 0, out.stderr
    answer, *citations = out.stdout.splitlines()
    assert "报告正文称“予以公开及部分公开258件" in answer and "报告自相矛盾" in answer
    assert any("一、总体情况" in line and "2019-shanghai-gov-office.html" in line for line in citations)
