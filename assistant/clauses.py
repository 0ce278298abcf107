"""Several asks in one message (「沭阳县政府2025年收到多少申请？企业有多少？」).

`split` cuts a message into question clauses at ？/? and ；/; (a piece that asks nothing —
「我想了解沭阳县；」 — is context and joins the next clause). The chain answers each clause,
the later ones as follow-ups of the earlier, and `merge` joins the drafts into one answer with
one citation numbering: markers renumbered, a cell or sentence cited twice gets one number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.citations import format_markers
from assistant.draft import Draft
from assistant.guard import markers_in
from assistant.models import Citation, Figure

_BREAK = re.compile(r"(?<=[？?；;])")
_ASKS = re.compile(r"多少|几|吗|呢|什么|哪|怎么|如何|是否|有没有|有无|谁|为什么|为啥|啥|了没|没有?[？?]?$"
                   r"|占比|比例|变化|趋势|[？?]\s*$")
_MARKER = re.compile(r"\[\d+(?:\s*[–\-,，]\s*\d+)*\]")
MAX_CLAUSES = 4


def _content(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", text)


def split(question: str) -> list[str]:
    """The question clauses of a message, in order (one element when it asks one thing)."""
    parts = [p.strip() for p in _BREAK.split(question) if p.strip()]
    clauses: list[str] = []
    pending = ""
    for part in parts:
        text = pending + part
        if len(_content(part)) >= 2 and _ASKS.search(part):
            clauses.append(text)
            pending = ""
        else:
            pending = text
    if pending:
        if clauses:
            clauses[-1] += pending
        else:
            clauses.append(pending)
    if len(clauses) > MAX_CLAUSES:  # a long list of asks: too many to answer one by one
        return [question]
    return clauses or [question]


def _key(c: Citation) -> tuple[object, ...]:
    if c.table:
        return (c.report, c.table, c.row, c.column)
    return (c.report, c.quote)


def renumber(text: str, mapping: dict[int, int]) -> str:
    """Rewrite every [n] / [n–m] marker of `text` through `mapping`."""
    def sub(m: re.Match[str]) -> str:
        ns = sorted({mapping.get(n, n) for n in markers_in(m.group(0))})
        return format_markers(ns)

    return _MARKER.sub(sub, text)


def merge(drafts: Sequence[Draft]) -> Draft:
    """One draft from the drafts of the clauses, citations numbered once across all."""
    if len(drafts) == 1:
        return drafts[0]
    citations: list[Citation] = []
    index: dict[tuple[object, ...], int] = {}
    figures: list[Figure] = []
    texts: list[str] = []
    for d in drafts:
        mapping: dict[int, int] = {}
        for c in d.citations:
            key = _key(c)
            if key not in index:
                index[key] = len(citations) + 1
                citations.append(replace(c, n=index[key]))
            mapping[c.n] = index[key]
        texts.append(renumber(d.text, mapping))
        for f in d.figures:
            moved = replace(f, citation=mapping.get(f.citation) if f.citation else f.citation)
            if moved not in figures:
                figures.append(moved)
    return Draft(
        text="\n".join(texts),
        answered=any(d.answered for d in drafts),
        citations=tuple(citations),
        figures=tuple(figures),
        computed=tuple(v for d in drafts for v in d.computed),
        options=tuple(dict.fromkeys(o for d in drafts for o in d.options)),
        series=tuple(s for d in drafts for s in d.series),
        warnings=tuple(dict.fromkeys(w for d in drafts for w in d.warnings)),
        writer="llm" if any(d.writer == "llm" for d in drafts) else drafts[0].writer,
    )
