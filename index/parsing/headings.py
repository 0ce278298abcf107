"""Recognising the headings of a report: 「一、总体情况」 (level 1) and 「（一）主动公开」 (level 2).

Level-1 headings are matched against the six section titles of the national template
(with the wording variants found in the wild) so that a report numbering its sections
differently, or printing them inline in one long line, still maps to the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十"
_NUM = rf"[{CN_DIGITS}]{{1,3}}"
_NOT_BREAK = r"[^。，,；;\d\s]"

# Canonical section number → title pattern (the wording varies between years and sites).
SECTION_PATTERNS: dict[str, re.Pattern[str]] = {
    "一": re.compile(r"总体情况|概述|基本情况|工作概况"),
    "二": re.compile(r"主动公开政府信息(?:的)?(?:情况|工作)?"),
    "三": re.compile(rf"{_NOT_BREAK}{{0,4}}收到和处理政府信息公开申请(?:的)?(?:情况)?"),
    "四": re.compile(
        rf"{_NOT_BREAK}{{0,14}}?行政复议{_NOT_BREAK}{{0,16}}?情况"
        rf"|{_NOT_BREAK}{{0,14}}?行政复议{_NOT_BREAK}{{0,16}}?诉讼"
    ),
    "五": re.compile(
        rf"{_NOT_BREAK}{{0,12}}?(?:存在的?主要问题|主要问题){_NOT_BREAK}{{0,12}}?"
        r"(?:情况|措施|方向|计划|举措|打算|方面)"
        rf"|{_NOT_BREAK}{{0,12}}?存在的?(?:主要)?问题"
    ),
    "六": re.compile(r"其他需要报告的?事项|其他需要说明的?事项|其他事项"),
}
# Row labels of the template tables that look like headings but are not.
_TABLE_LABEL = re.compile(
    r"本年新收|上年结转|办理结果|结转下年|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|"
    r"总计|法提供|第二十条|信息内容|申请数量"
)
_LEVEL1 = re.compile(rf"^(?P<num>{_NUM})\s*[、.．，,]\s*(?P<rest>.*)$")
_LEVEL2 = re.compile(rf"^[（(]\s*(?P<num>{_NUM})\s*[)）]\s*[、.．]?\s*(?P<rest>.*)$")
_OTHER_LEVEL1 = re.compile(
    rf"^(?:第(?P<part>{_NUM})部分\s*[、.．:：]?|(?P<cn>{_NUM})\s+|(?P<digit>\d{{1,2}})\s*[、.．])\s*(?P<rest>.*)$"
)
_DECORATION = re.compile(r"^[#>*\s]+|[*\s]+$")
_INLINE_LEVEL1 = re.compile(rf"(?<![第{CN_DIGITS}（(])(?={_NUM}\s*[、.．])")
_INLINE_LEVEL2 = re.compile(rf"(?<=[。；;！？!?：:])\s*(?=[（(]\s*{_NUM}\s*[)）])")
_TITLE_END = re.compile(r"[。：:；;]|\d+\s*[.．、](?!\d)")
_MAX_TITLE = 30
# A numbered line that says something is body text, not a title: it states a figure
# (「62件」「100%」) or a fact (「未收取…」「已在…公开」), or it ends a sentence (。；) after
# a clause or many words. A title may end with 。 (「（四）平台建设情况。」) or hold a comma
# (「完善公开制度，加强信息管理」), not both.
_SENTENCE_END = "。；;！？!?"
_LONG_TITLE = 20
_FIGURE = re.compile(r"\d[\d,，.]*\s*(?:件|条|次|人次|人|个|项|期|篇|场|家|份|户|名|万元|元|亿元|%|％)")
_STATEMENT = re.compile(r"未(?:收取|收到|发生|出现|产生|发现)|没有|均(?:已|按|依|为)|已(?:在|经|于|按|全部)")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 or 2
    number: str  # printed number: "一" (level 1) or "（一）" (level 2)
    title: str
    canonical: str  # template section number for level-1 headings, "" when unknown
    rest: str  # text on the same line after the heading


def strip_decoration(line: str) -> str:
    """Remove Markdown heading marks and bold stars around a line."""
    return _DECORATION.sub("", line)


def canonical_section(title: str) -> str:
    """Template number of a section title, or "" (matched from the start of the title)."""
    for number, pattern in SECTION_PATTERNS.items():
        if pattern.match(title):
            return number
    return ""


def level1(line: str) -> Heading | None:
    match = _LEVEL1.match(strip_decoration(line))
    if not match:
        return _other_level1(strip_decoration(line))
    rest = match.group("rest").strip()
    canonical = canonical_section(rest)
    if canonical:
        found = SECTION_PATTERNS[canonical].match(rest)
        assert found is not None
        title, after = rest[: found.end()], rest[found.end():]
        return Heading(1, match.group("num"), title, canonical, after.strip(" ：:。"))
    if not rest or _TABLE_LABEL.search(rest) or len(rest) > _MAX_TITLE or re.search(r"\d", rest):
        return None
    if is_sentence(rest):
        return None
    return Heading(1, match.group("num"), rest.rstrip("。：:"), "", "")


def _other_level1(line: str) -> Heading | None:
    """Section headings numbered another way — 「第一部分 总体情况」「一 总体情况」
    「1. 总体情况」 — or not at all (「总体情况」: Word numbering lost, Markdown
    「## 总体情况」). Only a whole line holding a template title counts."""
    match = _OTHER_LEVEL1.match(line)
    number = (match.group("part") or match.group("cn") or match.group("digit")) if match else ""
    rest = match.group("rest") if match else line
    rest = rest.strip().rstrip("。：:")
    canonical = canonical_section(rest)
    if not canonical or len(rest) > _MAX_TITLE or not SECTION_PATTERNS[canonical].fullmatch(rest):
        return None
    if number.isdigit():
        number = CN_DIGITS[int(number) - 1] if 0 < int(number) <= 10 else ""
    return Heading(1, number or canonical, rest, canonical, "")


def level2(line: str) -> Heading | None:
    match = _LEVEL2.match(strip_decoration(line))
    if not match:
        return None
    title, rest = split_title(match.group("rest").strip())
    return Heading(2, f"（{match.group('num')}）", title, "", rest)


def is_sentence(text: str) -> bool:
    """True when the text after an item number is a statement, not a title:
    「2025年度，本机关未收取信息处理费。」 but not 「主动公开情况」「继续强化公开责任。」."""
    text = text.strip()
    head = text.rstrip(_SENTENCE_END)
    ended = head != text
    if ended and (len(head) > _LONG_TITLE or re.search(r"[，,\d]", head)):
        return True
    return bool(_FIGURE.search(head) or _STATEMENT.search(head))


def split_title(text: str) -> tuple[str, str]:
    """「主动公开：坚持…」 → ("主动公开", "坚持…"); a short line is all title; a line that
    opens with a sentence (「全年受理申请62件。…」) is all text."""
    end = _TITLE_END.search(text)
    if is_sentence(text[: end.end()] if end else text):
        return "", text
    if end and end.start() <= _MAX_TITLE:
        keep_digits = text[end.start()].isdigit()
        rest_start = end.start() if keep_digits else end.end()
        return text[: end.start()].strip(), text[rest_start:].strip()
    if len(text) <= _MAX_TITLE:
        return text.rstrip("。"), ""
    return "", text


def split_inline_level1(line: str) -> list[str]:
    """Cut a line before every inline level-1 heading with a template title."""
    cuts = [0]
    for match in _INLINE_LEVEL1.finditer(line):
        if match.start() > 0 and level1(line[match.start():]) and _canonical_at(line, match.start()):
            cuts.append(match.start())
    cuts.append(len(line))
    return [line[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if line[a:b].strip()]


def _canonical_at(line: str, pos: int) -> bool:
    heading = level1(line[pos:])
    return heading is not None and bool(heading.canonical)


def split_inline_level2(line: str) -> list[str]:
    """Cut a line before 「（二）」 sub-part numbers that follow the end of a sentence."""
    return [part.strip() for part in _INLINE_LEVEL2.split(line) if part.strip()]
