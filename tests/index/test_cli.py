"""The library commands through `python -m assistant` in a subprocess (real parser and model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import CORPUS
from tests.index.conftest import _copy_sqlite, needs_parser, run_cli


@needs_parser
def test_ingest_reports_search_remove(tmp_path: Path, warm_embed_cache: Path,
                                      test_model_dir: Path) -> None:
    store = tmp_path / "store"
    _copy_sqlite(warm_embed_cache, store / "embed_cache.sqlite")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "2023-hongqi-finance-bureau.txt", folder)
    (folder / "broken.txt").write_text("这不是一份报告。", encoding="utf-8")
    extra = CORPUS / "2023-shuyang-drc.txt"
    env = {"GOV_ASSISTANT_MODEL_DIR": str(test_model_dir)}

    result = run_cli("ingest", str(folder), str(extra), str(tmp_path / "missing.pdf"),
                     store=store, env=env)
    assert result.returncode == 1, result.stderr
    assert "✓" in result.stdout and "2023-新乡市红旗区财政局" in result.stdout
    assert "读取：表二、三、四" in result.stdout and "来源：机关取自正文标题" in result.stdout  # what was read
    assert "2023-沭阳县发展和改革局" in result.stdout
    assert "broken.txt" in result.stderr and "missing.pdf" in result.stderr
    assert "成功 2 份，失败 2 份" in result.stdout

    listed = json.loads(run_cli("reports", "--json", store=store, env=env).stdout)
    assert sorted(e["report_id"] for e in listed) == ["2023-新乡市红旗区财政局", "2023-沭阳县发展和改革局"]

    result = run_cli("search", "红旗区财政局拒绝了几个申请", "--k", "3", "--agency", "红旗区财政局",
                     "--year", "2023", "--json", store=store, env=env)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3 and hits[0]["rank"] == 1
    assert {h["metadata"]["report_id"] for h in hits} == {"2023-新乡市红旗区财政局"}
    assert all({"chunk_id", "score", "text", "metadata"} <= set(h) for h in hits)

    result = run_cli("remove", "2023-新乡市红旗区财政局", store=store, env=env)
    assert result.returncode == 0 and "已删除" in result.stdout
    result = run_cli("remove", "2023-新乡市红旗区财政局", store=store, env=env)
    assert result.returncode == 2 and "没有报告" in result.stderr
    result = run_cli("reports", store=store, env=env)
    assert "2023-沭阳县发展和改革局" in result.stdout and "红旗区" not in result.stdout
