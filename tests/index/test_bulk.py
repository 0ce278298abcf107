"""Bulk ingest: parallel parsing, batches, resumable, one bad file never stops the rest;
the CLI's progress and summary; versions and restore from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

from index.library import Library
from tests.conftest import CORPUS
from tests.index.conftest import _copy_sqlite, needs_parser, run_cli

TEXTS = ("2023-hongqi-finance-bureau.txt", "2023-shuyang-drc.txt", "2021-pingtan.txt",
         "2024-shanghai-stcsm.md")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    (folder / "sub").mkdir(parents=True)
    for name in TEXTS:
        shutil.copy(CORPUS / name, folder / "sub" / name)
    (folder / "broken.txt").write_text("这不是年度报告。", encoding="utf-8")
    (folder / "empty.pdf").write_bytes(b"")
    return folder


@needs_parser
def test_bulk_ingest_is_parallel_resumable_and_survives_bad_files(library: Library,
                                                                  tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    seen = []
    summary = library.ingest_many(files, workers=2, batch=3, progress=seen.append)
    assert len(summary.added) == len(TEXTS) and len(summary.failed) == 2
    assert {p.name for p, _ in summary.failed} == {"broken.txt", "empty.pdf"}
    assert [p.done for p in seen] == list(range(1, len(files) + 1))
    assert len(library.reports()) == len(TEXTS)
    # run again: everything already in the library is skipped, nothing is parsed again
    again = library.ingest_many(files, workers=2)
    assert len(again.skipped) == len(TEXTS) and not again.added and len(again.failed) == 2
    # a corrected file for an indexed (agency, year) replaces it and says so
    fixed = tmp_path / "fixed.txt"
    fixed.write_text((CORPUS / TEXTS[0]).read_text(encoding="utf-8") + "\n（更正版）\n",
                     encoding="utf-8")
    third = library.ingest_many([fixed])
    assert len(third.replaced) == 1 and "旧版本已保留" in (third.replaced[0][1].replaced or "")
    assert library.search("红旗区财政局 不予公开", k=3)


@needs_parser
def test_cli_bulk_ingest_versions_and_restore(tmp_path: Path, warm_embed_cache: Path) -> None:
    store = tmp_path / "store"
    _copy_sqlite(warm_embed_cache, store / "embed_cache.sqlite")
    folder = _folder(tmp_path)
    result = run_cli("ingest", str(folder), "--workers", "2", store=store)
    assert result.returncode == 1, result.stderr  # two bad files
    assert "成功 4 份，失败 2 份，跳过 0 份" in result.stdout
    assert "broken.txt" in result.stderr and "份/s" in result.stderr  # the progress bar's rate
    result = run_cli("ingest", str(folder), store=store)
    assert "成功 0 份，失败 2 份，跳过 4 份" in result.stdout
    fixed = tmp_path / "v2.txt"
    fixed.write_text((CORPUS / TEXTS[0]).read_text(encoding="utf-8") + "\n（更正版）\n",
                     encoding="utf-8")
    result = run_cli("ingest", str(fixed), store=store)
    assert result.returncode == 0 and "替换了 2023-新乡市红旗区财政局" in result.stdout
    result = run_cli("versions", "2023-新乡市红旗区财政局", store=store)
    lines = [line for line in result.stdout.splitlines() if "\t" in line]
    assert len(lines) == 2 and "当前" in lines[0] and "已被替换" in lines[1]
    old = lines[1].split("\t")[0]
    result = run_cli("restore", "2023-新乡市红旗区财政局", old, store=store)
    assert result.returncode == 0 and "已恢复" in result.stdout, result.stderr
    result = run_cli("health", store=store)
    assert result.returncode == 0 and "一切正常" in result.stdout
