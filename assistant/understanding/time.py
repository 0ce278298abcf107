"""Which year(s) a question is about: explicit years and words relative to today.

A report's year is the year it covers. 去年 asked on 2026-03-01 means the 2025 report.
Template phrases that contain year words (上年结转, 结转下年度, 上一年项目数量) are not
time references and are masked before reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3",
             "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
CN_SMALL = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
TEMPLATE_YEAR_WORDS = ("上年结转", "上一年", "下一年", "下年度", "结转下年", "上年度", "转下年")
RELATIVE = {"大前年": -3, "前年": -2, "去年": -1, "上年": -1, "今年": 0}
ALL_YEARS_WORDS = ("历年", "每年", "逐年", "这几年", "近几年", "最近几年", "各年", "所有年份",
                   "哪一年", "哪年", "趋势", "变化情况", "历史")

_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*(?:年|年度)?")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})\s*年")
_CN_YEAR = re.compile(r"([二〇零○一三四五六七八九]{4})\s*年")
RECENT = re.compile(r"(?:近|最近|过去|前|这)\s*([0-9两二三四五六七八九十])\s*(?:个)?\s*年")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:到|至|-|—|~)\s*((?:19|20)\d{2})")


@dataclass(frozen=True)
class YearSpec:
    """years: the years named, in the order asked; phrase: what named them (e.g. 去年);
    all_years: the question asks about every indexed year (trend);
    relative: the years came from 去年/前年/近三年…"""

    years: tuple[int, ...] = ()
    phrase: str = ""
    all_years: bool = False
    relative: bool = False


_CARRY_TO = re.compile(r"(?:结转到|结转至|转到|转入)\s*(?:(?:19|20)\d{2}|下一?)\s*年度?")


def _mask(text: str) -> str:
    text = _CARRY_TO.sub(lambda m: "＿" * len(m.group(0)), text)
    for word in TEMPLATE_YEAR_WORDS:
        text = text.replace(word, "＿" * len(word))
    return text


def _unique(years: list[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(years))


def _explicit(text: str) -> list[tuple[int, int]]:
    """(position, year) of explicit years."""
    found = [(m.start(), int(m.group(1))) for m in _FULL_YEAR.finditer(text)]
    for m in _CN_YEAR.finditer(text):
        found.append((m.start(), int("".join(CN_DIGITS[c] for c in m.group(1)))))
    taken = {p for p, _ in found}
    for m in _SHORT_YEAR.finditer(text):
        if m.start() not in taken and not any(p <= m.start() < p + 4 for p in taken):
            found.append((m.start(), 2000 + int(m.group(1))))
    return sorted(found)


def _recent(text: str, today: date) -> tuple[int, ...] | None:
    m = RECENT.search(text)
    if not m:
        return None
    raw = m.group(1)
    n = int(raw) if raw.isdigit() else CN_SMALL.get(raw, 3)
    return tuple(range(today.year - n, today.year))


def parse_years(question: str, today: date) -> YearSpec:
    text = _mask(question)
    rng = _RANGE.search(text)
    if rng:
        a, b = sorted((int(rng.group(1)), int(rng.group(2))))
        return YearSpec(tuple(range(a, b + 1)), rng.group(0))
    recent = _recent(text, today)
    if recent:
        return YearSpec(recent, "近几年", relative=True)
    explicit = _explicit(text)
    if explicit:
        return YearSpec(_unique([y for _, y in explicit]), "")
    for word, delta in RELATIVE.items():
        if word in text:
            return YearSpec((today.year + delta,), word, relative=True)
    if any(w in text for w in ALL_YEARS_WORDS):
        return YearSpec((), "历年", all_years=True)
    return YearSpec()
