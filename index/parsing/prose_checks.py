"""Prose vs table: figures stated in the text of a report, compared with tables 三 and 四.

    prose_checks(sections, facts) -> one CheckResult("prose_vs_table") per checked claim

A claim (see prose_claims) is checked against one or more readings of the tables; it holds
when any reading gives the stated number (「受理 749 件」 = 新收 713 + 上年结转 36). Claims
whose table figures are missing are skipped. The detail quotes the sentence with its
location and shows the table computation; `source`, `quote` and `section` hold the quoted
sentence for citing it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from index.models import CheckResult, Fact, Paragraph, Section
from index.parsing.prose_claims import LITIGATION, REVIEW, Claim, normalize, paragraph_claims

NAME = "prose_vs_table"
_QUOTE_MAX = 90
_CONTEXT = 20  # characters quoted on each side of the figure in a long sentence

# Short labels of the rows compared (table 三 column 总计; table 四 column 总计).
_LABELS: dict[str, str] = {
    "new_received": "一、本年新收",
    "carried_over": "二、上年结转",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "unable.not_held": "（四）1.本机关不掌握相关政府信息",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
    "total_handled": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_reconsideration": "行政诉讼（复议后起诉）",
}
_LITIGATION_ROWS = ("litigation_direct", "litigation_after_reconsideration")
_NOT_UPHELD = (("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))


Index = dict[tuple[str, str, str], Fact]  # (table, row, column) → fact


@dataclass(frozen=True)
class Metric:
    said: str  # what the prose states, for the message
    readings: tuple[tuple[str, ...], ...]  # each reading: rows whose 总计 add up
    table: str = "三"


METRICS: dict[str, Metric] = {
    "received": Metric("受理/收到申请", (("new_received",), ("new_received", "carried_over"))),
    "carried_over": Metric("上年结转", (("carried_over",),)),
    "granted_any": Metric("予以公开及部分公开", (("granted", "partially_granted"),)),
    "granted": Metric("予以公开", (("granted",),)),
    "partially_granted": Metric("部分公开", (("partially_granted",),)),
    "denied": Metric("不予公开", (("denied",),)),
    "unable": Metric("无法提供", (("unable",),)),
    "not_held": Metric("本机关不掌握相关政府信息", (("unable.not_held",),)),
    "not_processed": Metric("不予处理", (("not_processed",),)),
    "other": Metric("其他处理", (("other",),)),
    "completed": Metric("办结", (("total_handled",),)),
    "handled": Metric("办理/答复", (("total_handled",), ("new_received",),
                                   ("new_received", "carried_over"))),
    "carried_forward": Metric("结转下年度", (("carried_forward",),)),
    REVIEW: Metric("行政复议", (("reconsideration",),), table="四"),
    LITIGATION: Metric("行政诉讼", (_LITIGATION_ROWS,), table="四"),
}


@dataclass(frozen=True)
class Term:
    """One row's 总计 in a reading: its value, how it was computed, the cells cited."""

    value: int
    text: str
    cells: tuple[str, ...]


def prose_checks(sections: tuple[Section, ...], facts: tuple[Fact, ...]) -> tuple[CheckResult, ...]:
    index: Index = {(f.table, f.row, f.column): f for f in facts}
    results: list[CheckResult] = []
    seen: set[tuple[str, int | None, str, tuple[str, ...]]] = set()
    for where, paragraph in _prose(sections):
        for claim in paragraph_claims(paragraph.text, paragraph.location):
            key = (claim.metric, claim.value, claim.sentence, claim.groups)
            result = None if key in seen else check_claim(claim, where, index)
            seen.add(key)
            if result is not None:
                results.append(result)
    return tuple(results)


def check_claim(claim: Claim, where: str, index: Index) -> CheckResult | None:
    if claim.value is None:
        return _check_results(claim, where, index)
    metric = METRICS[claim.metric]
    found = [r for r in (_reading(metric.table, rows, index) for rows in metric.readings) if r]
    readings = _distinct(found)
    if not readings:
        return None
    matching = [terms for terms in readings if sum(t.value for t in terms) == claim.value]
    ok = bool(matching)
    shown = " 或 ".join(_reading_text(metric.table, terms) for terms in (matching[:1] or readings))
    verdict = f"与正文“{metric.said} {claim.value} 件”一致" if ok else f"与正文 {claim.value} 件不一致"
    detail = f"{_quote(claim, where)}；{shown}，{verdict}"
    scope = ",".join(dict.fromkeys(row for rows in metric.readings for row in rows))
    cells = tuple(dict.fromkeys(c for terms in found for t in terms for c in t.cells))
    return _result(claim, where, ok, detail, scope, cells)


def _check_results(claim: Claim, where: str, index: Index) -> CheckResult | None:
    """「均获维持」: no 纠正/其他/未审结; 「未被纠错」「零败诉」: no 纠正."""
    columns = _NOT_UPHELD if claim.metric == "all_upheld" else _NOT_UPHELD[:1]
    rows = [r for g in claim.groups for r in ((REVIEW,) if g == REVIEW else _LITIGATION_ROWS)]
    keys = [("四", row, col) for row in rows for col, _ in columns]
    if not all(k in index for k in keys):
        return None
    nonzero = [f"{_LABELS[row]} {label} {index[('四', row, col)].value} 件"
               for row in rows for col, label in columns if index[("四", row, col)].value]
    said = "均获维持" if claim.metric == "all_upheld" else "未被纠错/未败诉"
    checked = "、".join(label for _, label in columns)
    shown = "；".join(nonzero) or f"{'、'.join(_LABELS[r] for r in rows)}的{checked}均为 0"
    verdict = f"与正文“{said}”一致" if not nonzero else f"与正文“{said}”不一致"
    detail = f"{_quote(claim, where)}；表四 {shown}，{verdict}"
    cells = tuple(f"四.{row}.{col}" for _, row, col in keys)
    return _result(claim, where, not nonzero, detail, ",".join(rows), cells)


def _result(claim: Claim, where: str, ok: bool, detail: str, scope: str,
            cells: tuple[str, ...]) -> CheckResult:
    """The check, with the quoted sentence, its location and section path for citing."""
    return CheckResult(NAME, ok, detail, scope=scope, cells=cells, source=claim.location,
                       quote=quote(claim), section=where.strip())


def _reading(table: str, rows: tuple[str, ...], index: Index) -> list[Term] | None:
    terms = [_term(table, row, index) for row in rows]
    return None if any(t is None for t in terms) else [t for t in terms if t]


def _distinct(readings: list[list[Term]]) -> list[list[Term]]:
    """The readings, without those adding up to an earlier one's sum (上年结转 0)."""
    out: list[list[Term]] = []
    for terms in readings:
        if all(sum(t.value for t in terms) != sum(t.value for t in o) for o in out):
            out.append(terms)
    return out


def _term(table: str, row: str, index: Index) -> Term | None:
    """A row's 总计; a group (（三）–（六）) is added up from its items when they exist."""
    items = [f for (t, r, c), f in index.items() if t == table and c == "total" and r.startswith(row + ".")]
    if items:
        value = sum(int(f.value) for f in items)
        parts = " + ".join(str(int(f.value)) for f in items)
        text = f"{_LABELS[row]}（各项相加 {parts}）为 {value}"
        return Term(value, text, tuple(f"{table}.{f.row}.total" for f in items))
    fact = index.get((table, row, "total"))
    if fact is None:
        return None
    label = _LABELS.get(row, row)
    text = f"{label}{'' if label.endswith('总计') else ' 总计'}为 {int(fact.value)}"
    return Term(int(fact.value), text, (f"{table}.{row}.total",))


def _reading_text(table: str, terms: list[Term]) -> str:
    if len(terms) == 1:
        return f"表{table} {terms[0].text} 件"
    total = sum(t.value for t in terms)
    return f"表{table} {' + '.join(t.text for t in terms)}，合计 {total} 件"


def _quote(claim: Claim, where: str) -> str:
    return f"{where}{claim.location.describe()}：“{quote(claim)}”"


def quote(claim: Claim) -> str:
    """The sentence, or when long the part around the claimed figure, with 「…」 for cuts."""
    sentence = claim.sentence.rstrip("。；;")
    if len(sentence) <= _QUOTE_MAX:
        return sentence
    at = normalize(sentence).find(claim.phrase) if claim.phrase else -1
    if at < 0:
        return sentence[:_QUOTE_MAX] + "…"
    start = max(0, at - _CONTEXT)
    end = min(len(sentence), max(at + len(claim.phrase) + _CONTEXT, start + _QUOTE_MAX // 2))
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _prose(sections: tuple[Section, ...], path: str = "") -> Iterator[tuple[str, Paragraph]]:
    """Paragraphs of running text with their section path 「一、总体情况（二）依申请公开」."""
    for section in sections:
        where = path + section.heading
        for paragraph in section.paragraphs:
            if not _tabular(paragraph.text):
                yield (f"{where} " if where else ""), paragraph
        yield from _prose(section.parts, where)


def _tabular(text: str) -> bool:
    """Table text that reached a paragraph (Markdown/tab rows): not prose."""
    return "|" in text or "\t" in text
