"""Chinese tokens for BM25 and query expansion.

jieba is loaded once per process with the template terms (不予公开, 行政复议, 本年新收…) and
the citizen words of `index.vocabulary` as user words, so they stay whole. Logging is quiet.
"""

from __future__ import annotations

import logging
import re
import threading

from index.template import GROUP_ITEMS, SECTION_TITLES
from index.vocabulary import COLUMN_WORDS, SYNONYMS, TEMPLATE_TERMS

_lock = threading.Lock()
_tokenizer = None

# Tokens that carry no meaning for retrieval (punctuation, particles, question words).
STOPWORDS: frozenset[str] = frozenset(
    "的 了 是 在 和 与 及 或 有 个 几 多少 什么 吗 呢 啊 吧 么 怎么 怎样 如何 哪些 那些 这些 请问 "
    "一下 一共 共 年 年度 情况 件 项 我 你 他 们 其 该 为 对 由 被 把 给 就 都 也 还 又 而 之 中 上 下".split()
)
# Retrieval-only expansions (ways to ask for 本年新收 that are not citizen jargon); kept out of
# vocabulary.SYNONYMS, which the answer text quotes as "按年报口径" mappings.
SEARCH_SYNONYMS: dict[str, tuple[str, ...]] = {
    **SYNONYMS,
    "申请了": ("本年新收",),
    "申请量": ("本年新收",),
    "申请数": ("本年新收",),
    "受理": ("本年新收",),
    "收到": ("本年新收",),
}
_PUNCT = re.compile(r"^[\s\W_]+$", re.UNICODE)
_ITEM_LABEL = re.compile(r"^\d+\.")


def _user_words() -> list[str]:
    words = set(TEMPLATE_TERMS) | set(SEARCH_SYNONYMS) | set(COLUMN_WORDS)
    for terms in SEARCH_SYNONYMS.values():
        words.update(terms)
    words.update(SECTION_TITLES.values())
    for items in GROUP_ITEMS.values():
        for _key, label in items:
            words.add(_ITEM_LABEL.sub("", label).strip("“”\""))
    return sorted(w for w in words if len(w) > 1)


def _get_tokenizer():  # type: ignore[no-untyped-def]
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            for word in _user_words():
                tok.add_word(word, freq=200000)
            _tokenizer = tok
    return _tokenizer


_pos = None


def pos_tags(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) of `text`, with the template terms as whole words."""
    global _pos
    if _pos is None:
        tokenizer = _get_tokenizer()
        with _lock:
            if _pos is None:
                import jieba.posseg

                _pos = jieba.posseg.POSTokenizer(tokenizer)
    return [(w, f) for w, f in _pos.cut(text)]


def tokenize(text: str) -> list[str]:
    """Search-mode tokens (long words and their parts), lower-cased, stopwords dropped."""
    tok = _get_tokenizer()
    out: list[str] = []
    for word in tok.cut_for_search(text):
        word = word.strip().lower()
        if not word or word in STOPWORDS or _PUNCT.match(word):
            continue
        out.append(word)
    return out


def expansions(query: str) -> list[str]:
    """Template terms meant by citizen words in the query (拒绝 → 不予公开 …), in order."""
    found: list[str] = []
    tokens: set[str] | None = None  # tokenized once, only if a single-character word needs it
    for word, terms in SEARCH_SYNONYMS.items():
        if len(word) == 1:  # single characters (告) only as whole tokens
            if tokens is None:
                tokens = set(tokenize(query))
            if word not in tokens:
                continue
        elif word not in query:
            continue
        for term in terms:
            if term not in query and term not in found:
                found.append(term)
    return found


def expand_query(query: str) -> str:
    """The query with the template terms its citizen words mean appended."""
    extra = expansions(query)
    return f"{query} {' '.join(extra)}" if extra else query
