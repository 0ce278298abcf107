"""What to offer when a question cannot be answered from the tables: the figures the reports
do have that come closest, as follow-up questions (the page shows them as buttons).

- something the template does not record (「平均几天答复」): the vocabulary's `closest` rows
  of that topic (结转下年度, 办理结果总计 …);
- a topic no sentence of the report covers: the template cells whose words share the most
  character pairs with the question, scored like a prose search (no figure is ever guessed:
  these are questions to ask, not answers).
"""

from __future__ import annotations

import re

from index.vocabulary import Term, vocabulary

from assistant.retrieval import Evidence
from assistant.understanding.intent import Query

MAX_OPTIONS = 3


def unrecorded_text(q: Query) -> str:
    topics = "、".join(q.unrecorded) or "这一项"
    who = f"{q.agency}的" if q.agency else ""
    return (f"政府信息公开工作年度报告不统计{topics}：{who}年报的表格只记录申请的数量、办理结果、"
            "行政复议和诉讼以及主动公开的数字，报告正文也没有写到，所以无法回答，也不作估计。")


def closest_questions(q: Query, ev: Evidence) -> tuple[str, ...]:
    keys = _unrecorded_keys(q) if q.unrecorded else _lexical_keys(q)
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


def _lexical_keys(q: Query) -> list[str]:
    asked = _bigrams(q.terms)
    if len(asked) < 2:
        return []
    scored: list[tuple[float, str]] = []
    for term in vocabulary().rows:
        score = _score(asked, term)
        if score >= 0.34:
            scored.append((score, term.key))
    scored.sort(key=lambda sk: -sk[0])
    return [k for _, k in scored]


def _score(asked: set[str], term: Term) -> float:
    words = _bigrams(" ".join((term.name, *term.words, *term.labels.values())))
    return len(asked & words) / len(asked)
