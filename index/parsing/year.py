"""The year a report covers: the statistics period (统计期限 2023年1月1日至12月31日), the
chosen title, the opening paragraph — never the file name; a publication date gives it
only when nothing else does (and says so: reports are due by 31 January, so one published
in the first half of a year covers the year before).
"""

from __future__ import annotations

import re

from index.models import MetaSource, PageSignal
from index.parsing.titles import YEAR, squash

_CN_YEAR_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                   "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_STAT_PERIOD = re.compile(
    rf"统计[^。]{{0,16}}?({YEAR})\s*年\s*(?:1|一|01)\s*月\s*(?:1|一|01)\s*日"
    rf"|({YEAR})\s*年\s*(?:1|01)\s*月\s*(?:1|01)\s*日\s*(?:起)?\s*(?:至|到|—|-)\s*(?:\2\s*年\s*)?12\s*月\s*31\s*日"
)
_OPENING_YEAR = re.compile(rf"({YEAR})\s*年度?\s*[，,、]")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})")
_LATE_MONTH = 6  # a report published after June is not dated by its publication


def to_year(text: str) -> int:
    text = text.strip()
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_YEAR_DIGITS[ch]) for ch in text))


def find_year(title: str, text: str) -> tuple[int | None, list[str]]:
    """The year covered: statistics period, then title, then the opening paragraph."""
    period, _snippet = period_year(text)
    titled = first_year(title)
    opening = opening_year(text)[0]
    warnings: list[str] = []
    if period and titled and period != titled:
        warnings.append(_mismatch(titled, period))
    return period or titled or opening, warnings


def choose_year(
    period: tuple[int | None, str], titled: int | None, title: tuple[str, str], text: str,
    signals: tuple[PageSignal, ...], warnings: list[str],
) -> tuple[int | None, MetaSource | None]:
    """(year, where it was read): `title` is (signal, printed text) of the chosen title."""
    year, snippet = period
    if year is not None:
        if titled is not None and titled != year:
            warnings.append(_mismatch(titled, year))
        return year, MetaSource("year", str(year), "statistics_period", snippet)
    if titled is not None:
        return titled, MetaSource("year", str(titled), title[0], title[1])
    opening, snippet = opening_year(text)
    if opening is not None:
        return opening, MetaSource("year", str(opening), "opening", snippet)
    return _published_year(signals, warnings)


def _mismatch(titled: int, period: int) -> str:
    return f"标题年份（{titled}）与统计期限年份（{period}）不一致，采用统计期限 {period} 年。"


def _published_year(signals: tuple[PageSignal, ...], warnings: list[str]) -> tuple[int | None, MetaSource | None]:
    for signal in signals:
        match = _DATE.search(signal.text) if signal.kind == "date" else None
        if match and 1 <= int(match.group(2)) <= _LATE_MONTH:
            year = int(match.group(1)) - 1
            warnings.append(f"报告正文和标题都没有写明年度；按发布日期（{signal.text}）"
                            f"推定为 {year} 年度报告，请核对。")
            return year, MetaSource("year", str(year), f"{signal.origin}（发布日期）", signal.text)
    return None, None


def period_year(text: str) -> tuple[int | None, str]:
    """The year of the statistics period, and the text it was read from."""
    squashed = squash(text[:20_000])
    match = _STAT_PERIOD.search(squashed)
    if not match:
        return None, ""
    snippet = squashed[max(0, match.start() - 12): match.end() + 12]
    return to_year(match.group(1) or match.group(2)), snippet


def first_year(text: str) -> int | None:
    match = re.search(rf"({YEAR})\s*年", text)
    return to_year(match.group(1)) if match else None


def opening_year(text: str) -> tuple[int | None, str]:
    """「2023年，…」 at the start of 总体情况 (or of the text), and the text around it."""
    body = squash(text[:6000])
    start = body.find("总体情况")
    match = _OPENING_YEAR.search(body, start if start >= 0 else 0)
    if not match:
        return None, ""
    return to_year(match.group(1)), body[match.start(): match.end() + 30]
