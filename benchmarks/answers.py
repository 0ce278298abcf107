"""Answer benchmark: eval pass share and latency p50/p95 with the offline composer.

    .venv/bin/python benchmarks/answers.py [--store DIR] [--questions FILE] [--rounds N]

Without --store, the corpus (tests/data/corpus/reports) is ingested into a temporary store
first (not timed). Floors: pass ≥ 95 %, 0 guard violations, p50 ≤ 300 ms, p95 ≤ 800 ms.
"""

from __future__ import annotations

import argparse
import tempfile
import time

from _common import QUESTIONS, ingest_corpus, offline_models

offline_models()

from assistant import evaluation  # noqa: E402
from assistant.assistant import Assistant  # noqa: E402
from index.settings import Settings  # noqa: E402


def _ingest(store: str) -> None:
    from index.library import Library

    ingest_corpus(Library.open(Settings.load(store=store)), keep_going=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=None)
    parser.add_argument("--questions", default=str(QUESTIONS))
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the set")
    args = parser.parse_args()
    store = args.store or tempfile.mkdtemp(prefix="bench-answers-")
    if not args.store:
        started = time.perf_counter()
        _ingest(store)
        print(f"ingested corpus into {store} in {time.perf_counter() - started:.1f}s")
    assistant = Assistant.open(store=store, llm_base_url="")
    questions = evaluation.load_questions(args.questions)
    result = evaluation.run(assistant, questions)  # first pass: also warms caches
    latencies = [r.seconds for r in result.results]
    for _ in range(args.rounds - 1):
        latencies += [r.seconds for r in evaluation.run(assistant, questions).results]
    ms = [s * 1000 for s in latencies]
    p50, p95 = evaluation.percentile(ms, 50), evaluation.percentile(ms, 95)
    print(f"eval: {result.passed}/{len(result.results)} passed = {result.share:.1%}; "
          f"guard violations: {result.violations}")
    for kind, (passed, total) in result.by_kind().items():
        print(f"  {kind:<14} {passed}/{total}")
    print(f"latency over {len(ms)} answers: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"max {max(ms):.1f} ms (floor p50 ≤ 300, p95 ≤ 800)")
    ok = result.share >= 0.95 and result.violations == 0 and p50 <= 300 and p95 <= 800
    print("floor met" if ok else "FLOOR NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
