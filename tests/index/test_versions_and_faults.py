"""Nothing lost on replace (versions, restore), limits, and faults that degrade instead of
killing: damaged reports flagged, read-only stores served, a damaged catalog rebuilt."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from index.errors import InputError, NotFoundError, StoreError
from index.library import Library
from index.limits import check_file, check_zip
from index.models import report_to_dict
from tests.conftest import expected_reports
from tests.expected_reports import build_report

HONGQI = "2023-新乡市红旗区财政局"


def _data(prefix: str) -> dict:
    return next(d for d in expected_reports() if d["file"].startswith(prefix))


def test_restore_brings_back_a_replaced_version(library: Library) -> None:
    first = build_report(_data("2023-hongqi"))
    second = build_report(_data("2023-hongqi"), salt="junk")
    library.ingest_report(first)
    library.ingest_report(second)
    assert library.report(HONGQI).content_hash == second.content_hash
    result = library.restore(HONGQI, first.content_hash[:12])
    assert result.entry.content_hash == first.content_hash
    assert result.replaced and "旧版本已保留" in result.replaced
    assert library.report(HONGQI) == first
    states = {v.entry.content_hash: v.state for v in library.versions(HONGQI)}
    assert states == {first.content_hash: "active", second.content_hash: "replaced"}
    hits = library.search("不予公开", k=5)
    assert hits and {h.metadata["content_hash"] for h in hits} == {first.content_hash}
    with pytest.raises(NotFoundError):
        library.restore(HONGQI, "0" * 12)


def test_removed_report_can_be_restored(library: Library) -> None:
    report = build_report(_data("2023-shuyang-drc"))
    library.ingest_report(report)
    library.remove(report.id)
    assert library.reports() == [] and library.search("申请", k=3) == []
    library.restore(report.id, report.content_hash)
    assert [e.report_id for e in library.reports()] == [report.id]
    assert library.search("申请", k=3)


def test_catalog_version_moves_on_every_change(library: Library) -> None:
    v0 = library.catalog_version()
    library.ingest_report(build_report(_data("2023-hongqi")))
    v1 = library.catalog_version()
    library.remove(HONGQI)
    assert v0 < v1 < library.catalog_version()


def test_fact_report_reads_back_figures_rows_and_checks(library: Library) -> None:
    for prefix in ("2023-hongqi", "2019-shanghai"):
        report = build_report(_data(prefix))
        library.ingest_report(report)
        thin = library.fact_reports([report.id])[report.id]
        assert thin.facts == report.facts and thin.rows == report.rows
        assert thin.checks == report.checks and thin.sections == ()


def test_limits_are_checked_before_parsing(library: Library, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (library.settings.max_upload_mb * 1024 * 1024 + 1))
    with pytest.raises(InputError, match="文件过大"):
        library.ingest(big)
    with pytest.raises(InputError, match="不支持"):
        check_file(Path(__file__), library.settings)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document>" + " " * (3 * 1024 * 1024) + "</w:document>")
    with pytest.raises(InputError, match="解压后过大"):
        check_zip(bomb.getvalue(), 1024 * 1024)
    docx = tmp_path / "bomb.docx"
    docx.write_bytes(bomb.getvalue())
    monkeypatch.setenv("GOV_ASSISTANT_MAX_UNZIPPED_MB", "1")
    with pytest.raises(InputError, match="解压后过大"):
        library.ingest(docx)  # refused at the loader's entry, before python-docx reads it
    assert library.reports() == []


def _legacy_store(root: Path, reports: list, catalog: object) -> None:
    (root / "reports").mkdir(parents=True)
    for r in reports:
        (root / "reports" / f"{r.content_hash}.json").write_text(
            json.dumps(report_to_dict(r), ensure_ascii=False), encoding="utf-8")
    (root / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False), encoding="utf-8")


def _entry(report, chunks: int = 10) -> dict:
    return {"report_id": report.id, "agency": report.agency,
            "agency_aliases": list(report.agency_aliases), "year": report.year,
            "template": report.template, "title": report.title, "source_name": report.source_name,
            "content_hash": report.content_hash, "chunks": chunks, "failed_checks": [],
            "warnings": [], "ingested_at": "2025-01-01T00:00:00+00:00"}


def test_json_store_is_upgraded_in_place(tmp_path: Path, embedder, test_model_dir) -> None:
    from tests.index.conftest import make_settings

    hongqi, shuyang = build_report(_data("2023-hongqi")), build_report(_data("2023-shuyang-drc"))
    old = build_report(_data("2023-hongqi"), salt="older")
    missing = build_report(_data("2024-hongze"))
    store = tmp_path / "store"
    _legacy_store(store, [hongqi, shuyang, old],
                  {"version": 1, "reports": [_entry(hongqi), _entry(shuyang), _entry(missing)]})
    lib = Library.open(make_settings(store, test_model_dir), embedder=embedder)
    assert {e.report_id for e in lib.reports()} == {hongqi.id, shuyang.id, missing.id}
    assert lib.report(hongqi.id) == hongqi
    assert [v.state for v in lib.versions(hongqi.id)] == ["active", "replaced"]
    health = lib.health()
    assert [d.report_id for d in health.damaged] == [missing.id]
    with pytest.raises(StoreError, match="重新导入"):
        lib.report(missing.id)
    # the rest is served: vectors and lexical entries are built from the database
    hits = lib.search("红旗区财政局 不予公开", k=3)
    assert hits and hits[0].metadata["report_id"] == hongqi.id
    assert (store / "catalog.json").exists()  # nothing deleted


@pytest.mark.parametrize("catalog", [[], None, "{not json"])
def test_damaged_catalog_is_rebuilt_from_the_report_files(tmp_path: Path, embedder,
                                                          test_model_dir, catalog) -> None:
    from tests.index.conftest import make_settings

    hongqi = build_report(_data("2023-hongqi"))
    store = tmp_path / "store"
    _legacy_store(store, [hongqi], {})
    (store / "catalog.json").write_text(catalog if isinstance(catalog, str)
                                        else json.dumps(catalog), encoding="utf-8")
    lib = Library.open(make_settings(store, test_model_dir), embedder=embedder)
    assert [e.report_id for e in lib.reports()] == [hongqi.id]
    assert lib.report(hongqi.id) == hongqi


def test_read_only_store_answers_and_refuses_writes(library: Library, embedder) -> None:
    report = build_report(_data("2023-hongqi"))
    library.ingest_report(report)
    library.close()
    ro = Library.open(library.settings, embedder=embedder, read_only=True)
    assert ro.read_only and [e.report_id for e in ro.reports()] == [HONGQI]
    assert ro.report(HONGQI) == report
    assert ro.search("不予公开", k=3, agency="红旗区财政局")
    with pytest.raises(StoreError, match="只读"):
        ro.ingest_report(build_report(_data("2023-shuyang-drc")))
    with pytest.raises(StoreError, match="只读"):
        ro.remove(HONGQI)
    assert ro.health().read_only


def test_damaged_vector_store_degrades_to_lexical_search(library: Library) -> None:
    library.ingest_report(build_report(_data("2023-hongqi")))
    from index.errors import StoreError as SE

    def broken(*args, **kwargs):
        raise SE("向量库无法读取（HNSW segment reader error）。请运行 `python -m assistant reindex`")

    library.store.query = broken  # type: ignore[method-assign]
    library.store.count = broken  # type: ignore[method-assign]
    hits = library.search("红旗区财政局 不予公开", k=3)
    assert hits and "reindex" in library.degraded
    assert any("reindex" in p for p in library.health().problems)


def _mount(args: list[str]) -> bool:
    import subprocess

    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def mounts(tmp_path: Path):
    made: list[Path] = []
    yield made
    import subprocess

    for path in reversed(made):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_store_on_a_read_only_filesystem_is_served(library: Library, embedder, tmp_path: Path,
                                                   mounts: list) -> None:
    report = build_report(_data("2023-hongqi"))
    library.ingest_report(report)
    library.close()
    ro = tmp_path / "ro"
    ro.mkdir()
    if not (_mount(["--bind", str(library.root), str(ro)])):
        pytest.skip("cannot bind-mount here (needs root and mount rights)")
    mounts.append(ro)
    if not _mount(["-o", "remount,bind,ro", str(ro)]):
        pytest.skip("cannot remount read-only here")
    lib = Library.open(library.settings.with_(store=str(ro)), embedder=embedder)
    assert lib.read_only  # found out, not told
    assert lib.report(HONGQI) == report
    assert lib.search("红旗区财政局 不予公开", k=3)
    with pytest.raises(StoreError, match="只读"):
        lib.remove(HONGQI)


def test_full_disk_gives_one_clear_message_and_loses_nothing(tmp_path: Path, embedder,
                                                             test_model_dir, mounts: list) -> None:
    from tests.index.conftest import make_settings

    small = tmp_path / "small"
    small.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=6m", "tmpfs", str(small)]):
        pytest.skip("cannot mount a small tmpfs here")
    mounts.append(small)
    lib = Library.open(make_settings(small / "store", test_model_dir), embedder=embedder)
    lib.ingest_report(build_report(_data("2023-hongqi")))
    (small / "filler").write_bytes(b"\0" * (small.stat().st_size or 0))
    with open(small / "filler", "wb") as fh:  # fill the disk
        try:
            while True:
                fh.write(b"\0" * 65536)
        except OSError:
            pass
    with pytest.raises(StoreError, match="磁盘空间已满"):
        for salt in ("a", "b", "c", "d"):
            lib.ingest_report(build_report(_data("2019-shanghai"), salt=salt))
    assert lib.report(HONGQI).id == HONGQI
    assert HONGQI in {e.report_id for e in lib.reports()}
