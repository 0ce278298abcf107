"""The catalog of indexed reports and the parsed reports, as JSON files under the store.

    <store>/catalog.json            {"version": 1, "reports": [CatalogEntry…]}
    <store>/reports/<hash>.json     report_to_dict(report), one per content hash

Every write is atomic (temp file in the same folder + os.replace): readers see the old file
or the new one, never a half-written one. The catalog is the switch that makes a report live.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

from index.errors import StoreError
from index.models import Report, report_from_dict, report_to_dict
from index.records import CatalogEntry

CATALOG_VERSION = 1


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def entry_to_dict(entry: CatalogEntry) -> dict[str, Any]:
    return asdict(entry)


def entry_from_dict(d: dict[str, Any]) -> CatalogEntry:
    return CatalogEntry(**{
        **d,
        "agency_aliases": tuple(d.get("agency_aliases", ())),
        "failed_checks": tuple(d.get("failed_checks", ())),
        "warnings": tuple(d.get("warnings", ())),
    })


class CatalogFile:
    def __init__(self, store: Path) -> None:
        self.path = store / "catalog.json"
        self.reports_dir = store / "reports"

    def stamp(self) -> tuple[int, int]:
        """Changes whenever the catalog file is replaced (cheap staleness check)."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_ino)

    def load(self) -> dict[str, CatalogEntry]:
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {e["report_id"]: entry_from_dict(e) for e in data.get("reports", [])}
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"目录文件损坏：{self.path}（{exc}）") from exc

    def save(self, entries: dict[str, CatalogEntry]) -> None:
        ordered = sorted(entries.values(), key=lambda e: (e.agency, e.year))
        data = {"version": CATALOG_VERSION, "reports": [entry_to_dict(e) for e in ordered]}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1))

    def report_path(self, content_hash: str) -> Path:
        return self.reports_dir / f"{content_hash}.json"

    def save_report(self, report: Report) -> None:
        write_atomic(self.report_path(report.content_hash),
                     json.dumps(report_to_dict(report), ensure_ascii=False))

    def load_report(self, content_hash: str) -> Report:
        path = self.report_path(content_hash)
        try:
            return report_from_dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError as exc:
            raise StoreError(f"报告数据缺失：{path}，请重新导入该报告") from exc

    def delete_report(self, content_hash: str) -> None:
        self.report_path(content_hash).unlink(missing_ok=True)


def entry_for(report: Report, chunks: int) -> CatalogEntry:
    return CatalogEntry(
        report_id=report.id,
        agency=report.agency,
        agency_aliases=report.agency_aliases,
        year=report.year,
        template=report.template,
        title=report.title,
        source_name=report.source_name,
        content_hash=report.content_hash,
        chunks=chunks,
        failed_checks=tuple(c.detail for c in report.failed_checks),
        warnings=report.warnings,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
