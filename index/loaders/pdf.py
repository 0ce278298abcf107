"""PDF loader (pdfplumber): page text lines and table rows, in vertical reading order.

For each page, tables are found with `page.find_tables()`; each table row with two or
more filled cells becomes a row Block (None → "", newlines inside a cell removed). Rows
with a single filled cell are running text caught inside a table-like frame (some
reports draw a border around the whole page) and become text Blocks, as do two-cell rows
holding a paragraph. Text outside the
tables becomes one text Block per line. Tables continuing over pages simply continue
with the next page's rows. Location(page=n, line=k), k counting the page's blocks.

A page without a text layer that is covered by a picture (a scanned page) is read by OCR
(index.loaders.ocr) instead; `read_pdf` returns what OCR read beside the blocks, for the
checks to confirm.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from index.errors import ScannedPdfError, UnreadableFileError
from index.loaders.cells import clean_cell, clean_line
from index.models import Block, Location, PageSignal, Progress

if TYPE_CHECKING:  # the OCR stack is imported only when a page needs it
    from index.loaders.ocr import OcrPages

T = TypeVar("T")

SCANNED_MESSAGE = (
    "这是扫描版PDF，没有文字层；扫描件识别（OCR）也没有从页面图像中识别出文字（可能是空白页或图像过于模糊）。"
    "请上传更清晰的扫描件，或改为上传网页版/Word版报告。"
    " (scanned PDF: OCR found no text)"
)
CORRUPT_MESSAGE = (
    "PDF文件已损坏或无法打开（可能下载不完整或已加密）。请重新下载原文件后再试。"
    " (corrupt or encrypted PDF)"
)
_MIN_TEXT_CHARS = 20
_PROSE_CELL = 60  # longer than any template label (the longest, （六）1, has 33 characters)
_PAGE_TEXT_CHARS = 20  # a page with less text than this has no text layer to speak of
_PICTURE_COVER = 0.25  # … and is a scanned page when pictures cover this share of it

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class _Item:
    """A line of text or a table row on a page, positioned for sorting."""

    top: float
    kind: str
    text: str
    cells: tuple[str, ...] = ()


def pdf_blocks(data: bytes) -> tuple[Block, ...]:
    return read_pdf(data)[0]


def pdf_document(data: bytes) -> tuple[tuple[Block, ...], tuple[PageSignal, ...]]:
    """Blocks of the pages and the document's Title/Author properties (no OCR)."""
    blocks, _, signals = read_pdf(data, ocr=False)
    return blocks, signals


def read_pdf(data: bytes, *, ocr_dpi: int | None = None, progress: Progress | None = None,
             ocr: bool = True) -> tuple[tuple[Block, ...], OcrPages | None, tuple[PageSignal, ...]]:
    """Blocks of every page (scanned pages by OCR), what OCR read (None: no OCR), and the
    document's Title/Author properties (often the report title and its agency)."""
    pages, scanned, signals = _text_pages(data)
    if not ocr:
        scanned = []
    read: OcrPages | None = None
    if scanned:
        from index.loaders.ocr import ocr_pdf_pages

        if progress is not None:
            progress(len(pages) - len(scanned), len(pages), "读取文字层")
        read = _guarded(lambda: ocr_pdf_pages(data, scanned, total=len(pages), dpi=ocr_dpi,
                                              progress=progress,
                                              done_before=len(pages) - len(scanned)))
    blocks: list[Block] = []
    for n, items in enumerate(pages, start=1):
        if read is not None and n in read.blocks:
            blocks.extend(read.blocks[n])
        else:
            blocks.extend(_to_block(item, page=n, line=k) for k, item in enumerate(items, start=1))
    if progress is not None:
        progress(len(pages), len(pages), "页面读取完成")
    if sum(len(b.text) for b in blocks) < _MIN_TEXT_CHARS:
        raise ScannedPdfError(SCANNED_MESSAGE)
    return tuple(blocks), read, signals


def _text_pages(data: bytes) -> tuple[list[list[_Item]], list[int], tuple[PageSignal, ...]]:
    """Each page's items from the text layer, the numbers of the scanned pages, and the
    document's properties."""
    def read() -> tuple[list[list[_Item]], list[int], tuple[PageSignal, ...]]:
        pages: list[list[_Item]] = []
        scanned: list[int] = []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            signals = _properties(pdf.metadata or {})
            for n, page in enumerate(pdf.pages, start=1):
                items = _page_items(page)
                if _is_scanned(page, items):
                    scanned.append(n)
                    items = []
                pages.append(items)
                page.close()  # drop the page's cached objects: memory stays flat
        return pages, scanned, signals

    return _guarded(read)


def _guarded(read: Callable[[], T]) -> T:
    """Run a PDF reading step; a broken file becomes an `UnreadableFileError`."""
    try:
        return read()
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFileError(CORRUPT_MESSAGE) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
            raise UnreadableFileError(CORRUPT_MESSAGE) from exc
        raise


def _is_scanned(page: pdfplumber.page.Page, items: Sequence[_Item]) -> bool:
    """Almost no text layer, and pictures covering a good part of the page."""
    text = sum(len(item.text) + sum(len(c) for c in item.cells) for item in items)
    if text >= _PAGE_TEXT_CHARS:
        return False
    area = float(page.width * page.height) or 1.0
    covered = sum(max(0.0, float(i["x1"] - i["x0"])) * max(0.0, float(i["bottom"] - i["top"]))
                  for i in page.images)
    return covered / area >= _PICTURE_COVER


def _properties(metadata: dict[str, object]) -> tuple[PageSignal, ...]:
    """Title / Author of the PDF's document information (an agency name when it is one)."""
    found = []
    for key, kind in (("Title", "title"), ("Subject", "title"), ("Author", "agency")):
        value = metadata.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-16" if value[:2] in (b"\xfe\xff", b"\xff\xfe") else "utf-8", "ignore")
        if isinstance(value, str) and clean_line(value):
            found.append(PageSignal(kind, clean_line(value), f"pdf:{key}"))
    return tuple(found)


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
