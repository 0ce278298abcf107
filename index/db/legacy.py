"""Import a store of the JSON format (before the database) in place, losing nothing.

    <store>/catalog.json          {"version": 1, "reports": [CatalogEntry…]}  (may be damaged)
    <store>/reports/<hash>.json   one parsed report per content hash

Every report file becomes a version: the catalog's live ones stay live, the others are kept
as replaced versions (restorable). A catalog entry whose report file is missing is kept and
flagged damaged (re-ingest it); a damaged catalog (`[]`, `null`, bad JSON) is rebuilt from the
report files, the newest file of each report id being the live one. The old files are left
where they are (nothing is deleted).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from index.db import reports as db_reports
from index.db import schema as s
from index.models import Report, report_from_dict

log = logging.getLogger(__name__)
MISSING = "报告数据文件缺失，无法读取该报告的数字和正文；请重新导入该报告的原文件。"


def _catalog_entries(path: Path) -> list[dict[str, Any]] | None:
    """The catalog's entries, or None when the catalog is absent or unusable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("catalog %s unreadable (%s); rebuilding it from the report files", path, exc)
        return None
    entries = data.get("reports") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        log.warning("catalog %s has no report list; rebuilding it from the report files", path)
        return None
    return entries


def _report_files(folder: Path) -> dict[str, tuple[Report | None, float]]:
    found: dict[str, tuple[Report | None, float]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        try:
            report = report_from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("report file %s unreadable (%s)", path, exc)
            found[path.stem] = (None, path.stat().st_mtime)
            continue
        found[report.content_hash] = (report, path.stat().st_mtime)
    return found


def import_json_store(conn: Connection, store: Path) -> None:
    catalog = _catalog_entries(store / "catalog.json")
    files = _report_files(store / "reports")
    if catalog is None and not files:
        return
    live: dict[str, dict[str, Any]] = {}  # content hash → catalog entry
    if catalog is not None:
        live = {e["content_hash"]: e for e in catalog if e.get("content_hash")}
    else:  # rebuild: the newest readable file of each report id is live
        newest: dict[str, tuple[float, Report]] = {}
        for report, mtime in files.values():
            if report is not None and (report.id not in newest or mtime > newest[report.id][0]):
                newest[report.id] = (mtime, report)
        live = {r.content_hash: {"content_hash": r.content_hash} for _, r in newest.values()}
    for content_hash, (report, _mtime) in files.items():
        if report is None:
            continue
        entry = live.get(content_hash)
        chunks = int(entry.get("chunks", 0)) if entry else 0
        db_reports.put_version(conn, report, chunks=chunks,
                               state=s.ACTIVE if entry else s.REPLACED,
                               ingested_at=(entry or {}).get("ingested_at"))
        conn.execute(s.reports.update().where(s.reports.c.content_hash == content_hash)
                     .values(vectors=entry is not None))
    for content_hash, entry in live.items():
        if content_hash in files and files[content_hash][0] is not None:
            continue
        _damaged_entry(conn, entry)
    db_reports.bump_catalog_version(conn)


def _damaged_entry(conn: Connection, e: dict[str, Any]) -> None:
    """A live catalog entry without a readable report file: kept, flagged."""
    try:
        conn.execute(s.reports.insert().values(
            content_hash=e["content_hash"], report_id=e["report_id"], agency=e["agency"],
            aliases=json.dumps(list(e.get("agency_aliases", ())), ensure_ascii=False),
            year=int(e["year"]), template=e.get("template", "free-form"),
            title=e.get("title", ""), source_name=e.get("source_name", ""), format="",
            chunks=int(e.get("chunks", 0)),
            failed_checks=json.dumps(list(e.get("failed_checks", ())), ensure_ascii=False),
            warnings=json.dumps(list(e.get("warnings", ())), ensure_ascii=False),
            ingested_at=e.get("ingested_at", db_reports.now()), state=s.ACTIVE, vectors=True,
            damaged=MISSING))
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("catalog entry unusable (%s): %r", exc, e)
