"""Choosing the agency among the names every signal of a report gives.

Each signal (the report title in the text, <meta name="ArticleTitle">, the <title>, h1,
the 「来源/发布机构」 field, the 「本报告由X编制」 preamble, the signature, the opening
sentence …) gives a candidate with a weight (`SIGNAL_WEIGHTS`). Candidates that name the
same agency — same body (abbreviations written out, 政府 = 人民政府 = a bare place) and
compatible places (「红旗区财政局」 ⊂ 「新乡市红旗区财政局」, 「区人社局」 on a 岳塘区 page) —
form one group; the group with the highest total weight (one vote per signal) wins, and
its fullest name is kept, the others become aliases. The site's owner (SiteName, 主办) only
completes a name that lacks its place, or names the agency when nothing else does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parsing.agency import ABBREVIATIONS, split_place

# Signal → weight of the agency it names. Titles first, then the publisher fields and the
# report's own sentences, then weaker hints.
SIGNAL_WEIGHTS: dict[str, float] = {
    "body_title": 5, "meta_title": 5, "h1": 4, "title_block": 4, "field_title": 4,
    "<title>": 3, "h2": 3, "h3": 2, "doc_title": 2,
    "publisher": 4, "source": 3, "preamble": 4, "compiler": 4, "announce": 4,
    "signature": 2, "breadcrumb": 2, "opening": 1, "column": 1, "doc_author": 1, "site": 0.5,
}
_PUBLISHER_KEYS = ("发布机构", "发文机关", "发布单位", "发文单位", "公开主体", "发布主体", "生成机构")
_BARE_LEVELS = "区县市州旗省"


@dataclass(frozen=True)
class Candidate:
    name: str
    signal: str  # as recorded in the report: "meta:ArticleTitle", "<title>", "来源", "preamble" …
    weight: float
    text: str = ""  # the text it was read from
    site: bool = False  # the site's owner: completes a place, names the agency only as a last resort


@dataclass
class _Group:
    members: list[Candidate] = field(default_factory=list)

    def score(self) -> float:
        best: dict[str, float] = {}
        for c in self.members:
            best[c.signal] = max(best.get(c.signal, 0), c.weight)
        return sum(best.values())


def weight_of(origin: str, kind: str) -> float:
    """The weight of a signal by where it was read (PageSignal.origin) and its kind."""
    if origin.startswith("meta:"):
        return SIGNAL_WEIGHTS["meta_title" if kind == "title" else "source" if kind == "agency"
                              else "column" if kind == "column" else "site"]
    if origin.startswith(("pdf:", "docx:")):
        return SIGNAL_WEIGHTS["doc_author" if kind == "agency" else "doc_title"]
    if kind == "agency":
        return SIGNAL_WEIGHTS["publisher" if origin in _PUBLISHER_KEYS else "source"]
    if kind == "title" and origin not in SIGNAL_WEIGHTS:
        return SIGNAL_WEIGHTS["field_title"]
    return SIGNAL_WEIGHTS.get(origin, 1)


def agency_key(name: str) -> tuple[tuple[str, ...], str, str]:
    """(places, body with abbreviations written out, bare level) of a name."""
    places, body = split_place(name)
    level = ""
    if not places and len(body) > 2 and body[0] in _BARE_LEVELS:
        level, body = body[0], body[1:]
    return tuple(places), canonical_body(body), level


def canonical_body(body: str) -> str:
    if body in ("", "政府", "人民政府"):
        return "人民政府"
    for full, shorts in ABBREVIATIONS:
        if full in body:
            return body
        for short in sorted(shorts, key=len, reverse=True):
            if body.endswith(short):
                return body[: -len(short)] + full
    return body


def same_agency(a: str, b: str) -> bool:
    (pa, ba, la), (pb, bb, lb) = agency_key(a), agency_key(b)
    if ba != bb:
        return False
    if pa and pb:
        return pa[-len(pb):] == pb or pb[-len(pa):] == pa
    if not pa and not pb:
        return not la or not lb or la == lb
    places, level = (pb, la) if not pa else (pa, lb)
    return not level or places[-1].endswith(level)


def _fullness(c: Candidate) -> tuple[int, int, float]:
    places, _body, _level = agency_key(c.name)
    return len(places), len(c.name), c.weight


def government_form(name: str, text: str) -> str:
    """A bare place (「汉滨区」) as its government when the text prints that name
    (「汉滨区人民政府」 not followed by 办公室): the report of a place is its government's."""
    places, body = split_place(name)
    if not places or body:
        return name
    full = name + "人民政府"
    for match in re.finditer(re.escape(full), text):
        if not text.startswith(("办", "门户", "网"), match.end()):
            return full
    return name


def choose(candidates: list[Candidate]) -> tuple[Candidate | None, list[Candidate]]:
    """(the candidate whose name is kept, every candidate of its group)."""
    named = [c for c in candidates if not c.site]
    pool = named or [c for c in candidates if c.site]
    groups: list[_Group] = []
    for cand in sorted(pool, key=lambda c: -c.weight):
        group = next((g for g in groups if any(same_agency(cand.name, m.name) for m in g.members)), None)
        if group is None:
            groups.append(_Group([cand]))
        else:
            group.members.append(cand)
    if not groups:
        return None, []
    winner = max(groups, key=lambda g: (g.score(), max(m.weight for m in g.members)))
    # The site's owner votes for nobody, but may print the winner's name in full
    # (title 「汉滨区2024年度…」, SiteName 「安康市汉滨区人民政府」).
    fuller = [c for c in candidates if c.site and c not in winner.members
              and any(same_agency(c.name, m.name) for m in winner.members)]
    fullest = max(winner.members + fuller, key=_fullness)
    return fullest, winner.members


def strongest(members: list[Candidate]) -> Candidate:
    return max(members, key=lambda c: c.weight)


def complete_place(name: str, sites: list[Candidate]) -> tuple[str, Candidate | None]:
    """A name without its place (「区财政局」「财政局」) gets the place of the site it was
    published on (SiteName 「某市某区人民政府」 → 「某市某区财政局」)."""
    places, _body, level = agency_key(name)
    if places:
        return name, None
    for site in sites:
        site_places, _ = split_place(site.name)
        if not site_places:
            continue
        if level and site_places[-1].endswith(level):
            return "".join(site_places) + name[1:], site
        if not level and name[:1] not in _BARE_LEVELS:
            return "".join(site_places) + name, site
    return name, None
