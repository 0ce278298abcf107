"""Each failure class of the understanding issue, in new words (not the eval sets' phrasings).

Every case is asked of the assistant over the expected facts (fast, no model); an answer must
state the figure of the right cell — or say plainly it cannot, stating no figure at all.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.assistant import Assistant
from assistant.models import Answer, Scope, Turn

HONGZE, SY_GOV, SY_DRC = "淮安市洪泽区人民政府", "沭阳县人民政府", "沭阳县发展和改革局"
SH_OFFICE, SH_STCSM, HONGQI, PT = "上海市人民政府办公厅", "上海市科委", "新乡市红旗区财政局", "平潭综合实验区"


def cited(a: Answer) -> set[tuple[str, int, str | None, str | None]]:
    return {(c.agency, c.year, c.row, c.column) for c in a.citations}


def rows(a: Answer) -> set[str]:
    return {c.row for c in a.citations if c.row}


def no_figure(a: Answer) -> bool:
    return not a.answered and not a.figures


# ---- a figure that is not understood never falls back to 本年新收 ---------------------------

@pytest.mark.parametrize("question", [
    "洪泽区2024年有多少申请人是女性",                 # gender
    "沭阳县2025年信息公开答复平均要等几天",            # time taken
    "上海市府办2025年申请的人里有几个是外省的",        # residence
    "平潭2021年信息公开的群众满意度是多少",            # satisfaction
    "红旗区财政局2023年申请公开的都是哪几家公司",      # names
    "洪泽区2023年有几件申请是邮寄过来的",              # channel
    "沭阳县2025年哪个月收到的申请最多",                # months
    "洪泽区2024年收了多少拆迁补偿款",                  # something else entirely
])
def test_unrecorded_or_unknown_figure_is_not_answered(assistant: Assistant, question: str) -> None:
    a = assistant.ask(question)
    assert no_figure(a), a.text
    assert "new_received" not in rows(a)


def test_unrecorded_offers_the_closest_figures(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2024年答复一件申请平均用几天")
    assert no_figure(a) and a.options and all("洪泽区" in o for o in a.options)


@pytest.mark.parametrize(("question", "row"), [
    ("洪泽区2024年有多少申请最后啥也没拿到", "denied.state_secret"),     # denied items cited
    ("沭阳县2025年有几件是机关手里压根没有这个信息的", "unable.not_held"),
    ("上海市府办2025年申请人没按时交钱被终止的有几件", "other.unpaid_fee"),
    ("平潭2021年有多少申请是打码删掉一部分才给的", "partially_granted"),
    ("沭阳县2025年几件申请是同一件事重复来要的", "not_processed.duplicate"),
])
def test_colloquial_words_name_the_cell(assistant: Assistant, question: str, row: str) -> None:
    a = assistant.ask(question)
    assert a.answered and row in rows(a), a.text


# ---- the agency is found inside the sentence, in any form -------------------------------------

@pytest.mark.parametrize(("question", "agency"), [
    ("我想打听一下往洪泽区政府那边递交的申请2024年一共多少", HONGZE),
    ("之前那会儿沭阳发改局2023年有没有人申请复议", SY_DRC),
    ("二〇二四年度洪泽区行政处罚决定有几件", HONGZE),
    ("洪澤區2023年複議的案子有幾件", HONGZE),
    ("沭\u200b阳县2025年收到多少申请", SY_GOV),                      # a zero-width character
    ("洪泽区２０２４年不予公开的有几件", HONGZE),                      # full-width digits
    ("红旗区财政局二三年有没有人申请信息公开", HONGQI),
])
def test_agency_inside_the_question(assistant: Assistant, question: str, agency: str) -> None:
    a = assistant.ask(question)
    assert a.answered and {c.agency for c in a.citations} == {agency}, a.text


def test_a_typo_by_sound_is_read_and_said(assistant: Assistant) -> None:
    a = assistant.ask("洪责区2024年行政强制决定几件")  # 责 (zé) for 泽 (zé)
    assert a.answered and "理解" in a.text and {c.agency for c in a.citations} == {HONGZE}


def test_a_lookalike_typo_is_asked_back(assistant: Assistant) -> None:
    a = assistant.ask("泗阳县2025年收到多少申请")  # a real county, one character off 沭阳
    assert no_figure(a)


def test_year_in_two_chinese_digits(assistant: Assistant) -> None:
    a = assistant.ask("平潭一九年予以公开几件")
    assert a.answered and {c.year for c in a.citations} == {2019}


# ---- template words never name an agency; a pinned scope wins ------------------------------

def test_template_words_do_not_beat_the_pin(assistant: Assistant) -> None:
    a = assistant.ask("本年新收政府信息公开申请多少件", scope=Scope(agency=SY_DRC, year=2023))
    assert a.answered and {c.agency for c in a.citations} == {SY_DRC}


# ---- place hierarchy: a city is the city government ---------------------------------------

def test_a_city_is_its_own_government(assistant: Assistant) -> None:
    a = assistant.ask("上海市2019年收到几件申请")
    assert a.answered and {c.agency for c in a.citations} == {SH_OFFICE}


@pytest.mark.parametrize("question", ["淮安市2023年受理申请多少件", "新乡市财政局2023年不予公开几件",
                                      "北京市朝阳区财政局2023年收到几件申请"])
def test_a_body_of_another_place_is_not_in_the_library(assistant: Assistant, question: str) -> None:
    assert no_figure(assistant.ask(question))


# ---- compositions -------------------------------------------------------------------------------

def test_sum_of_two_rows(assistant: Assistant) -> None:
    a = assistant.ask("沭阳县2025年予以公开连同部分公开一共多少件")
    assert "294 + 101 = 395" in a.text


@pytest.mark.parametrize("question", [
    "沭阳县2025年公开加部分公开总共几件", "沭阳县2025年部分公开与公开的申请合计多少",
])
def test_bare_word_disclosed_beside_partly_disclosed_is_granted(assistant: Assistant,
                                                                question: str) -> None:
    text = assistant.ask(question).text
    assert "294 + 101 = 395" in text or "101 + 294 = 395" in text


@pytest.mark.parametrize("question", [
    "沭阳县2025年部分公开的和中途放弃的加起来有几件",
    "洪泽区2024年行政复议跟上门咨询的人次合计多少",
    "上海市府办2025年不予公开以及线上提交的一共多少",
])
def test_a_sum_with_a_part_not_understood_states_no_figure(assistant: Assistant,
                                                           question: str) -> None:
    """Never one figure presented as the total of several."""
    a = assistant.ask(question)
    assert no_figure(a) and a.options
    assert not re.search(r"\d+\s*(?:件|起)", a.text.split("您可以改问")[0])


def test_sum_of_reconsideration_and_litigation(assistant: Assistant) -> None:
    a = assistant.ask("沭阳县政府2025年被复议、被起诉的总共有几起")
    assert "61 + 13 = 74" in a.text


def test_difference_between_relative_years(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区行政强制决定，前年比去年多出多少", today=date(2025, 6, 1))
    assert {2023, 2024} <= {c.year for c in a.citations} and "111" in a.text  # 195 − 84


def test_sum_across_years(assistant: Assistant) -> None:
    a = assistant.ask("洪泽区2023、2024这两年加起来收到多少申请")
    assert "21 + 95 = 116" in a.text


def test_share_with_its_inputs(assistant: Assistant) -> None:
    a = assistant.ask("平潭2021年不予公开的在办结的申请里占百分之几")
    assert a.intent == "share" and "%" in a.text and "÷" in a.text


def test_all_granted_yes_no(assistant: Assistant) -> None:
    a = assistant.ask("红旗区财政局2023年的申请是不是全都公开了")
    assert a.text.startswith("没有全部公开") and {"granted", "new_received"} <= rows(a)


# ---- conversation: only follow-ups inherit ----------------------------------------------------

def test_off_topic_after_a_topic_inherits_nothing(assistant: Assistant) -> None:
    history = [Turn("user", "沭阳县2025年收到多少申请"), Turn("assistant", "713 件。")]
    a = assistant.ask("那我自己的那份申请现在到哪一步了", history)
    assert no_figure(a)


def test_weather_after_a_topic_is_not_answered_about_the_agency(assistant: Assistant) -> None:
    history = [Turn("user", "平潭2021年行政诉讼几件"), Turn("assistant", "12 件。")]
    assert no_figure(assistant.ask("平潭明天会下雨吗", history))


def test_elliptical_followup_inherits(assistant: Assistant) -> None:
    history = [Turn("user", "上海市府办2025年不予公开多少件"), Turn("assistant", "20 件。")]
    a = assistant.ask("那2019年的呢", history)
    assert a.answered and {c.year for c in a.citations} == {2019} and "denied.state_secret" in rows(a)


def test_a_new_full_question_resets(assistant: Assistant) -> None:
    history = [Turn("user", "洪泽区2024年不予公开几件"), Turn("assistant", "3 件。")]
    a = assistant.ask("平潭2021年行政复议几件", history)
    assert {c.agency for c in a.citations} == {PT} and rows(a) >= {"reconsideration"}


# ---- English -------------------------------------------------------------------------------------

def test_english_question_gets_an_english_answer(assistant: Assistant) -> None:
    a = assistant.ask("How many disclosure requests were partially granted by Pingtan in 2021?")
    assert a.answered and "partially granted" in a.text and "5" in a.text
    assert {c.agency for c in a.citations} == {PT}


def test_english_unknown_agency(assistant: Assistant) -> None:
    a = assistant.ask("How many requests did the Chengdu city government receive in 2022?")
    assert no_figure(a) and "Chengdu" in a.text


def test_applicant_groups_subtracted_added_and_compared(assistant: Assistant) -> None:
    """One row across the applicant columns named: the computation, each input cited."""
    diff = assistant.ask("上海市府办2025年老百姓提的申请比公司提的多出几件")
    assert "1259 − 36 = 1223" in diff.text
    assert {c.column for c in diff.citations} == {"natural_person", "commercial"}
    total = assistant.ask("上海市府办2025年个人加上企业的申请合起来多少件")
    assert "1259 + 36 = 1295" in total.text
    which = assistant.ask("上海市府办2025年个人和企业谁提的申请更多")
    assert "自然人最多" in which.text and "1259" in which.text


def test_the_basis_note_names_only_a_figure_stated(assistant: Assistant) -> None:
    """「申请的」 named no figure stated (予以公开 is): no note that it means 本年新收."""
    a = assistant.ask("洪泽区2024年老百姓提出的申请给公开了多少")
    assert "50 件" in a.text and "本年新收" not in a.text
    refused = assistant.ask("洪泽区2024年被驳回的申请有几件")
    assert "“被驳回”指“不予公开”" in refused.text


def test_all_disclosed_accounts_for_the_carried_applications(assistant: Assistant) -> None:
    a = assistant.ask("上海市府办2025年收到的申请是不是全都公开了")
    assert a.text.startswith("没有") and "上年结转 189 件" in a.text
    assert "结转下年度继续办理 293 件" in a.text


def test_english_follow_ups_short_bureau_names_and_yes_no(assistant: Assistant) -> None:
    first = assistant.ask("How many disclosure requests did Hongze district government get in 2024?")
    assert "95" in first.text
    history = [Turn("user", "How many disclosure requests did Hongze district government get in 2024?"),
               Turn("assistant", first.text)]
    earlier = assistant.ask("what about the previous year?", history)
    assert earlier.text.startswith("Hongze") and "21 [1]" in earlier.text
    assert {c.year for c in earlier.citations} == {2023}
    bureau = assistant.ask("What did the Hongqi finance bureau turn down in 2023?")
    assert "Hongqi District Finance Bureau" in bureau.text
    lost = assistant.ask("Were any of Hongze's lawsuits lost in 2024?")
    assert lost.text.startswith("No.") and "— total" in lost.text


def test_which_year_had_more_applications(assistant: Assistant) -> None:
    """「哪一年申请多」 names no figure but 申请: the ones received, compared over the years."""
    a = assistant.ask("平潭哪一年的申请最多")
    assert a.intent == "compare" and "70" in a.text and "23" in a.text
    assert {c.year for c in a.citations} == {2019, 2021}


def test_a_span_of_years_says_every_year_it_means(assistant: Assistant) -> None:
    a = assistant.ask("沭阳县人民政府近两年一共收到多少申请", today=date(2026, 12, 4))
    assert no_figure(a) and "近两年指2024年、2025年" in a.text
