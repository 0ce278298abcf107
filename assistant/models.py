"""Typed values of a conversation: what comes in (question, history, scope) and what goes
out (`Answer` with its `Citation`s and `Figure`s). No UI knowledge here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, Literal

Role = Literal["user", "assistant"]


@dataclass(frozen=True)
class Turn:
    role: Role
    content: str


@dataclass(frozen=True)
class Scope:
    """What the page pins (a portal widget: /widget?agency=…&year=…); None = whole library."""

    agency: str | None = None
    year: int | None = None
    # A hard scope (a portal widget, /api/ask with agency/year): a question about another
    # agency or year gets a non-answer instead of an answer (assistant.scope).
    strict: bool = False


@dataclass(frozen=True)
class CellText:
    """One cell of the printed row a table citation quotes: its column and text as printed."""

    column: str  # canonical column key, e.g. "natural_person"
    header: str  # column header, e.g. "自然人"
    text: str  # as printed; "" when the report left the cell blank


@dataclass(frozen=True)
class Citation:
    """Marker [n] in the answer text resolves to this."""

    n: int
    report: str  # report id
    agency: str
    year: int
    section: str  # section heading, e.g. "三、收到和处理政府信息公开申请情况"
    table: str | None = None  # "二" | "三" | "四" | None for prose
    row: str | None = None  # canonical row key
    column: str | None = None  # canonical column key
    value: int | Decimal | None = None
    quote: str = ""  # source text of the row or sentence
    source: str = ""  # file name and location, e.g. "2023-hongze.pdf 第3页"
    row_label: str = ""  # human label of the row
    column_label: str = ""  # human label of the column
    url: str | None = None  # relative link to the original file (assistant.links), None if not kept
    # What a reader needs to find the figure (all optional; older producers leave them empty):
    table_name: str = ""  # 「表三」
    row_path: tuple[str, ...] = ()  # template labels, e.g. ("（三）不予公开", "3.危及“三安全一稳定”")
    unit: str = ""  # 件 | 万元 | 元 …
    status: str = ""  # the fact's status: printed | blank | derived
    cells: tuple[CellText, ...] = ()  # the printed row, cell by cell, with column headers
    page: int | None = None  # where the row or sentence is: PDF page …
    line: int | None = None  # … and line (text) or block (HTML, DOCX) number
    view_url: str | None = None  # the readable source view at that line (PDF: the page)
    cell_url: str | None = None  # the report's table view with this cell highlighted


@dataclass(frozen=True)
class Figure:
    """A number stated in the answer: a cited fact or a shown computation."""

    value: int | Decimal
    table: str | None = None
    row: str | None = None
    column: str | None = None
    status: str = "printed"  # printed | blank | derived | computed
    citation: int | None = None  # n of its citation
    agency: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Series:
    """Figures over years or across agencies, for a chart under a trend/comparison answer."""

    title: str
    labels: tuple[str, ...]  # x axis: years or agencies
    values: tuple[float, ...]
    unit: str = "件"


@dataclass(frozen=True)
class Answer:
    text: str
    answered: bool  # False when the assistant could not answer or asked back
    citations: tuple[Citation, ...] = ()
    figures: tuple[Figure, ...] = ()
    intent: str = ""
    options: tuple[str, ...] = ()  # choices when asking back (e.g. several agencies)
    series: tuple[Series, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. failed checks relevant to the answer
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape shared by the CLI (`ask --json`) and `POST /api/ask`."""

        def num(v: Any) -> Any:
            if isinstance(v, Decimal):
                return int(v) if v == v.to_integral_value() else float(v)
            return v

        return {
            "answer": self.text,
            "answered": self.answered,
            "intent": self.intent,
            "citations": [{**asdict(c), "value": num(c.value)} for c in self.citations],
            "figures": [{**asdict(f), "value": num(f.value)} for f in self.figures],
            "options": list(self.options),
            "series": [asdict(s) for s in self.series],
            "warnings": list(self.warnings),
            "status": str(self.meta.get("status", "")),
        }
