"""What a government web page says about itself outside the report text.

Read from the whole page BEFORE site chrome is dropped (the article extraction keeps only
the report body): the <title>, the <meta> tags of Chinese government CMSs (the national
government-website metadata conventions: ArticleTitle, SiteName, ColumnName,
ContentSource, PubDate …, plus Open Graph / Dublin Core), h1–h3 and title-styled blocks,
the breadcrumb, and page-info fields (「来源：」「发布机构」 lines and 信息公开目录 header
tables). Links are never signals: sidebars and 「相关文章」 lists name other reports.
"""

from __future__ import annotations

from typing import TypeAlias

import re

import lxml.html

from index.loaders.cells import clean_cell, clean_line
from index.loaders.fields import breadcrumb, cell_fields, line_fields
from index.models import PageSignal

Element: TypeAlias = lxml.html.HtmlElement

# <meta name|property> (lower case) → signal kind.
META_KINDS: dict[str, str] = {
    "articletitle": "title", "og:title": "title", "dc.title": "title", "dcterms.title": "title",
    "twitter:title": "title", "title": "title", "subject": "title",
    "contentsource": "agency", "dc.publisher": "agency", "publisher": "agency",
    "dc.creator": "agency", "source": "agency",
    "sitename": "site", "og:site_name": "site", "application-name": "site",
    "columnname": "column",
    "pubdate": "date", "publishdate": "date", "firstpublishedtime": "date", "dc.date": "date",
    "article:published_time": "date", "dcterms.created": "date",
}
_HEADINGS = ("h1", "h2", "h3")
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|tit|bt|biaoti|headline|arttitle|art_title|"
                          r"news_title|article-title|xl_title|con_title|detail_title|wzbt)(?:$|[\s_-])", re.I)
_CRUMB_CLASS = re.compile(r"crumb|weizhi|position|location|dqwz|dangqian|nav-?path|lujing|posi|"
                          r"current-?path|(?:^|[\s_-])path(?:$|[\s_-])", re.I)
_FIELD_TAGS = ("p", "div", "span", "li", "font", "em", "small", "dd", "dt", "label", "h4", "h5", "h6")
# Text that may hold a field key (the stems of index.loaders.fields.FIELD_KEYS).
_KEY_STEM = re.compile("来源|发布|发文|部门|主体|单位|机构|标题|名称|题名|日期|时间|主办")
_MAX_SHORT = 160
_MAX_HEADING = 120
_SKIP_TEXT = re.compile(r"^(?:相关|上一篇|下一篇|上篇|下篇|推荐|热点|附件)")


def page_signals(root: Element) -> tuple[PageSignal, ...]:
    """Signals of a parsed page (call before any chrome is dropped; scripts may be gone)."""
    found: list[PageSignal] = []
    found += _title_tag(root)
    found += _meta_tags(root)
    found += _headings(root)
    found += _breadcrumbs(root)
    found += _fields(root)
    return tuple(dict.fromkeys(s for s in found if s.text))


def _title_tag(root: Element) -> list[PageSignal]:
    node = root.find(".//title")
    if node is None:
        return []
    return [PageSignal("page_title", clean_line(node.text_content()), "<title>")]


def _meta_tags(root: Element) -> list[PageSignal]:
    out: list[PageSignal] = []
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip()
        kind = META_KINDS.get(name.lower())
        content = clean_line(meta.get("content") or "")
        if kind and content:
            out.append(PageSignal(kind, content, f"meta:{name}"))
    return out


def _in_link(node: Element) -> bool:
    return node.tag == "a" or next(node.iterancestors("a"), None) is not None or \
        next(node.iterdescendants("a"), None) is not None


def _headings(root: Element) -> list[PageSignal]:
    """h1–h3 and title-styled blocks that are not links (sidebars list other reports)."""
    out: list[PageSignal] = []
    for node in root.iter(*_HEADINGS, "div", "p", "td", "span", "strong", "font"):
        is_heading = node.tag in _HEADINGS
        if not is_heading:
            names = node.get("class"), node.get("id")
            if names == (None, None) or not _TITLE_CLASS.search(f"{names[0] or ''} {names[1] or ''}"):
                continue
        text = clean_cell(node.text_content())
        if not text or len(text) > _MAX_HEADING or _in_link(node) or _SKIP_TEXT.match(text):
            continue
        out.append(PageSignal("heading", text, node.tag if is_heading else "title_block"))
    return out


def _breadcrumbs(root: Element) -> list[PageSignal]:
    out: list[PageSignal] = []
    for node in root.iter("div", "p", "span", "td", "ul", "ol", "nav"):
        names = node.get("class"), node.get("id")
        if names == (None, None) or not _CRUMB_CLASS.search(f"{names[0] or ''} {names[1] or ''}"):
            continue
        text = clean_line(" > ".join(t.strip() for t in node.itertext() if t.strip()))
        if _SKIP_TEXT.match(text):
            continue
        crumb = breadcrumb(text) or breadcrumb("当前位置：" + text)
        if crumb and len(crumb) <= _MAX_SHORT:
            out.append(PageSignal("breadcrumb", crumb, "breadcrumb"))
    return out


def _fields(root: Element) -> list[PageSignal]:
    """「来源：」-style fields in short elements, and key/value rows of header tables. Only
    text that holds a field key is looked at (the page's tables of figures
    are never read cell by cell)."""
    out: list[PageSignal] = []
    seen: set[int] = set()
    for node in _holding_keys(root):
        line = _line_of(node)
        if line is None or id(line) in seen:
            continue
        seen.add(id(line))
        if line.tag == "tr":
            cells = [clean_cell(c.text_content()) for c in line if c.tag in ("td", "th")]
            if 2 <= len(cells) <= 8 and all(len(c) <= _MAX_SHORT for c in cells):
                out += cell_fields(cells)
            continue
        text_line = clean_line(" ".join(_own_text(line)))
        if text_line and len(text_line) <= _MAX_SHORT:
            out += [s for s in line_fields(text_line) if s.kind != "breadcrumb"]
    return out


def _holding_keys(root: Element) -> list[Element]:
    """Elements whose own text (or text right after them, in their parent) holds a key."""
    found: list[Element] = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.text and _KEY_STEM.search(node.text):
            found.append(node)
        if node.tail and _KEY_STEM.search(node.tail) and node.getparent() is not None:
            found.append(node.getparent())
    return found


def _line_of(node: Element | None) -> Element | None:
    """The element a field is printed in: its table row, or its nearest block."""
    while node is not None and isinstance(node.tag, str):
        if node.tag in ("td", "th"):
            return node.getparent()
        if node.tag in _FIELD_TAGS:
            return node
        node = node.getparent()
    return None


def _own_text(node: Element) -> list[str]:
    """The node's text without its block-level children (each is visited on its own)."""
    parts = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag in ("div", "p", "li", "table", "ul", "ol", "dl"):
            parts.append(" ")
        elif isinstance(child.tag, str):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return ["".join(parts)]
