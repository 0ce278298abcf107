"""Understanding benchmark: pass share, wrong answers stated and latency, per question set.

    .venv/bin/python benchmarks/understanding.py [--store DIR] [--rounds N]

Runs `tests/data/eval/dev_questions.jsonl` and `tests/data/eval/paraphrase_questions.jsonl`
(written outside the project: many phrasings, compositions, English, refusals) with the
offline composer over the corpus library. Without --store the corpus is ingested first (not
timed). "Wrong answers stated" are answers given (not refused, not asked back) that fail: a
figure that is not the one asked for, or an answer to a question the reports cannot answer.
Floors (issue 8): each set ≥ 95 % passed and ≤ 1 % wrong answers stated; p95 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import tempfile
import time

from _common import ROOT, ingest_corpus, offline_models

offline_models()

from assistant import evaluation  # noqa: E402
from assistant.assistant import Assistant  # noqa: E402
from index.settings import Settings  # noqa: E402

SETS = ("dev_questions.jsonl", "paraphrase_questions.jsonl")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=None)
    parser.add_argument("--rounds", type=int, default=2, help="timed passes over each set")
    args = parser.parse_args()
    store = args.store or tempfile.mkdtemp(prefix="bench-understanding-")
    if not args.store:
        from index.library import Library

        started = time.perf_counter()
        ingest_corpus(Library.open(Settings.load(store=store)), keep_going=False)
        print(f"ingested corpus into {store} in {time.perf_counter() - started:.1f}s")
    assistant = Assistant.open(store=store, llm_base_url="")
    assistant.warm_up()
    ok = True
    for name in SETS:
        questions = evaluation.load_questions(ROOT / "tests" / "data" / "eval" / name)
        result = evaluation.run(assistant, questions)
        ms = [r.seconds * 1000 for r in result.results]
        for _ in range(args.rounds - 1):
            ms += [r.seconds * 1000 for r in evaluation.run(assistant, questions).results]
        p50, p95 = evaluation.percentile(ms, 50), evaluation.percentile(ms, 95)
        print(f"{name}: {result.passed}/{len(result.results)} passed = {result.share:.1%}; "
              f"wrong answers stated {result.wrong} = {result.wrong_share:.1%}; "
              f"guard violations {result.violations}; latency p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        for by in ("kind", "family"):
            rows = result.breakdown(by)
            if set(rows) != {"-"}:
                print(f"  by {by}: " + ", ".join(f"{k} {p}/{t} ({w} wrong)" for k, (p, t, w) in rows.items()))
        ok &= result.share >= 0.95 and result.wrong_share <= 0.01 and p95 <= 300
    print("floor met" if ok else "FLOOR NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
