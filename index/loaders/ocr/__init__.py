"""OCR loader: page images (scanned PDF pages, pages that are pictures, PNG/JPEG files) →
the same `Block`s the other loaders give, so the table reader, template mapping, blank-cell
rules and checks work unchanged.

    ocr_pdf_pages(data, pages, dpi=…, progress=…) -> OcrPages    selected pages of a PDF
    ocr_image(data, progress=…) -> OcrPages                     one image file (page 1)
    confirm(doc, evidence) -> SourceDocument                     the checks verify the figures

Pages are rendered (pypdfium2, the renderer pdfplumber already brings) and recognised one
at a time; each page image is released before the next is rendered, so memory does not
grow with the page count. Modules: engine (rapidocr), grid (ruling lines), layout (boxes →
lines and rows), pages (one page), confusions (OCR slips, as data), verify (the checks).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from index.errors import UnreadableFileError
from index.loaders.ocr.pages import NumberCell, PageRead, read_page_image
from index.models import Block, Location, Progress

__all__ = ["OcrPages", "ocr_image", "ocr_pdf_pages", "render_dpi"]

POINTS_PER_INCH = 72
MAX_IMAGE_PIXELS = 60_000_000
BAD_IMAGE_MESSAGE = "图片文件已损坏或无法打开。请重新导出图片（PNG 或 JPEG）后再试。 (unreadable image)"


@dataclass
class OcrPages:
    """What OCR read: blocks by page number, and per table row the number cells."""

    blocks: dict[int, tuple[Block, ...]] = field(default_factory=dict)
    numbers: dict[Location, tuple[NumberCell, ...]] = field(default_factory=dict)
    unreadable: set[Location] = field(default_factory=set)

    def add(self, read: PageRead) -> None:
        self.blocks[read.page] = read.blocks
        self.numbers.update(read.numbers)
        self.unreadable.update(read.unreadable)


def _noop(done: int, total: int, message: str) -> None:
    return None


def render_dpi(dpi: int | None = None) -> int:
    """The render resolution: `dpi`, else the setting (GOV_ASSISTANT_OCR_DPI)."""
    if dpi:
        return dpi
    from index.settings import Settings

    return Settings.load().ocr_dpi


def ocr_pdf_pages(data: bytes, pages: Sequence[int], *, total: int, dpi: int | None = None,
                  progress: Progress | None = None, done_before: int = 0) -> OcrPages:
    """OCR `pages` (1-based) of a PDF; progress counts on from `done_before` of `total`."""
    import pypdfium2 as pdfium

    report = progress or _noop
    scale = render_dpi(dpi) / POINTS_PER_INCH
    out = OcrPages()
    document = pdfium.PdfDocument(data)
    try:
        for k, number in enumerate(pages, start=1):
            report(done_before + k - 1, total, f"扫描件识别：第 {number} 页（{k}/{len(pages)}）")
            gray = _render(document, number, scale)
            out.add(read_page_image(gray, page=number, scale=scale))
            del gray
    finally:
        document.close()
    return out


def _render(document: object, number: int, scale: float) -> np.ndarray:
    page = document[number - 1]  # type: ignore[index]
    try:
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            return np.array(bitmap.to_pil().convert("L"))
        finally:
            bitmap.close()
    finally:
        page.close()


def ocr_image(data: bytes, *, progress: Progress | None = None) -> OcrPages:
    """OCR one PNG/JPEG image as page 1 (boxes in image pixels)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    report = progress or _noop
    report(0, 1, "扫描件识别：图片")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise UnreadableFileError("图片过大（超过 6000 万像素），请缩小后再上传。 (image too large)")
            gray = np.array(ImageOps.exif_transpose(image).convert("L"))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise UnreadableFileError(BAD_IMAGE_MESSAGE) from exc
    out = OcrPages()
    out.add(read_page_image(gray, page=1, scale=1.0))
    return out
