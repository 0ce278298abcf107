"""Agency names: the fullest form found in the text, and the short forms people use.

A name is split into its place chain (「新乡市」「红旗区」) and its body (「财政局」). The
fullest form prefixes a title's name with the place names printed before it elsewhere
(title 「洪泽区人民政府」, body 「淮安市洪泽区人民政府办公室」 → 「淮安市洪泽区人民政府」).
Aliases are derived by rules: drop the upper places, 人民政府 → 政府, the bare place,
the place without its 区/县 suffix, common abbreviations (发展和改革局 → 发改局 …).
"""

from __future__ import annotations

import re

_HAN = r"\u4e00-\u9fff"
# Longest first: multi-character suffixes of administrative areas.
PLACE_SUFFIXES = ("高新技术产业开发区", "经济技术开发区", "综合实验区", "经济开发区", "开发区",
                  "自治区", "自治州", "自治县", "自治旗", "新区", "地区", "林区", "特区",
                  "省", "市", "州", "盟", "县", "区", "旗")
_SEGMENT = re.compile(rf"[{_HAN}]{{2,8}}?(?:{'|'.join(PLACE_SUFFIXES)})")
_NOT_PLACES = {"城市", "市区", "社区", "园区", "景区", "片区", "辖区", "城区", "全市", "全区", "全县",
               "本市", "本区", "本县", "我市", "我区", "我县", "地区", "山区", "街区"}
# Characters that end a phrase before a name: 「本报告由|淮安市」「请与|淮安市」.
_STOP_CHARS = set("由在于向对据的是和与将为经请按年月日我本全各及等以了从至自把被让给即")
# Known OCR confusions in place names (printed → real).
OCR_PLACE_FIXES: dict[str, str] = {"沐阳": "沭阳", "泅洪": "泗洪", "盱胎": "盱眙"}
# Body abbreviations people use (full → short forms).
ABBREVIATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("人民政府办公厅", ("政府办公厅", "府办", "政府办")),
    ("人民政府办公室", ("政府办公室", "政府办", "府办")),
    ("人民政府", ("政府",)),
    ("发展和改革委员会", ("发改委", "发展改革委")),
    ("发展和改革局", ("发改局", "发展改革局")),
    ("科学技术委员会", ("科委", "科技委")),
    ("科学技术局", ("科技局",)),
    ("人力资源和社会保障局", ("人社局",)),
    ("住房和城乡建设局", ("住建局",)),
    ("市场监督管理局", ("市场监管局",)),
    ("生态环境局", ("环保局",)),
    ("自然资源和规划局", ("自然资源局",)),
    ("管理委员会", ("管委会",)),
    ("卫生健康委员会", ("卫健委",)),
    ("卫生健康局", ("卫健局",)),
    ("交通运输局", ("交通局",)),
    ("农业农村局", ("农业局", "农业农村局")),
    ("教育体育局", ("教体局",)),
    ("文化广电和旅游局", ("文旅局", "文广旅局")),
    ("文化和旅游局", ("文旅局",)),
    ("应急管理局", ("应急局",)),
    ("医疗保障局", ("医保局",)),
    ("退役军人事务局", ("退役军人局",)),
    ("行政审批服务局", ("行政审批局", "审批局")),
)
_GOVERNMENT_BODIES = ("人民政府", "政府", "管理委员会", "管委会", "")
_BARE_LEVELS = ("区", "县", "市", "州", "旗", "省")


def fix_ocr(name: str) -> str:
    for wrong, right in OCR_PLACE_FIXES.items():
        name = name.replace(wrong, right)
    return name


def split_place(name: str) -> tuple[list[str], str]:
    """「新乡市红旗区财政局」 → (["新乡市", "红旗区"], "财政局")."""
    places: list[str] = []
    pos = 0
    while True:
        match = _SEGMENT.match(name, pos)
        if not match or match.group() in _NOT_PLACES:
            break
        places.append(match.group())
        pos = match.end()
    return places, name[pos:]


def is_place_chain(text: str) -> bool:
    places, body = split_place(text)
    return bool(places) and not body


def fullest_name(name: str, text: str) -> str:
    """The longest 「<places>name」 printed anywhere in `text`; an abbreviated body in the
    title (「岳塘区人社局」) is matched in its full form too (「岳塘区人力资源和社会保障局」)."""
    best = _bare_level_name(name, text) or name
    expanded = _expanded_variants(name)
    for variant in _name_variants(name) + expanded:
        for match in re.finditer(re.escape(variant), text):
            prefix = _place_prefix(text[max(0, match.start() - 16): match.start()])
            candidate = prefix + variant
            if (prefix or variant in expanded) and len(candidate) > len(best):
                best = candidate
    return best


def _name_variants(name: str) -> list[str]:
    variants = [name]
    if "人民政府" not in name and name.endswith("政府"):
        variants.append(name[:-2] + "人民政府")
    return variants


def _expanded_variants(name: str) -> list[str]:
    """「岳塘区人社局」 → [「岳塘区人力资源和社会保障局」]: abbreviations written out."""
    places, body = split_place(name)
    if not places:
        return []
    longer = [form for form in _body_forms(body) if len(form) > len(body)]
    return ["".join(places) + form for form in dict.fromkeys(longer)]


def _bare_level_name(name: str, text: str) -> str:
    """A title that names the body with a bare level (「区人社局」, the site giving the
    place): the name printed with its place in the text (「湘潭市岳塘区人力资源和社会保障局」)."""
    level, body = name[:1], name[1:]
    if level not in _BARE_LEVELS or split_place(name)[0] or len(body) < 2:
        return ""
    best = ""
    for form in dict.fromkeys([body, *_body_forms(body)]):
        for match in re.finditer(re.escape(form), text):
            prefix = _place_prefix(text[max(0, match.start() - 16): match.start()])
            if prefix.endswith(level) and len(prefix + form) > len(best):
                best = prefix + form
    return best


def _place_prefix(before: str) -> str:
    """The place chain immediately before a name: 「，新乡市」 → 「新乡市」."""
    run = re.search(rf"[{_HAN}]*$", before)
    text = run.group() if run else ""
    cut = max((i for i, ch in enumerate(text) if ch in _STOP_CHARS), default=-1)
    text = text[cut + 1:]
    for start in range(len(text)):
        if is_place_chain(text[start:]):
            return text[start:]
    return ""


def derive_aliases(agency: str, printed: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Short forms of `agency`, plus the names as printed (e.g. with OCR errors) and theirs."""
    found: list[str] = []
    for name in (agency, *printed):
        found.extend(_aliases_of(name))
        found.append(name)
    return tuple(a for a in dict.fromkeys(found) if a and a != agency and len(a) >= 2)


def _aliases_of(name: str) -> list[str]:
    places, body = split_place(name)
    if not places:
        return _body_forms(body)
    last = places[-1]
    stem, suffix = _stem(last)
    out: list[str] = []
    for full_body in [body, *_body_forms(body)]:
        out += [f"{last}{full_body}", f"{''.join(places)}{full_body}"]
        if len(stem) >= 2 and full_body and full_body not in _GOVERNMENT_BODIES:
            out.append(f"{stem}{full_body}")
        if suffix and full_body and full_body not in _GOVERNMENT_BODIES:
            out.append(f"{suffix[-1]}{full_body}")
    if body.endswith("局") and 3 <= len(body) <= 4:
        out.append(f"{last}{body[:-1]}")
    if body in _GOVERNMENT_BODIES:
        out += [last] + ([stem] if len(stem) >= 2 else [])
    if suffix in ("综合实验区", "经济开发区", "开发区", "新区", "经济技术开发区"):
        out += [f"{stem}实验区" if suffix == "综合实验区" else last, f"{last}管委会"]
    return [a for a in out if a != name]


def _body_forms(body: str) -> list[str]:
    forms: list[str] = []
    for full, shorts in ABBREVIATIONS:
        if full in body:
            forms += [body.replace(full, short) for short in shorts]
        elif any(body.endswith(short) for short in shorts) and body:
            short = next(s for s in shorts if body.endswith(s))
            stem = body[: -len(short)]
            forms += [stem + full] + [stem + other for other in shorts if other != short]
    return forms


def place_stem(place: str) -> str:
    """「洪泽区」 → 「洪泽」."""
    return _stem(place)[0]


def _stem(place: str) -> tuple[str, str]:
    """「洪泽区」 → ("洪泽", "区"); 「平潭综合实验区」 → ("平潭", "综合实验区")."""
    for suffix in PLACE_SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix):
            return place[: -len(suffix)], suffix
    return place, ""
