"""Text boxes of one page → lines and table rows, in reading order.

Boxes inside a ruled table go to the row band their centre falls in and, within it, to the
cell between the vertical rules that cross that row; a table row becomes one row `Line`
with a cell per interval ("" when blank). Boxes outside tables are grouped into text lines
by vertical overlap and read left to right. Positions stay in image pixels here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.loaders.ocr.engine import TextBox
from index.loaders.ocr.grid import Row, Table

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]")
SAME_LINE_OVERLAP = 0.5  # of the shorter box's height
WORD_GAP = 1.2  # a gap wider than this many text heights separates words by a space


@dataclass
class Cell:
    x0: int
    x1: int
    boxes: list[TextBox] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_boxes(sorted(self.boxes, key=lambda b: (round(b.top / max(b.height, 1)), b.x0)))

    @property
    def score(self) -> float:
        return min((b.score for b in self.boxes), default=1.0)


@dataclass
class Line:
    """A text line (`cells` empty) or a table row (`cells` from left to right)."""

    top: float
    bottom: float
    x0: float
    x1: float
    text: str = ""
    cells: list[Cell] = field(default_factory=list)
    row: Row | None = None

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


def join_boxes(boxes: list[TextBox]) -> str:
    """Texts of boxes in reading order; a space between two ASCII words or across a wide gap."""
    out = ""
    previous: TextBox | None = None
    for box in boxes:
        if previous is not None and out:
            gap = box.x0 - previous.x1
            wide = gap > WORD_GAP * min(box.height, previous.height)
            ascii_edge = not _CJK.match(out[-1]) and not _CJK.match(box.text[0])
            if wide or (ascii_edge and gap > 0):
                out += " "
        out += box.text
        previous = box
    return out.strip()


def page_lines(boxes: list[TextBox], tables: list[Table]) -> list[Line]:
    """All lines of a page, top to bottom: table rows and text lines."""
    inside: dict[int, list[TextBox]] = {i: [] for i in range(len(tables))}
    outside: list[TextBox] = []
    for box in boxes:
        owner = next((i for i, t in enumerate(tables) if t.contains(box.cx, box.cy)), None)
        (outside if owner is None else inside[owner]).append(box)
    lines = text_lines(outside)
    for index, table in enumerate(tables):
        lines += table_lines(table, inside[index])
    return sorted(lines, key=lambda line: (line.top, line.x0))


def text_lines(boxes: list[TextBox]) -> list[Line]:
    groups: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: b.cy):
        group = groups[-1] if groups else None
        if group is not None and _same_line(group, box):
            group.append(box)
        else:
            groups.append([box])
    lines = []
    for group in groups:
        group.sort(key=lambda b: b.x0)
        lines.append(Line(min(b.top for b in group), max(b.bottom for b in group),
                          min(b.x0 for b in group), max(b.x1 for b in group), join_boxes(group)))
    return lines


def _same_line(group: list[TextBox], box: TextBox) -> bool:
    top = max(b.top for b in group)
    bottom = min(b.bottom for b in group)
    height = min(min(b.height for b in group), box.height)
    overlap = min(bottom, box.bottom) - max(top, box.top)
    return overlap >= SAME_LINE_OVERLAP * height


def table_lines(table: Table, boxes: list[TextBox]) -> list[Line]:
    bands = list(table.rows)
    if bands:  # a last row whose bottom rule was lost (page edge, faint scan): same cells
        last = bands[-1]
        bands.append(Row(last.bottom, last.bottom + (last.bottom - last.top), last.cells))
    rows = [Line(r.top, r.bottom, r.cells[0][0], r.cells[-1][1],
                 cells=[Cell(a, b) for a, b in r.cells], row=r) for r in bands]
    stray: list[TextBox] = []
    for box in boxes:
        line = _row_of(rows, box)
        if line is None:
            stray.append(box)
            continue
        _cell_of(line.cells, box).boxes.append(box)
    extra = rows[-1]
    if sum(1 for c in extra.cells if c.boxes and _numeric(c.text)) < 2:  # not a lost row
        stray += [b for c in extra.cells for b in c.boxes]
        rows = rows[:-1]
    out = [line for line in rows if any(c.boxes for c in line.cells)]
    for line in out:
        line.text = " | ".join(c.text for c in line.cells)
    return out + text_lines(stray)


def _numeric(text: str) -> bool:
    return bool(text) and text.replace(" ", "").replace(".", "").isdigit()


def _row_of(rows: list[Line], box: TextBox) -> Line | None:
    for line in rows:
        if line.top <= box.cy < line.bottom:
            return line
    return None


def _cell_of(cells: list[Cell], box: TextBox) -> Cell:
    for cell in cells:
        if cell.x0 <= box.cx < cell.x1:
            return cell
    return min(cells, key=lambda c: abs((c.x0 + c.x1) / 2 - box.cx))
