"""Bodies named by their level (「县政府」「本县的教育局」) and sets of agencies added up, in
new words: a follow-up naming another body never keeps the previous agency; a named list with
「一共」 is a sum over it; a place's agencies are found by place chain (a bureau whose name
lacks the city is still of that city's county), and a sum says whom it leaves out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.assistant import Assistant
from assistant.facts import lookup
from assistant.models import Turn
from assistant.understanding.agency import AgencyResolver
from assistant.understanding.metric import Cell
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary, memory_reports

GOV, BUREAU, OTHER = "云岭市石门县人民政府", "石门县教育局", "沭阳县人民政府"
# 洪泽 2023/2024 filed as a made-up county's government, 红旗区财政局 2023 as its bureau (whose
# name, like many, never names the city); 沭阳县人民政府 is another county's government.
NAMES = {("淮安市洪泽区人民政府", 2023): GOV, ("淮安市洪泽区人民政府", 2024): GOV,
         ("新乡市红旗区财政局", 2023): BUREAU, ("沭阳县人民政府", 2025): OTHER}
RECEIVED, LITIGATION = Cell("三", "new_received"), Cell("四", "litigation_direct", "total")


@pytest.fixture(scope="module")
def county() -> Assistant:
    reports = [replace(r, agency=NAMES[(r.agency, r.year)], agency_aliases=())
               for r in memory_reports() if (r.agency, r.year) in NAMES]
    return Assistant(MemoryLibrary.of(tuple(reports)), Settings.load(today="2026-03-01"))


def _value(assistant: Assistant, agency: str, year: int, cell: Cell) -> int:
    report = next(r for r in assistant.library.items.values()  # type: ignore[attr-defined]
                  if r.agency == agency and r.year == year)
    amount = lookup(report, cell, "total")
    assert amount is not None
    return int(amount.value)


def _ask(assistant: Assistant, *questions: str):  # type: ignore[no-untyped-def]
    history: list[Turn] = []
    answer = None
    for q in questions:
        answer = assistant.ask(q, history)
        history += [Turn("user", q), Turn("assistant", answer.text)]
    return answer


# ---- class 1: a body named by its level ------------------------------------------------------

def test_followup_county_government_after_a_bureau(county: Assistant) -> None:
    a = _ask(county, "石门县教育局2023年被告上法庭几次", "换成县政府呢")
    assert a.answered and {c.agency for c in a.citations} == {GOV}


def test_followup_bureau_of_the_same_county(county: Assistant) -> None:
    a = _ask(county, "石门县政府2023年新收了多少申请", "本县的教育局呢")
    assert a.answered and {c.agency for c in a.citations} == {BUREAU}
    assert str(_value(county, BUREAU, 2023, RECEIVED)) in a.text


def test_followup_city_government_not_in_the_library(county: Assistant) -> None:
    a = _ask(county, "石门县教育局2023年被告上法庭几次", "那市政府呢")
    assert not a.answered and not a.citations
    assert "云岭市人民政府" in a.text


def test_level_body_without_context_is_asked_back(county: Assistant) -> None:
    a = county.ask("县政府2023年新收了多少申请")
    assert not a.answered and not a.citations
    assert GOV in a.text and OTHER in a.text


def test_level_body_placed_by_the_question_agency() -> None:
    resolver = AgencyResolver.of([(GOV, ()), (BUREAU, ()), (OTHER, ())])
    match = resolver.find("教育局和县政府哪个申请多")
    assert match.agencies == (BUREAU, GOV)
    assert resolver.within("区政府", BUREAU).agency is None  # no district in its chain: asked
    assert resolver.find("海淀区政府").agency is None  # the end of a place, not a level word


def test_place_chain_completed_only_when_one_place_fits() -> None:
    resolver = AgencyResolver.of([("福州市鼓楼区人民政府", ()), ("南京市鼓楼区人民政府", ()),
                                  ("鼓楼区卫生健康委员会", ()), (GOV, ()), (BUREAU, ())])
    assert resolver.index.entries["鼓楼区卫生健康委员会"].places == ("鼓楼区",)
    assert resolver.index.entries[BUREAU].places == ("云岭市", "石门县")


# ---- class 2: several agencies in one question -----------------------------------------------

def test_named_pair_added_up(county: Assistant) -> None:
    a = county.ask("县政府与教育局2023年新收申请加在一起是多少")
    gov, bureau = _value(county, GOV, 2023, RECEIVED), _value(county, BUREAU, 2023, RECEIVED)
    assert a.answered and {c.agency for c in a.citations} == {GOV, BUREAU}
    assert f"= {gov + bureau} 件" in a.text


def test_counted_units_of_a_place_are_agencies_not_organisations(county: Assistant) -> None:
    a = county.ask("石门县这两个单位2023年总共新收了多少申请")
    gov, bureau = _value(county, GOV, 2023, RECEIVED), _value(county, BUREAU, 2023, RECEIVED)
    assert a.answered and {c.agency for c in a.citations} == {GOV, BUREAU}
    assert all(c.column in (None, "", "total") for c in a.citations)
    assert f"= {gov + bureau} 件" in a.text


def test_group_by_place_chain_includes_a_bureau_without_the_city(county: Assistant) -> None:
    a = county.ask("云岭市石门县所有单位2023年收到的申请加起来有多少")
    assert a.answered and {c.agency for c in a.citations} == {GOV, BUREAU}
    assert OTHER not in a.text


def test_group_sum_says_who_has_no_report_of_the_year(county: Assistant) -> None:
    a = county.ask("石门县各单位2024年新收申请合计")
    assert a.answered and {c.agency for c in a.citations} == {GOV}
    assert BUREAU in a.text and "不是" in a.text and "完整合计" in a.text


def test_named_sum_with_a_missing_year_is_not_the_total(county: Assistant) -> None:
    a = county.ask("石门县政府和石门县教育局2024年一共收到多少申请")
    assert {c.agency for c in a.citations} <= {GOV}
    assert BUREAU in a.text and "完整合计" in a.text


def test_followup_these_units_together_is_a_sum_over_both(county: Assistant) -> None:
    a = _ask(county, "石门县政府和石门县教育局2023年分别新收多少申请", "那这两家单位合计呢")
    gov, bureau = _value(county, GOV, 2023, RECEIVED), _value(county, BUREAU, 2023, RECEIVED)
    assert a.answered and {c.agency for c in a.citations} == {GOV, BUREAU}
    assert f"= {gov + bureau} 件" in a.text
