"""Versioned migrations of the library database, applied in order on open.

Each migration is a function `(connection, context)` registered with `@migration(n, name)`;
the numbers applied are kept in `schema_migrations`. A migration runs in the transaction that
records it: it is applied whole or not at all. Add new ones at the end; never edit an applied one.

    1  create the tables (index.db.schema)
    2  import a store of the JSON format (catalog.json + reports/<hash>.json) in place
    3  facts indexes a ranking is served from: a covering one per cell, and one per report's
       cells (replacing the plain cell and report indexes)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.schema import CreateIndex
from sqlalchemy.exc import SQLAlchemyError

from index.db import schema

Step = Callable[[Connection, "MigrationContext"], None]


@dataclass(frozen=True)
class MigrationContext:
    store: Path  # the store folder (for imports of older on-disk formats)


MIGRATIONS: list[tuple[int, str, Step]] = []
# Migrations that only make queries faster: a read-only store opened without them is served
# from its file as it is (slower), not upgraded in memory (a copy of the whole database).
SPEED_ONLY = {3}


def migration(version: int, name: str) -> Callable[[Step], Step]:
    def register(step: Step) -> Step:
        MIGRATIONS.append((version, name, step))
        MIGRATIONS.sort(key=lambda m: m[0])
        return step
    return register


@migration(1, "create tables")
def _create_tables(conn: Connection, context: MigrationContext) -> None:
    schema.metadata.create_all(conn)


@migration(2, "import JSON catalog and reports")
def _import_json_store(conn: Connection, context: MigrationContext) -> None:
    from index.db.legacy import import_json_store

    import_json_store(conn, context.store)


@migration(3, "covering facts indexes for rankings")
def _facts_indexes(conn: Connection, context: MigrationContext) -> None:
    # A store created by migration 1 of this code has them already; an older one gets them
    # here, once (a few seconds per million facts).
    for name in schema.FORMER_FACTS_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    for index in schema.FACTS_INDEXES:
        conn.execute(CreateIndex(index, if_not_exists=True))


def applied(engine: Engine) -> set[int]:
    if not inspect(engine).has_table("schema_migrations"):
        return set()
    with engine.connect() as conn:
        return {r[0] for r in conn.execute(select(schema.schema_migrations.c.version))}


def pending(engine: Engine, *, required_only: bool = False) -> list[tuple[int, str, Step]]:
    """Migrations not applied yet; `required_only`: those the code cannot do without."""
    done = applied(engine)
    return [m for m in MIGRATIONS if m[0] not in done
            and not (required_only and m[0] in SPEED_ONLY)]


def migrate(engine: Engine, context: MigrationContext) -> list[int]:
    """Apply every pending migration; returns the versions applied."""
    ran = []
    for version, name, step in pending(engine):
        try:
            with engine.begin() as conn:
                schema.schema_migrations.create(conn, checkfirst=True)
                step(conn, context)
                conn.execute(schema.schema_migrations.insert().values(
                    version=version, name=name,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
        except SQLAlchemyError:
            # two processes opening a new library at once: the other one applied it
            if version in applied(engine):
                continue
            raise
        ran.append(version)
    return ran
