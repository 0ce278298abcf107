"""Image files (PNG/JPEG) a staff member uploads: one page read by OCR into rows and cells."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from index.loaders import detect_format, load_document
from tests.conftest import CORPUS

TABLE_PAGE = 3  # 2024 report: tables 二 (end) and 三 (start)


def _page_image(fmt: str) -> bytes:
    document = pdfium.PdfDocument(CORPUS / "2024-hongze-district-gov.pdf")
    try:
        image = document[TABLE_PAGE - 1].render(scale=150 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 70} if fmt == "JPEG" else {}))
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "fmt"), [("table.png", "PNG"), ("table.jpg", "JPEG")])
def test_image_file_rows_and_cells(name: str, fmt: str) -> None:
    data = _page_image(fmt)
    assert detect_format(data, name) == "image"
    calls: list[tuple[int, int, str]] = []
    doc = load_document(name, data=data, progress=lambda *call: calls.append(call))
    assert doc.format == "image" and calls[0][:2] == (0, 1)
    rows = {b.cells[-7:] for b in doc.blocks if b.kind == "row" and len(b.cells) >= 8}
    assert ("95", "0", "0", "0", "0", "0", "95") in rows  # 一、本年新收: 95 applications
    assert ("50", "0", "0", "0", "0", "0", "50") in rows  # （一）予以公开
    located = [b.location for b in doc.blocks]
    assert all(loc.ocr and loc.page == 1 and loc.box is not None for loc in located)
    assert any("扫描件识别" in w for w in doc.warnings)
