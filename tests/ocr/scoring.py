"""Scoring a parsed scan against tests/data/corpus/expected.json (tests and benchmark)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from index.models import Report
from tests.conftest import expected_reports

EXPECTED = {r["file"]: r for r in expected_reports()}


def _same(value: object, expected: object) -> bool:
    return value == (Decimal(str(expected)) if isinstance(expected, float) else expected)


def score(report: Report, name: str | dict[str, Any]) -> tuple[int, int, list[str]]:
    """(cells right, cells uncertain, cells stated wrong) over tables 三 and 四, and 二's wrong;
    `name` is a corpus file of expected.json or an expected report itself."""
    right, unsure, wrong = 0, 0, []
    facts = (EXPECTED[name] if isinstance(name, str) else name)["facts"]
    for table in ("三", "四"):
        for row, columns in facts[table].items():
            for column, expected in columns.items():
                fact = report.fact(table, row, column)
                if fact is not None and fact.uncertain:
                    unsure += 1
                elif fact is not None and _same(fact.value, expected):
                    right += 1
                else:
                    wrong.append(f"{table}.{row}.{column}: {expected} read as {fact and fact.value}")
    for entry in facts["二"]:
        fact = report.fact("二", *entry["key"].split(".", 1))
        if fact is not None and not fact.uncertain and not _same(fact.value, entry["value"]):
            wrong.append(f"二.{entry['key']}: {entry['value']} read as {fact.value}")
    return right, unsure, wrong
