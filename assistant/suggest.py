"""What to offer when a question cannot be answered from the tables: the figures the reports
do have that come closest, as follow-up questions (the page shows them as buttons).

- something the template does not record (「平均几天答复」): the vocabulary's `closest` rows
  of that topic (结转下年度, 办理结果总计 …);
- a topic no sentence of the report covers: the template cells ranked by the question's
  words — character pairs shared with the cell's name, labels and citizen words, and the
  cell's nearness in meaning in the dense index of template cells (index.cell_index) — no
  figure is ever guessed: these are questions to ask, not answers.

Why the dense score never answers on its own: measured over the dev, paraphrase, held-out and
blind sets (questions whose cell the rules name), its top cell is right 12 times in 13 at
cosine ≥ 0.93 and 57 in 73 at ≥ 0.91 — far from the ≤ 1 % of wrong answers allowed.
"""

from __future__ import annotations

import re

from index.vocabulary import Term, vocabulary

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.understanding.intent import Query, without_fillers

if TYPE_CHECKING:
    from assistant.retrieval import Evidence

MAX_OPTIONS = 3


def unrecorded_text(q: Query) -> str:
    topics = "、".join(q.unrecorded) or "这一项"
    who = f"{q.agency}的" if q.agency else ""
    return (f"政府信息公开工作年度报告不统计{topics}：{who}年报的表格只记录申请的数量、办理结果、"
            "行政复议和诉讼以及主动公开的数字，报告正文也没有写到，所以无法回答，也不作估计。")


def closest_cells(q: Query, match: Callable[..., list[tuple[str, float]]] | None = None) -> list[str]:
    """Row keys to offer, best first."""
    if q.unrecorded:
        return _unrecorded_keys(q)[:MAX_OPTIONS]
    lexical = dict(_lexical_scores(q))
    dense: dict[str, float] = {}
    text = without_fillers(q.topic_terms or q.terms)
    if match is not None and text:
        try:
            dense = dict(match(text, k=8))
        except Exception:  # noqa: BLE001 - suggestions are a courtesy; never fail the answer
            dense = {}
    floor = min(dense.values(), default=0.0)
    scored = {k: lexical.get(k, 0.0) + max(0.0, dense.get(k, floor) - floor) * 4
              for k in {*lexical, *dense}}
    keys = [k for k, v in sorted(scored.items(), key=lambda kv: -kv[1]) if v > 0.2]
    return keys[:MAX_OPTIONS]


def closest_questions(q: Query, ev: Evidence) -> tuple[str, ...]:
    keys = list(ev.suggested) or (_unrecorded_keys(q) if q.unrecorded else _lexical_keys(q))
    if not keys:
        return ()
    who = (q.agency or "").strip()
    year = ev.reports[-1].year if ev.reports else (q.years[-1] if q.years else None)
    when = f"{year}年" if year else ""
    return tuple(f"{who}{when}{vocabulary().term(k).name}是多少？" for k in keys[:MAX_OPTIONS])


def _unrecorded_keys(q: Query) -> list[str]:
    keys: list[str] = []
    for item in vocabulary().unrecorded:
        if item.topic in q.unrecorded:
            keys += [k for k in item.closest if k not in keys]
    return keys


def _bigrams(text: str) -> set[str]:
    chunks = re.findall(r"[\u4e00-\u9fff]+", text)
    return {c[i:i + 2] for c in chunks for i in range(len(c) - 1)}


def _lexical_scores(q: Query) -> list[tuple[str, float]]:
    asked = _bigrams(q.terms)
    if len(asked) < 2:
        return []
    scored = [(term.key, _score(asked, term)) for term in vocabulary().rows]
    return sorted(((k, s) for k, s in scored if s >= 0.34), key=lambda ks: -ks[1])


def _lexical_keys(q: Query) -> list[str]:
    return [k for k, _ in _lexical_scores(q)]


def _score(asked: set[str], term: Term) -> float:
    words = _bigrams(" ".join((term.name, *term.words, *term.labels.values())))
    return len(asked & words) / len(asked)
