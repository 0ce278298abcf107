"""Which agency a question is about.

Agency names in questions are abbreviations of the printed names: 「沭阳发改局」 for
沭阳县发展和改革局, 「上海市府办」 for 上海市人民政府办公厅. Almost every such short form is a
*subsequence* of the full name (characters kept in order), so the matcher looks for the
window of the question that is the best-scoring subsequence of an indexed name or alias,
allowing one mistyped character (财正局 → 财政局, 沐阳 → 沭阳, 平谭 → 平潭).

Characters are weighted: generic administrative characters (市 区 局 政 府 …) count 1, the
distinctive ones (place names, 财, 科, 发改 …) count 2; a window must contain a distinctive
character and reach `THRESHOLD`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Generic characters of administrative names: weight 1.
GENERIC = frozenset("省市区县镇乡街道旗州盟人民政府办公室厅局委员会中心处所站部门管理行政")
THRESHOLD = 4
CONNECTORS = frozenset("和与及跟同、的")
FUZZY_THRESHOLD = 3
SELF_WORDS = ("本局", "本单位", "本机关", "我局", "贵局", "该局", "本部门", "你们", "我们单位",
              "本委", "本厅", "本办", "贵单位", "本区", "本县", "本市", "这个单位")

# Standard abbreviations (short ↔ long) used to widen the names of an agency.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("科委", "科学技术委员会"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("人社局", "人力资源和社会保障局"),
    ("住建局", "住房和城乡建设局"),
    ("市监局", "市场监督管理局"),
    ("卫健委", "卫生健康委员会"),
    ("生态环境局", "环境保护局"),
    ("府办", "政府办公厅"),
    ("府办", "政府办公室"),
    ("政府", "人民政府"),
)
# Names that denote a whole region's government (preferred for a bare place name).
GOVERNMENT_SUFFIXES = ("人民政府", "管委会", "管理委员会", "实验区", "新区")
# Demonstratives people put inside a name (「上海那个市府办」), dropped before matching.
FILLERS = re.compile(r"那个|这个|那家|这家|那边的?|这边的?")
# The end of the place part of a name (省 市 区 县 …), followed by the office part.
PLACE_END = re.compile(r".*(?:省|自治区|市(?!场)|区|县|旗|镇|乡)")
# Something in a question that looks like an agency name (for "not indexed" answers).
AGENCY_LIKE = re.compile(
    r"[\u4e00-\u9fff]{2,12}?(?:省|自治区|市|区|县|旗|镇|乡)"
    r"(?:[\u4e00-\u9fff]{0,10}?(?:人民政府|政府|局|委员会|委|厅|办公室|办))?"
)


@dataclass(frozen=True)
class AgencyNames:
    agency: str
    names: tuple[str, ...]  # full name, aliases, derived short/long forms


@dataclass(frozen=True)
class AgencyMatch:
    """Result of resolving the agency of a question.

    agency: the single agency meant (None when unknown or ambiguous);
    candidates: several equally good agencies (ask back);
    mention: the question text that named it; unknown: an agency-like phrase naming
    no indexed agency (say it is not indexed); from_scope: taken from the pinned scope.
    """

    agency: str | None = None
    candidates: tuple[str, ...] = ()
    mention: str = ""
    unknown: str = ""
    from_scope: bool = False
    score: int = 0


def _weight(ch: str) -> int:
    return 1 if ch in GENERIC else 2


def expand_names(agency: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """The agency's names plus abbreviation variants of each."""
    names = {agency, *aliases}
    for name in list(names):
        for short, long in ABBREVIATIONS:
            if long in name:
                names.add(name.replace(long, short))
            if short in name and long not in name and short != "政府":
                names.add(name.replace(short, long))
    return tuple(sorted(n for n in names if len(n) >= 2))


def _window(question: str, start: int, name: str, fuzzy: bool) -> tuple[int, int, int, int]:
    """Best subsequence window of `question` from `start` against `name`.

    Returns (score, end, exact_characters, distinct_characters). With `fuzzy`, one question
    character may stand for the next name character (scored 0), if a match follows it.
    """
    pos = score = exact = distinct = subs = 0
    best = (0, start, 0, 0)
    for i in range(start, len(question)):
        ch = question[i]
        found = name.find(ch, pos)
        if found >= 0:
            pos, score = found + 1, score + _weight(ch)
            exact, distinct = exact + 1, distinct + (ch not in GENERIC)
            if ch not in CONNECTORS:  # 「沭阳县和…」: 和 joins two names, it ends none
                best = (score, i + 1, exact, distinct)
        elif fuzzy and subs == 0 and pos < len(name) and "\u4e00" <= ch <= "\u9fff":
            pos, subs = pos + 1, 1
        else:
            break
    return best


def _score(question: str, name: str, fuzzy: bool) -> tuple[int, str]:
    best, mention = 0, ""
    if len(name) >= 5 and name in question:  # a whole alias, even of generic characters
        best, mention = sum(_weight(ch) for ch in name) + 1, name
    for start in range(len(question)):
        score, end, exact, distinct = _window(question, start, name, fuzzy)
        if distinct == 0 or exact < 2 or (fuzzy and end - start < 3):
            continue
        if score > best:
            best, mention = score, question[start:end]
    return best, mention


class AgencyResolver:
    """Resolves agency mentions against the agencies of the catalog."""

    def __init__(self, agencies: Sequence[AgencyNames]) -> None:
        self._agencies = tuple(agencies)

    @classmethod
    def from_catalog(cls, entries: Iterable[object]) -> AgencyResolver:
        names: dict[str, set[str]] = {}
        for entry in entries:
            agency = getattr(entry, "agency")  # noqa: B009 - entry is typed object
            names.setdefault(agency, set()).update(getattr(entry, "agency_aliases", ()))
        return cls([AgencyNames(a, expand_names(a, al)) for a, al in sorted(names.items())])

    @property
    def agencies(self) -> tuple[str, ...]:
        return tuple(a.agency for a in self._agencies)

    def canonical(self, name: str) -> str | None:
        """The indexed agency a (scope) name stands for, or None."""
        for a in self._agencies:
            if name == a.agency or name in a.names:
                return a.agency
        match = self.find(name)
        return match.agency

    def resolve(self, question: str, scope_agency: str | None = None) -> AgencyMatch:
        match = self.find(question)
        pinned = self.canonical(scope_agency) if scope_agency else None
        if pinned and match.unknown and not _mentions_self(question):
            return match  # the question names an agency the library does not have
        if pinned and (not match.agency and not match.candidates or _mentions_self(question)):
            return AgencyMatch(agency=pinned, from_scope=True)
        if pinned and match.candidates and pinned in match.candidates:
            return AgencyMatch(agency=pinned, from_scope=True)
        return match

    def find_all(self, question: str, limit: int = 5) -> tuple[str, ...]:
        """Every indexed agency the question names, in order (「洪泽区和沭阳县…」)."""
        found: list[str] = []
        text = question
        while len(found) < limit:
            match = self.find(text)
            if not match.agency or not match.mention or match.agency in found:
                break
            found.append(match.agency)
            text = text.replace(match.mention, "＿")
        return tuple(found)

    def find(self, question: str) -> AgencyMatch:
        text = FILLERS.sub("", re.sub(r"\s+", "", question))
        scored = self._scored(text, fuzzy=False, threshold=THRESHOLD)
        if not scored:
            scored = self._scored(text, fuzzy=True, threshold=FUZZY_THRESHOLD)
        if not scored:
            return AgencyMatch(unknown=_unknown_phrase(text))
        top = max(s for s, _, _ in scored)
        tied = [(a, m) for s, a, m in scored if s == top]
        mentions = {m for _, m in tied}
        if len(mentions) > 1:  # several agencies named: the first one here, the rest by find_all
            first = min(mentions, key=lambda m: text.find(m))
            tied = [(a, m) for a, m in tied if m == first]
        if len(tied) == 1:
            match = AgencyMatch(agency=tied[0][0], mention=tied[0][1], score=top)
        else:
            match = _break_tie(tied, top)
        return self._checked(text, match)

    def _checked(self, text: str, match: AgencyMatch) -> AgencyMatch:
        """「北京市海淀区财政局」 is not 新乡市红旗区财政局 although 「区财政局」 matches: a
        place the question names that the matched agency's names lack makes it unknown."""
        phrase = _unknown_phrase(text)
        if not match.agency or match.mention not in phrase:
            return match  # only a phrase that contains the mention can contradict it
        names = "".join(n for a in self._agencies if a.agency == match.agency for n in a.names)
        distinct = [ch for ch in dict.fromkeys(phrase) if ch not in GENERIC]
        missing = [ch for ch in distinct if ch not in names]
        if match.agency and len(missing) >= 2 and len(missing) * 2 > len(distinct):
            return AgencyMatch(unknown=phrase)
        # 「武侯区教育局」 is neither 成都市武侯区卫生健康局 (the office 教育 differs) nor
        # 佛山市南海区教育局 (the place 武侯 differs): each part must fit the agency's names.
        for part in _place_and_office(phrase):
            chars = [ch for ch in dict.fromkeys(part) if ch not in GENERIC]
            if len([ch for ch in chars if ch not in names]) >= 2:
                return AgencyMatch(unknown=phrase)
        return match

    def _scored(self, text: str, *, fuzzy: bool, threshold: int) -> list[tuple[int, str, str]]:
        scored = []
        for a in self._agencies:
            best, mention = _scored_names(text, a.names, fuzzy)
            if best >= threshold:
                scored.append((best, a.agency, mention))
        return scored


def _scored_names(text: str, names: Sequence[str], fuzzy: bool) -> tuple[int, str]:
    return max((_score(text, n, fuzzy) for n in names), key=lambda s: s[0])


def _break_tie(tied: list[tuple[str, str]], score: int) -> AgencyMatch:
    exact = [(a, m) for a, m in tied if m == a]
    if len(exact) == 1:
        return AgencyMatch(agency=exact[0][0], mention=exact[0][1], score=score)
    mention = tied[0][1]
    governments = [a for a, _ in tied if a.endswith(GOVERNMENT_SUFFIXES)]
    if len(governments) == 1 and not _has_org_word(mention):
        return AgencyMatch(agency=governments[0], mention=mention, score=score)
    return AgencyMatch(candidates=tuple(a for a, _ in tied), mention=mention, score=score)


def _has_org_word(mention: str) -> bool:
    return any(w in mention for w in ("局", "委", "厅", "办"))


def _place_and_office(phrase: str) -> tuple[str, str]:
    """The last place of an agency-like phrase and the office after it:
    「江苏省淮安市洪泽区人民政府」 → (「洪泽区」, 「人民政府」); 「武侯区教育局」 → (「武侯区」, 「教育局」)."""
    m = PLACE_END.search(phrase)
    if not m:
        return "", ""
    place, office = phrase[:m.end()], phrase[m.end():]
    before = PLACE_END.search(place[:-1])
    return (place[before.end():] if before else place), office


def _mentions_self(question: str) -> bool:
    return any(w in question for w in SELF_WORDS)


def _unknown_phrase(text: str) -> str:
    cleaned = re.sub(r"\d{2,4}\s*年|去年|前年|今年", " ", text)
    m = AGENCY_LIKE.search(cleaned)
    return m.group(0).lstrip("在向给问对从的请据") if m else ""
