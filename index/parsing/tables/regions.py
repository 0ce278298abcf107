"""Where tables 二, 三 and 四 sit in the piece stream (index ranges)."""

from __future__ import annotations

from dataclasses import dataclass

from index.parsing.tables.stream import Piece, normalize

TABLE2_ANCHORS = ("第二十条",)
# Without the template's 「第二十条第（一）项」 lines (some portals drop them), the table's own
# column header; never a prose heading (「（二）主动公开政府信息情况」 is prose in 总体情况).
TABLE2_HEADERS = ("本年制发件数", "现行有效件数")
TABLE3_ANCHORS = ("本列数据", "申请人情况", "收到和处理政府信息公开申请")
TABLE4_ANCHORS = ("行政复议",)
TABLE4_END = ("存在的主要问题", "主要问题", "改进情况", "其他需要报告", "整改措施")


@dataclass(frozen=True)
class Regions:
    table2: tuple[int, int] | None
    table3: tuple[int, int] | None
    table4: tuple[int, int] | None


def _piece_text(piece: Piece) -> str:
    return normalize(piece.text) if piece.kind in ("text", "row") else ""


def _find(pieces: tuple[Piece, ...], words: tuple[str, ...], start: int, end: int) -> int | None:
    for word in words:  # anchors in priority order
        for index in range(start, end):
            if word in _piece_text(pieces[index]):
                return index
    return None


def _first_new_received(pieces: tuple[Piece, ...], start: int) -> int | None:
    for index in range(start, len(pieces)):
        text = _piece_text(pieces[index])
        if "本年新收" in text or "新收政府信息公开申请" in text:
            return index
    return None


def find_regions(pieces: tuple[Piece, ...]) -> Regions:
    n = len(pieces)
    t2 = _find(pieces, TABLE2_ANCHORS, 0, n)
    if t2 is None:
        t2 = _find(pieces, TABLE2_HEADERS, 0, n)
    t3 = _find(pieces, TABLE3_ANCHORS[:2], t2 or 0, n)
    if t3 is None:
        t3 = _first_new_received(pieces, t2 or 0)
    if t3 is None and t2 is not None:
        t3 = _find(pieces, TABLE3_ANCHORS[2:], t2, n)
    t4 = _find(pieces, TABLE4_ANCHORS, t3 if t3 is not None else (t2 or 0), n)
    if t3 is not None and t4 is None:
        t4 = None
    t4_end = _find(pieces, TABLE4_END, t4 + 1, n) if t4 is not None else None
    return Regions(
        table2=(t2, t3 if t3 is not None else (t4 if t4 is not None else n)) if t2 is not None else None,
        table3=(t3, t4 if t4 is not None else n) if t3 is not None else None,
        table4=(t4, t4_end if t4_end is not None else n) if t4 is not None else None,
    )
