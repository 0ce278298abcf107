"""Which agency a question is about, resolved against the library's agency index.

A question names an agency in pieces: a place (「洪泽区」「淮安洪泽」「洪泽县」, its old name),
a body (「府办」「发改」「财政局」), or a name the library knows whole (「上海市科委」). The
resolver finds those pieces (longest first), joins a place with the body written after it,
and reads each mention against the place hierarchy:

- a place with a department (「沭阳发改」) → that department under the place;
- a bare place or 「…政府」 (「上海市」「洪泽区政府」) → the place's own government: its
  人民政府 report, else its 办公厅/办公室 report (which reports the government's applications)
  — never a body or a sub-area beneath it (「新乡市」 is not 新乡市红旗区财政局);
- a department alone (「科委」) → the one agency with that body, else ask back.

Typos: a place or body one character off (「洪则区」「财正局」) is read when the characters
sound alike (an input-method slip) — the answer says how it was read; a look-alike slip
(「沐阳县」 for 沭阳县 when not a known alias) is asked back. Template words never name an
agency (「新收政府信息公开申请」 is masked first), and a pinned scope beats any fuzzy reading.
An agency is *unknown* only when an agency-like phrase (…省/市/区/县 + 政府/局/委/办…)
names nothing indexed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.understanding.agency_index import (
    DEPARTMENT, GOVERNMENT, GOVERNMENT_OFFICE, HAN, AgencyEntry, AgencyIndex, body_core,
    make_entry, place_core, same_sound, typo_keys,
)
from assistant.understanding.agency_index import _place_forms as _forms_of
from assistant.understanding.lexicon import non_overlapping

SELF_WORDS = ("本局", "本单位", "本机关", "我局", "贵局", "该局", "本部门", "你们", "我们单位",
              "本委", "本厅", "本办", "贵单位", "本区", "本县", "本市", "这个单位", "贵委", "贵办")
# Demonstratives and particles people put inside a name (「上海那个市府办」「沭阳县的发改局」).
FILLERS = re.compile(r"那个|这个|那家|这家|那边的?|这边的?")
JOINERS = set("的之 ")
# Template phrases that contain body words (政府) but never name an agency.
TEMPLATE_PHRASES = ("政府信息公开", "信息公开", "政务公开", "政府信息", "政府网站", "政府公报")
PLACE_END = "省市区县州旗镇乡"
NOT_PLACES = {"城市", "市区", "社区", "园区", "景区", "片区", "辖区", "城区", "全市", "全区", "全县", "本市",
              "本区", "本县", "我市", "我区", "我县", "地区", "山区", "街区", "市民", "县里", "区里", "市里",
              "各区", "各县", "各市", "省市", "市县", "区县", "超市", "城乡", "乡镇", "县区", "下属各区"}
# Something in a question that looks like an agency (for "not in the library" answers).
AGENCY_LIKE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|区|县|旗|州|镇|乡))+)"
    r"((?:人民政府|政府|管委会|[\u4e00-\u9fff]{1,8}?(?:局|委员会|委|厅|办公室|办|中心)))?")
BODY_LIKE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:局|委员会|委|厅)")
LEAD_CHARS = set("在向给问对从的请据于和与跟同查找帮")


@dataclass(frozen=True)
class AgencyMatch:
    """What a question says about its agency.

    agency: the one agency meant (None when unknown or ambiguous); candidates: several
    agencies one reading cannot choose between (ask back); mention: the words that named it;
    unknown: an agency-like phrase naming nothing indexed; from_scope: taken from the pinned
    scope; reading: how a typo was read (「“洪则区”按“淮安市洪泽区人民政府”理解」);
    confirm: a look-alike typo to confirm before answering; agencies: every agency named, in
    order (comparisons); nearby: agencies that are in the library near an unknown one.
    """

    agency: str | None = None
    candidates: tuple[str, ...] = ()
    mention: str = ""
    unknown: str = ""
    from_scope: bool = False
    score: int = 0
    reading: str = ""
    confirm: bool = False
    agencies: tuple[str, ...] = ()
    nearby: tuple[str, ...] = ()
    also_unknown: tuple[str, ...] = ()  # agency-like phrases beside the named agencies
    relative: str = ""  # 「县政府」「本县的财政局」 with no agency to place it by (a conversation may)


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    kind: str  # "name" | "place" | "body"
    form: str  # the indexed form it stands for
    text: str  # as written in the question
    typo: str = ""  # "" | "sound" | "look"


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    agencies: list[str] = field(default_factory=list)
    unknown: str = ""
    typo: str = ""
    nearby: list[str] = field(default_factory=list)
    relative: bool = False  # a level and a body (「县政府」) placed by no agency of the question


class AgencyResolver:
    """Resolves agency mentions against the agencies of the catalog."""

    def __init__(self, index: AgencyIndex) -> None:
        self.index = index

    @classmethod
    def from_catalog(cls, entries: Iterable[object]) -> AgencyResolver:
        return cls(AgencyIndex.from_catalog(entries))

    @classmethod
    def of(cls, agencies: Sequence[tuple[str, tuple[str, ...]]]) -> AgencyResolver:
        """From (agency, aliases) pairs (tests, tools)."""
        return cls(AgencyIndex(make_entry(a, al) for a, al in agencies))

    @property
    def agencies(self) -> tuple[str, ...]:
        return tuple(self.index.entries)

    def canonical(self, name: str) -> str | None:
        """The indexed agency a (scope) name stands for, or None."""
        if name in self.index.entries:
            return name
        return self.find(name).agency

    # ---- resolution --------------------------------------------------------------------

    def resolve(self, question: str, scope_agency: str | None = None) -> AgencyMatch:
        match = self.find(question)
        pinned = self.canonical(scope_agency) if scope_agency else None
        if not pinned:
            return match
        if match.relative:  # 「区财政局」 on a pinned page: the pinned agency's district
            return self.within(match.relative, pinned)
        if _mentions_self(question) or not (match.agency or match.candidates or match.unknown):
            return AgencyMatch(agency=pinned, from_scope=True)
        if match.reading or match.confirm or (match.candidates and pinned in match.candidates):
            return AgencyMatch(agency=pinned, from_scope=True)  # a fuzzy reading never beats the pin
        return match

    def find_all(self, question: str, limit: int = 5) -> tuple[str, ...]:
        """Every indexed agency the question names, in order (「洪泽区和沭阳县…」)."""
        return self.find(question).agencies[:limit]

    def find(self, question: str) -> AgencyMatch:
        text = _prepare(question)
        mentions = self._with_relatives(text, self._mentions(text))
        named = [m for m in mentions if m.agencies or m.relative]
        agencies = tuple(dict.fromkeys(m.agencies[0] for m in named
                                       if len(m.agencies) == 1 and not m.relative))
        if not named:
            unknown = next((m for m in mentions if m.unknown), None)
            phrase = unknown.unknown if unknown else self._unknown_phrase(text)
            nearby = tuple(unknown.nearby) if unknown else ()
            return AgencyMatch(unknown=phrase, nearby=nearby)
        first = named[0]
        others = tuple(m.unknown for m in mentions if m.unknown)
        if first.relative:  # 「县政府」 alone: whose county is for the conversation, else asked
            return AgencyMatch(candidates=tuple(first.agencies), mention=first.text,
                               unknown="" if first.agencies else first.text,
                               relative=first.text, agencies=agencies)
        if len(first.agencies) > 1:
            return AgencyMatch(candidates=tuple(first.agencies), mention=first.text,
                               agencies=agencies, also_unknown=others)
        agency = first.agencies[0]
        foreign = self._foreign_place(text, first, agency)
        if foreign:  # 「北京市朝阳区人社局」: the library's 人社局 is in another place
            return AgencyMatch(unknown=foreign, nearby=(agency,))
        if first.typo == "look":
            return AgencyMatch(candidates=(agency,), mention=first.text, confirm=True,
                               agencies=agencies)
        reading = f"“{first.text}”按“{agency}”理解" if first.typo == "sound" else ""
        return AgencyMatch(agency=agency, mention=first.text, score=first.end - first.start,
                           reading=reading, agencies=agencies, also_unknown=others)

    # ---- a body named by its level: 「县政府」「区财政局」「本市的府办」 ------------------------

    def within(self, relative: str, agency: str) -> AgencyMatch:
        """`relative` (「县政府」) read in the place chain of `agency`: the government (or the
        body) of the agency's county. Not placed → the place's name as unknown; no place of
        that level in the chain → the library's agencies it may mean (asked back)."""
        level, body = _level_body(relative)
        entry = self.index.entries.get(agency)
        chain = entry.places if entry else ()
        for depth in range(len(chain), 0, -1):
            if _level_of(chain[depth - 1]) == level:
                node = chain[:depth]
                hits = list(dict.fromkeys(e.agency for e in self._at_node(node, body)))
                if len(hits) == 1:
                    return AgencyMatch(agency=hits[0], mention=relative, agencies=(hits[0],))
                if hits:
                    return AgencyMatch(candidates=tuple(hits), mention=relative)
                name = "".join(node) + (body.form if body and body.form not in ("政府", "人民政府")
                                        else "人民政府")
                return AgencyMatch(unknown=name, nearby=tuple(e.agency for e in self.index.under(node)))
        wide = self._level_candidates(level, body)
        return AgencyMatch(candidates=wide, mention=relative, relative=relative,
                           unknown="" if wide else relative)

    def _level_candidates(self, level: str, body: _Piece | None) -> tuple[str, ...]:
        nodes = {e.places for e in self.index.entries.values() if e.places and _level_of(e.places[-1]) == level}
        return tuple(sorted({e.agency for node in nodes for e in self._at_node(node, body)}))

    def _with_relatives(self, text: str, mentions: list[_Mention]) -> list[_Mention]:
        """Mentions plus the level-and-body ones (「那县政府呢」「县政府和市场监管局」), read in
        the place chain of the question's other agency when it names one."""
        taken = [(m.start, m.end) for m in mentions]
        anchor = next((m.agencies[0] for m in mentions if len(m.agencies) == 1 and not m.typo), None)
        found = []
        for m in _RELATIVE.finditer(text):
            start = m.start(1) if m.group(1) else m.start(2)
            if any(s < m.end() and start < e for s, e in taken) or not self._relative_ok(text, m):
                continue
            written = text[start:m.end()]
            if anchor:
                r = self.within(written, anchor)
                hits = [r.agency] if r.agency else list(r.candidates)
                found.append(_Mention(start, m.end(), written, hits, unknown=r.unknown))
            else:
                wide = self._level_candidates(*_level_body(written))
                found.append(_Mention(start, m.end(), written, list(wide), relative=True))
        return sorted([*mentions, *found], key=lambda x: x.start)

    def _relative_ok(self, text: str, m: re.Match[str]) -> bool:
        """A level word that starts a phrase (not the end of a place: 「海淀区政府」) and a body
        the library or the vocabulary knows."""
        at = m.start(2)
        before = text[at - 1:at]
        if not m.group(1) and before and HAN.match(before) and before not in _BEFORE_LEVEL:
            return False
        body = m.group(3)
        return body in self.index.bodies or body_core(body) in self.index.bodies

    # ---- pieces and mentions ------------------------------------------------------------

    def _pieces(self, text: str) -> list[_Piece]:
        idx = self.index
        found: list[_Piece] = []
        for start, end, form in idx.spans(text):
            if form in idx.names and not (form[0] in PLACE_END and start > 0 and HAN.match(text[start - 1])):
                found.append(_Piece(start, end, "name", form, form))  # not 「(朝阳)区人社局」
            if form in idx.nodes and _place_ok(text, start, end, form):
                found.append(_Piece(start, end, "place", form, form))
            if form in idx.bodies:
                found.append(_Piece(start, end, "body", form, form))
        found += self._typos(text, found)
        found += self._typo_names(text, found)
        rank = {"name": 0, "place": 1, "body": 2}
        found.sort(key=lambda p: (-(p.end - p.start), bool(p.typo), rank[p.kind], p.start))
        return non_overlapping(found, len(text))

    def _typos(self, text: str, exact: list[_Piece]) -> list[_Piece]:
        """Places and bodies written one character off (洪则区, 财正局)."""
        covered = [False] * len(text)
        for p in exact:
            covered[p.start:p.end] = [True] * (p.end - p.start)
        place_ends = {p.end for p in exact if p.kind in ("place", "name")}
        out: list[_Piece] = []
        for kind, table in (("place", self.index.typo_places), ("body", self.index.typo_bodies)):
            for length in range(2, 6):
                for start in range(len(text) - length + 1):
                    window = text[start:start + length]
                    if all(covered[start:start + length]) or not all(HAN.match(c) for c in window):
                        continue
                    for key in typo_keys(window):
                        for form in sorted(table.get(key, ())):  # sorted: the same reading every run
                            if kind == "body" and not self._body_fits(text, start, form, exact):
                                continue
                            piece = self._typo_piece(text, start, window, form, kind, key.index("?"),
                                                     place_ends)
                            if piece:
                                out.append(piece)
        return out

    def _typo_names(self, text: str, exact: list[_Piece]) -> list[_Piece]:
        """Whole names one character off that sound alike (「平谭实验区」)."""
        out: list[_Piece] = []
        for length in range(4, min(len(text), 16) + 1):
            for start in range(len(text) - length + 1):
                window = text[start:start + length]
                if window in self.index.names or not all(HAN.match(c) for c in window):
                    continue
                for key in typo_keys(window):
                    for form in sorted(self.index.typo_names.get(key, ())):
                        at = key.index("?")
                        ends_word = not HAN.match(text[start + length:start + length + 1] or "x")
                        if (at < length - 1 or ends_word) and same_sound(window[at], form[at]):
                            out.append(_Piece(start, start + length, "name", form, window, "sound"))
        return out

    def _body_fits(self, text: str, start: int, form: str, exact: list[_Piece]) -> bool:
        """A body read from a typo right after a place must be a body of that place
        (「玄武明政局」 is 玄武's 民政局, not a 财政局 elsewhere)."""
        before = [p for p in exact if p.kind in ("place", "name") and p.end in (start, start - 1)
                  and p.form in self.index.nodes]
        if not before:
            return True
        fulls = self.index.bodies.get(form, set())
        return any(e.body.full in fulls or form in e.body.forms
                   for p in before for node in self.index.nodes[p.form] for e in self.index.at(node))

    def _typo_piece(self, text: str, start: int, window: str, form: str, kind: str,
                    at: int, place_ends: set[int] | None = None) -> _Piece | None:
        end = start + len(window)
        after = text[end:end + 4]
        structured = bool(after[:1]) and (after[:1] in PLACE_END or _starts_body(after, self.index)
                                          or after[:1].isdigit())
        if kind == "body" and place_ends and (start in place_ends or start - 1 in place_ends) \
                and at < len(window) - 1 and window[-1] == form[-1]:
            structured = True  # 「红旗区财攻局」: a body right after an exact place, its ending kept
        if kind == "place":
            if window[-1:] in PLACE_END and form[-1:] in PLACE_END:
                structured = True
            if len(form) < 3 and not structured:
                return None
        sound = same_sound(window[at], form[at])
        if not sound and not structured:
            return None
        return _Piece(start, end, kind, form, window, "sound" if sound else "look")

    def _mentions(self, text: str) -> list[_Mention]:
        pieces = self._pieces(text)
        mentions: list[_Mention] = []
        i = 0
        while i < len(pieces):
            p = pieces[i]
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            adjacent_body = nxt if nxt and nxt.kind == "body" and _adjacent(text, p.end, nxt.start) \
                else None
            if p.kind == "name" and adjacent_body and p.form in self.index.nodes:
                place = _Piece(p.start, p.end, "place", p.form, p.text, p.typo)  # 「沭阳县」+「发改委」
                mentions.append(self._placed(text, place, adjacent_body))
                i += 1
            elif p.kind == "name":
                if not (p.form in self.index.nodes and _inside_title(text, p.start, p.end)):
                    mentions.append(self._named(p))  # a place's short name in a quoted name: none
            elif p.kind == "place":
                body = nxt if nxt and nxt.kind == "body" and _adjacent(text, p.end, nxt.start) else None
                if body is None and _inside_title(text, p.start, p.end):
                    i += 1  # 「“阳光讲堂·春永”发布了多少期」: a place in a quoted name is no agency
                    continue
                mentions.append(self._placed(text, p, body))
                i += 1 if body else 0
            else:
                mention = self._body_only(p, text)
                if mention and nxt and nxt.kind in ("place", "name") and mention.agencies and \
                        _adjacent(text, p.end, nxt.start) and self._all_under(mention.agencies, nxt):
                    mention.end, mention.text = nxt.end, text[p.start:nxt.end]  # 「科委上海」
                    i += 1
                if mention:
                    mentions.append(mention)
            i += 1
        return mentions

    def _all_under(self, agencies: list[str], place: _Piece) -> bool:
        nodes = self.index.nodes.get(place.form, set())
        return bool(nodes) and all(any(self.index.entries[a].places[:len(n)] == n for n in nodes)
                                   for a in agencies)

    def _named(self, p: _Piece) -> _Mention:
        return _Mention(p.start, p.end, p.text, sorted(self.index.names[p.form]), typo=p.typo)

    def _placed(self, text: str, place: _Piece, body: _Piece | None) -> _Mention:
        end = body.end if body else place.end
        written = text[place.start:end]
        typo = "look" if "look" in (place.typo, body.typo if body else "") else \
            ("sound" if place.typo or (body and body.typo) else "")
        found: list[str] = []
        nearby: list[str] = []
        for node in sorted(self.index.nodes[place.form]):
            hits = self._at_node(node, body)
            found += [e.agency for e in hits]
            if not place.typo:  # a place read as a typo offers nothing near it
                nearby += [e.agency for e in self.index.under(node)]
        if body and body.typo == "look" and place.typo == "" and len(found) == 1:
            typo = "sound"  # an exact place with one such body: 「红旗区财攻局」 is 红旗区财政局 (said)
        found = list(dict.fromkeys(found))
        if body is None and (better := self._abbreviated_body(text, place)):
            return better
        if body is None and (other := _unindexed_body_after(text, place.end, self.index)):
            written = text[place.start:place.end] + other  # 「上海市教委」: not 上海市's government
            return _Mention(place.start, place.end + len(other), written, unknown=written,
                            nearby=list(dict.fromkeys(nearby)))
        if not found:
            phrase = written if body else _unknown_government(written)
            return _Mention(place.start, end, written, unknown=phrase,
                            nearby=list(dict.fromkeys(nearby)))
        return _Mention(place.start, end, written, found, typo=typo)

    def _abbreviated_body(self, text: str, place: _Piece) -> _Mention | None:
        """A body after a place, written short in a way no list has: 「岳塘区人力社保局」
        (characters of 人力资源和社会保障局 in order), or a place read too long: 「新罗市监局」
        is 新罗 + 市监局."""
        core = place_core(place.form)[0]
        starts = [place.end]
        if core != place.form and core in self.index.nodes and text.startswith(core, place.start):
            starts.append(place.start + len(core))
        for start in starts:
            m = _BODY_AFTER.match(text, start)
            if not m:
                continue
            written = m.group(1)
            nodes = self.index.nodes.get(text[place.start:start], set()) or self.index.nodes[place.form]
            hits = [e.agency for node in nodes for e in self.index.under(node)
                    if _abbreviates(written, e.body)]
            if len(set(hits)) == 1:
                return _Mention(place.start, m.end(), text[place.start:m.end()], [hits[0]])
        return None

    def _at_node(self, node: tuple[str, ...], body: _Piece | None) -> list[AgencyEntry]:
        fulls = self.index.bodies.get(body.form, set()) if body else set()
        roles = {self._role(f) for f in fulls} if body else {GOVERNMENT}
        if roles & {GOVERNMENT, GOVERNMENT_OFFICE}:
            own = self.index.at(node)
            governments = [e for e in own if e.role == GOVERNMENT]
            offices = [e for e in own if e.role == GOVERNMENT_OFFICE]
            first, second = (offices, governments) if GOVERNMENT_OFFICE in roles else (governments, offices)
            return first or second
        # 「新乡市财政局」 is the city's own 财政局, never a 财政局 of a district beneath it
        return [e for e in self.index.at(node) if _body_matches(e, body, fulls)]

    def _role(self, full: str) -> str:
        for e in self.index.entries.values():
            if e.body.full == full:
                return e.role
        for office in self.index.offices():
            if office.full == full:
                return office.role or DEPARTMENT
        return DEPARTMENT

    def _body_only(self, p: _Piece, text: str) -> _Mention | None:
        fulls = self.index.bodies.get(p.form, set())
        if not fulls or {self._role(f) for f in fulls} & {GOVERNMENT, GOVERNMENT_OFFICE}:
            return None  # 「政府」「府办」 alone name no one agency
        prefix = self._place_like_before(text, p.start)
        if prefix:  # 「北京市海淀区财政局」: the same body in a place the library does not have
            return _Mention(p.start - len(prefix), p.end, prefix + p.text, unknown=prefix + p.text)
        hits = [e.agency for e in self.index.entries.values() if _body_matches(e, p, fulls)]
        if not hits:
            if len(p.form) >= 3 and _body_word_at(text, p):
                before = _name_before(text, p.start)
                return _Mention(p.start - len(before), p.end, before + p.text,
                                unknown=before + p.text)
            return None
        return _Mention(p.start, p.end, p.text, sorted(set(hits)), typo=p.typo)

    def _foreign_place(self, text: str, mention: _Mention, agency: str) -> str:
        """A place written right before (or as the start of) a mention that is not one of the
        agency's places: the question names the same kind of body somewhere else."""
        own = self.index.entries[agency].places
        forms = {f for depth in range(1, len(own) + 1) for f in _forms_of(own[:depth])}
        if any(mention.text.startswith(f) for f in forms):
            return ""  # 「江苏省淮安市洪泽区…」: the mention starts with the agency's own place
        leads_place = mention.text[:1] in PLACE_END and mention.text not in self.index.bodies
        upto = mention.start + (1 if leads_place else 0)  # 「(朝阳)区人社局」, not 「市场监管局」
        place = _place_ending_at(text, upto, shortest=3)
        if not place or any(place.endswith(f) for f in forms) or any(f.endswith(place) for f in forms):
            return ""
        return text[upto - len(place):mention.end]

    def _place_like_before(self, text: str, start: int) -> str:
        """A place-like name right before a body that is not a place of the library."""
        place = _place_ending_at(text, start, shortest=2)
        if not place or any(place.endswith(form) for form in self.index.nodes if len(form) >= 2):
            return ""
        return place

    def _unknown_phrase(self, text: str) -> str:
        for m in AGENCY_LIKE.finditer(text):
            phrase = _trim_lead(m.group(0))
            place = _trim_lead(m.group(1))
            if len(place) < 2 or place in NOT_PLACES or any(place.endswith(n) for n in NOT_PLACES):
                continue
            if m.group(2) or m.start() == 0 or text[m.start() - 1] in LEAD_CHARS or \
                    phrase != m.group(0):
                return _unknown_government(phrase) if not m.group(2) else phrase
        return ""


_RELATIVE = re.compile(r"(本|该|这个|那个)?([省市区县旗镇乡])的?(人民政府|政府|府办|"
                       r"[\u4e00-\u9fff]{1,9}?(?:委员会|局|委|厅|办公室|办))")
_BEFORE_LEVEL = LEAD_CHARS | set("那这该其也还再换成是呢看说到及")


def _level_of(place: str) -> str:
    """「溪口县」 → 县, 「平潭综合实验区」 → 区 (the level people name a place's body by)."""
    suffix = place_core(place)[1]
    return suffix[-1] if suffix and suffix[-1] in "省市区县旗镇乡" else ""


def _level_body(relative: str) -> tuple[str, _Piece | None]:
    """「本县的财政局」 → (县, 财政局 piece); 「县政府」 → (县, None: the government)."""
    m = _RELATIVE.fullmatch(relative)
    if not m:
        return "", None
    body = m.group(3)
    if body in ("人民政府", "政府"):
        return m.group(2), None
    return m.group(2), _Piece(0, 0, "body", body, body)


def _prepare(question: str) -> str:
    text = FILLERS.sub("", question)
    for phrase in TEMPLATE_PHRASES:
        text = text.replace(phrase, "＿" * len(phrase))
    return text


def _place_ok(text: str, start: int, end: int, form: str) -> bool:
    """A place form stands for a place unless it is part of a longer ordinary word."""
    before = text[start - 1:start]
    return not (form + text[end:end + 1] in NOT_PLACES or before + form in NOT_PLACES)


_QUOTED = re.compile(r"“[^“”]{1,40}”|「[^「」]{1,40}」|『[^『』]{1,40}』|《[^《》]{1,40}》|\"[^\"]{1,40}\"")
_REPORT_TITLE = re.compile(r"报告|年报|年度")


def _inside_title(text: str, start: int, end: int) -> bool:
    """The place is part of a quoted name (a column, an account, a programme) — more than the
    place itself, and not the title of a report (《某区2023年政府信息公开工作年度报告》)."""
    for m in _QUOTED.finditer(text):
        if m.start() < start and end < m.end():
            inner = m.group()[1:-1]
            return inner != text[start:end] and not _REPORT_TITLE.search(inner)
    return False


def _adjacent(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return len(gap) <= 2 and all(ch in JOINERS for ch in gap)


def _starts_body(after: str, index: AgencyIndex) -> bool:
    return any(after.startswith(form) for form in index.bodies if len(form) <= len(after))


_BODY_AFTER = re.compile(r"的?([\u4e00-\u9fff]{1,6}?(?:委员会|局|委|厅|办公室|中心))")


def _unindexed_body_after(text: str, end: int, index: AgencyIndex) -> str:
    """A body written right after a place that the index does not know (「教委」)."""
    m = _BODY_AFTER.match(text, end)
    if not m or m.group(1) in index.bodies or body_core(m.group(1)) in index.bodies:
        return ""
    return m.group(0)


def _abbreviates(written: str, body: object) -> bool:
    """`written` is the body's name with characters left out (in order), or one of its forms;
    at least two of its characters are not the ending (局/委/办…)."""
    forms = getattr(body, "forms", ())
    if written in forms or body_core(written) in forms:
        return True
    full = getattr(body, "full", "")
    core = body_core(written)
    if len(core) < 2 or core == written and len(written) < 3:
        return False
    pos = 0
    for ch in written:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _body_matches(entry: AgencyEntry, body: _Piece | None, fulls: set[str]) -> bool:
    """The entry's body is the one written, or the same body with another ending
    (「发改委」 for 发展和改革局: people mix 局 and 委)."""
    if body is None:
        return False
    core = body_core(body.form)
    return entry.body.full in fulls or body.form in entry.body.forms or \
        (core != body.form and core in entry.body.forms)


_PLACE_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|区|县|旗|州))+$")


def _place_ending_at(text: str, end: int, *, shortest: int) -> str:
    """The place-like name (…省/市/区/县) written right before `end`, "" when none."""
    m = _PLACE_BEFORE.search(text[max(0, end - 12):end])
    if not m:
        return ""
    place = _trim_lead(m.group(0))
    return "" if place in NOT_PLACES or len(place) < shortest else place


def _name_before(text: str, start: int) -> str:
    """「南海教育局」: the characters written before a body (up to four, a place name)."""
    run = re.search(r"[\u4e00-\u9fff]{1,4}$", text[max(0, start - 4):start])
    if not run:
        return ""
    chars = run.group(0)
    cut = max((i for i, ch in enumerate(chars) if ch in LEAD_CHARS or ch in "年的了"), default=-1)
    return chars[cut + 1:]


def _body_word_at(text: str, p: _Piece) -> bool:
    """「教育局2023年…」: a whole body word, not a piece of something else."""
    return bool(BODY_LIKE.fullmatch(p.text)) or p.text.endswith(("局", "委", "厅"))


def _unknown_government(place: str) -> str:
    """「新乡市」 asked alone means 新乡市人民政府 (the name an answer says is missing)."""
    return place if place.endswith(("政府", "管委会")) else f"{place}人民政府"


def _trim_lead(phrase: str) -> str:
    i = 0
    while i < len(phrase) - 2 and phrase[i] in LEAD_CHARS:
        i += 1
    return phrase[i:]


def _mentions_self(question: str) -> bool:
    return any(w in question for w in SELF_WORDS)

