"""Limits every way into the library shares: CLI ingest, staff upload, bulk ingest.

    check_file(path, settings)        size and format of a report file, before parsing
    check_size(size, name, settings)  the same size rule for bytes not yet on disk (uploads)
    check_zip(data, max_bytes)        a zip-based file (DOCX) whose contents would unpack
                                      beyond `max_bytes` is refused before anything reads it

Each raises an `InputError` whose message says the limit and what to do.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from index.errors import InputError, UnreadableFileError, UnsupportedFormatError
from index.settings import Settings

# File name suffixes a report may come in (the loaders sniff the bytes; this is the first gate).
REPORT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm", ".shtml",
                                    ".pdf", ".docx", ".doc", ".wps")
# Zip members a DOCX may hold at most (a real one has a few dozen).
MAX_ZIP_MEMBERS = 2000


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def max_file_bytes(settings: Settings) -> int:
    return int(settings.max_upload_mb) * 1024 * 1024


def check_size(size: int, name: str, settings: Settings) -> None:
    """A report file of `size` bytes is accepted (same rule for upload and CLI)."""
    limit = max_file_bytes(settings)
    if size > limit:
        raise InputError(
            f"文件太大：{_mb(size)}，上限 {settings.max_upload_mb} MB（设置 GOV_ASSISTANT_MAX_UPLOAD_MB）。"
            "年度报告通常只有几 MB；请确认选择了正确的文件。 (file too large)", source=name)
    if size == 0:
        raise UnreadableFileError("文件是空的，没有任何内容。 (empty file)", source=name)


def check_suffix(name: str) -> None:
    suffix = Path(name).suffix.lower()
    if suffix and suffix not in REPORT_SUFFIXES:
        raise UnsupportedFormatError(
            f"不支持的文件类型（{suffix}）。请上传 HTML、PDF、DOCX、TXT 或 Markdown 格式的年度报告。"
            " (unsupported format)", source=name)


def check_file(path: Path, settings: Settings) -> None:
    """Size and format gate of a report file before it is read or parsed."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFileError(f"无法读取文件：{exc.strerror or exc}。请检查路径和权限。",
                                  source=path.name) from exc
    check_suffix(path.name)
    check_size(size, path.name, settings)


def max_unzipped_bytes(settings: Settings | None = None) -> int:
    return int((settings or Settings.load()).max_unzipped_mb) * 1024 * 1024


def check_zip(data: bytes, max_bytes: int | None = None, *, name: str = "") -> None:
    """Refuse a zip (DOCX) whose members would unpack beyond `max_bytes` — read from the zip's
    directory, before any member is decompressed."""
    if not data.startswith(b"PK"):
        return
    max_bytes = max_unzipped_bytes() if max_bytes is None else max_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # the loader reports a damaged file in its own words
    total = sum(max(m.file_size, 0) for m in members)
    if len(members) > MAX_ZIP_MEMBERS or total > max_bytes:
        raise UnreadableFileError(
            f"文件解压后过大（{_mb(total)}，{len(members)} 个部件；上限 {_mb(max_bytes)}）。"
            "这不像一份正常的年度报告，请检查文件或另存为 PDF 后上传。 (zip too large when unpacked)",
            source=name or None)
