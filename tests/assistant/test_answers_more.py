"""Answer kinds beyond the dev set: shares, sums, several agencies, gaps, streaming."""

from __future__ import annotations

from datetime import date

from assistant import guard
from assistant.assistant import Assistant
from assistant.draft import Draft
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary


def _grounded(a: object) -> bool:
    d = Draft(a.text, True, a.citations, a.figures,  # type: ignore[attr-defined]
              computed=tuple(f.value for f in a.figures if f.status == "computed"))  # type: ignore[attr-defined]
    return guard.check(d).ok


def test_share_of_an_applicant_type(assistant: Assistant) -> None:
    a = assistant.ask("上海市政府办公厅2025年个人申请占比多少")
    assert a.intent == "share" and "1259" in a.text and "1295" in a.text and "97.22%" in a.text
    assert _grounded(a)


def test_share_of_a_result_uses_the_results_total(assistant: Assistant) -> None:
    a = assistant.ask("沭阳县2025年不予公开的占多少比例")
    assert "32" in a.text and "718" in a.text and "4.46%" in a.text


def test_sum_of_two_rows_is_shown(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年予以公开和部分公开一共多少")
    assert "50" in a.text and "9 件" in a.text and "50 + 9 = 59 件" in a.text
    assert _grounded(a)


def test_two_agencies_are_compared(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区和上海市科委2024年谁收到的申请多")
    assert a.intent == "ranking"
    assert a.text.index("淮安市洪泽区人民政府") < a.text.index("上海市科委")
    assert {c.agency for c in a.citations} == {"淮安市洪泽区人民政府", "上海市科委"}


def test_trend_says_which_years_are_missing(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区近三年收到的申请怎么变化", today=date(2026, 3, 1))
    assert a.intent == "trend" and "21" in a.text and "95" in a.text and "2025年的报告未收录" in a.text


def test_last_year_not_indexed_offers_the_latest(assistant: Assistant) -> None:
    a = assistant.ask("去年财政局有多少申请被拒绝了", today=date(2026, 3, 1))
    assert not a.answered and "2025年" in a.text and "2023年" in a.text


def test_carried_to_a_named_year_is_not_a_year_question(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年结转到2025年的申请有多少")
    assert a.answered and any(c.row == "carried_forward" for c in a.citations)


def test_proactive_disclosure_is_not_granted_requests(assistant: Assistant) -> None:
    a = assistant.ask("上海市科委2024年主动公开了多少政府信息")
    assert not any(c.row == "granted" for c in a.citations)


def test_empty_library_says_import_first() -> None:
    a = Assistant(MemoryLibrary({}), Settings.load()).ask("洪泽区2023年收到多少申请")
    assert not a.answered and "导入" in a.text


def test_question_too_long_is_an_input_error(assistant: Assistant) -> None:
    import pytest

    from index.errors import InputError

    with pytest.raises(InputError):
        assistant.ask("问" * 600)
    with pytest.raises(InputError):
        assistant.ask("  ")


def test_stream_pieces_join_to_the_answer(assistant: Assistant) -> None:
    pieces = list(assistant.stream("红旗区财政局23年拒绝了几个申请"))
    final = assistant.ask("红旗区财政局23年拒绝了几个申请")
    assert len(pieces) > 1 and "".join(pieces) == final.text


def test_chain_is_a_langchain_runnable() -> None:
    from langchain_core.runnables import Runnable

    from assistant.chain import build_chain

    chain = build_chain()
    assert isinstance(chain, Runnable)
    assert [s.name for s in chain.steps] == ["understand", "retrieve", "write", "guard"]  # type: ignore[attr-defined]


def test_report_without_tables_is_answered_from_its_prose() -> None:
    from dataclasses import replace

    from tests.assistant.memory_library import memory_reports

    reports = tuple(replace(r, facts=(), rows=(), template="free-form")
                    if r.agency == "淮安市洪泽区人民政府" else r for r in memory_reports())
    a = Assistant(MemoryLibrary.of(reports), Settings.load())
    found = a.ask("洪泽区2024年受理了多少政府信息公开申请")
    assert found.answered and "17 件" in found.text and found.citations[0].table is None
    missing = a.ask("洪泽区2023年不予公开多少件")
    assert not missing.answered and not guard.numbers_in(missing.text)
