"""Table 二 (主动公开政府信息情况): row labels followed by their values, any layout.

Values come from the label's own table row, or from the number runs that follow the
label in text. Digits run together are split (no check constrains them: the most even
split is taken, with a warning). A row that lost a middle cell takes it from a number
printed alone on a line above the table (cells that float out of multi-line cells).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from index.models import Fact, FactStatus, TableRow, uncertain_row
from index.parsing.tables.digits import free_splits, most_even
from index.parsing.tables.labels import table2_key
from index.parsing.tables.stream import MAX_RAW, Piece, normalize, raw_text
from index.template import Table2Row, table2_rows

_STOP_WORDS = ("第二十条", "信息内容")
_UNITS = ("万元", "元")
_COUNT_UNITS = {"prev_items": "项", "change": "项", "items": "项"}


@dataclass
class _Row:
    key: str
    label: str
    piece: Piece
    cells: list[str] | None = None  # from a table row
    runs: list[Piece] = field(default_factory=list)  # from text
    unit: str = ""


@dataclass(frozen=True)
class Table2:
    rows: tuple[TableRow, ...]
    facts: tuple[Fact, ...]
    warnings: tuple[str, ...]


def read_table2(pieces: tuple[Piece, ...], template: str) -> Table2:
    specs = {spec.key: spec for spec in table2_rows(template)}
    found, floating = _collect(pieces, specs)
    rows: list[TableRow] = []
    warnings: list[str] = []
    for row in found:
        values, warn = _values(row, specs[row.key], floating)
        warnings += warn
        table_row = _table_row(row, specs[row.key], values)
        rows.append(uncertain_row(table_row) if warn else table_row)
    return Table2(tuple(rows), tuple(f for r in rows for f in r.facts), tuple(warnings))


def _collect(pieces: tuple[Piece, ...], specs: dict[str, Table2Row]) -> tuple[list[_Row], list[Piece]]:
    rows: list[_Row] = []
    floating: list[Piece] = []
    current: _Row | None = None
    header_unit = ""
    for piece in pieces:
        if piece.kind == "numbers":
            if piece.in_parens:
                continue
            if current is not None and current.cells is None:
                current.runs.append(piece)
            elif piece.whole_line:
                floating.append(piece)
            continue
        key = table2_key(piece.text)
        header_unit = _header_unit(piece.text, header_unit)
        if key is None or key not in specs or any(r.key == key for r in rows):
            if current is not None and current.runs:
                current.unit = current.unit or _unit_prefix(piece.text)
            if key is None and any(w in normalize(piece.text) for w in _STOP_WORDS):
                current = None
            continue
        current = _Row(key, _label(piece.text, specs[key]), piece, unit=header_unit)
        if piece.kind == "row":
            current.cells = list(piece.values)
        rows.append(current)
    return rows, floating


def _header_unit(text: str, unit: str) -> str:
    """The money unit a column header announces (（单位：万元） / 采购总金额（元）)."""
    text = normalize(text)
    if "第二十条" in text:
        unit = ""
    if "万元" in text:
        return "万元"
    if "(元)" in text or "单位:元" in text:
        return "元"
    return unit


def _label(text: str, spec: Table2Row) -> str:
    """The printed label: from the longest template word found to the end of the text."""
    text = text.strip()
    words = sorted({spec.label, "规范性文件", spec.label[-4:]}, key=len, reverse=True)
    for word in words:
        pos = text.rfind(word)
        if pos >= 0:
            return text[pos:].strip()
    return text if len(text) <= 12 else spec.label


def _unit_prefix(text: str) -> str:
    text = text.strip()
    return next((u for u in _UNITS if text.startswith(u)), "")


def _values(row: _Row, spec: Table2Row, floating: list[Piece]) -> tuple[list[str], list[str]]:
    width = len(spec.columns)
    if row.cells is not None:
        cells = list(row.cells)
        while len(cells) > width and cells[-1] == "":
            cells.pop()
        if len(cells) == width - 1 and width == 3 and floating:
            cells.insert(1, floating.pop(0).tokens[0])
        return cells[:width], []
    tokens = [t for p in row.runs for t in p.tokens]
    if len(tokens) >= width:
        return tokens[:width], []
    digits = "".join(tokens)
    if "." in digits and width == 2:
        return _split_amount(digits, row.label)
    found = free_splits(digits, width) if digits.isdigit() else []
    if len(found) == 1:
        return [str(v) for v in found[0]], []
    if not found:
        return tokens, [f"表二「{row.label}」未能读出全部数字"]
    chosen = most_even(found)
    warn = (f"表二「{row.label}」的数字连写为「{digits}」，无法确定如何拆分（如 "
            f"{'、'.join('|'.join(map(str, c)) for c in found[:3])}），暂按 "
            f"{'|'.join(map(str, chosen))} 读取，请核对原文")
    return [str(v) for v in chosen], [warn]


def _split_amount(digits: str, label: str) -> tuple[list[str], list[str]]:
    """'13575394432.52' = items | amount: unknowable; keep the evenest integer split."""
    whole, fraction = digits.split(".", 1)
    found = free_splits(whole, 2)
    if not found:
        return [digits], []
    chosen = most_even(found)
    warn = f"表二「{label}」的数字连写为「{digits}」，无法确定项目数量与金额的分界，请核对原文"
    return [str(chosen[0]), f"{chosen[1]}.{fraction}"], [warn]


def _table_row(row: _Row, spec: Table2Row, values: list[str]) -> TableRow:
    facts: list[Fact] = []
    location = row.piece.location
    for (column, column_label), text in zip(spec.columns, values):
        number = _number(text)
        if number is None:
            continue
        value, unit = number
        status: FactStatus = "printed" if text.strip() else "blank"
        money_unit = row.unit if column == "amount" else ""
        unit = unit or money_unit or _COUNT_UNITS.get(column) or _default_unit(spec, column)
        facts.append(Fact("二", spec.key, column, value, row.label, column_label, status,
                          location, unit=unit))
    raw = raw_text(row.piece) if row.cells is not None else _runs_raw(row)
    return TableRow("二", spec.key, row.label, (spec.article,), tuple(facts), location, raw)


def _runs_raw(row: _Row) -> str:
    if row.runs and len(row.runs[0].raw) > MAX_RAW:
        return f"{row.label} {' '.join(t for p in row.runs for t in p.tokens)}{row.unit}"
    return " ".join(dict.fromkeys([row.piece.raw] + [p.raw for p in row.runs]))


def _default_unit(spec: Table2Row, column: str) -> str:
    return spec.unit if column == "amount" else "件"


def _number(text: str) -> tuple[int | Decimal, str] | None:
    """(value, printed unit) of a cell; 0 for a blank cell; None when it is no number."""
    text = normalize(text).replace(",", "")
    unit = next((u for u in _UNITS if text.endswith(u)), "")
    text = text[: len(text) - len(unit)] if unit else text
    text = text.rstrip("件项个条").lstrip("+")
    if not text:
        return 0, unit
    try:
        return (Decimal(text) if "." in text else int(text)), unit
    except (ArithmeticError, ValueError):
        return None
