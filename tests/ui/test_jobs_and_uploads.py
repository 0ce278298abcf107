"""Ingest as queued jobs, and what the upload route does with hostile files (fake assistant,
the real app in-process or on loopback)."""

from __future__ import annotations

import errno
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from index.errors import NotAReportError
from index.library import IngestResult
from tests.ui.conftest import STAFF_TOKEN, web_settings
from tests.ui.fake_assistant import FakeAssistant, _entry
from tests.ui.live_server import LiveServer
from tests.ui.test_web_shell import assert_error
from ui.web import create_app
from ui.web.jobs import JobQueue
from ui.web.uploads import MAX_NAME_BYTES, safe_file_name, sweep_uploads

AUTH = {"Authorization": f"Bearer {STAFF_TOKEN}"}
REPORT = "新乡市红旗区财政局2024年政府信息公开工作年度报告\n一、总体情况\n".encode()


class GatedAssistant(FakeAssistant):
    """Ingest waits for the test to open the gate, and counts how many ran at once."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.running = 0
        self.most_at_once = 0
        self.lock = threading.Lock()
        self.ingested: list[str] = []

    def ingest(self, path: str | Path) -> IngestResult:
        with self.lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            assert self.gate.wait(30), "the test never opened the gate"
            self.ingested.append(Path(path).name)
            return IngestResult(entry=_entry(2024))
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def gated(tmp_path: Path) -> Iterator[tuple[GatedAssistant, str, Any]]:
    assistant = GatedAssistant()
    app = create_app(assistant, web_settings(tmp_path / "store"))
    with LiveServer(app) as server:
        yield assistant, server.url, app
    assistant.gate.set()


def test_uploads_at_once_are_queued_and_public_routes_keep_answering(
        gated: tuple[GatedAssistant, str, Any]) -> None:
    assistant, url, _ = gated
    with httpx.Client(base_url=url, timeout=30) as client:
        def upload(n: int) -> httpx.Response:
            return client.post("/api/staff/reports", headers=AUTH,
                               files={"files": (f"report-{n}.txt", REPORT)})
        results: list[httpx.Response] = []
        threads = [threading.Thread(target=lambda n=n: results.append(upload(n))) for n in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert [r.status_code for r in results] == [202, 202, 202]
        # every ingest is stuck behind the gate: the public routes still answer
        assert client.get("/api/health").json()["jobs"]["running"] == 1
        assert client.post("/api/ask", json={"question": "收到多少申请？"}).status_code == 200
        assert client.get("/").status_code == 200
        listed = client.get("/api/staff/jobs", headers=AUTH).json()["jobs"]
        assert sorted(j["state"] for j in listed) == ["queued", "queued", "running"]
        assistant.gate.set()
        ids = [r.json()["jobs"][0]["id"] for r in results]
        final = [client.get(f"/api/staff/jobs/{i}?wait=30", headers=AUTH).json() for i in ids]
    assert [j["state"] for j in final] == ["done"] * 3
    assert assistant.most_at_once == 1 and sorted(assistant.ingested) == [f"report-{n}.txt" for n in range(3)]


class FailingAssistant(FakeAssistant):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def ingest(self, path: str | Path) -> IngestResult:
        raise self.error


@pytest.mark.parametrize(("error", "code", "words"), [
    (NotAReportError("这不是政府信息公开工作年度报告。"), "not_a_report", "不是政府信息公开"),
    (OSError(errno.ENOSPC, "No space left on device"), "store_full", "磁盘已满"),
    (OSError(errno.EROFS, "Read-only file system"), "store_read_only", "只读"),
    (RuntimeError("/secret/path exploded"), "internal_error", "内部错误"),
])
def test_a_failed_job_says_why_without_internals(tmp_path: Path, error: BaseException, code: str,
                                                 words: str) -> None:
    app = create_app(FailingAssistant(error), web_settings(tmp_path / "store"))
    with TestClient(app) as client:
        r = client.post("/api/staff/reports?wait=30", headers=AUTH, files={"files": ("r.txt", REPORT)})
        job = r.json()["jobs"][0]
    assert job["state"] == "failed" and job["error"]["code"] == code
    assert words in job["error"]["message"] and "secret" not in job["error"]["message"]
    assert not list((tmp_path / "store" / "uploads").rglob("*.txt"))  # a refused file is not kept


def test_the_queue_refuses_beyond_its_length_and_runs_the_rest() -> None:
    jobs = JobQueue(max_waiting=2)
    gate = threading.Event()
    cleaned: list[str] = []
    first = jobs.submit("ingest", "a", lambda progress: {"ok": gate.wait(10)})
    while jobs.get(first.id).state != "running":  # type: ignore[union-attr]
        time.sleep(0.01)
    for name in ("b", "c"):
        jobs.submit("ingest", name, lambda progress: {"ok": True}, cleanup=lambda n=name: cleaned.append(n))
    with pytest.raises(Exception) as refused:
        jobs.submit("ingest", "d", lambda progress: {}, cleanup=lambda: cleaned.append("d"))
    assert getattr(refused.value, "status", None) == 503 and getattr(refused.value, "retry_after", 0)
    assert cleaned == ["d"]  # the refused upload is cleaned at once
    gate.set()
    deadline = time.monotonic() + 10
    while jobs.pending() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [j.state for j in jobs.list()] == ["done", "done", "done"] and sorted(cleaned) == ["b", "c", "d"]


def test_progress_reaches_the_job_when_ingest_reports_it(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []

    class Ocr(FakeAssistant):
        def ingest(self, path: str | Path, *, progress: Any = None) -> IngestResult:
            for page in range(1, 4):
                progress(page, 3, f"正在识别第 {page} 页")
                seen.append((page, 3, "ok"))
            return IngestResult(entry=_entry(2024))

    app = create_app(Ocr(), web_settings(tmp_path / "store"))
    with TestClient(app) as client:
        job = client.post("/api/staff/reports?wait=30", headers=AUTH,
                          files={"files": ("scan.txt", REPORT)}).json()["jobs"][0]
    assert job["state"] == "done" and (job["done"], job["total"]) == (3, 3) and len(seen) == 3


# ---- hostile files ----------------------------------------------------------------------


def test_a_300_character_chinese_name_is_cut_by_bytes(fake_client: TestClient, fake: FakeAssistant) -> None:
    name = "某市某区人民政府办公室关于" * 23 + ".txt"
    assert len(name) > 300
    stored = safe_file_name(name)
    assert len(stored.encode("utf-8")) <= MAX_NAME_BYTES and stored.endswith(".txt")
    r = fake_client.post("/api/staff/reports?wait=30", headers=AUTH, files={"files": (name, REPORT)})
    assert r.status_code == 200 and r.json()["jobs"][0]["state"] == "done"
    assert r.json()["jobs"][0]["name"] == name  # the person sees the name they gave


def test_a_text_file_named_docx_is_told_the_truth_and_read_as_text(fake_client: TestClient) -> None:
    r = fake_client.post("/api/staff/reports?wait=30", headers=AUTH,
                         files={"files": ("2024年报.docx", REPORT)})
    result = r.json()["jobs"][0]["result"]
    assert any("扩展名是 .docx" in w and "纯文本" in w for w in result["warnings"])
    assert "测试警告 2024年报.txt" in result["warnings"]  # the assistant read it as text


def test_a_zip_bomb_docx_is_refused_before_parsing(fake_client: TestClient, fake: FakeAssistant,
                                                   tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * (60 * 1024 * 1024) + "</w:document>")
    assert bomb.stat().st_size < 1024 * 1024
    r = fake_client.post("/api/staff/reports", headers=AUTH, files={"files": ("bomb.docx", bomb.read_bytes())})
    error = assert_error(r, 413, "file_too_large")
    assert "解压后过大" in error["message"] and len(fake.entries) == 2
    assert not list((tmp_path / "store" / "uploads").rglob("*.docx"))


def test_a_batch_says_which_files_were_refused(fake_client: TestClient) -> None:
    r = fake_client.post("/api/staff/reports?wait=30", headers=AUTH, files=[
        ("files", ("good.txt", REPORT)), ("files", ("empty.txt", b"")), ("files", ("x.exe", b"MZ"))])
    body = r.json()
    assert [j["state"] for j in body["jobs"]] == ["done"]
    assert {(x["file"], x["error"]["code"]) for x in body["refused"]} == {
        ("empty.txt", "unreadable_file"), ("x.exe", "unsupported_file_type")}


def test_a_request_over_the_upload_limit_names_the_real_limits(fake: FakeAssistant, tmp_path: Path) -> None:
    app = create_app(fake, web_settings(tmp_path, max_upload_mb=1))
    with TestClient(app) as client:
        r = client.post("/api/staff/reports", headers=AUTH,
                        files=[("files", (f"{n}.txt", b"x" * 1024 * 1024)) for n in range(7)])
    message = assert_error(r, 413, "payload_too_large")["message"]
    assert "每个文件最多 1 MB" in message and "本次共 7.0 MB" in message


def test_stale_uploads_are_swept(tmp_path: Path) -> None:
    old = tmp_path / "uploads" / "20200101T000000000000-abc"
    old.mkdir(parents=True)
    (old / "left.pdf").write_bytes(b"%PDF")
    fresh = tmp_path / "uploads" / "now"
    fresh.mkdir()
    import os
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert sweep_uploads(tmp_path) == 1
    assert not old.exists() and fresh.exists()
