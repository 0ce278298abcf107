"""Markdown inline markup → plain text, for lines and table cells of a Markdown report.

`**全年主动公开**信息[1,237条](https://…)` → 「全年主动公开信息1,237条」. Emphasis
(``**…**`` ``__…__`` ``*…*`` ``_…_``), inline code, links, images (their alt text) and
autolinks lose their markup and keep their text; backslash escapes (``\\*``) keep the
character. Digits are never touched: a star between digits (「3*4」) is not emphasis.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_ESCAPED = {c: chr(0xE000 + i) for i, c in enumerate("\\`*_{}[]()#+-.!|~<>")}
_RESTORE = {v: k for k, v in _ESCAPED.items()}
_CODE = re.compile(r"(`+)(.+?)\1")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<t>.+?)(?<=\S)\1")
_STAR = re.compile(r"(?<![\d*])\*(?=[^\s*])(?P<t>.+?)(?<=[^\s*])\*(?![\d*])")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9_])_(?=[^\s_])(?P<t>.+?)(?<=[^\s_])_(?![A-Za-z0-9_])")
_LEFTOVER = re.compile(r"\*{2,}|(?<![A-Za-z0-9_])_{2}(?![A-Za-z0-9_])")


def strip_inline(text: str) -> str:
    """Text of a Markdown line without its inline markup."""
    if not any(c in text for c in "\\`*_[<"):
        return text
    text = _ESCAPE.sub(lambda m: _ESCAPED[m.group(1)], text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _IMAGE_OR_LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    for pattern in (_STRONG, _STRONG, _STAR, _UNDERSCORE):  # twice: ***both*** and nesting
        text = pattern.sub(r"\g<t>", text)
    text = _LEFTOVER.sub("", text)  # an unbalanced ** (emphasis across a line break)
    return "".join(_RESTORE.get(c, c) for c in text)
