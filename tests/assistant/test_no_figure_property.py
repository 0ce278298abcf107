"""Property: a question the reports cannot answer — a topic no template cell and no report
sentence covers, an agency not in the library, a year not indexed — gets no figure at all.

Questions are composed from pools written for this test (agency forms, year forms, topics,
endings); a topic that does occur in some report text is dropped from the pool, so every
generated question is truly unanswerable.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.assistant import Assistant
from tests.assistant.memory_library import MemoryLibrary, memory_reports

AGENCIES = ("洪泽区", "沭阳县政府", "上海市府办", "平潭", "红旗区财政局", "沭阳发改局", "上海科委")
YEARS = ("2023年", "24年", "二〇二五年", "去年", "2019年度", "")
TOPICS = ("土地出让金", "公车数量", "拆迁补偿款", "路灯维修", "垃圾清运量", "停车位", "食堂伙食费",
          "招商引资额", "疫苗接种人数", "学区划分", "公务员考试报名人数", "绿化面积", "出国团组",
          "信访局长电话", "低保户名单", "扶贫资金", "房屋征收户数", "人均工资", "财政赤字", "GDP增速")
ENDINGS = ("有多少", "是多少", "花了多少", "一共几个", "多少钱", "有几件", "统计了吗")
UNKNOWN_AGENCIES = ("北京市海淀区政府", "杭州市西湖区财政局", "成都市教育局", "广州市天河区人社局",
                    "武汉市市场监管局")
METRICS = ("收到多少申请", "不予公开几件", "行政复议多少件", "被告了几次", "行政处罚多少")


def _report_text() -> str:
    texts = []
    for r in memory_reports():
        for s in r.sections:
            texts += [p.text for p in s.paragraphs]
            texts += [p.text for part in s.parts for p in part.paragraphs]
    return "\n".join(texts)


_TEXT = _report_text()
OPEN_TOPICS = tuple(t for t in TOPICS if t not in _TEXT)

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(agency=st.sampled_from(AGENCIES), year=st.sampled_from(YEARS),
       topic=st.sampled_from(OPEN_TOPICS), ending=st.sampled_from(ENDINGS))
def test_a_topic_no_report_covers_gets_no_figure(assistant: Assistant, agency: str, year: str,
                                                 topic: str, ending: str) -> None:
    a = assistant.ask(f"{agency}{year}{topic}{ending}")
    assert not a.answered and not a.figures, a.text


@SETTINGS
@given(agency=st.sampled_from(UNKNOWN_AGENCIES), year=st.sampled_from(YEARS),
       metric=st.sampled_from(METRICS))
def test_an_agency_not_in_the_library_gets_no_figure(assistant: Assistant, agency: str, year: str,
                                                     metric: str) -> None:
    a = assistant.ask(f"{agency}{year}{metric}")
    assert not a.answered and not a.figures, a.text


@SETTINGS
@given(agency=st.sampled_from(AGENCIES), year=st.sampled_from(("2016年", "2020年", "2022年", "2030年")),
       metric=st.sampled_from(METRICS))
def test_a_year_not_indexed_gets_no_figure(assistant: Assistant, agency: str, year: str,
                                           metric: str) -> None:
    a = assistant.ask(f"{agency}{year}{metric}")
    assert not a.answered and not a.figures, a.text


def test_the_pools_are_not_empty() -> None:
    assert len(OPEN_TOPICS) >= 10 and MemoryLibrary.of().reports()
