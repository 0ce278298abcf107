"""Feedback: one answer rated in one tab is one record (the latest rating, the latest
comment), withdrawing hides it, and staff see local time in the configured zone."""

from __future__ import annotations

from pathlib import Path

from ui.web.feedback import Feedback, FeedbackLog, local_time


def test_a_rating_then_a_comment_on_the_same_answer_is_one_record(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path)
    log.add(Feedback(rating="down", question="问一", answer="答一", key="tab1:0:问一"))
    log.add(Feedback(rating="down", question="问一", answer="答一", comment="数字不对", key="tab1:0:问一"))
    log.add(Feedback(rating="up", question="问一", answer="答一", key="tab1:0:问一"))  # changed mind
    log.add(Feedback(rating="up", question="问二", answer="答二", key="tab1:1:问二"))
    log.add(Feedback(rating="down", question="问一", answer="答一", key="tab2:0:问一"))  # another reader
    records = log.read()
    assert [(r["question"], r["rating"], r["comment"]) for r in records] == [
        ("问一", "down", ""), ("问二", "up", ""), ("问一", "up", "数字不对")]
    assert len(log.path.read_text(encoding="utf-8").splitlines()) == 5  # the file only grows


def test_a_withdrawn_rating_is_not_shown(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path)
    log.add(Feedback(rating="up", question="问", answer="答", key="t:0:问"))
    log.add(Feedback(rating="down", question="旧记录没有 key", answer="答"))
    log.withdraw("t:0:问")
    assert [r["question"] for r in log.read()] == ["旧记录没有 key"]


def test_times_are_shown_in_the_configured_zone() -> None:
    assert local_time("2026-03-01T16:30:00+00:00", "Asia/Shanghai") == "2026-03-02 00:30"
    assert local_time("2026-03-01T16:30:00+00:00", "Asia/Urumqi") == "2026-03-01 22:30"
    assert local_time("2026-03-01T16:30:00", "Asia/Shanghai") == "2026-03-02 00:30"  # naive = UTC
    assert local_time("2026-03-01T16:30:00+00:00", "Not/AZone") == "2026-03-02 00:30"  # UTC+8
    assert local_time("不是时间", "Asia/Shanghai") == "不是时间"
