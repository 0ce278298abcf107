"""English (and mixed Chinese-English) questions, read through the same understanding.

An English question is rewritten into the Chinese words the rest of the reader knows, from
data: the vocabulary's `english` phrases (cells, columns, what is not recorded, bodies), the
pinyin of the library's place names (Hongze → 洪泽, Shuyang → 沭阳) and a few question words.
What no data maps stays as it is. Places written in English that the library does not have
(「Beijing municipal government」) are reported as the unknown agency, in English.

    >>> translate("how many FOI requests got rejected by Hongze district govt in 2024", idx)
    Translation(text='多少 申请 拒绝 洪泽区 政府 2024年', unknown='')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from index.vocabulary import vocabulary

from assistant.understanding.agency_index import AgencyIndex

# Question words and connectives: English → the Chinese the reader knows.
QUESTION_WORDS: tuple[tuple[str, str], ...] = (
    ("how many", "多少"), ("how much", "多少"), ("number of", "多少"), ("what was the", "多少"),
    ("what is the", "多少"), ("what's the", "多少"), ("in total", "一共"), ("altogether", "一共"),
    ("combined", "一共"), ("total", "一共"), ("what share", "占比"), ("what percentage", "占比"),
    ("what proportion", "占比"), ("percentage", "占比"), ("share of", "占比"), ("compared with", "比"),
    ("compared to", "比"), ("more than", "比多"), ("fewer than", "比少"), ("less than", "比少"),
    ("what outcomes", "结果如何"), ("outcomes", "结果如何"), ("what results", "结果如何"),
    ("why", "为什么"), ("last year", "去年"), ("the year before last", "前年"), ("this year", "今年"),
    ("the year before", "前一年"), ("the previous year", "前一年"), ("a year earlier", "前一年"),
    ("the year after", "后一年"), ("the following year", "后一年"),
    ("did it", "吗"), ("was there", "有没有"), ("were there", "有没有"), ("is there", "有没有"),
    ("are there", "有没有"), ("any", "有没有"), ("and", "和"), ("still", ""),
    ("information disclosure requests", "申请"), ("disclosure requests", "申请"), ("foi requests", "申请"),
    ("requests", "申请"), ("request", "申请"), ("applications", "申请"), ("application", "申请"),
)
LEVELS: tuple[tuple[str, str], ...] = (
    ("municipality", "市"), ("municipal", "市"), ("city", "市"), ("district", "区"), ("county", "县"),
    ("province", "省"), ("provincial", "省"), ("township", "镇"), ("town", "镇"),
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_FOLLOW_UP_START = re.compile(r"^\s*(?:and|what about|how about)\b", re.I)
_YES_NO_START = re.compile(r"^\s*(?:did|was|were|is|are|has|have|does|do)\b", re.I)


@dataclass(frozen=True)
class Translation:
    text: str  # the question in the reader's Chinese words
    unknown: str = ""  # an English agency-like name the library does not have


@cache
def _phrases() -> tuple[tuple[str, str], ...]:
    """(english phrase, chinese word), longest phrase first."""
    v = vocabulary()
    pairs: list[tuple[str, str]] = []
    for term in v.terms():
        target = term.words[0] if term.words else term.name
        pairs += [(e, target) for e in term.english]
    for item in v.unrecorded:
        pairs += [(e, item.words[0]) for e in item.english]
    for office in v.offices:
        target = office.short[0] if office.short else office.full
        pairs += [(e, target) for e in office.english]
        for e in office.english:  # 「housing and urban-rural development bureau」 → 「housing bureau」
            head, _, tail = e.partition(" and ")
            last = e.rsplit(" ", 1)[-1]
            if tail and last in ("bureau", "commission", "department", "committee"):
                pairs.append((f"{head} {last}", target))
    pairs += list(QUESTION_WORDS)
    pairs += [("fees", "收费"), ("fee", "收费"), ("information processing fees", "信息处理费"),
              ("information processing fee", "信息处理费"), ("processing fees", "信息处理费")]
    return tuple(sorted(dict.fromkeys(pairs), key=lambda p: -len(p[0])))


def translate(question: str, index: AgencyIndex) -> Translation:
    """The question with its English words in Chinese (Chinese parts kept as written)."""
    text = question
    text, unknown = _places(text, index)
    lowered = text.lower()
    for phrase, chinese in _phrases():
        pattern = re.compile(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])")
        lowered = pattern.sub(f" {chinese} " if chinese else " ", lowered)
    lowered = re.sub(r"(?<![\d])((?:19|20)\d{2})(?!\d|\s*年)", r"\1年", lowered)
    lowered = _WORD.sub(" ", lowered)  # English words nothing maps: dropped
    out = re.sub(r"\s+", " ", lowered).strip()
    if _YES_NO_START.match(question) and "吗" not in out:
        out += " 吗"
    if _FOLLOW_UP_START.match(question):  # 「and the year before?」「what about businesses?」
        rest = re.sub(r"^和\s*", "", out)
        out = f"那 {rest} 呢"
    return Translation(out, unknown)


def _places(text: str, index: AgencyIndex) -> tuple[str, str]:
    """Place names in pinyin → the library's place forms, with a level word after them
    (「Hongze district」 → 「洪泽区」); an unknown capitalised place before a level or body word
    is returned as the unknown agency."""
    unknown = ""
    levels = "|".join(w for w, _ in LEVELS)

    def sub(m: re.Match[str]) -> str:
        nonlocal unknown
        word, level = m.group(1), (m.group(2) or "").lower()
        forms = index.pinyin.get(word.lower().replace("-", ""), set())
        suffix = dict(LEVELS).get(level, "")
        if forms:
            fitting = [f for f in forms if suffix and f.endswith(suffix)]
            form = min(fitting or forms, key=lambda f: (len(f), f))
            if suffix and not fitting:
                form = min(forms, key=len) + suffix
            return f" {form} "
        if level and word[:1].isupper() and not unknown:
            unknown = m.group(0).strip()
        return m.group(0)

    text = re.sub(rf"\b([A-Za-z][a-z]+(?:-[a-z]+)?)(?:\s+({levels})\b)?", sub, text, flags=re.I)
    if unknown:
        m = re.search(rf"{re.escape(unknown)}(?:\s+(?:people's\s+)?(?:government|govt|bureau|commission|"
                      rf"office|general office))?", text)
        unknown = m.group(0) if m else unknown
    else:
        m = re.search(r"\b([A-Z][a-z]+)\s+(?:municipal\s+|provincial\s+)?(?:government|govt|bureau|"
                      r"commission|office)\b", text)
        if m and m.group(1).lower() not in {"the", "this", "that", "which", "what", "district",
                                            "county", "city", "general", "development"}:
            unknown = m.group(0)
    return text, unknown
