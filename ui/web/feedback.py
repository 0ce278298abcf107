"""👍/👎 feedback with an optional comment, appended as JSON lines under the store.

One answer rated in one browser tab is one piece of feedback: every record carries a `key`
(tab, answer); a later rating or comment on the same answer is appended and supersedes the
earlier one when read (the latest rating, the latest non-empty comment), and withdrawing a
rating hides it. Times are stored in UTC and shown in the configured time zone.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Rating = Literal["up", "down"]
MAX_COMMENT_CHARS = 2000
_lock = threading.Lock()


@dataclass(frozen=True)
class Feedback:
    rating: Rating
    question: str
    answer: str
    comment: str = ""
    agency: str | None = None
    year: int | None = None
    page: str = "chat"  # chat | widget
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    key: str = ""  # browser tab + answer: records with one key are one piece of feedback


def zone(name: str) -> Any:
    """The time zone `name` (IANA, e.g. Asia/Shanghai); UTC+8 when the system lacks it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        from datetime import timedelta, timezone

        return timezone(timedelta(hours=8), "UTC+8")


def local_time(stamp: str, tz_name: str) -> str:
    """「2026-03-01 20:05」 in the zone `tz_name`; the stamp as it is when unreadable."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(tz_name)).strftime("%Y-%m-%d %H:%M")


def _merged(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per key (unkeyed records stay as they are), in order of last change."""
    latest: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for i, record in enumerate(records):
        key = record.get("key") or f"#{i}"
        previous = latest.get(key)
        if record.get("withdrawn"):
            latest.pop(key, None)
            continue
        if previous and not record.get("comment"):
            record = {**record, "comment": previous.get("comment", "")}
        latest[key] = record
        order = [k for k in order if k != key] + [key]
    return [latest[k] for k in order if k in latest]


class FeedbackLog:
    """Append-only JSONL file: <store>/feedback/feedback.jsonl."""

    def __init__(self, store: Path) -> None:
        self.path = Path(store) / "feedback" / "feedback.jsonl"

    def _append(self, record: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(record, ensure_ascii=False)
        with _lock, self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    def add(self, item: Feedback) -> None:
        record = asdict(item)
        record["comment"] = record["comment"][:MAX_COMMENT_CHARS]
        self._append(record)

    def withdraw(self, key: str) -> None:
        """The reader took their rating back (un-clicked 👍/👎)."""
        if key:
            self._append({"key": key, "withdrawn": True,
                          "at": datetime.now(UTC).isoformat(timespec="seconds")})

    def read(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest `limit` pieces of feedback, newest first; unreadable lines are skipped."""
        if not self.path.exists():
            return []
        records = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                records.append(record)
        return list(reversed(_merged(records)))[:limit]
