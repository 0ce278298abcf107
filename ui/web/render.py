"""Answers as safe HTML for the chat bubbles.

Every piece of text that comes from a report or from a user goes through `html.escape`;
the structure is ours: the answer text whose markers [n] are links to their citations
(with a popover that shows the cited cell), the chart of a trend (ui.web.charts), notes,
and the citation block (ui.web.cites). Gradio's Chatbot sanitizes on top of that
(sanitize_html=True), so a report containing <script> or <img onerror=…> shows up as
literal text. Links only ever point at our own routes.

Ids: each answer gets a short random key; citation n of that answer is `a<key>-<n>`, and a
marker links to `#a<key>-<n>` (a range [3–8] to `#a<key>-3-8`). ui/web/static/chat.js opens
and highlights the citation on click or Enter; without script the browser still jumps there.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from urllib.parse import urlencode

from assistant.models import Answer, Citation
from ui.web.charts import chart_html
from ui.web.cites import citations_html, popover_html
from ui.web.safe import esc, esc_inline, source_link

OUTSIDE_SCOPE = "outside_scope"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_MARKER = re.compile(r"\[(\d+)(?:[–—~\-](\d+))?\]")

__all__ = ["answer_html", "answer_text_html", "esc", "esc_inline", "source_link", "user_bubble"]


def esc_markdown(text: str) -> str:
    """Escape text that Gradio renders as markdown: HTML first, then markdown syntax."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", esc(text))


def user_bubble(question: str) -> str:
    """A user's question as it is shown in the chat: escaped text (markdown and HTML)."""
    return esc_markdown(" ".join(question.split()))


def new_key() -> str:
    return uuid.uuid4().hex[:8]


def _marker_link(match: re.Match[str], by_n: dict[int, Citation], key: str) -> str:
    first = int(match.group(1))
    last = int(match.group(2) or first)
    cited = [by_n[n] for n in range(first, last + 1) if n in by_n]
    if last < first or len(cited) != last - first + 1:
        return match.group(0)  # not ours: leave the text as it is
    target = f"a{key}-{first}" if first == last else f"a{key}-{first}-{last}"
    return (f'<a class="cite-ref" href="#{target}" role="button">'
            f'{match.group(0)}{popover_html(cited)}</a>')


def _paragraphs(text: str, citations: Sequence[Citation] = (), key: str = "") -> str:
    by_n = {c.n: c for c in citations}
    lines = [line for line in text.splitlines() if line.strip()]
    parts = []
    for line in lines:
        escaped = esc(line)
        if by_n:
            escaped = _MARKER.sub(lambda m: _marker_link(m, by_n, key), escaped)
        parts.append(f"<p>{escaped}</p>")
    return "".join(parts) or "<p></p>"


def answer_text_html(text: str) -> str:
    """The answer text while it streams (no citations yet), or a plain note."""
    return f'<div class="a-text">{_paragraphs(text)}</div>'


def full_page_link(question: str) -> str:
    """「在完整问答页提问」: the chat page in a new tab with the question filled in."""
    href = "/?" + urlencode({"q": " ".join(question.split())[:500]})
    return (f'<p class="a-elsewhere"><a href="{esc(href)}" target="_blank" rel="noopener">'
            "在完整问答页提问 ↗</a></p>")


def answer_html(answer: Answer, question: str = "", key: str | None = None) -> str:
    """The full bubble: text with linked markers, chart, notes, then the citation block."""
    key = key or new_key()
    parts = [f'<div class="a-text">{_paragraphs(answer.text, answer.citations, key)}</div>']
    if answer.meta.get("status") == OUTSIDE_SCOPE:
        parts.append(full_page_link(question))
    if answer.series:
        parts.append(chart_html(answer.series))
    if answer.warnings:
        items = "".join(f"<li>{esc(w)}</li>" for w in answer.warnings)
        parts.append(f'<div class="a-warn"><strong>注意：</strong><ul>{items}</ul></div>')
    if answer.citations:
        parts.append(citations_html(answer.citations, key))
    return f'<div class="ans" id="a{key}">{"".join(parts)}</div>'
