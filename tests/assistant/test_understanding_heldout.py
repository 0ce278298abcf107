"""Understanding rules hardened on the held-out question set (no model, no library)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.conversation import resolve
from assistant.models import Turn
from assistant.understanding import AgencyResolver, parse_metric, parse_years, understand
from assistant.understanding.intent import BREAKDOWN, FIGURE, residual_terms
from assistant.understanding.metric import Cell

YT, NH, WH = "湘潭市岳塘区人力资源和社会保障局", "佛山市南海区教育局", "成都市武侯区卫生健康局"
XW, SH, HZ = "南京市玄武区民政局", "上海市人民政府办公厅", "淮安市洪泽区人民政府"
AGENCIES = {YT: ("区人社局",), NH: ("南海区教育局",), WH: ("武侯区卫生健康局",),
            XW: ("玄武区民政局",), SH: ("上海市府办", "上海市政府办公厅"),
            HZ: ("洪泽区人民政府", "洪泽区政府", "洪泽区"), "上海市科委": ("上海科委", "市科委")}
TODAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def names() -> AgencyResolver:
    return AgencyResolver.of(list(AGENCIES.items()))


@pytest.mark.parametrize(("text", "agency"), [
    ("岳塘人社局22年", YT), ("岳唐人社局", YT), ("湘谭岳塘人社局", YT), ("岳塘区人力社保局", YT),
    ("武侯卫健局", WH), ("武候卫健局", WH), ("武侯区卫生局", WH), ("南海教育局", NH),
    ("玄武民政", XW), ("玄武明政局", XW), ("悬武区民政局", XW), ("上海那个市府办", SH),
    ("江苏省淮安市洪泽区人民政府", HZ),
])
def test_short_forms_and_typos(names: AgencyResolver, text: str, agency: str) -> None:
    assert names.find(text).agency == agency


@pytest.mark.parametrize("text", ["武侯区教育局2024年收到多少", "南海区卫健局2023年", "岳塘区教育局",
                                  "北京市朝阳区人社局"])
def test_place_or_office_of_another_agency_is_unknown(names: AgencyResolver, text: str) -> None:
    match = names.find(text)
    assert match.agency is None and match.unknown


@pytest.mark.parametrize(("text", "agency"), [
    ("“南海家长课堂”办了几期", None), ("「玄武微课·第三季」上线了多少节", None),
    ("“印象洪泽区”栏目更新了几期", None),  # 洪泽区: also the short name of its government
    ("“武侯”2023年收到几件申请", None),  # a quote that is just the place: still the place
    ("《洪泽区2023年政府信息公开工作年度报告》里收到多少申请", HZ),
    ("“洪泽区”2023年收到几件申请", HZ), ("“岳塘人社局”的申请有多少", YT),
])
def test_a_place_inside_a_quoted_name_is_no_agency(names: AgencyResolver, text: str,
                                                   agency: str | None) -> None:
    match = names.find(text)
    assert match.agency == agency
    if agency is None and "武侯" not in text:
        assert not match.unknown and not match.candidates


@pytest.mark.parametrize(("text", "row", "column"), [
    ("拒了几个申请", "denied", ""), ("有多少人来要信息", "new_received", ""),
    ("的申请都是哪些人提的", "new_received", ""), ("到底有多少人来申请公开信息", "new_received", ""),
    ("因为没交钱不再处理的申请有几件", "other.unpaid_fee", ""),
])
def test_citizen_words(text: str, row: str, column: str) -> None:
    spec = parse_metric(text)
    assert spec.cells[0].row == row and spec.column == column and not spec.topic


@pytest.mark.parametrize("text", ["补正后申请内容仍不明确的有几件", "规范性文件对外公开总数量",
                                  "其他对外管理服务事项处理决定多少"])
def test_template_labels_leave_no_prose_terms(text: str) -> None:
    assert residual_terms(text, parse_metric(text)) == ""


def test_several_applicant_types_ask_for_a_breakdown(names: AgencyResolver) -> None:
    q = understand("武侯卫健局2024年收到的申请里面，个人和企业各多少", names, TODAY)
    assert q.intent == BREAKDOWN and q.cells == (Cell("三", "new_received"),) and not q.column
    assert understand("武侯卫健局2024年企业申请了几件", names, TODAY).intent == FIGURE


@pytest.mark.parametrize(("text", "years"), [
    ("这两年收到多少申请", (2023, 2024)), ("这三年", (2022, 2023, 2024)), ("近三个年度", (2022, 2023, 2024)),
])
def test_this_many_years(text: str, years: tuple[int, ...]) -> None:
    assert parse_years(text, date(2025, 3, 1)).years == years


@pytest.mark.parametrize(("question", "year"), [("上一年呢？", 2023), ("那前一年呢", 2023),
                                                 ("后一年呢", 2025), ("上年结转呢", 2024)])
def test_followup_steps_from_the_year_talked_about(names: AgencyResolver, question: str,
                                                    year: int) -> None:
    history = [Turn("user", "洪泽区2024年收到多少申请"), Turn("assistant", "95件。")]
    q = resolve(question, history, names, TODAY)
    assert q.agency == HZ and q.years == (year,)


def test_english_short_names_of_bureaus() -> None:
    """「housing bureau」 for 住房和城乡建设局, 「human resources bureau」 for 人社局 (derived
    from the offices' English names, not listed one by one)."""
    from assistant.understanding.english import translate

    built = "青禾市白石区住房和城乡建设局"
    names = AgencyResolver.of([(built, ()), (YT, ())])
    for question, agency in (("What did Baishi housing bureau refuse in 2024?", built),
                             ("Yuetang human resources bureau requests in 2022", YT)):
        text = translate(question, names.index).text
        assert names.find(text).agency == agency, text
