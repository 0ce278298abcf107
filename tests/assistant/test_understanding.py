"""Question understanding over many phrasings (beyond the dev question set)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.understanding import AgencyResolver, parse_metric, parse_years, understand
from assistant.facts import default_column
from assistant.understanding.metric import LEGAL_PERSON, LITIGATION, Cell
from tests.assistant.conftest import TODAY

HONGQI, HONGZE = "新乡市红旗区财政局", "淮安市洪泽区人民政府"
SH_OFFICE, SH_STCSM = "上海市人民政府办公厅", "上海市科委"
SY_GOV, SY_DRC, PT = "沭阳县人民政府", "沭阳县发展和改革局", "平潭综合实验区"


@pytest.mark.parametrize(("text", "agency"), [
    ("新乡市红旗区财政局2023年", HONGQI), ("红旗区财政局", HONGQI), ("红旗财政局的", HONGQI),
    ("红旗区财正局罚款", HONGQI), ("红旗区财攻局", HONGQI), ("红旗财政", HONGQI),
    ("洪泽区人民政府", HONGZE), ("洪泽区政府", HONGZE), ("洪泽区", HONGZE), ("洪泽24年", HONGZE),
    ("淮安洪泽", HONGZE), ("上海市人民政府办公厅", SH_OFFICE), ("上海市府办", SH_OFFICE),
    ("上海市政府办公厅", SH_OFFICE), ("上海市政府", SH_OFFICE), ("市政府办公厅", SH_OFFICE),
    ("上海市科委", SH_STCSM), ("市科委", SH_STCSM), ("上海科委", SH_STCSM),
    ("上海市科学技术委员会", SH_STCSM), ("上海科技微信公众号", SH_STCSM),
    ("沭阳县人民政府", SY_GOV), ("沭阳县政府", SY_GOV), ("沭阳县", SY_GOV),
    ("沭阳发改局", SY_DRC), ("沭阳县发改局", SY_DRC), ("沭阳县发展改革局", SY_DRC),
    ("沭阳县发展和改革局", SY_DRC), ("平潭", PT), ("平谭实验区", PT), ("平潭综合实验区管委会", PT),
])
def test_agency_forms(resolver: AgencyResolver, text: str, agency: str) -> None:
    assert resolver.find(text).agency == agency


@pytest.mark.parametrize("text", ["2021年收到多少申请", "政府信息公开申请有几件", "人民政府收到多少",
                                  "北京市海淀区人民政府2023年"])
def test_no_agency(resolver: AgencyResolver, text: str) -> None:
    assert resolver.find(text).agency is None


def test_unknown_agency_is_named(resolver: AgencyResolver) -> None:
    assert resolver.find("北京市海淀区人民政府2023年收到多少").unknown == "北京市海淀区人民政府"


@pytest.mark.parametrize(("text", "unknown"), [
    ("北京市海淀区财政局2023年收到多少申请", "北京市海淀区财政局"),
    ("在南京市财政局申请要钱吗", "南京市财政局"),
])
def test_same_kind_of_agency_elsewhere_is_unknown(resolver: AgencyResolver, text: str,
                                                   unknown: str) -> None:
    match = resolver.find(text)
    assert match.agency is None and match.unknown == unknown


def test_several_agencies_named(resolver: AgencyResolver) -> None:
    assert resolver.find_all("洪泽区和沭阳县2025年谁收到的申请多") == (HONGZE, SY_GOV)
    assert resolver.find_all("沭阳县和洪泽区") == (SY_GOV, HONGZE)


def test_a_bare_city_means_its_government(resolver: AgencyResolver) -> None:
    assert resolver.find("上海2024年收到多少申请").agency == SH_OFFICE  # its 办公厅 reports for it


def test_same_body_in_two_places_asks_back() -> None:
    resolver = AgencyResolver.of([("安平市财政局", ()), ("吉祥市财政局", ())])
    match = resolver.find("财政局2023年收到多少申请")
    assert match.agency is None and set(match.candidates) == {"安平市财政局", "吉祥市财政局"}
    assert resolver.find("吉祥市财政局2023年").agency == "吉祥市财政局"


def test_bare_place_prefers_the_government() -> None:
    resolver = AgencyResolver.of([("吉安市平安县人民政府", ()), ("吉安市平安县财政局", ())])
    assert resolver.find("平安县2023年收到多少申请").agency == "吉安市平安县人民政府"
    assert resolver.find("平安县财政局2023年").agency == "吉安市平安县财政局"


def test_self_reference_uses_pinned_scope(resolver: AgencyResolver) -> None:
    match = resolver.resolve("本局去年收到多少申请", SH_STCSM)
    assert match.agency == SH_STCSM and match.from_scope
    assert resolver.resolve("收到多少申请", "洪泽区").agency == HONGZE


def test_abbreviations_are_read() -> None:
    resolver = AgencyResolver.of([("平安县发展和改革局", ()), ("平安县人力资源和社会保障局", ())])
    assert resolver.find("平安县发改局23年").agency == "平安县发展和改革局"
    assert resolver.find("平安县人社局23年").agency == "平安县人力资源和社会保障局"
    assert resolver.find("平安县人力社保局23年").agency == "平安县人力资源和社会保障局"


@pytest.mark.parametrize(("text", "years"), [
    ("2023年", (2023,)), ("23年", (2023,)), ("二〇二三年", (2023,)), ("二零二一年", (2021,)),
    ("去年", (2025,)), ("前年", (2024,)), ("今年", (2026,)), ("大前年", (2023,)),
    ("近三年", (2023, 2024, 2025)), ("最近3年", (2023, 2024, 2025)), ("近两年", (2024, 2025)),
    ("2019年和2021年", (2019, 2021)), ("2021年比2019年", (2021, 2019)),
    ("2019到2021年", (2019, 2020, 2021)), ("2023 年度", (2023,)),
    ("上年结转多少", ()), ("结转下年度继续办理", ()), ("去年结转到下一年的", (2025,)),
])
def test_years(text: str, years: tuple[int, ...]) -> None:
    assert parse_years(text, TODAY).years == years


def test_year_relative_to_given_today() -> None:
    assert parse_years("去年", date(2025, 1, 15)).years == (2024,)
    assert parse_years("历年变化", TODAY).all_years


@pytest.mark.parametrize(("text", "cell"), [
    ("收到多少申请", Cell("三", "new_received")), ("申请量", Cell("三", "new_received")),
    ("受理了多少件", Cell("三", "new_received")), ("被拒绝了几次", Cell("三", "denied")),
    ("不给公开的有多少", Cell("三", "denied")), ("没批准的", Cell("三", "denied")),
    ("同意公开了多少", Cell("三", "granted")), ("部分公开", Cell("三", "partially_granted")),
    ("因为信息不存在没给的", Cell("三", "unable.not_held")), ("查不到信息", Cell("三", "unable.not_held")),
    ("需要另行制作的", Cell("三", "unable.needs_creation")), ("无法提供", Cell("三", "unable")),
    ("信访举报类不予处理", Cell("三", "not_processed.complaint")), ("重复申请", Cell("三", "not_processed.duplicate")),
    ("涉及国家秘密", Cell("三", "denied.state_secret")), ("过程性信息", Cell("三", "denied.process_info")),
    ("逾期不补正的", Cell("三", "other.no_correction")), ("其他处理", Cell("三", "other")),
    ("结转到下一年的", Cell("三", "carried_forward")), ("上年结转", Cell("三", "carried_over")),
    ("被告了几次", Cell("四", LITIGATION)), ("打官司", Cell("四", LITIGATION)),
    ("直接起诉的", Cell("四", "litigation_direct")), ("复议后起诉", Cell("四", "litigation_after_reconsideration")),
    ("行政复议", Cell("四", "reconsideration")), ("红头文件", Cell("二", "normative_docs", "issued")),
    ("发了几个文件", Cell("二", "normative_docs", "issued")), ("废止了几个规范性文件", Cell("二", "normative_docs", "abolished")),
    ("罚款", Cell("二", "penalty", "decisions")), ("行政许可", Cell("二", "licensing", "decisions")),
    ("行政强制", Cell("二", "coercion", "decisions")), ("收费多少钱", Cell("二", "admin_fees", "amount")),
    ("集中采购", Cell("二", "procurement", "amount")), ("制定了几件规章", Cell("二", "rules", "issued")),
])
def test_metric_cells(text: str, cell: Cell) -> None:
    cells = parse_metric(text).cells
    assert any((c.table, c.row) == (cell.table, cell.row) and
               default_column(c, "") == default_column(cell, "") for c in cells), cells


@pytest.mark.parametrize(("text", "column"), [
    ("老百姓申请", "natural_person"), ("个人申请", "natural_person"), ("群众", "natural_person"),
    ("企业申请", "commercial"), ("公司申请", "commercial"), ("律师申请", "legal_service"),
    ("律所", "legal_service"), ("高校申请", "research"), ("社会公益组织", "social_welfare"),
    ("法人或其他组织申请", LEGAL_PERSON), ("单位申请", LEGAL_PERSON),
])
def test_applicant_columns(text: str, column: str) -> None:
    assert parse_metric(text).column == column


@pytest.mark.parametrize(("text", "column"), [
    ("复议被纠正", "corrected"), ("诉讼败诉", "corrected"), ("复议维持了吗", "upheld"),
    ("诉讼尚未审结", "pending"),
])
def test_result_columns(text: str, column: str) -> None:
    assert parse_metric(text).cells[0].column == column


def test_denied_names_the_other_endings() -> None:
    spec = parse_metric("拒绝了几个申请")
    assert Cell("三", "unable") in spec.companions and Cell("三", "not_processed") in spec.companions


def test_fee_for_applications_is_a_prose_topic() -> None:
    assert parse_metric("申请信息公开要交钱吗").topic == "fee_prose"
    assert parse_metric("信息处理费收了多少").topic == "fee_prose"


@pytest.mark.parametrize(("question", "intent"), [
    ("洪泽区2023年收到多少申请", "figure"), ("洪泽区2023年有没有被告", "yesno"),
    ("洪泽区2024年收到的申请比2023年多多少", "compare"), ("洪泽区历年收到的申请", "trend"),
    ("洪泽区近三年行政复议的变化", "trend"), ("2024年哪个单位收到的申请最多", "ranking"),
    ("洪泽区2023年不予公开的分别是哪些", "breakdown"), ("洪泽区2023年为什么没公开", "reasons"),
    ("什么是不予公开", "define"), ("部分公开是什么意思", "define"),
    ("洪泽区2024年存在哪些问题", "prose"), ("明天上海天气怎么样", "prose"),
])
def test_intents(resolver: AgencyResolver, question: str, intent: str) -> None:
    assert understand(question, resolver, TODAY).intent == intent


def test_query_is_frozen(resolver: AgencyResolver) -> None:
    q = understand("红旗区财政局23年拒绝了几个申请", resolver, TODAY)
    assert (q.agency, q.years, q.cells[0].row) == (HONGQI, (2023,), "denied")
    with pytest.raises(AttributeError):
        q.agency = "x"  # type: ignore[misc]


def test_scope_year_fills_missing_year(resolver: AgencyResolver) -> None:
    q = understand("部分公开的有多少件？", resolver, TODAY, HONGZE, 2024)
    assert (q.agency, q.years) == (HONGZE, (2024,))
