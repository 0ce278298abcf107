"""A question, understood: who, when, what, and what to do with the figures (`Query`).

Intents: figure (one or several figures of one report), share (a part of a total, in %),
breakdown (a group's items or the applicant columns), reasons (why requests ended without
the information), yesno, compare (one figure over years), trend (over all indexed years),
ranking (across agencies), prose (sentences of a report), define (meaning of a template
term), unrecorded (something the template does not record), unclear (no figure recognised:
say so and offer the closest), out_of_scope.

A composition is a small plan over the cells × years × applicant columns the question names:
`op` = "sum" (「…一共」), "diff" (「…比…多多少」), "share" (「…占…」), "which" (「哪年多」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from assistant.understanding.agency import FILLERS, AgencyMatch, AgencyResolver
from assistant.understanding.labels import strip_labels
from assistant.understanding.lexicon import key_nouns, spots
from assistant.understanding.metric import Cell, MetricSpec, parse_metric
from assistant.understanding.english import translate
from assistant.understanding.group import GROUP, TOP, Group, group_of
from assistant.understanding.normalize import is_english, normalize
from assistant.understanding.time import YearSpec, parse_years, strip_years

FIGURE, BREAKDOWN, REASONS, YESNO = "figure", "breakdown", "reasons", "yesno"
SHARE = "share"
COMPARE, TREND, RANKING, PROSE, DEFINE = "compare", "trend", "ranking", "prose", "define"
CLARIFY, OUT_OF_SCOPE, UNRECORDED, UNCLEAR = "clarify", "out_of_scope", "unrecorded", "unclear"
CHECKS = "checks"  # does the report add up (its 勾稽关系, its text against its tables)
SUM, DIFF, WHICH = "sum", "diff", "which"

FOLLOWUP = re.compile(r"^(那|那么|还有|再|这|其中|它|该|同期|同年|而|另外|换成|改成|后来)|呢[？?]?$|"
                      r"也是|也这么|也有|也一样|同样")
_WHO = re.compile(r"谁|什么人|哪类|哪些人|来自")
_SHARE = re.compile(r"占比|比例|比重|百分之|百分比|占.{0,10}(?:多少|几成|百分|比)|几成|(?<![效])率")
_DEFINE = re.compile(r"什么是|是什么意思|什么意思|指什么|是指什么|的含义|含义是|怎么理解|是啥意思|啥意思|"
                     r"包括哪些情形|是什么情况")
_REASONS = re.compile(r"(?:为什么|为啥|什么原因|原因|理由|因为啥|因为什么|怎么).{0,6}(?:没|不|未|拒)|"
                      r"(?:都是|主要是)?因为(?:啥|什么)|什么原因|哪些原因|原因是")
_RANKING = re.compile(r"排名|排行|排序|哪个(?:单位|部门|机关|地方|区|县|市)?.{0,12}(?:最|多|少)|哪家|谁.{0,4}最|"
                      r"前[十五三]|最多的|最少的")
_TREND = re.compile(r"趋势|逐年|历年|每年|变化情况|这几年|近几年|走势")
_COMPARE = re.compile(r"比|相比|对比|增加|减少|增长|下降|多了|少了|变化|差多少|差距|各有多少|分别|涨|降")
_YESNO = re.compile(r"有没有|有无|是否|吗[？?。！!]*$|了没有?[？?。]*$|没有[？?]*$|都是|是不是|可曾|对不对|对吗|"
                    r"[^还]是还是不是")
_BREAKDOWN = re.compile(r"分别|各是|哪些|明细|具体|构成|都有什么|各项|各类|怎么分|谁|什么人|哪类|类型|来自|"
                        r"结果如何|结果怎么样|什么结果|怎么处理|如何处理|哪几种|哪几类|都是因为")
_SUM = re.compile(r"一共|合计|总共|加起来|加在一起|加一起|共计|总和|合起来|总数|[+＋]|算上|连同|两项|三项|"
                  r"几项相加|一起|总共要办|共有")
_DIFF = re.compile(r"差多少|差几|多多少|少多少|多了多少|少了多少|多了几|少了几|多几|少几|多出|少出|相差|差距|差了|"
                   r"增加了多少|减少了多少|增加多少|减少多少|增加了几|减少了几|涨了多少|降了多少|多还是少|"
                   r"少还是多|变化了多少|涨到|降到|比.{0,16}(?:多|少|增|减|涨|降)")
_WHICH = re.compile(r"哪年|哪一年|哪个年度|哪一个多|哪个多|哪个少|谁多|谁少|更多|更少|谁[^，。？?最]{1,4}得?(?:多|少)")
_SECTION_TOPIC = "section:"
# 「数字对得上吗」「有没有自相矛盾」「勾稽关系成立吗」「数据前后一致吗」: the report's own consistency
_CHECKS = re.compile(
    r"勾稽|校验|核验|自洽|对得上|对不上|对上了?吗|对得起来|对不起来|对不对得上|自相矛盾|前后矛盾|前后不一|"
    r"(?:数字|数据|数目|表格?|合计|总数)[^，。？?]{0,8}"
    r"(?:一致|相符|不符|吻合|矛盾|冲突|出入|平衡|有误|有错|错误|算错|问题|都?对吗|对不对|准确吗|准不准)|"
    r"(?:报告|年报|前后|正文|文字)[^，。？?]{0,8}(?:一致|相符|不符|吻合|矛盾|冲突|出入|有误|有错|算错)|"
    r"\badds? up\b|\bconsisten|\bcontradict|\bcross-?checks?\b")
_ALL = re.compile(r"都公开|全部公开|全都公开|全公开|都给|全给|都批|全批|都同意|都答复|全部答复|都办|都赢|全赢|"
                  r"都处理|全部处理|都已办结|全部办结|全办完|"
                  r"都维持|全部维持|都被维持|全部都")
_EQUALS = re.compile(r"是不是就是|是否就是|就是全部|等于|是不是全部|刚好是|正好是")
# Words of a question that carry no topic (for a prose search on what is left).
_STOP = ("政府信息公开", "信息公开", "年度报告", "年报", "概况", "总体", "整体", "总结", "介绍",
         "说说", "讲讲", "看看", "请问", "多少", "一共", "总共", "合计", "共计", "加起来", "合起来",
         "加在一起", "合在一起", "加上", "几件", "几个", "几次", "有没有",
         "有无", "是否", "怎么样", "如何", "情况", "哪些", "什么", "工作", "报告", "年度", "数量", "件数",
         "申请", "那边", "这边", "给我", "告诉", "我想", "想知道", "知道", "一下", "帮我", "查下", "查一下",
         "请问", "问一下", "想问", "了解", "年报说", "报告说", "年报里", "报告里", "年报中", "报告中",
         "哪几个", "哪几", "写了什么", "说了什么", "讲了什么", "有哪些内容", "是谁", "主要是",
         "占比", "比例", "比重", "百分比", "百分之几", "几成", "合计", "加起来", "差多少", "相比", "分别",
         "比一比", "比较", "对比", "排名", "排行", "排序", "各单位", "哪个单位", "哪家单位", "哪家",
         "各部门", "最多", "最少", "谁多", "谁少", "哪年", "哪一年")

# The main figures of a report, for a question that names only agency and year.
OVERVIEW_CELLS = (Cell("三", "new_received"), Cell("三", "granted"), Cell("三", "denied"),
                  Cell("四", "reconsideration"), Cell("四", "litigation"))


@dataclass(frozen=True)
class Query:
    question: str  # as asked (for quoting)
    intent: str
    agency: str | None = None
    agency_candidates: tuple[str, ...] = ()
    agency_mention: str = ""
    unknown_agency: str = ""
    agency_from_scope: bool = False
    agencies: tuple[str, ...] = ()  # several agencies named: compare them (ranking)
    agency_reading: str = ""  # how a typo in the agency was read
    agency_confirm: bool = False  # a look-alike typo: ask before answering
    agency_nearby: tuple[str, ...] = ()  # agencies in the library near an unknown one
    also_unknown: tuple[str, ...] = ()  # named agencies not in the library (beside known ones)
    agency_relative: str = ""  # 「县政府」 placed by no agency of the question (the conversation's)
    years: tuple[int, ...] = ()
    year_phrase: str = ""
    year_from_scope: bool = False
    all_years: bool = False
    latest: bool = False  # 「最近一年」: the latest indexed year
    so_far: bool = False  # 「今年到现在」
    year_step: int = 0  # 「前一年呢」 with no year of its own
    cells: tuple[Cell, ...] = ()
    companions: tuple[Cell, ...] = ()
    column: str = ""
    columns: tuple[str, ...] = ()  # several applicant columns named
    words: tuple[str, ...] = ()
    inferred: bool = False  # only applicant or weak words named the cells (「个人的呢」 → 新收)
    topic: str = ""
    terms: str = ""  # what remains of the question for a prose search
    followup: bool = False
    overview: bool = False  # no metric asked: the report's main figures were filled in
    op: str = ""  # composition: "" | SUM | DIFF | SHARE | WHICH
    whole: Cell | None = None  # the denominator of a share
    include_partial: bool = False  # 「部分公开也算」
    yesno: str = ""  # "exists" | "all" | "equals"
    unrecorded: tuple[str, ...] = ()  # topics the template does not record
    group: Group | None = None  # a group of agencies to rank or add up (「下属各区」「全省厅局」)
    text: str = ""  # the normalised question
    topic_terms: str = ""  # the question's words for a prose search, figure words kept
    unread: tuple[str, ...] = ()  # parts of 「X和Y一共」 no figure reading explains
    lang: str = "zh"
    on_topic: bool = True  # names anything the reports hold (agency, year, figure, topic words)

    def with_(self, **changes: object) -> Query:
        return replace(self, **changes)  # type: ignore[arg-type]


def strip_context(question: str, mention: str, years: YearSpec | None = None) -> str:
    """The question without the agency mention and year expressions."""
    if mention and mention not in question:
        question = FILLERS.sub("", question)  # the mention was read without 「那个」
    text = question.replace(mention, " ", 1) if mention else question  # 《问政平潭…》 keeps its name
    return strip_years(text)


_EDGE = "的了吗呢啊吧呀是有在和与及都个件次几多少那这也还就把被给要得地着过又呀么搞哪说向跟对从让往来去我你"
# 「多少场」「几期」「多少人次」: the count and its unit ask, they name no topic.
_COUNT_UNIT = re.compile(r"哪?(?:多少|几)(?:个|件|条|场|期|次|家|项|名|位|人次|万|种|类|批|篇|份|天|回|起)?")


def residual_terms(text: str, spec: MetricSpec) -> str:
    """What is left of a question once agency, years, figure words and question words are
    gone: the topic of a prose search (「网络问政」「财政微课堂」). Question words are removed
    as whole phrases and particles only at the edges of what is left, so a topic word is
    never cut (「问政」 keeps its 问)."""
    if spec.cells:
        text = strip_labels(text, spec.cells)
    for s in sorted(spec.spotted, key=lambda s: -len(s.text)):
        text = text.replace(s.text, " ")
    text = _COUNT_UNIT.sub(" ", text)
    for word in sorted((w for w in _STOP if len(w) >= 2), key=len, reverse=True):
        text = text.replace(word, " ")
    chunks = re.findall(r"[\u4e00-\u9fff%A-Za-z0-9]+", text)
    kept = [c.strip(_EDGE) for c in chunks]
    return " ".join(c for c in kept if c and not (len(c) == 1 and c in _EDGE + "年查问想请帮下"))


# Words that carry no topic of their own (「到底」「主要」): not evidence of another topic.
_FILLER_WORDS = ("到底", "究竟", "主要", "一般", "大概", "具体", "大约", "平时", "通常", "这个", "那个", "那些",
                 "这些", "他们", "我们", "你们", "人家", "这边", "那边", "关于", "有关", "相关", "方面",
                 "事情", "东西", "之前", "以前", "最后", "最终", "一共", "来了", "过来", "朋友", "帮忙",
                 "自己", "人家", "这份", "那份", "那件", "这件", "那些", "现在", "目前", "其中", "另外",
                 "那么", "还有", "然后", "那边", "这边", "打听", "了解", "问问", "咨询", "请教", "查查",
                 "麻烦", "能否", "可以", "告诉")


# 「关于拆迁的申请」「涉及低保的申请」: a subset of applications by topic (no table has it).
_SUBSET = re.compile(r"(?:关于|有关|涉及|针对)([\u4e00-\u9fff]{1,12}?)(?:的|方面的?|类的?|问题的?)?(?:信息公开)?申请")


def without_fillers(terms: str) -> str:
    """The topic words of `terms` (fillers such as 「自己」「到底」 removed)."""
    chunks = []
    for chunk in terms.split():
        for word in _FILLER_WORDS:
            chunk = chunk.replace(word, " ")
        chunks += [c.strip(_EDGE) for c in chunk.split()]
    return " ".join(c for c in chunks if len(c) >= 2)


def unexplained(terms: str) -> int:
    """How many characters of a question no reading explained (fillers and single
    characters aside): 「土地出让金」 is 5, 「到底 人来」 is 0."""
    total = 0
    for chunk in terms.split():
        for word in _FILLER_WORDS:
            chunk = chunk.replace(word, "")
        total += len(re.findall(r"[\u4e00-\u9fff]", chunk)) if len(chunk) >= 2 else 0
    return total


def operator(text: str, spec: MetricSpec, years: YearSpec) -> str:
    several = len(spec.cells) >= 2 or len(years.years) >= 2 or years.all_years
    if _SHARE.search(text) and not _DIFF.search(text):
        return SHARE
    if _WHICH.search(text) and several:
        return WHICH
    if _DIFF.search(text) and several:
        return DIFF
    if _SUM.search(text) and several:
        return SUM
    return ""


def classify(question: str, spec: MetricSpec, years: YearSpec) -> str:
    q = question.strip()
    if _DEFINE.search(q) and (spec.cells or spec.column):
        return DEFINE
    if spec.unrecorded and not spec.topic:  # a prose topic (信息处理费…) may name who or how
        return UNRECORDED
    if _REASONS.search(q) and ("公开" in q or "拒" in q or "给" in q or not spec.cells or
                               any(c.row == "denied" for c in spec.cells)):
        return REASONS
    if not spec.cells:
        return PROSE
    if _RANKING.search(q) and not _WHICH.search(q):
        return RANKING
    if years.all_years and len(spec.cells) == 1 and not (_SUM.search(q) or _DIFF.search(q) or
                                                         _WHICH.search(q)) \
            or len(years.years) >= 3 or _TREND.search(q):
        return TREND
    if len(years.years) == 2 or years.all_years:
        return COMPARE
    if _SHARE.search(q) and spec.cells[0].table in ("三", "四"):
        return SHARE
    if len(spec.columns) >= 2 and spec.cells[0].table == "三":
        return BREAKDOWN  # 「个人和企业各多少」: every applicant column
    if _WHO.search(q) and not spec.column and spec.cells[0].table == "三":
        return BREAKDOWN
    if _YESNO.search(q):
        return YESNO
    if _BREAKDOWN.search(q) and not spec.column and any(c.table in ("三", "四") for c in spec.cells):
        return BREAKDOWN
    return FIGURE


# 「办理了多少件人大建议和政协提案」: what is counted is named after the count word
_COUNTED = re.compile(r"(?:多少|几)(?:件|个|项|条|份|封|批|次)(?P<noun>[\u4e00-\u9fff]{2,12})")
_APPLICATION_NOUNS = ("申请", "信息", "复议", "诉讼", "官司", "案件", "文件", "规章", "决定", "收费", "费")


def counts_other(text: str) -> bool:
    """The question counts things named right after its count word that are no figure of
    the template (「多少件人大建议」「几封来信」), whatever verb it uses (办理、收到): table 三
    counts applications only."""
    m = _COUNTED.search(text)
    if m is None:
        return False
    from index.tokenize import pos_tags

    head = ""  # the noun phrase right after the count word (「人大建议和政协提案」, not 「是…」)
    for word, flag in pos_tags(re.split(r"[的了呢吗啊？?，。]", m.group("noun"))[0]):
        if not (flag[:1] in ("n", "j") or flag == "vn" or (head and flag == "c")):
            break
        head += word
    if len(head) < 2 or any(w in head for w in _APPLICATION_NOUNS) or parse_metric(head).cells:
        return False
    return bool(key_nouns(head))


def set_op(text: str, count: int) -> str:
    """What a question does with a set of agencies: 「一共」 adds them up; 「A比B多多少」
    (two of them) subtracts; else they are ranked."""
    if _SUM.search(text):
        return SUM
    return DIFF if count == 2 and _DIFF.search(text) else ""


def asks_checks(question: str, text: str, years: YearSpec) -> bool:
    """The question asks whether the report is consistent, not for a figure: 「这份报告的数字
    对得上吗」. Two years named (「和去年一致吗」) is a comparison of figures, not this."""
    if len(years.years) >= 2 or re.search(r"(?:和|与|跟|同)(?:去年|上年|前年|往年|\d{4}年)", text):
        return False
    return bool(_CHECKS.search(text) or _CHECKS.search(question.lower()))


def yesno_kind(text: str, spec: MetricSpec) -> str:
    if _EQUALS.search(text) and len(spec.cells) >= 2:
        return "equals"
    if _ALL.search(text) or ("都" in text and (spec.column or any(c.column for c in spec.cells))):
        return "all"
    return "exists"


_WHOLE_IN = re.compile(r"在(.{1,16}?)(?:里|中|当中|之中)")
_WHOLE_BEFORE = re.compile(r"^(.{1,16}?)(?:里|中|当中|之中)(?:的)?.{0,12}?占")
_WHOLE_AFTER = re.compile(r"占(.{1,16})")


def share_parts(text: str, spec: MetricSpec) -> tuple[tuple[Cell, ...], Cell | None]:
    """The part(s) and the whole of a share, as written: 「A占B的比例」, 「A在B里占几成」,
    「B里A占多少」 → parts (A,), whole B. No whole written → None (the composer takes the
    table's natural total); one row with an applicant column → the row's total."""
    cells = spec.cells
    if len(cells) < 2:
        return cells, None
    for pattern in (_WHOLE_IN, _WHOLE_BEFORE, _WHOLE_AFTER):
        m = pattern.search(text)
        if m:
            named = parse_metric(m.group(1)).cells
            whole = next((c for c in named if c in cells), None)
            if whole is not None:
                parts = tuple(c for c in cells if c != whole)
                if parts:
                    return parts, whole
    return cells, None


def understand(
    question: str,
    resolver: AgencyResolver,
    today: date,
    scope_agency: str | None = None,
    scope_year: int | None = None,
) -> Query:
    """Read one question on its own (conversation context is merged by `conversation`)."""
    text = normalize(question)
    lang = "en" if is_english(question) else "zh"
    english_unknown = ""
    if re.search(r"[A-Za-z]{3,}", text):  # English words: read through the same vocabulary
        translated = translate(text, resolver.index)
        text, english_unknown = normalize(translated.text), translated.unknown
    match: AgencyMatch = resolver.resolve(text, scope_agency)
    if english_unknown and not match.agency and not match.from_scope:
        match = AgencyMatch(unknown=english_unknown)
    years = parse_years(text, today)
    rest = strip_context(text, match.mention, years)
    for other in match.agencies[1:]:
        rest = _without_agency(rest, other, resolver)
    spec = parse_metric(GROUP.sub(" ", rest))  # 「下属单位」 is no applicant column
    leftover = residual_terms(GROUP.sub(" ", TOP.sub(" ", rest)), spec)  # 「全省厅局…前十」 asks no topic
    subset = _SUBSET.search(rest)
    if subset and not parse_metric(subset.group(1)).cells or \
            spec.cells and all(c.table == "三" for c in spec.cells) and counts_other(rest) or \
            spec.inferred and (unexplained(leftover) >= 3 or key_nouns(without_fillers(leftover))):
        # 「群众办事等候时间缩短到多少分钟」 is no table figure
        spec = MetricSpec(column=spec.column, topic=spec.topic, unrecorded=spec.unrecorded,
                          spotted=spec.spotted)
    intent = classify(rest if not _REASONS.search(text) else text, spec, years)
    if asks_checks(question, text, years):
        intent = CHECKS
    if intent == RANKING and match.agency and len(match.agencies) < 2 and not match.from_scope:
        if spec.unrecorded or re.search(r"哪个(?:部门|科室|处室)", text):
            intent = UNRECORDED
    agencies: tuple[str, ...] = ()
    if len(match.agencies) >= 2 and spec.cells and intent not in (TREND, DEFINE, CHECKS):
        agencies, intent = match.agencies, RANKING
    group = group_of(text, _group_place(match, resolver), resolver.index) \
        if spec.cells and intent not in (DEFINE, UNRECORDED, CHECKS) else None
    if group is not None:  # 「新乡市下属各区」: the place is where to look, not the agency asked
        intent = RANKING
        match = AgencyMatch()
    group_op = set_op(text, len(agencies)) if group is not None or agencies else ""
    year_values = years.years
    from_scope = False
    if not year_values and not years.all_years and scope_year and intent != TREND and not years.step:
        year_values, from_scope = (scope_year,), True
    op = operator(text, spec, years) if intent in (FIGURE, COMPARE, TREND, SHARE, YESNO) else group_op
    if intent == BREAKDOWN and len(spec.columns) >= 2 and len(spec.cells) == 1 and not group_op:
        # 「个人申请比企业多多少」「个人和企业一共」: one row, computed across applicant columns
        op = (DIFF if _DIFF.search(text) else WHICH if _WHICH.search(text)
              else SUM if _SUM.search(text) else "")
    if intent == TREND and op in (SUM, DIFF, WHICH):
        intent = COMPARE
    if op == SHARE:
        intent = SHARE
    whole = None
    cells = spec.cells
    if intent == SHARE:
        parts, whole = share_parts(rest, spec)
        cells = parts + ((whole,) if whole and whole not in parts else ())
    terms = residual_terms(rest, spec)
    overview = False
    if (intent == PROSE and not spec.topic and not terms and not spec.column and "申请" in rest
            and (_WHICH.search(text) or re.search(r"最多|最少", text))):
        # 「哪一年申请多」: applications compared with nothing else named — the ones received
        spec = MetricSpec((Cell("三", "new_received"),), inferred=True)
        cells = spec.cells
        intent = classify(rest, spec, years)
        op = operator(text, spec, years) if intent in (FIGURE, COMPARE, TREND) else op
        if intent == TREND and op in (SUM, DIFF, WHICH):
            intent = COMPARE
    if (intent == PROSE and not spec.topic and not terms and not spec.column
            and match.agency and not FOLLOWUP.search(text)):
        spec = MetricSpec(OVERVIEW_CELLS)  # 「洪泽区2023年的年报」: the main figures
        cells = spec.cells
        intent, overview = FIGURE, True
    on_topic = bool(match.agency or match.candidates or match.unknown or years.years or
                    years.all_years or years.step or spec.cells or spec.column or spec.topic or
                    intent in (REASONS, DEFINE, CHECKS) or _mentions_reports(text))
    return Query(
        question=question, intent=intent, text=text,
        agency=match.agency, agency_candidates=match.candidates, agency_mention=match.mention,
        unknown_agency=match.unknown, agency_from_scope=match.from_scope, agencies=agencies,
        agency_reading=match.reading, agency_confirm=match.confirm, agency_nearby=match.nearby,
        also_unknown=match.also_unknown, agency_relative=match.relative,
        years=year_values, year_phrase=years.phrase, year_from_scope=from_scope,
        all_years=years.all_years, latest=years.latest, so_far=years.so_far, year_step=years.step,
        cells=cells, companions=spec.companions, column=spec.column, columns=spec.columns,
        words=spec.words, inferred=spec.inferred, topic=spec.topic, terms=terms, overview=overview,
        op=op, whole=whole,
        include_partial=bool(re.search(r"部分公开也算|含部分公开|包括部分公开|部分公开算", text)),
        yesno=yesno_kind(rest, spec) if intent == YESNO else "",
        unrecorded=spec.unrecorded, on_topic=on_topic, lang=lang, group=group,
        topic_terms=residual_terms(rest, MetricSpec()),
        unread=unread_parts(rest, spec) if len(cells) == 1 and intent in (FIGURE, YESNO)
        and len(year_values) < 2 and not years.all_years and _SUM.search(rest) else (),
    )


_JOINS = re.compile(r"以及|连同|加上|还有|外加|[和与及跟同、+＋]|加(?![起在到入])")


def unread_parts(rest: str, spec: MetricSpec) -> tuple[str, ...]:
    """「公开和部分公开一共多少」 read as 部分公开 alone: the parts of a sum that name no figure
    (so one figure is never stated as the total of several)."""
    if len(spec.columns) >= 2:
        return ()  # 「个人和企业一共」: the sum is over applicant columns
    parts = [p for p in _JOINS.split(rest) if p.strip()]
    if len(parts) < 2:
        return ()
    unread = []
    for part in parts:
        words = without_fillers(_SUM.sub(" ", part)).strip()
        if unexplained(words) >= 1 and not (read := parse_metric(part)).cells and not read.column:
            unread.append(words)
    return tuple(unread)


def _group_place(match: AgencyMatch, resolver: AgencyResolver) -> str:
    """The place a group question names (「新乡市下属各区」 → 新乡市), as the catalog spells it."""
    agency = match.agency or (match.nearby[0] if match.nearby else "")
    if not agency or agency not in resolver.index.entries:
        return ""
    places = resolver.index.entries[agency].places
    mention = match.mention or match.unknown
    for depth in range(len(places), 0, -1):
        if any(p.rstrip("市区县省") in mention for p in places[depth - 1:depth]):
            return "".join(places[:depth])
    return ""


def _without_agency(text: str, agency: str, resolver: AgencyResolver) -> str:
    """The question without a further agency's mention (「洪泽区和沭阳县」 → 「和」)."""
    for name in sorted((agency, *resolver.index.entries[agency].names), key=len, reverse=True):
        if name in text:
            return text.replace(name, " ")
    return text


_REPORT_WORDS = re.compile(r"申请|公开|年报|报告|复议|诉讼|政府|信息|处罚|许可|收费|文件|结果|表格|数字|"
                           r"多少|几件|比例|占比|处理|答复|办理")


def _mentions_reports(text: str) -> bool:
    return bool(_REPORT_WORDS.search(text)) or bool(spots(text))
