"""Reliability under load, on loopback: the real `serve` command in a subprocess.

    .venv/bin/python benchmarks/reliability.py [--store DIR] [--seconds 60] [--askers 50]
        [--burst 200] [--only askers,burst,idle,uploads]

Scenarios (each prints tried / held / lost and its figures):
- askers: N clients on keep-alive connections ask for S seconds → answered, 503 (JSON, with
  Retry-After), non-JSON errors, dropped connections; latency p50/p95.
  Floor: 50 askers for 60 s, 0 dropped connections, 0 non-JSON errors.
- idle: 40 kept-alive connections reused after exactly ~5 s, where a server that closes idle
  connections after 5 s (uvicorn's default) races the client's reuse → dropped; run against
  a baseline uvicorn with that default and against `serve`.
- burst: B asks at the same instant → answered or 503 JSON; the slowest 503 and the slowest
  answer. Floor: 200 at once, every one beyond the limit a 503 JSON within 1 s, no hang.
- uploads: two staff uploads at once (each a real report, a few bytes changed so it is
  ingested again) while 4 clients poll /api/health and ask → p95 of each during the jobs.
  Floor: p95 < 1 s.
Without --store the bundled sample reports are ingested into a temporary store first.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import CORPUS, QUESTIONS, ROOT, offline_models  # first: takes benchmarks/ off sys.path

offline_models()

import httpx  # noqa: E402

from tests.ui.live_server import free_port  # noqa: E402

TEST_MODELS = ROOT / ".data" / "test-models"
TOKEN = "bench-staff-token"
UPLOADS = ("2023-hongze-district-gov.pdf", "2024-hongze-district-gov.pdf")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    ok: int = 0
    busy: int = 0  # 503 JSON with Retry-After
    json_errors: int = 0  # other statuses, in the JSON error shape
    non_json: int = 0
    dropped: int = 0  # transport errors: reset, closed without response, timeouts
    busy_latencies: list[float] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)

    @property
    def tried(self) -> int:
        return self.ok + self.busy + self.json_errors + self.non_json + self.dropped

    def record(self, started: float, response: httpx.Response | None, error: Exception | None) -> None:
        elapsed = time.perf_counter() - started
        if response is None:
            self.dropped += 1
            key = type(error).__name__
            self.notes[key] = self.notes.get(key, 0) + 1
            return
        try:
            body = response.json()
        except ValueError:
            self.non_json += 1
            self.notes[f"non-json {response.status_code}"] = self.notes.get(f"non-json {response.status_code}", 0) + 1
            return
        if response.status_code == 200:
            self.ok += 1
            self.latencies.append(elapsed)
        elif response.status_code == 503 and "error" in body and response.headers.get("retry-after"):
            self.busy += 1
            self.busy_latencies.append(elapsed)
        elif "error" in body:
            self.json_errors += 1
            key = f"{response.status_code} {body['error'].get('code')}"
            self.notes[key] = self.notes.get(key, 0) + 1
        else:
            self.non_json += 1

    def line(self, name: str) -> str:
        held = self.ok + self.busy + self.json_errors
        lost = self.non_json + self.dropped
        text = (f"{name}: tried {self.tried}, held {held} (answered {self.ok}, 503 {self.busy}, "
                f"other JSON errors {self.json_errors}), lost {lost} (non-JSON {self.non_json}, "
                f"dropped {self.dropped})")
        if self.latencies:
            text += f"; answer p50 {pct(self.latencies, 50):.2f} s, p95 {pct(self.latencies, 95):.2f} s, " \
                    f"max {max(self.latencies):.2f} s"
        if self.busy_latencies:
            text += (f"; 503 p50 {pct(self.busy_latencies, 50):.2f} s, p95 {pct(self.busy_latencies, 95):.2f} s, "
                     f"max {max(self.busy_latencies):.2f} s")
        if self.notes:
            text += f"; {self.notes}"
        return text


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def questions() -> list[str]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()][:60]


async def ask_once(client: httpx.AsyncClient, tally: Tally, question: str) -> None:
    started = time.perf_counter()
    try:
        response = await client.post("/api/ask", json={"question": question})
    except httpx.HTTPError as exc:
        tally.record(started, None, exc)
    else:
        tally.record(started, response, None)


async def askers(url: str, count: int, seconds: float, pause: tuple[float, float]) -> Tally:
    tally = Tally()
    asks = questions()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        async def one() -> None:
            while time.monotonic() < deadline:
                await ask_once(client, tally, random.choice(asks))
                await asyncio.sleep(random.uniform(*pause))
        await asyncio.gather(*(one() for _ in range(count)))
    return tally


def idle_reuse(url: str, clients: int = 40, rounds: int = 5, gap: float = 5.0) -> Tally:
    """Each client one kept-alive connection (http.client: no liveness check before reuse,
    like many HTTP libraries), reused after `gap` ± 0.02 s — the moment a server with a 5 s
    keep-alive timeout closes it."""
    tally = Tally()
    host, port = url.removeprefix("http://").split(":")
    lock = threading.Lock()

    def one() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        for _ in range(rounds):
            started = time.perf_counter()
            try:
                conn.request("GET", "/api/health")
                raw = conn.getresponse()
                response = httpx.Response(raw.status, headers=raw.getheaders(), content=raw.read())
                error = None
            except (OSError, http.client.HTTPException) as exc:
                response, error = None, exc
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
            with lock:
                tally.record(started, response, error)
            time.sleep(gap + random.uniform(-0.02, 0.02))
        conn.close()

    threads = [threading.Thread(target=one) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally


def baseline_app() -> Any:
    """A trivial app under uvicorn's defaults (keep-alive 5 s): the baseline for the idle
    scenario, and for the burst (a 503 at once: what this machine and client cost)."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    app = FastAPI()

    @app.get("/api/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/ask")
    async def busy() -> JSONResponse:
        return JSONResponse({"error": {"code": "busy", "message": "busy"}}, status_code=503,
                            headers={"Retry-After": "2"})

    return app


def start_baseline() -> tuple[subprocess.Popen[str], str]:
    """The baseline app in its own process (as `serve` is), on a free port."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve-baseline", str(port)], cwd=ROOT, text=True)
    return proc, wait_until_up(port)


def wait_until_up(port: int) -> str:
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(url + "/api/health", timeout=5)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return url


async def burst(url: str, count: int) -> Tally:
    tally = Tally()
    asks = questions()
    limits = httpx.Limits(max_connections=count)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        await asyncio.gather(*(ask_once(client, tally, random.choice(asks)) for _ in range(count)))
    return tally


def changed_copy(name: str, folder: Path, n: int) -> Path:
    """The report with a PDF comment appended: new bytes, same content → ingested again."""
    data = (CORPUS / name).read_bytes() + f"\n%bench {n} {time.time()}\n".encode()
    path = folder / name
    path.write_bytes(data)
    return path


async def uploads(url: str, folder: Path) -> tuple[Tally, Tally, list[dict[str, Any]]]:
    health, ask = Tally(), Tally()
    asks = questions()
    files = [changed_copy(name, folder, i) for i, name in enumerate(UPLOADS)]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=url, timeout=600) as staff:
        async def upload(path: Path) -> list[dict[str, Any]]:
            with open(path, "rb") as fh:
                r = await staff.post("/api/staff/reports", headers=headers, files={"files": (path.name, fh)})
            return list(r.json().get("jobs", []))
        submitted = [j for jobs in await asyncio.gather(*(upload(p) for p in files)) for j in jobs]
        done = asyncio.Event()

        async def watch() -> list[dict[str, Any]]:
            final = []
            for job in submitted:
                r = await staff.get(f"/api/staff/jobs/{job['id']}?wait=600", headers=headers)
                final.append(r.json())
            done.set()
            return final

        async def poll(tally: Tally, path: str) -> None:
            async with httpx.AsyncClient(base_url=url, timeout=60) as client:
                while not done.is_set():
                    started = time.perf_counter()
                    try:
                        if path == "/api/ask":
                            response = await client.post(path, json={"question": random.choice(asks)})
                        else:
                            response = await client.get(path)
                    except httpx.HTTPError as exc:
                        tally.record(started, None, exc)
                    else:
                        tally.record(started, response, None)
                    await asyncio.sleep(0.1)

        final, *_ = await asyncio.gather(watch(), poll(health, "/api/health"), poll(health, "/api/health"),
                                         poll(ask, "/api/ask"), poll(ask, "/api/ask"))
    return health, ask, final


def start_server(store: str, ingest: bool) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "GOV_ASSISTANT_STAFF_TOKEN": TOKEN, "PYTHONUNBUFFERED": "1",
           "GOV_ASSISTANT_TODAY": "2026-03-01", "GOV_ASSISTANT_LLM_BASE_URL": ""}
    if not env.get("GOV_ASSISTANT_MODEL_DIR") and TEST_MODELS.is_dir():
        env["GOV_ASSISTANT_MODEL_DIR"] = str(TEST_MODELS)
    cmd = [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--store", store]
    if ingest:
        cmd += ["--ingest", str(CORPUS)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if "serving at" in line:
            break
    else:
        raise SystemExit(f"serve did not start (exit {proc.wait()})")
    threading.Thread(target=lambda: [None for _ in proc.stdout or ()], daemon=True).start()  # drain
    return proc, wait_until_up(port)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", default=None, help="an existing store (default: ingest the samples)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--askers", type=int, default=50)
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--only", default="askers,idle,burst,uploads")
    parser.add_argument("--serve-baseline", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_baseline:
        import uvicorn

        uvicorn.run(baseline_app(), host="127.0.0.1", port=args.serve_baseline, log_level="error")
        return
    only = set(args.only.split(","))
    store = args.store or tempfile.mkdtemp(prefix="reliability-bench-")
    t0 = time.perf_counter()
    proc, url = start_server(store, ingest=not (Path(store) / "catalog.json").exists())
    print(f"server up in {time.perf_counter() - t0:.0f} s at {url} (store {store}); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    try:
        if "askers" in only:
            tally = asyncio.run(askers(url, args.askers, args.seconds, (0.0, 0.2)))
            print(tally.line(f"{args.askers} askers × {args.seconds:.0f} s"), flush=True)
        if "idle" in only:
            baseline, base_url = start_baseline()
            try:
                print(idle_reuse(base_url).line("baseline, uvicorn default keep-alive 5 s: 40 connections "
                                                "reused after 5 s, 5 rounds"), flush=True)
            finally:
                baseline.terminate()
            print(idle_reuse(url).line("serve: 40 connections reused after 5 s, 5 rounds"), flush=True)
        if "burst" in only:
            baseline, base_url = start_baseline()
            try:
                print(asyncio.run(burst(base_url, args.burst)).line(
                    f"baseline, a trivial app answering 503 at once: {args.burst} asks at once"), flush=True)
            finally:
                baseline.terminate()
            tally = asyncio.run(burst(url, args.burst))
            print(tally.line(f"{args.burst} asks at once"), flush=True)
        if "uploads" in only:
            with tempfile.TemporaryDirectory() as folder:
                t1 = time.perf_counter()
                health, ask, final = asyncio.run(uploads(url, Path(folder)))
                states = [f"{j.get('name')}: {j.get('state')}" for j in final]
                print(f"2 staff uploads at once: {states} in {time.perf_counter() - t1:.1f} s", flush=True)
                print(health.line("  /api/health during the uploads"), flush=True)
                print(ask.line("  /api/ask during the uploads"), flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
