"""How people ask: the template's cells and the words people use for them, read from the one
declared table `index/data/cells.toml` (labels, names, meanings, citizen words, English,
companions, units; what the template does not record; body names and their short forms).

Everything that speaks about a cell reads this module: the parser's labels
(`index.template`), the BM25 user dictionary (`index.tokenize`), the dense index of template
cells (`index.cell_index`), question understanding, the glossary and the answers' wording.

    >>> row("三.denied").name, "拒绝" in row("三.denied").words
    ('不予公开', True)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "cells.toml"


@dataclass(frozen=True)
class Term:
    """A row (key 「三.denied」) or a column (key 「三:natural_person」) of the template."""

    key: str
    name: str
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    meaning: str = ""
    words: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    frames: tuple[str, ...] = ()  # patterns as specific as words (they compete by length)
    english: tuple[str, ...] = ()
    companions: tuple[str, ...] = ()
    column: str = ""  # table 二 rows: the column a question means when it names none
    unit: str = "件"
    en: str = ""  # the name in English answers
    weak: tuple[str, ...] = ()  # words that name it only when nothing else is asked

    @property
    def table(self) -> str:
        return self.key[0]

    @property
    def is_column(self) -> bool:
        return ":" in self.key

    @property
    def part(self) -> str:
        """The row key (「denied.state_secret」) or the column key (「natural_person」)."""
        return self.key.split(":", 1)[1] if self.is_column else self.key.split(".", 1)[1]

    def label(self, template: str = "2021") -> str:
        """The printed label in a template version (the other version's when it has none)."""
        labels = self.labels
        return labels.get(template) or labels.get("all") or next(iter(labels.values()), self.name)

    def text(self) -> str:
        """Everything that describes the cell, for lexical and dense matching."""
        labels = " ".join(dict.fromkeys(self.labels.values()))
        return " ".join(x for x in (self.name, labels, self.meaning, " ".join(self.words)) if x)


@dataclass(frozen=True)
class Unrecorded:
    """Something people ask that no template cell records (reply times, gender, names …)."""

    topic: str
    words: tuple[str, ...]
    english: tuple[str, ...] = ()
    closest: tuple[str, ...] = ()  # row keys of the nearest figures the reports do have


@dataclass(frozen=True)
class Office:
    """A body name (「发展和改革局」) and the short forms people use (「发改局」「发改」)."""

    full: str
    short: tuple[str, ...]
    english: tuple[str, ...] = ()
    role: str = ""  # "government" | "government_office" | "" (a department)


@dataclass(frozen=True)
class Vocabulary:
    rows: tuple[Term, ...]
    columns: tuple[Term, ...]
    unrecorded: tuple[Unrecorded, ...]
    offices: tuple[Office, ...]
    search_terms: tuple[str, ...] = ()

    def term(self, key: str) -> Term:
        for t in (*self.rows, *self.columns):
            if t.key == key:
                return t
        raise KeyError(key)

    def terms(self) -> tuple[Term, ...]:
        return (*self.rows, *self.columns)


def _term(item: dict[str, object]) -> Term:
    def strings(name: str) -> tuple[str, ...]:
        return tuple(str(x) for x in item.get(name, ()) or ())  # type: ignore[attr-defined]

    return Term(
        key=str(item["key"]), name=str(item["name"]),
        labels={str(k): str(v) for k, v in dict(item.get("labels", {}) or {}).items()},  # type: ignore[call-overload]
        meaning=str(item.get("meaning", "")), words=strings("words"), patterns=strings("patterns"),
        frames=strings("frames"),
        english=strings("english"), companions=strings("companions"),
        column=str(item.get("column", "")), unit=str(item.get("unit", "件")),
        en=str(item.get("en", "")), weak=strings("weak"),
    )


@cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return Vocabulary(
        rows=tuple(_term(x) for x in data.get("row", [])),
        columns=tuple(_term(x) for x in data.get("column", [])),
        unrecorded=tuple(Unrecorded(str(x["topic"]), tuple(x.get("words", ())), tuple(x.get("english", ())),
                                    tuple(x.get("closest", ())))
                         for x in data.get("unrecorded", [])),
        offices=tuple(Office(str(x["full"]), tuple(x.get("short", ())), tuple(x.get("english", ())),
                             str(x.get("role", "")))
                      for x in data.get("office", [])),
        search_terms=tuple(data.get("search", {}).get("terms", ())),
    )


def row(key: str) -> Term:
    """A row term by its key with table: 「三.denied」, 「四.reconsideration」, 「二.penalty」."""
    return vocabulary().term(key)


def column(key: str) -> Term:
    """A column term by its key with table: 「三:natural_person」, 「四:corrected」."""
    return vocabulary().term(key)


def _template_terms() -> tuple[str, ...]:
    """Template terms that must stay one token (labels without their list numbers)."""
    import re

    terms = list(vocabulary().search_terms)
    for t in vocabulary().terms():
        for label in t.labels.values():
            core = re.sub(r"^\s*(?:\d+[.．]|（[一二三四五六七]）|[一二三四]、)", "", label)
            core = re.sub(r"（.*?）", "", core)
            if 2 <= len(core) <= 14:
                terms.append(core)
        terms.append(t.name) if 2 <= len(t.name) <= 14 and "（" not in t.name else None
    return tuple(dict.fromkeys(terms))


def _synonyms() -> dict[str, tuple[str, ...]]:
    """Citizen word → the template term(s) it means (query expansion; "按年报口径" notes)."""
    import re

    asks = re.compile(r"多少|几|谁|什么|哪")
    out: dict[str, tuple[str, ...]] = {}
    for t in vocabulary().rows:
        core = re.sub(r"^\s*(?:\d+[.．]|（[一二三四五六七]）|[一二三四]、)", "", t.label())
        term = core if len(core) <= 8 else next((w for w in t.words if w in core), t.name)
        for w in t.words:
            if w not in t.name and w not in t.label() and not asks.search(w):
                out.setdefault(w, (term,))
    return out


def _column_words() -> dict[str, str]:
    """Citizen word → table 三 applicant column key."""
    out: dict[str, str] = {}
    for t in vocabulary().columns:
        if t.table == "三" and t.part not in ("total", "legal_person"):
            for w in t.words:
                out.setdefault(w, t.part)
    return out


TEMPLATE_TERMS: tuple[str, ...] = _template_terms()
SYNONYMS: dict[str, tuple[str, ...]] = _synonyms()
COLUMN_WORDS: dict[str, str] = _column_words()
