"""Rankings and sums across the library (index.queries.aggregate) against the reports'
own figures — ties, order, uncertain and retired versions — on SQLite and PostgreSQL; the
indexes they are read from, and an older store gaining those indexes (migration 3)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, inspect, text

from index.db import Database, SQLITE_NAME
from index.db import reports as db_reports
from index.db import schema as s
from index.db.migrations import MIGRATIONS, pending
from index.models import Report
from index.queries import Cell, aggregate
from index.settings import Settings
from tests.conftest import expected_reports
from tests.expected_reports import build_report

DENIED = [("三", f"denied.{k}", "total") for k in (
    "state_secret", "prohibited_by_law", "three_security_one_stability", "third_party_rights",
    "internal_affairs", "process_info", "law_enforcement_file", "inquiry_matter")]
LITIGATION = [("四", "litigation_direct", "total"), ("四", "litigation_after_reconsideration", "total")]
ORGS = [("三", "new_received", c) for c in ("commercial", "research", "social_welfare",
                                             "legal_service", "other_org")]
MIXED = [("三", "new_received", "total"), ("四", "reconsideration", "total")]  # no full product
CELL_SETS = {"one": [("三", "new_received", "total")], "denied": DENIED,
             "litigation": LITIGATION, "orgs": ORGS, "mixed": MIXED}


def _reports() -> tuple[list[Report], list[Report]]:
    """(live, retired): every corpus report filed for 2023 under a made-up agency of 安平市,
    two exact copies of one (ties), one copy with an uncertain figure; and a replaced version."""
    live = [build_report(d, agency=f"安平市第{i}区{d['agency']}", year=2023, salt=str(i))
            for i, d in enumerate(expected_reports())]
    first = expected_reports()[0]
    live += [build_report(first, agency=f"宁川县{name}", year=2023, salt=name)
             for name in ("财政局", "审计局")]
    doubtful = build_report(first, agency="宁川县统计局", year=2023, salt="doubt")
    live.append(replace(doubtful, facts=tuple(
        replace(f, uncertain=True) if (f.table, f.row, f.column) in DENIED[:3] + MIXED[:1]
        else f for f in doubtful.facts)))
    live.append(build_report(first, agency="宁川县统计局", year=2022, salt="other year"))
    retired = [build_report(first, agency="宁川县财政局", year=2023, salt="older")]
    return live, retired


def _expected(reports: list[Report], cells: list[Cell], *, year: int = 2023,
              order: str = "desc", limit: int | None = 10, contains: str = "",
              endswith: tuple[str, ...] = ()) -> list[tuple[str, int | Decimal, list[Any]]]:
    """The ranking computed from the reports themselves."""
    wanted = set(cells)
    out = []
    for r in reports:
        if r.year != year or contains not in r.agency or endswith and not r.agency.endswith(endswith):
            continue
        facts = [f for f in r.facts if (f.table, f.row, f.column) in wanted and not f.uncertain]
        if facts:
            out.append((r, sum((f.value for f in facts), 0), facts))
    out.sort(key=lambda x: x[0].content_hash)
    out.sort(key=lambda x: x[1], reverse=order == "desc")
    return [(r.id, v, fs) for r, v, fs in out[:limit]]


def _ranked(db: Database, cells: list[Cell], **options: Any) -> list[tuple[str, Any, list[Any]]]:
    with db.connect() as conn:
        return [(a.entry.report_id, a.value, list(a.facts)) for a in aggregate(conn, cells, **options)]


def _fill(db: Database) -> list[Report]:
    live, retired = _reports()
    with db.begin() as conn:
        for r in retired:
            db_reports.put_version(conn, r, chunks=0, state=s.REPLACED)
        for r in live:
            db_reports.put_version(conn, r, chunks=0, state=s.ACTIVE)
    return live


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    url = request.getfixturevalue("database_url") if request.param == "postgresql" else ""
    (tmp_path / "store").mkdir()
    database = Database.open(Settings.load(store=str(tmp_path / "store"), database_url=url))
    yield database
    database.close()


def _options(name: str) -> dict[str, Any]:
    return {"top3": {"limit": 3}, "all": {"limit": None}, "fewest": {"order": "asc", "limit": 4},
            "place": {"agency_contains": ["宁川县"], "limit": None},
            "suffix": {"agency_endswith": ["财政局", "审计局"]}}[name]


def test_rankings_are_the_reports_own_figures(db: Database) -> None:
    live = _fill(db)
    for cells in CELL_SETS.values():
        for name in ("top3", "all", "fewest", "place", "suffix"):
            options = _options(name)
            expected = _expected(live, cells, order=options.get("order", "desc"),
                                 limit=options.get("limit", 10),
                                 contains="".join(options.get("agency_contains", [])),
                                 endswith=tuple(options.get("agency_endswith", ())))
            assert expected, (cells, name)
            assert _ranked(db, cells, year=2023, **options) == expected, (cells, name)
    # the two exact copies tie: both listed, in content-hash order, never the retired version
    ties = [rid for rid, _, _ in _ranked(db, DENIED, year=2023, limit=None)
            if rid in ("2023-宁川县财政局", "2023-宁川县审计局")]
    assert len(ties) == 2


def _older_schema(db: Database) -> None:
    """The facts indexes of a store made before migration 3."""
    with db.begin() as conn:
        for index in s.FACTS_INDEXES:
            conn.execute(text(f"DROP INDEX {index.name}"))
        conn.execute(text("CREATE INDEX ix_facts_cell ON facts (tbl, row_key, col_key, content_hash)"))
        conn.execute(text("CREATE INDEX ix_facts_report ON facts (content_hash)"))
        conn.execute(s.schema_migrations.delete().where(s.schema_migrations.c.version == 3))


def _fact_indexes(db: Database) -> set[str]:
    return {str(i["name"]) for i in inspect(db.engine).get_indexes("facts")}


def test_an_older_store_gains_the_ranking_indexes(db: Database, tmp_path: Path) -> None:
    live = _fill(db)
    before = _ranked(db, DENIED, year=2023, limit=None)
    _older_schema(db)
    assert _fact_indexes(db) == {"ix_facts_cell", "ix_facts_report"}
    assert _ranked(db, DENIED, year=2023, limit=None) == before  # right, only slower
    url = "" if db.is_sqlite else db.engine.url.render_as_string(hide_password=False)
    db.close()
    settings = Settings.load(store=str(tmp_path / "store"), database_url=url)
    upgraded = Database.open(settings)
    try:
        assert _fact_indexes(upgraded) == {i.name for i in s.FACTS_INDEXES}
        assert not pending(upgraded.engine) and len(MIGRATIONS) >= 3
        assert _ranked(upgraded, DENIED, year=2023, limit=None) == before \
            == _expected(live, DENIED, limit=None)
    finally:
        upgraded.close()


def test_a_read_only_older_store_is_served_from_its_file(tmp_path: Path) -> None:
    """Without write access the indexes cannot be added: the file is read as it is (no copy
    of the whole database in memory), and rankings are the same."""
    store = tmp_path / "store"
    store.mkdir()
    db = Database.open(Settings.load(store=str(store)))
    live = _fill(db)
    _older_schema(db)
    db.close()
    ro = Database.open(Settings.load(store=str(store)), read_only=True)
    try:
        assert SQLITE_NAME in str(ro.engine.url) and "mode=ro" in str(ro.engine.url)
        assert [m[0] for m in pending(ro.engine)] == [3]
        assert _ranked(ro, ORGS, year=2023) == _expected(live, ORGS)
    finally:
        ro.close()


def test_a_ranking_is_read_from_the_indexes(tmp_path: Path) -> None:
    """SQLite's plan: the sums come from the covering cell index alone (no facts rows, no
    scan), the ranked reports' cells and rows from the per-report index."""
    (tmp_path / "store").mkdir()
    db = Database.open(Settings.load(store=str(tmp_path / "store")))
    _fill(db)
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM facts" in statement:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    with db.connect() as conn:
        ranked = aggregate(conn, DENIED, year=2023, limit=3)
        db_reports.fact_reports(conn, [a.entry.content_hash for a in ranked],
                                {(t, r) for t, r, _ in DENIED})
    event.remove(db.engine, "before_cursor_execute", record)
    plans = []
    with db.connect() as conn:
        for statement, parameters in seen:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            plans.append(" / ".join(str(r[-1]) for r in rows))
    db.close()
    assert len(plans) == 3, plans
    summing, cited, rows = plans
    assert "COVERING INDEX ix_facts_cell_values" in summing and "SCAN" not in summing, summing
    assert "INDEX ix_facts_" in cited and "SCAN facts" not in cited, cited
    assert "INDEX ix_facts_report_cell" in rows and "SCAN facts" not in rows, rows
