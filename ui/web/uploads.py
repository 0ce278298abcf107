"""Where uploaded report files wait for their ingest job, and the rules for their names.

A name is reduced to a plain file name (no directory, no leading dot, no control or path
characters, a known report extension, at most MAX_NAME_BYTES of UTF-8 — file systems count
bytes, and a 300-character Chinese name is 900); anything that tries to leave the directory
(`../x`, `a/b`, `C:\\x`) is refused. The file then passes the checks CLI ingest uses too
(index.intake: size, real format, zip expansion).

Files wait in <store>/uploads/<stamp>/<name> only until their job ends: the library keeps
its own copy of what it ingested (sources/), so the upload is deleted after the job whatever
its outcome — a refused file is not kept, an accepted one is not stored twice. Leftovers of
a crash are swept when the app starts (`sweep_uploads`).
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from index.errors import AssistantError
from index.intake import REPORT_EXTENSIONS, Intake, check_report_file, check_size
from ui.web.errors import ApiError, snake_code

MAX_NAME_BYTES = 180  # well under NAME_MAX (255 bytes) once a stamp or suffix is added
STALE_SECONDS = 3600
_UNSAFE = re.compile(r"[^\w.\-（）()]+")

__all__ = ["REPORT_EXTENSIONS", "Upload", "safe_file_name", "store_upload", "sweep_uploads"]


@dataclass(frozen=True)
class Upload:
    path: Path  # the file to ingest (its extension follows the real format)
    name: str  # the name as uploaded, for messages
    intake: Intake

    def discard(self) -> None:
        """Delete the waiting file and its stamp folder."""
        shutil.rmtree(self.path.parent, ignore_errors=True)


def _cut_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")[:limit]
    return encoded.decode("utf-8", errors="ignore")


def safe_file_name(name: str) -> str:
    """The stored name for an uploaded file, or ApiError(400/415) if the name is unusable."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name or "/" in name or "\\" in name or ".." in name or ":" in name or "\x00" in name:
        raise ApiError(400, "bad_file_name", f"文件名不合法：{name[:60]!r}（不能包含路径）。")
    cleaned = _UNSAFE.sub("_", name).lstrip(".")
    stem, dot, ext = cleaned.rpartition(".")
    if not dot or f".{ext.lower()}" not in REPORT_EXTENSIONS:
        allowed = "、".join(REPORT_EXTENSIONS)
        raise ApiError(415, "unsupported_file_type",
                       f"不支持的文件类型：{_cut_bytes(cleaned, 120)}（支持 {allowed}）。")
    ext = ext.lower()
    stem = _cut_bytes(stem, MAX_NAME_BYTES - len(ext) - 1).rstrip("._") or "report"
    return f"{stem}.{ext}"


def upload_dir(store: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(3)
    path = Path(store).expanduser().resolve() / "uploads" / stamp
    path.mkdir(parents=True, exist_ok=False)
    return path


def _as_api_error(exc: AssistantError) -> ApiError:
    return ApiError(exc.status, snake_code(type(exc).__name__), str(exc))


def store_upload(store: Path, name: str, source: BinaryIO | Path, size: int | None,
                 max_bytes: int) -> Upload:
    """Check and keep one uploaded file until its job; ApiError when it is refused (nothing kept).

    `source` is an open binary file (the HTTP upload) or a path (the staff page's upload,
    moved rather than copied); `size` is its length when known."""
    safe = safe_file_name(name)
    shown = name or safe
    try:
        if size is not None:
            check_size(shown, size, max_bytes)
    except AssistantError as exc:
        raise _as_api_error(exc) from exc
    directory = upload_dir(store)
    target = (directory / safe).resolve()
    try:
        if not target.is_relative_to(directory):  # belt and braces after safe_file_name
            raise ApiError(400, "bad_file_name", "文件名不合法。")
        if isinstance(source, Path):
            shutil.move(source, target)
        else:
            _copy_bounded(source, target, max_bytes, shown)
        intake = check_report_file(target, max_bytes=max_bytes, name=shown)
        if intake.suffix != target.suffix.lower():
            target = target.rename(target.with_suffix(intake.suffix))
        return Upload(path=target, name=shown, intake=intake)
    except AssistantError as exc:
        shutil.rmtree(directory, ignore_errors=True)
        raise _as_api_error(exc) from exc
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise


def _copy_bounded(source: BinaryIO, target: Path, max_bytes: int, name: str) -> None:
    written = 0
    with open(target, "wb") as out:
        for block in iter(lambda: source.read(1 << 20), b""):
            written += len(block)
            if written > max_bytes:
                # the real size, for the message: count the rest without keeping it
                rest = sum(len(b) for b in iter(lambda: source.read(1 << 20), b""))
                check_size(name, written + rest, max_bytes)
            out.write(block)


def sweep_uploads(store: Path, older_than: float = STALE_SECONDS) -> int:
    """Remove upload folders left by a crash (older than `older_than` s); returns how many."""
    root = Path(store).expanduser() / "uploads"
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than
    removed = 0
    for folder in root.iterdir():
        try:
            if folder.stat().st_mtime < cutoff:
                if folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
                else:
                    folder.unlink(missing_ok=True)
                removed += 1
        except OSError:
            continue
    return removed
