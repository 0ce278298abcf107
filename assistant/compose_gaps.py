"""Honest gaps: agency or year not indexed, agency ambiguous or unknown, topic not covered —
answered plainly, with what the library has instead."""

from __future__ import annotations

import re
from datetime import date

from assistant.draft import Draft, Page
from assistant.retrieval import (
    AMBIGUOUS, CONFIRM, NO_AGENCY, NOT_FOUND, NOT_RECORDED, PART_UNREAD, SO_FAR, UNKNOWN_AGENCY,
    YEAR_MISSING, Evidence,
)
from assistant.suggest import closest_questions, unrecorded_text
from assistant.understanding.intent import Query, strip_context
from index.vocabulary import vocabulary


def _agencies(ev: Evidence) -> str:
    return "、".join(ev.agencies)


def years_text(years: tuple[int, ...]) -> str:
    return "、".join(f"{y}年" for y in years)


def partial_years(ev: Evidence) -> str:
    """「所问年份中，2023年、2025年的报告未收录；已收录的是2024年。」 for a multi-year question
    answered from the indexed years only ("" when every asked year is there)."""
    if not ev.missing_years:
        return ""
    have = tuple(r.year for r in ev.reports)
    said = ev.query.year_phrase
    phrase = f"（{said}）" if said and said in ev.query.question and not re.search(r"\d", said) else ""
    text = f"所问年份{phrase}中，{years_text(ev.missing_years)}的报告未收录"
    if have:
        text += f"；资料库中{ev.query.agency or ''}已收录的是{years_text(have)}的报告"
    return text + "。"


def gap(ev: Evidence) -> Draft:
    q, page = ev.query, Page()
    if not ev.agencies:
        return page.draft("资料库中还没有任何年度报告，请先导入报告。", False)
    if ev.status == CONFIRM:
        agency = q.agency_candidates[0]
        text = (f"资料库中没有“{q.agency_mention}”。请问您指的是“{agency}”吗？"
                "确认后我再回答，以免把别的单位的数字当成它的。")
        return page.draft(text, False, (agency,))
    if ev.status == AMBIGUOUS:
        text = f"“{q.agency_mention}”可能指以下几个单位，请问您指的是哪一个：{'、'.join(q.agency_candidates)}？"
        return page.draft(text, False, q.agency_candidates)
    if ev.status == UNKNOWN_AGENCY:
        return _unknown_agency(ev, page)
    if ev.status == SO_FAR:
        year = q.years[0] if q.years else date.today().year
        text = f"{year}年的政府信息公开工作年度报告要到{year + 1}年一月底前才发布，年中没有年报数字，无法回答。"
        have = ev.years_available
        if have:
            text += f"资料库中{q.agency}最新的是{have[-1]}年的报告。"
        return page.draft(text, False)
    if ev.status == NOT_RECORDED:
        return _offering(page, unrecorded_text(q), "您可以改问：", closest_questions(q, ev))
    if ev.status == PART_UNREAD:
        read = "、".join(f"“{vocabulary().term(c.key).name}”" for c in q.cells)
        unread = "、".join(f"“{w}”" for w in q.unread)
        text = (f"您问的是几项相加，我只认出了{read}，没能把{unread}对应到年报表格中的某一项，"
                "为免把一项当成合计，这里不给出数字。")
        return _offering(page, text, "您可以改问：", closest_questions(q, ev))
    if ev.status == NO_AGENCY:
        text = f"请问您问的是哪个单位的年度报告？目前收录的单位有：{_agencies(ev)}。"
        return page.draft(text, False, ev.agencies)
    if ev.status == YEAR_MISSING:
        return _year_missing(ev, page)
    if ev.status == NOT_FOUND:
        where = "、".join(f"{r.year}年" for r in ev.reports)
        topic = topic_of(q)
        text = (f"在{q.agency}{where}的年度报告中没有找到关于“{topic}”的内容，报告未提供这方面的信息，"
                "无法回答，也不作估计。")
        return _offering(page, text, "年报中相近的数字，可以这样问：", closest_questions(q, ev))
    text = ("这个问题不在政府信息公开工作年度报告的范围内。我可以回答各单位年报中的申请数量、"
            "办理结果、行政复议和诉讼、主动公开等问题。")
    return page.draft(text, False)


def _offering(page: Page, text: str, lead: str, options: tuple[str, ...]) -> Draft:
    """A non-answer that offers the questions the reports can answer (buttons in the UI)."""
    if options:
        text += lead + "、".join(f"「{o}」" for o in options) + "。"
    return page.draft(text, False, options)


def _unknown_agency(ev: Evidence, page: Page) -> Draft:
    q = ev.query
    text = f"资料库中没有收录“{q.unknown_agency}”的政府信息公开工作年度报告，无法回答。"
    if q.agency_nearby:
        text += f"收录的相关单位有：{'、'.join(q.agency_nearby)}（它们是不同的机关，数字不能互相替代）。"
        return page.draft(text, False, q.agency_nearby)
    text += f"目前收录的单位有：{_agencies(ev)}。"
    return page.draft(text, False, ev.agencies)


def topic_of(q: Query) -> str:
    """What a prose question asked about, for 「没有找到关于…的内容」."""
    text = strip_context(q.text or q.question, q.agency_mention)
    text = re.sub(r"[收发是有花用办交缴给批做开签拿得要]?了?(?:多少|几[件个条次项期场篇])[^，,。？?]*", "", text)
    text = re.sub(r"(是多少|有多少|花了|花费|多少|是谁|是什么|了吗|吗|呢|怎么样|如何|[？?。！!，,\s\d])", "", text)
    return text.strip("的了在") or q.terms.replace(" ", "")


def _year_missing(ev: Evidence, page: Page) -> Draft:
    q = ev.query
    asked = years_text(ev.missing_years)
    if not ev.years_available:
        text = f"资料库中没有{q.agency}的年度报告。"
        return page.draft(text, False)
    text = (f"资料库中没有{q.agency}{asked}的政府信息公开工作年度报告，无法回答。"
            f"已收录该单位：{years_text(ev.years_available)}的报告")
    if q.year_phrase:
        text = f"（{q.year_phrase}指{years_text(q.years) if q.years else asked}）" + text
    latest = ev.years_available[-1]
    text += f"，可以改问最新的{latest}年报告。"
    return page.draft(text, False)
