"""What a report file must be before it is parsed: the one set of limits that upload, CLI
ingest and `serve --ingest` share.

    intake = check_report_file(path, max_bytes=20 * 2**20)   # raises an InputError subclass
    intake.format, intake.suffix, intake.warnings

- size: at most `max_bytes` (the setting max_upload_mb); the message names the real size
  and the setting that raises the limit;
- extension: one of REPORT_EXTENSIONS; the format is read from the bytes, and when it differs
  from the extension (a text file named .docx) the truth is said and the file is read as
  what it is;
- zip-based files (DOCX): the uncompressed size is checked from the zip directory before
  any part is inflated (`check_zip_expansion`; the DOCX loader may call it too).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from index.errors import FileTooLargeError, UnreadableFileError, UnsupportedFormatError

REPORT_EXTENSIONS = (".pdf", ".html", ".htm", ".txt", ".md", ".docx", ".png", ".jpg", ".jpeg")
# Report.format → the extension a file of that format should carry.
FORMAT_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "markdown": ".md", "text": ".txt",
                 "image": ".png"}
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word（DOCX）", "html": "网页（HTML）", "markdown": "Markdown",
                "text": "纯文本", "image": "图片（PNG/JPEG，扫描件识别）"}
# A real 300-page report's document.xml is a few MB; images barely compress.
MAX_ZIP_XML_BYTES = 48 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class Intake:
    format: str  # what the bytes are: pdf | docx | html | markdown | text
    suffix: str  # the extension the file should carry for that format
    warnings: tuple[str, ...] = ()


def megabytes(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 104858 else f"{max(size, 1) / 1024:.0f} KB"


def check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise FileTooLargeError(
            f"文件过大：{megabytes(size)}，上限为 {max_bytes // 1048576} MB。请上传报告本身"
            "（不要附带附件合集），或由管理员调高 GOV_ASSISTANT_MAX_UPLOAD_MB。", source=name)
    if size == 0:
        raise UnreadableFileError("文件是空的，没有任何内容。请确认选择了正确的年度报告文件。", source=name)


def check_zip_expansion(path: Path, *, name: str = "", max_xml_bytes: int = MAX_ZIP_XML_BYTES,
                        max_total_bytes: int = MAX_ZIP_TOTAL_BYTES) -> None:
    """Refuse a zip whose parts would inflate past the limits, reading only its directory."""
    name = name or path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFileError("文件已损坏：Word（DOCX）文件的压缩结构无法读取。请重新导出或下载原文件。",
                                  source=name) from exc
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_ZIP_ENTRIES or xml > max_xml_bytes or total > max_total_bytes:
        raise FileTooLargeError(
            f"文件解压后过大（文字部分 {megabytes(xml)}，共 {megabytes(total)}），不像一份年度报告，"
            "可能已损坏或是恶意文件，未收录。请上传报告的 PDF 或网页版。", source=name)


def sniff_format(head: bytes, name: str) -> str:
    """The format the first bytes say (the loaders' own detection), not the extension: a file
    named .docx or .pdf that is neither is judged as text. Zips are told apart by the caller."""
    from index.loaders import detect_format

    suffix = Path(name).suffix.lower()
    if suffix in (".docx", ".pdf") and b"%PDF" not in head[:1024]:
        suffix = ".txt"
    try:
        return detect_format(head, f"file{suffix}")
    except (UnreadableFileError, UnsupportedFormatError) as exc:
        exc.source = exc.source or name
        raise


def _zip_format(path: Path, name: str) -> str:
    check_zip_expansion(path, name=name)
    with zipfile.ZipFile(path) as archive:
        if "word/document.xml" in archive.namelist():
            return "docx"
    raise UnsupportedFormatError("这是一个压缩包或其他 Office 文件（不是 Word 文档），无法读取。请上传 HTML、"
                                 "PDF、DOCX 或文本格式的年度报告。", source=name)


def check_report_file(path: Path, *, max_bytes: int, name: str | None = None) -> Intake:
    """Size, extension, real format and zip expansion of one report file (see module doc)."""
    path = Path(path)
    name = name or path.name
    suffix = path.suffix.lower() if name == path.name else Path(name).suffix.lower()
    if suffix not in REPORT_EXTENSIONS:
        allowed = "、".join(REPORT_EXTENSIONS)
        raise UnsupportedFormatError(f"不支持的文件类型（{suffix or '无扩展名'}）：支持 {allowed}。", source=name)
    try:
        size = path.stat().st_size
        check_size(name, size, max_bytes)
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as exc:
        raise UnreadableFileError(f"无法读取文件：{exc.strerror or exc}。", source=name) from exc
    zipped = head.lstrip().startswith(b"PK\x03\x04") and b"%PDF" not in head[:1024]
    fmt = _zip_format(path, name) if zipped else sniff_format(head, name)
    warnings: tuple[str, ...] = ()
    expected = FORMAT_SUFFIX[fmt]
    if not _suffix_matches(suffix, fmt):
        warnings = (f"文件扩展名是 {suffix}，但内容其实是{FORMAT_NAMES[fmt]}，已按{FORMAT_NAMES[fmt]}读取。",)
    return Intake(format=fmt, suffix=expected if warnings else suffix, warnings=warnings)


def _suffix_matches(suffix: str, fmt: str) -> bool:
    if fmt == "html":
        return suffix in (".html", ".htm", ".txt", ".md")  # saved pages often carry .txt
    if fmt in ("text", "markdown"):
        return suffix in (".txt", ".md")
    if fmt == "image":
        return suffix in (".png", ".jpg", ".jpeg")
    return FORMAT_SUFFIX[fmt] == suffix

