"""The agencies of the library as a searchable index: names, aliases, place chains, bodies.

Built once from the catalog (and rebuilt when it changes: O(agencies), no per-question cost
that grows with the library). Each agency name is split into its place chain and its body
(「淮安市洪泽区人民政府」 → 淮安市 › 洪泽区 + 人民政府); the index holds

- *place forms* → place nodes: 「洪泽区」「洪泽」「淮安洪泽」「洪泽县」 (an old suffix) → 淮安市›洪泽区;
- *body forms* → bodies: 「发改局」「发改」「发展改革局」 → 发展和改革局 (short forms from the
  vocabulary's office table, plus rules: initials of 「发展和改革」, the body without 局/委);
- *exact names* → agencies: the full name and every alias the parser derived;
- one-character-off keys of the place and body forms, for typos (洪则区, 财正局);
- the pinyin of place cores (hongze → 洪泽), for English questions.

Exact spans are found with an Aho–Corasick automaton (`pyahocorasick`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import ahocorasick
from pypinyin import lazy_pinyin

from index.parsing.agency import split_place
from index.vocabulary import Office, vocabulary

GOVERNMENT, GOVERNMENT_OFFICE, DEPARTMENT = "government", "government_office", "department"
PLACE_SUFFIXES = ("综合实验区", "经济开发区", "开发区", "自治区", "自治州", "自治县", "新区", "省", "市",
                  "区", "县", "州", "旗", "盟", "镇", "乡", "街道")
LEVELS = "省市区县州旗镇乡"
# Suffixes that end a body name (「财政局」 → 「财政」 is the body's core).
BODY_SUFFIXES = ("委员会", "办公厅", "办公室", "管委会", "中心", "局", "委", "厅", "办", "处", "站", "所", "院")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Body:
    """A body name (「发展和改革局」), its role and the forms people write it in."""

    full: str
    role: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class AgencyEntry:
    agency: str
    places: tuple[str, ...]  # the place chain, 「淮安市」「洪泽区」
    body: Body
    names: tuple[str, ...]  # full name and aliases

    @property
    def role(self) -> str:
        return self.body.role


def place_core(place: str) -> tuple[str, str]:
    """「洪泽区」 → (「洪泽」, 「区」); 「平潭综合实验区」 → (「平潭」, 「综合实验区」)."""
    for suffix in PLACE_SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix):
            return place[: -len(suffix)], suffix
    return place, ""


@cache
def _offices() -> tuple[Office, ...]:
    return vocabulary().offices


@cache
def body_of(name: str) -> Body:
    """The body of an agency name's body part, with the forms people write it in (a
    library holds few distinct bodies, so each is worked out once per process)."""
    role = DEPARTMENT
    forms: list[str] = [name] if name else []
    for office in _offices():
        if name == office.full or name in office.short:
            forms += [office.full, *office.short]
            role = office.role or DEPARTMENT
    if not name:
        role = GOVERNMENT  # a bare region name (「平潭综合实验区」) is the region's government
    if role == DEPARTMENT:
        forms += _derived_forms(name)
        forms += [_core(f) for f in forms if len(_core(f)) >= 2 and _core(f) != f]
    return Body(name, role, tuple(dict.fromkeys(f for f in forms if len(f) >= 2)))


def body_core(form: str) -> str:
    """「发改委」 → 「发改」: a body form without its 局/委/办 ending (at least two left)."""
    return _core(form)


def _core(form: str) -> str:
    for suffix in BODY_SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= 2:
            return form[: -len(suffix)]
    return form


def _derived_forms(name: str) -> list[str]:
    """「发展和改革局」 → 「发改局」「发展改革局」; 「人力资源和社会保障局」 → 「人社局」."""
    core = _core(name)
    suffix = name[len(core):]
    forms = []
    if "和" in core:
        parts = core.split("和")
        forms.append("".join(p[:1] for p in parts) + suffix)
        forms.append("".join(parts) + suffix)
    elif len(core) == 4:  # 「科学技术」 → 「科技」
        forms.append(core[0] + core[2] + suffix)
    return forms


def _place_forms(chain: tuple[str, ...]) -> list[str]:
    """How people name the last place of a chain: 「洪泽区」「洪泽」「淮安洪泽区」「洪泽县」."""
    last = chain[-1]
    core, suffix = place_core(last)
    forms = [last, "".join(chain)]
    if len(core) >= 2:
        forms.append(core)
        if suffix in ("市", "区", "县"):
            forms += [core + other for other in ("市", "区", "县") if other != suffix]  # 洪泽县 (old)
    if len(suffix) >= 3 and len(core) >= 2:  # 「平潭综合实验区」 → 「平潭实验区」
        forms.append(core + suffix[-3:])
    if len(chain) >= 2:
        upper = place_core(chain[-2])[0]
        forms += [upper + last, upper + core] if len(core) >= 2 else [upper + last]
    return forms


class AgencyIndex:
    """Agencies, their place chains and bodies, searchable in a question."""

    def __init__(self, entries: Iterable[AgencyEntry]) -> None:
        self.entries: dict[str, AgencyEntry] = {e.agency: e for e in _completed(list(entries))}
        self.nodes: dict[str, set[tuple[str, ...]]] = defaultdict(set)  # place form → nodes
        self.bodies: dict[str, set[str]] = defaultdict(set)  # body form → body full names
        self.names: dict[str, set[str]] = defaultdict(set)  # exact name → agencies
        self.typo_places: dict[str, set[str]] = defaultdict(set)  # masked key → place forms
        self.typo_bodies: dict[str, set[str]] = defaultdict(set)
        self.typo_names: dict[str, set[str]] = defaultdict(set)
        self.pinyin: dict[str, set[str]] = defaultdict(set)  # "hongze" → place forms
        for office in _offices():  # every body the vocabulary knows, indexed or not
            for form in (office.full, *office.short):
                self.bodies[form].add(office.full)
        for e in self.entries.values():
            for name in (e.agency, *e.names):
                self.names[name].add(e.agency)
            for depth in range(1, len(e.places) + 1):
                chain = e.places[:depth]
                for form in _place_forms(chain):
                    self.nodes[form].add(chain)
            for form in e.body.forms:
                self.bodies[form].add(e.body.full)
        for form in self.nodes:
            core = place_core(form)[0]
            if len(core) >= 2:
                _add_typo_keys(self.typo_places, form)
                self.pinyin["".join(lazy_pinyin(core))].add(form)
        self.indexed_bodies = frozenset(e.body.full for e in self.entries.values())
        for form, fulls in self.bodies.items():
            if len(form) >= 3 and fulls & self.indexed_bodies:
                _add_typo_keys(self.typo_bodies, form)
        for form in self.names:
            if len(form) >= 4:
                _add_typo_keys(self.typo_names, form)
        self._automaton = _automaton([*self.nodes, *self.bodies, *self.names])

    @classmethod
    def from_catalog(cls, catalog: Iterable[object]) -> AgencyIndex:
        names: dict[str, set[str]] = {}
        for entry in catalog:
            agency = str(getattr(entry, "agency"))
            names.setdefault(agency, set()).update(getattr(entry, "agency_aliases", ()) or ())
        return cls(make_entry(a, tuple(sorted(al))) for a, al in sorted(names.items()))

    def offices(self) -> tuple[Office, ...]:
        return _offices()

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, form) of an indexed name, place or body form in `text`."""
        return [(end - len(form) + 1, end + 1, form) for end, form in self._automaton.iter(text)]

    def under(self, node: tuple[str, ...]) -> list[AgencyEntry]:
        """Agencies whose place chain starts with `node`."""
        return [e for e in self.entries.values() if e.places[:len(node)] == node]

    def at(self, node: tuple[str, ...]) -> list[AgencyEntry]:
        return [e for e in self.entries.values() if e.places == node]


def _completed(entries: list[AgencyEntry]) -> list[AgencyEntry]:
    """Place chains completed from the library: 「溪口县市场监督管理局」 (its text never names
    the city) is placed in 樟林市 › 溪口县 when the library's only 溪口县 is the one of 樟林市
    (another agency's chain). Two different places ending so (鼓楼区 of two cities): left as
    written."""
    prefixes = {e.places[:d] for e in entries for d in range(1, len(e.places) + 1)}
    out = []
    for e in entries:
        n = len(e.places)
        longer = sorted((p for p in prefixes if len(p) > n and p[-n:] == e.places), key=len) if n else []
        if longer and all(longer[-1][-len(p):] == p for p in longer):
            e = AgencyEntry(e.agency, longer[-1], e.body, e.names)
        out.append(e)
    return out


def make_entry(agency: str, aliases: tuple[str, ...] = ()) -> AgencyEntry:
    """Split an agency's name into places and body; the fullest body among its names wins
    (「上海市科委」 with alias 「上海市科学技术委员会」 → body 科学技术委员会, forms 科委 …)."""
    places, body_text = split_place(agency)
    forms: list[str] = [body_text]
    for alias in aliases:
        alias_places, alias_body = split_place(alias)
        if alias_body and places and alias_places and alias_places[-1] == places[-1]:
            forms.append(alias_body)
    full = max(forms, key=len) if forms else ""
    body = body_of(full)
    extra = [f for form in forms for f in body_of(form).forms]
    merged = Body(body.full, body.role, tuple(dict.fromkeys([*body.forms, *extra])))
    return AgencyEntry(agency, tuple(places), merged, aliases)


def _add_typo_keys(index: dict[str, set[str]], form: str) -> None:
    for i, ch in enumerate(form):
        if "\u4e00" <= ch <= "\u9fff":  # HAN, without a regex call per character
            index[form[:i] + "?" + form[i + 1:]].add(form)


def typo_keys(window: str) -> list[str]:
    return [window[:i] + "?" + window[i + 1:] for i in range(len(window))]


def _automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in set(words):
        if len(word) >= 2:
            automaton.add_word(word, word)
    if len(automaton) == 0:
        automaton.add_word("\0\0", "\0\0")
    automaton.make_automaton()
    return automaton


def same_sound(a: str, b: str) -> bool:
    """Two characters read alike (toneless pinyin): 则/泽, 述/沭, 滩/潭 — the typos of an
    input method."""
    return lazy_pinyin(a) == lazy_pinyin(b)
