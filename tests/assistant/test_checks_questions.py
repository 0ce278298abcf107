"""「这份报告的数字对得上吗」: a question about the report's own consistency is answered from
its checks (勾稽关系 and text against tables), every figure cited and every sum shown — never
with a figure the question did not ask for."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant import evaluation
from assistant.assistant import Assistant
from assistant.models import Answer, Turn
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary, memory_reports


def _grounded(a: Answer) -> bool:
    return evaluation.independent_violations(a.to_json()) == 0


def _cells(a: Answer) -> set[str]:
    return {f"{c.table}.{c.row}.{c.column}" for c in a.citations if c.table}


def test_a_report_whose_checks_all_hold_says_so_and_shows_its_balance(assistant: Assistant) -> None:
    a = assistant.ask("红旗区财政局2023年那份年报，表里的数能对上吗")
    assert a.intent == "checks" and a.answered and a.text.startswith("对得上")
    assert "全部成立" in a.text and "两边相等" in a.text
    assert {"三.new_received.total", "三.carried_over.total", "三.total_handled.total",
            "三.carried_forward.total"} <= _cells(a)
    assert _grounded(a)


def test_text_against_table_mismatch_is_quoted_with_the_table_figure(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年报的文字和表格有出入吗")
    assert a.intent == "checks" and a.text.startswith("有对不上的地方")
    assert "17 件" in a.text and "95 件" in a.text and "不一致" in a.text
    assert any(c.table is None and "17 件" in c.quote for c in a.citations)
    assert "以上按表格数字作答" not in a.text  # no figure was asked for
    assert _grounded(a)


def test_every_failed_table_check_is_listed_with_its_sums(assistant: Assistant) -> None:
    a = assistant.ask("2023年洪泽区政府的报告有算错的地方吗")
    assert a.intent == "checks" and "10 + 1 = 11 件" in a.text and "复议后起诉" in a.text
    assert a.text.count("不符合勾稽关系") == 2 and _grounded(a)


def test_a_named_figure_narrows_the_checks_to_it(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2023年打官司那部分的数据有没有错误")
    assert a.intent == "checks" and "复议后起诉" in a.text
    assert "“行政复议”所印总计" not in a.text and _grounded(a)
    held = assistant.ask("沭阳县发改局2023年不予公开的数和正文相符吗")
    assert held.text.startswith("对得上") and "涉及所问数字" in held.text and _grounded(held)
    assert any(c.row.startswith("denied") for c in held.citations if c.row)


def test_a_follow_up_asks_about_the_report_of_the_conversation(assistant: Assistant) -> None:
    first = "上海市科委2024年有几件申请被部分公开"
    history = [Turn("user", first), Turn("assistant", assistant.ask(first).text)]
    a = assistant.ask("那这份年报的数字都能对上吗", history)
    assert a.intent == "checks" and "上海市科委" in a.text and "全部成立" in a.text
    assert "部分公开" not in a.text  # the earlier figure is not what is asked now


@pytest.mark.parametrize("question", [
    "洪泽区2024年收到的申请和2023年一致吗",  # two years: a comparison of figures
    "洪泽区2024年的年报里写了哪些问题和不足",  # the report's section 五, not its checks
])
def test_questions_that_only_sound_alike_keep_their_meaning(assistant: Assistant, question: str) -> None:
    assert assistant.ask(question).intent != "checks"


def test_without_an_agency_it_asks_whose_report(assistant: Assistant) -> None:
    a = assistant.ask("表格里的数字有矛盾吗")
    assert a.intent == "checks" and not a.answered and "哪个单位" in a.text and a.options


def test_english_question_gets_an_english_lead(assistant: Assistant) -> None:
    a = assistant.ask("Is the 2019 annual report of the Shanghai general office consistent?")
    assert a.intent == "checks" and a.text.startswith("No") and "258" in a.text and _grounded(a)


def test_a_report_without_tables_says_no_check_could_run() -> None:
    reports = tuple(replace(r, checks=(), rows=(), facts=()) if r.id == "2023-新乡市红旗区财政局" else r
                    for r in memory_reports())
    assistant = Assistant(MemoryLibrary.of(reports), Settings.load(today="2026-03-01"))
    a = assistant.ask("红旗区财政局2023年报告的勾稽关系成立吗")
    assert a.intent == "checks" and "无法核对" in a.text and "全部成立" not in a.text


def test_every_year_of_an_agency_is_checked_under_one_verdict(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区历年年报里的数据都准确吗")
    assert a.intent == "checks" and a.text.startswith("有对不上的地方")
    assert a.text.count("有对不上的地方") == 1  # one verdict, then each report
    assert "2023年淮安市洪泽区人民政府的年度报告" in a.text and "2024年淮安市洪泽区人民政府的年度报告" in a.text
    assert "10 + 1 = 11 件" in a.text and "17 件" in a.text and _grounded(a)
