"""Loaders: a report file (HTML, PDF — text or scanned —, DOCX, text, Markdown, PNG/JPEG)
→ `SourceDocument`.

`load_document(path)` sniffs the format from the bytes (and the file extension), hashes
the raw bytes and dispatches to one loader per format. Scanned PDF pages and image files
are read by OCR (index.loaders.ocr), whose figures the 勾稽关系 checks then confirm; OCR is
slow, so `progress(done_pages, total_pages, message)` is called page by page. Every
failure a person can cause (empty file, binary garbage, legacy .doc, corrupt PDF) raises
an `index.errors.InputError` subclass whose message says what to do.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from index.errors import UnreadableFileError, UnsupportedFormatError
from index.limits import check_zip
from index.loaders.encoding import decode_bytes
from index.models import Block, PageSignal, Progress, SourceDocument

__all__ = ["load_document", "detect_format", "decode_bytes"]

EMPTY_MESSAGE = "文件是空的，没有任何内容。请确认选择了正确的年度报告文件。 (empty file)"
NO_TEXT_MESSAGE = "文件中没有可读的文字内容。请确认上传的是年度报告本身。 (no readable text)"
_HTML_EXT = {".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php"}
_TEXT_EXT = {".txt", ".text", ".csv", ".tsv", ""}
_MD_EXT = {".md", ".markdown"}
_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|body|head|table|p|div|meta|br)\b", re.I)
# Magic numbers of formats we cannot read, with the advice given.
_UNSUPPORTED: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "这是旧版 Word/WPS/Excel 文件（.doc/.wps/.xls），无法直接读取。请用 Word 或 WPS "
     "打开后另存为 DOCX 或 PDF 再上传。 (legacy .doc: save as DOCX or PDF)"),
    (b"{\\rtf", "这是 RTF 文件，无法直接读取。请另存为 DOCX 或 PDF 再上传。 (RTF: save as DOCX or PDF)"),
    (b"GIF8", "这是GIF图片。请另存为PNG或JPEG（会自动做扫描件识别），或上传报告的网页版、PDF或Word版。"
     " (GIF: save as PNG or JPEG)"),
    (b"II*\x00", "这是TIFF图片。请另存为PDF、PNG或JPEG后上传（会自动做扫描件识别）。 (TIFF: save as PDF/PNG/JPEG)"),
    (b"MM\x00*", "这是TIFF图片。请另存为PDF、PNG或JPEG后上传（会自动做扫描件识别）。 (TIFF: save as PDF/PNG/JPEG)"),
    (b"Rar!", "这是压缩包，请解压后上传其中的年度报告文件。 (archive: extract first)"),
    (b"7z\xbc\xaf", "这是压缩包，请解压后上传其中的年度报告文件。 (archive: extract first)"),
    (b"\x1f\x8b", "这是压缩包，请解压后上传其中的年度报告文件。 (archive: extract first)"),
)
_ZIP_NOT_DOCX = ("这是一个压缩包或其他 Office 文件（不是 Word 文档），无法读取。请上传 HTML、PDF、DOCX "
                 "或文本格式的年度报告。 (zip/xlsx/pptx/ofd not supported)")


def load_document(
    path: Path | str, *, data: bytes | None = None, name: str | None = None,
    progress: Progress | None = None, ocr_dpi: int | None = None,
) -> SourceDocument:
    """Read a report file into a SourceDocument. `data` overrides reading `path`;
    `ocr_dpi` is the render resolution of scanned pages (default: the setting)."""
    path = Path(path)
    name = name or path.name
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableFileError(f"无法读取文件：{exc.strerror or exc}。请检查路径和权限。",
                                      source=name) from exc
    try:
        return _load(data, name, progress, ocr_dpi)
    except (UnreadableFileError, UnsupportedFormatError) as exc:
        exc.source = exc.source or name
        raise


def _load(data: bytes, name: str, progress: Progress | None, ocr_dpi: int | None) -> SourceDocument:
    if not data.strip():
        raise UnreadableFileError(EMPTY_MESSAGE)
    check_zip(data)  # a zip (DOCX) that would unpack too large is refused before parsing
    fmt = detect_format(data, name)
    ocr = None
    signals: tuple[PageSignal, ...] = ()
    if fmt == "pdf":
        from index.loaders.pdf import read_pdf

        blocks, ocr, signals = read_pdf(data, ocr_dpi=ocr_dpi, progress=progress)
    elif fmt == "image":
        from index.loaders.ocr import ocr_image

        ocr = ocr_image(data, progress=progress)
        blocks = ocr.blocks[1]
    else:
        blocks, signals = _blocks(data, fmt)
        if progress is not None:
            progress(1, 1, "读取完成")
    if not any(block.text.strip() for block in blocks):
        raise UnreadableFileError(NO_TEXT_MESSAGE)
    doc = SourceDocument(
        name=name,
        format=fmt,
        content_hash=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
        signals=signals,
    )
    if ocr is not None:
        from index.loaders.ocr.verify import confirm

        doc = confirm(doc, ocr)
    return doc


def detect_format(data: bytes, name: str = "") -> str:
    """"pdf" | "docx" | "html" | "markdown" | "text" | "image" (PNG/JPEG, read by OCR),
    from magic bytes first, then extension."""
    head = data[:1024].lstrip()
    if b"%PDF" in data[:1024]:
        return "pdf"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        if b"word/document" in data:
            return "docx"
        raise UnsupportedFormatError(_ZIP_NOT_DOCX)
    for magic, message in _UNSUPPORTED:
        if head.startswith(magic):
            raise UnsupportedFormatError(message)
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        raise UnreadableFileError("文件扩展名是 .pdf，但内容不是有效的PDF（可能已损坏或下载不完整）。"
                                  "请重新下载原文件。 (not a valid PDF)")
    if suffix in (".doc", ".wps"):
        raise UnsupportedFormatError(_UNSUPPORTED[0][1])
    return _text_format(data, suffix)


def _text_format(data: bytes, suffix: str) -> str:
    if suffix in _HTML_EXT:
        return "html"
    if suffix in _MD_EXT:
        return "markdown"
    sample = data[:4096].decode("latin-1")
    if suffix not in _TEXT_EXT and not _HTML_SNIFF.search(sample):
        raise UnsupportedFormatError(
            f"不支持的文件类型（{suffix}）。请上传 HTML、PDF、DOCX、TXT 或 Markdown 格式的年度报告。"
            " (unsupported format)"
        )
    if len(_HTML_SNIFF.findall(sample)) >= 3 or sample.lstrip().lower().startswith(("<!doctype", "<html")):
        return "html"
    return "text"


def _blocks(data: bytes, fmt: str) -> tuple[tuple[Block, ...], tuple[PageSignal, ...]]:
    """Blocks of a file that has its text (every format but PDF and images), and what the
    file says about itself outside it (PageSignal)."""
    if fmt == "docx":
        from index.loaders.docx import docx_document

        return docx_document(data)
    text, _ = decode_bytes(data, html=fmt == "html")
    if fmt == "html":
        from index.loaders.html import html_document

        return html_document(text)
    from index.loaders.mixed import has_html_tables, mixed_blocks

    if has_html_tables(text):
        return mixed_blocks(text, fmt=fmt), ()
    from index.loaders.text import blocks_from_text

    return blocks_from_text(text, fmt=fmt), ()
