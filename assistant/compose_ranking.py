"""Figures of several agencies: ranked, or added up over a named list or a group — each
figure cited, the sum shown, and a sum always says which agencies it covers.

    「东湖区和西山区一共收到多少申请」 → 东湖区… 21 件[1]；西山区… 3 件[2]；以上两个单位合计 21 + 3 = 24 件
    「安平市各单位2023年行政处罚合计」 → …；合计只含以上两个单位：安平市税务局的报告中没有这一项数字，
                                       未计入，所以这不是安平市下属各单位的完整合计
"""

from __future__ import annotations

from index.models import Report

from assistant import compose_figures as cf
from assistant.compose_plan import diff_line
from assistant.contradictions import notes
from assistant.draft import Draft, Page, fmt
from assistant.facts import Amount, lookup
from assistant.models import Series
from assistant.retrieval import Evidence
from assistant.understanding.intent import DIFF, SUM, Query

LISTED = 8  # agencies named in a note about what a sum leaves out


def ranking(ev: Evidence) -> Draft:
    q, page = ev.query, Page()
    cell = q.cells[0]
    rows = [(r, a) for r in ev.reports if (a := lookup(r, cell, q.column)) is not None]
    lacking = tuple(dict.fromkeys([*ev.lacking_agencies, *(r.agency for r in ev.reports
                                                            if lookup(r, cell, q.column) is None)]))
    summing = q.op == SUM and (q.group is not None or bool(q.agencies))
    if not rows:
        return page.draft("已收录的报告中没有这一项数字，"
                          + ("无法合计。" if summing else "无法排名。"), False)
    group = q.group
    fewest = group is not None and group.order == "asc"
    rows.sort(key=lambda ra: ra[1].value if fewest else -ra[1].value)
    what = cf.describe(cell, rows[0][1].cell.column)
    listed = "；".join(f"{r.agency}（{r.year}年）{cf.amount_text(page, a)}" for r, a in rows)
    scope = "所问各单位" if q.agencies else _group_name(q)
    if summing:
        text = _sum_text(page, rows, scope, what, listed, lacking, ev.missing_agencies)
    else:
        top = "排在前面的依次为" if len(rows) >= 10 or (group and group.top) else "依次为"
        order = "从少到多" if fewest else "从多到少"
        text = f"按{what}{order}，{scope}{top}：{listed}。"
        if q.op == DIFF and len(rows) == 2 and len(q.agencies) == 2:  # 「A比B多多少」
            (first, a), (second, b) = rows
            text += diff_line(page, [first.agency, second.agency], [a.value, b.value],
                              a.unit).removeprefix("；") + "。"
        text += notes(page)
        if ev.missing_agencies:
            text += f"（{'、'.join(ev.missing_agencies)}没有该年度的报告。）"
    page.series.append(Series(what, tuple(r.agency for r, _ in rows),
                              tuple(float(a.value) for _, a in rows), rows[0][1].unit))
    return page.draft(text)


def _sum_text(page: Page, rows: list[tuple[Report, Amount]], scope: str, what: str, listed: str,
              lacking: tuple[str, ...], missing: tuple[str, ...]) -> str:
    """The figures, their sum over the agencies that have them, and who is left out."""
    total = sum((a.value for _, a in rows), start=0)
    shown = " + ".join(fmt(a.value) for _, a in rows)
    unit = rows[0][1].unit
    where = "" if scope == "所问各单位" else "（资料库已收录的）"
    if len(rows) == 1:  # one figure is no sum: it is stated as what it is
        text = f"{scope}{where}{what}：只有{listed}。"
    else:
        text = (f"{scope}{where}{what}：{listed}；以上{_count(len(rows))}合计 {shown} = "
                f"{page.computation(total)} {unit}。")
    text += notes(page)
    left = []
    if lacking:
        left.append(f"{_names(lacking)}的报告中没有这一项数字")
    if missing:
        left.append(f"{_names(missing)}没有{rows[0][0].year}年的报告")
    if left:
        text += (f"{'合计只含' if len(rows) > 1 else '只有'}以上{_count(len(rows))}：{'；'.join(left)}，"
                 f"未计入，所以这不是{scope}的完整合计。")
    return text


def _names(agencies: tuple[str, ...]) -> str:
    return "、".join(agencies[:LISTED]) + ("等单位" if len(agencies) > LISTED else "")


def _count(n: int) -> str:
    """「两个单位」: a count in words (an Arabic digit in an answer must be a cited figure)."""
    return f"{'一两三四五六七八九十'[n - 1]}个单位" if 1 <= n <= 10 else "各单位"


def _group_name(q: Query) -> str:
    group = q.group
    if group is None:
        return "已收录各单位"
    kind = "、".join(dict.fromkeys(x.replace("人民政府", "政府") for x in group.suffixes)) or "单位"
    where = f"{group.place}下属" if group.place else "已收录"
    return f"{where}各{kind}"
