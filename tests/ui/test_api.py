"""The HTTP API in-process over the real app, the real assistant and the session corpus."""

from __future__ import annotations

from fastapi.testclient import TestClient

QUESTION = "红旗区财政局2023年收到了多少政府信息公开申请？"


def test_ask_answers_the_figure_with_its_citation(real_client: TestClient) -> None:
    r = real_client.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["answered"] is True and "3" in body["answer"]
    cite = body["citations"][0]
    assert cite["agency"] == "新乡市红旗区财政局" and cite["year"] == 2023
    assert cite["table"] == "三" and cite["row"] == "new_received" and cite["value"] == 3
    assert cite["quote"]
    assert any(f["value"] == 3 and f["citation"] == cite["n"] for f in body["figures"])


def test_ask_uses_the_scope_and_the_history(real_client: TestClient) -> None:
    r = real_client.post("/api/ask", json={"question": "收到了多少政府信息公开申请？",
                                           "agency": "新乡市红旗区财政局", "year": 2023})
    assert r.status_code == 200 and "3" in r.json()["answer"]
    follow = real_client.post("/api/ask", json={
        "question": "其中予以公开的有多少？",
        "history": [{"role": "user", "content": QUESTION},
                    {"role": "assistant", "content": r.json()["answer"]}]})
    assert follow.status_code == 200
    assert "新乡市红旗区财政局" in follow.json()["answer"] or follow.json()["options"]


def test_trend_answer_carries_a_series_for_the_chart(real_client: TestClient) -> None:
    r = real_client.post("/api/ask", json={"question": "洪泽区人民政府2023年到2024年收到的申请有什么变化？"})
    assert r.status_code == 200
    series = r.json()["series"]
    assert series and set(series[0]["labels"]) >= {"2023", "2024"}


def test_reports_and_health(real_client: TestClient) -> None:
    reports = real_client.get("/api/reports").json()["reports"]
    assert len(reports) == 10
    assert {"report_id", "agency", "year", "failed_checks", "warnings"} <= set(reports[0])
    health = real_client.get("/api/health").json()
    assert (health["status"], health["reports"], health["damaged"]) == ("ok", 10, [])
    one = real_client.get(f"/api/reports/{reports[0]['report_id']}")
    assert one.status_code == 200 and one.json()["facts"]


def test_unknown_report_is_a_json_404(real_client: TestClient) -> None:
    r = real_client.get("/api/reports/2099-没有这个机关")
    assert r.status_code == 404
    assert set(r.json()["error"]) >= {"code", "message"}


def test_long_question_is_refused_in_chinese(real_client: TestClient) -> None:
    r = real_client.post("/api/ask", json={"question": "申请" * 400})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "question_too_long" and "最多" in r.json()["error"]["message"]
