"""The citation block under an answer, and the popover of a marker [n].

A table citation reads as the reader would find the number in the report:

    [3] 表三 · （三）不予公开 · 3.危及“三安全一稳定” · 总计：1 件

and opens to the printed row cell by cell with its column headers (the cited cell
highlighted), the row as the source prints it (small, for checking), where it is, and
links to the source (「查看原文」, at the cited line or PDF page) and to the report's table
view with the cell highlighted (「在报告表格中定位」). A sentence citation shows its sentence.

Citations are grouped by report (only neighbours merge, so the markers stay in order).
Within a group, two or more zero-valued items of one row or one template group fold into
one line 「（三）不予公开 其余 5 项均为 0 件」 that opens to them: still one click away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.models import Citation
from ui.web.safe import esc, esc_inline, source_link

TABLE_NAMES = {"二": "表二", "三": "表三", "四": "表四"}
OPEN_UP_TO = 3  # the citation block starts open for this many citations or fewer
FOLD_AT_LEAST = 2  # zero-valued items folded into one line from this many on
CELL_LINK = "在报告表格中定位"
HINT = "点击答案中的 [n] 可跳到对应引文；点开一条可以看到整行数字和原文。"
_UNIT_IN_LABEL = re.compile(r"（单位：.*?）")


def _number(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(value)


def table_name(c: Citation) -> str:
    return c.table_name or TABLE_NAMES.get(c.table or "", c.table or "")


def column_name(c: Citation) -> str:
    return _UNIT_IN_LABEL.sub("", c.column_label or c.column or "")


def row_names(c: Citation) -> tuple[str, ...]:
    return c.row_path or tuple(p for p in (c.row_label or c.row or "",) if p)


def value_text(c: Citation) -> str:
    """「<b>1</b> 件」, with what the reader must know about a value not printed as such."""
    if c.value is None:
        return "数字无法确定（原文数字粘连或不清）"
    shown = f"<b>{esc(_number(c.value))}</b> {esc(c.unit)}".rstrip()
    if c.status == "derived":
        return f"{shown}（报告未印出，由分项相加）"
    if c.status == "blank":
        return f"{shown}（报告此格空白，按 0 计）"
    return shown


def cite_main(c: Citation) -> str:
    """The readable line of a citation (HTML): where the number is and the number."""
    if not c.table:
        return esc(c.section or "正文")
    path = " · ".join(esc(p) for p in (table_name(c), *row_names(c)) if p)
    return f"{path} · {esc(column_name(c))}：{value_text(c)}"


def _where(c: Citation) -> str:
    return f"{c.year}年 {c.agency}"


def _cells_html(c: Citation) -> str:
    if not c.cells:
        return ""
    items = []
    for cell in c.cells:
        cited = " cited" if cell.column == c.column else ""
        text = esc(cell.text) if cell.text else '<span class="cc-blank" title="报告此格空白">空</span>'
        items.append(f'<span class="cc{cited}"><span class="cc-h">{esc(cell.header)}</span>'
                     f'<span class="cc-v">{text}</span></span>')
    return f'<div class="cite-cells" title="报告中这一行的各栏数字">{"".join(items)}</div>'


def _links(c: Citation) -> str:
    links = [source_link(c.view_url or c.url)]
    if c.table:
        links.append(source_link(c.cell_url, CELL_LINK, "cite-cell-link", "在新窗口打开报告的表格，定位到这一格"))
    shown = " ".join(link for link in links if link)
    return f'<div class="cite-links">{shown}</div>' if shown else ""


def _source(c: Citation) -> str:
    where = " · ".join(part for part in (_where(c), c.source or c.report) if part)
    return f'<div class="cite-source">来源：{esc(where)}</div>'


def citation_html(c: Citation, key: str = "") -> str:
    """One citation. A table figure: its readable line, opening to the row's cells, the
    printed row and the links. A sentence: the section and the sentence, always shown."""
    n = esc(c.n)
    ident = f"a{esc(key)}-{n}" if key else f"cite-{n}"
    marker = f'<span class="cite-n">[{n}]</span>'
    if not c.table:
        quote = f'<blockquote class="cite-quote">{esc_inline(c.quote)}</blockquote>' if c.quote else ""
        return (f'<div class="cite cite-prose" id="{ident}" tabindex="-1">'
                f'<div class="cite-head">{marker} <span class="cite-main">{cite_main(c)}</span></div>'
                f"{quote}{_source(c)}{_links(c)}</div>")
    raw = (f'<div class="cite-raw"><span class="cite-raw-h">原文此行</span>'
           f"<code>{esc_inline(c.quote)}</code></div>") if c.quote else ""
    return (f'<details class="cite" id="{ident}"><summary>{marker} '
            f'<span class="cite-main">{cite_main(c)}</span></summary>'
            f'<div class="cite-body">{_cells_html(c)}{raw}{_source(c)}{_links(c)}</div></details>')


def citation_groups(citations: Sequence[Citation]) -> list[list[Citation]]:
    """Runs of consecutive citations from the same report (markers stay in their order)."""
    groups: list[list[Citation]] = []
    for c in citations:
        if groups and groups[-1][-1].report == c.report:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _in_group(c: Citation) -> bool:
    """An item of a template group of table 三 (「（三）不予公开」 · 「3.…」)."""
    return c.table == "三" and "." in (c.row or "") and len(row_names(c)) > 1


def _family(c: Citation) -> tuple[object, ...]:
    """Items that fold together: rows of one template group, or cells of one row."""
    return (c.table, row_names(c)[0] if _in_group(c) else c.row)


def _family_name(c: Citation) -> str:
    return row_names(c)[0] if _in_group(c) else " · ".join(row_names(c))


def _is_zero(c: Citation) -> bool:
    return bool(c.table) and c.value is not None and c.value == 0 and c.status != "derived"


def _fold_html(family: list[Citation], zeros: list[Citation], key: str, index: int) -> str:
    head = _family_name(zeros[0])
    rest = "其余 " if len(zeros) < len(family) else ""
    unit = zeros[0].unit or ""
    markers = "".join(f"[{c.n}]" for c in zeros)
    label = f"{esc(head)} {rest}{len(zeros)} 项均为 0 {esc(unit)}".strip()
    items = "".join(citation_html(c, key) for c in zeros)
    ident = f' id="a{esc(key)}-z{index}"' if key else ""
    return (f'<details class="cite-zeros"{ident}><summary><span class="cite-zeros-label">{label}'
            f'</span> <span class="cite-n">{markers}</span></summary>{items}</details>')


def _group_items(group: list[Citation], key: str, folds: list[int]) -> str:
    """The group's citations; zero items of a family (≥ FOLD_AT_LEAST) folded at its end."""
    parts: list[str] = []
    i = 0
    while i < len(group):
        family = [group[i]]
        while i + len(family) < len(group) and _family(group[i + len(family)]) == _family(group[i]):
            family.append(group[i + len(family)])
        i += len(family)
        zeros = [c for c in family if _is_zero(c)]
        if len(zeros) < FOLD_AT_LEAST:
            parts.extend(citation_html(c, key) for c in family)
            continue
        parts.extend(citation_html(c, key) for c in family if not _is_zero(c))
        folds[0] += 1
        parts.append(_fold_html(family, zeros, key, folds[0]))
    return "".join(parts)


def citations_html(citations: Sequence[Citation], key: str = "") -> str:
    """Every citation of an answer in one collapsible block 「引用来源（N 条）」, open when
    there are few, grouped under 「year agency」 headings."""
    if not citations:
        return ""
    groups, folds = [], [0]
    for group in citation_groups(citations):
        groups.append(f'<div class="cite-group"><div class="cite-group-head">{esc(_where(group[0]))}'
                      f"</div>{_group_items(group, key, folds)}</div>")
    is_open = " open" if len(citations) <= OPEN_UP_TO else ""
    return (f'<details class="cites"{is_open}><summary class="cites-title">'
            f"引用来源（{len(citations)} 条）</summary>"
            f'<div class="cites-hint">{esc(HINT)}</div>{"".join(groups)}</details>')


def popover_html(cited: Sequence[Citation]) -> str:
    """What hovering (or focusing) a marker shows: the cited cells or sentence, in brief."""
    lines = []
    zeros = [c for c in cited if _is_zero(c)]
    fold = len(cited) > 1 and len(zeros) >= FOLD_AT_LEAST
    for c in cited:
        if fold and _is_zero(c):
            continue
        text = cite_main(c) if c.table else f"{cite_main(c)}：“{esc_inline(c.quote[:80])}”"
        lines.append(f'<span class="pop-line">[{esc(c.n)}] {text}</span>')
    if fold:
        rest = "其余 " if len(zeros) < len(cited) else ""
        lines.append(f'<span class="pop-line pop-zeros">{rest}{len(zeros)} 项均为 0 {esc(zeros[0].unit)}</span>')
    first = cited[0]
    lines.append(f'<span class="pop-src">{esc(_where(first))}</span>')
    return f'<span class="cite-pop" role="tooltip">{"".join(lines)}</span>'
