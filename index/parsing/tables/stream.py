"""A document as a flat stream of pieces the table readers walk.

Text blocks are cut into text pieces and number runs ("0 3 0 0 0 0 3", "640020470",
"4068.208"); row blocks become one `Row` piece each, their cells split into label cells
and value cells. An item number that ran into the digits before it ("00000002.其他法律…")
is given back to the label: a digit run followed by "." or "、" loses its last digit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from index.models import Block, Location, SourceDocument

# A number run: numbers separated by spaces only (tabs/pipes already made cells). A blank
# cell printed as 「—」「/」 inside a run is a token too (read as "", i.e. blank).
_NUM_TOKEN = r"-?\d+(?:\.\d+)?"
_BLANK_TOKEN = r"(?:[—–－]{1,2}|-{1,2}|[/／])(?![\d.])"
_RUN = re.compile(
    rf"(?:{_NUM_TOKEN}|{_BLANK_TOKEN})(?:[ \u3000]+(?:{_NUM_TOKEN}|{_BLANK_TOKEN}))*"
)
_BLANK_ONLY = re.compile(_BLANK_TOKEN + "$")
_MIN_BLANK_ROW = 5
_ITEM_DOT = ".．、"
_BLANK_CELL = re.compile(r"^(?:[\s\-–—/／]*|无)$")
_REMARK = re.compile(r"[(（][^()（）]*[)）]$")
_NUMBER_CELL = re.compile(r"^[-－+＋]?\d+(?:\.\d+)?(?:万元|元|件|项|个|条|人次)?$")
_INT_CELL = re.compile(r"^([-+]?\d+)(?:件|项|个|条|人次)?$")
_MULTI_NUMBER_CELL = re.compile(r"^\d+(?: \d+)+$")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９　", "0123456789 ")


@dataclass(frozen=True)
class Piece:
    """kind "text": `text` is label/prose text. kind "numbers": `tokens` are the numbers
    as printed (space-separated parts of one run). kind "row": `label` and `values`
    (value cells after the last label cell, "" for blank)."""

    kind: str
    location: Location
    raw: str  # the whole block text the piece comes from
    text: str = ""
    tokens: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    in_parens: bool = False
    whole_line: bool = False  # a number run that is the whole text block
    alone: bool = True  # the only number run of its line (not one of several split by marks)

    @property
    def digits(self) -> str:
        return "".join(self.tokens)


MAX_RAW = 200


def raw_text(piece: Piece, label: str = "") -> str:
    """The source text a figure was read from: its line, or (for a page flattened into
    one long line) the label and the numbers as printed."""
    if len(piece.raw) <= MAX_RAW:
        return piece.raw
    numbers = " ".join(piece.tokens) if piece.kind == "numbers" else " | ".join(piece.values)
    return f"{label.strip()} {numbers}".strip()


def normalize(text: str) -> str:
    """Text for matching: NFKC, no spaces, unified quotes."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).replace("“", '"').replace("”", '"')


def is_number_cell(cell: str) -> bool:
    return bool(_NUMBER_CELL.match(cell.replace(",", "").replace(" ", "")))


def int_cell(cell: str) -> int | None:
    """The integer a value cell holds ("12", "12件", "1,295"), None when it holds none."""
    match = _INT_CELL.match(normalize(cell).replace(",", ""))
    return int(match.group(1)) if match else None


def is_blank_cell(cell: str) -> bool:
    return bool(_BLANK_CELL.match(cell))


def document_pieces(doc: SourceDocument) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    for block in doc.blocks:
        if block.kind == "row":
            pieces.extend(_row_pieces(block))
        else:
            pieces.extend(text_pieces(block.text, block.location))
    return tuple(pieces)


def _value_cell(cell: str) -> str:
    """"22（其中修订16件）" → "22": a number with a remark in brackets is the number."""
    cell = unicodedata.normalize("NFKC", cell).strip()
    bare = _REMARK.sub("", cell).strip()
    return bare if bare != cell and is_number_cell(bare.replace(",", "")) else cell


def _row_pieces(block: Block) -> list[Piece]:
    cells = [_value_cell(c) for c in block.cells]
    labels = [i for i, c in enumerate(cells) if not is_blank_cell(c) and not _is_value(c)]
    last = labels[-1] if labels else -1
    label = " ".join(block.cells[i].strip() for i in labels)
    values: list[str] = []
    for cell in cells[last + 1:]:
        cell = cell.replace(",", "")
        if _MULTI_NUMBER_CELL.match(cell):
            values.extend(cell.split())
        else:
            values.append("" if is_blank_cell(cell) else cell.replace(" ", ""))
    return [Piece("row", block.location, block.text, text=label, values=tuple(values))]


def _is_value(cell: str) -> bool:
    compact = cell.replace(",", "")
    return is_number_cell(compact) or bool(_MULTI_NUMBER_CELL.match(compact))


def text_pieces(text: str, location: Location) -> list[Piece]:
    """Cut a text block into text pieces and number runs."""
    text = text.translate(_FULLWIDTH_DIGITS)
    pieces: list[Piece] = []
    label_start = 0
    for match in _RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        if not any(ch.isdigit() for ch in run) and not _blank_row(run, text):
            continue  # dashes in prose
        if end < len(text) and text[end] in _ITEM_DOT and not _digit_at(text, end + 1):
            if len(run.replace(" ", "")) <= 1:
                continue  # the whole run is an item number ("2.其他…")
            run, end = run[:-1].rstrip(), end - 1  # "…00000002.其他" → "0000000" + "2."
        if start > label_start:
            pieces.append(Piece("text", location, text, text=text[label_start:start]))
        pieces.append(
            Piece(
                "numbers",
                location,
                text,
                tokens=tuple("" if _BLANK_ONLY.match(t) else t for t in run.split()),
                in_parens=_in_parens(text, start, end),
                whole_line=not text[:start].strip() and not text[end:].strip(),
            )
        )
        label_start = end
    if label_start < len(text):
        pieces.append(Piece("text", location, text, text=text[label_start:]))
    runs = [p for p in pieces if p.kind == "numbers"]
    if len(runs) > 1:
        pieces = [replace(p, alone=False) if p.kind == "numbers" else p for p in pieces]
    return pieces


def _blank_row(run: str, text: str) -> bool:
    """Blank cells without numbers: a row of them (「/ / / / / / /」), or one alone on its
    line (a cell per line)."""
    count = len(run.split())
    return count >= _MIN_BLANK_ROW or (count == 1 and run == text.strip())


def _digit_at(text: str, index: int) -> bool:
    return index < len(text) and text[index].isdigit()


def _in_parens(text: str, index: int, end: int, reach: int = 30) -> bool:
    """Inside a parenthesis opened shortly before and closed after ("（其中修订 16 件）").
    A parenthesis left open at the end of the line is a label wrapped onto the next
    line (「（二）部分公开（区分处理的，只计这一情形，不计其他 1 0 … 1」 / 「情形）」)."""
    before = text[max(0, index - reach):index]
    opened = max(before.rfind("("), before.rfind("（"))
    closed = max(before.rfind(")"), before.rfind("）"))
    after = text[end:end + reach]
    return opened > closed and (")" in after or "）" in after)
