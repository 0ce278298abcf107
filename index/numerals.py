"""Chinese numerals, read in one place for the whole project.

Two kinds occur in reports and questions:

- digit strings, one character per digit: 「二〇二四」 → 2024, 「一九」 → 19 (years);
- counted numbers with 十/百/千/万: 「十二」 → 12, 「三百零五」 → 305, 「两千」 → 2000.

    >>> cn_int("二〇二三"), cn_int("十五"), cn_int("两"), cn_int("一百零八")
    (2023, 15, 2, 108)
"""

from __future__ import annotations

import re

# Characters that stand for one digit (〇 and its look-alikes as printed or OCR-read).
DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
# The characters of a Chinese numeral (for building patterns elsewhere).
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(BIG_UNITS)
# Digit characters used in years: 「二〇二四」「一九」 (no 两, no units).
YEAR_DIGIT_CHARS = "〇○零Ｏ一二三四五六七八九"


def digit_string(text: str) -> str | None:
    """「二〇二四」 → "2024"; None when a character is not a digit character."""
    out = []
    for ch in text:
        if ch.isdigit():
            out.append(ch)
        elif ch in DIGITS:
            out.append(str(DIGITS[ch]))
        else:
            return None
    return "".join(out) or None


def cn_int(text: str) -> int | None:
    """The value of a Chinese (or Arabic) numeral, None when `text` is not one."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if not any(ch in UNITS or ch in BIG_UNITS for ch in text):
        digits = digit_string(text)
        return int(digits) if digits else None
    total = section = number = 0
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch.isdigit():
            number = number * 10 + int(ch)
        elif ch in UNITS:
            section += (number or 1) * UNITS[ch]
            number = 0
        elif ch in BIG_UNITS:
            total += (section + number) * BIG_UNITS[ch]
            section = number = 0
        else:
            return None
    return total + section + number


_CN_NUMBER = re.compile(rf"[{NUMERAL_CHARS}]+")


def replace_numbers(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with every Chinese numeral matched by group 1 of `pattern` written in digits
    (the rest of the match kept): used for 「二〇二四年」 → 「2024年」."""
    def sub(m: re.Match[str]) -> str:
        value = cn_int(m.group(1))
        if value is None:
            return m.group(0)
        digits = digit_string(m.group(1)) if not any(c in UNITS for c in m.group(1)) else str(value)
        start, end = m.span(1)
        return m.group(0)[: start - m.start()] + (digits or str(value)) + m.group(0)[end - m.start():]

    return pattern.sub(sub, text)
