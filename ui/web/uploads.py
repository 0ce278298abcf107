"""Where uploaded report files go, and the rules for their names and sizes.

A name is reduced to a plain file name (no directory, no leading dot, no control or
path characters, a known report extension); anything that tries to leave the directory
(`../x`, `a/b`, `C:\\x`) is refused. Files land in <store>/uploads/<stamp>/<name>.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from ui.web.errors import ApiError

REPORT_EXTENSIONS = (".pdf", ".html", ".htm", ".txt", ".md", ".docx", ".png", ".jpg", ".jpeg")
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w.\-（）()]+")


def safe_file_name(name: str) -> str:
    """The stored name for an uploaded file, or ApiError(400) if the name is unusable."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name or "/" in name or "\\" in name or ".." in name or ":" in name:
        raise ApiError(400, "bad_file_name", f"文件名不合法：{name[:60]!r}（不能包含路径）。")
    cleaned = _UNSAFE.sub("_", name).lstrip(".")[-MAX_NAME_CHARS:]
    if not cleaned.lower().endswith(REPORT_EXTENSIONS):
        allowed = "、".join(REPORT_EXTENSIONS)
        raise ApiError(415, "unsupported_file_type", f"不支持的文件类型：{cleaned}（支持 {allowed}）。")
    return cleaned


def upload_dir(store: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = Path(store).expanduser().resolve() / "uploads" / stamp
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(store: Path, name: str, data: bytes, max_bytes: int) -> Path:
    """Write one uploaded file inside the store's upload directory and return its path."""
    if len(data) > max_bytes:
        raise ApiError(413, "file_too_large",
                       f"文件过大：{name}（{len(data) / 1048576:.1f} MB），最多 {max_bytes // 1048576} MB。")
    if not data:
        raise ApiError(400, "empty_file", f"文件是空的：{name}。")
    directory = upload_dir(store)
    target = (directory / safe_file_name(name)).resolve()
    if not target.is_relative_to(directory):  # belt and braces after safe_file_name
        raise ApiError(400, "bad_file_name", "文件名不合法。")
    target.write_bytes(data)
    return target
