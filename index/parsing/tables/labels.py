"""Fuzzy matching of printed row labels to canonical keys, by distinctive keywords.

Labels arrive misprinted (其他法律行政止公开), cut across lines, glued to their group
label or to the table header. Each canonical row has a few keywords any surviving part
of its label is likely to contain; a label matches every row whose keyword it contains.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.parsing.tables.stream import normalize

# Table 三 rows → keywords (matched on normalized text: NFKC, no spaces).
TABLE3_KEYWORDS: dict[str, tuple[str, ...]] = {
    "new_received": ("本年新收", "新收政府信息", "新收"),
    "carried_over": ("上年结转",),
    "granted": ("予以公开",),
    "partially_granted": ("部分公开",),
    "denied.state_secret": ("国家秘密",),
    "denied.prohibited_by_law": ("其他法律", "行政法规禁止", "禁止公开"),
    "denied.three_security_one_stability": ("三安全", "一稳定"),
    "denied.third_party_rights": ("第三方",),
    "denied.internal_affairs": ("内部事务",),
    "denied.process_info": ("过程性",),
    "denied.law_enforcement_file": ("执法案卷",),
    "denied.inquiry_matter": ("行政查询", "查询事项"),
    "unable.not_held": ("不掌握",),
    "unable.needs_creation": ("另行制作", "没有现成"),
    "unable.unclear": ("仍不明确", "补正后申请"),
    "not_processed.complaint": ("信访", "举报投诉"),
    "not_processed.duplicate": ("重复申请",),
    "not_processed.publication": ("出版物",),
    "not_processed.excessive": ("大量反复", "反复申请"),
    "not_processed.confirm_reissue": ("重新出具", "确认或"),
    "other.no_correction": ("不补正", "逾期不补"),
    "other.unpaid_fee": ("缴纳费用", "收费通知"),
    "other": ("其他处理",),
    "total_handled": ("总计", "合计"),
    "carried_forward": ("结转下年", "下年度继续", "转下年"),
}
_HEADER_WORDS = ("自然人", "申请人情况", "法人或其他组织", "商业企业")
_TOTAL_ROW = ("(七)", "七、")
_OTHER_OTHER = re.compile(r"(?:^|[^\d])3[.、]?其他$|^其他$")

# Group-total rows as printed by some reports: only the group label, no item label.
GROUP_KEYWORDS: dict[str, tuple[str, ...]] = {
    "denied": ("不予公开",),
    "unable": ("无法提供",),
    "not_processed": ("不予处理",),
    "other": ("其他处理",),
}

# Markers of table 三's （六）其他处理 items 1–3 (2021 layout).
OTHER_ITEM_MARKERS = ("不补正", "缴纳费用", "收费通知")


def table3_keys(label: str) -> set[str]:
    """Canonical table 三 row keys whose keywords the label contains."""
    return set(_table3_keys(label))


@lru_cache(maxsize=8192)
def _table3_keys(label: str) -> frozenset[str]:
    text = normalize(label)
    keys = {key for key, words in TABLE3_KEYWORDS.items() if any(w in text for w in words)}
    if _OTHER_OTHER.search(text):
        keys.add("other.other")
    if "其他处理" in text and (keys - {"other", "total_handled"}):
        keys.discard("other")
    if any(w in text for w in _HEADER_WORDS) and not any(w in text for w in _TOTAL_ROW):
        keys.discard("total_handled")  # 总计 of the column header, not the （七）总计 row
    return frozenset(keys)


def group_only(label: str) -> str | None:
    """The group key when the label names a group and no item of it (a printed group total)."""
    text = normalize(label)
    if table3_keys(label) - {"other"}:
        return None
    for group, words in GROUP_KEYWORDS.items():
        if any(w in text for w in words) and not re.search(r"\d[.、]", text):
            return group
    return None


# Table 二 rows → keywords; order matters (行政规范性文件 before 规章 is irrelevant, but
# 其他对外管理服务事项 must not be taken for anything else).
TABLE2_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rules", ("规章",)),
    ("normative_docs", ("规范性文件",)),
    ("licensing", ("行政许可",)),
    ("other_services", ("其他对外管理服务", "对外管理服务事项")),
    ("penalty", ("行政处罚",)),
    ("coercion", ("行政强制",)),
    ("admin_fees", ("事业性收费",)),
    ("procurement", ("集中采购",)),
)


def table2_key(label: str) -> str | None:
    """The table 二 row the label names (the last one named, when several are)."""
    text = normalize(label)
    best: tuple[int, str] | None = None
    for key, words in TABLE2_KEYWORDS:
        for word in words:
            pos = text.rfind(word)
            if pos >= 0 and (best is None or pos > best[0]):
                best = (pos, key)
    return best[1] if best else None


_MARKER = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d[.．、]")


def trim_label(label: str, key: str) -> str:
    """The part of a run-on label that names `key`: from the item marker before the
    keyword ("1." / "（一）" / "一、") to the next marker."""
    words = TABLE3_KEYWORDS.get(key, ()) + (("其他",) if key == "other.other" else ())
    hits = [(label.find(w), w) for w in words if w in label]
    if not hits:
        return label.strip()
    pos, word = min(hits)
    starts = [m.start() for m in _MARKER.finditer(label, 0, pos)]
    start = starts[-1] if starts else 0
    after = _MARKER.search(label, pos + len(word))
    end = after.start() if after else len(label)
    return label[start:end].strip()
