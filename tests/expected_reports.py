"""`Report` objects built from tests/data/corpus/expected.json (the truth), without the parser.

- facts of tables 二/三/四 as printed; cells listed in `blank_cells` are `blank` (a blank
  总计 is `derived`); the 三 group totals (不予公开/无法提供/…) are added as `derived` facts;
- one `TableRow` a printed row (template header path of 三 rows, article of 二 rows);
- prose from the raw file, split at the 一、…十、 headings: by default text and Markdown files
  only (PDF and HTML reports then hold tables only); `prose_formats=ALL_FORMATS` also reads
  the HTML text and the PDF text layer;
- the checks of the parser (1–4 and prose vs table) evaluated on these facts and prose; agency aliases without OCR misreadings (沐阳 for 沭阳), which
  the parser corrects.

Used by the index tests (chunks, library), the corpus-library fallback
(tests/library_fixtures.py) and the assistant's in-memory library
(tests/assistant/memory_library.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from index import template as tpl
from index.models import CheckResult, Fact, Location, Paragraph, Report, Section, TableRow
from index.parsing.prose_checks import prose_checks
from index.parsing.tables import checks as table_checks
from tests.conftest import CORPUS, expected_reports

TEXT_FORMATS = ("text", "markdown")
ALL_FORMATS = ("text", "markdown", "html", "pdf")

_HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,2})、\s*(.{2,30})$")


def _value(v: Any) -> int | Decimal:
    return Decimal(str(v)) if isinstance(v, float) else v


def template_header(table: str, key: str) -> tuple[str, ...]:
    """The template header path of a table 三 row (empty for other tables / unknown rows)."""
    if table == "三":
        for spec in tpl.TABLE3_ROWS_2021 + tpl.TABLE3_ROWS_2019:
            if spec.key == key:
                return spec.header_path
    return ()


# --- facts and rows -------------------------------------------------------------------------

def _row(table: str, key: str, facts: list[Fact], header_path: tuple[str, ...] = ()) -> TableRow:
    raw = facts[0].label + " | " + " | ".join(str(f.value) for f in facts)
    return TableRow(table, key, facts[0].label, header_path, tuple(facts), facts[0].source, raw=raw)


def _table2(entries: list[dict[str, Any]]) -> list[TableRow]:
    by_row: dict[str, list[Fact]] = {}
    articles: dict[str, str] = {}
    for i, e in enumerate(entries):
        row, col = e["key"].split(".", 1)
        by_row.setdefault(row, []).append(
            Fact("二", row, col, _value(e["value"]), e["row"], e["column"], "printed",
                 Location(line=50 + i), unit=e.get("unit", "件")))
        articles[row] = e["article"]
    return [_row("二", row, fs, (articles[row],)) for row, fs in by_row.items()]


def _table3(data: dict[str, dict[str, Any]], blanks: set[str]) -> list[TableRow]:
    rows = []
    for i, (key, cols) in enumerate(data.items()):
        label, loc = tpl.row_label("三", key), Location(line=100 + i)
        facts = []
        for col, v in cols.items():
            blank = f"三.{key}.{col}" in blanks
            status = ("derived" if col == "total" else "blank") if blank else "printed"
            facts.append(Fact("三", key, col, _value(v), label, tpl.column_label("三", key, col),
                              status, loc))
        rows.append(_row("三", key, facts, template_header("三", key)))
    return rows


def _group_totals(rows: list[TableRow]) -> list[Fact]:
    """The 三 group totals (不予公开, 无法提供, …): sums of their item rows."""
    out = []
    for group, label in tpl.GROUPS.items():
        items = [r for r in rows if r.table == "三" and r.key.startswith(group + ".")]
        if not items:
            continue
        for col, col_label in tpl.TABLE3_COLUMNS:
            total = sum(f.value for r in items for f in r.facts if f.column == col)
            out.append(Fact("三", group, col, total, label, col_label, "derived", items[0].source,
                            note="sum of items"))
    return out


def _table4(data: dict[str, dict[str, Any]]) -> list[TableRow]:
    rows = []
    for i, (key, cols) in enumerate(data.items()):
        label, loc = tpl.row_label("四", key), Location(line=200 + i)
        rows.append(_row("四", key, [
            Fact("四", key, col, _value(v), label, tpl.column_label("四", key, col), "printed", loc)
            for col, v in cols.items()]))
    return rows


def _checks(rows: list[TableRow], sections: tuple[Section, ...], facts: list[Fact],
            template: str) -> tuple[CheckResult, ...]:
    """The parser's checks (1–4 and prose vs table) evaluated on the expected facts."""
    layout = tpl.table3_rows(template)
    labels = {spec.key: spec.label for spec in layout}
    grid = {r.key: tuple(int(_col(r, c)) for c, _ in tpl.TABLE3_COLUMNS)
            for r in rows if r.table == "三" and r.key in labels}
    derived = {r.key for r in rows if r.table == "三" for f in r.facts
               if f.column == "total" and f.status == "derived"}
    table4 = {r.key: tuple(int(_col(r, c)) for c, _ in tpl.TABLE4_COLUMNS)
              for r in rows if r.table == "四"}
    found = (table_checks.check1(grid) + table_checks.check2(grid, table_checks.result_rows(layout))
             + table_checks.check3(grid, labels, derived) + table_checks.check4(table4))
    return tuple(found) + prose_checks(sections, tuple(facts))


def _col(row: TableRow, column: str) -> int | Decimal:
    return next((f.value for f in row.facts if f.column == column), 0)


# --- prose ----------------------------------------------------------------------------------

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
    """The file's prose split at its 一、… headings (table lines left out)."""
    lines = list(enumerate(_raw_text(path).splitlines(), start=1))
    sections: list[tuple[str, str, list[tuple[int, str]]]] = [("", "", [])]
    for no, line in lines:
        m = _HEADING.match(line)
        if m and not _is_table_line(line):
            sections.append((m.group(1), m.group(2).strip(), []))
        else:
            sections[-1][2].append((no, line))
    return tuple(Section(n, t, 1, _paragraphs(body)) for n, t, body in sections)


# --- reports --------------------------------------------------------------------------------

def build_report(data: dict[str, Any], *, agency: str | None = None, year: int | None = None,
                 salt: str = "", prose_formats: Collection[str] = TEXT_FORMATS) -> Report:
    """The report of one expected.json entry. `agency`/`year` override the entry's; `salt`
    changes the content hash (a "newer file" of the same report)."""
    path = CORPUS / data["file"]
    tables = data["facts"]
    rows = (_table2(tables.get("二", [])) + _table3(tables.get("三", {}), set(data["blank_cells"]))
            + _table4(tables.get("四", {})))
    facts = ([f for r in rows if r.table == "二" for f in r.facts]
             + [f for r in rows if r.table == "三" for f in r.facts] + _group_totals(rows)
             + [f for r in rows if r.table == "四" for f in r.facts])
    agency = agency or data["agency"]
    year = year or data["year"]
    sections = build_sections(path) if data["format"] in prose_formats else ()
    return Report(
        agency=agency,
        agency_aliases=tuple(a for a in data["agency_aliases"] if "沐" not in a),
        year=year,
        template=data["template"],
        title=f"{agency}{year}年政府信息公开工作年度报告",
        source_name=data["file"],
        content_hash=hashlib.sha256(path.read_bytes() + salt.encode()).hexdigest(),
        format=data["format"],
        sections=sections,
        rows=tuple(rows),
        facts=tuple(facts),
        checks=_checks(rows, sections, facts, data["template"]),
    )


@lru_cache(maxsize=2)
def all_reports(prose_formats: tuple[str, ...] = TEXT_FORMATS) -> tuple[Report, ...]:
    """Every corpus report (built once per `prose_formats`)."""
    return tuple(build_report(d, prose_formats=prose_formats) for d in expected_reports())
