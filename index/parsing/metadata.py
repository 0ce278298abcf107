"""Report metadata: title, agency (fullest name + aliases) and the year covered.

The year comes from the statistics period (统计期限 2023年1月1日至12月31日), the title
and the opening paragraph — never from a publication date or the file name alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import Block
from index.parsing.agency import derive_aliases, fix_ocr, fullest_name, place_stem, split_place

_HAN = r"\u4e00-\u9fff"
_CN_YEAR_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                   "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR = r"(?:(?:19|20)\d{2}|[二][〇○零Ｏ][〇○零一二三四五六七八九Ｏ]{2})"
_HEADER_TITLE = re.compile(r"^(?:标题|名称|题目|文章标题|title)\s*[:：]\s*(.+)$", re.I)
_REPORT_WORDS = re.compile(r"(?:政府信息公开|政务公开|信息公开)[^。；]{0,14}?(?:年度报告|年报|工作报告)")
_TITLE_IN_LINE = re.compile(
    rf"[{_HAN}（）()]{{0,30}}{_YEAR}\s*年度?[^。，；]{{0,30}}?"
    r"(?:政府信息公开|政务公开|信息公开)[^。，；\s]{0,12}?(?:年度报告|年报|工作报告)"
)
_STAT_PERIOD = re.compile(
    rf"统计[^。]{{0,16}}?({_YEAR})\s*年\s*(?:1|一|01)\s*月\s*(?:1|一|01)\s*日"
    rf"|({_YEAR})\s*年\s*(?:1|01)\s*月\s*(?:1|01)\s*日\s*(?:起)?\s*(?:至|到|—|-)\s*(?:\2\s*年\s*)?12\s*月\s*31\s*日"
)
_OPENING_YEAR = re.compile(rf"({_YEAR})\s*年度?\s*[，,、]")
_AGENCY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|局|委员会|委|厅|办|院|中心|管委会|街道办事处|街道|镇|乡|所|站|队|处|会|署|馆|区|县|市)$"
)
_PUBLISHER = re.compile(r"(?:发布机构|发文机关|来源)\s*[:：]\s*([" + _HAN + r"]{3,30})")
# A title ends with 报告/年报, or with the year in brackets: 「…年度报告（2022年度）」.
_TITLE_END = re.compile(rf"(?:报告|年报)(?:[（(]\s*{_YEAR}\s*年度?\s*[)）])?$")
# A page-info line (「发布日期：2023年1月18日 来源：本站」) is never part of a title.
_PAGE_INFO = re.compile(r"[:：]|发布|日期|时间|来源|浏览|字号")
# 「本报告由南京市玄武区民政局依据《条例》编制」: the agency named in the preamble.
_PREAMBLE_AGENCY = re.compile(
    rf"(?:本报告|本年度报告|年度报告)(?:是|由)([{_HAN}（）]{{3,30}}?)"
    r"(?:依据|根据|按照|依照|编制|制作|起草|汇总)"
)
_SQUASH = re.compile(rf"\s+(?=[{_HAN}（）])|(?<=[{_HAN}（）])\s+")
_MAX_HEAD_LINES = 40
_SHORT = 60


@dataclass(frozen=True)
class Metadata:
    title: str
    agency: str
    agency_aliases: tuple[str, ...]
    year: int | None
    warnings: tuple[str, ...] = ()


def read_metadata(blocks: tuple[Block, ...]) -> Metadata:
    lines = [b.text for b in blocks if b.kind == "text"]
    text = "\n".join(lines)
    title = find_title(lines)
    agency, printed = find_agency(title, lines, text)
    year, warnings = find_year(title, text)
    aliases = derive_aliases(agency, printed) if agency else ()
    return Metadata(title, agency, aliases, year, tuple(warnings))


def squash(text: str) -> str:
    """Drop spaces next to Chinese characters: 「洪泽区 2023 年」 → 「洪泽区2023年」."""
    return _SQUASH.sub("", text).strip()


# ---- title -------------------------------------------------------------------------


def find_title(lines: list[str]) -> str:
    head = [squash(line.lstrip("#* ").strip()) for line in lines[:_MAX_HEAD_LINES]]
    for line in head:
        match = _HEADER_TITLE.match(line)
        if match and _REPORT_WORDS.search(match.group(1)):
            return match.group(1).strip()
    for i, _line in enumerate(head):
        title = _title_at(head, i)
        if title:
            return title
    return ""


def _title_at(head: list[str], i: int) -> str:
    line = head[i]
    if len(line) <= _SHORT:
        joinable = i + 1 < len(head) and len(head[i + 1]) <= 20 and not _PAGE_INFO.search(line)
        joined = line + head[i + 1] if joinable else line
        for candidate in (line, joined):
            if _REPORT_WORDS.search(candidate) and _TITLE_END.search(candidate):
                return _with_agency_line(head, i, candidate)
    match = _TITLE_IN_LINE.search(line)
    if match:
        return _trim_chrome(match.group())
    return ""


def _with_agency_line(head: list[str], i: int, title: str) -> str:
    """Prepend an agency printed alone on the line above the title (PDF title pages)."""
    if i == 0 or re.search(rf"^{_YEAR}", title) is None and _agency_in_title(title):
        return title
    above = head[i - 1]
    if len(above) <= 30 and re.fullmatch(rf"[{_HAN}（）()]+", above) and _AGENCY_SUFFIX.search(above):
        return above + title
    return title


def _trim_chrome(title: str) -> str:
    """Cut breadcrumb words before the title: 「…政府信息公开年报平潭综合实验区2021年度…」."""
    cut = max((m.end() for m in re.finditer(r"年报|报告|首页|当前位置|专栏|>", title[:-4])), default=0)
    return title[cut:].strip()


# ---- agency ------------------------------------------------------------------------


def find_agency(title: str, lines: list[str], text: str) -> tuple[str, tuple[str, ...]]:
    """(fullest agency name, names as printed when they differ: OCR errors, title form)."""
    printed = _agency_in_title(title) or _agency_in_header(lines) or _agency_in_body(text)
    if not printed:
        return "", ()
    fixed = fix_ocr(printed)
    fixed_text = fix_ocr(text) if fixed != printed else text
    agency = fullest_name(fixed, fixed_text)
    names = (printed, fixed, *_publishers_of_same_place(lines, agency))
    return agency, tuple(dict.fromkeys(n for n in names if n != agency))


def _publishers_of_same_place(lines: list[str], agency: str) -> list[str]:
    """Publisher names in the page header for the same place (「来源：平潭县人民政府」)."""
    places, _body = split_place(agency)
    stem = place_stem(places[-1]) if places else ""
    found = [m.group(1) for line in lines[:_MAX_HEAD_LINES] if (m := _PUBLISHER.search(line))]
    return [name for name in found if stem and name.startswith(stem) and name != agency]


def _agency_in_title(title: str) -> str:
    if not title:
        return ""
    title = re.sub(r"^关于", "", squash(title))
    year = re.search(rf"{_YEAR}\s*年度?", title)
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
        if len(candidate) >= 2 and re.fullmatch(rf"[{_HAN}（）()]+", candidate):
            return candidate
    return ""


def _agency_in_header(lines: list[str]) -> str:
    for line in lines[:_MAX_HEAD_LINES]:
        match = _PUBLISHER.search(line)
        if match and _AGENCY_SUFFIX.search(match.group(1)):
            return match.group(1)
    return ""


def _agency_in_body(text: str) -> str:
    """「现将XX2023年…报告」 or a signature line near the end."""
    match = re.search(rf"(?:现将|现向社会公布|公布)([{_HAN}]{{3,30}}?){_YEAR}\s*年", squash(text[:3000]))
    if match and _AGENCY_SUFFIX.search(match.group(1)):
        return match.group(1)
    match = _PREAMBLE_AGENCY.search(squash(text[:3000]))
    if match and _AGENCY_SUFFIX.search(match.group(1)):
        return match.group(1)
    for line in reversed(text.splitlines()[-8:]):
        line = squash(line)
        if 3 <= len(line) <= 30 and re.fullmatch(rf"[{_HAN}]+", line) and _AGENCY_SUFFIX.search(line):
            places, body = split_place(line)
            if places or body:
                return line
    return ""


# ---- year --------------------------------------------------------------------------


def to_year(text: str) -> int:
    text = text.strip()
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_YEAR_DIGITS[ch]) for ch in text))


def find_year(title: str, text: str) -> tuple[int | None, list[str]]:
    """The year covered: statistics period, then title, then the opening paragraph."""
    period = _period_year(text)
    titled = _first_year(title)
    opening = _opening_year(text)
    year = period or titled or opening
    warnings: list[str] = []
    if period and titled and period != titled:
        warnings.append(f"标题年份（{titled}）与统计期限年份（{period}）不一致，采用统计期限 {period} 年。")
    return year, warnings


def _period_year(text: str) -> int | None:
    match = _STAT_PERIOD.search(squash(text[:20_000]))
    if not match:
        return None
    return to_year(match.group(1) or match.group(2))


def _first_year(text: str) -> int | None:
    match = re.search(rf"({_YEAR})\s*年", text)
    return to_year(match.group(1)) if match else None


def _opening_year(text: str) -> int | None:
    body = squash(text[:6000])
    start = body.find("总体情况")
    match = _OPENING_YEAR.search(body, start if start >= 0 else 0)
    return to_year(match.group(1)) if match else None
