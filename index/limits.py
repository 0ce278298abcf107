"""Limits every way into the library shares: CLI ingest, staff upload, bulk ingest — the
rules of index.intake, sized by the settings.

    check_file(path, settings)        size and format of a report file, before parsing
    check_size(size, name, settings)  the same size rule for bytes not yet on disk (uploads)
    check_zip(data, max_bytes)        the loaders' entry: a zip-based file (DOCX) whose parts
                                      would unpack beyond `max_bytes` (max_unzipped_mb) is
                                      refused before anything inflates it

Each raises an `InputError` whose message says the limit and what to do.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from index import intake
from index.errors import UnreadableFileError
from index.intake import REPORT_EXTENSIONS
from index.settings import Settings

REPORT_SUFFIXES = REPORT_EXTENSIONS
# Zip members a DOCX may hold at most (a real one has a few dozen).
MAX_ZIP_MEMBERS = 2000


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def max_file_bytes(settings: Settings) -> int:
    return int(settings.max_upload_mb) * 1024 * 1024


def check_size(size: int, name: str, settings: Settings) -> None:
    """A report file of `size` bytes is accepted (same rule for upload and CLI)."""
    intake.check_size(name, size, max_file_bytes(settings))


def check_file(path: Path, settings: Settings) -> None:
    """Size, extension, real format and zip expansion of a report file before it is parsed
    (index.intake, the rules uploads use)."""
    intake.check_report_file(path, max_bytes=max_file_bytes(settings))


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
