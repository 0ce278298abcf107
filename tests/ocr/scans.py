"""Scanned copies of text PDFs, built from the PDFs themselves: every page rendered to a
greyscale image and the images wrapped into a new PDF without any text layer.

    clean_scan(pdf)     -> bytes   200 dpi, as a flatbed scanner would give
    degraded_scan(pdf)  -> bytes   the same, slightly rotated, blurred, noisy, JPEG at low quality
    cached_scan(pdf, degraded=…, pages=…) -> Path   built once under .data/ocr-scans (gitignored)
    partly_scanned(pdf, pages, degraded=…) -> Path  the PDF with only `pages` replaced by their
                                                   scans (the other pages keep their text layer)

Used by tests/ocr and benchmarks/ocr.py. Deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".data" / "ocr-scans"
SCAN_DPI = 200
ROTATION_DEGREES = 0.8
BLUR_RADIUS = 0.9
JPEG_QUALITY = 30
NOISE_SIGMA = 10.0


def _pages(pdf: bytes, pages: Sequence[int] | None) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        numbers = pages or range(1, len(doc) + 1)
        images = []
        for n in numbers:
            page = doc[n - 1]
            images.append(page.render(scale=SCAN_DPI / 72).to_pil().convert("L"))
            page.close()
        return images
    finally:
        doc.close()


def degrade(image: Image.Image, seed: int) -> Image.Image:
    """A poor scan: a slight rotation, blur, sensor noise and heavy JPEG compression."""
    image = image.rotate(ROTATION_DEGREES, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    noise = np.random.default_rng(seed).normal(0.0, NOISE_SIGMA, (image.height, image.width))
    image = Image.fromarray(np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def images_to_pdf(images: list[Image.Image], dpi: int = SCAN_DPI) -> bytes:
    """A PDF of page images only (no text layer, no fonts)."""
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buffer.getvalue()


def build_scan(pdf: bytes, *, degraded: bool = False, pages: Sequence[int] | None = None) -> bytes:
    images = _pages(pdf, pages)
    if degraded:
        images = [degrade(image, seed=k) for k, image in enumerate(images)]
    return images_to_pdf(images)


def clean_scan(pdf: bytes) -> bytes:
    return build_scan(pdf)


def degraded_scan(pdf: bytes) -> bytes:
    return build_scan(pdf, degraded=True)


def cached_scan(pdf: Path, *, degraded: bool = False, pages: Sequence[int] | None = None) -> Path:
    """The scan of `pdf` (some `pages` only, 1-based), built once and kept under .data/."""
    data = pdf.read_bytes()
    variant = "degraded" if degraded else "clean"
    part = "all" if not pages else "p" + "-".join(str(p) for p in pages)
    digest = hashlib.sha256(data).hexdigest()[:12]
    path = CACHE / f"{pdf.stem}.{variant}.{part}.{digest}.pdf"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(build_scan(data, degraded=degraded, pages=pages))
        tmp.replace(path)
    return path


def replace_pages(pdf: bytes, scanned: bytes, pages: Sequence[int]) -> bytes:
    """`pdf` with its `pages` (1-based) replaced by the pages of `scanned`, in order."""
    out = pdfium.PdfDocument(pdf)
    source = pdfium.PdfDocument(scanned)
    try:
        for k, n in enumerate(pages):
            out.del_page(n - 1)
            out.import_pages(source, pages=[k], index=n - 1)
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        source.close()
        out.close()


def partly_scanned(pdf: Path, pages: Sequence[int], *, degraded: bool = False) -> Path:
    """The PDF with `pages` scanned (image only) and the rest as published; cached."""
    scan = cached_scan(pdf, degraded=degraded, pages=pages)
    path = scan.with_name(scan.name.replace(".pdf", ".mixed.pdf"))
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(replace_pages(pdf.read_bytes(), scan.read_bytes(), pages))
        tmp.replace(path)
    return path
