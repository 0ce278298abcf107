"""DOCX loader (python-docx): paragraphs and tables in document order.

The body XML is walked directly so paragraphs and tables stay interleaved. Merged cells
are expanded with the rules of `index.loaders.cells`: python-docx repeats a merged cell
across the grid positions it covers; a horizontal repeat is dropped, a vertical repeat is
kept for labels only.
Automatic list numbers (「一、」 from numbering.xml) are rendered into the paragraph text
(`index.loaders.docx_numbering`). Location.line is the 1-based index of the block.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from index.errors import UnreadableFileError
from index.loaders.cells import clean_cell, clean_line, is_label, row_block, text_block
from index.loaders.docx_numbering import Numbering
from index.loaders.docx_text import cell_text, paragraph_text
from index.models import Block, Location, PageSignal

CORRUPT_MESSAGE = (
    "DOCX文件已损坏或无法打开。请用Word或WPS打开后重新另存为DOCX或PDF再上传。"
    " (corrupt DOCX)"
)


def docx_blocks(data: bytes) -> tuple[Block, ...]:
    return docx_document(data)[0]


def docx_document(data: bytes) -> tuple[tuple[Block, ...], tuple[PageSignal, ...]]:
    """Blocks in document order, and the core properties' title / author."""
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError) as exc:
        raise UnreadableFileError(CORRUPT_MESSAGE) from exc
    blocks: list[Block] = []
    _add_children(blocks, document.element.body, document, Numbering(document))
    return tuple(blocks), _properties(document)


def _properties(document: Any) -> tuple[PageSignal, ...]:
    try:
        props = document.core_properties
        pairs = (("title", props.title, "title"), ("subject", props.subject, "title"),
                 ("author", props.author, "agency"))
    except (ValueError, KeyError, XMLSyntaxError):
        return ()
    return tuple(PageSignal(kind, clean_line(value), f"docx:{name}")
                 for name, value, kind in pairs if value and clean_line(value))


def _add_children(blocks: list[Block], parent: Any, document: Any, numbering: Numbering) -> None:
    """Paragraphs and tables of a body element; content controls (w:sdt) are entered."""
    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            _add_paragraph(blocks, Paragraph(child, document), numbering)
        elif tag == "tbl":
            _add_table(blocks, Table(child, document))
        elif tag in ("sdt", "sdtContent", "customXml"):
            _add_children(blocks, child, document, numbering)


def _location(blocks: list[Block]) -> Location:
    return Location(line=len(blocks) + 1)


def _add_paragraph(blocks: list[Block], paragraph: Paragraph, numbering: Numbering) -> None:
    """A paragraph's lines; an automatic list number (「一、」) is put before its text."""
    text = paragraph_text(paragraph._p)
    if text.strip():
        label = numbering.label(paragraph)
        text = text.lstrip() if text.lstrip().startswith(label) else label + text.lstrip()
    for line in text.splitlines():
        text = clean_line(line)
        if text:
            blocks.append(text_block(text, _location(blocks)))


def _add_table(blocks: list[Block], table: Table) -> None:
    above: list[object] = []
    for row in table.rows:
        cells, elements = _row_cells(row, above)
        above = elements
        if any(cells):
            blocks.append(row_block(cells, _location(blocks)))


def _row_cells(row: object, above: list[object]) -> tuple[list[str], list[object]]:
    """Cell texts of one row; a cell repeated from the left or from above is a span."""
    cells: list[str] = []
    elements: list[object] = []
    for col, cell in enumerate(row.cells):  # type: ignore[attr-defined]
        tc = cell._tc
        text = clean_cell(cell_text(tc))
        from_left = bool(elements) and elements[-1] is tc
        from_above = col < len(above) and above[col] is tc
        elements.append(tc)
        if not from_left and (not from_above or is_label(text)):
            cells.append(text)
    return cells, elements
