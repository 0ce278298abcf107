"""Plain text and Markdown → Blocks.

A line with tab-separated cells or Markdown pipes (``| a | b |``) becomes a row Block
(empty cells kept as ""); Markdown separator lines (``|---|---|``, ``-----\t---``) and page
markers (「- 4 -」「— 4 —」「第 4 页」) are dropped; every other non-empty line is a text
Block. Runs of space-separated numbers stay inside text Blocks: the table reader splits
them (it has to handle numbers run together inside text anyway).
Locations are 1-based line numbers of the original text.
"""

from __future__ import annotations

import re

from index.loaders.cells import PAGE_MARKER, row_block
from index.models import Block, Location

_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SPACES = re.compile(r"[ \u00a0\u3000\u2002\u2003\u200b]+")


def blocks_from_text(text: str, *, fmt: str = "text") -> tuple[Block, ...]:
    """Split decoded text into Blocks; `fmt` is "text" or "markdown" (headings lose their #)."""
    blocks: list[Block] = []
    for number, line in enumerate(text.splitlines(), start=1):
        block = _line_block(line, Location(line=number), markdown=fmt == "markdown")
        if block is not None:
            blocks.append(block)
    return tuple(blocks)


def _line_block(line: str, location: Location, *, markdown: bool) -> Block | None:
    line = line.replace("\ufeff", "").rstrip("\r\n")
    if not line.strip() or PAGE_MARKER.match(line):
        return None
    cells = _cells(line)
    if cells is not None:
        if all(_SEPARATOR_CELL.match(c) or not c for c in cells):
            return None
        return row_block(list(cells), location)
    text = _clean(line)
    if markdown:
        text = _HEADING.sub("", text)
    return Block(kind="text", text=text, location=location)


def _cells(line: str) -> tuple[str, ...] | None:
    """Cells of a table line, or None for running text."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return tuple(_clean(c) for c in inner.split("|"))
    if "\t" in line.strip("\r\n") and line.strip():
        return tuple(_clean(c) for c in line.split("\t"))
    return None


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
