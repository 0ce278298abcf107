"""`python -m assistant parse FILE [--json]` run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "parse", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


@pytest.fixture(scope="module")
def hongze_json() -> dict:
    result = _run(str(CORPUS / "2023-hongze-district-gov.pdf"), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_metadata(hongze_json: dict) -> None:
    assert hongze_json["agency"] == "淮安市洪泽区人民政府"
    assert "洪泽区政府" in hongze_json["agency_aliases"]
    assert hongze_json["year"] == 2023
    assert hongze_json["template"] == "2021"
    assert hongze_json["title"] == "洪泽区人民政府2023年政府信息公开工作年度报告"
    assert hongze_json["source"]["name"] == "2023-hongze-district-gov.pdf"
    assert len(hongze_json["source"]["content_hash"]) == 64


def test_json_says_where_agency_year_and_title_came_from(hongze_json: dict) -> None:
    sources = hongze_json["metadata_sources"]
    assert sources["year"]["from"] == "statistics_period" and "2023" in sources["year"]["text"]
    assert sources["agency"]["value"] == "淮安市洪泽区人民政府"
    assert sources["agency"]["from"] == "body_title" and sources["agency"]["from_name"] == "正文标题"
    assert sources["title"]["value"] == hongze_json["title"]
    intake = hongze_json["intake"]
    assert intake["tables"] == ["二", "三", "四"] and not intake["prose_only"]
    assert {m["code"] for m in intake["markers"]} >= {"title", "tables", "statistics_period"}
    assert intake["read"].startswith("表二、三、四") and intake["uncertain_rows"] == []


def test_page_metadata_and_a_prose_only_report(tmp_path: Path) -> None:
    from tests.parsing.page_build import title_only_in_chrome, untitled_table_less

    page = tmp_path / "page.html"
    page.write_text(title_only_in_chrome().html, encoding="utf-8")
    result = _run(str(page), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["agency"] == "长沙市宁乡市人民政府" and data["year"] == 2024
    assert data["metadata_sources"]["agency"]["from"] == "meta:ArticleTitle"
    assert "<title>" in data["metadata_sources"]["agency"]["also"]

    page.write_text(untitled_table_less().html, encoding="utf-8")
    summary = _run(str(page)).stdout
    assert "读取：仅正文" in summary and "机关取自报告前言" in summary and "年度取自统计期限" in summary


def test_json_sections(hongze_json: dict) -> None:
    sections = hongze_json["sections"]
    assert [s["number"] for s in sections] == ["", "一", "二", "三", "四", "五", "六"]
    assert all({"number", "title", "text"} <= set(s) for s in sections)
    assert "信息处理费 0 元" in sections[-1]["text"]


def test_json_facts_use_canonical_keys(hongze_json: dict) -> None:
    facts = hongze_json["facts"]
    assert {f["table"] for f in facts} == {"二", "三", "四"}
    assert all(f["status"] in ("printed", "blank", "derived") for f in facts)
    new = next(f for f in facts if (f["table"], f["row"], f["column"]) == ("三", "new_received", "total"))
    assert new["value"] == 21 and isinstance(new["value"], int)
    assert new["source"] == {"page": 3, "line": 11}
    assert new["label"].startswith("一、本年新收")
    fees = next(f for f in facts if f["row"] == "admin_fees")
    assert fees["value"] == 7730.28 and fees["unit"] == "万元"


def test_json_checks_and_warnings(hongze_json: dict) -> None:
    checks = hongze_json["checks"]
    assert all({"name", "ok", "detail"} <= set(c) for c in checks)
    assert sum(1 for c in checks if not c["ok"]) == 2  # table 四 check 4, as expected.json lists
    assert isinstance(hongze_json["warnings"], list)


def test_human_summary_in_chinese() -> None:
    result = _run(str(CORPUS / "2023-hongqi-finance-bureau.txt"))
    assert result.returncode == 0, result.stderr
    assert "机关：新乡市红旗区财政局" in result.stdout
    assert "年度：2023年" in result.stdout
    assert "勾稽校验" in result.stdout


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 16])
def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = _run(str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0] and "请" in lines[0]


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "nope.pdf"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
