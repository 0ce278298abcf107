"""Escaping and the only links we draw: every report or user text goes through `esc`;
`source_link` links to our own report routes only (never a URL from a report)."""

from __future__ import annotations

import html

SOURCE_LINK = "查看原文"
OWN_PREFIXES = ("/api/reports/", "/reports/")  # the only targets of links we draw


def esc(text: object) -> str:
    """HTML-escape any value for use as element text or attribute value."""
    return html.escape("" if text is None else str(text), quote=True)


def esc_inline(text: str) -> str:
    """Escaped text on one line: a blank line inside a quote would end Gradio's HTML block."""
    return esc(" ".join(text.split()))


def own_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(OWN_PREFIXES)


def source_link(url: str | None, label: str = SOURCE_LINK, css: str = "cite-link",
                title: str = "在新窗口打开报告原文") -> str:
    """A link to one of our own report routes, in a new tab; nothing for any other URL."""
    if not own_url(url):
        return ""
    return (f'<a class="{esc(css)}" href="{esc(url)}" target="_blank" rel="noopener" '
            f'title="{esc(title)}">{esc(label)}</a>')
