"""Tolerant intake: documents with report markers are kept (with warnings), documents with
none are refused with the reason; metadata read from text a crawler exported."""

from __future__ import annotations

import pytest

from index.errors import NotAReportError
from index.loaders.text import blocks_from_text
from index.models import Report, report_from_dict, report_to_dict
from index.parsing import parse_report
from index.parsing.intake import reading_summary
from index.parsing.metadata import read_metadata
from tests.conftest import CORPUS

ARTICLE_50 = ("依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定，"
              "结合本单位工作实际，编制本报告。")
PERIOD = "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"


def _parse(text: str, name: str = "r.txt") -> Report:
    return parse_report(name, data=text.encode("utf-8"))


@pytest.mark.parametrize("markers", [
    [ARTICLE_50, "一、总体情况", "2024年，全年主动公开信息2100条，受理申请6件。"],
    [PERIOD, "全年主动公开信息2100条，受理政府信息公开申请6件。"],
    ["一、总体情况", "全年主动公开信息2100条。", "二、主动公开政府信息情况", "见下表。"],
])
def test_one_strong_marker_is_enough(markers: list[str]) -> None:
    text = "\n".join(["峨眉山市林业局", *markers, "2024年，本局依申请公开工作平稳。"])
    report = _parse(text)
    assert report.year == 2024 and "2100条" in "\n".join(s.text for s in report.sections)
    assert report.template == "free-form" and any("没有找到统一格式的统计表" in w for w in report.warnings)


def test_no_marker_is_refused_with_what_was_looked_for() -> None:
    text = "峨眉山市林业局召开2024年森林防火工作会议\n会议强调，要压实责任，确保森林资源安全。\n"
    with pytest.raises(NotAReportError) as info:
        _parse(text)
    assert "统计期限" in info.value.message and "《政府信息公开条例》" in info.value.message


def test_a_page_holding_only_the_title_says_the_report_is_elsewhere() -> None:
    text = "峨眉山市林业局2024年政府信息公开工作年度报告\n附件：2024年年报.pdf\n"
    with pytest.raises(NotAReportError, match="只有年度报告的标题.*附件"):
        _parse(text)


def test_an_interpretation_of_the_report_is_not_the_report() -> None:
    text = ("一图读懂峨眉山市林业局2024年政府信息公开工作年度报告\n"
            "一、总体情况\n全年主动公开信息2100条。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n")
    with pytest.raises(NotAReportError, match="解读或图解"):
        _parse(text)


def test_reading_summary_names_tables_or_prose_only() -> None:
    assert reading_summary(parse_report(CORPUS / "2023-hongqi-finance-bureau.txt")).startswith("表二、三、四")
    report = _parse("\n".join(["峨眉山市林业局", ARTICLE_50, "一、总体情况", "2024年，受理申请6件。"]))
    assert reading_summary(report).startswith("仅正文")


def test_stored_reports_load_with_and_without_the_new_fields() -> None:
    report = parse_report(CORPUS / "2023-hongqi-finance-bureau.txt")
    stored = report_to_dict(report)
    assert stored["metadata_sources"] and stored["markers"]
    assert report_from_dict(stored) == report
    old = {k: v for k, v in stored.items() if k not in ("metadata_sources", "markers")}
    loaded = report_from_dict(old)
    assert loaded.metadata_sources == () and loaded.facts == report.facts


# ---- metadata from crawled text ------------------------------------------------------


def _meta(*lines: str):  # type: ignore[no-untyped-def]
    return read_metadata(blocks_from_text("\n".join(lines)))


BODY = ("一、总体情况", "2023年，我局坚持公开为常态。", "二、主动公开政府信息情况")


def test_a_page_title_line_heading_crawled_text() -> None:
    meta = _meta("丰都县商务委员会2023年政府信息公开工作年度报告_年度报告_丰都县人民政府网", "首页", "政务公开",
                 *BODY)
    assert (meta.agency, meta.year) == ("丰都县商务委员会", 2023)
    assert meta.title == "丰都县商务委员会2023年政府信息公开工作年度报告"


def test_a_cut_title_completes_and_a_site_name_is_no_agency_for_a_department() -> None:
    meta = _meta("2023年度政府信息公开工作年度报...", "当前位置：首页 > 信息公开 > 年度报告", *BODY,
                 "主办：丰都县人民政府办公室")
    assert meta.title == "2023年度政府信息公开工作年度报告" and meta.year == 2023
    assert meta.agency == ""  # 「我局」 speaks; the site's owner is not the author
    assert any("不一定是发布机关" in w for w in meta.warnings)


def test_the_key_value_lines_of_a_flattened_directory_table() -> None:
    meta = _meta("索引号：", "115001/2024-00012", "发布机构：", "丰都县商务委员会", "名称：",
                 "2023年政府信息公开工作年度报告", *BODY)
    assert meta.agency == "丰都县商务委员会"
    source = next(m for m in meta.sources if m.field == "agency")
    assert source.signal == "发布机构"


def test_the_opening_sentence_names_a_government() -> None:
    meta = _meta("2023年政府信息公开工作年度报告", "一、总体情况", "2023年，丰都县坚持以人民为中心，全面推进政务公开。")
    assert meta.agency == "丰都县"
    assert next(m for m in meta.sources if m.field == "agency").signal == "opening"


def test_the_publication_date_gives_the_year_only_as_a_last_resort() -> None:
    meta = read_metadata(blocks_from_text("丰都县商务委员会政府信息公开工作年度报告\n发布时间：2024-01-26\n全年公开信息。"))
    assert meta.year == 2023 and any("按发布日期" in w for w in meta.warnings)
    late = read_metadata(blocks_from_text("丰都县商务委员会政府信息公开工作年度报告\n发布时间：2024-09-26\n全年公开信息。"))
    assert late.year is None


def test_a_name_with_its_other_name_in_brackets() -> None:
    meta = _meta("中共临泉县委宣传部（县新闻出版局）2023年政府信息公开工作年度报告", *BODY)
    assert meta.agency == "中共临泉县委宣传部" and "县新闻出版局" in meta.agency_aliases


def test_a_cited_document_name_is_no_title() -> None:
    meta = _meta("根据市政府办公室《关于做好2023年度政府信息公开工作年度报告编制工作的通知》要求，现将本局2023年度报告公布如下。",
                 "一、总体情况", "2023年，临泉县司法局认真贯彻《条例》。")
    assert meta.title == "" and (meta.agency, meta.year) == ("临泉县司法局", 2023)
