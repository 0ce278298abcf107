"""The chart of a trend or comparison answer, drawn in the answer bubble as plain HTML.

Years are a real axis: every year from the first to the last has its place, and a year the
library has no report for stays an empty, labelled gap (「未收录」) instead of being
squeezed out. Each bar carries its exact figure; the axis titles are Chinese, with the
unit. Several series (e.g. 不予公开 / 无法提供) stand side by side with a legend naming
them. Bar heights are CSS classes bar-h0…bar-h100 (ui/web/static/app.css), never inline styles,
so the chart works under a strict Content-Security-Policy and inside the sanitized chat.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Series
from ui.web.safe import esc

MAX_YEARS = 40  # a longer span is drawn as the years present only
MISSING = "未收录"
_YEAR = re.compile(r"^(19|20)\d{2}$")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def is_year_axis(series: Sequence[Series]) -> bool:
    labels = [label for s in series for label in s.labels]
    return bool(labels) and all(_YEAR.match(str(label).strip()) for label in labels)


def axis_labels(series: Sequence[Series]) -> list[str]:
    """The x axis: every year of the span (gaps included), or the labels in their order."""
    labels = list(dict.fromkeys(str(label).strip() for s in series for label in s.labels))
    if not is_year_axis(series):
        return labels
    years = sorted(int(label) for label in labels)
    if years[-1] - years[0] > MAX_YEARS:
        return [str(y) for y in years]
    return [str(y) for y in range(years[0], years[-1] + 1)]


def _height(value: float, top: float) -> int:
    if top <= 0 or value <= 0:
        return 0
    return max(1, min(100, round(value / top * 100)))


def _bar(value: float | None, index: int, top: float, title: str) -> str:
    if value is None:
        return f'<div class="chart-bar chart-bar-none s{index % 4}" title="{esc(title)}：{MISSING}"></div>'
    return (f'<div class="chart-bar s{index % 4} bar-h{_height(value, top)}" title="{esc(title)}：'
            f'{esc(_number(value))}"><span class="chart-v">{esc(_number(value))}</span></div>')


def chart_html(series: Sequence[Series]) -> str:
    """The chart for `series`, or "" when there is nothing to draw."""
    series = [s for s in series if s.labels and s.values]
    if not series:
        return ""
    table = [dict(zip((str(x).strip() for x in s.labels), s.values, strict=False)) for s in series]
    top = max((v for values in table for v in values.values()), default=0)
    years = is_year_axis(series)
    slots = []
    for label in axis_labels(series):
        found = [values.get(label) for values in table]
        name = f"{label}年" if years else label
        if all(v is None for v in found):
            bars = f'<span class="chart-none" title="资料库中没有{esc(name)}的报告">{MISSING}</span>'
            slots.append(f'<div class="chart-slot chart-gap"><div class="chart-bars">{bars}</div>'
                         f'<div class="chart-x">{esc(label)}</div></div>')
            continue
        bars = "".join(_bar(v, i, top, f"{name} {series[i].title}") for i, v in enumerate(found))
        slots.append(f'<div class="chart-slot"><div class="chart-bars">{bars}</div>'
                     f'<div class="chart-x">{esc(label)}</div></div>')
    unit = series[0].unit or ""
    title = "、".join(dict.fromkeys(s.title for s in series))
    legend = ""
    if len(series) > 1:
        keys = "".join(f'<span class="chart-key"><span class="chart-swatch s{i % 4}"></span>'
                       f"{esc(s.title)}</span>" for i, s in enumerate(series))
        legend = f'<div class="chart-legend">{keys}</div>'
    return (f'<figure class="chart"><figcaption class="chart-title">图表：{esc(title)}'
            f'{f"（{esc(unit)}）" if unit else ""}</figcaption>'
            f'<div class="chart-unit">单位：{esc(unit or "—")}</div>'
            f'<div class="chart-plot">{"".join(slots)}</div>'
            f'<div class="chart-axis">{"年度" if years else "机关"}</div>{legend}</figure>')
