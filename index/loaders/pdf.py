"""PDF loader (pdfplumber): page text lines and table rows, in vertical reading order.

For each page, tables are found with `page.find_tables()`; each table row with two or
more filled cells becomes a row Block (None → "", newlines inside a cell removed). Rows
with a single filled cell are running text caught inside a table-like frame (some
reports draw a border around the whole page) and become text Blocks, as do two-cell rows
holding a paragraph. Text outside the
tables becomes one text Block per line. Tables continuing over pages simply continue
with the next page's rows. Location(page=n, line=k), k counting the page's blocks.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from index.errors import ScannedPdfError, UnreadableFileError
from index.loaders.cells import clean_cell, clean_line
from index.models import Block, Location

SCANNED_MESSAGE = (
    "这是扫描版PDF，没有文字层，无法读取其中的文字和表格。请先用OCR软件（如WPS、Adobe Acrobat"
    "的“识别文本”功能）生成带文字层的PDF，或改为上传网页版/Word版报告。"
    " (scanned PDF without a text layer: run OCR first)"
)
CORRUPT_MESSAGE = (
    "PDF文件已损坏或无法打开（可能下载不完整或已加密）。请重新下载原文件后再试。"
    " (corrupt or encrypted PDF)"
)
_MIN_TEXT_CHARS = 20
_PROSE_CELL = 60  # longer than any template label (the longest, （六）1, has 33 characters)

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class _Item:
    """A line of text or a table row on a page, positioned for sorting."""

    top: float
    kind: str
    text: str
    cells: tuple[str, ...] = ()


def pdf_blocks(data: bytes) -> tuple[Block, ...]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_items(page) for page in pdf.pages]
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFileError(CORRUPT_MESSAGE) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
            raise UnreadableFileError(CORRUPT_MESSAGE) from exc
        raise
    blocks = [
        _to_block(item, page=n, line=k)
        for n, items in enumerate(pages, start=1)
        for k, item in enumerate(items, start=1)
    ]
    if sum(len(b.text) for b in blocks) < _MIN_TEXT_CHARS:
        raise ScannedPdfError(SCANNED_MESSAGE)
    return tuple(blocks)


def _to_block(item: _Item, *, page: int, line: int) -> Block:
    location = Location(page=page, line=line)
    if item.kind == "row":
        return Block(kind="row", text=" | ".join(item.cells), location=location, cells=item.cells)
    return Block(kind="text", text=item.text, location=location)


def _page_items(page: pdfplumber.page.Page) -> list[_Item]:
    tables = page.find_tables()
    items: list[_Item] = []
    for table in tables:
        items.extend(_table_items(table))
    outside = page
    for table in tables:
        outside = outside.outside_bbox(_clip(table.bbox, page.bbox))
    for line in outside.extract_text_lines(return_chars=False):
        text = clean_line(line["text"])
        if text:
            items.append(_Item(top=line["top"], kind="text", text=text))
    return sorted(items, key=lambda item: item.top)


def _clip(bbox: tuple[float, float, float, float],
          page: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = bbox
    return (max(x0, page[0]), max(top, page[1]), min(x1, page[2]), min(bottom, page[3]))


def _table_items(table: pdfplumber.table.Table) -> list[_Item]:
    items: list[_Item] = []
    for row, raw_cells in zip(table.rows, table.extract(), strict=False):
        top = _row_top(row)
        filled = [c for c in raw_cells if c and c.strip()]
        if _is_prose(filled):
            lines = [clean_line(line) for cell in filled for line in cell.splitlines()]
            items += [_Item(top + k * 0.01, "text", line) for k, line in enumerate(lines) if line]
        elif filled:
            cells = tuple(clean_cell(c or "") for c in raw_cells)
            items.append(_Item(top=top, kind="row", text="", cells=cells))
    return items


def _is_prose(filled: list[str]) -> bool:
    """Running text caught in a frame: one filled cell, or two with a paragraph-long one."""
    if len(filled) <= 1:
        return True
    return len(filled) == 2 and max(len(clean_line(c)) for c in filled) >= _PROSE_CELL


def _row_top(row: pdfplumber.table.CellGroup) -> float:
    tops = [cell[1] for cell in row.cells if cell is not None]
    return min(tops) if tops else row.bbox[1]
