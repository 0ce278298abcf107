"""The original files of ingested reports, kept so that a citation can open the source.

    <store>/sources/<content hash><suffix>    the bytes that were parsed, one per content hash

The suffix follows the format the loader detected from the bytes (not the uploaded name):
a PDF named `.txt` is kept as `.pdf`. Writes are atomic (temp file in the same folder +
os.replace), and the copy is checked against the content hash, so the file kept is exactly
the one that was parsed. The library writes a source before the catalog switch and deletes
it with the report version it belongs to (remove, replacement, recovery of a failed ingest).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from index.errors import StoreError

# Report.format → the suffix the kept file gets.
FORMAT_SUFFIXES: dict[str, str] = {
    "pdf": ".pdf", "docx": ".docx", "html": ".html", "markdown": ".md", "text": ".txt",
}
_HEX = frozenset("0123456789abcdef")


class SourceFiles:
    def __init__(self, store: Path) -> None:
        self.dir = store / "sources"

    def _check(self, content_hash: str) -> str:
        if not content_hash or not set(content_hash) <= _HEX:  # never a path or a glob
            raise StoreError(f"无效的内容哈希：{content_hash!r}")
        return content_hash

    def save(self, content_hash: str, fmt: str, path: Path) -> Path:
        """Copy `path` to sources/<hash><suffix> atomically; its bytes must hash to `content_hash`."""
        target = self.dir / f"{self._check(content_hash)}{FORMAT_SUFFIXES.get(fmt, '.bin')}"
        self.dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=self.dir)
        try:
            digest = hashlib.sha256()
            with open(path, "rb") as src, os.fdopen(fd, "wb") as dst:
                for block in iter(lambda: src.read(1 << 20), b""):
                    digest.update(block)
                    dst.write(block)
                dst.flush()
                os.fsync(dst.fileno())
            if digest.hexdigest() != content_hash:
                raise StoreError("文件在导入过程中被修改，请重新上传。", source=path.name)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for other in self._files(content_hash):  # same bytes kept earlier under another format
            if other != target:
                other.unlink(missing_ok=True)
        return target

    def find(self, content_hash: str) -> Path | None:
        files = self._files(content_hash)
        return files[0] if files else None

    def delete(self, content_hash: str) -> None:
        for path in self._files(content_hash):
            path.unlink(missing_ok=True)

    def _files(self, content_hash: str) -> list[Path]:
        """The kept files of a hash (a few stats, no directory listing: answers call this)."""
        name = self._check(content_hash)
        candidates = (self.dir / f"{name}{suffix}" for suffix in (*FORMAT_SUFFIXES.values(), ".bin"))
        return [p for p in candidates if p.is_file()]

