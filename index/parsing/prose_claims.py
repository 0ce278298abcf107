"""Figures the prose of a report states about tables 三 and 四 ("claims").

A claim binds a phrase naming a template metric to a number with 件 in the same clause:
「受理政府信息公开申请 17 件」→ ("received", 17); 「1件结转下年度继续办理」→ ("carried_forward", 1).
Qualitative claims carry no number: 「行政复议7件，诉讼9件，均获维持」→ ("all_upheld", groups).

Extraction is conservative: text in parentheses is dropped (「办结 1191 件（含上年结转 189 件）」),
only a short gap of filler characters may separate phrase and number, and subsets
(其中/含/通过网上…), coordinated phrases (「不予公开、无法提供 5 件」) and counts of other
things (信访, 网络问政, 人大建议, 主动公开…条) yield nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import Location

REVIEW = "reconsideration"
LITIGATION = "litigation"


@dataclass(frozen=True)
class Claim:
    metric: str  # key of prose_checks.METRICS, or "all_upheld" / "none_corrected"
    value: int | None  # the number stated; None for qualitative claims
    sentence: str  # the sentence as printed (stripped)
    location: Location
    groups: tuple[str, ...] = ()  # qualitative claims: REVIEW and/or LITIGATION
    phrase: str = ""  # the words bound to the figure, as matched: 「受理政府信息公开申请 17 件」


_DIGITS = str.maketrans("０１２３４５６７８９　", "0123456789 ")
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])|\n")
_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
_CLAUSE = re.compile(r"[，：:]|,(?!\d{3})")  # not the comma of 1,295
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_AFTER_NUM = re.compile(r"\s*(?:$|[，,。；;：:、）)！!？?]|的?申请|政府信息公开申请|依申请|次)")

# Characters allowed between a phrase and its number: objects and fillers of the
# application vocabulary, never nouns of other things (网络问政, 人大建议, 行政复议…).
_APP_GAP = r"[共计累全年度本单位机关部门政府信息公开依申请答复各类的了为有总数量新办理]{0,14}?"
_FORWARD_GAP = r"[继续办理答复的有共计为申请]{0,8}?"
_REVIEW_GAP = r"[案件类共计为数有的发生起收到申请]{0,6}?"

# (metric, phrase regex, gap) in priority order: the first phrase matching at a position wins.
_APP_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("granted_any", r"(?:予以|同意)公开(?:及|和|与|、|或)部分(?:同意)?公开", _APP_GAP),
    ("granted", r"(?<!不)(?:予以公开|同意公开|全部公开)", _APP_GAP),
    ("partially_granted", r"部分(?:同意)?公开", _APP_GAP),
    ("denied", r"不予公开", _APP_GAP),
    ("unable", r"无法提供", _APP_GAP),
    ("not_held", r"(?:本机关)?不掌握(?:相关)?(?:政府)?信息", _APP_GAP),
    ("not_processed", r"不予处理", _APP_GAP),
    ("other", r"其他处理", _APP_GAP),
    ("carried_over", r"上一?年度?(?:结转|转结|转入)", _APP_GAP),
    ("carried_forward", r"(?:(?:结转|转入|顺延)(?:至|到)?|转)下一?年度?", _FORWARD_GAP),
    ("received", r"受理|收到|接收|接到|新收|收悉", _APP_GAP),
    ("completed", r"办结|处理完毕|答复完毕", _APP_GAP),
    ("handled", r"办理|答复", _APP_GAP),
)
_REVIEW_PHRASES: tuple[tuple[str, str, str], ...] = (
    (REVIEW, r"行政复议|(?<!政)复议", _REVIEW_GAP),
    (LITIGATION, r"行政诉讼|(?<!政)诉讼", _REVIEW_GAP),
)
_PHRASES = _APP_PHRASES + _REVIEW_PHRASES
_PATTERN = re.compile("|".join(
    f"(?P<m{i}>{phrase}){gap}\\s*(?P<n{i}>{_NUMBER})\\s*件" for i, (_, phrase, gap) in enumerate(_PHRASES)
))
# Number first, at the start of a clause: 「1件结转下年度继续办理」「5件予以公开」.
_NUM_FIRST = re.compile(
    rf"^(?:另有|共有|有|另|共)?\s*(?P<num>{_NUMBER})\s*件(?:申请)?(?:被|予以)?\s*"
    + "(?P<phrase>" + "|".join(f"(?:{p})" for m, p, _ in _APP_PHRASES
                               if m not in ("received", "completed", "handled")) + ")"
)
_COORDINATED = ("、", "和", "及", "与", "或")
# A clause naming a subset, another year or other bodies before the phrase states another
# figure than the report's table: 「其中通过网络收到」「去年受理」「全市各级行政机关共受理」.
_SUBSET = re.compile(r"含|包括|通过|网上|网络|当面|信函|邮寄|传真|电子邮件|现场|线上|线下|窗口|"
                     r"自然人|法人|企业|涉及|同比|较|比上年|去年|上年|上一年|同期|"
                     r"各(?:级|部门|单位|地|区|县|镇|乡|街道|委办局)|全省|全国|系统")
_NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到)(?:过)?(?:任何)?"
                            r"(?:政府信息公开|依申请公开|信息公开)?申请")
# Totals named by generic verbs: not after 其中, and only where the text speaks of applications.
_TOTALS = ("received", "completed", "handled", "carried_over", "carried_forward")
_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|予以|得到)?维持")
_NOT_CORRECTED = re.compile(r"(?:未|没有|无(?!法))(?:发生|出现|被)?[^，,。；;]{0,30}(?:纠错|纠正|败诉)|零败诉")


def normalize(text: str) -> str:
    """Full-width digits and spaces → ASCII."""
    return text.translate(_DIGITS)


def sentences(text: str) -> list[str]:
    """Sentences as printed (split on 。；！？ and line breaks)."""
    out, start = [], 0
    for end in [m.start() for m in _SENTENCE_END.finditer(normalize(text))] + [len(text)]:
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    return out


def strip_parentheses(text: str) -> str:
    while True:
        stripped = _PARENS.sub("，", text)
        if stripped == text:
            return text
        text = stripped


def paragraph_claims(text: str, location: Location) -> list[Claim]:
    """Every claim in one paragraph of prose."""
    claims: list[Claim] = []
    previous = ""
    for sentence in sentences(text):
        context = previous + sentence
        claims += sentence_claims(sentence, location, context=context)
        previous = sentence
    return claims


def sentence_claims(sentence: str, location: Location, *, context: str = "") -> list[Claim]:
    context = context or sentence
    plain = strip_parentheses(normalize(sentence))
    found: list[Claim] = []
    for clause in _CLAUSE.split(plain):
        for metric, value, phrase in clause_figures(clause):
            if _in_context(metric, context):
                found.append(Claim(metric, value, sentence, location, phrase=phrase))
    none = _NONE_RECEIVED.search(plain)
    if none and not _SUBSET.search(plain[: none.start()]) and all(c.metric != "received" for c in found):
        found.append(Claim("received", 0, sentence, location, phrase=none.group(0)))  # 「未收到申请」
    return found + _qualitative(plain, found, sentence, location)


def clause_figures(clause: str) -> list[tuple[str, int, str]]:
    """(metric, number, matched text) bound in one clause (no parentheses, no commas)."""
    figures: list[tuple[str, int, str]] = []
    for match in _PATTERN.finditer(clause):
        metric, number = _metric_of(match)
        if _accepted(clause, match, metric):
            figures.append((metric, number, match.group(0)))
    if not figures:
        first = _NUM_FIRST.match(clause.strip())
        if first:
            metric = _metric_named(first.group("phrase"))
            figures.append((metric, _number(first.group("num")), first.group(0)))
    return figures


def _metric_of(match: re.Match[str]) -> tuple[str, int]:
    for i, (metric, _, _) in enumerate(_PHRASES):
        if match.group(f"m{i}") is not None:
            return metric, _number(match.group(f"n{i}"))
    raise ValueError(match.group(0))


def _metric_named(phrase: str) -> str:
    for metric, pattern, _ in _APP_PHRASES:
        if re.fullmatch(pattern, phrase):
            return metric
    raise ValueError(phrase)


def _accepted(clause: str, match: re.Match[str], metric: str) -> bool:
    """The phrase binds to the number: not coordinated, not a subset, nothing else follows 件."""
    start = match.start()
    prefix = clause[:start]
    if prefix[-1:] in _COORDINATED and not prefix[:-1].rstrip().endswith("件"):
        return False  # 「不予公开、无法提供 5 件」: the number covers both phrases
    if _SUBSET.search(prefix) or (metric in _TOTALS and "其中" in prefix):
        return False
    return bool(_AFTER_NUM.match(clause, match.end()))


def _in_context(metric: str, context: str) -> bool:
    """Generic verbs (受理, 办结, 结转…) count only where the text speaks of applications;
    复议/诉讼 only where it speaks of information disclosure."""
    if metric in _TOTALS:
        return "申请" in context
    if metric in (REVIEW, LITIGATION):
        return "公开" in context
    return True


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _qualitative(plain: str, found: list[Claim], sentence: str, location: Location) -> list[Claim]:
    out: list[Claim] = []
    upheld = _UPHELD.search(plain)
    groups = _review_groups(found)
    if upheld and groups:
        first = min(plain.find(c.phrase) for c in found if c.metric in groups)
        phrase = plain[first:upheld.end()]
        out.append(Claim("all_upheld", None, sentence, location, groups, phrase))
    for match in _NOT_CORRECTED.finditer(plain):
        groups = _corrected_groups(match.group(0))
        if groups and "公开" in plain:
            out.append(Claim("none_corrected", None, sentence, location, groups, match.group(0)))
    return out


def _review_groups(found: list[Claim]) -> tuple[str, ...]:
    """Groups a 「均获维持」 speaks of: the 复议/诉讼 counts of the same sentence."""
    named = {c.metric for c in found if c.metric in (REVIEW, LITIGATION)}
    return tuple(g for g in (REVIEW, LITIGATION) if g in named)


def _corrected_groups(text: str) -> tuple[str, ...]:
    groups = []
    if "复议" in text and ("纠错" in text or "纠正" in text):
        groups.append(REVIEW)
    if "败诉" in text or ("诉讼" in text and ("纠错" in text or "纠正" in text)):
        groups.append(LITIGATION)
    return tuple(groups)
