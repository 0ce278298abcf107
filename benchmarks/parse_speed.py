"""Parsing speed: reports parsed per second over the corpus, by format (median of runs).

    .venv/bin/python benchmarks/parse_speed.py [--runs 5] [DIR]

Not a test: prints figures, asserts nothing. Floor (issue 2): text/HTML well above 20
reports/s, PDF above 1 report/s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from _common import CORPUS as DEFAULT_DIR

from index.loaders import detect_format
from index.parsing import parse_report


def files_by_format(directory: Path) -> dict[str, list[tuple[Path, bytes]]]:
    groups: dict[str, list[tuple[Path, bytes]]] = defaultdict(list)
    for path in sorted(directory.iterdir()):
        if path.is_file():
            data = path.read_bytes()
            groups[detect_format(data, path.name)].append((path, data))
    return dict(groups)


def one_run(files: list[tuple[Path, bytes]]) -> float:
    """Seconds to parse every file once (from bytes: disk reads excluded)."""
    start = time.perf_counter()
    for path, data in files:
        parse_report(path, data=data)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    groups = files_by_format(args.directory)
    for files in groups.values():  # warm-up: imports, regex compilation, caches
        one_run(files)
    print(f"{'format':<10}{'files':>6}{'median s/run':>14}{'reports/s':>12}")
    total_files, total_seconds = 0, 0.0
    for fmt, files in sorted(groups.items()):
        seconds = statistics.median(one_run(files) for _ in range(args.runs))
        total_files += len(files)
        total_seconds += seconds
        print(f"{fmt:<10}{len(files):>6}{seconds:>14.4f}{len(files) / seconds:>12.1f}")
    print(f"{'all':<10}{total_files:>6}{total_seconds:>14.4f}{total_files / total_seconds:>12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
