"""Staff sessions kept on the server, and the per-client throttle of wrong staff tokens.

A session id is random (never derived from the token), lives in memory only, expires after
8 hours or 2 idle hours, and logout ends it: a copied cookie is worthless afterwards. A
restart ends every session (staff log in again).

A client (its address as uvicorn reports it — behind a local reverse proxy, the forwarded
one) that gives MAX_FAILURES wrong tokens within WINDOW is locked out for LOCKOUT seconds,
on the login form and on the staff API alike.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

SESSION_SECONDS = 8 * 3600
IDLE_SECONDS = 2 * 3600
MAX_SESSIONS = 1000
MAX_FAILURES = 5
WINDOW = 10 * 60
LOCKOUT = 5 * 60
MAX_CLIENTS = 10_000


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


@dataclass
class _Session:
    created: float
    seen: float


class SessionStore:
    def __init__(self) -> None:
        self._sessions: dict[str, _Session] = {}
        self._lock = threading.Lock()

    def create(self) -> str:
        session_id = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            while len(self._sessions) >= MAX_SESSIONS:
                self._sessions.pop(next(iter(self._sessions)))
            self._sessions[_digest(session_id)] = _Session(now, now)
        return session_id

    def valid(self, session_id: str | None) -> bool:
        if not session_id:
            return False
        now = time.monotonic()
        with self._lock:
            session = self._sessions.get(_digest(session_id))
            if session is None or not self._alive(session, now):
                self._sessions.pop(_digest(session_id), None)
                return False
            session.seen = now
            return True

    def end(self, session_id: str | None) -> None:
        if session_id:
            with self._lock:
                self._sessions.pop(_digest(session_id), None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._sessions)

    @staticmethod
    def _alive(session: _Session, now: float) -> bool:
        return now - session.created < SESSION_SECONDS and now - session.seen < IDLE_SECONDS

    def _expire(self, now: float) -> None:
        for key in [k for k, s in self._sessions.items() if not self._alive(s, now)]:
            del self._sessions[key]


class LoginThrottle:
    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW,
                 lockout: float = LOCKOUT) -> None:
        self.max_failures, self.window, self.lockout = max_failures, window, lockout
        self._failures: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int:
        """Seconds this client must wait before trying again (0 = may try now)."""
        with self._lock:
            until = self._locked_until.get(client, 0.0)
        left = until - time.monotonic()
        return int(left) + 1 if left > 0 else 0

    def failed(self, client: str) -> int:
        """Record a wrong token; returns the lockout in seconds it started (0 if none)."""
        now = time.monotonic()
        with self._lock:
            if len(self._failures) >= MAX_CLIENTS and client not in self._failures:
                self._prune(now)
            tries = self._failures.setdefault(client, deque())
            tries.append(now)
            while tries and now - tries[0] > self.window:
                tries.popleft()
            if len(tries) >= self.max_failures:
                tries.clear()
                self._locked_until[client] = now + self.lockout
                return int(self.lockout)
        return 0

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)
            self._locked_until.pop(client, None)

    def _prune(self, now: float) -> None:
        for client in [c for c, t in self._failures.items() if not t or now - t[-1] > self.window]:
            del self._failures[client]
        for client in [c for c, until in self._locked_until.items() if until < now]:
            del self._locked_until[client]
