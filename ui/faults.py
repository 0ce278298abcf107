"""Store faults said plainly, at the edges (CLI, HTTP, jobs): a full disk, a read-only or
unwritable data directory, a damaged database file. The library raises `StoreError` for the
faults it knows; this is the net under it for the raw ones (OSError, sqlite3, chromadb's
database errors) that get through, so that no operator sees a traceback for an expected fault.

    fault = fault_of(exc)      # Fault(status, code, message) or None (not a store fault)
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass

from index.errors import StoreError


@dataclass(frozen=True)
class Fault:
    status: int
    code: str
    message: str


DISK_FULL = Fault(507, "store_full", "数据目录所在的磁盘已满：本次操作没有完成，已收录的报告不受影响。"
                  "请清理磁盘空间（或把 GOV_ASSISTANT_STORE 指向更大的磁盘）后重试。")
READ_ONLY = Fault(503, "store_read_only", "数据目录是只读的，本次操作需要写入，没有完成（收录、替换、删除报告"
                  "都要写入数据目录）。请检查 GOV_ASSISTANT_STORE 所在磁盘的挂载方式和目录权限。")
DAMAGED = Fault(503, "store_damaged", "数据文件已损坏，无法读取。其余报告照常服务；请在工作人员区"
                "查看受损的报告并重新收录，或从备份恢复数据目录。")
DISK_ERROR = Fault(503, "store_io_error", "数据目录读写出错（磁盘可能已满或出错）：本次操作没有完成，已收录的报告"
                   "不受影响。请检查磁盘空间和磁盘状态后重试。")
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


def fault_of(exc: BaseException) -> Fault | None:
    """The store fault `exc` (or an exception it was raised from) stands for, if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        fault = _direct(current)
        if fault is not None:
            return fault
        current = current.__cause__ or current.__context__
    return None


def _direct(exc: BaseException) -> Fault | None:
    if isinstance(exc, StoreError):
        return Fault(503, "store_error", str(exc))
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return DISK_FULL
        if exc.errno in _READ_ONLY_ERRNOS:
            return READ_ONLY
        if exc.errno == errno.EIO:
            return DISK_ERROR
        return None
    if isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("chromadb"):
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return READ_ONLY
        if "disk is full" in text or "database or disk is full" in text:
            return DISK_FULL
        if "disk i/o error" in text:
            return DISK_ERROR
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return DAMAGED
    return None
