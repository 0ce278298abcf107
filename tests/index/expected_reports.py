"""`Report` objects built from tests/data/corpus/expected.json, independent of the parser.

Facts become `Fact`/`TableRow`s; group totals (denied/unable/…) are added as derived facts;
prose comes from a rough read of the text/markdown files (headings 一、… and sentences), enough
to exercise prose chunks.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from index import template as tpl
from index.models import Fact, Location, Paragraph, Report, Section, TableRow
from tests.conftest import CORPUS, expected_reports

_HEADING = re.compile(r"^\s*([一二三四五六])、\s*(\S.{0,30})$")


def _num(v: Any) -> int | Decimal:
    return v if isinstance(v, int) else Decimal(str(v))


def _t3_rows(facts: dict[str, dict[str, Any]]) -> list[TableRow]:
    rows = []
    for i, (key, cols) in enumerate(facts.items()):
        label = tpl.row_label("三", key)
        spec_path = template_header("三", key)
        loc = Location(line=100 + i)
        fs = tuple(
            Fact("三", key, col, _num(v), label, tpl.column_label("三", key, col), "printed", loc)
            for col, v in cols.items()
        )
        rows.append(TableRow("三", key, label, spec_path, fs, loc, raw=" ".join(str(v) for v in cols.values())))
    return rows


def template_header(table: str, key: str) -> tuple[str, ...]:
    for spec in tpl.TABLE3_ROWS_2021 + tpl.TABLE3_ROWS_2019:
        if spec.key == key:
            return spec.header_path
    return ()


def _group_facts(rows: list[TableRow]) -> list[Fact]:
    out = []
    for group, label in tpl.GROUPS.items():
        items = [r for r in rows if r.key.startswith(group + ".")]
        if not items:
            continue
        for col, col_label in tpl.TABLE3_COLUMNS:
            total = sum(f.value for r in items for f in r.facts if f.column == col)
            out.append(Fact("三", group, col, total, label, col_label, "derived", items[0].source,
                            note="items summed"))
    return out


def _t4_rows(facts: dict[str, dict[str, Any]]) -> list[TableRow]:
    rows = []
    for i, (key, cols) in enumerate(facts.items()):
        label = tpl.row_label("四", key)
        loc = Location(line=200 + i)
        fs = tuple(Fact("四", key, c, _num(v), label, tpl.column_label("四", key, c), "printed", loc)
                   for c, v in cols.items())
        rows.append(TableRow("四", key, label, (), fs, loc))
    return rows


def _t2_rows(entries: list[dict[str, Any]]) -> list[TableRow]:
    by_row: dict[str, list[Fact]] = {}
    articles: dict[str, str] = {}
    for i, e in enumerate(entries):
        row, col = e["key"].split(".", 1)
        loc = Location(line=50 + i)
        by_row.setdefault(row, []).append(
            Fact("二", row, col, _num(e["value"]), e["row"], e["column"], "printed", loc,
                 unit=e.get("unit", "件"))
        )
        articles[row] = e["article"]
    return [TableRow("二", row, fs[0].label, (articles[row],), tuple(fs), fs[0].source)
            for row, fs in by_row.items()]


def _sections(path: Path) -> tuple[Section, ...]:
    if path.suffix not in (".txt", ".md"):
        return ()
    sections: list[Section] = []
    number, title, paras = "", "前言", []
    for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        m = _HEADING.match(line)
        if m and m.group(1) not in ("二", "三", "四") or (m and not paras):
            sections.append(Section(number, title, 1, tuple(paras)))
            number, title, paras = m.group(1), m.group(2).strip(), []
        elif "。" in line and len(line.strip()) > 15 and "|" not in line:
            paras.append(Paragraph(line.strip(), Location(line=n)))
    sections.append(Section(number, title, 1, tuple(paras)))
    return tuple(s for s in sections if s.paragraphs)


def build_report(data: dict[str, Any], *, agency: str | None = None, year: int | None = None,
                 salt: str = "") -> Report:
    path = CORPUS / data["file"]
    rows = _t2_rows(data["facts"].get("二", [])) + _t3_rows(data["facts"]["三"]) + _t4_rows(
        data["facts"].get("四", {}))
    facts = [f for r in rows for f in r.facts] + _group_facts(rows)
    digest = hashlib.sha256(path.read_bytes() + salt.encode()).hexdigest()
    agency = agency or data["agency"]
    year = year or data["year"]
    return Report(
        agency=agency,
        agency_aliases=tuple(data["agency_aliases"]),
        year=year,
        template=data["template"],
        title=f"{agency}{year}年政府信息公开工作年度报告",
        source_name=data["file"],
        content_hash=digest,
        format=data["format"],
        sections=_sections(path),
        rows=tuple(rows),
        facts=tuple(facts),
    )


def all_reports() -> list[Report]:
    return [build_report(d) for d in expected_reports()]
