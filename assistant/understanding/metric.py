"""What figure a question asks for: canonical cells of tables 二/三/四.

Citizen words (DOMAIN.md "How people ask", `index.vocabulary`) and the template's own labels
map to canonical row keys; applicant words map to table 三 columns and result words to
table 四 columns. Longer phrases win over the shorter phrases they contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.template import GROUP_ITEMS
from index.vocabulary import COLUMN_WORDS

LITIGATION = "litigation"  # both kinds of 行政诉讼 (直接起诉 + 复议后起诉)
LEGAL_PERSON = "legal_person"  # 法人或其他组织: the five organisation columns together


@dataclass(frozen=True)
class Cell:
    """A canonical cell; row may be a group key or LITIGATION, column "" = the default."""

    table: str
    row: str
    column: str = ""


@dataclass(frozen=True)
class MetricSpec:
    cells: tuple[Cell, ...] = ()
    companions: tuple[Cell, ...] = ()  # figures a helpful answer adds
    words: tuple[str, ...] = ()  # the citizen words that named the cells
    column: str = ""  # explicit table 三 / 四 column, "" when none
    topic: str = ""  # "fee_prose" | "problems" | "" — prose topics
    columns: tuple[str, ...] = ()  # several applicant types named (「个人和企业各多少」)


def _c(table: str, row: str, column: str = "") -> Cell:
    return Cell(table, row, column)


# (words, cells, companions). Matched longest word first.
_ROW_RULES: list[tuple[tuple[str, ...], tuple[Cell, ...], tuple[Cell, ...]]] = [
    (("本年新收", "新收", "收到", "受理", "申请量", "申请数", "多少申请", "几件申请", "几个申请",
      "申请了多少", "申请了几", "多少人申请", "申请多少", "申请了", "提出申请", "申请信息公开",
      "谁提", "谁申请", "申请人", "什么人申请", "哪些人申请", "要信息", "索取", "来要", "讨要"),
     (_c("三", "new_received"),), (_c("三", "carried_over"),)),
    (("上年结转", "上一年结转", "结转过来", "上年度结转", "从上年结转"), (_c("三", "carried_over"),), ()),
    (("结转下年", "结转到下一年", "结转到", "转到下一年", "结转到下年", "转下一年", "结转到明年", "继续办理", "结转下一年",
      "转入下一年", "留到下一年", "结转到下一年度"), (_c("三", "carried_forward"),), ()),
    (("予以公开", "公开了多少", "公开了几", "同意公开", "批准", "同意", "全部公开", "答应公开"),
     (_c("三", "granted"),), (_c("三", "partially_granted"),)),
    (("部分公开",), (_c("三", "partially_granted"),), ()),
    (("不予公开", "拒绝", "不给公开", "驳回", "没批准", "被拒", "不公开", "没同意", "不批准",
      "拒了", "拒掉", "回绝", "打回", "不让公开", "不予以公开"),
     (_c("三", "denied"),), (_c("三", "unable"), _c("三", "not_processed"))),
    (("无法提供", "提供不了"), (_c("三", "unable"),), ()),
    (("不予处理", "不处理"), (_c("三", "not_processed"),), ()),
    (("其他处理",), (_c("三", "other"),), ()),
    (("办理结果总计", "办结", "办理了多少", "答复了多少", "一共办理", "一共处理", "总共处理",
      "共处理了", "处理了多少申请"),
     (_c("三", "total_handled"),), ()),
    # denied items
    (("国家秘密", "涉密"), (_c("三", "denied.state_secret"),), ()),
    (("法律行政法规禁止", "法规禁止"), (_c("三", "denied.prohibited_by_law"),), ()),
    (("三安全一稳定", "危及"), (_c("三", "denied.three_security_one_stability"),), ()),
    (("第三方合法权益", "第三方"), (_c("三", "denied.third_party_rights"),), ()),
    (("内部事务",), (_c("三", "denied.internal_affairs"),), ()),
    (("过程性信息", "过程性"), (_c("三", "denied.process_info"),), ()),
    (("行政执法案卷", "执法案卷"), (_c("三", "denied.law_enforcement_file"),), ()),
    (("行政查询事项", "查询事项"), (_c("三", "denied.inquiry_matter"),), ()),
    # unable items
    (("不掌握", "查不到", "信息不存在", "没有这个信息", "没有相关信息", "找不到", "没有该信息"),
     (_c("三", "unable.not_held"),), ()),
    (("另行制作", "没有现成"), (_c("三", "unable.needs_creation"),), ()),
    (("仍不明确", "内容不明确", "不明确"), (_c("三", "unable.unclear"),), ()),
    # not processed items
    (("信访", "举报", "投诉"), (_c("三", "not_processed.complaint"),), ()),
    (("重复申请",), (_c("三", "not_processed.duplicate"),), ()),
    (("公开出版物", "出版物"), (_c("三", "not_processed.publication"),), ()),
    (("大量反复", "反复申请"), (_c("三", "not_processed.excessive"),), ()),
    (("重新出具", "确认或重新出具"), (_c("三", "not_processed.confirm_reissue"),), ()),
    # other items
    (("逾期不补正", "不补正"), (_c("三", "other.no_correction"),), ()),
    (("缴纳费用", "未缴费", "不交费", "没交费", "没交钱", "不交钱", "没缴费", "未缴纳", "没付钱",
      "逾期未缴"), (_c("三", "other.unpaid_fee"),), ()),
    # table 四
    (("复议",), (_c("四", "reconsideration"),), ()),
    (("诉讼", "被告", "被人告", "告了", "被起诉", "起诉", "打官司", "官司", "应诉", "败诉", "告过"),
     (_c("四", LITIGATION),), ()),
    (("直接起诉", "未经复议"), (_c("四", "litigation_direct"),), ()),
    (("复议后起诉", "复议后"), (_c("四", "litigation_after_reconsideration"),), ()),
    # table 二
    (("规章",), (_c("二", "rules", "issued"),), ()),
    (("规范性文件", "红头文件", "发了几个文件", "发文", "制发", "发了多少文件", "发了几份文件"),
     (_c("二", "normative_docs", "issued"),), ()),
    (("行政许可", "许可", "审批"), (_c("二", "licensing", "decisions"),), ()),
    (("其他对外管理服务事项", "对外管理服务"), (_c("二", "other_services", "decisions"),), ()),
    (("行政处罚", "处罚", "罚款", "罚了"), (_c("二", "penalty", "decisions"),), ()),
    (("行政强制", "强制"), (_c("二", "coercion", "decisions"),), ()),
    (("行政事业性收费", "收费", "收钱", "要钱", "交钱", "收了多少钱", "收了钱"),
     (_c("二", "admin_fees", "amount"),), ()),
    (("政府集中采购", "集中采购", "采购"), (_c("二", "procurement", "amount"),), ()),
]

# Figures a helpful answer adds (DOMAIN.md "How people ask").
COMPANIONS: dict[str, tuple[Cell, ...]] = {
    "new_received": (_c("三", "carried_over"),),
    "granted": (_c("三", "partially_granted"),),
    "denied": (_c("三", "unable"), _c("三", "not_processed")),
}

# Table 四 result words → column.
RESULT_WORDS: dict[str, str] = {
    "维持": "upheld", "纠正": "corrected", "纠错": "corrected", "败诉": "corrected",
    "输了": "corrected", "输": "corrected", "撤销": "corrected", "尚未审结": "pending",
    "未审结": "pending", "还没判": "pending", "没判": "pending", "未结案": "pending",
    "其他结果": "other",
}
# Table 二 column words.
TABLE2_COLUMN_WORDS: dict[str, str] = {
    "废止": "abolished", "现行有效": "in_force", "有效": "in_force",
    "新制作": "new_made", "新公开": "new_published", "对外公开总数": "total_published",
    "上一年项目": "prev_items", "增减": "change", "增/减": "change", "处理决定": "decisions",
    "项目数": "items", "几个项目": "items", "多少个项目": "items", "几项": "items",
}
APPLICANT_WORDS: dict[str, str] = {
    **COLUMN_WORDS, "法人或其他组织": LEGAL_PERSON, "法人": LEGAL_PERSON, "单位": LEGAL_PERSON,
    "组织": LEGAL_PERSON, "公益": "social_welfare", "其他组织": "other_org",
    "企业": "commercial", "大学": "research", "科研": "research", "律师事务所": "legal_service",
    "老百姓": "natural_person", "市民": "natural_person", "居民": "natural_person",
    "普通人": "natural_person", "自然人": "natural_person",
}
# 「申请都是哪些人提的」: who applied = 本年新收 by applicant type.
_WHO_APPLIED = re.compile(r"哪些人|什么人|哪类人|谁")
_COUNT = re.compile(r"多少|几")
# Phrases whose words would wrongly name a table 三 row (主动公开 is not 予以公开).
NOT_METRIC = ("主动公开",)
FEE_WORDS = ("信息处理费", "收费", "收钱", "要钱", "交钱", "费用", "付费", "收了多少钱")
PROBLEM_WORDS = ("存在的问题", "存在哪些问题", "什么问题", "问题和不足", "不足", "改进", "存在问题",
                 "主要问题", "哪些问题")


def _find_words(text: str, words: list[str]) -> list[tuple[int, str]]:
    """Non-overlapping occurrences, longest words first."""
    taken = [False] * len(text)
    found: list[tuple[int, str]] = []
    for word in sorted(words, key=len, reverse=True):
        for m in re.finditer(re.escape(word), text):
            span = range(m.start(), m.end())
            if any(taken[i] for i in span):
                continue
            for i in span:
                taken[i] = True
            found.append((m.start(), word))
    return sorted(found)


def _rows(text: str) -> tuple[list[Cell], list[Cell], list[str]]:
    index = {w: (cells, comp) for words, cells, comp in _ROW_RULES for w in words}
    cells: list[Cell] = []
    companions: list[Cell] = []
    words: list[str] = []
    for _, word in _find_words(text, list(index)):
        c, comp = index[word]
        for cell in c:
            if cell not in cells:
                cells.append(cell)
        companions += [x for x in comp if x not in companions]
        words.append(word)
    return cells, companions, words


def _refine(cells: list[Cell]) -> list[Cell]:
    """Drop general cells a more specific one covers (申请 + 不予公开 → 不予公开)."""
    rows = {c.row for c in cells}
    out = [c for c in cells if not (c.row == "new_received" and len(rows) > 1)]
    if any(r.startswith("litigation_") for r in rows):
        out = [c for c in out if c.row not in (LITIGATION, "reconsideration")]
    for group in GROUP_ITEMS:
        if any(r.startswith(group + ".") for r in rows):
            out = [c for c in out if c.row != group]
    if any(c.table == "二" for c in out) and any(c.table == "三" for c in out):
        out = [c for c in out if c.table == "二"]
    return out or cells


# Phrases containing applicant words that do not name an applicant type.
NOT_APPLICANT = ("哪个单位", "哪些单位", "各单位", "哪家单位", "所有单位", "本单位", "单位名称",
                 "哪个部门", "各部门", "社会组织")


def applicant_column(text: str) -> str:
    for phrase in NOT_APPLICANT:
        text = text.replace(phrase, " ")
    hits = _find_words(text, list(APPLICANT_WORDS))
    return APPLICANT_WORDS[hits[0][1]] if hits else ""


def applicant_columns(text: str) -> tuple[str, ...]:
    """Every applicant type named, in order (「个人和企业各多少」 → natural_person, commercial)."""
    for phrase in NOT_APPLICANT:
        text = text.replace(phrase, " ")
    return tuple(dict.fromkeys(APPLICANT_WORDS[w] for _, w in _find_words(text, list(APPLICANT_WORDS))))


def result_column(text: str) -> str:
    hits = _find_words(text, list(RESULT_WORDS))
    return RESULT_WORDS[hits[0][1]] if hits else ""


def _mask_item_words(text: str, words: list[str]) -> str:
    """`text` without the words that named a table 三 item row (「没交钱」 → other.unpaid_fee)."""
    index = {w: cells for ws, cells, _ in _ROW_RULES for w in ws}
    for word in words:
        if any(c.table == "三" and "." in c.row for c in index.get(word, ())):
            text = text.replace(word, "＿" * len(word))
    return text


def parse_metric(text: str) -> MetricSpec:
    """Cells, companions and column named in `text` (agency and year already removed)."""
    text = text.replace("报告", "")
    for phrase in NOT_METRIC:
        text = text.replace(phrase, "＿" * len(phrase))
    cells, _, words = _rows(text)
    topic = ""
    fee_text = _mask_item_words(text, words)  # 「没交钱不再处理」 names a row, not the fee
    if "信息处理费" in text or (any(w in fee_text for w in FEE_WORDS) and "申请" in text):
        topic, cells = "fee_prose", [c for c in cells if c.row not in ("admin_fees", "new_received")]
    elif any(w in text for w in PROBLEM_WORDS) and not cells:
        topic = "problems"
    elif any(c.row == "admin_fees" for c in cells):
        topic = "fee_companion"  # 收费: also what the report says about 信息处理费
    cells = _refine(cells)
    column = _column(text, cells)
    if not cells and "申请" in text and not topic and (
            column or _WHO_APPLIED.search(text) or _COUNT.search(text)):
        cells = [_c("三", "new_received")]  # 「企业申请的有几件」「哪些人提的申请」「多少人来申请」
    columns = applicant_columns(text) if any(c.table == "三" for c in cells) else ()
    if len(columns) >= 2:
        column = ""  # several applicant types: a breakdown by applicant, not one column
    if column and column not in ("", LEGAL_PERSON) and any(c.table == "四" for c in cells):
        cells = [c if c.table != "四" else Cell("四", c.row, column) for c in cells]
    cells = [_default_table2_column(c, text) for c in cells]
    companions = [x for c in cells for x in COMPANIONS.get(c.row, ()) if x not in cells]
    return MetricSpec(tuple(cells), tuple(dict.fromkeys(companions)), tuple(words), column, topic,
                      columns if len(columns) >= 2 else ())


def _column(text: str, cells: list[Cell]) -> str:
    if any(c.table == "四" for c in cells):
        col = result_column(text)
        if col:
            return col
        return "corrected" if "败诉" in text else ""
    if not cells or any(c.table == "三" for c in cells):
        return applicant_column(text)
    return ""


def _default_table2_column(cell: Cell, text: str) -> Cell:
    if cell.table != "二":
        return cell
    hits = _find_words(text, list(TABLE2_COLUMN_WORDS))
    if hits:
        return Cell("二", cell.row, TABLE2_COLUMN_WORDS[hits[0][1]])
    return cell
