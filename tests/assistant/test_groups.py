"""Questions about a group of agencies — a place's districts, every bureau — in new words:
ranked or added up, each agency's figure cited (the in-memory library's path; the database
query behind it is tested in tests/index)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.assistant import Assistant
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary, memory_reports

# The 2023 洪泽 and 2023 红旗 reports, filed again under made-up agencies of one city.
NAMES = {"淮安市洪泽区人民政府": "安平市东湖区人民政府", "新乡市红旗区财政局": "安平市西山区人民政府"}


@pytest.fixture(scope="module")
def city() -> Assistant:
    reports = [replace(r, agency=NAMES[r.agency], agency_aliases=())
               for r in memory_reports() if r.agency in NAMES and r.year == 2023]
    reports += [r for r in memory_reports() if r.agency == "沭阳县人民政府"]
    return Assistant(MemoryLibrary.of(tuple(reports)), Settings.load(today="2026-03-01"))


def test_sum_over_a_places_districts(city: Assistant) -> None:
    a = city.ask("安平市下属各区2023年一共收到多少申请")
    assert a.answered and {c.agency for c in a.citations} == set(NAMES.values())
    assert "21 + 3 = 24" in a.text or "3 + 21 = 24" in a.text


def test_ranking_of_a_places_districts(city: Assistant) -> None:
    a = city.ask("安平市各区2023年不予公开的申请谁最多")
    assert a.answered and a.intent == "ranking" and "沭阳" not in a.text
    assert a.text.index("东湖区") < a.text.index("西山区")  # 3 before 0


def test_fewest_first(city: Assistant) -> None:
    a = city.ask("2023年哪个区政府收到的申请最少")
    assert a.answered and a.text.index("西山区") < a.text.index("东湖区")


def test_a_places_units_without_a_quantifier(city: Assistant) -> None:
    """「下属单位」: the place's agencies (not the 法人或其他组织 column), ranked."""
    a = city.ask("安平市下属单位2023年不予公开的申请谁最多")
    assert a.answered and a.intent == "ranking" and "沭阳" not in a.text
    assert a.text.index("东湖区") < a.text.index("西山区")
    assert all(c.column in (None, "", "total") for c in a.citations)
