"""Follow-up questions resolved against earlier turns."""

from __future__ import annotations

from datetime import date

from assistant.assistant import Assistant
from assistant.conversation import resolve
from assistant.models import Scope, Turn
from assistant.understanding import AgencyResolver

TODAY = date(2026, 3, 1)


def _history(*pairs: str) -> list[Turn]:
    return [Turn("user" if i % 2 == 0 else "assistant", t) for i, t in enumerate(pairs)]


def test_another_year(resolver: AgencyResolver) -> None:
    h = _history("洪泽区2023年收到多少政府信息公开申请？", "……21件……")
    q = resolve("那2024年呢？", h, resolver, TODAY)
    assert (q.agency, q.years, q.cells[0].row, q.followup) == ("淮安市洪泽区人民政府", (2024,), "new_received", True)


def test_another_applicant_column(resolver: AgencyResolver) -> None:
    h = _history("上海市政府办公厅2025年个人申请了多少件？", "……1259件。")
    q = resolve("企业呢？", h, resolver, TODAY)
    assert (q.years, q.cells[0].row, q.column) == ((2025,), "new_received", "commercial")


def test_another_metric_keeps_agency_and_year(resolver: AgencyResolver) -> None:
    h = _history("平潭综合实验区2021年行政复议有几件？", "……3件……")
    q = resolve("行政诉讼呢？", h, resolver, TODAY)
    assert (q.agency, q.years, q.cells[0].row) == ("平潭综合实验区", (2021,), "litigation")


def test_why_not_disclosed(assistant: Assistant) -> None:
    h = _history("红旗区财政局2023年收到多少信息公开申请？", "……3件。")
    a = assistant.ask("为什么没公开？", h)
    assert a.intent == "reasons" and a.answered
    assert "没有现成信息需要另行制作" in a.text and "2 件" in a.text


def test_yes_no_follow_up_on_a_column(assistant: Assistant) -> None:
    h = _history("红旗区财政局2023年收到多少信息公开申请？", "2023年新乡市红旗区财政局本年新收政府信息公开申请3件。")
    a = assistant.ask("都是企业申请的吗？", h)
    assert a.answered and a.text.startswith("是的")
    assert any(c.row == "new_received" and c.column == "commercial" for c in a.citations)


def test_chained_follow_ups(resolver: AgencyResolver) -> None:
    h = _history("洪泽区2023年收到多少申请", "21件", "那2024年呢", "95件")
    q = resolve("企业呢", h, resolver, TODAY)
    assert (q.agency, q.years, q.column) == ("淮安市洪泽区人民政府", (2024,), "commercial")


def test_new_question_is_not_merged(resolver: AgencyResolver) -> None:
    h = _history("洪泽区2023年收到多少申请", "21件")
    q = resolve("上海市科委2024年行政许可有多少", h, resolver, TODAY)
    assert (q.agency, q.years, q.cells[0].row) == ("上海市科委", (2024,), "licensing")


def test_agency_from_assistant_turn(resolver: AgencyResolver) -> None:
    h = _history("2023年收到多少申请", "您问的是淮安市洪泽区人民政府吗？2023年该单位收到21件。")
    q = resolve("那2024年呢", h, resolver, TODAY)
    assert q.agency == "淮安市洪泽区人民政府"


def test_scope_pins_follow_ups(resolver: AgencyResolver) -> None:
    q = resolve("那企业呢", _history("收到多少申请", "…"), resolver, TODAY, Scope("上海市科委", 2024))
    assert (q.agency, q.years, q.column) == ("上海市科委", (2024,), "commercial")


def test_result_column_follow_up(resolver: AgencyResolver) -> None:
    h = _history("沭阳县2025年行政复议多少件", "61件")
    q = resolve("被纠正的有几件", h, resolver, TODAY)
    assert (q.cells[0].row, q.cells[0].column) == ("reconsideration", "corrected")


def test_compare_with_the_year_before(assistant: Assistant) -> None:
    h = _history("平潭2021年收到多少申请", "70件")
    a = assistant.ask("比2019年多多少", h)
    assert a.intent == "compare" and "47" in a.text and {c.year for c in a.citations} == {2019, 2021}


def test_prose_follow_up_keeps_the_topic(assistant: Assistant) -> None:
    h = _history("洪泽区2023年存在哪些问题", "……")
    a = assistant.ask("那2024年呢", h)
    assert a.answered and "研判能力不足" in a.text


def test_a_name_alone_answers_the_question_before(resolver: AgencyResolver) -> None:
    """Choosing an agency (a button, or typing its name after 「您指的是哪一个」) keeps the
    figure and year asked; a name with more words is a question of its own."""
    h = _history("红旗区2023年行政诉讼有几起？", "资料库中没有收录“红旗区人民政府”……收录的相关单位有：新乡市红旗区财政局")
    q = resolve("新乡市红旗区财政局", h, resolver, TODAY)
    assert (q.agency, q.years, q.cells[0].row, q.overview) == ("新乡市红旗区财政局", (2023,), "litigation", False)
    chained = resolve("洪泽区人民政府。", [*h, *_history("新乡市红旗区财政局", "2件")], resolver, TODAY)
    assert (chained.agency, chained.years, chained.cells[0].row) == ("淮安市洪泽区人民政府", (2023,), "litigation")
    own = resolve("新乡市红旗区财政局的年度报告", h, resolver, TODAY)
    assert own.overview and own.years != (2023,)
