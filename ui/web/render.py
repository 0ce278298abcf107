"""Answers and citations as safe HTML for the chat bubbles.

Every piece of text that comes from a report or from a user goes through `html.escape`;
the structure (paragraphs, one <details> block 「引用来源（N 条）」 holding the citations
grouped by report and table, a <details> per table figure, the 「查看原文」 links to our own
/api/reports/…/source route) is ours. Gradio's Chatbot sanitizes on
top of that (sanitize_html=True), so a report containing <script> or <img onerror=…>
shows up as literal text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Citation

TABLE_NAMES = {"二": "表二", "三": "表三", "四": "表四"}
SOURCE_LINK = "查看原文"
SOURCE_PREFIX = "/api/reports/"
OPEN_UP_TO = 3  # the citation block starts open for this many citations or fewer
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def esc(text: object) -> str:
    """HTML-escape any value for use as element text or attribute value."""
    return html.escape("" if text is None else str(text), quote=True)


def esc_inline(text: str) -> str:
    """Escaped text on one line: a blank line inside a quote would end Gradio's HTML block."""
    return esc(" ".join(text.split()))


def esc_markdown(text: str) -> str:
    """Escape text that Gradio renders as markdown: HTML first, then markdown syntax."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", esc(text))


def user_bubble(question: str) -> str:
    """A user's question as it is shown in the chat: escaped text (markdown and HTML)."""
    return esc_markdown(" ".join(question.split()))


def _paragraphs(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{esc(line)}</p>" for line in lines) or "<p></p>"


def _value(value: Any) -> str:
    return "" if value is None else esc(value)


def source_link(url: str | None, label: str = SOURCE_LINK) -> str:
    """「查看原文」: the original file in a new tab. Only links to our own source route."""
    if not url or not url.startswith(SOURCE_PREFIX):
        return ""
    return (f'<a class="cite-link" href="{esc(url)}" target="_blank" rel="noopener" '
            f'title="在新窗口打开报告原文">{esc(label)}</a>')


def _item_label(c: Citation, with_row: bool) -> str:
    """The short line of a citation inside its group: row (unless the heading names it),
    column and value, e.g. 「信访举报投诉类申请 · 总计 ＝ 1」."""
    parts = [c.row_label or c.row or ""] if with_row else []
    parts.append(c.column_label or c.column or "")
    text = " · ".join(part for part in parts if part)
    if c.value is not None:
        text = f"{text} ＝ {c.value}" if text else f"＝ {c.value}"
    return text


def _source_line(c: Citation) -> str:
    where = " · ".join(part for part in (c.source or c.report, c.section) if part)
    return f'<div class="cite-source">来源：{esc(where)}</div>'


def citation_html(c: Citation, with_row: bool = True) -> str:
    """One citation inside its group. A table figure is collapsible: 「[n] row · column ＝ value」
    with its 「查看原文」 link, then the quoted source text and location. A prose citation keeps
    its quote visible."""
    link = source_link(c.url)
    link = f" {link}" if link else ""
    quote = f'<blockquote class="cite-quote">{esc_inline(c.quote)}</blockquote>' if c.quote else ""
    n = esc(c.n)
    marker = f'<span class="cite-n">[{n}]</span>'
    if not c.table:
        return (f'<div class="cite cite-prose" id="cite-{n}">'
                f'<div class="cite-head">{marker}{link}</div>{quote}{_source_line(c)}</div>')
    label = _item_label(c, with_row)
    return (
        f'<details class="cite" id="cite-{n}"><summary>{marker} {esc(label)}{link}</summary>'
        f'{quote}{_source_line(c)}</details>'
    )


def _row_grouped(c: Citation) -> bool:
    """Tables 二 and 四 have few rows with many columns: their groups are one row each."""
    return c.table in ("二", "四")


def _group_key(c: Citation) -> tuple[object, ...]:
    return (c.report, c.year, c.agency, c.section, c.table,
            (c.row_label or c.row) if _row_grouped(c) else None)


def group_heading(c: Citation) -> str:
    """「2024年 淮安市洪泽区人民政府 · 表三」 (a table-二/四 group adds its row; prose its section)."""
    parts = [f"{c.year}年 {c.agency}"]
    if c.table:
        parts.append(TABLE_NAMES.get(c.table, c.table))
        if _row_grouped(c):
            parts.append(c.row_label or c.row or "")
    else:
        parts.append(c.section)
    return " · ".join(part for part in parts if part)


def citation_groups(citations: Sequence[Citation]) -> list[list[Citation]]:
    """Runs of consecutive citations from the same report, section and table (and row, for
    tables 二/四). Only neighbours are merged, so the markers [n] stay in their order."""
    groups: list[list[Citation]] = []
    for c in citations:
        if groups and _group_key(groups[-1][-1]) == _group_key(c):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def citations_html(citations: Sequence[Citation]) -> str:
    """Every citation of an answer in one collapsible block 「引用来源（N 条）」, open when
    there are few, grouped under 「year agency · table」 headings."""
    if not citations:
        return ""
    groups = []
    for group in citation_groups(citations):
        first = group[0]
        items = "".join(citation_html(c, with_row=not _row_grouped(c)) for c in group)
        groups.append(f'<div class="cite-group"><div class="cite-group-head" title="{esc(first.section)}">'
                      f"{esc(group_heading(first))}</div>{items}</div>")
    is_open = " open" if len(citations) <= OPEN_UP_TO else ""
    return (
        f'<details class="cites"{is_open}><summary class="cites-title">'
        f"引用来源（{len(citations)} 条）</summary>"
        f'<div class="cites-hint">点击每一条可展开引文，点「{SOURCE_LINK}」打开报告文件。</div>'
        f'{"".join(groups)}</details>'
    )


def answer_text_html(text: str) -> str:
    """The answer text while it streams (no citations yet)."""
    return f'<div class="a-text">{_paragraphs(text)}</div>'


def answer_html(answer: Answer) -> str:
    """The full bubble: answer text, warnings, options, then the citation block."""
    parts = [answer_text_html(answer.text)]
    if answer.warnings:
        items = "".join(f"<li>{esc(w)}</li>" for w in answer.warnings)
        parts.append(f'<div class="a-warn"><strong>注意：</strong><ul>{items}</ul></div>')
    if answer.options:
        items = "".join(f"<li>{esc(o)}</li>" for o in answer.options)
        parts.append(f'<div class="a-options">您可以选择：<ul>{items}</ul></div>')
    if answer.citations:
        parts.append(citations_html(answer.citations))
    return "".join(parts)
