"""Library: ingest → search → report; replace, remove, atomicity, stable ids, filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.errors import NotFoundError
from index.library import CatalogEntry, Hit, Library
from index.models import Report
from tests.conftest import expected_reports
from tests.index.conftest import needs_parser
from tests.expected_reports import build_report

HONGQI = "2023-新乡市红旗区财政局"


def _data(prefix: str) -> dict:
    return next(d for d in expected_reports() if d["file"].startswith(prefix))


def _hongqi(salt: str = "") -> Report:
    return build_report(_data("2023-hongqi"), salt=salt)


def _ids(lib: Library) -> list[str]:
    """Vector-store ids of report chunks (row types are shared by every report: index.rowtypes)."""
    return sorted(i for i in lib.store.ids() if not i.startswith("rowtype:"))


def test_ingest_search_report(library: Library) -> None:
    entry = library.ingest_report(_hongqi())
    assert isinstance(entry, CatalogEntry)
    assert (entry.report_id, entry.year, entry.template) == (HONGQI, 2023, "2021")
    assert entry.chunks > 40
    rowtypes = [i for i in library.store.ids() if i.startswith("rowtype:")]
    assert len(_ids(library)) + len(rowtypes) == library.store.count()
    assert 0 < len(rowtypes) < entry.chunks  # one vector per row type, prose chunks each their own
    hits = library.search("红旗区财政局2023年收到了多少政府信息公开申请", k=5)
    assert hits and all(isinstance(h, Hit) for h in hits)
    assert "new_received" in [h.metadata["row"] for h in hits]
    assert library.report(HONGQI).fact("三", "new_received", "total").value == 3
    assert [e.report_id for e in library.reports()] == [HONGQI]


def test_reopen_reads_catalog_and_report_without_reparsing(library: Library, embedder) -> None:
    library.ingest_report(_hongqi())
    again = Library.open(library.settings, embedder=embedder)
    assert [e.report_id for e in again.reports()] == [HONGQI]
    assert again.report(HONGQI) == library.report(HONGQI)
    assert again.search("拒绝", k=3, agency="红旗区财政局")


def test_reingest_same_file_keeps_ids(library: Library) -> None:
    library.ingest_report(_hongqi())
    before = _ids(library)
    library.ingest_report(_hongqi())
    assert _ids(library) == before
    assert len(library.reports()) == 1


def test_newer_file_replaces_same_agency_year(library: Library) -> None:
    library.ingest_report(_hongqi())
    old_ids = set(_ids(library))
    newer = _hongqi(salt="v2")
    entry = library.ingest_report(newer)
    assert entry.content_hash == newer.content_hash
    assert len(library.reports()) == 1
    ids = set(_ids(library))
    assert not ids & old_ids and len(ids) == len(old_ids)
    assert all(h.metadata["content_hash"] == newer.content_hash for h in library.search("不予公开", k=10))
    # the previous version is kept (not searched, but restorable)
    versions = library.versions(HONGQI)
    assert [(v.entry.content_hash, v.state) for v in versions] == [
        (newer.content_hash, "active"), (_hongqi().content_hash, "replaced")]
    assert versions[1].replaced_by == newer.content_hash


def test_remove_deletes_all_chunks(library: Library) -> None:
    library.ingest_report(_hongqi())
    library.ingest_report(build_report(_data("2023-shuyang-drc")))
    removed = library.remove(HONGQI)
    assert removed.report_id == HONGQI
    assert all(i.split(":")[0] != removed.content_hash[:16] for i in _ids(library))
    assert [e.report_id for e in library.reports()] == ["2023-沭阳县发展和改革局"]
    assert all(h.metadata["report_id"] != HONGQI for h in library.search("红旗区财政局 拒绝", k=10))
    with pytest.raises(NotFoundError):
        library.report(HONGQI)
    with pytest.raises(NotFoundError):
        library.remove(HONGQI)


def test_failure_mid_ingest_leaves_previous_state(library: Library, monkeypatch) -> None:
    import index.publish

    library.ingest_report(_hongqi())
    before_ids, before_catalog = _ids(library), library.reports()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    # the new version's chunks are written, then the catalog switch fails
    monkeypatch.setattr(index.publish, "_switch", boom)
    with pytest.raises(RuntimeError):
        library.ingest_report(_hongqi(salt="v2"))
    monkeypatch.undo()
    assert library.reports() == before_catalog
    assert [v.entry.content_hash for v in library.versions(HONGQI)] == [_hongqi().content_hash]
    hits = library.search("不予公开", k=10)
    assert hits and all(h.metadata["content_hash"] == _hongqi().content_hash for h in hits)
    assert library.report(HONGQI).content_hash == _hongqi().content_hash
    # the next write drops the orphaned chunks of the failed ingest
    library.ingest_report(build_report(_data("2023-shuyang-drc")))
    prefixes = {i.split(":")[0] for i in _ids(library)}
    assert _hongqi(salt="v2").content_hash[:16] not in prefixes
    assert set(before_ids) <= set(_ids(library))


@needs_parser
def test_bad_file_mid_batch_leaves_library_intact(library: Library, tmp_path: Path) -> None:
    from index.errors import InputError

    library.ingest_report(_hongqi())
    before = _ids(library)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage \x00\x01\x02")
    with pytest.raises(InputError):
        library.ingest(bad)
    assert _ids(library) == before and [e.report_id for e in library.reports()] == [HONGQI]


def test_filters_agency_alias_and_year(library: Library) -> None:
    for prefix in ("2023-hongze", "2024-hongze", "2023-hongqi"):
        library.ingest_report(build_report(_data(prefix)))
    hits = library.search("行政复议", k=10, agency="洪泽区", year=2024)
    assert hits and {h.metadata["report_id"] for h in hits} == {"2024-淮安市洪泽区人民政府"}
    hits = library.search("行政复议", k=10, year=2023)
    assert {h.metadata["year"] for h in hits} == {2023}
    assert library.search("行政复议", agency="不存在的机关") == []


def test_second_report_of_a_template_reuses_row_embeddings(cold_library: Library) -> None:
    cold_library.ingest_report(build_report(_data("2023-hongze")))
    misses = cold_library._cache.misses
    assert misses > 30
    cold_library.ingest_report(build_report(_data("2024-hongze")))
    assert cold_library._cache.misses == misses  # tables only: every row label path cached


def test_retriever_returns_documents(library: Library) -> None:
    library.ingest_report(_hongqi())
    docs = library.retriever(k=3, agency="新乡市红旗区财政局", year=2023).invoke("被起诉了几次")
    assert len(docs) == 3
    assert docs[0].metadata["report_id"] == HONGQI and "score" in docs[0].metadata
    rows = [d.metadata["row"] for d in docs]
    assert any(r.startswith("litigation") for r in rows), rows
    assert json.loads(docs[0].metadata["values"]) is not None


def test_modes_dense_and_bm25(library: Library) -> None:
    library.ingest_report(_hongqi())
    for mode in ("dense", "bm25"):
        hits = library.search("不予公开 国家秘密", k=3, mode=mode)
        assert hits and any(h.metadata["row"].startswith("denied") for h in hits)


def test_chroma_server_same_code(server_library: Library) -> None:
    entry = server_library.ingest_report(_hongqi())
    assert 0 < len(_ids(server_library)) < entry.chunks
    hits = server_library.search("红旗区财政局 行政诉讼", k=5)
    assert hits and hits[0].metadata["report_id"] == HONGQI
    server_library.remove(HONGQI)
    assert _ids(server_library) == []  # the shared row types stay


def test_same_file_reparsed_into_fewer_chunks_drops_the_rest(library: Library) -> None:
    from dataclasses import replace

    report = _hongqi()
    library.ingest_report(report)
    shorter = replace(report, sections=())  # e.g. a newer parser that reads no prose
    library.ingest_report(shorter)
    assert _ids(library) == []  # its rows share the row-type vectors; no prose is left
    assert all(h.metadata["kind"] == "row" for h in library.search("依申请公开答复", k=10, mode="bm25"))


def test_empty_vector_store_is_refilled_from_saved_reports(library: Library, embedder) -> None:
    """E.g. a fresh Chroma server or another embedding model: no re-parsing needed."""
    entry = library.ingest_report(_hongqi())
    library.store.client.delete_collection(library.store.collection.name)
    again = Library.open(library.settings, embedder=embedder)
    assert again.search("行政复议", k=3)
    assert again.store.count() == entry.chunks


def test_dense_search_stays_exact_with_many_duplicate_row_vectors(library: Library) -> None:
    """Every report of a template has the same row vectors: they are stored once per row type
    (index.rowtypes), so the collection does not fill with duplicates, and a query returns
    the true nearest vectors."""
    import numpy as np
    from dataclasses import replace

    from tests.expected_reports import all_reports

    for copy in range(3):
        for r in all_reports():
            library.ingest_report(replace(r, agency=f"{r.agency}{copy}", agency_aliases=(),
                                          content_hash=f"{copy}{r.content_hash[1:]}"))
    chunks = sum(e.chunks for e in library.reports())
    assert library.store.count() < chunks / 2  # duplicates are not stored
    col = library.store.collection
    vectors = np.array(col.get(include=["embeddings"])["embeddings"])
    where = None
    questions = ["政府集中采购花了多少钱", "拒绝了几个申请", "行政复议被纠正", "律师申请了多少件",
                 "发了几个红头文件", "信息处理费"]
    for q in questions:
        v = library.embedder.embed_queries([q])[0]
        exact = np.sort(vectors @ v)[::-1][:10]
        got = col.query(query_embeddings=[v], n_results=10, where=where, include=["distances"])
        assert np.allclose(1 - np.array(got["distances"][0]), exact, atol=1e-4), q


def test_a_filter_applied_after_the_dense_query_reads_deeper_only_when_it_keeps_few(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over a large library a year or kind filter is applied to the candidates of an
    unfiltered dense query: a shallow query first, the deep one only when the filter left
    fewer candidates than the search needs — the same hits as always reading deep."""
    from dataclasses import replace

    import index.retrieval
    import index.search
    from tests.expected_reports import all_reports

    monkeypatch.setattr(index.search, "DENSE_FILTER_MAX", 0)  # every filter after the query
    for copy in range(3):
        for r in all_reports():
            library.ingest_report(replace(r, agency=f"{r.agency}{copy}", agency_aliases=(),
                                          content_hash=f"{copy}{r.content_hash[1:]}"))
    depths: list[int] = []
    store = library.store
    query = store.query
    monkeypatch.setattr(store, "query", lambda v, n, where: depths.append(n) or query(v, n, where))

    def search(**filters: object) -> list[tuple[str, float, int]]:
        depths.clear()
        return [(h.chunk_id, round(h.score, 6), h.metadata["year"])
                for h in library.search("行政复议的结果", k=8, **filters)]  # type: ignore[arg-type]

    years = sorted({e.year for e in library.reports()})
    few = search(year=years[0])  # a year that holds few of the chunks: shallow, then deep
    assert len(depths) == 2 and depths[0] < depths[1]
    prose = search(kind="prose")  # most chunks are prose: the shallow query keeps enough
    assert len(depths) == 1
    monkeypatch.setattr(index.retrieval, "SHALLOW_MARGIN", 10_000)  # always deep
    assert search(year=years[0]) == few and search(kind="prose") == prose
    assert few and {year for _, _, year in few} == {years[0]}
