"""The library database: SQLAlchemy Core over an SQLite file in the store by default, or
PostgreSQL (or any SQLAlchemy URL) when `database_url` is set — one code path.

    db = Database.open(settings, read_only=False)   # migrations applied on open
    with db.begin() as conn: ...                     # one transaction
    with db.connect() as conn: ...                   # reads

Faults the operator can fix (read-only or full disk, damaged file, server down) become one
`StoreError` with what to do (`store_errors`).
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from index.db.migrations import MigrationContext, migrate, pending
from index.errors import StoreError
from index.settings import Settings

log = logging.getLogger(__name__)
SQLITE_NAME = "library.sqlite"

DISK_FULL = "磁盘空间已满，写入失败；已收录的报告不受影响。请清理磁盘空间后重试。 (disk full)"
READ_ONLY = ("资料库目录是只读的，只能查询，不能导入或删除报告。如需导入，请让运行程序的用户对 {where} "
             "有写权限。 (read-only store)")
DAMAGED = ("资料库数据库文件已损坏（{detail}）。请从备份恢复 {where}，或删除它后用原文件重新导入。"
           " (damaged database)")
UNREACHABLE = "无法连接数据库 {where}（{detail}）。请检查数据库服务是否已启动、地址和权限是否正确。"


def message_for(exc: BaseException, where: str) -> str | None:
    """The operator's message for a storage fault, or None when it is not one we know."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "disk is full" in text \
            or "no space left" in text or "could not extend file" in text:
        return DISK_FULL
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) \
            or "readonly database" in text or "read-only" in text:
        return READ_ONLY.format(where=where)
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return DAMAGED.format(where=where, detail=str(exc).splitlines()[0][:120])
    if isinstance(exc, OperationalError | DBAPIError) and ("connect" in text or "refused" in text):
        return UNREACHABLE.format(where=where, detail=str(exc).splitlines()[0][:160])
    return None


@contextmanager
def store_errors(where: str) -> Iterator[None]:
    """Storage faults the operator can act on → StoreError with what to do."""
    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        message = message_for(exc, where)
        if message is None:
            raise
        raise StoreError(message) from exc


def _sqlite_url(path: Path, read_only: bool, immutable: bool = False) -> str:
    if read_only:
        flag = "&immutable=1" if immutable else ""
        return f"sqlite:///file:{path}?mode=ro{flag}&uri=true"
    return f"sqlite:///{path}"


def _read_only_engine(path: Path) -> Engine:
    """Read-only SQLite: with its write-ahead log when it can be read (the last writes may
    live there), else as an immutable file."""
    for immutable in (False, True):
        engine = create_engine(_sqlite_url(path, True, immutable))
        event.listen(engine, "connect", _on_sqlite_connect(True))
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            return engine
        except SQLAlchemyError:
            engine.dispose()
    raise StoreError(DAMAGED.format(where=path, detail="cannot be opened read-only"))


def _on_sqlite_connect(read_only: bool) -> Any:
    def setup(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA cache_size=-32000")
        cursor.close()
    return setup


class Database:
    def __init__(self, engine: Engine, where: str, read_only: bool) -> None:
        self.engine = engine
        self.where = where
        self.read_only = read_only
        self.is_sqlite = engine.dialect.name == "sqlite"

    @classmethod
    def open(cls, settings: Settings, *, read_only: bool = False) -> Database:
        store = settings.store_path
        context = MigrationContext(store=store)
        url = settings.database_url
        where = url.split("@")[-1] if url else str(store / SQLITE_NAME)
        with store_errors(where):
            if url:
                engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
                db = cls(engine, where, read_only)
                if not read_only:
                    migrate(engine, context)
                return db
            return cls._open_sqlite(store / SQLITE_NAME, context, read_only)

    @classmethod
    def _open_sqlite(cls, path: Path, context: MigrationContext, read_only: bool) -> Database:
        if not read_only:
            engine = create_engine(_sqlite_url(path, False), connect_args={"timeout": 60})
            event.listen(engine, "connect", _on_sqlite_connect(False))
            migrate(engine, context)
            return cls(engine, str(path), False)
        if path.is_file():
            engine = _read_only_engine(path)
            if not pending(engine, required_only=True):
                return cls(engine, str(path), True)
            engine.dispose()
        # A read-only store of an older format (or without a database yet): upgraded in memory,
        # for this process only; nothing on disk changes.
        engine = create_engine("sqlite://", poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
        if path.is_file():
            with engine.connect() as conn:
                source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                source.backup(conn.connection.dbapi_connection)  # type: ignore[arg-type]
                source.close()
        migrate(engine, context)
        return cls(engine, str(path), True)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        if self.read_only:
            raise StoreError(READ_ONLY.format(where=self.where))
        with store_errors(self.where), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with store_errors(self.where), self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()
