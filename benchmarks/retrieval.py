"""Retrieval benchmark of the index (issue 3 floor). Prints:

- recall@5 on tests/data/eval/dev_questions.jsonl, hybrid vs dense-only vs BM25-only, with
  agency/year filters resolved simply (alias match against the catalog, 20xx年/23年/去年…
  relative to the question's `today`) and with no filters at all;
- ingest speed (reports/min) of the corpus, and the time of the 10th report of one template
  versus the first (same template rows, different agencies and prose: the embedding cache);
- search latency p50/p95 (hybrid, filtered) and the peak memory of the process.

A hit: a top-5 chunk from the expected agency+year and, when the question expects facts, one
of the expected rows (a group key such as `denied` matches its items or the group row); for
prose questions (no facts) any chunk of the expected report.

    .venv/bin/python benchmarks/retrieval.py [--store DIR]   # DIR: reuse an ingested corpus
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from typing import Any

from _common import QUESTIONS, ingest_corpus, offline_models

offline_models()

from index.library import CatalogEntry, Hit, Library  # noqa: E402
from index.models import Paragraph, Report, Section  # noqa: E402
from index.settings import Settings  # noqa: E402

MODES = ("hybrid", "dense", "bm25")


# ---- simple filter resolution -------------------------------------------------------------


def _near(text: str, name: str) -> bool:
    """`name` occurs in `text`, exactly or with one wrong character (typos: 财正局, 平谭)."""
    if name in text:
        return True
    if len(name) < 3:
        return False
    for i in range(len(text) - len(name) + 1):
        window = text[i:i + len(name)]
        if sum(a != b for a, b in zip(window, name, strict=True)) <= 1:
            return True
    return False


def resolve_agency(text: str, entries: list[CatalogEntry]) -> str | None:
    best: tuple[int, str] | None = None
    for e in entries:
        for name in (e.agency, *e.agency_aliases):
            if len(name) >= 2 and _near(text, name) and (best is None or len(name) > best[0]):
                best = (len(name), e.agency)
    return best[1] if best else None


def resolve_year(text: str, today: date) -> int | None:
    years = {int(y) for y in re.findall(r"(20\d{2})\s*年", text)}
    years |= {2000 + int(y) for y in re.findall(r"(?<!\d)(\d{2})\s*年", text)}
    for word, delta in (("前年", 2), ("去年", 1), ("今年", 0)):
        if word in text:
            years.add(today.year - delta)
    return years.pop() if len(years) == 1 else None


# ---- recall -------------------------------------------------------------------------------


def load_questions() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    return [q for q in rows if q["expect"].get("answerable") and q["expect"].get("agency")]


def query_text(q: dict[str, Any]) -> tuple[str, str]:
    """(search query, text to resolve filters from): a follow-up borrows the previous question."""
    previous = [t["content"] for t in q.get("history", []) if t["role"] == "user"]
    if previous:
        return f"{previous[-1]} {q['question']}", q["question"] + " " + previous[-1]
    return q["question"], q["question"]


def row_matches(chunk_row: str, expected: str) -> bool:
    if not chunk_row:
        return False
    return chunk_row == expected or chunk_row.startswith(expected + ".") or (
        expected.startswith(chunk_row + ".") and "." not in chunk_row and chunk_row in
        ("denied", "unable", "not_processed", "other"))


def is_hit(hits: list[Hit], expect: dict[str, Any]) -> bool:
    for h in hits:
        m = h.metadata
        if m.get("agency") != expect["agency"] or m.get("year") != expect["year"]:
            continue
        if not expect.get("facts"):
            return True
        if any(row_matches(m.get("row", ""), f["row"]) and m.get("table") == f["table"]
               for f in expect["facts"]):
            return True
    return False


def filters_for(q: dict[str, Any], entries: list[CatalogEntry]) -> dict[str, Any]:
    _query, text = query_text(q)
    today = date.fromisoformat(q["today"])
    scope = q.get("scope") or {}
    agency = scope.get("agency") or resolve_agency(text, entries)
    year = scope.get("year") or resolve_year(q["question"], today) or resolve_year(text, today)
    return {"agency": agency, "year": year}


def recall(lib: Library, questions: list[dict[str, Any]], mode: str, filtered: bool,
           latencies: list[float] | None = None) -> tuple[float, list[str]]:
    entries = lib.reports()
    hits_n, misses = 0, []
    for q in questions:
        query, _text = query_text(q)
        kw = filters_for(q, entries) if filtered else {}
        t0 = time.perf_counter()
        hits = lib.search(query, k=5, mode=mode, **kw)
        if latencies is not None:
            latencies.append(time.perf_counter() - t0)
        if is_hit(hits, q["expect"]):
            hits_n += 1
        else:
            misses.append(q["id"])
    return hits_n / len(questions), misses


# ---- ingest speed and the embedding cache --------------------------------------------------


def _variant(report: Report, i: int) -> Report:
    """Same template rows, another agency, prose of its own (as a real 2nd report would)."""
    agency = f"基准测试机关{i:02d}"

    def sec(s: Section) -> Section:
        paras = tuple(Paragraph(f"{agency}第{i}号：{p.text}", p.location) for p in s.paragraphs)
        return replace(s, paragraphs=paras, parts=tuple(sec(x) for x in s.parts))

    return replace(report, agency=agency, agency_aliases=(), content_hash=f"{i:02d}" * 32,
                   sections=tuple(sec(s) for s in report.sections))


def template_cache_run(settings: Settings, embedder: Any, base: Report, n: int = 10,
                       prose: bool = True) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(settings.with_(store=tmp), embedder=embedder)
        times = []
        for i in range(1, n + 1):
            report = _variant(base, i)
            if not prose:
                report = replace(report, sections=())
            t0 = time.perf_counter()
            lib.ingest_report(report)
            times.append(time.perf_counter() - t0)
            if i == 1:
                first_misses = lib._cache.misses
        hits, misses = lib._cache.hits, lib._cache.misses - first_misses
        lib.close()
    print(f"  embedding cache over reports 2..{n}: {misses} passages embedded, "
          f"{hits} read from the cache")
    return times


# ---- main ---------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="reuse this store (ingest the corpus if it is empty)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    store = args.store or tmp.name
    settings = Settings.load(store=store, chroma_url="")
    lib = Library.open(settings)
    t0 = time.perf_counter()
    lib.embedder.embed_queries(["预热"])
    print(f"model load: {time.perf_counter() - t0:.1f} s ({lib.embedder.name})")

    if not lib.reports():
        n, seconds, failed = ingest_corpus(lib)
        print(f"ingest: {n} reports in {seconds:.1f} s = {60 * n / seconds:.1f} reports/min "
              f"(cold embedding cache, parse + embed + store)")
        for line in failed:
            print(f"  failed: {line}")
    else:
        print(f"ingest: skipped, {len(lib.reports())} reports already in {store}")

    base = lib.report(next(e.report_id for e in lib.reports() if e.template == "2021"))
    times = template_cache_run(settings, lib.embedder, base)
    print(f"template cache: 1st report {times[0]:.2f} s, 10th {times[-1]:.2f} s "
          f"(ratio {times[-1] / times[0]:.2f}; template {base.template}, rows of {base.id}, "
          f"prose made unique per copy)")
    rows = template_cache_run(settings, lib.embedder, base, prose=False)
    print(f"template cache, table rows only: 1st {rows[0]:.2f} s, 10th {rows[-1]:.2f} s "
          f"(ratio {rows[-1] / rows[0]:.2f})")

    questions = load_questions()
    print(f"\nrecall@5 on {len(questions)} answerable dev questions. filtered = agency by "
          f"alias/1-typo match against the catalog (or the question's scope pin), year from the "
          f"question (20xx年/23年/去年… vs its `today`); no filters = the bare query, scope "
          f"pins ignored. A follow-up is searched with the previous user question prepended:")
    lib.search("预热", k=5)  # BM25 build and first-query costs are not search latency
    latencies: list[float] = []
    for filtered in (True, False):
        label = "filtered" if filtered else "no filters"  # (scope pins ignored too)
        for mode in MODES:
            r, misses = recall(lib, questions, mode, filtered,
                               latencies if (filtered and mode == "hybrid") else None)
            print(f"  {label:10s} {mode:6s} recall@5 = {r:.3f}  misses: {' '.join(misses) or '-'}")
    lat = sorted(latencies)
    p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))]
    print(f"\nsearch latency (hybrid, filtered, k=5, {len(lat)} queries): "
          f"p50 {1000 * statistics.median(lat):.0f} ms, p95 {1000 * p95:.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
