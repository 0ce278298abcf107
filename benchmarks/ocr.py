"""Scanned reports: accuracy, speed and memory of the OCR loader on full documents.

    .venv/bin/python benchmarks/ocr.py [--dpi N] [--long PAGES]

Builds a clean and a degraded scan of every corpus PDF (every page an image, no text
layer; tests/ocr/scans.py, cached under .data/ocr-scans), parses each, and prints:
- table 三/四 cells right / uncertain / stated wrong against expected.json (floor: clean
  ≥ 99 % right, degraded ≥ 95 %, 0 wrong in both), and wrong table 二 cells;
- seconds per page (median, and max) of OCR, with the machine's load average (shared);
- peak memory of an OCR ingest above the resting process (embedding model loaded, library
  open: as a server at rest), measured in a fresh process with Linux's VmHWM.
`--long 60` also reads a 60-page scan (the corpus pages repeated) and prints the resident
memory after each tenth page: it must stay flat (pages are rendered and read one at a time).
Not a test: prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common

_common.offline_models()

from index.parsing import parse_report  # noqa: E402
from tests.ocr.scans import cached_scan, images_to_pdf  # noqa: E402
from tests.ocr.scoring import score  # noqa: E402

PDFS = sorted(p for p in _common.CORPUS.glob("*.pdf"))


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_parse(path: Path, dpi: int | None) -> tuple[object, list[tuple[float, float]]]:
    """The parsed report and, per OCR page, (wall seconds, CPU seconds of this process)."""
    marks: list[tuple[float, float]] = []

    def progress(done: int, total: int, message: str) -> None:
        if "扫描件识别" in message or done == total:
            marks.append((time.perf_counter(), time.process_time()))

    report = parse_report(path, progress=progress, ocr_dpi=dpi)
    return report, [(b[0] - a[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])]


def accuracy(dpi: int | None) -> list[tuple[float, float]]:
    page_seconds: list[tuple[float, float]] = []
    print(f"{'scan':<44}{'right':>7}{'unsure':>8}{'wrong':>7}{'share':>8}  二 wrong")
    for variant in ("clean", "degraded"):
        right = unsure = wrong = 0
        for pdf in PDFS:
            scan = cached_scan(pdf, degraded=variant == "degraded")
            report, seconds = timed_parse(scan, dpi)
            page_seconds += seconds
            r, u, w = score(report, pdf.name)
            t2 = [x for x in w if x.startswith("二")]
            right, unsure, wrong = right + r, unsure + u, wrong + len(w) - len(t2)
            print(f"{pdf.stem + ' ' + variant:<44}{r:>7}{u:>8}{len(w) - len(t2):>7}"
                  f"{r / max(1, r + u + len(w) - len(t2)):>8.1%}  {len(t2)}")
        total = right + unsure + wrong
        print(f"{'ALL ' + variant:<44}{right:>7}{unsure:>8}{wrong:>7}{right / max(1, total):>8.1%}")
    return page_seconds


MEMORY_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import _common
_common.offline_models()
from pathlib import Path
from index.library import Library
from index.settings import Settings

def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

lib = Library.open(Settings.load(store=sys.argv[2], model_dir=sys.argv[4]))
lib.embedder.embed_queries(["预热"])  # the server at rest: model loaded
import index.parsing, index.loaders.pdf  # noqa: F401  (imported by a server already)
time.sleep(0.5)
resting = status("VmRSS")
Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current size
lib.ingest(Path(sys.argv[3]))
print(json.dumps({"resting": resting, "peak": status("VmHWM")}))
"""


def memory(scan: Path) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as store:
        models = _common.ROOT / ".data" / "bench-models"  # built once (gitignored)
        out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(Path(__file__).parent), store,
                              str(scan), str(models)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"memory run failed:\n{out.stderr[-2000:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return figures["resting"], figures["peak"]


def long_scan(pages: int, dpi: int | None) -> None:
    """A long scanned PDF: memory after every tenth page stays flat."""
    import pypdfium2 as pdfium
    from PIL import Image

    images: list[Image.Image] = []
    for pdf in PDFS:
        document = pdfium.PdfDocument(cached_scan(pdf))
        for page in document:
            images.append(page.render(scale=200 / 72).to_pil().convert("L"))
        document.close()
    path = Path(tempfile.mkdtemp()) / f"long-{pages}.pdf"
    path.write_bytes(images_to_pdf([images[i % len(images)] for i in range(pages)]))
    del images
    rss: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        if done and done % 10 == 0 and "扫描件识别" in message:
            rss.append(f"{done}:{rss_mb():.0f}")

    start = time.perf_counter()
    parse_report(path, progress=progress, ocr_dpi=dpi)
    print(f"long scan: {pages} pages in {time.perf_counter() - start:.0f} s; "
          f"resident MB after pages {' '.join(rss)}; peak {rss_mb('VmHWM'):.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=None, help="render resolution (default: setting)")
    parser.add_argument("--long", type=int, default=0, metavar="PAGES")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    pages = accuracy(args.dpi)
    wall = [w for w, _ in pages]
    cpu = [c for _, c in pages]
    print(f"seconds per page: median {statistics.median(wall):.1f}, max {max(wall):.1f} over "
          f"{len(wall)} pages (load average {load[0]:.1f} → {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores); CPU seconds per page: median {statistics.median(cpu):.1f} "
          f"(an idle machine's wall time ≈ CPU / {min(2, os.cpu_count() or 1)} threads)")
    resting, peak = memory(cached_scan(PDFS[0], degraded=True))
    print(f"OCR ingest memory: resting {resting:.0f} MB, peak {peak:.0f} MB, "
          f"{(peak - resting) / 1024:.2f} GB above resting")
    if args.long:
        long_scan(args.long, args.dpi)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
