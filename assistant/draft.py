"""What a writer produces (`Draft`) and the bookkeeping every writer shares (`Page`):
numbered citations, the figures stated (and the cells they come from, per report), and the
computations shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from index.models import Fact, Report

from assistant.citations import CitationBook
from assistant.facts import FACT, Amount, Number
from assistant.models import Citation, Figure, Series
from assistant.prose import Sentence


def fmt(value: Number) -> str:
    """A number as digits, no grouping, no exponent: 7730.28, 251000, 0."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


@dataclass(frozen=True)
class Draft:
    text: str
    answered: bool
    citations: tuple[Citation, ...] = ()
    figures: tuple[Figure, ...] = ()
    computed: tuple[Number, ...] = ()  # outputs of computations shown in the text
    options: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    warnings: tuple[str, ...] = ()
    writer: str = "composer"


@dataclass
class Page:
    """Accumulates the parts of an answer being written."""

    book: CitationBook = field(default_factory=CitationBook)
    figures: list[Figure] = field(default_factory=list)
    computed: list[Number] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    reports: dict[str, Report] = field(default_factory=dict)  # report id → report stated from
    stated: dict[str, set[str]] = field(default_factory=dict)  # report id → "三.granted.total" keys

    def fact(self, report: Report, fact: Fact) -> str:
        """「3 件[1]」 for one cited fact."""
        n = self.book.fact(report, fact)
        if fact.uncertain:
            return self._uncertain(report, fact, n)
        self._figure(fact.value, report, fact.table, fact.row, fact.column, fact.status, n)
        return f"{fmt(fact.value)} {fact.unit}[{n}]"

    def amount(self, a: Amount) -> str:
        """A figure with its citation, or a sum with its inputs cited."""
        if a.kind == FACT:
            return self.fact(a.report, a.parts[0])
        markers = self.book.markers(a.report, a.parts)
        guessed = next((f for f in a.parts if f.uncertain), None)
        if guessed is not None:
            return self._uncertain(a.report, guessed, self.book.fact(a.report, guessed))
        for f in a.parts:
            n = self.book.fact(a.report, f)
            self._figure(f.value, a.report, f.table, f.row, f.column, f.status, n, hidden=True)
        self.computed.append(a.value)
        status = "derived" if a.kind == "derived_total" else "computed"
        self._figure(a.value, a.report, a.cell.table, a.cell.row, a.cell.column, status, None)
        return f"{fmt(a.value)} {a.unit}{markers}"

    def _uncertain(self, report: Report, fact: Fact, n: int) -> str:
        """A value the source prints ambiguously (digits run together), or a scan shows too
        unclearly for OCR to read with certainty, is never stated."""
        if fact.source.ocr:
            self.warnings.append(f"{report.agency}{report.year}年报告为扫描件，该项数字无法可靠识别")
            return f"无法确定（扫描件此处数字无法可靠识别，请查看原页[{n}]）"
        if fact.note:  # the reader says why (blank cells not kept: the column is unknown)
            self.warnings.append(f"{report.agency}{report.year}年报告中该项数字{fact.note}")
            total = report.fact(fact.table, fact.row, "total") if fact.column != "total" else None
            known = f"；本行总计 {self.fact(report, total)}可以确定" \
                if total is not None and not total.uncertain else ""
            return f"无法确定（{fact.note}，请查看原文[{n}]{known}）"
        self.warnings.append(f"{report.agency}{report.year}年报告中该项数字连写，无法确定确切数值")
        return f"无法确定（报告原文此处数字连写，无法可靠拆分，请查看原文[{n}]）"

    def sentence(self, s: Sentence) -> str:
        n = self.book.sentence(s.report, s.section, s.text, s.location)
        return f"“{s.text}”[{n}]"

    def computation(self, value: Number) -> str:
        """A number the answer computes and shows (its inputs are cited beside it)."""
        self.computed.append(value)
        fig = Figure(value=value, status="computed")
        if fig not in self.figures:
            self.figures.append(fig)
        return fmt(value)

    def _figure(self, value: Number, report: Report, table: str | None, row: str | None,
                column: str | None, status: str, n: int | None, hidden: bool = False) -> None:
        fig = Figure(value=value, table=table, row=row, column=column, status=status,
                     citation=n, agency=report.agency, year=report.year)
        if table and row and column:
            self.reports.setdefault(report.id, report)
            self.stated.setdefault(report.id, set()).add(f"{table}.{row}.{column}")
        if fig not in self.figures:
            self.figures.append(fig)

    def draft(self, text: str, answered: bool = True, options: tuple[str, ...] = ()) -> Draft:
        return Draft(
            text=text, answered=answered, citations=tuple(self.book.citations),
            figures=tuple(self.figures), computed=tuple(self.computed), options=options,
            series=tuple(self.series), warnings=tuple(dict.fromkeys(self.warnings)),
        )
