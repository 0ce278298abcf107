"""A question, understood: who, when, what, and what kind of answer (`Query`).

Intents: figure (one figure), share (a part of a total, in %), breakdown (a group's items), reasons (why requests ended
without the information), yesno, compare (between years), trend (over all indexed years),
ranking (across agencies), prose (sentences of a report), define (meaning of a template
term), clarify / out_of_scope (decided later, when the library is known).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from assistant.understanding.agency import FILLERS, AgencyMatch, AgencyResolver
from assistant.understanding.labels import strip_labels
from assistant.understanding.metric import (
    APPLICANT_WORDS, RESULT_WORDS, Cell, MetricSpec, parse_metric,
)
from assistant.understanding.time import RECENT, YearSpec, parse_years

FIGURE, BREAKDOWN, REASONS, YESNO = "figure", "breakdown", "reasons", "yesno"
SHARE = "share"
COMPARE, TREND, RANKING, PROSE, DEFINE = "compare", "trend", "ranking", "prose", "define"
CLARIFY, OUT_OF_SCOPE = "clarify", "out_of_scope"

FOLLOWUP = re.compile(r"^(那|那么|还有|再|这|其中|它|该|同期|同年|而|另外)|呢[？?]?$")
_WHO = re.compile(r"谁|什么人|哪类|哪些人|来自")
_SHARE = re.compile(r"占比|比例|比重|百分之|占.{0,6}(多少|几成|百分)|几成")
_DEFINE = re.compile(r"什么是|是什么意思|什么意思|指什么|是指什么|的含义|含义是|怎么理解|是啥意思|啥意思")
_REASONS = re.compile(r"(为什么|为啥|什么原因|原因|理由|怎么).{0,6}(没|不|未|拒)")
_RANKING = re.compile(r"排名|排行|排序|哪个(单位|部门|机关|地方|区|县)?.{0,12}(最|多|少)|哪家|谁.{0,4}最")
_TREND = re.compile(r"趋势|逐年|历年|每年|变化情况|这几年|近几年|走势")
_COMPARE = re.compile(r"比|相比|对比|增加|减少|增长|下降|多了|少了|变化|差多少|差距|各有多少|分别")
_YESNO = re.compile(r"有没有|有无|是否|吗[？?。！!]*$|了没|没有[？?]*$|都是|是不是|可曾|还是")
_BREAKDOWN = re.compile(r"分别|各是|哪些|明细|具体|构成|都有什么|各项|各类|怎么分|谁|什么人|哪类|类型|来自")
_STOP = ("政府信息公开", "信息公开", "政府信息", "年度报告", "年报", "概况", "总体", "整体",
         "总结", "介绍", "说说", "讲讲", "看看", "请问", "多少", "一共", "总共", "几件",
         "几个", "几次", "几", "有没有", "有无", "是否", "怎么样", "如何", "情况", "哪些",
         "什么", "工作", "报告", "年度", "数量", "件数", "申请", "是", "吗", "呢", "了", "的",
         "有", "在", "年", "共", "那", "和", "与", "及", "都", "个", "件", "次", "我", "想", "知道",
         "一下", "查", "问", "啊", "吧", "呀", "？", "?", "，", "。")


# The main figures of a report, for a question that names only agency and year.
OVERVIEW_CELLS = (Cell("三", "new_received"), Cell("三", "granted"), Cell("三", "denied"),
                  Cell("四", "reconsideration"), Cell("四", "litigation"))


@dataclass(frozen=True)
class Query:
    question: str
    intent: str
    agency: str | None = None
    agency_candidates: tuple[str, ...] = ()
    agency_mention: str = ""
    unknown_agency: str = ""
    agency_from_scope: bool = False
    agencies: tuple[str, ...] = ()  # several agencies named: compare them (ranking)
    years: tuple[int, ...] = ()
    year_phrase: str = ""
    year_from_scope: bool = False
    all_years: bool = False
    cells: tuple[Cell, ...] = ()
    companions: tuple[Cell, ...] = ()
    column: str = ""
    words: tuple[str, ...] = ()
    topic: str = ""
    terms: str = ""  # what remains of the question for a prose search
    followup: bool = False
    overview: bool = False  # no metric asked: the report's main figures were filled in

    def with_(self, **changes: object) -> Query:
        return replace(self, **changes)  # type: ignore[arg-type]


def strip_context(question: str, mention: str, years: YearSpec) -> str:
    """The question without the agency mention and year expressions."""
    if mention and mention not in question:
        question = FILLERS.sub("", question)  # the mention was read without 「那个」
    text = question.replace(mention, " ") if mention else question
    text = re.sub(r"(?:19|20)\d{2}\s*(?:年度|年)?|(?<!\d)\d{2}\s*年|[二〇零○一三四五六七八九]{4}年", " ", text)
    text = RECENT.sub(" ", text)
    for word in ("大前年", "前年", "去年", "今年", "近几年", "历年", "每年"):
        text = text.replace(word, " ")
    return text


def residual_terms(text: str, spec: MetricSpec) -> str:
    if spec.cells:
        text = strip_labels(text, spec.cells)
    words = [*spec.words, *APPLICANT_WORDS, *RESULT_WORDS]
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, " ")
    for word in _STOP:
        text = text.replace(word, " ")
    return " ".join(re.findall(r"[\u4e00-\u9fff%A-Za-z0-9]+", text))


def classify(question: str, spec: MetricSpec, years: YearSpec) -> str:
    q = question.strip()
    if _DEFINE.search(q) and (spec.cells or spec.column):
        return DEFINE
    if _REASONS.search(q) and ("公开" in q or "拒" in q or not spec.cells):
        return REASONS
    if not spec.cells:
        return PROSE
    if _RANKING.search(q):
        return RANKING
    if years.all_years or len(years.years) >= 3 or _TREND.search(q):
        return TREND
    if len(years.years) == 2:
        return COMPARE
    if _SHARE.search(q) and spec.cells[0].table == "三":
        return SHARE
    if len(spec.columns) >= 2 and spec.cells[0].table == "三":
        return BREAKDOWN  # 「个人和企业各多少」: every applicant column
    if _WHO.search(q) and not spec.column and spec.cells[0].table == "三":
        return BREAKDOWN
    if _YESNO.search(q):
        return YESNO
    if _BREAKDOWN.search(q) and not spec.column and any(c.table == "三" for c in spec.cells):
        return BREAKDOWN
    return FIGURE


def understand(
    question: str,
    resolver: AgencyResolver,
    today: date,
    scope_agency: str | None = None,
    scope_year: int | None = None,
) -> Query:
    """Read one question on its own (conversation context is merged by `conversation`)."""
    match: AgencyMatch = resolver.resolve(question, scope_agency)
    years = parse_years(question, today)
    rest = strip_context(question, match.mention, years)
    spec = parse_metric(rest)
    intent = classify(question, spec, years)
    agencies = resolver.find_all(question) if match.agency and not match.from_scope else ()
    if len(agencies) >= 2 and spec.cells and intent not in (TREND, DEFINE):
        for other in agencies[1:]:
            rest = rest.replace(other, " ")
        intent = RANKING
    else:
        agencies = ()
    year_values = years.years
    from_scope = False
    if not year_values and not years.all_years and scope_year and intent != TREND:
        year_values, from_scope = (scope_year,), True
    terms = residual_terms(rest, spec)
    overview = False
    if (intent == PROSE and not spec.topic and not terms and not spec.column
            and match.agency and not FOLLOWUP.search(question)):
        spec = MetricSpec(OVERVIEW_CELLS)  # 「洪泽区2023年的年报」: the main figures
        intent, overview = FIGURE, True
    return Query(
        question=question,
        intent=intent,
        agency=match.agency,
        agency_candidates=match.candidates,
        agency_mention=match.mention,
        unknown_agency=match.unknown,
        agency_from_scope=match.from_scope,
        agencies=agencies,
        years=year_values,
        year_phrase=years.phrase,
        year_from_scope=from_scope,
        all_years=years.all_years,
        cells=spec.cells,
        companions=spec.companions,
        column=spec.column,
        words=spec.words,
        topic=spec.topic,
        terms=terms,
        overview=overview,
    )
