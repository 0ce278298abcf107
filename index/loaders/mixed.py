"""Text or Markdown with embedded HTML tables (what OCR tools such as MinerU produce).

The text between tables goes through the text loader; each <table>…</table> goes through
the HTML table grid, so merged cells are expanded the same way as on a web page.
Locations stay 1-based line numbers of the original text.
"""

from __future__ import annotations

import re
from dataclasses import replace

import lxml.html
from lxml import etree

from index.loaders.cells import row_block
from index.loaders.html import table_grid
from index.models import Block, Location

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)


def has_html_tables(text: str) -> bool:
    return _TABLE.search(text) is not None


def mixed_blocks(text: str, *, fmt: str) -> tuple[Block, ...]:
    from index.loaders.text import blocks_from_text

    blocks: list[Block] = []
    position = 0
    for match in _TABLE.finditer(text):
        blocks += _shifted(blocks_from_text(text[position: match.start()], fmt=fmt), text, position)
        blocks += _table_rows(match.group(), _line_at(text, match.start()))
        position = match.end()
    blocks += _shifted(blocks_from_text(text[position:], fmt=fmt), text, position)
    return tuple(blocks)


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _shifted(blocks: tuple[Block, ...], text: str, offset: int) -> list[Block]:
    """Blocks of a segment, with line numbers counted from the start of the whole text."""
    first = _line_at(text, offset) - 1
    return [replace(b, location=Location(line=(b.location.line or 1) + first)) for b in blocks]


def _table_rows(markup: str, line: int) -> list[Block]:
    try:
        table = lxml.html.fragment_fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    lines = [line + (tr.sourceline or 1) - 1 for tr in table.iter("tr")]
    return [
        row_block(cells, Location(line=row_line))
        for cells, row_line in zip(table_grid(table), lines, strict=False)
        if any(cells)
    ]
