"""The table reader: tables 二, 三 and 四 of a report → canonical facts, rows and checks.

    read_tables(doc: SourceDocument) -> TablesResult

Works on any loader's Blocks: table rows (HTML/PDF/DOCX/Markdown/tab text) and text
lines where the tables were flattened (numbers separated by spaces, or run together).
Modules: stream (blocks → pieces), regions (where each table is), labels (keyword
matching), digits (splitting run-together digits), table2/table3/table4, checks, version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from index.models import CheckResult, Fact, SourceDocument, TableRow
from index.parsing.tables.regions import find_regions
from index.parsing.tables.stream import Piece, document_pieces
from index.parsing.tables.table2 import read_table2
from index.parsing.tables.table3 import read_table3
from index.parsing.tables.table4 import read_table4
from index.parsing.tables.version import detect_template, template_hint

__all__ = ["TablesResult", "read_tables"]

FREE_FORM_WARNING = (
    "未找到政府信息公开年度报告的统一格式表格（表二、表三、表四），可能是2019年以前的自由格式报告；"
    "仅能从正文文字中回答，没有表格数据"
)


@dataclass(frozen=True)
class TablesResult:
    template: str  # "2019" | "2021" | "free-form"
    rows: tuple[TableRow, ...] = ()
    facts: tuple[Fact, ...] = ()
    checks: tuple[CheckResult, ...] = ()
    warnings: tuple[str, ...] = ()


def _span(pieces: tuple[Piece, ...], span: tuple[int, int] | None) -> tuple[Piece, ...]:
    return pieces[span[0]:span[1]] if span else ()


def read_tables(doc: SourceDocument) -> TablesResult:
    """Read tables 二, 三, 四 of a loaded report (never raises on odd input: warns)."""
    pieces = document_pieces(doc)
    regions = find_regions(pieces)
    t2_pieces = _span(pieces, regions.table2)
    t3 = read_table3(_span(pieces, regions.table3), template_hint(t2_pieces))
    # table 四 with the line after it: where its last row ends (numbers one a line)
    t4_span = (regions.table4[0], min(regions.table4[1] + 1, len(pieces))) if regions.table4 else None
    t4 = read_table4(_span(pieces, t4_span)) if t4_span else None
    has_tables = bool(t3.rows) or bool(t4 and t4.rows)
    template = detect_template(t2_pieces, has_tables, t3.has_other_items)
    t2 = None
    if template == "free-form":
        t2 = read_table2(t2_pieces, "2021") if t2_pieces else None
        if not t2 or not t2.rows:
            return TablesResult("free-form", warnings=(FREE_FORM_WARNING,))
        template = detect_template(t2_pieces, True, False)
    if t2 is None or template != "2021":  # the 2021 reading above stands when 2021 it is
        t2 = read_table2(t2_pieces, template)
    parts: list[Any] = [t2, t3] + ([t4] if t4 else [])
    warnings = list(t3.warnings) + list(t2.warnings) + (list(t4.warnings) if t4 else [])
    if not t3.rows:
        warnings.insert(0, "未找到表三（收到和处理政府信息公开申请情况）的数据")
    facts = tuple(f for p in parts for f in p.facts)
    return TablesResult(
        template=template,
        rows=tuple(r for p in parts for r in p.rows),
        facts=facts,
        checks=_settled(tuple(t3.checks) + (tuple(t4.checks) if t4 else ()), facts),
        warnings=tuple(warnings),
    )


def _settled(checks: tuple[CheckResult, ...], facts: tuple[Fact, ...]) -> tuple[CheckResult, ...]:
    """Checks on settled figures only: one touching a cell the source cannot fix would
    report a reading that was never stated (a false contradiction)."""
    unsure = {f"{f.table}.{f.row}.{f.column}" for f in facts if f.uncertain}
    return tuple(c for c in checks if not unsure.intersection(c.cells))
