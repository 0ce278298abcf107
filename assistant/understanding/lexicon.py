"""Spotting the vocabulary in a question: every word and pattern of `index/data/cells.toml`
found in the (normalised) text, longest first, never overlapping.

    >>> [s.key for s in spots("洪泽区2023年有多少申请最后没公开")]
    ['三.new_received', '三.denied']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from index.vocabulary import vocabulary

ROW, COLUMN, UNRECORDED = "row", "column", "unrecorded"


@dataclass(frozen=True)
class Spot:
    start: int
    end: int
    text: str
    key: str  # a term key (「三.denied」「三:natural_person」) or the topic of an unrecorded
    kind: str  # ROW | COLUMN | UNRECORDED
    pattern: bool = False  # found by a pattern or frame, not a listed word
    broad: bool = False  # a broad pattern: read only where no word or frame is


@dataclass(frozen=True)
class _Entry:
    word: str
    key: str
    kind: str


@cache
def _entries() -> tuple[tuple[_Entry, ...], tuple[tuple[re.Pattern[str], str, str, bool], ...]]:
    v = vocabulary()
    words: list[_Entry] = []
    patterns: list[tuple[re.Pattern[str], str, str, bool]] = []
    for kind, terms in ((ROW, v.rows), (COLUMN, v.columns)):
        for term in terms:
            words += [_Entry(w, term.key, kind) for w in term.words]
            patterns += [(re.compile(p), term.key, kind, True) for p in term.patterns]
            patterns += [(re.compile(p), term.key, kind, False) for p in term.frames]
    for item in v.unrecorded:
        words += [_Entry(w, item.topic, UNRECORDED) for w in item.words]
    return tuple(words), tuple(patterns)


def spots(text: str, *, kinds: tuple[str, ...] = (ROW, COLUMN, UNRECORDED)) -> list[Spot]:
    """Non-overlapping spots in text order. Listed words and frames first (longer first, a
    word before a frame of the same length, then earlier; rows before columns before
    unrecorded topics), then broad patterns in what is left — a broad pattern never swallows
    a word (「多少没公开的申请」 is 没公开), a frame may (「没按时交钱」 is not 交钱)."""
    words, patterns = _entries()
    found: list[Spot] = []
    for e in words:
        if e.kind not in kinds:
            continue
        start = text.find(e.word)
        while start >= 0:
            found.append(Spot(start, start + len(e.word), e.word, e.key, e.kind))
            start = text.find(e.word, start + 1)
    for pattern, key, kind, broad in patterns:
        if kind in kinds:
            found += [Spot(m.start(), m.end(), m.group(0), key, kind, True, broad)
                      for m in pattern.finditer(text) if m.end() > m.start()]
    order = {ROW: 0, COLUMN: 1, UNRECORDED: 2}
    found.sort(key=lambda s: (s.broad, -(s.end - s.start), s.pattern, s.start, order[s.kind]))
    taken = [False] * len(text)
    chosen: list[Spot] = []
    for s in found:
        if any(taken[s.start:s.end]):
            continue
        taken[s.start:s.end] = [True] * (s.end - s.start)
        chosen.append(s)
    return sorted(chosen, key=lambda s: s.start)


def words_of(key: str) -> tuple[str, ...]:
    return next((t.words for t in vocabulary().terms() if t.key == key), ())


# Nouns every report uses: never the key of a topic.
_GENERIC_NOUNS = {"政府", "信息", "政务", "公开", "工作", "情况", "报告", "年报", "年度", "单位", "部门",
                  "全区", "全县", "全市", "本机关", "机关", "数量", "内容", "方面", "问题", "事项"}
_NOUN_FLAGS = {"n", "nr", "ns", "nt", "nz", "vn", "j", "nrt", "nrfg"}


def key_nouns(terms: str) -> tuple[str, ...]:
    """The content nouns of a topic (jieba's part-of-speech tags): 「政务公开培训」 → 培训."""
    from index.tokenize import pos_tags

    out = []
    for word, flag in pos_tags(terms.replace(" ", "，")):
        if flag in _NOUN_FLAGS and len(word) >= 2 and word not in _GENERIC_NOUNS:
            out.append(word)
    return tuple(dict.fromkeys(out))
