"""Typed values of a parsed report. All frozen: a report, once read, never changes.

Layering: a loader turns a file into a `SourceDocument` (a flat sequence of `Block`s:
text lines/paragraphs and table rows, each with its `Location`). The parser reads a
`SourceDocument` into a `Report`: metadata, `Section`s, `TableRow`s of the national
template with their `Fact`s, and `CheckResult`s (the 勾稽关系 of DOMAIN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from decimal import Decimal
from typing import Any, Literal, Protocol

TableName = Literal["二", "三", "四"]
FactStatus = Literal["printed", "blank", "derived"]
TemplateVersion = Literal["2019", "2021", "free-form"]
BlockKind = Literal["text", "row"]


OCR = "ocr"  # Location.method of text recognised from a page image (扫描件识别)


class Progress(Protocol):
    """Called as pages are read: `progress(done_pages, total_pages, message)` (message in
    Chinese, for a person watching an upload or an ingest)."""

    def __call__(self, done: int, total: int, message: str) -> None: ...


@dataclass(frozen=True)
class Location:
    """Where something is in the source: page for PDF, line/paragraph otherwise (1-based).

    Text recognised from a page image (a scanned PDF, a page that is a picture, an image
    file) has `method == "ocr"` and `box`, the recognised line or table row on the page as
    (x0, top, x1, bottom) in PDF points from the top left (in pixels for an image file).
    """

    page: int | None = None
    line: int | None = None
    method: str = ""
    box: tuple[float, float, float, float] | None = None

    @property
    def ocr(self) -> bool:
        return self.method == OCR

    def describe(self) -> str:
        """Chinese description shown to users, e.g. 「第3页」 or 「第12行」."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        return "".join(parts) or "位置不详"


@dataclass(frozen=True)
class Block:
    """One unit of a loaded document, in reading order.

    kind == "text": a line or paragraph of running text (`cells` is empty).
    kind == "row": one row of a table; `cells` holds the cell strings in order
    ("" for a blank cell), `text` the cells joined by " | " for display.
    """

    kind: BlockKind
    text: str
    location: Location
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageSignal:
    """Something a page says about itself outside its report text, read by the loader
    before site chrome is dropped: a <meta> tag, the <title>, a heading, the breadcrumb,
    a 「来源：」 line, a document property.

    kind: "title" (a candidate report title), "page_title" (the <title> tag, parts joined
    by the site's separators), "agency" (a publisher line or tag), "site" (the site's
    owner), "column" (the site column), "breadcrumb", "date" (publication date).
    origin: where it was read, e.g. "meta:ArticleTitle", "<title>", "h1", "来源", "发布机构".
    """

    kind: str
    text: str
    origin: str


@dataclass(frozen=True)
class SourceDocument:
    """A file after loading, before the template is read from it."""

    name: str  # source file name (no directory)
    format: str  # "html" | "pdf" | "docx" | "text" | "markdown"
    content_hash: str  # sha256 hex of the raw bytes
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    signals: tuple[PageSignal, ...] = ()  # page metadata outside the text (HTML, DOCX, PDF)
    # Row blocks read by OCR whose figures the checks could not confirm: every figure read
    # from them is marked uncertain (never stated as a value).
    unconfirmed: frozenset[Location] = frozenset()

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Paragraph:
    text: str
    location: Location


@dataclass(frozen=True)
class Section:
    """A numbered part of the report: 「一、总体情况」 (level 1) or 「（一）主动公开」 (level 2)."""

    number: str  # "一" / "（一）"; "" for unnumbered text (e.g. the preamble)
    title: str  # "总体情况"
    level: int
    paragraphs: tuple[Paragraph, ...] = ()
    parts: tuple[Section, ...] = ()

    @property
    def heading(self) -> str:
        if not self.number:
            return self.title
        sep = "" if self.number.startswith("（") else "、"
        return f"{self.number}{sep}{self.title}"

    @property
    def text(self) -> str:
        """All text of the section including its parts, one paragraph a line."""
        lines = [p.text for p in self.paragraphs]
        for part in self.parts:
            lines.append(part.heading)
            lines.append(part.text)
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Fact:
    """One figure of the template, keyed canonically (DOMAIN.md "Canonical keys").

    table 三: row "denied.state_secret", column "natural_person" … "total".
    table 四: row "reconsideration" | "litigation_direct" | "litigation_after_reconsideration",
              column "upheld" | "corrected" | "other" | "pending" | "total".
    table 二: row "rules" | "normative_docs" | …, column "issued" | "decisions" | "amount" | ….
    Group totals (row "denied", "unable", "not_processed", "other" when items exist) are
    status "derived" unless the report prints them.
    """

    table: TableName
    row: str
    column: str
    value: int | Decimal
    label: str  # the row label as printed (after whitespace clean-up)
    column_label: str  # the column header as the template names it (e.g. 自然人, 总计)
    status: FactStatus
    source: Location
    unit: str = "件"  # "件" | "万元" | "元" | "项" …
    note: str = ""  # e.g. how a derived value was computed
    uncertain: bool = False  # the source cannot fix this value (e.g. digits run together)

    @property
    def key(self) -> str:
        return f"{self.row}.{self.column}"


def uncertain_row(row: TableRow) -> TableRow:
    """The same row with every fact marked uncertain (its reading is a guess)."""
    facts = tuple(replace(f, uncertain=True) for f in row.facts)
    return replace(row, facts=facts)


@dataclass(frozen=True)
class TableRow:
    """One row of a template table as found in the source, with its facts."""

    table: TableName
    key: str  # canonical row key
    label: str  # original label text
    header_path: tuple[str, ...]  # enclosing labels, e.g. ("三、本年度办理结果", "（三）不予公开")
    facts: tuple[Fact, ...]
    source: Location
    raw: str = ""  # the source text the row was read from


@dataclass(frozen=True)
class CheckResult:
    """One 勾稽关系 evaluated on one column/row: ok, and the numbers involved."""

    name: str  # "check1" … "check4" (DOMAIN.md numbering) or "prose_vs_table"
    ok: bool
    detail: str  # human readable, Chinese, with the numbers: 「自然人：3 + 0 ≠ 2 + 0」
    scope: str = ""  # column or row the check ran on, canonical key
    cells: tuple[str, ...] = ()  # fact keys involved, "三.new_received.total" style
    # prose_vs_table: the sentence the check quotes, where it is, and its section path
    source: Location | None = None
    quote: str = ""
    section: str = ""


@dataclass(frozen=True)
class MetaSource:
    """Where one metadata field of a report was read: agency, year or title.

    signal: the kind of evidence ("meta:ArticleTitle", "<title>", "h1", "breadcrumb",
    "来源", "statistics_period", "body_title", "opening", "preamble", "signature",
    "site_name", …); text: the text it was read from; also: other signals that agree.
    """

    field: str  # "agency" | "year" | "title"
    value: str
    signal: str
    text: str = ""
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    agency: str  # fullest name found in the text
    agency_aliases: tuple[str, ...]  # short forms people use
    year: int  # the year the report covers
    template: TemplateVersion
    title: str
    source_name: str
    content_hash: str
    format: str
    sections: tuple[Section, ...] = ()
    rows: tuple[TableRow, ...] = ()
    facts: tuple[Fact, ...] = ()  # every fact, including derived group totals
    checks: tuple[CheckResult, ...] = ()
    warnings: tuple[str, ...] = ()
    # Added later (stored JSON without them still loads): where agency/year/title came
    # from, and which report markers the document carries (index.parsing.intake).
    metadata_sources: tuple[MetaSource, ...] = ()
    markers: tuple[str, ...] = ()

    def source_of(self, name: str) -> MetaSource | None:
        """Where the field `name` ("agency" | "year" | "title") was read, when known."""
        return next((m for m in self.metadata_sources if m.field == name), None)

    @property
    def id(self) -> str:
        """Stable identity: one report per (agency, year)."""
        return f"{self.year}-{self.agency}"

    @property
    def failed_checks(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if not c.ok)

    def fact(self, table: str, row: str, column: str) -> Fact | None:
        for f in self.facts:
            if f.table == table and f.row == row and f.column == column:
                return f
        return None

    def to_dict(self) -> dict[str, Any]:
        return report_to_dict(self)



def report_to_dict(report: Report) -> dict[str, Any]:
    """Full JSON-able form (Decimal → str to keep exactness); inverse: `report_from_dict`.
    One walk over the dataclasses (no deep copy first): a bulk ingest writes thousands."""
    encoded: dict[str, Any] = _encode(report)
    return encoded


_FIELDS: dict[type, tuple[str, ...]] = {}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, Location) and not value.method and value.box is None:
        # without OCR provenance a location keeps the shape it always had (page, line), so
        # a report of a text file is stored exactly as before and older readers load it
        return {"page": value.page, "line": value.line}
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is None and is_dataclass(value):
        names = _FIELDS.setdefault(cls, tuple(f.name for f in fields(value)))
    if names is not None:
        return {n: _encode(getattr(value, n)) for n in names}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def report_from_dict(data: dict[str, Any]) -> Report:
    def loc(d: dict[str, Any]) -> Location:
        box = d.get("box")
        return Location(**{**d, "box": tuple(box) if box is not None else None})

    def val(v: Any) -> int | Decimal:
        return Decimal(v["decimal"]) if isinstance(v, dict) else v

    def fact(d: dict[str, Any]) -> Fact:
        return Fact(**{**d, "value": val(d["value"]), "source": loc(d["source"])})

    def check(d: dict[str, Any]) -> CheckResult:
        """Older JSON has no cells/source/quote/section."""
        source = d.get("source")
        return CheckResult(**{**d, "cells": tuple(d.get("cells", ())),
                              "source": loc(source) if source is not None else None})

    def section(d: dict[str, Any]) -> Section:
        return Section(
            number=d["number"],
            title=d["title"],
            level=d["level"],
            paragraphs=tuple(Paragraph(p["text"], loc(p["location"])) for p in d["paragraphs"]),
            parts=tuple(section(p) for p in d["parts"]),
        )

    return Report(
        agency=data["agency"],
        agency_aliases=tuple(data["agency_aliases"]),
        year=data["year"],
        template=data["template"],
        title=data["title"],
        source_name=data["source_name"],
        content_hash=data["content_hash"],
        format=data["format"],
        sections=tuple(section(s) for s in data["sections"]),
        rows=tuple(
            TableRow(
                table=r["table"],
                key=r["key"],
                label=r["label"],
                header_path=tuple(r["header_path"]),
                facts=tuple(fact(f) for f in r["facts"]),
                source=loc(r["source"]),
                raw=r.get("raw", ""),
            )
            for r in data["rows"]
        ),
        facts=tuple(fact(f) for f in data["facts"]),
        checks=tuple(check(c) for c in data["checks"]),
        warnings=tuple(data["warnings"]),
        metadata_sources=tuple(
            MetaSource(**{**m, "also": tuple(m.get("also", ()))})
            for m in data.get("metadata_sources", ())
        ),
        markers=tuple(data.get("markers", ())),
    )

