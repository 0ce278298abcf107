"""The national template of the annual report (DOMAIN.md), as data.

Canonical keys for rows and columns of tables 二, 三 and 四, with their template labels.
Everything that speaks about a cell (parser, chunks, answers, API) uses these keys.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTION_TITLES: dict[str, str] = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}

TABLE_TITLES: dict[str, str] = {
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
}


@dataclass(frozen=True)
class RowSpec:
    key: str  # canonical key, e.g. "denied.state_secret"
    label: str  # template label, e.g. "1.属于国家秘密"
    group: str = ""  # group key for items, e.g. "denied"
    header_path: tuple[str, ...] = ()  # enclosing template labels


# ---- Table 三 -------------------------------------------------------------------------

APPLICANT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
)
TABLE3_COLUMNS: tuple[tuple[str, str], ...] = APPLICANT_COLUMNS + (("total", "总计"),)
TABLE3_COLUMN_LABELS: dict[str, str] = dict(TABLE3_COLUMNS)
LEGAL_PERSON = "法人或其他组织"

RESULTS = "三、本年度办理结果"

GROUPS: dict[str, str] = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}

_DENIED = (
    ("state_secret", "1.属于国家秘密"),
    ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("three_security_one_stability", "3.危及“三安全一稳定”"),
    ("third_party_rights", "4.保护第三方合法权益"),
    ("internal_affairs", "5.属于三类内部事务信息"),
    ("process_info", "6.属于四类过程性信息"),
    ("law_enforcement_file", "7.属于行政执法案卷"),
    ("inquiry_matter", "8.属于行政查询事项"),
)
_UNABLE = (
    ("not_held", "1.本机关不掌握相关政府信息"),
    ("needs_creation", "2.没有现成信息需要另行制作"),
    ("unclear", "3.补正后申请内容仍不明确"),
)
_NOT_PROCESSED = (
    ("complaint", "1.信访举报投诉类申请"),
    ("duplicate", "2.重复申请"),
    ("publication", "3.要求提供公开出版物"),
    ("excessive", "4.无正当理由大量反复申请"),
    ("confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"),
)
_OTHER = (
    ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other", "3.其他"),
)

GROUP_ITEMS: dict[str, tuple[tuple[str, str], ...]] = {
    "denied": _DENIED,
    "unable": _UNABLE,
    "not_processed": _NOT_PROCESSED,
    "other": _OTHER,
}


def _group_rows(group: str) -> list[RowSpec]:
    path = (RESULTS, GROUPS[group])
    return [
        RowSpec(f"{group}.{key}", label, group=group, header_path=path)
        for key, label in GROUP_ITEMS[group]
    ]


_T3_HEAD = [
    RowSpec("new_received", "一、本年新收政府信息公开申请数量"),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量"),
    RowSpec("granted", "（一）予以公开", header_path=(RESULTS,)),
    RowSpec(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        header_path=(RESULTS,),
    ),
]
_T3_TAIL = [
    RowSpec("total_handled", "（七）总计", header_path=(RESULTS,)),
    RowSpec("carried_forward", "四、结转下年度继续办理"),
]

# Row order of table 三 as printed, per template version. Group totals are not rows here.
TABLE3_ROWS_2021: tuple[RowSpec, ...] = tuple(
    _T3_HEAD
    + _group_rows("denied")
    + _group_rows("unable")
    + _group_rows("not_processed")
    + _group_rows("other")
    + _T3_TAIL
)
TABLE3_ROWS_2019: tuple[RowSpec, ...] = tuple(
    _T3_HEAD
    + _group_rows("denied")
    + _group_rows("unable")
    + _group_rows("not_processed")
    + [RowSpec("other", "（六）其他处理", header_path=(RESULTS,))]
    + _T3_TAIL
)

# Group-total rows (derived from items unless printed).
TABLE3_GROUP_ROWS: tuple[RowSpec, ...] = tuple(
    RowSpec(group, label, header_path=(RESULTS,)) for group, label in GROUPS.items()
)

# ---- Table 四 -------------------------------------------------------------------------

TABLE4_GROUPS: tuple[tuple[str, str], ...] = (
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_reconsideration", "行政诉讼（复议后起诉）"),
)
TABLE4_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)

# ---- Table 二 -------------------------------------------------------------------------


@dataclass(frozen=True)
class Table2Row:
    key: str
    label: str
    article: str  # 第二十条第（一）项
    columns: tuple[tuple[str, str], ...]  # (key, label)
    unit: str = "件"


_T2_ART1_2021 = (("issued", "本年制发件数"), ("abolished", "本年废止件数"), ("in_force", "现行有效件数"))
_T2_DECISIONS_2021 = (("decisions", "本年处理决定数量"),)

TABLE2_ROWS_2021: tuple[Table2Row, ...] = (
    Table2Row("rules", "规章", "第二十条第（一）项", _T2_ART1_2021),
    Table2Row("normative_docs", "行政规范性文件", "第二十条第（一）项", _T2_ART1_2021),
    Table2Row("licensing", "行政许可", "第二十条第（五）项", _T2_DECISIONS_2021),
    Table2Row("penalty", "行政处罚", "第二十条第（六）项", _T2_DECISIONS_2021),
    Table2Row("coercion", "行政强制", "第二十条第（六）项", _T2_DECISIONS_2021),
    Table2Row(
        "admin_fees",
        "行政事业性收费",
        "第二十条第（八）项",
        (("amount", "本年收费金额（单位：万元）"),),
        unit="万元",
    ),
)

_T2_ART1_2019 = (
    ("new_made", "本年新制作数量"),
    ("new_published", "本年新公开数量"),
    ("total_published", "对外公开总数量"),
)
_T2_ITEMS_2019 = (("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量"))

TABLE2_ROWS_2019: tuple[Table2Row, ...] = (
    Table2Row("rules", "规章", "第二十条第（一）项", _T2_ART1_2019),
    Table2Row("normative_docs", "规范性文件", "第二十条第（一）项", _T2_ART1_2019),
    Table2Row("licensing", "行政许可", "第二十条第（五）项", _T2_ITEMS_2019),
    Table2Row("other_services", "其他对外管理服务事项", "第二十条第（五）项", _T2_ITEMS_2019),
    Table2Row("penalty", "行政处罚", "第二十条第（六）项", _T2_ITEMS_2019),
    Table2Row("coercion", "行政强制", "第二十条第（六）项", _T2_ITEMS_2019),
    Table2Row(
        "admin_fees",
        "行政事业性收费",
        "第二十条第（八）项",
        (("prev_items", "上一年项目数量"), ("change", "本年增/减")),
    ),
    Table2Row(
        "procurement",
        "政府集中采购",
        "第二十条第（九）项",
        (("items", "采购项目数量"), ("amount", "采购总金额")),
        unit="元",
    ),
)


def table3_rows(template: str) -> tuple[RowSpec, ...]:
    return TABLE3_ROWS_2019 if template == "2019" else TABLE3_ROWS_2021


def table2_rows(template: str) -> tuple[Table2Row, ...]:
    return TABLE2_ROWS_2019 if template == "2019" else TABLE2_ROWS_2021


def row_label(table: str, row: str) -> str:
    """Template label of a canonical row key (any table, any version)."""
    if table == "三":
        for spec in TABLE3_ROWS_2021 + TABLE3_ROWS_2019 + TABLE3_GROUP_ROWS:
            if spec.key == row:
                return spec.label
    if table == "四":
        return dict(TABLE4_GROUPS).get(row, row)
    if table == "二":
        for r in TABLE2_ROWS_2021 + TABLE2_ROWS_2019:
            if r.key == row:
                return r.label
    return row


def column_label(table: str, row: str, column: str) -> str:
    """Template label of a canonical column key."""
    if table == "三":
        return TABLE3_COLUMN_LABELS.get(column, column)
    if table == "四":
        return dict(TABLE4_COLUMNS).get(column, column)
    for r in TABLE2_ROWS_2021 + TABLE2_ROWS_2019:
        if r.key == row and column in dict(r.columns):
            return dict(r.columns)[column]
    return column
