"""Unit tests of the parser changes made for the unseen reports (tests/data/unseen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.loaders.docx_numbering import chinese_number
from index.models import Block, Location
from index.parsing.agency import fullest_name
from index.parsing.headings import level1
from index.parsing.metadata import Metadata, read_metadata
from index.parsing.tables.stream import text_pieces
from index.parsing.tables.table3_rows import run_candidates

BODY = "本报告由湘潭市岳塘区人力资源和社会保障局编制。一、总体情况 本年度，我局主动公开信息。"


def _meta(*lines: str) -> Metadata:
    blocks = tuple(Block("text", line, Location(line=i)) for i, line in enumerate(lines, start=1))
    return read_metadata(blocks)


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (6, "六"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九")])
def test_chinese_list_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text


def test_short_title_name_expands_to_full_body_name() -> None:
    assert fullest_name("岳塘区人社局", BODY) == "湘潭市岳塘区人力资源和社会保障局"


@pytest.mark.parametrize("title", ["岳塘区人社局政府信息公开工作年度报告（2022年度）",
                                   "岳塘区人社局政府信息公开工作年度报告(2022年)"])
def test_year_in_brackets_after_the_title(title: str) -> None:
    meta = _meta(title, BODY)
    assert (meta.title, meta.agency, meta.year) == (title, "湘潭市岳塘区人力资源和社会保障局", 2022)


def test_page_info_line_is_not_joined_to_the_title() -> None:
    meta = _meta("发布日期：2023年1月18日 来源：本站", "二〇二二年政府信息公开工作年度报告", BODY)
    assert meta.title == "二〇二二年政府信息公开工作年度报告"
    assert (meta.agency, meta.year) == ("湘潭市岳塘区人力资源和社会保障局", 2022)


def test_wrapped_label_with_open_bracket_keeps_its_numbers() -> None:
    pieces = text_pieces("（二）部分公开（区分处理的，只计这一情形，不计其他 1 0 0 0 0 0 1", Location(line=1))
    numbers = [p for p in pieces if p.kind == "numbers"]
    assert len(numbers) == 1 and not numbers[0].in_parens


def test_remark_in_brackets_is_still_a_remark() -> None:
    pieces = text_pieces("行政规范性文件 22（其中修订 16 件）", Location(line=1))
    assert [p.in_parens for p in pieces if p.kind == "numbers"] == [False, True]


def test_six_numbers_apart_mean_one_blank_cell() -> None:
    """The last adds up the others: it is the 总计, one applicant cell is blank (which one
    the table's checks decide); a blank 总计 is tried only when they fail."""
    readings = run_candidates(("2", "0", "0", "0", "0", "2"))
    assert readings.placed and readings.candidates[0] == (2, 0, 0, 0, 0, None, 2)
    assert (None, 2, 0, 0, 0, 0, 2) in readings.candidates
    assert readings.fallback == ((2, 0, 0, 0, 0, 2, None),)


def test_six_numbers_not_adding_up_leave_the_total_blank() -> None:
    assert run_candidates(("3", "1", "0", "0", "0", "1")).candidates == ((3, 1, 0, 0, 0, 1, None),)


def test_run_together_digits_still_split_first() -> None:
    readings = run_candidates(("0", "0", "0", "0", "0", "00"))
    assert readings.candidates == ((0, 0, 0, 0, 0, 0, 0),) and not readings.placed


def test_two_numbers_are_never_taken_for_natural_person_and_total() -> None:
    """「5 5」: 总计 5, and 5 in one of six applicant columns — no guess which."""
    readings = run_candidates(("5", "5"))
    assert {c[6] for c in readings.candidates} == {5}
    assert {next(i for i, v in enumerate(c) if v == 5) for c in readings.candidates} == set(range(6))


@pytest.mark.parametrize(("title_name", "text", "full"), [
    ("区人社局", BODY, "湘潭市岳塘区人力资源和社会保障局"),
    ("区政府办", "本报告由淮安市洪泽区人民政府办公室编制。", "淮安市洪泽区人民政府办公室"),
    ("区人社局", "本报告由湘潭市人力资源和社会保障局编制。", "区人社局"),  # a 市 body is not the 区's
])
def test_bare_level_title_name_takes_the_place_from_the_text(title_name: str, text: str, full: str) -> None:
    assert fullest_name(title_name, text) == full


@pytest.mark.parametrize(("line", "number"), [
    ("第一部分 总体情况", "一"), ("第三部分：收到和处理政府信息公开申请情况", "三"),
    ("五 存在的主要问题及改进情况", "五"), ("6. 其他需要报告的事项", "六"),
    ("## 主动公开政府信息情况", "二"), ("总体情况", "一"),
])
def test_section_headings_numbered_otherwise_or_not_at_all(line: str, number: str) -> None:
    heading = level1(line)
    assert heading is not None and (heading.number, heading.canonical) == (number, number)


@pytest.mark.parametrize("line", ["总体情况良好，全年主动公开信息120条。", "1.属于国家秘密", "3.其他",
                                  "一 本年新收政府信息公开申请数量", "主要问题"])
def test_not_section_headings(line: str) -> None:
    assert level1(line) is None


@pytest.mark.parametrize(("text", "runs"), [
    ("二、上年结转 0 — — — — — 0", [("0", "", "", "", "", "", "0")]),
    ("2.其他法律行政法规禁止公开 / / / / / / /", [("",) * 7]),
    ("—", [("",)]),
    ("坚持公开为常态 —— 不公开为例外", []),
    ("行政许可 58 -3 1264", [("58", "-3", "1264")]),
    ("2019-2020年", [("2019",), ("-2020",)]),
])
def test_blank_cells_printed_as_dashes_or_slashes(text: str, runs: list[tuple[str, ...]]) -> None:
    pieces = text_pieces(text, Location(line=1))
    assert [p.tokens for p in pieces if p.kind == "numbers"] == runs


def test_row_with_dash_cells_reads_them_blank() -> None:
    assert run_candidates(("0", "", "", "", "", "", "0")).candidates == ((0, None, None, None, None, None, 0),)


def test_six_zeros_mean_a_blank_total() -> None:
    assert run_candidates(("0",) * 6).candidates == ((0, 0, 0, 0, 0, 0, None),)


def test_docx_numbering_from_the_paragraph_style(tmp_path: Path) -> None:
    """Headings numbered by their style (numPr in the style, not the paragraph)."""
    from docx import Document
    from docx.oxml import parse_xml

    from index.loaders import load_document
    from tests.parsing.unseen_docx import NUM_ID, _add_numbering

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = Document()
    _add_numbering(doc)
    style = doc.styles["Heading 2"].element.get_or_add_pPr()
    style.append(parse_xml(f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="0"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))
    for title in ("总体情况", "主动公开政府信息情况"):
        doc.add_paragraph(title, style="Heading 2")
        doc.add_paragraph("正文。")
    doc.save(str(tmp_path / "styled.docx"))
    texts = [b.text for b in load_document(tmp_path / "styled.docx").blocks]
    assert texts == ["一、总体情况", "正文。", "二、主动公开政府信息情况", "正文。"]


def test_docx_sub_lists_restart_with_start_override(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml

    from index.loaders import load_document
    from tests.parsing.unseen_docx import _add_numbering, _numbered

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = Document()
    _add_numbering(doc)
    root = doc.part.numbering_part.element
    for num_id in ("91", "92"):  # sub-lists of the same abstract list, restarting at 1
        root.append(parse_xml(
            f'<w:num xmlns:w="{w}" w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    _numbered(doc, "总体情况", 0)
    for num_id, title in (("91", "主动公开"), ("91", "依申请公开"), ("92", "平台建设")):
        paragraph = doc.add_paragraph(title)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="1"/><w:numId w:val="{num_id}"/></w:numPr>'))
    doc.save(str(tmp_path / "restart.docx"))
    texts = [b.text for b in load_document(tmp_path / "restart.docx").blocks]
    assert texts == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "（一）平台建设"]
