"""Plain text and Markdown → Blocks.

A line with tab-separated cells or Markdown pipes (``| a | b |``, or ``a | b`` inside a
table whose separator line ``---|---`` shows it, as html2text writes them) becomes a row
Block (empty cells kept as ""); Markdown separator lines (``|---|---|``, ``-----\t---``) and page
markers (「- 4 -」「— 4 —」「第 4 页」) are dropped; every other non-empty line is a text
Block. Runs of space-separated numbers stay inside text Blocks: the table reader splits
them (it has to handle numbers run together inside text anyway).
In Markdown, inline markup (``**bold**``, links, inline code…) is removed from lines and
cells, keeping their text (index.loaders.markdown_inline).
Locations are 1-based line numbers of the original text.
"""

from __future__ import annotations

import re

from index.loaders.cells import PAGE_MARKER, row_block
from index.loaders.markdown_inline import strip_inline
from index.models import Block, Location

_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_MIN_PIPES = 3
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_SEPARATOR_LINE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SPACES = re.compile(r"[ \u00a0\u3000\u2002\u2003\u200b]+")


def blocks_from_text(text: str, *, fmt: str = "text") -> tuple[Block, ...]:
    """Split decoded text into Blocks; `fmt` is "text" or "markdown" (headings lose their #)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    piped = _bare_pipe_rows(lines)
    for number, line in enumerate(lines, start=1):
        block = _line_block(line, Location(line=number), markdown=fmt == "markdown",
                            piped=number - 1 in piped)
        if block is not None:
            blocks.append(block)
    return tuple(blocks)


def _bare_pipe_rows(lines: list[str]) -> set[int]:
    """Rows of Markdown tables written without outer pipes (「a | b | c」 under 「---|---」):
    the header above each separator line and the piped lines below it. In such a table a
    line starting with a pipe starts with an empty cell."""
    rows: set[int] = set()
    for i, line in enumerate(lines):
        if "|" not in line or not _SEPARATOR_LINE.match(line) or line.lstrip().startswith("|"):
            continue  # (a table with outer pipes is read line by line)
        rows.add(i)  # dropped as a separator
        if i > 0 and "|" in lines[i - 1]:
            rows.add(i - 1)
        j = i + 1
        while j < len(lines) and "|" in lines[j] and lines[j].strip():
            rows.add(j)
            j += 1
    return rows


def _line_block(line: str, location: Location, *, markdown: bool, piped: bool = False) -> Block | None:
    line = line.replace("\ufeff", "").rstrip("\r\n")
    if not line.strip() or PAGE_MARKER.match(line):
        return None
    if piped or _numbers_between_pipes(line):
        cells: tuple[str, ...] | None = _bare_cells(line)
    else:
        cells = _cells(line)
    if cells is not None:
        if all(_SEPARATOR_CELL.match(c) or not c for c in cells):
            return None
        return row_block([_clean(strip_inline(c)) if markdown else c for c in cells], location)
    text = _clean(line)
    if markdown:
        text = _clean(strip_inline(_HEADING.sub("", text)))
    return Block(kind="text", text=text, location=location)


def _numbers_between_pipes(line: str) -> bool:
    """「一、本年新收…|5|0||0|||5」: a row a crawler joined with pipes: after its label, every
    cell a number or blank."""
    if line.count("|") < _MIN_PIPES or line.lstrip().startswith("|"):
        return False
    return all(_NUMBER.match(c.strip()) or not c.strip() for c in line.split("|")[1:])


def _bare_cells(line: str) -> tuple[str, ...]:
    """Cells of a row without outer pipes: every pipe separates two cells, so a pipe at
    the end leaves an empty last cell (a blank cell the converter kept)."""
    return tuple(_clean(c) for c in line.strip().split("|"))


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
