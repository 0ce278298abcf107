"""Citations: every figure and quoted sentence resolves to report, section, row, column,
the source text of the row or sentence, and where it is in the file."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.facts import plain_label
from assistant.links import report_source_url, report_view_url, source_view_url
from assistant.models import CellText, Citation
from index.models import Fact, Location, Report, TableRow
from index.template import (
    GROUPS,
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    TABLE_TITLES,
    table2_rows,
)
from index.template import row_label as template_row_label

TABLE_NAMES = {"二": "表二", "三": "表三", "四": "表四"}
# Table 四 rows as a reader names them: the kind of case, then (for 诉讼) how it came to court.
TABLE4_PATHS: dict[str, tuple[str, ...]] = {
    "reconsideration": ("行政复议",),
    "litigation_direct": ("行政诉讼", "未经复议直接起诉"),
    "litigation_after_reconsideration": ("行政诉讼", "复议后起诉"),
}


def row_quote(report: Report, fact: Fact) -> str:
    """The source text of the row a fact was read from."""
    row = printed_row(report, fact)
    if row is not None:
        return row.raw or row.label
    return f"{fact.label} {fact.column_label} {fact.value}"


SCAN_NOTE = "（扫描件识别，请以原页为准）"


def source_of(report: Report, location: Location) -> str:
    """「file 第3页第12行」; text read by OCR from a page image says so (扫描件识别)."""
    where = f"{report.source_name} {location.describe()}".strip()
    return where + SCAN_NOTE if location.ocr else where


def fact_citation(n: int, report: Report, fact: Fact) -> Citation:
    row = printed_row(report, fact)
    return Citation(
        n=n, report=report.id, agency=report.agency, year=report.year,
        section=TABLE_TITLES.get(fact.table, ""), table=fact.table, row=fact.row,
        column=fact.column, value=None if fact.uncertain else fact.value,
        quote=row_quote(report, fact),
        source=source_of(report, fact.source), row_label=plain_label(_row_name(report, fact)),
        column_label=fact.column_label, url=report_source_url(report, fact.source),
        table_name=TABLE_NAMES.get(fact.table, ""), row_path=row_path(report, fact),
        unit=fact.unit, status=fact.status, cells=row_cells(report, row) if row else (),
        page=fact.source.page, line=fact.source.line,
        view_url=source_view_url(report, fact.source, row.label if row else fact.label),
        cell_url=report_view_url(report.id, fact.table, fact.row, fact.column),
    )


def printed_row(report: Report, fact: Fact) -> TableRow | None:
    for row in report.rows:
        if row.table == fact.table and row.key == fact.row:
            return row
    return None


def row_path(report: Report, fact: Fact) -> tuple[str, ...]:
    """The template labels that lead to the row: 「（三）不予公开」, 「3.危及“三安全一稳定”」."""
    if fact.table == "四":
        return TABLE4_PATHS.get(fact.row, (_row_name(report, fact),))
    if fact.table == "二":
        articles = {r.key: r.article for r in table2_rows(report.template)}
        return tuple(p for p in (articles.get(fact.row, ""), _row_name(report, fact)) if p)
    group = fact.row.split(".")[0] if "." in fact.row else ""
    name = _row_name(report, fact)
    return (GROUPS[group], name) if group in GROUPS else (name,)


def _columns(report: Report, row: TableRow) -> tuple[tuple[str, str], ...]:
    if row.table == "三":
        return TABLE3_COLUMNS
    if row.table == "四":
        return TABLE4_COLUMNS
    for spec in table2_rows(report.template):
        if spec.key == row.key:
            return spec.columns
    return tuple((f.column, f.column_label) for f in row.facts)


def row_cells(report: Report, row: TableRow) -> tuple[CellText, ...]:
    """The printed row cell by cell, in the template's column order, with its headers.
    A cell the report left blank (or that was added up, not printed) is "", one whose
    digits cannot be told apart "?"."""
    facts = {f.column: f for f in row.facts}
    cells = []
    for key, header in _columns(report, row):
        fact = facts.get(key)
        if fact is None or fact.status != "printed":
            text = ""
        else:
            text = "?" if fact.uncertain else str(fact.value)
        cells.append(CellText(column=key, header=header, text=text))
    return tuple(cells)


def _row_name(report: Report, fact: Fact) -> str:
    """The template's name of the row (a misprinted or OCR-garbled label stays in the quote)."""
    if fact.table == "二":
        names = {r.key: r.label for r in table2_rows(report.template)}
        return names.get(fact.row, fact.label)
    name = template_row_label(fact.table, fact.row)
    return name if name != fact.row else fact.label


def sentence_citation(n: int, report: Report, section: str, sentence: str,
                      location: Location) -> Citation:
    return Citation(n=n, report=report.id, agency=report.agency, year=report.year,
                    section=section, quote=sentence, source=source_of(report, location),
                    url=report_source_url(report, location), page=location.page,
                    line=location.line, view_url=source_view_url(report, location, sentence[:60]))


@dataclass
class CitationBook:
    """Numbers citations in the order they are first used; one number per cell/sentence."""

    citations: list[Citation] = field(default_factory=list)
    _index: dict[tuple[object, ...], int] = field(default_factory=dict)

    def fact(self, report: Report, fact: Fact) -> int:
        key = (report.id, fact.table, fact.row, fact.column)
        if key not in self._index:
            n = len(self.citations) + 1
            self.citations.append(fact_citation(n, report, fact))
            self._index[key] = n
        return self._index[key]

    def sentence(self, report: Report, section: str, sentence: str, location: Location) -> int:
        key = (report.id, sentence)
        if key not in self._index:
            n = len(self.citations) + 1
            self.citations.append(sentence_citation(n, report, section, sentence, location))
            self._index[key] = n
        return self._index[key]

    def markers(self, report: Report, facts: tuple[Fact, ...]) -> str:
        """「[3]」 or a compact run 「[3–10]」 for consecutive numbers."""
        ns = sorted({self.fact(report, f) for f in facts})
        return format_markers(ns)


def format_markers(ns: list[int]) -> str:
    if not ns:
        return ""
    runs: list[list[int]] = [[ns[0]]]
    for n in ns[1:]:
        if n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "".join(f"[{r[0]}]" if len(r) == 1 else f"[{r[0]}–{r[-1]}]" for r in runs)
