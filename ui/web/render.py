"""Answers and citations as safe HTML for the chat bubbles.

Every piece of text that comes from a report or from a user goes through `html.escape`;
the structure (paragraphs, <details> for citations, the 「查看原文」 links to our own
/api/reports/…/source route) is ours. Gradio's Chatbot sanitizes on
top of that (sanitize_html=True), so a report containing <script> or <img onerror=…>
shows up as literal text.
"""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.models import Answer, Citation

TABLE_NAMES = {"二": "表二", "三": "表三", "四": "表四"}
SOURCE_LINK = "查看原文"
SOURCE_PREFIX = "/api/reports/"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def esc(text: object) -> str:
    """HTML-escape any value for use as element text or attribute value."""
    return html.escape("" if text is None else str(text), quote=True)


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


def citation_summary(c: Citation) -> str:
    """One line naming where a figure comes from: report, section, row and column."""
    where = [f"{c.year}年 {c.agency}", c.section]
    if c.table:
        where.append(TABLE_NAMES.get(c.table, c.table))
    if c.row_label or c.row:
        where.append(c.row_label or c.row or "")
    if c.column_label or c.column:
        where.append(c.column_label or c.column or "")
    text = " · ".join(part for part in where if part)
    if c.value is not None:
        text += f" ＝ {c.value}"
    return f"[{c.n}] {text}"


def source_link(url: str | None, label: str = SOURCE_LINK) -> str:
    """「查看原文」: the original file in a new tab. Only links to our own source route."""
    if not url or not url.startswith(SOURCE_PREFIX):
        return ""
    return (f'<a class="cite-link" href="{esc(url)}" target="_blank" rel="noopener" '
            f'title="在新窗口打开报告原文">{esc(label)}</a>')


def citation_html(c: Citation) -> str:
    """A collapsible citation: summary line with its 「查看原文」 link, quoted source text
    and location."""
    quote = f'<blockquote class="cite-quote">{esc(c.quote)}</blockquote>' if c.quote else ""
    source = c.source or c.report
    link = source_link(c.url)
    return (
        f'<details class="cite" id="cite-{c.n}"><summary>{esc(citation_summary(c))}'
        f'{" " + link if link else ""}</summary>'
        f'{quote}<div class="cite-source">来源：{esc(source)}</div></details>'
    )


def answer_text_html(text: str) -> str:
    """The answer text while it streams (no citations yet)."""
    return f'<div class="a-text">{_paragraphs(text)}</div>'


def answer_html(answer: Answer) -> str:
    """The full bubble: answer text, warnings, options, then citations (collapsed)."""
    parts = [answer_text_html(answer.text)]
    if answer.warnings:
        items = "".join(f"<li>{esc(w)}</li>" for w in answer.warnings)
        parts.append(f'<div class="a-warn"><strong>注意：</strong><ul>{items}</ul></div>')
    if answer.options:
        items = "".join(f"<li>{esc(o)}</li>" for o in answer.options)
        parts.append(f'<div class="a-options">您可以选择：<ul>{items}</ul></div>')
    if answer.citations:
        cites = "".join(citation_html(c) for c in answer.citations)
        parts.append(
            f'<div class="cites"><div class="cites-title">引用来源（点击展开引文，点「查看原文」打开报告文件）</div>{cites}</div>'
        )
    return "".join(parts)
