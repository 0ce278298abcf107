"""The pages a citation opens, over HTTP: the report's table view with the cited cell, the
readable source view at the cited line (sandboxed; a hostile HTML report stays text), the
widget launcher script; and what /api/ask carries for them. Real app over the corpus, and
the fake assistant for a hostile file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from fastapi.testclient import TestClient

from assistant.links import report_view_url, source_url
from tests.ui.fake_assistant import FakeAssistant

HONGQI = "2023-新乡市红旗区财政局"
SHANGHAI_2019 = "2019-上海市人民政府办公厅"
HOSTILE_HTML = """<html><head><script>window.__xss = 1</script>
<link rel="stylesheet" href="https://evil.example/x.css"></head>
<body onload="window.__xss = 2"><h1>某县财政局2023年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>全年收到申请 <b>3</b> 件。<img src="https://evil.example/t.gif" onerror="alert(1)"></p>
<iframe src="https://evil.example/"></iframe><a href="javascript:alert(2)">点此</a>
<table><tr><td>一、本年新收政府信息公开申请数量</td><td>3</td></tr></table></body></html>"""


def _ask(client: TestClient, question: str, **scope: object) -> dict:
    r = client.post("/api/ask", json={"question": question, **scope})
    assert r.status_code == 200, r.text
    return r.json()


def test_api_citations_carry_what_a_reader_needs(real_client: TestClient) -> None:
    body = _ask(real_client, "洪泽区人民政府2024年有多少申请被拒绝？")
    cite = next(c for c in body["citations"] if c["row"] == "denied.three_security_one_stability")
    assert cite["table_name"] == "表三" and cite["unit"] == "件" and cite["status"] == "printed"
    assert cite["row_path"] == ["（三）不予公开", "3.危及“三安全一稳定”"]
    assert [c["header"] for c in cite["cells"]] == ["自然人", "商业企业", "科研机构", "社会公益组织",
                                                   "法律服务机构", "其他", "总计"]
    assert [c["text"] for c in cite["cells"] if c["column"] == cite["column"]] == [str(cite["value"])]
    assert cite["page"] and cite["view_url"] == cite["url"]  # a PDF opens at its page
    assert cite["cell_url"] == report_view_url(cite["report"], "三", cite["row"], cite["column"])
    assert body["status"] == "ok"
    four = _ask(real_client, "红旗区财政局2023年行政诉讼有几件？")["citations"][0]
    assert four["row_path"][0] == "行政诉讼" and len(four["cells"]) == 5
    assert four["view_url"].startswith(f"/reports/{source_url(HONGQI).split('/')[3]}/source?line=")


def test_api_with_an_agency_keeps_to_it(real_client: TestClient) -> None:
    for question in ("淮安市洪泽区人民政府2024年收到多少申请？", "北京市海淀区教育局收到多少申请？",
                     "2024年收到多少申请？"):
        body = _ask(real_client, question, agency="新乡市红旗区财政局", year=2023)
        assert body["answered"] is False and body["status"] == "outside_scope", question
        assert "本窗口只回答新乡市红旗区财政局2023年的年报问题" in body["answer"]
        assert body["answer"].startswith(("问题问的是", "本窗口"))  # what left the scope, as read
        assert body["citations"] == [] and body["figures"] == []
    short = _ask(real_client, "收到了多少政府信息公开申请？", agency="红旗区财政局")  # a short name pins too
    assert short["answered"] is True and "3" in short["answer"]
    other = _ask(real_client, "淮安市洪泽区人民政府2024年收到多少申请？", agency="红旗区财政局")
    assert other["status"] == "outside_scope" and "95" not in other["answer"]
    free = _ask(real_client, "淮安市洪泽区人民政府2024年收到多少申请？")  # no pin: anything
    assert free["answered"] is True and "95" in free["answer"]


def test_report_view_highlights_the_cited_cell(real_client: TestClient) -> None:
    url = report_view_url(HONGQI, "三", "unable.needs_creation", "total")
    r = real_client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    cited = re.findall(r'<td id="([^"]+)" class="num cited"[^>]*>([^<]*)</td>', r.text)
    assert cited == [("c-3-unable.needs_creation-total", "2")]
    assert r.text.count("cited-row") == 6  # the row's other cells, to read across
    assert "引用的那一格（黄色框）：表三 · 2.没有现成信息需要另行制作 · 总计 ＝ 2" in r.text
    assert url.endswith("#c-3-unable.needs_creation-total")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "<script" not in r.text
    missing = real_client.get("/reports/2099-没有这个机关")
    assert missing.status_code == 404 and "2099-没有这个机关" in missing.text and "没有" in missing.text


def test_source_view_of_a_text_report_marks_the_cited_line(real_client: TestClient) -> None:
    cite = _ask(real_client, "红旗区财政局2023年有多少申请因为没有现成信息需要另行制作无法提供？")["citations"]
    view = next(c for c in cite if c["value"])["view_url"]
    line = int(re.search(r"line=(\d+)", view).group(1))  # type: ignore[union-attr]
    r = real_client.get(view)
    assert r.status_code == 200
    assert "sandbox" in r.headers["content-security-policy"]
    row = re.search(rf'<tr id="L{line}" class="hl">(.*?)</tr>', r.text)
    assert row and '<mark id="cited">' in row.group(1) and "没有现成信息需要另行制作" in unquote(row.group(1))
    assert r.text.count('id="cited"') == 1
    assert re.findall(r'<a href="#L(\d+)">\1</a>', r.text)[:3]  # numbered lines


def test_source_view_of_an_html_report_is_text_only(fake: FakeAssistant, fake_client: TestClient,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    fake.sources[HONGQI] = path
    r = fake_client.get(f"/reports/{HONGQI}/source?line=3&mark=全年收到申请")
    assert r.status_code == 200, r.text
    page = r.text
    for tag in ("<script", "<img", "<iframe", "<link rel=\"stylesheet\" href=\"https", "onload=",
                "onerror=", "javascript:", "evil.example", "<b>"):
        assert tag not in page, tag
    assert "全年收到申请" in page and "一、本年新收政府信息公开申请数量" in page
    assert '<mark id="cited">全年收到申请</mark>' in page
    csp = r.headers["content-security-policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_source_view_without_a_kept_file_says_so(fake_client: TestClient) -> None:
    r = fake_client.get(f"/reports/{HONGQI}/source?line=3")
    assert r.status_code == 404 and "原文" in r.text and r.headers["content-type"].startswith("text/html")


def test_widget_launcher_script_is_served_with_its_stylesheet(fake_client: TestClient) -> None:
    r = fake_client.get("/widget.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert "年报问答" in r.text and "/widget/" in r.text and "/ui-static/launcher.css" in r.text
    code = re.sub(r"/\*.*?\*/|\s// [^\n]*", "", r.text, flags=re.DOTALL)  # without comments
    assert "http://" not in code and "https://" not in code  # everything from our own origin
    css = fake_client.get("/ui-static/launcher.css")
    assert css.status_code == 200 and ".gdw-button" in css.text


def test_pages_load_our_own_stylesheet_and_script(fake_client: TestClient) -> None:
    config = fake_client.get("/config").json()
    head = config.get("head") or ""
    assert re.search(r'/ui-static/app\.css\?v=[0-9a-f]{10}', head)
    assert re.search(r'<script src="/ui-static/chat\.js\?v=[0-9a-f]{10}" defer>', head)
    asset = re.search(r'/ui-static/chat\.js\?v=[0-9a-f]{10}', head).group(0)  # type: ignore[union-attr]
    assert fake_client.get(asset).status_code == 200


def test_source_view_of_a_pdf_is_the_browsers_viewer_at_the_page(real_client: TestClient) -> None:
    r = real_client.get("/reports/2024-淮安市洪泽区人民政府/source?page=3", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == source_url("2024-淮安市洪泽区人民政府", 3)
