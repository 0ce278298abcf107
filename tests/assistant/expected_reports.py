"""Reports built from tests/data/corpus/expected.json (the truth), and an in-memory Library.

For fast unit tests of the assistant without the parser or the vector store. Prose comes
from the raw files (text, Markdown, HTML, PDF text layer) split at the 一、…六、 headings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.library import CatalogEntry, Hit
from index.models import CheckResult, Fact, Location, Paragraph, Report, Section, TableRow
from index.template import (
    GROUP_ITEMS, GROUPS, TABLE3_COLUMN_LABELS, TABLE4_COLUMNS, TABLE4_GROUPS, row_label,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "corpus"
_HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,2})、\s*(.{2,30})$")


def _value(v: Any) -> int | Decimal:
    return Decimal(str(v)) if isinstance(v, float) else v


def _raw_text(path: Path) -> str:
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        from bs4 import BeautifulSoup

        text = BeautifulSoup(text, "lxml").get_text("\n")
    return text


def _is_table_line(line: str) -> bool:
    digits = sum(ch.isdigit() for ch in line)
    return "\t" in line or line.count("|") >= 2 or digits > len(line) * 0.4


def _paragraphs(lines: list[tuple[int, str]]) -> tuple[Paragraph, ...]:
    paras, buf, start = [], [], 0
    for no, line in lines + [(0, "")]:
        if not line.strip() or _is_table_line(line):
            if buf:
                paras.append(Paragraph("".join(buf), Location(line=start)))
            buf = []
            continue
        if not buf:
            start = no
        buf.append(line.strip())
    return tuple(paras)


def build_sections(path: Path) -> tuple[Section, ...]:
    lines = list(enumerate(_raw_text(path).splitlines(), start=1))
    sections: list[tuple[str, str, list[tuple[int, str]]]] = [("", "", [])]
    for no, line in lines:
        m = _HEADING.match(line)
        if m and not _is_table_line(line):
            sections.append((m.group(1), m.group(2).strip(), []))
        else:
            sections[-1][2].append((no, line))
    return tuple(Section(n, t, 1, _paragraphs(body)) for n, t, body in sections)


def _table3(data: dict[str, Any], blanks: set[str]) -> list[Fact]:
    facts = []
    for row, cols in data.items():
        for col, v in cols.items():
            key = f"三.{row}.{col}"
            status = ("derived" if col == "total" else "blank") if key in blanks else "printed"
            facts.append(Fact("三", row, col, _value(v), row_label("三", row),
                              TABLE3_COLUMN_LABELS[col], status, Location(line=1)))
    for group, items in GROUP_ITEMS.items():
        rows = [f"{group}.{k}" for k, _ in items]
        if rows[0] not in data:
            continue
        for col in TABLE3_COLUMN_LABELS:
            total = sum(data[r][col] for r in rows)
            facts.append(Fact("三", group, col, total, GROUPS[group], TABLE3_COLUMN_LABELS[col],
                              "derived", Location(line=1), note="sum of items"))
    return facts


def _table4(data: dict[str, Any]) -> list[Fact]:
    return [
        Fact("四", row, col, v, dict(TABLE4_GROUPS)[row], dict(TABLE4_COLUMNS)[col], "printed",
             Location(line=2))
        for row, cols in data.items() for col, v in cols.items()
    ]


def _table2(items: list[dict[str, Any]]) -> list[Fact]:
    facts = []
    for item in items:
        row, col = item["key"].split(".")
        facts.append(Fact("二", row, col, _value(item["value"]), item["row"], item["column"],
                          "printed", Location(line=3), unit=item.get("unit", "件")))
    return facts


def _rows(facts: list[Fact]) -> tuple[TableRow, ...]:
    by_row: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        if f.status != "derived" or f.column == "total":
            by_row.setdefault((f.table, f.row), []).append(f)
    return tuple(
        TableRow(t, r, fs[0].label, (), tuple(fs), fs[0].source,
                 raw=fs[0].label + " | " + " | ".join(str(f.value) for f in fs))
        for (t, r), fs in by_row.items()
    )


def _checks(failed: list[str]) -> tuple[CheckResult, ...]:
    return tuple(CheckResult("prose_vs_table" if "prose" in d else "check4", False, d) for d in failed)


def report_from_expected(entry: dict[str, Any]) -> Report:
    blanks = set(entry["blank_cells"])
    facts = (_table2(entry["facts"].get("二", [])) + _table3(entry["facts"].get("三", {}), blanks)
             + _table4(entry["facts"].get("四", {})))
    return Report(
        agency=entry["agency"],
        agency_aliases=tuple(a for a in entry["agency_aliases"] if "沐" not in a),
        year=entry["year"], template=entry["template"],
        title=f"{entry['agency']}{entry['year']}年政府信息公开工作年度报告",
        source_name=entry["file"], content_hash=entry["file"], format=entry["format"],
        sections=build_sections(DATA / "reports" / entry["file"]),
        rows=_rows(facts), facts=tuple(facts), checks=_checks(entry["failed_checks"]),
    )


@lru_cache(maxsize=1)
def expected_reports() -> tuple[Report, ...]:
    data = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
    return tuple(report_from_expected(e) for e in data["reports"])


@dataclass
class MemoryLibrary:
    """In-memory stand-in of `index.library.Library` (catalog, reports, keyword search)."""

    items: dict[str, Report]

    @classmethod
    def of(cls, reports: tuple[Report, ...] | None = None) -> MemoryLibrary:
        return cls({r.id: r for r in (reports if reports is not None else expected_reports())})

    def reports(self) -> list[CatalogEntry]:
        return sorted((_entry(r) for r in self.items.values()), key=lambda e: (e.agency, e.year))

    def report(self, report_id: str) -> Report:
        from index.errors import NotFoundError

        if report_id not in self.items:
            raise NotFoundError(f"没有这份报告：{report_id}")
        return self.items[report_id]

    def search(self, query: str, *, k: int = 5, agency: str | None = None,
               year: int | None = None) -> list[Hit]:
        hits = []
        for r in self.items.values():
            if (agency and r.agency != agency) or (year and r.year != year):
                continue
            for s in r.sections:
                for p in s.paragraphs:
                    score = sum(ch in p.text for ch in set(query)) / max(len(set(query)), 1)
                    hits.append(Hit(f"{r.id}:{p.location.line}", p.text, score,
                                    {"report_id": r.id, "agency": r.agency, "year": r.year,
                                     "kind": "prose", "section": s.heading}))
        return sorted(hits, key=lambda h: -h.score)[:k]


def _entry(r: Report) -> CatalogEntry:
    return CatalogEntry(r.id, r.agency, r.agency_aliases, r.year, r.template, r.title,
                        r.source_name, r.content_hash, 0, tuple(c.detail for c in r.failed_checks),
                        (), "2026-01-01T00:00:00")
