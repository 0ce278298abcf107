"""Composer: term definitions, multi-year gaps, table rows kept out of prose, several asks
in one message."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from assistant import clauses, glossary, guard, prose
from assistant.assistant import Assistant
from assistant.draft import Draft
from assistant.models import Citation, Figure, Scope
from index.models import Location, Paragraph, Report, Section
from index.template import GROUP_ITEMS, GROUPS, TABLE2_ROWS_2021, TABLE4_GROUPS
from tests.assistant.memory_library import MemoryLibrary

TODAY = date(2026, 3, 1)


def _grounded(a: object) -> bool:
    d = Draft(a.text, True, a.citations, a.figures,  # type: ignore[attr-defined]
              computed=tuple(f.value for f in a.figures if f.status == "computed"))  # type: ignore[attr-defined]
    return guard.check(d).ok


def _markers_resolve(a: object) -> bool:
    known = {c.n for c in a.citations}  # type: ignore[attr-defined]
    return set(guard.markers_in(a.text)) <= known and sorted(known) == list(range(1, len(known) + 1))  # type: ignore[attr-defined]


# ---- 1. definitions -----------------------------------------------------------------------

def test_glossary_covers_every_template_row_without_arabic_digits() -> None:
    rows = [*GROUPS, *(f"{g}.{k}" for g, items in GROUP_ITEMS.items() for k, _ in items),
            "new_received", "carried_over", "granted", "partially_granted", "total_handled",
            "carried_forward"]
    assert all(glossary.definition("三", r) for r in rows)
    assert all(glossary.definition("四", r) for r, _ in TABLE4_GROUPS)
    assert all(glossary.definition("二", r.key) for r in TABLE2_ROWS_2021)
    assert not any(re.search(r"\d", t) for t in glossary.all_texts())


def test_process_info_is_defined_with_its_article(assistant: Assistant) -> None:
    a = assistant.ask("什么是过程性信息？")
    assert a.answered and a.intent == "define"
    assert "讨论记录" in a.text and "请示报告" in a.text and "第十六条第二款" in a.text
    assert "并非摘自某份年度报告" in a.text and not a.citations and _grounded(a)


def test_three_securities_one_stability(assistant: Assistant) -> None:
    a = assistant.ask("三安全一稳定指什么")
    assert "国家安全、公共安全、经济安全和社会稳定" in a.text and "第十四条" in a.text


def test_not_processed_group_is_defined_with_its_items(assistant: Assistant) -> None:
    a = assistant.ask("不予处理是什么意思")
    assert "信访" in a.text and "重复申请" in a.text and "各小项相加" in a.text
    assert "是年报" not in a.text.split("。")[0]


def test_table2_and_column_terms(assistant: Assistant) -> None:
    assert "红头文件" in assistant.ask("行政规范性文件是什么意思").text
    assert "转到本年度继续办理" in assistant.ask("上年结转是什么意思").text
    a = assistant.ask("自然人是什么意思")
    assert a.intent == "define" and "个人" in a.text


def test_definition_with_a_pinned_scope_gives_the_cited_figure(assistant: Assistant) -> None:
    a = assistant.ask("什么是过程性信息？有几件", scope=Scope("沭阳县人民政府", 2025))
    assert "讨论记录" in a.text and "2 件[1]" in a.text
    assert [(c.row, c.column, c.value) for c in a.citations] == [("denied.process_info", "total", 2)]
    assert a.text.count("2 件") == 1 and _grounded(a)  # the follow-up clause adds nothing


def test_definition_asking_a_count_without_agency_asks_for_one(assistant: Assistant) -> None:
    a = assistant.ask("过程性信息是什么意思，有几件")
    assert a.answered and "请告诉我单位名称和年份" in a.text and not a.citations


def test_definition_for_a_year_not_indexed_says_so(assistant: Assistant) -> None:
    a = assistant.ask("沭阳县人民政府2019年的过程性信息是什么意思")
    assert "讨论记录" in a.text and "没有沭阳县人民政府2019年" in a.text and _grounded(a)


# ---- 2. multi-year questions with missing years -------------------------------------------

def test_recent_years_with_one_indexed_year_says_which_are_missing(assistant: Assistant) -> None:
    a = assistant.ask("上海市科委近三年收到多少申请", today=TODAY)
    assert a.answered
    assert "2023年、2025年的报告未收录" in a.text and "已收录的是2024年" in a.text
    assert any(c.year == 2024 and c.row == "new_received" for c in a.citations) and _grounded(a)


def test_trend_over_two_indexed_years_names_the_missing_one(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区近三年收到的申请怎么变化", today=TODAY)
    assert "2025年的报告未收录" in a.text and "已收录的是2023年、2024年" in a.text


# ---- 3. table rows are not prose sentences ------------------------------------------------

def test_table_rows_are_recognised() -> None:
    for row in ("一、本年新收政府信息公开申请数量 0 3 0 0 0 0 3", "行政规范性文件 3 0 11",
                "（一）予以公开 5", "规章\t0\t0\t2", "| 行政许可 | 12 |"):
        assert prose.table_row(row), row
    for sentence in ("全年受理政府信息公开申请 17 件", "2023年，共收到申请 3 件，均已办结。",
                     "（一）主动公开"):
        assert not prose.table_row(sentence), sentence


def _with_text(report: Report, text: str) -> Report:
    section = Section("一", "总体情况", 1, (Paragraph(text, Location(line=3)),))
    return replace(report, sections=(section,))


def test_search_quotes_sentences_not_flattened_rows() -> None:
    report = MemoryLibrary.of().items
    base = next(r for r in report.values() if r.agency == "上海市科委")
    text = ("一、本年新收政府信息公开申请数量 0 3 0 0 0 0 3\n"
            "本年新收政府信息公开申请数量为3件，均已按期答复。\n"
            "规章\t0\t0\t2")
    r = _with_text(base, text)
    found = [s.text for s in prose.sentences(r)]
    assert found == ["本年新收政府信息公开申请数量为3件，均已按期答复。"]
    hits = prose.search([r], "本年新收政府信息公开申请数量", k=2)
    assert [h.text for h in hits] == found


# ---- 4. several asks in one message -------------------------------------------------------

def test_split_into_question_clauses() -> None:
    assert clauses.split("沭阳县政府2025年收到多少申请？企业有多少？") == [
        "沭阳县政府2025年收到多少申请？", "企业有多少？"]
    assert clauses.split("洪泽区2024年；收到多少申请？") == ["洪泽区2024年；收到多少申请？"]
    assert clauses.split("红旗区财政局2023年收到多少申请") == ["红旗区财政局2023年收到多少申请"]


def test_renumbering_merges_citations() -> None:
    c = Citation(1, "r", "A", 2025, "三", "三", "new_received", "total", 7)
    d = Citation(2, "r", "A", 2025, "三", "三", "granted", "total", 3)
    first = Draft("收到 7 件[1]。", True, (c,), (Figure(7, "三", "new_received", "total", citation=1),))
    second = Draft("公开 3 件[1]，收到 7 件[2]。", True, (replace(d, n=1), replace(c, n=2)))
    merged = clauses.merge([first, second])
    assert merged.text == "收到 7 件[1]。\n公开 3 件[2]，收到 7 件[1]。"
    assert [(x.n, x.row) for x in merged.citations] == [(1, "new_received"), (2, "granted")]
    assert clauses.renumber("见[1–3]", {1: 4, 2: 5, 3: 6}) == "见[4–6]"


def test_two_asks_are_both_answered(assistant: Assistant) -> None:
    a = assistant.ask("沭阳县政府2025年收到多少申请？企业有多少？")
    assert a.answered and "713 件" in a.text and "商业企业" in a.text and "3 件" in a.text
    cells = {(c.row, c.column) for c in a.citations}
    assert ("new_received", "total") in cells and ("new_received", "commercial") in cells
    assert _markers_resolve(a) and _grounded(a)
    assert a.meta["clauses"] == ["沭阳县政府2025年收到多少申请？", "企业有多少？"]
    assert a.meta["guard_violations"] == 0


def test_three_asks_share_one_numbering(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年收到多少申请？拒绝了几件？不予公开是什么意思？")
    assert "95 件" in a.text and "3 件" in a.text and "说明理由" in a.text
    assert _markers_resolve(a) and _grounded(a)
    keys = [(c.report, c.row, c.column) for c in a.citations]
    assert len(keys) == len(set(keys))  # a cell cited by two clauses keeps one number


def test_one_ask_is_unchanged(assistant: Assistant) -> None:
    a = assistant.ask("沭阳县政府2025年收到多少申请")
    assert "clauses" not in a.meta and "713 件[1]" in a.text


def test_a_later_clause_naming_only_agency_and_year_asks_the_same_figure(assistant: Assistant) -> None:
    a = assistant.ask("什么是过程性信息？沭阳县2025年有几件")
    assert "讨论记录" in a.text and "2 件[1]" in a.text
    assert [(c.agency, c.row) for c in a.citations] == [("沭阳县人民政府", "denied.process_info")]
