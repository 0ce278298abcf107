"""From a `Query` to `Evidence`: the reports it is about (or why there are none) and the
report sentences that bear on it. Facts are read from the reports in the composer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from index.library import CatalogEntry, Hit
from index.errors import AssistantError
from index.models import Location, Report

from assistant import prose, suggest
from assistant.facts import lookup
from assistant.understanding.intent import (
    BREAKDOWN, CHECKS, COMPARE, DEFINE, DIFF, FIGURE, OUT_OF_SCOPE, PROSE, RANKING, REASONS, SUM, TREND,
    UNRECORDED, Query, unexplained, without_fillers,
)
from index.vocabulary import vocabulary

OK, AMBIGUOUS, UNKNOWN_AGENCY, NO_AGENCY = "ok", "ambiguous", "unknown_agency", "no_agency"
RANKING_TOP = 10  # reports a ranking over the whole library lists
PROSE_CANDIDATES = 12  # passages a prose question without an agency reads
YEAR_MISSING, NOT_FOUND, OUT = "year_missing", "not_found", "out_of_scope"
CONFIRM, NOT_RECORDED, SO_FAR = "confirm", "not_recorded", "so_far"
PART_UNREAD = "part_unread"  # 「X和Y一共」 with Y read as no figure: never one figure as the sum
# Counts of things tables 二/三/四 never count (items of information, issues, sessions).
_PROSE_UNITS = re.compile(r"(?:多少|几)(?:条|篇|期|场|人次|家|个专栏|个栏目|批次|批)")


@dataclass(frozen=True)
class Evidence:
    query: Query
    status: str
    reports: tuple[Report, ...] = ()
    agencies: tuple[str, ...] = ()  # every indexed agency
    years_available: tuple[int, ...] = ()  # indexed years of the query's agency
    missing_years: tuple[int, ...] = ()
    sentences: tuple[prose.Sentence, ...] = ()
    missing_agencies: tuple[str, ...] = ()  # named (or grouped) agencies without a report of the year
    lacking_agencies: tuple[str, ...] = ()  # agencies whose report of the year lacks the figure
    latest_default: bool = False  # no year asked: the latest indexed year was used
    suggested: tuple[str, ...] = ()  # cell keys to offer when the question cannot be answered


class Retriever:
    """Reads the catalog once per question; reports come through a (cached) loader."""

    def __init__(self, catalog: Sequence[CatalogEntry], load: Callable[[str], Report],
                 search: Callable[..., list[Hit]] | None = None,
                 match_cells: Callable[..., list[tuple[str, float]]] | None = None, *,
                 library: Any = None) -> None:
        self._catalog = tuple(catalog)
        self._load = load
        self._search = search
        self._match_cells = match_cells
        self._library = library  # index.library.Library: queries across reports (rankings)

    @cached_property
    def agencies(self) -> tuple[str, ...]:  # read several times a question; 5,000 entries
        return tuple(dict.fromkeys(e.agency for e in self._catalog))

    def years(self, agency: str) -> tuple[int, ...]:
        return tuple(sorted(e.year for e in self._catalog if e.agency == agency))

    def report(self, agency: str, year: int) -> Report | None:
        for e in self._catalog:
            if e.agency == agency and e.year == year:
                return self._load(e.report_id)
        return None

    def gather(self, query: Query) -> Evidence:
        evidence = self._gather(query)
        if evidence.status in (NOT_FOUND, NOT_RECORDED):
            keys = suggest.closest_cells(evidence.query, self._match_cells)
            evidence = _replace(evidence, suggested=tuple(keys))
        elif evidence.status == PART_UNREAD:  # what was read, then what comes closest to the rest
            words = " ".join(query.unread)
            near = suggest.closest_cells(query.with_(terms=words, topic_terms=words, cells=()),
                                         self._match_cells)
            keys = [c.key for c in query.cells] + near
            evidence = _replace(evidence, suggested=tuple(dict.fromkeys(keys)))
        return evidence

    def _gather(self, query: Query) -> Evidence:
        base = Evidence(query, OK, agencies=self.agencies)
        if query.agency_confirm and not query.agency:
            return _replace(base, status=CONFIRM)
        if query.intent == DEFINE and not query.agency:
            return base
        if query.intent == RANKING:
            return self._ranking(query, base)
        if not query.agency:
            return self._without_agency(query, base)
        return self._for_agency(query, base)

    def _ranking(self, query: Query, base: Evidence) -> Evidence:
        if (not query.agencies and not query.also_unknown and query.cells
                and hasattr(self._library, "aggregate")):
            return self._ranking_by_query(query, base)
        reports, missing = [], list(query.also_unknown)
        members = query.agencies or self._group_agencies(query)
        summing = query.op == SUM
        one_year = query.years[0] if query.years else \
            max((y for a in members for y in self.years(a)), default=0) if summing else 0
        for agency in members:  # a sum is over one year: never one agency's 2024 plus another's 2025
            years = self.years(agency)
            year = one_year or (years[-1] if years else 0)
            if (r := self.report(agency, year)) is not None:
                reports.append(r)
            elif query.agencies or summing:
                missing.append(agency)
        if not reports:
            return _replace(base, status=YEAR_MISSING, missing_years=query.years[:1])
        return _replace(base, reports=tuple(reports), missing_agencies=tuple(missing))

    def _ranking_by_query(self, query: Query, base: Evidence) -> Evidence:
        """Every agency: the library ranks the figure in the database (RANKING_TOP reports);
        the cells summed are those `lookup` adds up for one report, so every report's value
        is the same computation the answer shows."""
        year = query.years[0] if query.years else max((e.year for e in self._catalog), default=0)
        sample = None
        for entry in [e for e in self._catalog if e.year == year][:20]:
            sample = lookup(self._library.fact_report(entry.report_id), query.cells[0], query.column)
            if sample is not None:
                break
        if sample is None:
            return _replace(base, status=YEAR_MISSING, missing_years=(year,))
        cells = [(f.table, f.row, f.column) for f in sample.parts]
        group = query.group
        summing = query.op == SUM and group is not None
        limit = None if summing else (group.top if group and group.top else RANKING_TOP)
        members = group.agencies if group else ()
        by_name = {} if members else {
            "agency_contains": [group.place] if group and group.place else [],
            "agency_endswith": list(group.suffixes) if group else []}
        ranked = self._library.aggregate(
            cells, year=year, limit=limit, order=group.order if group else "desc",
            agencies=list(members) or None, **by_name)
        if not ranked:
            return _replace(base, status=NOT_FOUND)
        reports = self._library.fact_reports([a.entry.report_id for a in ranked],
                                             rows={(t, r) for t, r, _ in cells})
        evidence = _replace(base, reports=tuple(reports[a.entry.report_id] for a in ranked
                                                if a.entry.report_id in reports))
        if summing:  # say what the sum covers: who has no report of the year, whose lacks it
            asked = members or self._group_agencies(query)
            with_year = {e.agency for e in self._catalog if e.year == year}
            counted = {a.entry.agency for a in ranked}
            evidence = _replace(evidence, missing_agencies=tuple(a for a in asked if a not in with_year),
                                lacking_agencies=tuple(a for a in asked
                                                       if a in with_year and a not in counted))
        return evidence

    def _group_agencies(self, query: Query) -> tuple[str, ...]:
        """The agencies of the question's group (all, when it names none)."""
        group = query.group
        if group is None:
            return self.agencies
        if group.agencies:  # by place chain
            return tuple(a for a in group.agencies if a in self.agencies)
        return tuple(a for a in self.agencies if group.place in a
                     and (not group.suffixes or a.endswith(group.suffixes)))

    def _without_agency(self, query: Query, base: Evidence) -> Evidence:
        if query.unknown_agency:  # 「淮安市政府…」: never answered from another agency's text
            return _replace(base, status=UNKNOWN_AGENCY)
        if query.intent == UNRECORDED:
            return _replace(base, status=NOT_RECORDED)
        if query.intent == CHECKS:  # whose report: asked back (or the library's only agency)
            if len(self.agencies) == 1:
                return self._for_agency(query.with_(agency=self.agencies[0]), base)
            return _replace(base, status=AMBIGUOUS if query.agency_candidates else NO_AGENCY)
        if query.intent in (PROSE, OUT_OF_SCOPE) or not query.cells:
            found = self._prose_everywhere(query, query.agency_candidates)
            if found and len({s.report.agency for s in found[:1]}) == 1:
                return _replace(base, reports=(found[0].report,), sentences=tuple(found[:1]))
            return _replace(base, status=UNKNOWN_AGENCY if query.unknown_agency else OUT)
        if query.agency_candidates:
            return _replace(base, status=AMBIGUOUS)
        if query.unknown_agency:
            return _replace(base, status=UNKNOWN_AGENCY)
        if len(self.agencies) == 1:
            return self._for_agency(query.with_(agency=self.agencies[0]), base)
        return _replace(base, status=NO_AGENCY)

    def _prose_everywhere(self, query: Query, agencies: tuple[str, ...] = ()) -> list[prose.Sentence]:
        if len(prose.bigrams(query.terms)) < 3:
            return []  # a word or two is no topic to look for across the whole library
        if hasattr(self._library, "aggregate") and self._search is not None:
            return self._prose_by_search(query, agencies)
        reports = [self._load(e.report_id) for e in self._catalog
                   if (not agencies or e.agency in agencies) and (not query.years or e.year in query.years)]
        return prose.search(reports, query.terms, k=2, min_coverage=0.75, min_grams=3)

    def _prose_by_search(self, query: Query, agencies: tuple[str, ...]) -> list[prose.Sentence]:
        """The library's prose search finds candidate passages; the reports whose passages
        hold a sentence covering the question are read and searched with the same rule."""
        ids = [e.report_id for e in self._catalog
               if (not agencies or e.agency in agencies) and (not query.years or e.year in query.years)
               ] if agencies or query.years else None
        if self._search is None:
            return []
        try:
            hits = self._search(query.terms, k=PROSE_CANDIDATES, kind="prose", report_ids=ids)
        except AssistantError:
            return []
        grams = prose.bigrams(query.terms)
        best: dict[str, float] = {}
        for h in hits:
            rid = str(h.metadata.get("report_id", ""))
            for sentence in prose.split_sentences(h.text):
                best[rid] = max(best.get(rid, 0.0), prose.coverage(grams, sentence))
        chosen = sorted((r for r, v in best.items() if v >= 0.75), key=lambda r: -best[r])[:3]
        reports = [self._load(r) for r in chosen]
        return prose.search(reports, query.terms, k=2, min_coverage=0.75, min_grams=3,
                            want_number=_asks_number(query.question))

    def _for_agency(self, query: Query, base: Evidence) -> Evidence:
        agency = query.agency or ""
        available = self.years(agency)
        base = _replace(base, query=query, years_available=available)
        if query.so_far:
            return _replace(base, status=SO_FAR, missing_years=query.years)
        years, latest = _years_for(query, available)
        missing = tuple(y for y in years if y not in available)
        if missing and (query.intent != TREND or not set(years) & set(available)):
            return self._year_missing(query, base, years, missing)
        years = tuple(y for y in years if y in available)
        reports = tuple(r for y in years if (r := self.report(agency, y)) is not None)
        base = _replace(base, reports=reports, latest_default=latest, missing_years=missing)
        if query.intent == UNRECORDED:
            return self._unrecorded(query, base)
        if query.unread:
            return _replace(base, status=PART_UNREAD)
        if query.intent in (PROSE, REASONS) or query.topic:
            return self._prose(query, base)
        return self._beyond_metric(query, base)

    def _year_missing(self, query: Query, base: Evidence, years: tuple[int, ...],
                      missing: tuple[int, ...]) -> Evidence:
        """A compared year is not in the library: the report of the year that is may say
        how the figure changed (「申请数量较去年回落12.3%」) — quote that, never estimate."""
        have = [y for y in years if y not in missing]
        if query.intent == COMPARE and query.op == DIFF and len(have) == 1 and query.cells:
            report = self.report(query.agency or "", have[0])
            if report is not None:
                found = prose.change_sentences(report, query.cells[0], missing[0] - have[0])
                if found:
                    return _replace(base, reports=(report,), missing_years=missing,
                                    sentences=tuple(found[:1]), query=query.with_(intent=PROSE))
        return _replace(base, status=YEAR_MISSING, missing_years=missing)

    def _unrecorded(self, query: Query, base: Evidence) -> Evidence:
        """What the template does not record — unless the report's own text states it: a
        sentence with a word of the asked topic and a number is quoted (「平均办理时长…」)."""
        topics = set(query.unrecorded)
        words = [w for item in vocabulary().unrecorded if item.topic in topics for w in item.words]
        asked = [w for w in words if w in query.text]
        terms = without_fillers(query.topic_terms)
        grams = prose.bigrams(terms)
        found = [s for s in prose.matching(base.reports[-1:], prose.DIGITS, k=50)
                 if any(w in s.text for w in asked) and prose.covers_every_part(terms, s.text)
                 and prose.coverage(grams, s.text) >= prose.MIN_COVERAGE] if asked else []
        if found:
            return _replace(base, sentences=tuple(found[:2]), query=query.with_(intent=PROSE))
        return _replace(base, status=NOT_RECORDED)

    def _beyond_metric(self, query: Query, base: Evidence) -> Evidence:
        """A figure question whose other words match a report sentence closely (「多少申请人
        主动撤回申请」, 「公布了多少条政府信息」) is answered with that sentence: the table has no
        such figure. Words the cell does not explain (「申请人自己撤回的」 beside 其他处理) are
        looked for too, and a sentence that states them rides along with the cell."""
        terms = without_fillers(query.terms)
        counts_items = bool(_PROSE_UNITS.search(query.text))  # 「多少条」「几期」: not 件 of a table
        if counts_items:
            terms = without_fillers(query.topic_terms)  # 「政府采购项目信息…多少条」: every word counts
        if query.intent == FIGURE and (len(prose.bigrams(terms)) >= 3 or counts_items):
            found = prose.search(base.reports, terms, k=1, want_number=True,
                                 min_coverage=0.6 if counts_items else 0.75,
                                 min_grams=1 if counts_items else 3)
            if found:
                return _replace(base, query=query.with_(intent=PROSE, cells=(), companions=()),
                                sentences=tuple(found))
        if query.intent in (FIGURE, BREAKDOWN) and unexplained(query.terms) >= 2 and terms:
            found = prose.search(base.reports[-1:], terms, k=1, want_number=True, min_grams=1)
            if found:
                return _replace(base, sentences=tuple(found))
        return base

    def _prose(self, query: Query, base: Evidence) -> Evidence:
        reports = base.reports
        if query.topic == "fee_prose":  # no year asked: the latest report that says it
            found = next((f for r in reversed(reports)
                          if (f := prose.matching([r], prose.FEE_PATTERN, prefer_section="六"))), [])
        elif query.topic == "fee_companion":
            found = prose.matching(reports[-1:], prose.PROCESSING_FEE, k=1, prefer_section="六",
                                   prefer=prose.DIGITS)
        elif query.topic.startswith("section:"):
            found = [s for r in reports[-1:] for s in prose.section_sentences(r, query.topic[8:])]
        elif query.topic == "problems":
            found = [s for r in reports[-1:] for s in prose.section_sentences(r, "问题")]
        elif query.intent == PROSE:
            found = prose.search(reports, query.terms, want_number=_asks_number(query.question))
        else:
            found = []
        if not found and query.intent == PROSE:
            found = self._searched(query, reports)
        if not found and query.intent == PROSE:
            return _replace(base, status=NOT_FOUND)
        return _replace(base, sentences=tuple(found))

    def _searched(self, query: Query, reports: tuple[Report, ...]) -> list[prose.Sentence]:
        """Fallback: the library's hybrid search, its prose hits re-checked sentence by
        sentence with the same coverage rule (so an unrelated nearest chunk is no answer)."""
        if self._search is None or not reports or len(prose.bigrams(query.terms)) < 2:
            return []
        by_id = {r.id: r for r in reports}
        try:
            hits = self._search(query.question, k=5, agency=query.agency,
                                year=reports[0].year if len(reports) == 1 else None)
        except AssistantError:
            return []
        texts = [(by_id[h.metadata["report_id"]], h) for h in hits
                 if h.metadata.get("kind") == "prose" and h.metadata.get("report_id") in by_id]
        found = []
        for report, hit in texts:
            for s in prose.split_sentences(hit.text):
                score = prose.coverage(prose.bigrams(query.terms), s)
                if score >= prose.MIN_COVERAGE and prose.accepts(query.terms, s):
                    found.append(prose.Sentence(report, str(hit.metadata.get("section", "")), s,
                                                Location(), score))
        return sorted(found, key=lambda s: -s.score)[:1]


def _asks_number(question: str) -> bool:
    return any(w in question for w in ("多少", "几", "数量", "比例", "率"))


def _years_for(query: Query, available: tuple[int, ...]) -> tuple[tuple[int, ...], bool]:
    if query.years:
        return tuple(query.years), False
    if query.latest:
        return available[-1:], False
    if query.intent in (TREND, COMPARE) or query.all_years:
        return available, False
    if query.intent == PROSE or query.topic:
        return available, False
    return available[-1:], True


def _replace(evidence: Evidence, **changes: object) -> Evidence:
    from dataclasses import replace

    return replace(evidence, **changes)  # type: ignore[arg-type]
