"""Staff login lockout and sessions, the public concurrency limit, the public Gradio upload
endpoints, security headers, and the library's health and versions through the API."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from index.library import CatalogEntry
from tests.ui.conftest import STAFF_TOKEN, web_settings
from tests.ui.fake_assistant import FakeAssistant
from tests.ui.test_web_shell import assert_error
from ui.web import create_app
from ui.web.limits import ConcurrencyLimit
from ui.web.sessions import MAX_FAILURES
from ui.web.staff_auth import COOKIE

AUTH = {"Authorization": f"Bearer {STAFF_TOKEN}"}


# ---- staff auth ----------------------------------------------------------------------------


def test_wrong_tokens_lock_the_client_out_of_the_form_and_the_api(fake_client: TestClient) -> None:
    for _ in range(MAX_FAILURES - 1):
        assert fake_client.post("/staff/login", data={"token": "guess"}).status_code == 401
    locked = fake_client.post("/staff/login", data={"token": "guess"})
    assert locked.status_code == 429 and "次数过多" in locked.text and int(locked.headers["retry-after"]) > 60
    # while locked, even the right token is refused, on the form and on the API
    assert fake_client.post("/staff/login", data={"token": STAFF_TOKEN}).status_code == 429
    error = assert_error(fake_client.get("/api/staff/feedback", headers=AUTH), 429, "too_many_attempts")
    assert "分钟" in error["message"]


def test_wrong_api_tokens_count_too(fake_client: TestClient) -> None:
    for _ in range(MAX_FAILURES - 1):
        assert_error(fake_client.get("/api/staff/jobs", headers={"X-Staff-Token": "guess"}), 401)
    assert_error(fake_client.get("/api/staff/jobs", headers={"X-Staff-Token": "guess"}), 429)
    assert fake_client.post("/staff/login", data={"token": STAFF_TOKEN}).status_code == 429


def test_logout_ends_the_session_on_the_server(fake_client: TestClient) -> None:
    ok = fake_client.post("/staff/login", data={"token": STAFF_TOKEN}, follow_redirects=False)
    assert ok.status_code == 303 and "HttpOnly" in ok.headers["set-cookie"]
    assert "secure" not in ok.headers["set-cookie"].lower()  # plain http, secure_cookies=auto
    session = fake_client.cookies[COOKIE]
    assert STAFF_TOKEN not in session and fake_client.get("/staff/").status_code == 200
    fake_client.get("/staff/logout", follow_redirects=False)
    fake_client.cookies.set(COOKIE, session, path="/staff")  # a copy of the old cookie
    assert fake_client.get("/staff/", follow_redirects=False).status_code == 401


def test_each_login_gets_its_own_session(fake_client: TestClient) -> None:
    fake_client.post("/staff/login", data={"token": STAFF_TOKEN}, follow_redirects=False)
    first = fake_client.cookies[COOKIE]
    fake_client.post("/staff/login", data={"token": STAFF_TOKEN}, follow_redirects=False)
    assert fake_client.cookies[COOKIE] != first


@pytest.mark.parametrize(("setting", "base", "secure"), [
    ("auto", "https://testserver", True), ("on", "http://testserver", True), ("off", "https://testserver", False)])
def test_secure_cookie_setting(fake: FakeAssistant, tmp_path: Path, setting: str, base: str, secure: bool) -> None:
    app = create_app(fake, web_settings(tmp_path, secure_cookies=setting))
    with TestClient(app, base_url=base) as client:
        cookie = client.post("/staff/login", data={"token": STAFF_TOKEN}, follow_redirects=False).headers["set-cookie"]
    assert ("secure" in cookie.lower().split("; ")) is secure


# ---- load ------------------------------------------------------------------------------


def test_concurrency_limit_queues_briefly_then_answers_503_json() -> None:
    async def scenario() -> list[tuple[int, str, str]]:
        release = asyncio.Event()

        async def slow_app(scope: Any, receive: Any, send: Any) -> None:
            await release.wait()
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": b'{"ok": 1}'})

        limited = ConcurrencyLimit(slow_app, limited=lambda p: p.startswith("/api/"), limit=2, queue=1,
                                   max_wait=5)
        transport = httpx.ASGITransport(app=limited)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            tasks = [asyncio.create_task(client.get("/api/ask")) for _ in range(3)]
            await asyncio.sleep(0.1)  # two in progress, one waiting
            beyond = await client.get("/api/ask")  # answered at once, while the others wait
            release.set()
            answered = await asyncio.gather(*tasks)
        return [(r.status_code, r.headers.get("retry-after", ""), r.text) for r in (*answered, beyond)]

    results = asyncio.run(scenario())
    assert [status for status, _, _ in results] == [200, 200, 200, 503]
    _, retry, text = results[-1]
    assert int(retry) > 0 and json.loads(text)["error"]["code"] == "busy"


def test_queued_requests_wait_at_most_max_wait() -> None:
    async def scenario() -> int:
        async def stuck(scope: Any, receive: Any, send: Any) -> None:
            await asyncio.sleep(30)

        limited = ConcurrencyLimit(stuck, limited=lambda p: True, limit=1, queue=5, max_wait=0.2)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=limited), base_url="http://t") as client:
            first = asyncio.create_task(client.get("/a"))
            await asyncio.sleep(0.05)
            second = await client.get("/b")
            first.cancel()
        return second.status_code

    assert asyncio.run(scenario()) == 503


def test_health_and_staff_routes_are_not_limited(fake_client: TestClient) -> None:
    from ui.web.app import _publicly_limited

    assert _publicly_limited("/api/ask") and _publicly_limited("/api/reports")
    assert not _publicly_limited("/api/health") and not _publicly_limited("/api/staff/jobs")
    assert not _publicly_limited("/")


# ---- public pages: no uploads, headers ----------------------------------------------------


@pytest.mark.parametrize("path", ["/gradio_api/upload", "/widget/gradio_api/upload",
                                  "/gradio_api/upload?upload_id=x", "/widget/gradio_api/process_recording"])
def test_public_pages_take_no_files(fake_client: TestClient, path: str) -> None:
    r = fake_client.post(path, files={"files": ("a.txt", b"hello")})
    error = assert_error(r, 404, "not_found")
    assert "/tmp" not in r.text and "上传" in error["message"]


def test_the_staff_page_keeps_its_upload(fake_client: TestClient) -> None:
    fake_client.post("/staff/login", data={"token": STAFF_TOKEN})
    r = fake_client.post("/staff/gradio_api/upload", files={"files": ("a.txt", b"hello")})
    assert r.status_code == 200


def test_public_gradio_bodies_are_limited(fake_client: TestClient) -> None:
    r = fake_client.post("/gradio_api/queue/join", content=b"x" * (5 * 1024 * 1024),
                         headers={"content-type": "application/json"})
    assert_error(r, 413, "payload_too_large")


def test_pages_carry_a_nonce_csp_and_the_other_headers(fake_client: TestClient) -> None:
    for path in ("/", "/widget/"):
        page = fake_client.get(path, headers={"accept": "text/html", "accept-encoding": "br, gzip"})
        csp = page.headers["content-security-policy"]
        nonce = re.search(r"'nonce-([^']+)'", csp)
        assert nonce and "object-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
        tags = re.findall(r"<script\b[^>]*>", page.text)
        assert tags and all(f'nonce="{nonce.group(1)}"' in tag for tag in tags)
        assert page.headers["cross-origin-opener-policy"] == "same-origin"
        assert "camera=()" in page.headers["permissions-policy"]
        assert int(page.headers["content-length"]) == len(page.content)
    again = fake_client.get("/", headers={"accept": "text/html"}).headers["content-security-policy"]
    assert again != csp  # a new nonce per response
    api = fake_client.get("/api/health").headers["content-security-policy"]
    assert api.startswith("default-src 'none'")


# ---- health and versions ----------------------------------------------------------------


@dataclass(frozen=True)
class Damaged:  # the shape of index.records.DamagedReport / Health / ReportVersion
    report_id: str
    content_hash: str
    problem: str


@dataclass(frozen=True)
class Health:
    reports: int
    read_only: bool
    damaged: tuple[Damaged, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Version:
    entry: CatalogEntry
    state: str
    retired_at: str = ""


class DamagedLibrary(FakeAssistant):
    def __init__(self) -> None:
        super().__init__()
        self.restored: list[tuple[str, str]] = []

    def health(self) -> Health:
        return Health(2, False, (Damaged("2022-新乡市红旗区财政局", "0" * 64, "解析结果文件缺失"),),
                      ("向量库中没有任何片段",))

    def versions(self, report_id: str) -> list[Version]:
        return [Version(e, "active") for e in self.entries if e.report_id == report_id]

    def restore(self, report_id: str, version: str) -> CatalogEntry:
        self.restored.append((report_id, version))
        return self.entries[0]


def test_health_is_degraded_while_a_report_is_damaged(tmp_path: Path) -> None:
    app = create_app(DamagedLibrary(), web_settings(tmp_path))
    with TestClient(app) as client:
        health = client.get("/api/health").json()
    assert health["status"] == "degraded" and health["reports"] == 2
    assert health["damaged"] == [{"report_id": "2022-新乡市红旗区财政局", "problem": "解析结果文件缺失"}]
    assert health["problems"] == ["向量库中没有任何片段"] and health["read_only"] is False


def test_versions_and_restore_when_the_library_keeps_them(tmp_path: Path) -> None:
    assistant = DamagedLibrary()
    app = create_app(assistant, web_settings(tmp_path))
    rid = "2023-新乡市红旗区财政局"
    with TestClient(app) as client:
        versions = client.get(f"/api/staff/reports/{rid}/versions", headers=AUTH).json()["versions"]
        assert versions[0]["entry"]["report_id"] == rid and versions[0]["state"] == "active"
        job = client.post(f"/api/staff/reports/{rid}/versions/abc/restore?wait=30", headers=AUTH).json()["jobs"][0]
    assert job["state"] == "done" and assistant.restored == [(rid, "abc")]


def test_versions_are_not_offered_by_a_library_without_them(fake_client: TestClient) -> None:
    r = fake_client.get("/api/staff/reports/2023-新乡市红旗区财政局/versions", headers=AUTH)
    assert_error(r, 501, "not_available")


def test_reingest_uses_the_kept_original(fake_client: TestClient, fake: FakeAssistant, tmp_path: Path) -> None:
    rid = "2023-新乡市红旗区财政局"
    kept = tmp_path / "kept.txt"
    kept.write_bytes("红旗区财政局 2023 年报".encode())
    fake.sources[rid] = kept
    job = fake_client.post(f"/api/staff/reports/{rid}/reingest?wait=30", headers=AUTH).json()["jobs"][0]
    assert job["state"] == "done" and "测试警告 2023-hongqi.txt" in job["result"]["warnings"]
    missing = fake_client.post("/api/staff/reports/2022-新乡市红旗区财政局/reingest", headers=AUTH)
    assert_error(missing, 404)
