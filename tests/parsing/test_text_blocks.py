"""blocks_from_text: plain text / Markdown → Blocks."""

from __future__ import annotations

from index.loaders.text import blocks_from_text
from index.models import Location


def test_tab_and_pipe_rows_keep_empty_cells() -> None:
    text = "标题\n规章\t0\t\t3\n| 一、本年新收 | 26 |  | 26 |\n|---|---|---|---|\n"
    blocks = blocks_from_text(text)
    assert [b.kind for b in blocks] == ["text", "row", "row"]
    assert blocks[1].cells == ("规章", "0", "", "3")
    assert blocks[2].cells == ("一、本年新收", "26", "", "26")


def test_line_numbers_are_those_of_the_original_text() -> None:
    blocks = blocks_from_text("\n\n第一行\n\n| a | 1 |\n")
    assert [b.location for b in blocks] == [Location(line=3), Location(line=5)]


def test_page_markers_and_separator_lines_are_dropped() -> None:
    text = "正文\n- 4 -\n— 5 —\n第 6 页\n---------\t---\n| :--- | ---: |\n结束"
    assert [b.text for b in blocks_from_text(text)] == ["正文", "结束"]


def test_markdown_headings_lose_their_hashes() -> None:
    blocks = blocks_from_text("## 三、收到和处理政府信息公开申请情况\n", fmt="markdown")
    assert blocks[0].text == "三、收到和处理政府信息公开申请情况"


def test_space_separated_numbers_stay_text() -> None:
    blocks = blocks_from_text("（一）予以公开 50 0 0 0 0 0 50")
    assert blocks[0].kind == "text"


def test_pipe_rows_without_outer_pipes_under_a_separator_line() -> None:
    """html2text writes 「a | b」 rows; an empty last cell leaves a pipe at the end."""
    text = "三、收到和处理\n申请人情况 | 自然人 | 总计\n---|---|---\n（一）予以公开 | 5 | \n说明 | 不在表中\n\n正文"
    blocks = blocks_from_text(text)
    assert [b.kind for b in blocks] == ["text", "row", "row", "row", "text"]
    assert blocks[2].cells == ("（一）予以公开", "5", "")
    assert blocks_from_text("甲 | 乙")[0].kind == "text"  # no separator line: running text
