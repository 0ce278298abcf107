"""What every page and route shares: the assistant, the settings, the feedback log, the job
queue that runs ingests off the event loop."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from index.settings import Settings
from ui.web.feedback import FeedbackLog
from ui.web.jobs import JobQueue
from ui.web.service import AssistantLike
from ui.web.sessions import LoginThrottle, SessionStore


@dataclass
class WebContext:
    assistant: AssistantLike
    settings: Settings
    feedback: FeedbackLog = field(init=False)
    jobs: JobQueue = field(default_factory=JobQueue)
    sessions: SessionStore = field(default_factory=SessionStore)
    login_throttle: LoginThrottle = field(default_factory=LoginThrottle)

    def __post_init__(self) -> None:
        self.feedback = FeedbackLog(self.settings.store_path)

    @property
    def staff_enabled(self) -> bool:
        return bool(self.settings.staff_token)

    def staff_ok(self, token: str | None) -> bool:
        """Constant-time check of a staff token; always False when the staff area is off."""
        if not self.staff_enabled or not token:
            return False
        return secrets.compare_digest(token.encode("utf-8"), self.settings.staff_token.encode("utf-8"))

    @property
    def max_upload_bytes(self) -> int:
        return int(self.settings.max_upload_mb) * 1024 * 1024
