"""Agency names in running text and page fields: cleaning, validating, and the phrases of
a report that name its author (「本报告由X编制」「X编制本报告」「现将X2023年…」, the
signature, the opening 「2024年，X坚持…」).

`clean_agency` removes what is not part of a name — a verb phrase printed before it
(「特编制某某市…办公室」), 「关于」, a trailing 「的」 — and returns "" for text that is no
agency name (「本站」「政府信息公开年报」 …).
"""

from __future__ import annotations

import re

from index.parsing.agency import split_place
from index.parsing.titles import HAN, YEAR, squash
from index.parsing.titles import JUNK_HEAD as _JUNK_HEAD

AGENCY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|局|委员会|委|厅|办|院|中心|管委会|街道办事处|街道|镇|乡|所|站|"
    r"队|处|会|署|馆|部|联|协|区|县|市|州|旗|盟|省)$"
)
_JUNK_TAIL = re.compile(r"(?:关于|的|本级|年度|工作|全年|编制|发布|公布)+$")
# Words that make a short text a column, a site section or a phrase — never a name.
_NOT_A_NAME = re.compile(r"信息公开|政务公开|年报|报告|专栏|首页|网站|栏目|目录|指南|通知|公告|动态|"
                         r"要闻|本站|本网|门户|公开年|位置|文章")
_GENERIC = {"本机关", "本单位", "本部门", "我局", "我委", "我办", "本局", "本委", "本办", "本院",
            "管理员", "网站管理员", "系统管理员", "办公室", "政府", "人民政府"}
_STOP = set("由在于向对据的是和与将为经请按年月日我本全各及等以了从至自把被让给即")
# Words that start the predicate after an agency in an opening sentence.
_VERBS = re.compile(r"^(?:坚持|认真|深入|始终|严格|进一步|全面|紧紧|紧密|以|在|按照|根据|围绕|持续|"
                    r"不断|切实|扎实|积极|高度|聚焦|立足|强化|着力|贯彻|落实|共|全年|主动|依法|继续|"
                    r"紧扣|大力|结合|加强|推进|及时|累计|通过)")
_BODY_END = re.compile(r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办|管理委员会|管委会|"
                       r"委员会|办公室|办公厅|街道办事处|局|委|办|厅|院|中心|署)")
_ANNOUNCE = re.compile(rf"(?:现将|现向社会公布|现予公布|公布)([{HAN}]{{3,30}}?){YEAR}\s*年")
_PREAMBLE = re.compile(
    rf"(?:本报告|本年度报告|年度报告)(?:是|由)([{HAN}（）]{{3,30}}?)"
    r"(?:依据|根据|按照|依照|编制|制作|起草|汇总)"
)
_COMPILED = re.compile(r"(?:编制|制作|编写|撰写|形成)(?:了)?(?:本|此|该)(?:年度)?报告")
_RUN_BEFORE = re.compile(rf"[{HAN}（）]{{3,40}}$")
_BRACKET_TAIL = re.compile(r"[（(][^（()）]{2,20}[）)]$")
_BRACKET_ALIAS = re.compile(rf"[（(]([{HAN}]{{2,20}})[）)]")
_CLAUSE_END = re.compile(r"要求|规定|精神|部署|安排|条例|办法|通知|意见|有关|相关|特此|现将")
_OPENING = re.compile(rf"{YEAR}\s*年度?\s*[，,]\s*([{HAN}]{{2,40}})")


def is_agency(name: str) -> bool:
    if not 3 <= len(name) <= 40 or not re.fullmatch(rf"[{HAN}（）()]+", name):
        return False
    if name in _GENERIC or _NOT_A_NAME.search(name):
        return False
    return bool(AGENCY_SUFFIX.search(name))


def clean_agency(text: str) -> str:
    """The agency name in a short text, without junk around it; "" when there is none."""
    name = squash(text).strip(" 　:：-—|｜“”\"《》<>")
    name = re.sub(r"^[（(][^）)]*[）)]", "", name)  # 「（来源）某局」
    bare = _BRACKET_TAIL.sub("", name)  # 「中共某县委宣传部（县新闻出版局）」: the name before
    if bare != name and is_agency(bare):
        name = bare
    for _ in range(3):
        shorter = _JUNK_TAIL.sub("", _JUNK_HEAD.sub("", name))
        if shorter == name:
            break
        name = shorter
    return name if is_agency(name) else ""


def bracket_aliases(name: str, text: str) -> list[str]:
    """Names printed in brackets right after `name` (「…宣传部（县新闻出版局）」)."""
    found = []
    for match in re.finditer(re.escape(name), text):
        alias = _BRACKET_ALIAS.match(text, match.end())
        if alias and is_agency(alias.group(1)):
            found.append(alias.group(1))
    return found


def agency_tail(run: str) -> str:
    """The name at the end of a run of characters: 「根据条例要求淮安市洪泽区财政局」 →
    「淮安市洪泽区财政局」 (cut after the last word that ends a clause)."""
    cut = max((m.end() for m in _CLAUSE_END.finditer(run)), default=0)
    return clean_agency(run[cut:])


def agency_head(run: str) -> str:
    """The agency an opening sentence starts with: 「某区财政局坚持…」 → 「某区财政局」;
    「某区坚持…」 → 「某区」 (the place: its government reports)."""
    if not run or run[0] in _STOP:
        return ""
    places, rest = split_place(run)
    if not places:
        return ""
    best = ""
    if not _VERBS.match(rest):  # 「某区财政局坚持…」: a body between the place and the verb
        for match in _BODY_END.finditer(rest[:16]):
            if _VERBS.match(rest[match.end():]) or match.end() == len(rest):
                best = rest[: match.end()]
        if not best:
            return ""
    name = "".join(places) + best
    return name if is_agency(name) else ""


def agency_in_title(title: str) -> str:
    """The agency a report title names: before the year, or between year and 信息公开."""
    if not title:
        return ""
    title = re.sub(r"^关于", "", squash(title))
    year = re.search(rf"{YEAR}\s*年度?", title)
    first = re.search(r"(?:政府信息公开|政务公开|信息公开)", title)
    if year and first and first.start() < year.start():  # 「…年度报告（2022年度）」
        year = None
    report = re.search(r"(?:政府信息公开|政务公开|信息公开)", title[year.end():] if year else title)
    before = title[: year.start()] if year else ""
    if year and report:
        between = title[year.end(): year.end() + report.start()]
    else:
        between = title[: report.start()] if report else ""
    for candidate in (before, between):
        candidate = re.sub(r"(?:关于|的|本级|年度|工作)$", "", candidate.strip(" 　:：-—"))
        if len(candidate) >= 2 and re.fullmatch(rf"[{HAN}（）()]+", candidate):
            cleaned = clean_agency(candidate) or _bare_level(candidate)
            if cleaned:
                return cleaned
    return ""


def _bare_level(name: str) -> str:
    """「区人社局」 style names (a level and a body, the site gives the place)."""
    name = _JUNK_HEAD.sub("", name)
    return name if len(name) >= 3 and name[0] in "区县市州旗省" and AGENCY_SUFFIX.search(name) else ""


def body_phrases(text: str) -> list[tuple[str, str, str]]:
    """(name, signal, snippet) for every phrase of the opening text that names the author."""
    head = squash(text[:4000])
    found: list[tuple[str, str, str]] = []
    for signal, pattern in (("announce", _ANNOUNCE), ("preamble", _PREAMBLE)):
        match = pattern.search(head)
        if match:
            name = clean_agency(match.group(1))
            if name:
                found.append((name, signal, _snippet(head, match)))
    for match in _COMPILED.finditer(head):  # 「…，X编制本报告」
        run = _RUN_BEFORE.search(head, max(0, match.start() - 40), match.start())
        name = agency_tail(re.split(r"[由是]", run.group())[-1]) if run else ""
        if name:
            found.append((name, "compiler", _snippet(head, match)))
            break
    return found


def opening_agency(text: str) -> tuple[str, str]:
    """(name, snippet) of 「2024年，某区坚持…」 at the start of 总体情况 (or of the text)."""
    body = squash(text[:6000])
    start = body.find("总体情况")
    match = _OPENING.search(body, start if start >= 0 else 0)
    if not match:
        return "", ""
    return agency_head(match.group(1)), _snippet(body, match)


def signature(lines: list[str]) -> tuple[str, str]:
    """An agency alone on one of the last lines (the signature above the date)."""
    for line in reversed(lines[-8:]):
        line = squash(line)
        if 3 <= len(line) <= 30 and re.fullmatch(rf"[{HAN}]+", line) and AGENCY_SUFFIX.search(line):
            places, body = split_place(line)
            if (places or body) and is_agency(line):
                return line, line
    return "", ""


def _snippet(text: str, match: re.Match[str], reach: int = 40) -> str:
    return text[max(0, match.start() - 10): match.end() + reach].strip()[:120]
