"""Metadata: agency (fullest name + aliases), year covered and title, for every corpus report."""

from __future__ import annotations

from typing import Any

import pytest

from index.loaders import load_document
from index.loaders.text import blocks_from_text
from index.parsing.agency import derive_aliases, fullest_name, split_place
from index.parsing.metadata import Metadata, find_year, read_metadata
from tests.conftest import CORPUS, expected_reports

# Aliases in expected.json that no rule can derive from the text of that report.
UNDERIVABLE_ALIASES = {"平潭县"}  # 2019-pingtan never names 平潭县; 2021 does (来源：平潭县人民政府)


def _meta(report: dict[str, Any]) -> Metadata:
    return read_metadata(load_document(CORPUS / report["file"]).blocks)


@pytest.mark.parametrize("report", expected_reports(), ids=lambda r: r["file"])
def test_agency_and_year(report: dict[str, Any]) -> None:
    meta = _meta(report)
    assert meta.agency == report["agency"]
    assert meta.year == report["year"]
    assert "年度报告" in meta.title


@pytest.mark.parametrize("report", expected_reports(), ids=lambda r: r["file"])
def test_expected_aliases_are_derived(report: dict[str, Any]) -> None:
    aliases = _meta(report).agency_aliases
    missing = set(report["agency_aliases"]) - set(aliases) - UNDERIVABLE_ALIASES
    assert not missing
    assert report["agency"] not in aliases


def test_title_without_city_takes_fullest_name_from_body() -> None:
    meta = _meta({"file": "2023-hongqi-finance-bureau.txt"})
    assert meta.title.startswith("红旗区财政局")
    assert meta.agency == "新乡市红旗区财政局"


def test_ocr_confusion_in_place_name_is_fixed_and_kept_as_alias() -> None:
    meta = _meta({"file": "2025-shuyang-county-gov.ocr.md"})
    assert meta.agency == "沭阳县人民政府"
    assert "沐阳县人民政府" in meta.agency_aliases


def test_fullest_name_ignores_words_before_the_place() -> None:
    text = "本报告由淮安市洪泽区人民政府办公室编制。请与淮安市洪泽区人民政府联系。"
    assert fullest_name("洪泽区人民政府", text) == "淮安市洪泽区人民政府"
    assert fullest_name("洪泽区政府", text) == "淮安市洪泽区人民政府"  # the formal name printed
    assert fullest_name("红旗区财政局", "全区红旗区财政局") == "红旗区财政局"


def test_split_place() -> None:
    assert split_place("新乡市红旗区财政局") == (["新乡市", "红旗区"], "财政局")
    assert split_place("新乡市城市管理局") == (["新乡市"], "城市管理局")
    assert split_place("平潭综合实验区") == (["平潭综合实验区"], "")


def test_alias_rules() -> None:
    assert {"洪泽区人民政府", "洪泽区政府", "洪泽区", "洪泽"} <= set(derive_aliases("淮安市洪泽区人民政府"))
    assert {"沭阳发改局", "沭阳县发改局", "县发展和改革局"} <= set(derive_aliases("沭阳县发展和改革局"))
    assert {"上海市科学技术委员会", "市科委"} <= set(derive_aliases("上海市科委"))
    assert {"上海市政府办公厅", "市政府办公厅"} <= set(derive_aliases("上海市人民政府办公厅"))


def _read(text: str) -> Metadata:
    return read_metadata(blocks_from_text(text))


def test_year_is_the_year_covered_not_the_publication_year() -> None:
    meta = _read(
        "测试县财政局政府信息公开工作年度报告\n发布日期：2024-01-20\n"
        "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n全年公开信息。\n"
    )
    assert meta.year == 2023
    assert meta.agency == "测试县财政局"


def test_year_from_the_opening_paragraph() -> None:
    meta = _read("测试县财政局政府信息公开工作年度报告\n一、总体情况\n2022年，测试县财政局认真贯彻《条例》。\n")
    assert meta.year == 2022


def test_year_in_chinese_numerals() -> None:
    meta = _read("测试县财政局二〇二三年政府信息公开工作年度报告\n一、总体情况\n全年公开信息。\n")
    assert meta.year == 2023


def test_statistics_period_wins_over_a_mistyped_title() -> None:
    year, warnings = find_year("测试县2022年政府信息公开工作年度报告", "统计期限为2023年1月1日至2023年12月31日。")
    assert year == 2023
    assert warnings


def test_year_is_not_taken_from_the_file_name() -> None:
    data = (CORPUS / "2023-hongqi-finance-bureau.txt").read_bytes()
    doc = load_document("2099-report-2024.txt", data=data)
    assert read_metadata(doc.blocks).year == 2023


def test_agency_from_the_body_when_the_title_has_none() -> None:
    meta = _read(
        "2023年度政府信息公开工作年度报告\n"
        "根据《条例》要求，现将测试市测试区教育局2023年度政府信息公开工作情况报告如下。\n"
        "一、总体情况\n全年公开信息。\n"
    )
    assert meta.agency == "测试市测试区教育局"
