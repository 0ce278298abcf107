"""Shared clean-up of cell and line text, and the rule for merged table cells.

Merged cells are expanded into a grid. A cell spanning several columns is emitted once
per row, so a header row and the value rows under it keep their cells in the same order.
A label cell spanning several rows is repeated into every row it covers (the table reader
matches labels by keywords, so repeated group labels are harmless). A number or blank
spanning rows is emitted only in its first row: repeating it would double-count a figure.
"""

from __future__ import annotations

import re

from index.models import Block, Location

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b]+")
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"
_CJK_GAP = re.compile(rf"(?<={_CJK}) (?={_CJK})")
_NUMBERISH = re.compile(r"^[\s\-–—+.,，0-9０-９%％/]*$")
# A page number line: 「- 4 -」「— 4 —」「第 4 页」「第4页 共9页」「4/9」.
PAGE_MARKER = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


def clean_line(text: str) -> str:
    """Collapse runs of spaces (incl. &nbsp; and ideographic space) into one; strip."""
    return _SPACES.sub(" ", text).strip()


def clean_cell(text: str) -> str:
    """Cell text on one line: newlines removed, spaces between CJK characters dropped."""
    text = clean_line(text.replace("\n", " " if _ascii_edges(text) else ""))
    return _CJK_GAP.sub("", text)


def _ascii_edges(text: str) -> bool:
    """Keep a space where a newline separates two ASCII words ("ab\ncd" → "ab cd")."""
    return bool(re.search(r"[A-Za-z0-9]\n[A-Za-z0-9]", text))


def is_label(text: str) -> bool:
    """A cell that names something (repeated into spans), as opposed to a number or blank."""
    return bool(text) and not _NUMBERISH.match(text)


def row_block(cells: list[str], location: Location) -> Block:
    return Block(kind="row", text=" | ".join(cells), location=location, cells=tuple(cells))


def text_block(text: str, location: Location) -> Block:
    return Block(kind="text", text=text, location=location)
