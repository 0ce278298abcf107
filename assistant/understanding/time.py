"""Which year(s) a question is about: explicit years and words relative to today.

A report's year is the year it covers: 去年 asked on 2026-03-01 means the 2025 report. Each
year expression is resolved on its own and kept in the order asked, so 「去年比前年」 is
(2025, 2024). Template phrases that contain year words (上年结转, 结转下年度, 上一年项目数量)
are not time references and are masked first. The question is normalised already
(`normalize`): Chinese-numeral years are digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.numerals import cn_int

TEMPLATE_YEAR_WORDS = ("上年结转", "上一年结转", "上一年项目", "下一年", "下年度", "结转下年", "上年度结转",
                       "转下年", "结转过来", "上年转来", "上年遗留", "上年项目", "留到明年", "转到明年",
                       "结转到明年", "明年会")
RELATIVE = {"大前年": -3, "前年": -2, "去年": -1, "今年": 0}
# The year before / after the one talked about (「2024年比上一年」, 「前一年呢」): relative to
# the question's other year, or the conversation's, else to today.
STEP = re.compile(r"(?<!从)(?:(?:上一|前一|上个|头一)年度?|(?<![结转])上年度?|(?:后一|下个)年度?|次年|第二年)"
                  r"(?!结转|转|项目|遗留|没办完|剩|带|留)")
ALL_YEARS_WORDS = ("历年", "每年", "逐年", "这几年", "近几年", "最近几年", "各年", "所有年份",
                   "哪一年", "哪年", "趋势", "变化情况", "历史", "这两年", "两年", "两个年度", "各年度")
LATEST_WORDS = ("最近一年", "最新一年", "最新一期", "最近一期", "最新的", "最新年度", "最近一次")

_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*(?:年度|年)?")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})\s*年(?!代)")
RECENT = re.compile(r"(?:近|最近|过去|前|这)\s*([0-9两二三四五六七八九十])\s*(?:个)?\s*年")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:到|至|-|—|~|～)\s*((?:19|20)\d{2})")
_CARRY_TO = re.compile(r"(?:结转到|结转至|转到|转入|留到|带到)\s*(?:(?:19|20)\d{2}\s*年度?|下一?\s*年度?|今年|明年|次年)")  # noqa: E501
_SO_FAR = re.compile(r"今年(?:到现在|以来|至今|截至目前|目前)|截至目前|到目前为止")


@dataclass(frozen=True)
class YearSpec:
    """years: the years named, in the order asked; phrase: what named them (e.g. 去年);
    all_years: every indexed year (trend, 「两年」); latest: 「最近一年」, the latest indexed;
    relative: the years came from 去年/前年/近三年…; so_far: 「今年到现在」 (no report yet)."""

    years: tuple[int, ...] = ()
    phrase: str = ""
    all_years: bool = False
    relative: bool = False
    latest: bool = False
    so_far: bool = False
    step: int = 0  # 「前一年」 -1 / 「后一年」 +1, with no year in the question to step from


def _mask(text: str) -> str:
    text = _CARRY_TO.sub(lambda m: "＿" * len(m.group(0)), text)
    for word in TEMPLATE_YEAR_WORDS:
        text = text.replace(word, "＿" * len(word))
    return text


def _unique(years: list[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(years))


def _found(text: str, today: date) -> list[tuple[int, int, str]]:
    """(position, year, phrase) of every explicit and relative year, in order."""
    found = [(m.start(), int(m.group(1)), m.group(0)) for m in _FULL_YEAR.finditer(text)]
    taken = [p for p, _, _ in found]
    for m in _SHORT_YEAR.finditer(text):
        if not any(p <= m.start() < p + 4 for p in taken):
            found.append((m.start(), 2000 + int(m.group(1)), m.group(0)))
    masked = text
    for word in sorted(RELATIVE, key=len, reverse=True):
        for m in re.finditer(word, masked):
            found.append((m.start(), today.year + RELATIVE[word], word))
        masked = masked.replace(word, "＿" * len(word))
    return sorted(found)


def _step(text: str) -> int:
    m = STEP.search(text)
    if not m:
        return 0
    return 1 if m.group(0).startswith(("后", "下", "次", "第二")) else -1


def _recent(text: str, today: date) -> tuple[int, ...] | None:
    m = RECENT.search(text)
    if not m:
        return None
    n = cn_int(m.group(1)) or 3
    return tuple(range(today.year - n, today.year))


def parse_years(question: str, today: date) -> YearSpec:
    from assistant.understanding.normalize import numeral_years

    text = _mask(numeral_years(question))
    if _SO_FAR.search(text):
        return YearSpec((today.year,), "今年到现在", relative=True, so_far=True)
    rng = _RANGE.search(text)
    if rng:
        a, b = sorted((int(rng.group(1)), int(rng.group(2))))
        return YearSpec(tuple(range(a, b + 1)), rng.group(0))
    found = _found(text, today)
    recent = _recent(text, today) if not any(p not in RELATIVE for _, _, p in found) else None
    if recent:  # 「近三年」 (but 「2023、2024这两年」 names its years)
        return YearSpec(recent, RECENT.search(text).group(0), relative=True)  # type: ignore[union-attr]
    step = _step(text)
    if found and step:  # 「2024年比上一年多吗」 → 2024, 2023
        anchor = found[0][1]
        m = STEP.search(text)
        found.append((m.start() if m else len(text), anchor + step, m.group(0) if m else ""))
        found.sort()
        step = 0
    if found:
        relative = any(phrase in RELATIVE for _, _, phrase in found)
        phrase = next((p for _, _, p in found if p in RELATIVE), "")
        return YearSpec(_unique([y for _, y, _ in found]), phrase, relative=relative)
    if step:
        return YearSpec((), STEP.search(text).group(0), relative=True, step=step)  # type: ignore[union-attr]
    if any(w in text for w in LATEST_WORDS):
        return YearSpec((), "最近一年", latest=True)
    if any(w in text for w in ALL_YEARS_WORDS):
        return YearSpec((), "历年", all_years=True)
    return YearSpec()


def _protected() -> tuple[str, ...]:
    """Words of the template that contain year characters (结转下年度, 本年新收 …)."""
    from index.vocabulary import vocabulary

    words = {w for t in vocabulary().terms() for w in (*t.words, *t.labels.values()) if "年" in w}
    return tuple(sorted(words | set(TEMPLATE_YEAR_WORDS), key=len, reverse=True))


def strip_years(text: str) -> str:
    """`text` without its year expressions (for reading what else it asks); template words
    that contain 年 (「结转下年度」「本年新收」) are kept whole."""
    kept: list[str] = []

    def hold(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    protected = _protected()
    if any(w in text for w in protected):
        text = re.sub("|".join(re.escape(w) for w in protected), hold, text)
    text = _strip(text)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _strip(text: str) -> str:
    text = _RANGE.sub(" ", text)
    text = RECENT.sub(" ", text)
    text = _FULL_YEAR.sub(" ", text)
    text = _SHORT_YEAR.sub(" ", text)
    text = STEP.sub(" ", text)
    for word in sorted([*RELATIVE, *LATEST_WORDS, *ALL_YEARS_WORDS, "今年到现在", "到现在", "年度", "全年"],
                       key=len, reverse=True):
        text = text.replace(word, " ")
    return text
