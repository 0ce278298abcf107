"""The offline composer (over the expected facts) and the grounding guard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant import guard
from assistant.assistant import Assistant
from assistant.draft import Draft
from assistant.models import Citation, Scope


def _cited(answer: object, row: str, column: str = "total") -> bool:
    return any(c.row == row and c.column == column for c in answer.citations)  # type: ignore[attr-defined]


def test_refusal_words_mean_denied_and_name_the_other_endings(assistant: Assistant) -> None:
    a = assistant.ask("红旗区财政局23年被拒了多少次")
    assert a.answered and "不予公开" in a.text and "0 件" in a.text
    assert "无法提供" in a.text and "2 件" in a.text and "不予处理" in a.text
    assert all(_cited(a, f"denied.{k}") for k in ("state_secret", "inquiry_matter"))
    assert _cited(a, "unable.needs_creation")
    assert guard.check_text(a.text, Draft(a.text, True, a.citations, a.figures)).ok


def test_group_total_is_added_up_and_says_so(assistant: Assistant) -> None:
    a = assistant.ask("上海市政府办公厅2025年不予公开的一共多少件")
    assert "20 件" in a.text and "各小项相加" in a.text
    assert sum(1 for c in a.citations if (c.row or "").startswith("denied.")) == 8
    assert any(f.status == "computed" and f.value == 20 for f in a.figures)


def test_blank_total_is_derived_from_printed_cells(assistant: Assistant) -> None:
    a = assistant.ask("上海市政府办公厅2019年予以公开了多少件")
    assert "272 件" in a.text and "总计栏空白" in a.text
    assert {c.column for c in a.citations if c.row == "granted"} >= {
        "natural_person", "commercial", "legal_service", "other_org"}


def test_comparison_shows_every_input(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年收到的信息公开申请比2023年多了多少")
    assert a.intent == "compare"
    assert "95" in a.text and "21" in a.text and "74" in a.text
    assert {c.year for c in a.citations} == {2023, 2024}
    assert a.series and a.series[0].values == (95.0, 21.0)


def test_trend_over_indexed_years(assistant: Assistant) -> None:
    a = assistant.ask("平潭历年收到的申请数量变化")
    assert a.intent == "trend" and "23" in a.text and "70" in a.text
    assert a.series[0].labels == ("2019", "2021")


def test_ranking_across_agencies(assistant: Assistant) -> None:
    a = assistant.ask("哪个单位收到的申请最多", today=date(2026, 3, 1))
    assert a.intent == "ranking" and a.answered
    assert a.text.index("上海市人民政府办公厅") < a.text.index("新乡市红旗区财政局")


def test_failed_check_is_reported_with_both_figures(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2023年行政复议一共几件？")
    assert "10 件" in a.text and "11 件" in a.text and "不一致" in a.text
    assert a.warnings


def test_prose_contradiction_cites_both(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年依申请公开到底受理了多少件？")
    assert "95" in a.text and "17" in a.text and "不一致" in a.text
    assert any(c.table is None and "17" in c.quote for c in a.citations)


def test_prose_question_quotes_the_report(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年信息公开工作存在哪些问题")
    assert a.answered and "研判能力不足" in a.text
    assert a.citations[0].table is None and a.citations[0].quote in a.text


def test_year_not_indexed_lists_the_indexed_years(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区去年收到多少信息公开申请", today=date(2026, 2, 1))
    assert not a.answered and "2025年" in a.text and "2023年、2024年" in a.text


def test_unknown_agency_lists_agencies(assistant: Assistant) -> None:
    a = assistant.ask("北京市海淀区人民政府2023年收到多少政府信息公开申请")
    assert not a.answered and "平潭综合实验区" in a.text and a.options


def test_a_city_alone_means_the_city_government(assistant: Assistant) -> None:
    a = assistant.ask("上海2025年收到多少申请")  # not the 科委 beneath it
    assert a.answered and {c.agency for c in a.citations} == {"上海市人民政府办公厅"}


def test_topic_not_covered_is_said_plainly(assistant: Assistant) -> None:
    a = assistant.ask("上海市科委2024年三公经费花了多少")
    assert not a.answered and "没有找到" in a.text and not guard.numbers_in(a.text)


def test_define_a_template_term(assistant: Assistant) -> None:
    a = assistant.ask("不予公开是什么意思")
    assert a.intent == "define" and "属于国家秘密" in a.text


def test_pinned_scope_and_self_reference(assistant: Assistant) -> None:
    a = assistant.ask("本局有没有被行政复议", scope=Scope("上海市科委", 2024))
    assert a.answered and a.citations[0].agency == "上海市科委"


def test_json_shape(assistant: Assistant) -> None:
    data = assistant.ask("红旗区财政局2023年收到了多少政府信息公开申请？").to_json()
    assert {"answer", "answered", "citations", "figures"} <= set(data)
    assert set(data["citations"][0]) >= {"n", "report", "agency", "year", "section", "table",
                                         "row", "column", "value", "quote", "source"}
    assert set(data["figures"][0]) >= {"value", "table", "row", "column", "status"}


# ---- the guard ---------------------------------------------------------------------------

def _draft(text: str, *values: int) -> Draft:
    cites = tuple(Citation(n=i + 1, report="r", agency="a", year=2023, section="s", value=v)
                  for i, v in enumerate(values))
    return Draft(text, True, cites)


def test_guard_accepts_cited_numbers_years_markers_and_numbering() -> None:
    d = _draft("2023年，某局收到申请 3 件[1]，其中：1. 商业企业 3 件[1]。2022—2023年[2]", 3, 0)
    assert guard.check(d).ok


def test_guard_rejects_an_invented_number() -> None:
    result = guard.check(_draft("2023年，某局收到申请 4 件[1]。", 3))
    assert not result.ok and result.unsupported == ("4",)


def test_guard_rejects_a_marker_without_citation() -> None:
    assert not guard.check(_draft("收到申请 3 件[2]。", 3)).ok


def test_guard_accepts_shown_computations_and_quoted_numbers() -> None:
    cite = Citation(n=1, report="r", agency="a", year=2023, section="一", quote="发布微课堂 32 期")
    d = Draft("两年相差 74 件（95 − 21 = 74）[2][3]；“发布微课堂 32 期”[1]", True,
              (cite, *_draft("", 95, 21).citations[:0],
               Citation(n=2, report="r", agency="a", year=2024, section="三", value=95),
               Citation(n=3, report="r", agency="a", year=2023, section="三", value=21)),
              computed=(Decimal(74),))
    assert guard.check(d).ok


def test_guard_numbers_ignore_years_and_markers() -> None:
    assert guard.numbers_in("2024年比2023年增加 74 件[1–3]") == ["74"]
    assert guard.numbers_in("收费 7730.28 万元") == ["7730.28"]
    # English answers name a report by its year; a count that looks like a year stays a figure
    assert guard.numbers_in("Only the 2021 and 2022 reports are held; 2019 annual report: 7") == ["7"]
    assert guard.numbers_in("it received 2024 requests") == ["2024"]


def test_a_strict_pin_says_how_a_relative_year_was_read(assistant: Assistant) -> None:
    from datetime import date

    from assistant.models import Scope

    pin = Scope("淮安市洪泽区人民政府", 2024, strict=True)
    later = assistant.ask("今年一共收到了几份申请", scope=pin, today=date(2026, 12, 4))
    assert later.text.startswith("“今年”按2026年理解。本窗口只回答淮安市洪泽区人民政府2024年")
    other = assistant.ask("平潭2021年收到多少申请", scope=pin)
    assert other.text.startswith("问题问的是平潭综合实验区") and not other.answered
