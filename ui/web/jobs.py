"""Slow work off the event loop: one bounded queue, one worker thread, pollable jobs.

    jobs = JobQueue(max_waiting=20)
    job = jobs.submit("ingest", "2023-报告.pdf", work)   # work(progress) -> dict (the result)
    jobs.get(job.id).to_json()                            # state, progress, result or error

Ingest, re-index and OCR run here, one at a time (the library has one writer anyway), so
several staff uploads at once wait their turn instead of holding a lock on the event loop;
public routes never wait on a job. `progress(done, total, message)` is handed to the work.
A job's error is the one JSON error shape's {code, message}: an `AssistantError`'s own
message, a store fault said plainly (ui.faults), anything else a generic message (logged).
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from index.errors import AssistantError
from ui.faults import fault_of
from ui.web.errors import ApiError, snake_code

log = logging.getLogger(__name__)

State = Literal["queued", "running", "done", "failed"]
Progress = Callable[[int, int, str], None]
Work = Callable[[Progress], dict[str, Any]]
KEEP_FINISHED = 200


@dataclass(frozen=True)
class Job:
    id: str
    kind: str  # ingest | reingest | restore
    name: str  # what people see: the file name or the report id
    state: State = "queued"
    done: int = 0
    total: int = 0
    message: str = "排队等待中"
    result: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    created_at: float = 0.0
    started_at: float | None = None
    finished_at: float | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "url": f"/api/staff/jobs/{self.id}"}


class QueueFull(ApiError):
    def __init__(self, waiting: int) -> None:
        super().__init__(503, "job_queue_full",
                         f"收录队列已满（{waiting} 个文件在排队），请等前面的文件处理完再上传。",
                         retry_after=30)


class JobQueue:
    def __init__(self, max_waiting: int = 20) -> None:
        self.max_waiting = max_waiting
        self._jobs: dict[str, Job] = {}
        self._work: dict[str, Work] = {}
        self._after: dict[str, Callable[[], None]] = {}
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    # -- submitting and reading ----------------------------------------------------------

    def submit(self, kind: str, name: str, work: Work, *,
               cleanup: Callable[[], None] | None = None) -> Job:
        """Queue `work`; `cleanup` runs after it whatever happens (also when refused here)."""
        with self._lock:
            waiting = sum(1 for j in self._jobs.values() if j.state == "queued")
            if waiting >= self.max_waiting:
                if cleanup:
                    cleanup()
                raise QueueFull(waiting)
            job = Job(id=secrets.token_hex(8), kind=kind, name=name, created_at=time.time())
            self._jobs[job.id] = job
            self._work[job.id] = work
            if cleanup:
                self._after[job.id] = cleanup
            self._forget_old()
            self._start_worker()
        self._queue.put(job.id)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def list(self) -> list[Job]:
        """Newest first."""
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.created_at, reverse=True)

    def pending(self) -> int:
        with self._lock:
            return sum(1 for j in self._jobs.values() if not j.finished)

    def counts(self) -> dict[str, int]:
        with self._lock:
            states = [j.state for j in self._jobs.values()]
        return {s: states.count(s) for s in ("queued", "running", "done", "failed")}

    def close(self) -> None:
        self._queue.put(None)

    # -- the worker ----------------------------------------------------------------------

    def _start_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="gov-assistant-jobs", daemon=True)
            self._worker.start()

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _run(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None:
                return
            self._run_one(job_id)

    def _run_one(self, job_id: str) -> None:
        work = self._work.pop(job_id)
        self._update(job_id, state="running", started_at=time.time(), message="正在处理")

        def progress(done: int, total: int, message: str = "") -> None:
            self._update(job_id, done=int(done), total=int(total), message=message or "正在处理")

        try:
            result = work(progress)
        except Exception as exc:  # noqa: BLE001 - a job's failure is its result, never the worker's end
            self._update(job_id, state="failed", finished_at=time.time(), error=job_error(exc),
                         message="失败")
        else:
            self._update(job_id, state="done", finished_at=time.time(), result=result, message="完成")
        finally:
            after = self._after.pop(job_id, None)
            if after:
                try:
                    after()
                except OSError:
                    log.warning("cleanup after job %s failed", job_id, exc_info=True)

    def _forget_old(self) -> None:
        finished = sorted((j for j in self._jobs.values() if j.finished), key=lambda j: j.created_at)
        for job in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self._jobs[job.id]


def job_error(exc: BaseException) -> dict[str, str]:
    """{code, message} of a failed job, safe to show."""
    if isinstance(exc, ApiError):
        return {"code": exc.code, "message": exc.message}
    if isinstance(exc, AssistantError):
        return {"code": snake_code(type(exc).__name__), "message": str(exc)}
    fault = fault_of(exc)
    if fault is not None:
        return {"code": fault.code, "message": fault.message}
    log.error("job failed", exc_info=exc)
    return {"code": "internal_error", "message": "处理时出现内部错误（已记录日志），文件未收录，资料库未改变。"}
