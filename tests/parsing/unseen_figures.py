"""Figures and row labels shared by the unseen-report builders (tests/data/unseen).

A report's table 三 is given by its outcome rows (six applicant cells each) plus the
carried-over / carried-forward rows; 一、本年新收 and （七）总计 are computed so that
checks 1–3 hold. `expected_facts` turns the figures into the expected.json shape.
"""

from __future__ import annotations

from typing import Any

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
COLUMNS = (*APPLICANTS, "total")
Six = tuple[int, int, int, int, int, int]
ZERO: Six = (0, 0, 0, 0, 0, 0)

DENIED = (
    ("denied.state_secret", "1.属于国家秘密"),
    ("denied.prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("denied.three_security_one_stability", "3.危及“三安全一稳定”"),
    ("denied.third_party_rights", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "5.属于三类内部事务信息"),
    ("denied.process_info", "6.属于四类过程性信息"),
    ("denied.law_enforcement_file", "7.属于行政执法案卷"),
    ("denied.inquiry_matter", "8.属于行政查询事项"),
)
UNABLE = (
    ("unable.not_held", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unable.unclear", "3.补正后申请内容仍不明确"),
)
NOT_PROCESSED = (
    ("not_processed.complaint", "1.信访举报投诉类申请"),
    ("not_processed.duplicate", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.excessive", "4.无正当理由大量反复申请"),
    ("not_processed.confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"),
)
OTHER_2021 = (
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
)
GROUPS = (
    ("（三）不予公开", DENIED),
    ("（四）无法提供", UNABLE),
    ("（五）不予处理", NOT_PROCESSED),
)
NEW_RECEIVED = "一、本年新收政府信息公开申请数量"
CARRIED_OVER = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
GRANTED = "（一）予以公开"
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
TOTAL = "（七）总计"
CARRIED_FORWARD = "四、结转下年度继续办理"
T3_HEADER = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T4_KINDS = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
T4_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def outcome_rows(template: str) -> list[tuple[str, str, str]]:
    """(key, group label, item label) for every outcome row of table 三 in print order."""
    rows = [("granted", "", GRANTED), ("partially_granted", "", PARTIAL)]
    for group, items in GROUPS:
        rows += [(key, group, label) for key, label in items]
    if template == "2021":
        rows += [(key, "（六）其他处理", label) for key, label in OTHER_2021]
    else:
        rows.append(("other", "", "（六）其他处理"))
    return rows


def table3_grid(outcomes: dict[str, Six], carried_over: Six, carried_forward: Six,
                template: str) -> dict[str, Six]:
    """Every row of table 三 (applicant cells only), consistent with checks 1 and 2."""
    keys = [key for key, _, _ in outcome_rows(template)]
    grid = {key: outcomes.get(key, ZERO) for key in keys}
    handled = tuple(sum(grid[k][i] for k in keys) for i in range(6))
    new = tuple(handled[i] + carried_forward[i] - carried_over[i] for i in range(6))
    assert min(new) >= 0, new
    return {"new_received": new, "carried_over": carried_over, **grid,  # type: ignore[dict-item]
            "total_handled": handled, "carried_forward": carried_forward}


def t3_rows_in_order(template: str) -> list[tuple[str, str, str]]:
    """(key, group label, label) for all rows of table 三 in print order."""
    return ([("new_received", "", NEW_RECEIVED), ("carried_over", "", CARRIED_OVER)]
            + outcome_rows(template)
            + [("total_handled", "", TOTAL), ("carried_forward", "", CARRIED_FORWARD)])


def table4_values(values: list[tuple[int, int, int, int]]) -> list[int]:
    """15 numbers of table 四 from three (upheld, corrected, other, pending) tuples."""
    out: list[int] = []
    for four in values:
        out += [*four, sum(four)]
    return out


def expected_facts(grid: dict[str, Six], t4: list[int], t2: list[dict[str, Any]]) -> dict[str, Any]:
    three = {key: dict(zip(COLUMNS, (*cells, sum(cells)))) for key, cells in grid.items()}
    four = {kind: dict(zip(T4_COLUMNS, t4[i * 5:(i + 1) * 5])) for i, kind in enumerate(T4_KINDS)}
    return {"三": three, "四": four, "二": t2}


def t2_entry(key: str, value: int | float | str, unit: str = "") -> dict[str, Any]:
    entry: dict[str, Any] = {"key": key, "value": value}
    if unit:
        entry["unit"] = unit
    return entry
