"""Failure classes a new-user trial found, each in new words on the corpus reports: an
applicant narrowing the figure just asked, negated verbs, everyday verbs that are not the
template's, 「都办完了吗」. Each answer must cite the right cell — or state no figure."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.models import Answer, Turn


def cells(a: Answer) -> set[tuple[str | None, str | None]]:
    return {(c.row, c.column) for c in a.citations if c.row}


def _after(assistant: Assistant, first: str, then: str) -> Answer:
    return assistant.ask(then, [Turn("user", first), Turn("assistant", assistant.ask(first).text)])


@pytest.mark.parametrize(("first", "then", "row", "column"), [
    ("上海市府办2025年部分公开的申请有几件", "当中企业申请的呢", "partially_granted", "commercial"),
    ("沭阳县政府2025年因为信息不存在没能提供的有多少", "这里面老百姓的呢", "unable.not_held",
     "natural_person"),
    ("洪泽区2024年予以公开的有多少件", "那律师事务所的呢", "granted", "legal_service"),
])
def test_an_applicant_alone_narrows_the_figure_just_asked(assistant: Assistant, first: str, then: str,
                                                          row: str, column: str) -> None:
    a = _after(assistant, first, then)
    assert (row, column) in cells(a) and ("new_received", column) not in cells(a)


def test_an_applicant_beside_an_outcome_is_that_outcome(assistant: Assistant) -> None:
    a = assistant.ask("上海市府办2025年公司提的申请里有几件被公开")
    assert ("granted", "commercial") in cells(a) and ("new_received", "commercial") not in cells(a)


@pytest.mark.parametrize(("question", "row"), [
    ("沭阳县政府2025年没给批的信息公开申请有几件", "denied"),
    ("洪泽区2024年没被公开的申请是多少", "denied"),
])
def test_a_negated_grant_is_a_refusal(assistant: Assistant, question: str, row: str) -> None:
    a = assistant.ask(question)
    assert any(r.startswith(row) for r, _ in cells(a)) and ("granted", "total") not in cells(a)


def test_a_lawsuit_not_won_is_a_correction(assistant: Assistant) -> None:
    a = assistant.ask("上海市政府办公厅2025年没打赢的行政诉讼有几件")
    assert {col for _, col in cells(a)} & {"corrected"} and "结果维持合计" not in a.text


@pytest.mark.parametrize("question", [
    "红旗区财政局2023年有多少申请被申请人自己撤回了",
    "沭阳县政府2025年处理了多少条网民留言",
])
def test_everyday_verbs_for_other_things_state_no_table_figure(assistant: Assistant,
                                                               question: str) -> None:
    a = assistant.ask(question)
    assert not a.figures and ("new_received", "total") not in cells(a)


def test_charging_in_everyday_words_is_the_fee(assistant: Assistant) -> None:
    a = assistant.ask("平潭2021年一共收了多少费")
    assert ("admin_fees", "amount") in cells(a)


def test_all_done_is_answered_from_what_was_carried_forward(assistant: Assistant) -> None:
    a = assistant.ask("上海市府办2025年的信息公开申请全都办结了吗")
    assert a.text.startswith("没有全部办完") and ("carried_forward", "total") in cells(a)
    assert ("total_handled", "total") in cells(a)
    hongqi = assistant.ask("红旗区财政局2023年的申请都处理完了吗")
    assert hongqi.text.startswith("是的")


def test_a_short_english_follow_up_is_answered_in_english(assistant: Assistant) -> None:
    a = _after(assistant, "How many lawsuits did the Hongze district government face in 2023?",
               "What about 2024?")
    assert "2024 annual report" in a.text and a.text.index("中文原文") > 0


def test_a_fee_question_without_a_year_quotes_the_latest_report(assistant: Assistant) -> None:
    a = assistant.ask("上海市政府办公厅收没收过信息处理费")
    assert a.citations and {c.year for c in a.citations} == {2025}


def test_a_pronoun_beside_another_agency_adds_both(assistant: Assistant) -> None:
    a = _after(assistant, "上海市科委2024年一共收到多少政府信息公开申请", "洪泽区政府加上它总共是多少")
    agencies = {c.agency for c in a.citations}
    assert agencies == {"上海市科委", "淮安市洪泽区人民政府"} and "合计" in a.text and " = " in a.text


def test_asking_whether_any_were_granted_is_not_a_refusal(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年有没有给批准公开的申请")
    assert ("granted", "total") in cells(a) and not any(r.startswith("denied") for r, _ in cells(a))


def test_a_difference_between_two_named_agencies_is_computed(assistant: Assistant) -> None:
    a = assistant.ask("2024年洪泽区政府收到的信息公开申请比上海市科委多几件")
    assert {c.agency for c in a.citations} >= {"上海市科委", "淮安市洪泽区人民政府"}
    assert "比上海市科委多" in a.text and " − " in a.text
