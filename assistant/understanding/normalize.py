"""A question in one canonical form before anything reads it; the original is kept for quoting.

- zero-width and other invisible characters removed (they hide inside pasted names);
- full-width letters, digits and spaces made half-width (NFKC); Chinese punctuation kept;
- traditional characters made simplified with OpenCC's maintained data (區 → 区, 複議 → 复议);
- Chinese-numeral years written in digits: 「二〇二四年」 → 「2024年」, 「一九年」 → 「19年」;
- whitespace between Chinese characters removed, other runs of whitespace made one space.

    >>> normalize("洪澤區\u200b政府 二〇二四年 駁回了幾個申請？")
    '洪泽区政府2024年驳回了几个申请？'
"""

from __future__ import annotations

import re
import threading
import unicodedata

from index.numerals import YEAR_DIGIT_CHARS, digit_string

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Full-width forms NFKC would turn into ASCII punctuation: keep these Chinese.
_KEEP = {"？": "?", "！": "!", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")"}
_RESTORE = str.maketrans({ascii_: cn for cn, ascii_ in _KEEP.items()})
_CN_YEAR = re.compile(rf"(?<![{YEAR_DIGIT_CHARS}十百千万])([{YEAR_DIGIT_CHARS}]{{4}}|[{YEAR_DIGIT_CHARS}]{{2}})(?=\s*年)")  # noqa: E501
_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_SPACE_AROUND_DIGIT_YEAR = re.compile(r"(?<=\d)\s+(?=年)|(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])")

_converter = None
_lock = threading.Lock()


def _t2s(text: str) -> str:
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return str(_converter.convert(text))


def _nfkc(text: str) -> str:
    """NFKC for letters, digits and spaces; Chinese punctuation stays Chinese."""
    out = []
    for ch in text:
        if ch in _KEEP:
            out.append(ch)
        else:
            out.append(unicodedata.normalize("NFKC", ch))
    return "".join(out)


def numeral_years(text: str) -> str:
    """「二〇二三年」 → 「2023年」, 「一九年」 → 「19年」 (the rest unchanged)."""
    return _years(text)


def _years(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        digits = digit_string(m.group(1))
        if digits is None or (len(digits) == 4 and not digits.startswith(("19", "20"))):
            return m.group(0)
        return digits

    return _CN_YEAR.sub(sub, text)


def normalize(question: str) -> str:
    text = _INVISIBLE.sub("", question or "")
    text = _nfkc(text)
    text = _t2s(text)
    text = _years(text)
    text = _SPACE_BETWEEN_HAN.sub("", text)
    text = _SPACE_AROUND_DIGIT_YEAR.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def is_english(question: str) -> bool:
    """Mostly Latin letters: asked in English (a Chinese term inside is fine)."""
    letters = sum(ch.isascii() and ch.isalpha() for ch in question)
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in question)
    return letters >= 12 and letters > 3 * han or han == 0 and letters >= 3  # 「And in 2025?」
