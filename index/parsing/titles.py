"""Report titles: recognising one (also cut short by a site: 「…工作年度报...」), splitting a
page <title> into its parts, and the title lines at the head of a text.

A title is 「<agency><year>年度?<政府信息公开…年度报告>」 in its many spellings. Sites cut
long titles (「…政府信息公开工作年度报...」); a cut title still gives agency and year and
is completed with the template's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN = r"\u4e00-\u9fff"
YEAR = r"(?:(?:19|20)\d{2}|[二][〇○零Ｏ][〇○零一二三四五六七八九Ｏ]{2})"
REPORT_WORDS = re.compile(r"(?:政府信息公开|政务公开|信息公开)[^。；]{0,14}?(?:年度报告|年报|工作报告)")
_DISCLOSURE = re.compile(r"政府信息公开|政务公开|信息公开")
_TITLE_IN_LINE = re.compile(
    rf"[{HAN}（）()]{{0,30}}{YEAR}\s*年度?[^。，；]{{0,30}}?"
    r"(?:政府信息公开|政务公开|信息公开)[^。，；\s]{0,12}?(?:年度报告|年报|工作报告)"
)
# A title ends with 报告/年报, or with the year in brackets: 「…年度报告（2022年度）」.
_TITLE_END = re.compile(rf"(?:报告|年报)(?:[（(]\s*{YEAR}\s*年度?\s*[)）])?$")
# A page-info line (「发布日期：2023年1月18日 来源：本站」) is never part of a title.
_PAGE_INFO = re.compile(r"[:：]|发布|日期|时间|来源|浏览|字号")
_HEADER_TITLE = re.compile(r"^(?:标题|名称|题目|文章标题|title)\s*[:：]\s*(.+)$", re.I)
_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|…+|。{2,}|．{2,}|·{3,})\s*$")
# What follows the year in a title, in full; a cut title ends inside one of them.
COMPLETIONS = ("政府信息公开工作年度报告", "政府信息公开年度报告", "政务公开工作年度报告",
               "信息公开工作年度报告", "政府信息公开工作报告", "政府信息公开年报", "政务公开年度报告")
_YEAR_AT = re.compile(rf"({YEAR})\s*年度?")
# Separators of a page <title>: 「标题_栏目_站点」「标题 - 站点」「站点|标题」.
_TITLE_SEPARATORS = re.compile(
    r"\s*(?:_+|[|｜]|\s[-－—–]{1,2}\s|-{2,}|—{2}|::|(?<=[\u4e00-\u9fff）)])[-－–](?=[\u4e00-\u9fff（(]))\s*"
)
_SQUASH = re.compile(rf"\s+(?=[{HAN}（）])|(?<=[{HAN}（）])\s+")
# Words that make a title-like line a list entry or a commentary, not the report's title.
_NOT_THE_REPORT = re.compile(r"解读|图解|一图读懂|关于印发|通知|说明会|新闻发布")
_SHORT = 60
# Verb phrases and function words printed before a name or a title: 「特编制」「现将」「关于」.
JUNK_HEAD = re.compile(
    r"^(?:关于|现将|特此|由|(?:现|特|兹|今|并|已|均|特此)?"
    r"(?:编制|制作|制定|编写|撰写|发布|公布|印发|形成|起草|汇总|报送|发表|刊登))+"
)


@dataclass(frozen=True)
class TitleText:
    """A report title as printed (`printed`) and as used (`text`: completed when cut)."""

    text: str
    printed: str
    truncated: bool = False


def squash(text: str) -> str:
    """Drop spaces next to Chinese characters: 「洪泽区 2023 年」 → 「洪泽区2023年」."""
    return _SQUASH.sub("", text).strip()


def report_title(text: str) -> TitleText | None:
    """The report title a short piece of text is, whole or cut short; None otherwise."""
    text = clean_title(text)
    if not text or len(text) > 80 or _NOT_THE_REPORT.search(text) or not _YEAR_AT.search(text):
        return None
    cut = _ELLIPSIS.search(text)
    bare = text[: cut.start()] if cut else text
    if not cut and REPORT_WORDS.search(bare) and _TITLE_END.search(bare):
        return TitleText(bare, text)
    completed = complete(bare)
    if completed:
        return TitleText(completed, text, truncated=True)
    match = _TITLE_IN_LINE.search(bare)
    if match and not cut and _TITLE_END.search(bare):
        return TitleText(trim_chrome(match.group()), text)
    return None


def clean_title(text: str) -> str:
    """Without quotes, marks and a verb phrase before it (「特编制某局2023年…」)."""
    return JUNK_HEAD.sub("", squash(text.strip(" 　#*\"'“”《》<>。")))


def complete(text: str) -> str:
    """「某区2024年度政府信息公开工作年度报」 → 「…工作年度报告」; "" when the text is no cut title."""
    year = None
    for year in _YEAR_AT.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    if year is None:
        return ""
    rest = text[year.end():]
    if REPORT_WORDS.search(rest) and _TITLE_END.search(rest):
        return text
    if len(rest) < 2:
        return ""
    for option in COMPLETIONS:
        if option.startswith(rest):
            return text[: year.end()] + option
    return ""


def page_title_parts(title: str) -> list[str]:
    """「标题_栏目_站点」 → ["标题", "栏目", "站点"] (one part when nothing separates)."""
    return [p for p in (part.strip() for part in _TITLE_SEPARATORS.split(title)) if p]


def trim_chrome(title: str) -> str:
    """Cut breadcrumb words before the title: 「…政府信息公开年报平潭综合实验区2021年度…」."""
    cut = max((m.end() for m in re.finditer(r"年报|报告|首页|当前位置|专栏|>", title[:-4])), default=0)
    return title[cut:].strip()


def header_title(line: str) -> str:
    """The title of a 「标题：…」 line, when it is a report title."""
    match = _HEADER_TITLE.match(line)
    if match and REPORT_WORDS.search(match.group(1)):
        return match.group(1).strip()
    return ""


def title_at(head: list[str], i: int) -> str:
    """The title printed on line i of the head (joined with a short next line), or ""."""
    line = head[i]
    if len(line) <= _SHORT:
        joinable = (i + 1 < len(head) and len(head[i + 1]) <= 20 and not _PAGE_INFO.search(line)
                    and not _PAGE_INFO.search(head[i + 1]) and not _ELLIPSIS.search(line))
        joined = line + head[i + 1] if joinable else line
        for candidate in (line, joined):
            if REPORT_WORDS.search(candidate) and _TITLE_END.search(candidate) and _names_something(candidate):
                return candidate
    for match in _TITLE_IN_LINE.finditer(line):
        if not _quoted(line, match.start()):  # 《关于做好2023年度…年度报告编制工作的通知》
            return clean_title(trim_chrome(match.group()))
    return ""


def _quoted(line: str, start: int) -> bool:
    """Inside 《…》: the name of another document the sentence cites."""
    before = line[:start]
    return before.rfind("《") > before.rfind("》")


def _names_something(title: str) -> bool:
    """A title gives a year or an agency before its report words (「政府信息公开年报」, a
    column name, gives neither)."""
    words = _DISCLOSURE.search(title)
    return bool(_YEAR_AT.search(title)) or bool(words and re.search(rf"[{HAN}]{{3,}}", title[: words.start()]))


def is_page_info(line: str) -> bool:
    return bool(_PAGE_INFO.search(line))
