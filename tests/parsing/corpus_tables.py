"""Helpers shared by the table-reader tests: load a corpus report, compare with expected."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from index.loaders.text import blocks_from_text
from index.models import SourceDocument
from index.parsing.tables import TablesResult, read_tables

CHECK_NAME = re.compile(r"^check (\d)")


def load(path: Path) -> SourceDocument:
    """Text/Markdown through blocks_from_text; HTML/PDF through the loaders' load_document."""
    if path.suffix in (".txt", ".md"):
        fmt = "markdown" if path.suffix == ".md" else "text"
        blocks = blocks_from_text(path.read_text("utf-8"), fmt=fmt)
        return SourceDocument(path.name, fmt, "", blocks)
    loaders = pytest.importorskip("index.loaders")
    if not hasattr(loaders, "load_document"):
        pytest.skip("index.loaders.load_document not available yet")
    return loaders.load_document(path)


def read(path: Path) -> TablesResult:
    return read_tables(load(path))


def fact_map(result: TablesResult) -> dict[str, Any]:
    return {f"{f.table}.{f.row}.{f.column}": f for f in result.facts}


def expected_cells(report: dict[str, Any]) -> dict[str, Any]:
    """'三.granted.total' → value, for every figure of tables 三, 四 and 二 in expected.json."""
    out: dict[str, Any] = {}
    facts = report["facts"]
    for table in ("三", "四"):
        for row, columns in facts.get(table, {}).items():
            for column, value in columns.items():
                out[f"{table}.{row}.{column}"] = value
    for entry in facts.get("二", []):
        out[f"二.{entry['key']}"] = entry
    return out


def same_value(actual: Any, expected: Any) -> bool:
    if isinstance(expected, float) or isinstance(actual, Decimal):
        return Decimal(str(expected)) == Decimal(actual)
    return bool(actual == expected)


def wrong_cells(cells: dict[str, Any], facts: dict[str, Any], table: str = "") -> list[str]:
    """What the facts ('三.granted.total' → Fact) get wrong of the expected cells (values and
    units) of `table` (every table when empty), one line each."""
    wrong = []
    for key, want in cells.items():
        if not key.startswith(table):
            continue
        value = want["value"] if isinstance(want, dict) else want
        fact = facts.get(key)
        if fact is None or not same_value(fact.value, value):
            wrong.append(f"{key}: expected {value}, got {fact.value if fact else 'nothing'}")
        elif isinstance(want, dict) and want.get("unit") and fact.unit != want["unit"]:
            wrong.append(f"{key}: unit expected {want['unit']}, got {fact.unit}")
    return wrong


def expected_failed_checks(report: dict[str, Any]) -> list[str]:
    """Names ("check4") of the table checks expected.json lists as failing (not prose ones)."""
    names = []
    for text in report.get("failed_checks", []):
        match = CHECK_NAME.match(text)
        if match:
            names.append(f"check{match.group(1)}")
    return names
