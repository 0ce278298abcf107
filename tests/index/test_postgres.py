"""The same library on PostgreSQL + a Chroma server (settings only): versions, queries,
search; and two processes sharing them."""

from __future__ import annotations

from index.library import Library
from tests.conftest import expected_reports
from tests.expected_reports import build_report

HONGQI = "2023-新乡市红旗区财政局"


def _data(prefix: str) -> dict:
    return next(d for d in expected_reports() if d["file"].startswith(prefix))


def test_postgres_library_ingest_replace_restore_query(pg_library: Library) -> None:
    assert pg_library.db.engine.dialect.name == "postgresql"
    first = build_report(_data("2023-hongqi"))
    pg_library.ingest_report(first)
    pg_library.ingest_report(build_report(_data("2023-shuyang-drc")))
    second = build_report(_data("2023-hongqi"), salt="v2")
    pg_library.ingest_report(second)
    assert [v.state for v in pg_library.versions(HONGQI)] == ["active", "replaced"]
    pg_library.restore(HONGQI, first.content_hash)
    assert pg_library.report(HONGQI) == first
    assert pg_library.fact_reports([HONGQI])[HONGQI].facts == first.facts
    hits = pg_library.search("红旗区财政局 不予公开", k=3)
    assert hits and hits[0].metadata["report_id"] == HONGQI
    ranked = pg_library.aggregate([("三", "new_received", "total")], year=2023)
    assert [a.entry.report_id for a in ranked][0] in {HONGQI, "2023-沭阳县发展和改革局"}
    assert all(a.value == a.facts[0].value for a in ranked)


def test_a_second_process_sees_what_the_first_ingested(pg_library: Library, embedder) -> None:
    other = Library.open(pg_library.settings.with_(store=str(pg_library.root.parent / "other")),
                         embedder=embedder)
    assert other.reports() == []
    before = other.catalog_version()
    pg_library.ingest_report(build_report(_data("2023-hongqi")))
    assert other.catalog_version() > before
    assert [e.report_id for e in other.reports()] == [HONGQI]
    assert other.report(HONGQI).fact("三", "new_received", "total").value == 3
    hits = other.search("红旗区财政局 申请", k=3)
    assert hits and hits[0].metadata["report_id"] == HONGQI
