"""Bulk ingest: a folder of thousands of reports.

    summary = library.ingest_many(paths, workers=0, batch=16, progress=callback)

- Resumable: a file whose content hash the library already holds (live or kept) is skipped,
  so running the same command again after an interruption continues where it stopped.
- Parsing runs in worker processes (`workers`, default settings.ingest_workers, 0 = one per
  core); embedding runs in the calling process in batches of `batch` reports (passages every
  report of a template shares are embedded once: index.embed_cache); each batch goes live in
  one database transaction.
- One bad file never stops the rest: its error is listed in the summary. A store fault (disk
  full, read-only, database down) stops the run with that one message; what was published
  before stays.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from index.db import schema as s
from index.errors import AssistantError, StoreError
from index.limits import check_file
from index.models import Report
from index.records import IngestResult

if TYPE_CHECKING:
    from index.library import Library

IN_PROCESS_MAX = 3  # fewer files than this are parsed without worker processes


@dataclass(frozen=True)
class BulkProgress:
    done: int
    total: int
    added: int
    skipped: int
    failed: int
    current: str  # the file just finished
    outcome: str  # "added" | "replaced" | "skipped" | "failed"
    message: str = ""  # the error, or what was replaced


@dataclass(frozen=True)
class BulkSummary:
    total: int
    added: tuple[tuple[Path, IngestResult], ...] = ()
    skipped: tuple[tuple[Path, str], ...] = ()  # already in the library
    failed: tuple[tuple[Path, str], ...] = ()
    seconds: float = 0.0
    stopped: str = ""  # a store fault that stopped the run

    @property
    def replaced(self) -> tuple[tuple[Path, IngestResult], ...]:
        return tuple(a for a in self.added if a[1].replaced)

    @property
    def rate(self) -> float:
        return len(self.added) / self.seconds if self.seconds else 0.0


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _parse(path: str) -> tuple[Report | None, str]:
    """Worker: parse one file; an error becomes its message (never an exception)."""
    from index.parsing import parse_report

    try:
        return parse_report(Path(path)), ""
    except AssistantError as exc:
        return None, exc.message
    except Exception as exc:  # noqa: BLE001 - a parser bug in one file must not stop the rest
        return None, f"无法解析该文件：{type(exc).__name__}: {exc}"


def _known_hashes(lib: Library, hashes: Sequence[str]) -> set[str]:
    known: set[str] = set()
    with lib.db.connect() as conn:
        for i in range(0, len(hashes), 500):
            batch = list(hashes[i:i + 500])
            known.update(h for (h,) in conn.execute(
                select(s.reports.c.content_hash).where(s.reports.c.content_hash.in_(batch),
                                                       s.reports.c.state != s.PENDING)))
    return known


def _parsed(paths: list[Path], workers: int) -> Iterator[tuple[Path, Report | None, str]]:
    if len(paths) < IN_PROCESS_MAX or workers <= 1:
        for path in paths:
            yield (path, *_parse(str(path)))
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process holding torch threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future[tuple[Report | None, str]], Path] = {
            pool.submit(_parse, str(p)): p for p in paths}
        for future in as_completed(futures):
            path = futures[future]
            try:
                yield (path, *future.result())
            except Exception as exc:  # noqa: BLE001 - a worker that died (memory, signal)
                yield path, None, f"解析进程异常退出：{type(exc).__name__}: {exc}"


@dataclass
class _Run:
    total: int
    progress: Callable[[BulkProgress], None] | None
    added: list[tuple[Path, IngestResult]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    def tell(self, path: Path, outcome: str, message: str = "") -> None:
        if self.progress is not None:
            done = len(self.added) + len(self.skipped) + len(self.failed)
            self.progress(BulkProgress(done, self.total, len(self.added), len(self.skipped),
                                       len(self.failed), path.name, outcome, message))


def ingest_many(lib: Library, paths: list[Path], *, workers: int | None = None, batch: int = 16,
                progress: Callable[[BulkProgress], None] | None = None) -> BulkSummary:
    t0 = time.perf_counter()
    run = _Run(total=len(paths), progress=progress)
    todo: list[Path] = []
    hashes: dict[Path, str] = {}
    for path in paths:
        try:
            check_file(path, lib.settings)
            hashes[path] = file_hash(path)
        except (AssistantError, OSError) as exc:
            run.failed.append((path, getattr(exc, "message", str(exc))))
            run.tell(path, "failed", run.failed[-1][1])
    known = _known_hashes(lib, list(hashes.values()))
    for path, h in hashes.items():
        if h in known:
            run.skipped.append((path, "已在资料库中（内容相同），跳过"))
            run.tell(path, "skipped")
        else:
            todo.append(path)
    workers = workers or int(lib.settings.ingest_workers) or os.cpu_count() or 1
    pending: list[tuple[Report, Path]] = []
    stopped = ""
    try:
        for path, report, error in _parsed(todo, min(workers, max(len(todo), 1))):
            if report is None:
                run.failed.append((path, error))
                run.tell(path, "failed", error)
                continue
            pending.append((report, path))
            if len(pending) >= batch:
                _publish(lib, pending, run)
                pending = []
        if pending:
            _publish(lib, pending, run)
    except StoreError as exc:
        stopped = exc.message
    return BulkSummary(total=len(paths), added=tuple(run.added), skipped=tuple(run.skipped),
                       failed=tuple(run.failed), seconds=time.perf_counter() - t0,
                       stopped=stopped)


def _publish(lib: Library, items: list[tuple[Report, Path]], run: _Run) -> None:
    try:
        results = lib._publish(lib.prepare_many([(r, p) for r, p in items]))
    except StoreError:
        raise
    except AssistantError as exc:
        if len(items) == 1:
            run.failed.append((items[0][1], exc.message))
            run.tell(items[0][1], "failed", exc.message)
            return
        for item in items:  # find the one that fails; publish the others
            _publish(lib, [item], run)
        return
    for (_report, path), result in zip(items, results, strict=True):
        run.added.append((path, result))
        run.tell(path, "replaced" if result.replaced else "added", result.replaced or "")
