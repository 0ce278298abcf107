"""Every figure of expected.json read exactly from every corpus report (tables 二, 三, 四)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.conftest import CORPUS, expected_reports
from tests.parsing.corpus_tables import (
    expected_cells,
    expected_failed_checks,
    fact_map,
    read,
    wrong_cells,
)

REPORTS = expected_reports()
IDS = [r["file"] for r in REPORTS]
_CACHE: dict[str, Any] = {}


def result_for(report: dict[str, Any]) -> Any:
    name = report["file"]
    if name not in _CACHE:
        _CACHE[name] = read(CORPUS / name)
    return _CACHE[name]


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_template_version(report: dict[str, Any]) -> None:
    assert result_for(report).template == report["template"]


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
@pytest.mark.parametrize("table", ["三", "四", "二"])
def test_every_figure(report: dict[str, Any], table: str) -> None:
    wrong = wrong_cells(expected_cells(report), fact_map(result_for(report)), table)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_blank_and_derived_cells(report: dict[str, Any]) -> None:
    facts = fact_map(result_for(report))
    derived = {d.split(" = ")[0]: int(d.split(" = ")[1]) for d in report.get("derived_cells", [])}
    wrong = []
    for key in report.get("blank_cells", []):
        fact = facts[key]
        status = "derived" if key in derived else "blank"
        value = derived.get(key, 0)
        if fact.status != status or fact.value != value:
            wrong.append(f"{key}: expected {status} {value}, got {fact.status} {fact.value}")
    blank = set(report.get("blank_cells", []))
    for key, fact in facts.items():
        if fact.status == "blank" and key not in blank:
            wrong.append(f"{key}: read as blank but printed in the source")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_failed_checks_reproduced(report: dict[str, Any]) -> None:
    result = result_for(report)
    failed = Counter(c.name for c in result.checks if not c.ok)
    assert failed == Counter(expected_failed_checks(report)), [
        c.detail for c in result.checks if not c.ok
    ]


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_all_four_checks_evaluated(report: dict[str, Any]) -> None:
    names = Counter(c.name for c in result_for(report).checks)
    assert names["check1"] == 7 and names["check2"] == 7 and names["check4"] == 3
    assert names["check3"] >= 23


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_derived_group_totals(report: dict[str, Any]) -> None:
    facts = fact_map(result_for(report))
    for group, items in (("denied", 8), ("unable", 3), ("not_processed", 5)):
        fact = facts[f"三.{group}.total"]
        assert fact.status == "derived" and "相加" in fact.note
        parts = [f for k, f in facts.items() if k.startswith(f"三.{group}.") and k.endswith(".total")
                 and k.count(".") == 3]
        assert len(parts) == items
        assert fact.value == sum(p.value for p in parts)


@pytest.mark.parametrize("report", REPORTS, ids=IDS)
def test_no_figure_of_tables_3_and_4_is_left_uncertain(report: dict[str, Any]) -> None:
    """Every corpus figure of tables 三 and 四 is fixed by the source: none is withheld."""
    unsure = [k for k, f in fact_map(result_for(report)).items() if f.uncertain and k[0] in "三四"]
    assert not unsure
