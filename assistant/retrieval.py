"""From a `Query` to `Evidence`: the reports it is about (or why there are none) and the
report sentences that bear on it. Facts are read from the reports in the composer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from index.library import CatalogEntry, Hit
from index.errors import AssistantError
from index.models import Location, Report

from assistant import prose
from assistant.facts import lookup
from assistant.understanding.intent import (
    COMPARE, DEFINE, FIGURE, OUT_OF_SCOPE, PROSE, RANKING, REASONS, TREND, Query,
)

OK, AMBIGUOUS, UNKNOWN_AGENCY, NO_AGENCY = "ok", "ambiguous", "unknown_agency", "no_agency"
RANKING_TOP = 10  # reports a ranking over the whole library lists
PROSE_CANDIDATES = 12  # passages a prose question without an agency reads
YEAR_MISSING, NOT_FOUND, OUT = "year_missing", "not_found", "out_of_scope"


@dataclass(frozen=True)
class Evidence:
    query: Query
    status: str
    reports: tuple[Report, ...] = ()
    agencies: tuple[str, ...] = ()  # every indexed agency
    years_available: tuple[int, ...] = ()  # indexed years of the query's agency
    missing_years: tuple[int, ...] = ()
    sentences: tuple[prose.Sentence, ...] = ()
    missing_agencies: tuple[str, ...] = ()  # named agencies without a report of the year
    latest_default: bool = False  # no year asked: the latest indexed year was used


class Retriever:
    """Reads the catalog once per question; reports come through a (cached) loader."""

    def __init__(self, catalog: Sequence[CatalogEntry], load: Callable[[str], Report],
                 search: Callable[..., list[Hit]] | None = None, *, library: Any = None) -> None:
        self._catalog = tuple(catalog)
        self._load = load
        self._search = search
        self._library = library  # index.library.Library: queries across reports (rankings)

    @property
    def agencies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.agency for e in self._catalog))

    def years(self, agency: str) -> tuple[int, ...]:
        return tuple(sorted(e.year for e in self._catalog if e.agency == agency))

    def report(self, agency: str, year: int) -> Report | None:
        for e in self._catalog:
            if e.agency == agency and e.year == year:
                return self._load(e.report_id)
        return None

    def gather(self, query: Query) -> Evidence:
        base = Evidence(query, OK, agencies=self.agencies)
        if query.intent == DEFINE and not query.agency:
            return base
        if query.intent == RANKING:
            return self._ranking(query, base)
        if not query.agency:
            return self._without_agency(query, base)
        return self._for_agency(query, base)

    def _ranking(self, query: Query, base: Evidence) -> Evidence:
        if not query.agencies and hasattr(self._library, "aggregate") and query.cells:
            return self._ranking_by_query(query, base)
        reports, missing = [], []
        for agency in query.agencies or self.agencies:
            years = self.years(agency)
            year = query.years[0] if query.years else years[-1]
            if (r := self.report(agency, year)) is not None:
                reports.append(r)
            elif query.agencies:
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
        ranked = self._library.aggregate(cells, year=year, limit=RANKING_TOP)
        reports = self._library.fact_reports([a.entry.report_id for a in ranked],
                                             rows={(t, r) for t, r, _ in cells})
        return _replace(base, reports=tuple(reports[a.entry.report_id] for a in ranked
                                            if a.entry.report_id in reports))

    def _without_agency(self, query: Query, base: Evidence) -> Evidence:
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
        if not query.terms:
            return []
        if hasattr(self._library, "aggregate") and self._search is not None:
            return self._prose_by_search(query, agencies)
        reports = [self._load(e.report_id) for e in self._catalog
                   if not agencies or e.agency in agencies]
        return prose.search(reports, query.terms, k=2, min_coverage=0.75, min_grams=3)

    def _prose_by_search(self, query: Query, agencies: tuple[str, ...]) -> list[prose.Sentence]:
        """The library's prose search finds candidate passages; the reports whose passages
        hold a sentence covering the question are read and searched with the same rule."""
        ids = [e.report_id for e in self._catalog if e.agency in agencies] if agencies else None
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
        return prose.search(reports, query.terms, k=2, min_coverage=0.75, min_grams=3)

    def _for_agency(self, query: Query, base: Evidence) -> Evidence:
        agency = query.agency or ""
        available = self.years(agency)
        base = _replace(base, query=query, years_available=available)
        years, latest = _years_for(query, available)
        missing = tuple(y for y in years if y not in available)
        if missing and (query.intent != TREND or not set(years) & set(available)):
            return _replace(base, status=YEAR_MISSING, missing_years=missing)
        years = tuple(y for y in years if y in available)
        reports = tuple(r for y in years if (r := self.report(agency, y)) is not None)
        base = _replace(base, reports=reports, latest_default=latest, missing_years=missing)
        if query.intent in (PROSE, REASONS) or query.topic:
            return self._prose(query, base)
        return self._beyond_metric(query, base)

    def _beyond_metric(self, query: Query, base: Evidence) -> Evidence:
        """A figure question whose other words match a report sentence closely (「多少申请人
        主动撤回申请」) is answered with that sentence: the table has no such figure."""
        if query.intent not in (FIGURE,) or len(prose.bigrams(query.terms)) < 3:
            return base
        found = prose.search(base.reports, query.terms, k=1, min_coverage=0.75, min_grams=3)
        if not found:
            return base
        return _replace(base, query=query.with_(intent=PROSE, cells=(), companions=()),
                        sentences=tuple(found))

    def _prose(self, query: Query, base: Evidence) -> Evidence:
        reports = base.reports
        if query.topic == "fee_prose":
            found = prose.matching(reports, prose.FEE_PATTERN, prefer_section="六")
        elif query.topic == "fee_companion":
            found = prose.matching(reports[-1:], prose.PROCESSING_FEE, k=1, prefer_section="六",
                                   prefer=prose.DIGITS)
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
                if score >= prose.MIN_COVERAGE:
                    found.append(prose.Sentence(report, str(hit.metadata.get("section", "")), s,
                                                Location(), score))
        return sorted(found, key=lambda s: -s.score)[:1]


def _asks_number(question: str) -> bool:
    return any(w in question for w in ("多少", "几", "数量", "比例", "率"))


def _years_for(query: Query, available: tuple[int, ...]) -> tuple[tuple[int, ...], bool]:
    if query.years:
        return tuple(query.years), False
    if query.intent in (TREND, COMPARE) or query.all_years:
        return available, False
    if query.intent == PROSE or query.topic:
        return available, False
    return available[-1:], True


def _replace(evidence: Evidence, **changes: object) -> Evidence:
    from dataclasses import replace

    return replace(evidence, **changes)  # type: ignore[arg-type]
