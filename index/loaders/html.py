"""HTML loader: a whole government page (or a fragment) → Blocks (lxml).

What the page says about itself (<title>, <meta> tags, headings, breadcrumb, 「来源：」
fields) is read first, from the whole page (`index.loaders.page_signals`). Then site
chrome (navigation, headers, footers, scripts, styles) is dropped and the article is
located as the smallest element that still holds the report's structure (section titles,
tables). Paragraphs and <br>-separated lines become text Blocks; each <tr> of a data table
becomes one row Block with colspan/rowspan expanded (rules in `index.loaders.cells`).
Layout tables (ones that contain other tables, or long prose in a cell) are read as
containers. Location.line is the 1-based index of the block.
"""

from __future__ import annotations

from typing import TypeAlias

import lxml.html
from lxml import etree

from index.errors import UnreadableFileError
from index.loaders.cells import clean_cell, clean_line, is_label, row_block, text_block
from index.loaders.page_signals import page_signals
from index.models import Block, Location, PageSignal

_CODE = ("script", "style", "noscript", "template")
_DROP = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "aside",
         "form", "button", "select", "template", "svg", "head", "object", "embed", "title",
         "del")  # <del>: text deleted in a revision (Word exports unaccepted changes so)
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
          "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "tr", "td",
          "th", "caption", "hr", "body", "html", "table", "tbody", "thead", "tfoot"}
_CONTAINERS = ("div", "article", "section", "main", "td", "body")
# Words of the six section titles and tables; the article is where they are.
_MARKERS = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请", "行政复议",
            "存在的主要问题", "其他需要报告的事项", "第二十条")
_MAX_MARKER_COUNT = 3
_LONG_CELL = 300
_EMPTY_MESSAGE = "网页中没有可读的正文内容。请确认保存的是年度报告页面本身。 (empty HTML page)"

Element: TypeAlias = lxml.html.HtmlElement


def html_blocks(markup: str) -> tuple[Block, ...]:
    return html_document(markup)[0]


def html_document(markup: str) -> tuple[tuple[Block, ...], tuple[PageSignal, ...]]:
    """(blocks of the article, signals of the whole page). Signals are read before the
    site chrome is dropped; the article text never gets words of the chrome."""
    root = _parse(markup)
    _drop_code(root)
    signals = page_signals(root)
    _drop_chrome(root)
    article = find_article(root)
    walker = _Walker()
    walker.walk(article)
    walker.flush()
    return tuple(walker.blocks), signals


def _parse(markup: str) -> Element:
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFileError(_EMPTY_MESSAGE) from exc


def _drop_code(root: Element) -> None:
    """Scripts, styles, comments: never text of the page."""
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction, *_CODE)):
        if node.getparent() is not None:
            node.drop_tree()


def _drop_chrome(root: Element) -> None:
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction, *_DROP)):
        if node.getparent() is not None:
            node.drop_tree()


def find_article(root: Element) -> Element:
    """The smallest element holding as many report markers as the whole page."""
    body = root.find("body")
    body = body if body is not None else root
    body_text = body.text_content()
    best, best_len = body, len(body_text)
    best_score = _score(body, body_text)
    for node in body.iter(*_CONTAINERS):
        text = node.text_content()
        if len(text) < best_len and _score(node, text) >= best_score:
            best, best_len = node, len(text)
    if best.tag in ("table", "td") and not _is_layout_table(_table_of(best)):
        parent = next((a for a in best.iterancestors(*_CONTAINERS) if a.tag != "td"), body)
        return parent
    return best


def _score(node: Element, text: str | None = None) -> int:
    """Occurrences of the report's structural words (a preamble listing them has one each)."""
    text = node.text_content() if text is None else text
    return sum(min(text.count(marker), _MAX_MARKER_COUNT) for marker in _MARKERS)


def _table_of(node: Element) -> Element:
    if node.tag == "table":
        return node
    return next(node.iterancestors("table"), node)


def _is_layout_table(table: Element) -> bool:
    if table.tag != "table":
        return False
    if next(table.iterdescendants("table"), None) is not None:
        return True
    rows = list(table.iter("tr"))
    if rows and all(len(_cells(r)) <= 1 for r in rows):
        return True
    return any(len(c.text_content()) > _LONG_CELL for c in table.iter("td", "th"))


def _cells(tr: Element) -> list[Element]:
    return [c for c in tr if c.tag in ("td", "th")]


class _Walker:
    """Collects text lines and table rows from a DOM subtree, in document order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[str] = []

    def _location(self) -> Location:
        return Location(line=len(self.blocks) + 1)

    def flush(self) -> None:
        text = clean_line("".join(self.lines))
        self.lines = []
        if text:
            self.blocks.append(text_block(text, self._location()))

    def _add(self, text: str | None) -> None:
        if text:
            self.lines.append(text.replace("\n", " "))

    def walk(self, node: Element) -> None:
        self._add(node.text)
        for child in node:
            if isinstance(child.tag, str):
                self._tag(child)
            self._add(child.tail)

    def _tag(self, node: Element) -> None:
        if node.tag == "br":
            self.flush()
        elif node.tag == "table" and not _is_layout_table(node):
            self.flush()
            for cells in table_grid(node):
                if any(cells):
                    self.blocks.append(row_block(cells, self._location()))
        elif node.tag in _BLOCK:
            self.flush()
            self.walk(node)
            self.flush()
        else:
            self.walk(node)


def table_grid(table: Element) -> list[list[str]]:
    """Rows of a data table with colspan/rowspan expanded (see index.loaders.cells)."""
    grid: dict[tuple[int, int], tuple[str, bool]] = {}  # (row, col) -> (text, emitted)
    rows = list(table.iter("tr"))
    for r, tr in enumerate(rows):
        c = 0
        for cell in _cells(tr):
            while (r, c) in grid:
                c += 1
            text = clean_cell(cell.text_content())
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = (text, dc == 0 and (dr == 0 or is_label(text)))
            c += colspan
    return [_grid_row(grid, r) for r in range(len(rows))]


def _grid_row(grid: dict[tuple[int, int], tuple[str, bool]], r: int) -> list[str]:
    cols = sorted(c for (row, c) in grid if row == r)
    return [grid[(r, c)][0] for c in cols if grid[(r, c)][1]]


def _span(cell: Element, attr: str) -> int:
    raw = str(cell.get(attr) or "1").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    return max(1, min(int(digits or 1), 100))
