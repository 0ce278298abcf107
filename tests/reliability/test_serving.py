"""The real app (real assistant, real library) on loopback: staff uploads while the public
asks, and hostile files and requests. Nothing lost, every refusal a clear JSON error."""

from __future__ import annotations

import io
import statistics
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import CORPUS
from tests.reliability.conftest import QUESTION, Tally
from tests.ui.conftest import STAFF_TOKEN, web_settings
from tests.ui.live_server import LiveServer

AUTH = {"Authorization": f"Bearer {STAFF_TOKEN}"}


@pytest.fixture
def served(store: Path, embedder: Any, test_model_dir: Path) -> Iterator[tuple[str, Any]]:
    from assistant.assistant import Assistant
    from index.library import Library
    from ui.web import create_app

    settings = web_settings(store, model_dir=str(test_model_dir), chroma_url="", llm_base_url="",
                            max_upload_mb=2)
    library = Library.open(settings, embedder=embedder)
    assistant = Assistant.open(settings, library=library)
    with LiveServer(create_app(assistant, settings)) as server:
        yield server.url, assistant
    library.close()


def changed(name: str, n: int) -> bytes:
    """The report with a PDF comment appended: new bytes, same content."""
    return (CORPUS / name).read_bytes() + f"\n%reliability {n}\n".encode()


def test_two_uploads_while_the_public_asks(served: tuple[str, Any], tally: Tally) -> None:
    url, _ = served
    latencies: dict[str, list[float]] = {"/api/health": [], "/api/ask": []}
    with httpx.Client(base_url=url, timeout=120) as staff:
        jobs = []
        for n, name in enumerate(("2023-hongze-district-gov.pdf", "2024-hongze-district-gov.pdf")):
            r = staff.post("/api/staff/reports", headers=AUTH, files={"files": (name, changed(name, n))})
            jobs += r.json()["jobs"]
        stop = threading.Event()

        def poll(path: str) -> None:
            with httpx.Client(base_url=url, timeout=60) as client:
                while not stop.is_set():
                    started = time.perf_counter()
                    try:
                        r = (client.post(path, json={"question": QUESTION}) if path == "/api/ask"
                             else client.get(path))
                        ok = r.status_code == 200 and isinstance(r.json(), dict)
                    except (httpx.HTTPError, ValueError) as exc:
                        ok, r = False, exc  # type: ignore[assignment]
                    latencies[path].append(time.perf_counter() - started)
                    tally.check(ok, f"{path}: {r}")
                    time.sleep(0.05)

        pollers = [threading.Thread(target=poll, args=(p,)) for p in ("/api/health", "/api/ask", "/api/ask")]
        for t in pollers:
            t.start()
        final = [staff.get(f"/api/staff/jobs/{j['id']}?wait=600", headers=AUTH).json() for j in jobs]
        stop.set()
        for t in pollers:
            t.join(60)
    for job in final:
        tally.check(job["state"] == "done", f"{job['name']}: {job.get('error')}")
    for path, values in latencies.items():
        if len(values) > 1:
            p95 = statistics.quantiles(values, n=20)[-1]
            tally.notes.append(f"{path} during the uploads: {len(values)} answers, p95 {p95:.2f} s")
    assert tally.lost == 0, tally.line()


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * (80 * 1024 * 1024) + "</w:document>")
    return buf.getvalue()


def test_hostile_files_and_requests(served: tuple[str, Any], tally: Tally) -> None:
    url, assistant = served
    before = {e.report_id: e.content_hash for e in assistant.reports()}
    report_text = (CORPUS / "2023-shuyang-drc.txt").read_bytes()
    hostile: list[tuple[str, bytes, set[int]]] = [
        ("某市某区人民政府办公室关于政府信息公开工作年度报告的说明" * 12 + ".txt", report_text, {200}),
        ("2023年沭阳县发改局.docx", report_text + b"\n", {200}),  # text named .docx: read as text
        ("bomb.docx", _zip_bomb(), {413}),
        ("big.txt", b"x" * (3 * 1024 * 1024), {413}),
        ("empty.txt", b"", {422}),
        ("garbage.pdf", bytes(range(256)) * 64, {200}),  # accepted for the job, which then fails
        ("../../etc/passwd.txt", report_text, {400}),
        ("a.exe", b"MZ\x90\x00", {415}),
    ]
    with httpx.Client(base_url=url, timeout=120) as client:
        for name, data, statuses in hostile:
            r = client.post("/api/staff/reports?wait=300", headers=AUTH, files={"files": (name, data)})
            body = r.json()
            clear = r.status_code in statuses and (
                "error" in body and body["error"]["message"]
                or all(j["state"] == "done" or j["error"]["message"] for j in body.get("jobs", [])))
            tally.check(clear and "/tmp" not in r.text and "Traceback" not in r.text,
                        f"{name[:20]}: {r.status_code} {r.text[:200]}")
        for path, kwargs in [("/gradio_api/upload", {"files": {"files": ("a.txt", b"x")}}),
                             ("/api/ask", {"json": {"question": "问" * 100_000}}),
                             ("/api/ask", {"content": b"\xff\xfe{", "headers": {"content-type": "application/json"}})]:
            r = client.post(path, **kwargs)
            tally.check(400 <= r.status_code < 500 and "error" in r.json(), f"{path}: {r.status_code}")
        for _ in range(6):
            client.post("/staff/login", data={"token": "guess"})
        r = client.post("/staff/login", data={"token": STAFF_TOKEN})
        tally.check(r.status_code == 429, f"login lockout: {r.status_code}")
        answer = client.post("/api/ask", json={"question": QUESTION}).json()
        tally.check("3" in answer["answer"], "the library still answers")
    after = {e.report_id: e.content_hash for e in assistant.reports()}
    tally.check(all(rid in after for rid in before), f"lost: {set(before) - set(after)}")
    assert tally.lost == 0, tally.line()
