"""The national template of the annual report (DOMAIN.md): its structure.

Canonical keys for rows and columns of tables 二, 三 and 四, in the order each template
version prints them. Everything that speaks about a cell (parser, chunks, answers, API) uses
these keys. The printed labels come from the one vocabulary table (index/data/cells.toml).
"""

from __future__ import annotations

from dataclasses import dataclass

from index.vocabulary import vocabulary


def _label(key: str, template: str = "2021") -> str:
    return vocabulary().term(key).label(template)


def _items(group: str) -> tuple[tuple[str, str], ...]:
    """(item key, label) of a group of table 三, in template order."""
    prefix = f"三.{group}."
    return tuple((t.key[len(prefix):], t.label()) for t in vocabulary().rows if t.key.startswith(prefix))

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

APPLICANT_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (key, _label(f"三:{key}"))
    for key in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
)
TABLE3_COLUMNS: tuple[tuple[str, str], ...] = APPLICANT_COLUMNS + (("total", "总计"),)
TABLE3_COLUMN_LABELS: dict[str, str] = dict(TABLE3_COLUMNS)
LEGAL_PERSON = "法人或其他组织"

RESULTS = "三、本年度办理结果"

GROUPS: dict[str, str] = {group: _label(f"三.{group}") for group in ("denied", "unable", "not_processed", "other")}

_DENIED = _items("denied")
_UNABLE = _items("unable")
_NOT_PROCESSED = _items("not_processed")
_OTHER = _items("other")

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
    RowSpec("new_received", _label("三.new_received")),
    RowSpec("carried_over", _label("三.carried_over")),
    RowSpec("granted", _label("三.granted"), header_path=(RESULTS,)),
    RowSpec("partially_granted", _label("三.partially_granted"), header_path=(RESULTS,)),
]
_T3_TAIL = [
    RowSpec("total_handled", _label("三.total_handled"), header_path=(RESULTS,)),
    RowSpec("carried_forward", _label("三.carried_forward")),
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
    + [RowSpec("other", GROUPS["other"], header_path=(RESULTS,))]
    + _T3_TAIL
)

# Group-total rows (derived from items unless printed).
TABLE3_GROUP_ROWS: tuple[RowSpec, ...] = tuple(
    RowSpec(group, label, header_path=(RESULTS,)) for group, label in GROUPS.items()
)

# ---- Table 四 -------------------------------------------------------------------------

TABLE4_GROUPS: tuple[tuple[str, str], ...] = tuple(
    (key, _label(f"四.{key}"))
    for key in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
)
TABLE4_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (key, _label(f"四:{key}")) for key in ("upheld", "corrected", "other", "pending", "total")
)

# ---- Table 二 -------------------------------------------------------------------------


@dataclass(frozen=True)
class Table2Row:
    key: str
    label: str
    article: str  # 第二十条第（一）项
    columns: tuple[tuple[str, str], ...]  # (key, label)
    unit: str = "件"


def _cols(template: str, *keys: str) -> tuple[tuple[str, str], ...]:
    return tuple((key, _label(f"二:{key}", template)) for key in keys)


def _t2(template: str, key: str, article: str, columns: tuple[tuple[str, str], ...]) -> Table2Row:
    term = vocabulary().term(f"二.{key}")
    return Table2Row(key, term.label(template), article, columns, unit=term.unit)


# Which rows and columns each version prints (labels and units from the vocabulary).
_ART1, _ART5, _ART6, _ART8, _ART9 = ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项",
                                     "第二十条第（八）项", "第二十条第（九）项")
_T2_ART1_2021 = _cols("2021", "issued", "abolished", "in_force")
_T2_DECISIONS_2021 = _cols("2021", "decisions")

TABLE2_ROWS_2021: tuple[Table2Row, ...] = (
    _t2("2021", "rules", _ART1, _T2_ART1_2021),
    _t2("2021", "normative_docs", _ART1, _T2_ART1_2021),
    _t2("2021", "licensing", _ART5, _T2_DECISIONS_2021),
    _t2("2021", "penalty", _ART6, _T2_DECISIONS_2021),
    _t2("2021", "coercion", _ART6, _T2_DECISIONS_2021),
    _t2("2021", "admin_fees", _ART8, _cols("2021", "amount")),
)

_T2_ART1_2019 = _cols("2019", "new_made", "new_published", "total_published")
_T2_ITEMS_2019 = _cols("2019", "prev_items", "change", "decisions")

TABLE2_ROWS_2019: tuple[Table2Row, ...] = (
    _t2("2019", "rules", _ART1, _T2_ART1_2019),
    _t2("2019", "normative_docs", _ART1, _T2_ART1_2019),
    _t2("2019", "licensing", _ART5, _T2_ITEMS_2019),
    _t2("2019", "other_services", _ART5, _T2_ITEMS_2019),
    _t2("2019", "penalty", _ART6, _T2_ITEMS_2019),
    _t2("2019", "coercion", _ART6, _T2_ITEMS_2019),
    Table2Row("admin_fees", _label("二.admin_fees", "2019"), _ART8, _cols("2019", "prev_items", "change")),
    _t2("2019", "procurement", _ART9, _cols("2019", "items", "amount")),
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
