"""The six sections of a report (一、总体情况 … 六、其他需要报告的事项) with their sub-parts.

Input: the text Blocks of a `SourceDocument` (table rows are left to the table reader).
Headings are found at line starts and inside long lines (page text copied as one line).
When a report numbers its sections its own way (restarting at 一 for the tables, as
2024-shanghai-stcsm does), headings with a template title are mapped to the template's
number and the other headings become sub-parts. Text before the first section is a
preamble section with number "". Hard-wrapped lines (PDF) are joined into paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.loaders.cells import PAGE_MARKER
from index.models import Block, Location, Paragraph, Section, SourceDocument
from index.numerals import cn_int
from index.parsing.headings import (
    Heading,
    level1,
    level2,
    split_inline_level1,
    split_inline_level2,
    strip_decoration,
)
from index.template import SECTION_TITLES

PREAMBLE_TITLE = "前言"
TABLE_SECTIONS = ("二", "三", "四")
_TERMINAL = "。！？!?；;：:」”）)"
_KEY_VALUE = re.compile(r"^[^\s：:]{1,8}\s*[：:]")
_MIN_WRAPPED = 15


@dataclass(frozen=True)
class _Line:
    text: str
    location: Location
    width: int = 0  # length of the source line it came from (hard wraps are full width)


@dataclass
class _Builder:
    """A section or part being filled; frozen into `Section` at the end."""

    number: str
    title: str
    level: int
    canonical: str = ""
    lines: list[_Line] = field(default_factory=list)
    parts: list[_Builder] = field(default_factory=list)

    def add(self, line: _Line) -> None:
        (self.parts[-1] if self.parts else self).lines.append(line)

    def freeze(self) -> Section:
        joinable = self.canonical not in TABLE_SECTIONS
        return Section(
            number=self.number,
            title=self.title,
            level=self.level,
            paragraphs=paragraphs(self.lines, join_wrapped=joinable),
            parts=tuple(part.freeze() for part in self.parts),
        )


def find_sections(doc: SourceDocument) -> tuple[Section, ...]:
    return sections_from_blocks(doc.blocks)


def sections_from_blocks(blocks: tuple[Block, ...]) -> tuple[Section, ...]:
    lines = _text_lines(blocks)
    renumber = not _numbering_is_sane(lines)
    preamble = _Builder("", PREAMBLE_TITLE, 1)
    built: list[_Builder] = [preamble]
    for line in lines:
        _place(line, built, renumber=renumber)
    return tuple(b.freeze() for b in built if b.lines or b.parts or b.number)


def _text_lines(blocks: tuple[Block, ...]) -> list[_Line]:
    out: list[_Line] = []
    for block in blocks:
        if block.kind != "text" or PAGE_MARKER.match(block.text):
            continue
        for piece in split_inline_level1(strip_decoration(block.text)):
            out.append(_Line(piece, block.location, len(block.text)))
    return out


def _cn_int(number: str) -> int:
    """一…十九 → 1…19 (section numbers; index.numerals reads them)."""
    return cn_int(number) or 0


def _numbering_is_sane(lines: list[_Line]) -> bool:
    """True when the printed level-1 numbers only go up (the report's own numbering holds)."""
    last = 0
    for line in lines:
        heading = level1(line.text)
        if heading is None:
            continue
        number = _cn_int(heading.number)
        if number <= last:
            if heading.canonical:
                return False
            continue
        last = number
    return True


def _place(line: _Line, built: list[_Builder], *, renumber: bool) -> None:
    current = built[-1]
    heading = level1(line.text)
    if heading and _starts_section(heading, current, renumber=renumber):
        number = heading.canonical if renumber else heading.number
        built.append(_Builder(number, heading.title, 1, canonical=heading.canonical))
        _place_body(_Line(heading.rest, line.location, line.width), built)
        return
    if heading and renumber and current.number:  # an own-numbered heading: a sub-part
        current.parts.append(_Builder(heading.number, heading.title, 2))
        _add_text(current, heading.rest, line.location)
        return
    _place_body(line, built)


def _place_body(line: _Line, built: list[_Builder]) -> None:
    """A line that is not a level-1 heading, into the current section."""
    if not line.text.strip():
        return
    current = built[-1]
    if current.canonical in TABLE_SECTIONS:
        _table_section_line(line, built)
        return
    for piece in split_inline_level2(line.text):
        _add_piece(current, _Line(piece, line.location, line.width))


def _starts_section(heading: Heading, current: _Builder, *, renumber: bool) -> bool:
    last = _cn_int(current.canonical if renumber else current.number)
    if renumber:
        return bool(heading.canonical) and _cn_int(heading.canonical) > last
    return _cn_int(heading.number) > last


def _table_section_line(line: _Line, built: list[_Builder]) -> None:
    """In section 四, a sub-part heading after the table starts an unnumbered section 五."""
    current = built[-1]
    heading = level2(line.text)
    has_five = any(b.canonical == "五" or b.number == "五" for b in built)
    if current.canonical == "四" and heading and not has_five:
        section = _Builder("五", SECTION_TITLES["五"], 1, canonical="五")
        built.append(section)
        _add_piece(section, line)
        return
    current.add(line)


def _add_piece(section: _Builder, line: _Line) -> None:
    heading = level2(line.text)
    if heading is None:
        section.add(line)
        return
    section.parts.append(_Builder(heading.number, heading.title, 2))
    _add_text(section, heading.rest, line.location)


def _add_text(section: _Builder, text: str, location: Location) -> None:
    if text.strip():
        section.add(_Line(text.strip(), location, _MIN_WRAPPED))


def paragraphs(lines: list[_Line], *, join_wrapped: bool = True) -> tuple[Paragraph, ...]:
    """Lines → paragraphs; a line not ending a sentence continues on the next (hard wraps)."""
    out: list[Paragraph] = []
    previous: _Line | None = None
    for line in lines:
        if join_wrapped and out and previous is not None and _continues(previous):
            out[-1] = Paragraph(_join(out[-1].text, line.text), out[-1].location)
        else:
            out.append(Paragraph(line.text, line.location))
        previous = line
    return tuple(out)


def _continues(line: _Line) -> bool:
    text = line.text
    return (
        max(line.width, len(text)) >= _MIN_WRAPPED
        and not text.endswith(tuple(_TERMINAL) + ("报告", "年报"))
        and not _KEY_VALUE.match(text)
    )


def _join(left: str, right: str) -> str:
    """Join a hard-wrapped line; keep a space only between two Latin letters/digits."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right
