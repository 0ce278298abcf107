"""Page-info fields in lines of text: 「来源：某某区财政局」「发布机构 | 某某市人民政府办公室」,
breadcrumbs 「当前位置：首页 > 政务公开 > 政府信息公开年报」.

Government pages print them in the page chrome (the info line under the title, the
信息公开目录 header table, the footer). The HTML loader reads them from the whole page
before chrome is dropped; the metadata reader reads them from the head lines of text that
a crawler exported with its chrome. Keys are data: `FIELD_KEYS` maps each printed key to
the kind of signal it gives (models.PageSignal.kind).
"""

from __future__ import annotations

import re

from index.models import PageSignal

# Printed key → signal kind. "agency": who publishes; "site": who runs the site;
# "title": the article's name; "date": publication date.
FIELD_KEYS: dict[str, str] = {
    "来源": "agency", "信息来源": "agency", "文章来源": "agency", "来源单位": "agency",
    "发布机构": "agency", "发文机关": "agency", "发布单位": "agency", "发文单位": "agency",
    "发布部门": "agency", "责任部门": "agency", "公开责任部门": "agency", "公开主体": "agency",
    "信息提供单位": "agency", "提供单位": "agency", "生成机构": "agency", "发布主体": "agency",
    "标题": "title", "名称": "title", "文章标题": "title", "信息名称": "title", "题名": "title",
    "文件名称": "title", "公开事项名称": "title",
    "发布日期": "date", "发布时间": "date", "成文日期": "date", "生成日期": "date",
    "公开日期": "date", "发文日期": "date", "日期": "date", "时间": "date",
    "主办": "site", "主办单位": "site", "网站主办": "site", "主办方": "site",
}
_KEYS = "|".join(sorted(FIELD_KEYS, key=len, reverse=True))
_HAN = r"\u4e00-\u9fff"
# A key and its value; the value runs to the next 「xx：」, a bar, or the end of the line.
_FIELD = re.compile(
    rf"(?<![{_HAN}])(?P<key>{_KEYS})\s*[:：]\s*(?P<value>.*?)"
    rf"(?=\s*[{_HAN}]{{2,6}}\s*[:：]|\s*[|｜【\[]|\s{{3,}}|$)"
)
_ANY_KEY = re.compile(_KEYS)
_KEY_CELL = re.compile(rf"^\s*(?P<key>{_KEYS})\s*[:：]?\s*$")
_MAYBE_CRUMB = re.compile(r"[>＞»›→/]|位置")
_CRUMB_START = re.compile(r"^\s*(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置|当前的位置|位置)\s*[:：]\s*")
_CRUMB_SEP = re.compile(r"\s*(?:>>|->|＞＞|[>＞»›→]|\s/\s)\s*")
_MAX_LINE = 160
_MAX_VALUE = 60


def line_fields(line: str, origin_prefix: str = "") -> list[PageSignal]:
    """Fields printed in one line of page text (none in long prose lines)."""
    if len(line) > _MAX_LINE:
        return []
    found: list[PageSignal] = []
    crumb = breadcrumb(line) if _MAYBE_CRUMB.search(line) else ""
    if crumb:
        found.append(PageSignal("breadcrumb", crumb, origin_prefix + "breadcrumb"))
        return found
    if not _ANY_KEY.search(line):
        return found
    for match in _FIELD.finditer(line):
        value = _clean_value(match.group("value"))
        if value:
            key = match.group("key")
            found.append(PageSignal(FIELD_KEYS[key], value, origin_prefix + key))
    return found


def cell_fields(cells: tuple[str, ...] | list[str], origin_prefix: str = "") -> list[PageSignal]:
    """Fields of a key/value table row: 「发布机构 | 某某市人民政府办公室 | 成文日期 | …」."""
    found: list[PageSignal] = []
    if not _ANY_KEY.search("".join(cells)):
        return found
    for index, cell in enumerate(cells[:-1]):
        match = _KEY_CELL.match(cell)
        if match:
            value = _clean_value(cells[index + 1])
            if value and not _KEY_CELL.match(value):
                key = match.group("key")
                found.append(PageSignal(FIELD_KEYS[key], value, origin_prefix + key))
    for cell in cells:  # 「发布机构：某某局」 in one cell
        if not _KEY_CELL.match(cell):
            found += line_fields(cell, origin_prefix)
    return found


def breadcrumb(line: str) -> str:
    """The crumbs of a breadcrumb line joined by 「 > 」, or "" when the line is none."""
    text = line.strip()
    started = _CRUMB_START.match(text)
    if started:
        text = text[started.end():]
    parts = [p.strip() for p in _CRUMB_SEP.split(text) if p.strip()]
    if len(parts) < 2 or (not started and len(parts) < 3):
        return ""
    if any(len(p) > 40 for p in parts) or not started and not _looks_like_home(parts[0]):
        return ""
    return " > ".join(parts)


def _looks_like_home(first: str) -> bool:
    return first in ("首页", "网站首页", "主页", "返回首页") or first.endswith(("首页", "政府", "门户网站", "网"))


def _clean_value(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip(" 　:：-—|｜")
    if not value or len(value) > _MAX_VALUE:
        return ""
    return value
