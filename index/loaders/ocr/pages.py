"""One page image → blocks: straighten, detect and recognise text, find ruled tables,
rebuild rows and cells, read back digits the detector dropped, normalise number cells.

    read_page_image(gray, page=n, scale=s) -> PageRead

`scale` is pixels per PDF point (dpi / 72) so that a block's box is given in page points
(pixels for an image file, scale 1). The page image is not kept; only the small crops of
number cells are, for the checks to look at again (index.loaders.ocr.verify).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.loaders.cells import clean_line
from index.loaders.ocr import engine
from index.loaders.ocr.confusions import as_number, is_blank_mark
from index.loaders.ocr.grid import find_tables, straighten
from index.loaders.ocr.layout import Cell, Line, page_lines
from index.models import Block, Location

OCR = "ocr"
RULE_MARGIN = 3  # pixels trimmed off a cell's edges so its rules are not read as ink
MIN_INK = 8  # dark pixels a blank-looking cell needs before it is read again
INK_LEVEL = 160  # darker than this is ink (a blurred scan's thin 「1」 stays above 128)
PAD = 4
GUESSED = 0.4  # confidence given to a number read from look-alike letters ("o" → "0")


@dataclass(frozen=True)
class NumberCell:
    """A number cell of a table row: where it is in the row's cells, what was read, how
    sure the recogniser was, and the cell's ink (kept to read it again)."""

    index: int
    text: str
    score: float
    crop: np.ndarray | None


@dataclass(frozen=True)
class PageRead:
    page: int
    blocks: tuple[Block, ...]
    numbers: dict[Location, tuple[NumberCell, ...]]  # row block location → its number cells
    unreadable: frozenset[Location]  # rows with ink in a cell that no reading explains


def read_page_image(gray: np.ndarray, *, page: int, scale: float) -> PageRead:
    gray, _ = straighten(gray)
    boxes = engine.read_page(gray)
    tables = find_tables(gray)
    lines = page_lines(boxes, tables)
    blocks: list[Block] = []
    numbers: dict[Location, tuple[NumberCell, ...]] = {}
    unreadable: set[Location] = set()
    for k, line in enumerate(lines, start=1):
        box = tuple(round(float(v) / scale, 1) for v in (line.x0, line.top, line.x1, line.bottom))
        location = Location(page=page, line=k, method=OCR, box=box)  # type: ignore[arg-type]
        if not line.is_row:
            text = clean_line(line.text)
            if text:
                blocks.append(Block(kind="text", text=text, location=location))
            continue
        cells, found, missing = _row_cells(gray, line)
        if sum(1 for c in cells if c) <= 1:
            text = clean_line(" ".join(c for c in cells if c))
            if text:
                blocks.append(Block(kind="text", text=text, location=location))
            continue
        blocks.append(Block(kind="row", text=" | ".join(cells), location=location,
                            cells=tuple(cells)))
        if found:
            numbers[location] = tuple(found)
        if missing:
            unreadable.add(location)
    return PageRead(page, tuple(blocks), numbers, frozenset(unreadable))


def _row_cells(gray: np.ndarray, line: Line) -> tuple[list[str], list[NumberCell], bool]:
    """Cell texts of a table row (number cells normalised), its number cells, and whether
    a cell holds ink that could not be read."""
    texts = [clean_line(c.text) for c in line.cells]
    first_number = next((i for i, t in enumerate(texts) if as_number(t) is not None), None)
    if first_number is None:
        return texts, [], False
    guessed: set[int] = set()
    for i in range(first_number, len(texts)):
        if is_blank_mark(texts[i]):
            texts[i] = "—"  # the table reader's blank
        elif 0 < len(texts[i]) <= 3 and as_number(texts[i], among_numbers=True) is None:
            guessed.add(i)  # not a number where numbers stand (「の」 for 5): read it again
            texts[i] = ""
    again = [i for i in range(first_number, len(texts)) if not texts[i]]
    crops = {i: crop for i in again if (crop := _ink_crop(gray, line, line.cells[i])) is not None}
    inked = list(crops)
    missing = False
    for i, reading in zip(inked, engine.read_crops(list(crops.values()))):
        number = as_number(reading.text, among_numbers=True)
        if number is None or reading.score < engine.MIN_SCORE:
            missing = missing or not is_blank_mark(reading.text)
            continue
        texts[i] = number
        score = min(reading.score, GUESSED) if i in guessed else reading.score
        line.cells[i].boxes[:] = [engine.TextBox(number, score, line.cells[i].x0,
                                                 line.top, line.cells[i].x1, line.bottom)]
    missing = missing or any(i in guessed and not texts[i] for i in range(len(texts)))
    found: list[NumberCell] = []
    for i in range(first_number, len(texts)):
        number = as_number(texts[i], among_numbers=True)
        if number is None:
            continue
        score = line.cells[i].score if number == texts[i] else min(line.cells[i].score, GUESSED)
        texts[i] = number
        found.append(NumberCell(i, number, score, _ink_crop(gray, line, line.cells[i])))
    return texts, found, missing


def _ink_crop(gray: np.ndarray, line: Line, cell: Cell) -> np.ndarray | None:
    """The cell's ink, cropped tight with a white margin; None when the cell is blank."""
    top, bottom = int(line.top) + RULE_MARGIN, int(line.bottom) - RULE_MARGIN
    x0, x1 = int(cell.x0) + RULE_MARGIN, int(cell.x1) - RULE_MARGIN
    if bottom - top < 4 or x1 - x0 < 4:
        return None
    area = gray[top:bottom, x0:x1]
    dark = area < INK_LEVEL
    if int(dark.sum()) < MIN_INK:
        return None
    ys, xs = np.nonzero(dark)
    y0, y1 = max(0, ys.min() - PAD), min(area.shape[0], ys.max() + PAD + 1)
    a0, a1 = max(0, xs.min() - PAD), min(area.shape[1], xs.max() + PAD + 1)
    crop = np.full((y1 - y0 + 2 * PAD, a1 - a0 + 2 * PAD), 255, dtype=np.uint8)
    crop[PAD:PAD + y1 - y0, PAD:PAD + a1 - a0] = area[y0:y1, a0:a1]
    return crop
