"""The web shell itself, over a fake assistant: the error shape, limits, the staff guard,
upload names, security headers and the escaping of hostile report text."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.ui.conftest import STAFF_TOKEN, web_settings
from tests.ui.fake_assistant import XSS, FakeAssistant
from ui.web import create_app
from ui.web.errors import ApiError
from ui.web.render import answer_html
from ui.web.report_view import report_html
from ui.web.staff_auth import COOKIE
from ui.web.uploads import safe_file_name

AUTH = {"Authorization": f"Bearer {STAFF_TOKEN}"}


def assert_error(response, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_ask_returns_the_answer_json_and_passes_scope(fake_client: TestClient,
                                                      fake: FakeAssistant) -> None:
    r = fake_client.post("/api/ask", json={"question": "收到多少申请？", "agency": "红旗区财政局",
                                           "year": 2023, "history": [{"role": "user", "content": "你好"}]})
    assert r.status_code == 200
    assert {"answer", "answered", "citations", "figures", "series", "warnings"} <= set(r.json())
    question, history, scope = fake.asked[-1]
    assert (scope.agency, scope.year) == ("红旗区财政局", 2023)
    assert history[0].content == "你好"


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), [
    ("get", "/api/no-such-route", {}, 404, "not_found"),
    ("get", "/api/reports/2099-无此机关", {}, 404, "not_found"),
    ("post", "/api/ask", {"json": {}}, 422, "validation_error"),
    ("post", "/api/ask", {"json": {"question": "问", "year": "明年"}}, 422, "validation_error"),
    ("post", "/api/ask", {"content": b"{not json", "headers": {"content-type": "application/json"}},
     422, None),
    ("post", "/api/ask", {"json": {"question": "   "}}, 400, "empty_question"),
    ("post", "/api/ask", {"json": {"question": "问" * 501}}, 400, "question_too_long"),
    ("post", "/api/ask", {"json": {"question": "问" * 70000}}, 413, "payload_too_large"),
])
def test_every_error_has_one_json_shape(fake_client: TestClient, method: str, path: str,
                                        kwargs: dict, status: int, code: str | None) -> None:
    error = assert_error(getattr(fake_client, method)(path, **kwargs), status, code)
    if code == "question_too_long":
        assert "500" in error["message"] and "太长" in error["message"]


def test_chunked_body_over_the_limit_is_refused(fake_client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"question": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'
    assert_error(fake_client.post("/api/ask", content=chunks(),
                                  headers={"content-type": "application/json"}), 413)


def test_docs_are_local_and_openapi_lists_the_routes(fake_client: TestClient) -> None:
    docs = fake_client.get("/docs")
    assert docs.status_code == 200 and "/api/ask" in docs.text
    assert "cdn" not in docs.text.lower() and "<script" not in docs.text
    paths = fake_client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/reports", "/api/health"} <= set(paths)


def test_staff_api_refused_without_the_token(fake_client: TestClient) -> None:
    assert_error(fake_client.get("/api/staff/feedback"), 401, "unauthorized")
    assert_error(fake_client.get("/api/staff/feedback", headers={"Authorization": "Bearer wrong"}), 401)
    assert_error(fake_client.delete("/api/staff/reports/2023-新乡市红旗区财政局"), 401)
    assert_error(fake_client.post("/api/staff/reports", files={"files": ("a.txt", b"x")}), 401)
    assert fake_client.get("/api/staff/feedback", headers=AUTH).status_code == 200


@pytest.mark.parametrize("path", ["/staff", "/staff/", "/staff/config", "/staff/gradio_api/info",
                                  "/staff/gradio_api/queue/join", "/staff/theme.css"])
def test_staff_pages_refused_without_login(fake_client: TestClient, path: str) -> None:
    r = fake_client.get(path, follow_redirects=False)
    assert r.status_code == 401
    page = fake_client.get(path, headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/staff/login"


def test_staff_login_sets_a_session_that_opens_the_page(fake_client: TestClient) -> None:
    wrong = fake_client.post("/staff/login", data={"token": "nope"}, follow_redirects=False)
    assert wrong.status_code == 401 and "口令不正确" in wrong.text
    ok = fake_client.post("/staff/login", data={"token": STAFF_TOKEN}, follow_redirects=False)
    assert ok.status_code == 303 and STAFF_TOKEN not in ok.headers["set-cookie"]
    assert fake_client.get("/staff/").status_code == 200
    fake_client.cookies.clear()
    assert fake_client.get("/staff/", follow_redirects=False).status_code == 401


def test_staff_area_disabled_without_a_token_setting(fake: FakeAssistant, tmp_path: Path) -> None:
    app = create_app(fake, web_settings(tmp_path, staff_token=""))
    with TestClient(app) as client:
        client.cookies.set(COOKIE, "forged-session")
        assert_error(client.get("/staff/", follow_redirects=False), 404, "staff_disabled")
        assert_error(client.post("/staff/login", data={"token": ""}), 404, "staff_disabled")
        assert_error(client.get("/api/staff/feedback", headers={"Authorization": "Bearer "}), 403)


@pytest.mark.parametrize("name", ["../../evil.txt", "..\\evil.txt", "/etc/passwd.txt", "a/b.txt",
                                  "C:evil.txt", "..", ""])
def test_upload_names_that_leave_the_directory_are_refused(name: str) -> None:
    with pytest.raises(ApiError):
        safe_file_name(name)


def test_upload_path_traversal_refused_over_http(fake_client: TestClient, tmp_path: Path) -> None:
    r = fake_client.post("/api/staff/reports", headers=AUTH,
                         files={"files": ("../../../escaped.txt", b"report")})
    assert_error(r, 400, "bad_file_name")
    assert not list(tmp_path.rglob("escaped.txt"))


def test_upload_is_a_job_that_reports_warnings_and_keeps_no_copy(fake_client: TestClient, fake: FakeAssistant,
                                                                 tmp_path: Path) -> None:
    r = fake_client.post("/api/staff/reports?wait=30", headers=AUTH,
                         files={"files": ("2024 红旗区<b>.txt", "年度报告".encode())})
    assert r.status_code == 200, r.text
    job = r.json()["jobs"][0]
    assert job["state"] == "done" and job["name"] == "2024 红旗区<b>.txt"
    assert job["result"]["report"]["year"] == 2024
    assert "测试警告 2024_红旗区_b.txt" in job["result"]["warnings"]  # the file the assistant read
    assert fake_client.get(job["url"], headers=AUTH).json()["state"] == "done"
    assert not list((tmp_path / "store" / "uploads").rglob("*.txt"))  # the library keeps its own copy


def test_upload_too_large_is_refused(fake: FakeAssistant, tmp_path: Path) -> None:
    app = create_app(fake, web_settings(tmp_path, max_upload_mb=1))
    with TestClient(app) as client:
        r = client.post("/api/staff/reports", headers=AUTH,
                        files={"files": ("big.txt", b"x" * (3 * 1024 * 1024 + 10))})
        error = assert_error(r, 413, "file_too_large")
        assert "3.0 MB" in error["message"] and "上限为 1 MB" in error["message"]


def test_frame_ancestors_from_settings_on_the_widget_only(fake: FakeAssistant, tmp_path: Path) -> None:
    app = create_app(fake, web_settings(tmp_path, frame_ancestors="'self' https://portal.example.gov.cn"))
    with TestClient(app) as client:
        widget = client.get("/widget/")
        assert widget.status_code == 200
        assert widget.headers["content-security-policy"].endswith(
            "; frame-ancestors 'self' https://portal.example.gov.cn")
        assert "x-frame-options" not in widget.headers
        page = client.get("/")
        assert page.headers["content-security-policy"].endswith("; frame-ancestors 'self'")
        assert page.headers["x-frame-options"] == "SAMEORIGIN"


def test_pages_load_nothing_from_other_hosts(fake_client: TestClient) -> None:
    for path in ("/", "/widget/"):
        html = fake_client.get(path).text
        for host in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "cdnjs"):
            assert host not in html, (path, host)


def test_hostile_report_text_is_escaped_in_answers_and_tables(fake: FakeAssistant) -> None:
    html = answer_html(fake.ask("收到多少申请？"))
    report = report_html(fake.report("2023-新乡市红旗区财政局"))
    for rendered in (html, report):
        assert "<script" not in rendered and "<img" not in rendered
        assert "&lt;script&gt;" in rendered
    assert XSS not in html and 'class="failed"' in report


def test_feedback_is_stored_as_jsonl_and_readable_by_staff(fake_client: TestClient, tmp_path: Path) -> None:
    from ui.web.feedback import Feedback, FeedbackLog

    log = FeedbackLog(tmp_path / "store")
    log.add(Feedback(rating="down", question="问", answer="答", comment="数字不对"))
    lines = (tmp_path / "store" / "feedback" / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "数字不对" in lines[0]
    records = fake_client.get("/api/staff/feedback", headers=AUTH).json()["feedback"]
    assert records[0]["comment"] == "数字不对"


def test_widget_and_staff_without_a_slash_redirect_keeping_the_query(fake_client: TestClient) -> None:
    r = fake_client.get("/widget?agency=红旗区财政局&year=2023", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].startswith("/widget/?agency=")
    assert fake_client.get("/widget?year=2023").status_code == 200
    assert fake_client.get("/staff", follow_redirects=False).status_code == 401


def test_chat_turn_streams_then_shows_citations(fake: FakeAssistant, tmp_path: Path) -> None:
    from ui.web.context import WebContext
    from ui.web.conversation import respond

    steps = list(respond(WebContext(fake, web_settings(tmp_path)), "收到多少申请？", [], [], "", ""))
    bubbles = [step[1][-1]["content"] for step in steps]
    assert len(bubbles) > 3 and "cites" not in bubbles[2] and "cites" in bubbles[-1]
    assert steps[-1][2] == [("收到多少申请？", fake.ask("收到多少申请？").text)]


def test_chat_turn_hides_internal_errors(tmp_path: Path) -> None:
    from ui.web.context import WebContext
    from ui.web.conversation import respond

    class Broken(FakeAssistant):
        def stream_answer(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise RuntimeError("/secret/path exploded")
            yield  # pragma: no cover

    steps = list(respond(WebContext(Broken(), web_settings(tmp_path)), "问", [], [], "", ""))
    last = steps[-1][1][-1]["content"]
    assert "系统出错" in last and "secret" not in last


def test_staff_removes_reports(fake_client: TestClient, fake: FakeAssistant) -> None:
    r = fake_client.delete("/api/staff/reports/2022-新乡市红旗区财政局", headers=AUTH)
    assert r.status_code == 200 and [e.year for e in fake.entries] == [2023]
    assert_error(fake_client.delete("/api/staff/reports/2022-新乡市红旗区财政局", headers=AUTH), 404)


def test_widget_snippet_is_an_escaped_iframe() -> None:
    from ui.web.widget import widget_snippet

    html = widget_snippet("https://qa.example.gov.cn/", '红旗区"><script>', 2023)
    assert html.startswith('<iframe src="https://qa.example.gov.cn/widget/?agency=')
    assert "<script>" not in html and "year=2023" in html


def test_serve_ingests_only_reports_not_yet_in_the_library(fake: FakeAssistant, tmp_path: Path) -> None:
    from ui.cli.serve_cmd import ingest_missing

    (tmp_path / "2023-hongqi.txt").write_text("已收录", encoding="utf-8")  # known by name
    (tmp_path / "new-report.txt").write_text("新报告", encoding="utf-8")
    (tmp_path / "notes.xlsx").write_text("不是报告", encoding="utf-8")
    assert ingest_missing(fake, [tmp_path]) == 1
    assert [e.year for e in fake.entries] == [2022, 2023, 2024]
