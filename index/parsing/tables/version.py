"""Which template a report uses: "2019" trial, "2021" revised, or "free-form"."""

from __future__ import annotations

from index.parsing.tables.stream import Piece, normalize

MARKERS_2019 = ("本年新制作", "新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "集中采购")
MARKERS_2021 = ("本年制发", "本年废止", "现行有效", "本年度止件数")


def template_hint(table2: tuple[Piece, ...]) -> str:
    """"2019" / "2021" from table 二's column headers alone; "" when they say nothing."""
    text = "".join(normalize(p.text) for p in table2 if p.kind != "numbers")
    hits_2019 = sum(marker in text for marker in MARKERS_2019)
    hits_2021 = sum(marker in text for marker in MARKERS_2021)
    if hits_2019 > hits_2021:
        return "2019"
    return "2021" if hits_2021 else ""


def detect_template(table2: tuple[Piece, ...], has_tables: bool, other_items: bool) -> str:
    """Table 二's column headers decide; without them, （六） items mean 2021."""
    if not has_tables:
        return "free-form"
    hint = template_hint(table2)
    if hint:
        return hint
    if other_items:
        return "2021"
    return "2019" if any(p.kind != "numbers" for p in table2) else "2021"
