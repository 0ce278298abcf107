"""👍/👎 feedback with an optional comment, appended as JSON lines under the store."""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

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


class FeedbackLog:
    """Append-only JSONL file: <store>/feedback/feedback.jsonl."""

    def __init__(self, store: Path) -> None:
        self.path = Path(store) / "feedback" / "feedback.jsonl"

    def add(self, item: Feedback) -> None:
        record = asdict(item)
        record["comment"] = record["comment"][:MAX_COMMENT_CHARS]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(record, ensure_ascii=False)
        with _lock, self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    def read(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest `limit` records, newest first; unreadable lines are skipped."""
        if not self.path.exists():
            return []
        records = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return list(reversed(records))[:limit]
