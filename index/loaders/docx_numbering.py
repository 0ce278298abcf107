"""Word automatic list numbering (numbering.xml) rendered as text: 「一、」「（二）」「3.」.

Reports written in Word often number their sections with automatic numbering, so the
paragraph text is 「总体情况」 while the page shows 「一、总体情况」. The numbers live in
numbering.xml: a paragraph (or its style) refers to a list (numId) and level (ilvl); the
level's numFmt and lvlText (「%1、」) give the label. Counters are kept per abstract list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from index.numerals import cn_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_FORMATS = ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
                    "taiwaneseCounting", "ideographDigital", "chineseLegalSimplified")
_BULLET = "bullet"
_MAX_STYLE_DEPTH = 5


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str
    start: int


chinese_number = cn_text  # 1 → 一, 12 → 十二 (index.numerals)


def format_number(n: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS and 0 < n < 100:
        return chinese_number(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(n)


def _val(node: Any, tag: str, default: str = "") -> str:
    found = node.find(f"{_W}{tag}") if node is not None else None
    return found.get(f"{_W}val", default) if found is not None else default


class Numbering:
    """Labels of numbered paragraphs, in document order (call `label` once per paragraph)."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, Level]] = {}  # abstractNumId → ilvl → Level
        self.lists: dict[str, str] = {}  # numId → abstractNumId
        self.counters: dict[str, dict[int, int]] = {}
        self.restarts: dict[str, dict[int, int]] = {}  # numId → ilvl → startOverride
        self.styles = document.styles
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            self.levels[abstract.get(f"{_W}abstractNumId", "")] = {
                int(lvl.get(f"{_W}ilvl", "0")): Level(
                    _val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText"), int(_val(lvl, "start", "1") or 1)
                )
                for lvl in abstract.iter(f"{_W}lvl")
            }
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            self.lists[num_id] = _val(num, "abstractNumId")
            for override in num.iter(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start.isdigit():  # this list restarts its own count
                    self.restarts.setdefault(num_id, {})[int(override.get(f"{_W}ilvl", "0"))] = int(start)

    def label(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph, or "" when it has none."""
        num_id, ilvl = self._num_pr(paragraph)
        abstract = self.lists.get(num_id or "")
        level = self.levels.get(abstract or "", {}).get(ilvl)
        if abstract is None or level is None or level.fmt in (_BULLET, "none"):
            return ""
        restart = self.restarts.get(num_id or "", {})
        key = f"{abstract}/{num_id}" if restart else abstract
        counters = self.counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, restart.get(ilvl, level.start) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return re.sub(r"%(\d)", lambda m: self._render(abstract, key, int(m.group(1)) - 1), level.text)

    def _render(self, abstract: str, key: str, ilvl: int) -> str:
        level = self.levels[abstract].get(ilvl)
        count = self.counters[key].get(ilvl, level.start if level else 1)
        return format_number(count, level.fmt if level else "decimal")

    def _num_pr(self, paragraph: Any) -> tuple[str | None, int]:
        ppr = paragraph._p.pPr
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        style = paragraph.style if num_pr is None else None
        depth = 0
        while num_pr is None and style is not None and depth < _MAX_STYLE_DEPTH:
            spr = style.element.find(f"{_W}pPr")
            num_pr = spr.find(f"{_W}numPr") if spr is not None else None
            style, depth = style.base_style, depth + 1
        if num_pr is None:
            return None, 0
        num_id = _val(num_pr, "numId") or None
        return (None if num_id == "0" else num_id), int(_val(num_pr, "ilvl", "0") or 0)
