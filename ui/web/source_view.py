"""The readable source view of a report: its file as the loader read it — text lines and
table rows, each with the line number citations use — with the cited line highlighted
and scrolled to (`#cited`), and the cited words in it marked.

Everything from the report is escaped text: an HTML report is shown as clean text with its
tables drawn, never as its own markup, so nothing in it can run or load anything; the page
is also served sandboxed (ui.web.pages). Line numbers are the `Location.line` of the
blocks: the file's line for text and Markdown, the block's number for HTML and DOCX, the
line on the page for PDF (with the page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.models import Block, SourceDocument
from ui.web.safe import esc

FORMAT_NAMES = {"html": "网页", "pdf": "PDF", "docx": "Word 文档", "text": "文本", "markdown": "Markdown 文本"}
NOTE = ("以下是报告文件的文字内容（表格按行画出），左侧行号与引用中的“第N行”一致；"
        "引用的那一行以黄色标出。原文中的图片、链接和脚本不显示。")


@dataclass(frozen=True)
class Target:
    line: int | None = None
    page: int | None = None
    mark: str = ""


def _line_id(block: Block) -> str:
    loc = block.location
    return f"P{loc.page}-L{loc.line}" if loc.page is not None else f"L{loc.line}"


def _is_target(block: Block, target: Target) -> bool:
    loc = block.location
    if target.line is None or loc.line != target.line:
        return False
    return target.page is None or loc.page == target.page


def _marked(text: str, mark: str, cited: bool) -> tuple[str, bool]:
    """Escaped text with the first occurrence of `mark` wrapped in <mark id="cited">."""
    if cited and mark:
        for probe in (mark, mark[:24], mark[:12]):
            at = text.find(probe) if len(probe) >= 2 else -1
            if at >= 0:
                end = at + len(probe)
                marked = f'{esc(text[:at])}<mark id="cited">{esc(text[at:end])}</mark>{esc(text[end:])}'
                return marked, True
    return esc(text), False


ANCHOR = '<span class="anchor" id="cited"></span>'
FIGURE = re.compile(r"[\s\d.,，%％+\-－—]*")  # a figure, a percentage, a dash or nothing
SHORT_LABEL = 6  # characters: a column head such as 「社会公益组织」 stays on one line


def cell_class(text: str) -> str:
    """How a source table cell may wrap on a narrow screen: 「n」 a figure (never), 「s」 a
    short label (never), 「t」 longer text (wraps, but keeps a readable width)."""
    text = text.strip()
    if FIGURE.fullmatch(text):
        return "n"
    return "s" if len(text) <= SHORT_LABEL else "t"


def _text_line(block: Block, target: Target) -> str:
    cited = _is_target(block, target)
    text, marked = _marked(block.text, target.mark, cited)
    anchor = ANCHOR if cited and not marked else ""
    css = "src-line hl" if cited else "src-line"
    ident = _line_id(block)
    return (f'<div class="{css}" id="{ident}"><a class="ln" href="#{ident}">{block.location.line}</a>'
            f'<span class="tx">{anchor}{text}</span></div>')


def _table(rows: Sequence[Block], target: Target) -> str:
    width = max(len(r.cells) for r in rows)
    body = []
    for row in rows:
        cited = _is_target(row, target)
        marked_once = False
        cells = []
        for cell in row.cells:
            text, marked = _marked(cell, target.mark, cited and not marked_once)
            marked_once = marked_once or marked
            cells.append(f'<td class="{cell_class(cell)}">{text}</td>')
        cells += ['<td class="n"></td>'] * (width - len(row.cells))
        anchor = ANCHOR if cited and not marked_once else ""
        ident = _line_id(row)
        css = ' class="hl"' if cited else ""
        body.append(f'<tr id="{ident}"{css}><th class="ln" scope="row">{anchor}'
                    f'<a href="#{ident}">{row.location.line}</a></th>{"".join(cells)}</tr>')
    return f'<div class="src-table"><table><tbody>{"".join(body)}</tbody></table></div>'


def _runs(blocks: Iterable[Block]) -> list[tuple[str, list[Block]]]:
    """Consecutive blocks of one kind (text lines, table rows) on one page."""
    runs: list[tuple[str, list[Block]]] = []
    for block in blocks:
        key = f"{block.kind}:{block.location.page}"
        if runs and runs[-1][0] == key and block.kind == "row":
            runs[-1][1].append(block)
        else:
            runs.append((key, [block]))
    return runs


def source_body(document: SourceDocument, target: Target) -> str:
    parts: list[str] = []
    page: int | None = None
    for key, blocks in _runs(document.blocks):
        first = blocks[0].location.page
        if first is not None and first != page:
            page = first
            parts.append(f'<h2 class="src-page" id="P{page}">第 {page} 页</h2>')
        if key.startswith("row"):
            parts.append(_table(blocks, target))
        else:
            parts.extend(_text_line(b, target) for b in blocks)
    return f'<div class="src">{"".join(parts)}</div>'


def source_page_body(document: SourceDocument, target: Target, *, title: str, meta: str,
                     links: str) -> str:
    kind = FORMAT_NAMES.get(document.format, document.format)
    cited = ""
    if target.line is not None:
        where = f"第{target.page}页" if target.page is not None else ""
        cited = f'<p class="src-jump"><a href="#cited">回到引用的位置（{esc(where)}第{target.line}行）</a></p>'
    head = (f'<header class="page-head"><h1>{esc(title)}</h1><p class="meta">{meta}'
            f"　格式：{esc(kind)}</p><p class=\"links\">{links}</p>"
            f'<p class="note">{esc(NOTE)}</p>{cited}</header>')
    return f'{head}<main>{source_body(document, target)}</main>'
