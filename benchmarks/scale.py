"""Scale benchmark (issue 12): N distinct synthetic template reports (benchmarks/synthetic.py:
city + county + body, unique; 2022 and 2023 each), ingested in bulk at 100 / 1,000 / 5,000,
and at each size, in a fresh serving process:

- ingest rate (reports/s) of the bulk ingest that grew the library to that size;
- warm-up (Assistant.open + warm_up: the embedding model and its libraries, which cost the
  same at any size, then the library's own part), serve RSS (after the mix; and its peak),
  medians of `--repeat` serving processes;
- ask p50 / p95 (ms) over a fixed mix — single figure, group total, year-over-year change,
  ranking over every agency, prose with an agency, prose without one — asked through
  Assistant.ask, each of six sample agencies once (the ranking once);
- the share of those answers right (the expected figure(s) and agency in the answer text,
  and a citation of the expected report).

    .venv/bin/python benchmarks/scale.py [--sizes 100,1000,5000] [--store DIR] [--workers 2]
        [--repeat 3] [--database-url URL] [--chroma-url URL]

Figures only; no asserts. The store is kept when --store is given (a later run with larger
sizes resumes: files already ingested are skipped).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, offline_models

offline_models()

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import Spec, make_specs, write_reports  # noqa: E402

TODAY = "2024-06-01"
SAMPLES = 6


def _rss_mb() -> tuple[float, float]:
    status = Path("/proc/self/status").read_text()
    values = {line.split(":")[0]: float(line.split()[1]) / 1024 for line in status.splitlines()
              if line.startswith(("VmRSS", "VmHWM"))}
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def mix(specs: list[Spec]) -> list[tuple[str, str, list[str], str]]:
    """(kind, question, strings the answer must contain, report id it must cite)."""
    by_agency: dict[str, dict[int, Spec]] = {}
    for s in specs:
        by_agency.setdefault(s.agency, {})[s.year] = s
    agencies = [a for a, years in by_agency.items() if len(years) == 2]
    step = max(len(agencies) // SAMPLES, 1)
    chosen = agencies[::step][:SAMPLES]
    out: list[tuple[str, str, list[str], str]] = []
    for agency in chosen:
        old, new = by_agency[agency][2022], by_agency[agency][2023]
        rid = f"2023-{agency}"
        out.append(("single", f"{agency}2023年收到多少政府信息公开申请",
                    [str(new.total("new_received"))], rid))
        out.append(("group", f"{agency}2023年不予公开多少件", [str(new.group("denied"))], rid))
        out.append(("trend", f"{agency}2023年收到的信息公开申请比2022年多了多少",
                    [str(new.total("new_received")), str(old.total("new_received"))], rid))
        out.append(("prose", f"{agency}2023年{new.activity}发布了多少期", [str(new.issues)], rid))
        out.append(("prose-all", f"“{new.activity}”发布了多少期", [str(new.issues), agency], rid))
    top = max((s for s in specs if s.year == 2023), key=lambda s: s.group("denied"))
    out.append(("ranking", "2023年哪个单位不予公开的申请最多",
                [top.agency, str(top.group("denied"))], f"2023-{top.agency}"))
    return out


def probe(args: argparse.Namespace) -> None:
    """In a fresh process: open, warm up, ask the mix; print one JSON line."""
    from assistant.assistant import Assistant
    from index.settings import Settings

    specs = make_specs(args.n)
    settings = Settings.load(store=args.store, database_url=args.database_url,
                             chroma_url=args.chroma_url, today=TODAY)
    t0 = time.perf_counter()
    assistant = Assistant.open(settings)
    getattr(assistant.library, "embedder")  # the model and its libraries: the same at any size
    model = time.perf_counter() - t0
    assistant.warm_up()
    warm = time.perf_counter() - t0
    results = []
    for kind, question, expect, rid in mix(specs):
        t = time.perf_counter()
        answer = assistant.ask(question)
        ms = (time.perf_counter() - t) * 1000
        cited = any(c.report == rid for c in answer.citations)
        right = answer.answered and cited and all(e in answer.text for e in expect)
        if kind == "ranking":  # the winner must come first
            first = answer.text.split("；")[0]
            right = right and expect[0] in first and expect[1] in first
        results.append({"kind": kind, "ms": ms, "right": right,
                        **({} if right else {"question": question, "answer": answer.text[:300]})})
    rss, peak = _rss_mb()
    print(json.dumps({"warm_up": warm, "model_s": model, "rss_mb": rss, "peak_mb": peak,
                      "results": results},
                     ensure_ascii=False))


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(int(round(q * (len(values) - 1))), len(values) - 1)]


def _probe(args: argparse.Namespace, n: int, store: Path) -> dict | None:
    """One fresh serving process over the store: its JSON line, or None (its error printed)."""
    proc = subprocess.run(
        [sys.executable, __file__, "--probe", "--n", str(n), "--store", str(store),
         "--database-url", args.database_url, "--chroma-url", args.chroma_url],
        capture_output=True, text=True, cwd=ROOT)
    line = (proc.stdout.strip().splitlines() or ["{}"])[-1]
    if proc.returncode != 0 or not line.startswith("{"):
        print(proc.stderr[-3000:], flush=True)
        return None
    return json.loads(line)


def run(args: argparse.Namespace) -> None:
    from index.library import Library
    from index.settings import Settings

    sizes = [int(x) for x in args.sizes.split(",")]
    store = Path(args.store or tempfile.mkdtemp(prefix="scale-"))
    folder = store.parent / f"{store.name}-reports"
    specs = make_specs(max(sizes))
    t = time.perf_counter()
    paths = write_reports(specs, folder)
    print(f"{len(paths)} synthetic reports in {folder} ({time.perf_counter() - t:.0f} s)", flush=True)
    settings = Settings.load(store=str(store), database_url=args.database_url,
                             chroma_url=args.chroma_url)
    lib = Library.open(settings)
    rows = []
    done = 0
    for n in sizes:
        summary = lib.ingest_many(paths[done:n], workers=args.workers, batch=32)
        done = n
        if summary.failed or summary.stopped:
            print(f"  failures: {summary.failed[:3]} {summary.stopped}", flush=True)
        rate = len(summary.added) / summary.seconds if summary.added else float("nan")
        probes = [p for p in (_probe(args, n, store) for _ in range(args.repeat)) if p]
        if not probes:
            continue
        data = {"results": [r for p in probes for r in p["results"]],
                **{key: statistics.median(p[key] for p in probes)
                   for key in ("warm_up", "model_s", "rss_mb", "peak_mb")}}
        ms = [r["ms"] for r in data["results"]]
        right = sum(r["right"] for r in data["results"])
        row = {"n": n, "ingest_rate": rate, "added": len(summary.added),
               "warm_up": data["warm_up"], "model_s": data["model_s"], "rss_mb": data["rss_mb"],
               "peak_mb": data["peak_mb"], "p50": _quantile(ms, 0.5), "p95": _quantile(ms, 0.95),
               "right": right, "asked": len(ms)}
        rows.append(row)
        by_kind: dict[str, list[float]] = {}
        for r in data["results"]:
            by_kind.setdefault(r["kind"], []).append(r["ms"])
        print(f"n={n}: ingest {rate:.1f} reports/s ({len(summary.added)} added in "
              f"{summary.seconds:.0f} s), warm-up {data['warm_up']:.1f} s (model "
              f"{data['model_s']:.1f} s + library {data['warm_up'] - data['model_s']:.1f} s), RSS "
              f"{data['rss_mb']:.0f} MB (peak {data['peak_mb']:.0f}), ask p50 {row['p50']:.0f} ms "
              f"p95 {row['p95']:.0f} ms, right {right}/{len(ms)}", flush=True)
        print("   by kind (median ms): " + ", ".join(
            f"{k} {statistics.median(v):.0f}" for k, v in by_kind.items()), flush=True)
        for r in data["results"]:
            if not r["right"]:
                print(f"   ✗ {r['kind']}: {r['question']} → {r['answer']}", flush=True)
    if rows:
        base = rows[0]["p95"]
        print(f"\nMedians of {args.repeat} serving processes per size; ask p50/p95 over all their "
              "answers. Warm-up = the model and its libraries (the same at any size) + the "
              "library's own part.")
        print("\n| reports | ingest reports/s | warm-up s (model + library) | serve RSS MB "
              "| ask p50 ms | ask p95 ms | p95 vs first | right |")
        print("|---|---|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['n']:,} | {r['ingest_rate']:.1f} | {r['warm_up']:.1f} "
                  f"({r['model_s']:.1f} + {r['warm_up'] - r['model_s']:.1f}) | {r['rss_mb']:.0f} | "
                  f"{r['p50']:.0f} | {r['p95']:.0f} | {r['p95'] / base:.2f}× | "
                  f"{r['right']}/{r['asked']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--store", default="")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="serving processes per size")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--chroma-url", default="")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    probe(args) if args.probe else run(args)


if __name__ == "__main__":
    main()
