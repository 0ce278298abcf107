"""Sections: the six template sections, sub-parts and paragraphs, for every corpus report."""

from __future__ import annotations

from typing import Any

import pytest

from index.loaders import load_document
from index.loaders.text import blocks_from_text
from index.models import Section
from index.parsing.sections import find_sections, sections_from_blocks
from tests.conftest import CORPUS, expected_reports

SIX = ["一", "二", "三", "四", "五", "六"]


def _sections(name: str) -> tuple[Section, ...]:
    return find_sections(load_document(CORPUS / name))


def _section(sections: tuple[Section, ...], number: str) -> Section:
    return next(s for s in sections if s.number == number)


@pytest.mark.parametrize("report", expected_reports(), ids=lambda r: r["file"])
def test_six_sections_and_preamble(report: dict[str, Any]) -> None:
    sections = _sections(report["file"])
    assert [s.number for s in sections] == ["", *SIX]
    assert sections[0].title == "前言" and sections[0].paragraphs
    assert all(s.level == 1 for s in sections)
    assert _section(sections, "六").text.strip()


def test_sub_parts_with_titles_and_text() -> None:
    one = _section(_sections("2023-hongqi-finance-bureau.txt"), "一")
    assert [p.number for p in one.parts] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert one.parts[1].title == "依申请公开"
    assert "全年办理本单位依申请公开答复 3 件" in one.parts[1].text
    assert one.paragraphs[0].location.line == 7


def test_table_rows_are_not_section_text() -> None:
    three = _section(_sections("2023-hongqi-finance-bureau.txt"), "三")
    assert "本年新收" not in three.text
    assert "\t" not in three.text


def test_pdf_paragraphs_are_joined_across_wrapped_lines_and_pages() -> None:
    sections = _sections("2023-hongze-district-gov.pdf")
    one = _section(sections, "一")
    management = one.parts[2]
    assert management.title == "政府信息管理情况"
    assert "严格执行“分级审核、先审后发”程序" in management.text  # page 1 → page 2
    six = _section(sections, "六")
    assert six.paragraphs[0].location.page == 5
    assert "全年收取政府信息公开信息处理费 0 元" in six.text
    assert "- 5 -" not in six.text


def test_inline_headings_in_one_long_line() -> None:
    sections = _sections("2021-pingtan.txt")
    one = _section(sections, "一")
    assert one.paragraphs[0].text.startswith("2021年，我区")
    assert [p.title for p in one.parts][:2] == ["主动公开方面", "依申请公开方面"]
    five = _section(sections, "五")
    assert [p.title for p in five.parts] == ["存在的主要问题", "改进措施"]
    assert _section(sections, "六").text.startswith("2021年，无收取信息处理费情况")


def test_own_numbering_is_mapped_to_the_template() -> None:
    sections = _sections("2024-shanghai-stcsm.md")
    one = _section(sections, "一")
    assert [p.title for p in one.parts] == ["工作机制保障", "主动公开工作情况", "政府信息公开申请情况",
                                            "政府信息管理", "政府信息公开平台建设"]
    assert _section(sections, "二").title == "主动公开政府信息情况"
    assert _section(sections, "四").title.startswith("政府信息公开行政复议")
    assert [p.title for p in _section(sections, "五").parts] == ["主要问题", "改进情况"]
    assert "未发生政府信息公开收费事项" in _section(sections, "六").text


def test_unnumbered_section_five_after_table_four() -> None:
    five = _section(_sections("2025-shanghai-gov-office.md"), "五")
    assert five.title == "存在的主要问题及改进情况"
    assert five.parts[0].title.startswith("2024 年工作中存在问题的改进情况")


def test_table_labels_are_not_headings() -> None:
    blocks = blocks_from_text(
        "一、总体情况\n全年公开信息。\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n三、本年度办理结果\n四、结转下年度继续办理 0\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    sections = sections_from_blocks(blocks)
    assert [s.number for s in sections] == ["一", "三", "四"]
    assert "本年新收" in _section(sections, "三").text


def test_markdown_and_bold_headings() -> None:
    blocks = blocks_from_text("## **一、总体情况**\n正文。\n### （一）主动公开\n公开了。\n", fmt="markdown")
    sections = sections_from_blocks(blocks)
    assert sections[0].number == "一" and sections[0].parts[0].title == "主动公开"


FREE_FORM = """测试市人民政府2015年政府信息公开工作年度报告
本报告所列数据统计期限自2015年1月1日起至2015年12月31日止。
一、概述
2015年，测试市人民政府认真贯彻《条例》。
二、主动公开政府信息情况
全年主动公开政府信息1200条。
三、依申请公开政府信息情况
全年受理申请35件，均按时答复。
四、政府信息公开的收费及减免情况
未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
发生行政复议1件。
六、政府信息公开工作存在的主要问题及改进措施
（一）存在的问题。公开深度不够。
七、其他需要报告的事项
无。
"""


def test_free_form_report_keeps_its_own_numbering() -> None:
    from index.parsing import parse_report

    report = parse_report("2015.txt", data=FREE_FORM.encode())
    assert [s.number for s in report.sections] == ["", "一", "二", "三", "四", "五", "六", "七"]
    assert report.sections[4].title == "政府信息公开的收费及减免情况"
    assert (report.agency, report.year, report.template) == ("测试市人民政府", 2015, "free-form")
    assert report.facts == ()
    assert any("自由格式" in w for w in report.warnings)
