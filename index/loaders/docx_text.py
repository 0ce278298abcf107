"""Text of DOCX paragraphs and table cells as Word shows them.

python-docx's `Paragraph.text` reads only the paragraph's direct runs and hyperlinks, so a
figure typed with change tracking on (a run inside <w:ins>, left unaccepted) or inside a
smart tag / content control / simple field is lost. This reads every visible text node
instead, skipping deleted text (<w:del>, <w:moveFrom>), text boxes (their paragraphs are
separate text) and the fallback copy of alternate content.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}instrText",
         f"{_W}delText", f"{_W}rPr", f"{_W}pPr"}
_TEXT = f"{_W}t"
_BREAKS = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}tab": "\t"}


def paragraph_text(p: Any) -> str:
    """Visible text of a <w:p> element (tracked insertions included, deletions left out)."""
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(node: Any, parts: list[str]) -> None:
    for child in node.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag in _BREAKS:
            parts.append(_BREAKS[tag])
        else:
            _collect(child, parts)


def cell_text(tc: Any) -> str:
    """Text of a table cell (<w:tc>): its paragraphs, one per line."""
    return "\n".join(paragraph_text(p) for p in tc.iterchildren(f"{_W}p"))
