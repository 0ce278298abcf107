"""GET /api/reports/{report_id}/source: the original file with a type that cannot run as a
page of ours; the citations' "url" leads there. Real app over the corpus, plus the fake
assistant for the formats the corpus lacks."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from fastapi.testclient import TestClient
from httpx import Response

from assistant.links import source_url
from tests.conftest import CORPUS
from tests.ui.fake_assistant import FakeAssistant
from ui.web.cites import citation_html

HONGZE = "2024-淮安市洪泽区人民政府"
SHANGHAI_HTML = "2019-上海市人民政府办公厅"


def _assert_locked_down(r: Response) -> None:
    headers = r.headers
    assert headers["x-content-type-options"] == "nosniff"
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert "html" not in headers["content-type"]


def test_pdf_is_served_inline_as_pdf(real_client: TestClient) -> None:
    url = source_url(HONGZE)
    assert "%E6%B7%AE%E5%AE%89" in url  # 淮安, percent-encoded in the path
    r = real_client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].startswith("inline;")
    assert "2024-hongze-district-gov.pdf" in unquote(r.headers["content-disposition"])
    assert r.content == (CORPUS / "2024-hongze-district-gov.pdf").read_bytes()
    _assert_locked_down(r)


def test_html_report_is_served_as_plain_text(real_client: TestClient) -> None:
    r = real_client.get(source_url(SHANGHAI_HTML))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain; charset=")
    assert r.content == (CORPUS / "2019-shanghai-gov-office.html").read_bytes()
    assert "sandbox" in r.headers["content-security-policy"]
    _assert_locked_down(r)


def test_unicode_path_as_browsers_send_it(real_client: TestClient) -> None:
    raw = f"/api/reports/{HONGZE}/source"  # httpx percent-encodes it on the wire
    assert real_client.get(raw).status_code == 200


def test_citations_carry_the_url_of_the_source(real_client: TestClient) -> None:
    body = real_client.post("/api/ask", json={"question": "洪泽区人民政府2024年收到多少申请？"}).json()
    cite = body["citations"][0]
    assert cite["url"].startswith(source_url(HONGZE) + "#page=")
    page = int(cite["url"].split("#page=")[1])
    assert f"第{page}页" in cite["source"]
    assert real_client.get(cite["url"].split("#")[0]).headers["content-type"] == "application/pdf"
    text = real_client.post("/api/ask", json={"question": "红旗区财政局2023年收到了多少政府信息公开申请？"})
    assert text.json()["citations"][0]["url"] == source_url("2023-新乡市红旗区财政局")  # no page


def test_missing_source_is_the_json_404(real_client: TestClient, fake_client: TestClient) -> None:
    for client, rid in ((real_client, "2099-没有这个机关"), (fake_client, "2023-新乡市红旗区财政局")):
        r = client.get(source_url(rid))
        assert r.status_code == 404
        assert r.json()["error"]["code"] == "not_found" and r.json()["error"]["message"]
        assert r.headers["content-type"].startswith("application/json")


def _serve(fake: FakeAssistant, client: TestClient, tmp_path: Path, name: str, data: bytes) -> Response:
    path = tmp_path / name
    path.write_bytes(data)
    fake.sources["2023-新乡市红旗区财政局"] = path
    return client.get(source_url("2023-新乡市红旗区财政局"))


def test_other_formats(fake: FakeAssistant, fake_client: TestClient, tmp_path: Path) -> None:
    docx = _serve(fake, fake_client, tmp_path, "a.docx", b"PK\x03\x04word/document")
    assert docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert docx.headers["content-disposition"].startswith("attachment;")
    gbk = _serve(fake, fake_client, tmp_path, "b.txt", "政府信息公开".encode("gb18030"))
    assert gbk.headers["content-type"] == "text/plain; charset=gb18030"
    utf8 = _serve(fake, fake_client, tmp_path, "c.md", "<script>alert(1)</script>报告".encode())
    assert utf8.headers["content-type"] == "text/plain; charset=utf-8"
    _assert_locked_down(utf8)
    binary = _serve(fake, fake_client, tmp_path, "d.html", b"\xff\xfe\x00\xd8<html>")
    assert binary.headers["content-type"] == "application/octet-stream"
    assert binary.headers["content-disposition"].startswith("attachment;")


def test_citation_link_is_ours_and_escaped() -> None:
    from dataclasses import replace

    cite = FakeAssistant().ask("收到多少申请？").citations[0]
    html = citation_html(cite)
    assert f'href="{source_url(cite.report)}" target="_blank" rel="noopener"' in html
    assert ">查看原文</a>" in html and "<script>" not in html
    hostile = citation_html(replace(cite, url='javascript:alert(1)" onclick="x'))
    assert "查看原文" not in hostile and "javascript:" not in hostile
    assert "查看原文" not in citation_html(replace(cite, url=None))
