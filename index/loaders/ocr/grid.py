"""Ruled tables on a page image: deskewing by the ruling lines, then each table's rows
(between horizontal rules) and, row by row, its cells (between the vertical rules that
cross that row; merged cells simply have fewer).

    straighten(gray) -> (gray, angle)      the page rotated so that ruling lines are level
    find_tables(gray) -> list[Table]       tables with their row bands and cell intervals

Works on greyscale uint8 images (0 = black). Borderless tables give no `Table`; their
lines are read as text (the table reader handles number runs in text).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

MAX_SKEW_DEGREES = 5.0
MIN_TABLE_WIDTH = 0.25  # of the page width
MIN_RULE = 0.25  # a horizontal rule spans at least this share of its table's width
MIN_VERTICAL = 1 / 40  # of the page height: a column rule is longer than a digit 1 or a bracket
MIN_CROSSING = 0.6  # a vertical rule covers this share of a row's height to separate cells


@dataclass(frozen=True)
class Row:
    top: int
    bottom: int
    cells: tuple[tuple[int, int], ...]  # (x0, x1) of each cell, left to right


@dataclass(frozen=True)
class Table:
    x0: int
    top: int
    x1: int
    bottom: int
    rows: tuple[Row, ...]

    def contains(self, x: float, y: float) -> bool:
        """Inside the table, or in one more row's height under it (a lost bottom rule)."""
        last = self.rows[-1]
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom + (last.bottom - last.top)


def _ink(gray: np.ndarray) -> np.ndarray:
    """Dark pixels as 255 (Otsu threshold), the rest 0."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def skew_angle(gray: np.ndarray) -> float:
    """Degrees the page is turned, from its long near-horizontal lines (0 when it has none);
    found on a half-size image (the angle is the same, the search four times faster)."""
    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    width = small.shape[1]
    mask = _rules(_ink(small), (max(10, width // 30), 1))  # rules only: text rows mislead
    lines = cv2.HoughLinesP(mask, 1, math.pi / 1800, threshold=width // 4,
                            minLineLength=width // 3, maxLineGap=8)
    angles = []
    segments = np.asarray(lines).reshape(-1, 4) if lines is not None else np.empty((0, 4))
    for x0, y0, x1, y1 in segments:
        angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if abs(angle) <= MAX_SKEW_DEGREES:
            angles.append(angle)
    return float(np.median(angles)) if angles else 0.0


def straighten(gray: np.ndarray) -> tuple[np.ndarray, float]:
    angle = skew_angle(gray)
    if abs(angle) < 0.05:
        return gray, 0.0
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return turned, angle


def _rules(mask: np.ndarray, kernel: tuple[int, int]) -> np.ndarray:
    element = cv2.getStructuringElement(cv2.MORPH_RECT, kernel)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, element)


def _centres(profile: np.ndarray, threshold: float) -> list[int]:
    """Centres of the runs of positions where `profile` reaches `threshold`."""
    on = np.flatnonzero(profile >= threshold)
    if not on.size:
        return []
    runs = np.split(on, np.flatnonzero(np.diff(on) > 2) + 1)
    return [int(run.mean()) for run in runs]


def find_tables(gray: np.ndarray) -> list[Table]:
    height, width = gray.shape
    mask = _ink(gray)
    horizontal = _rules(mask, (max(20, width // 30), 1))
    vertical = _rules(mask, (1, max(15, height // 50)))
    frame = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame)
    tables = []
    for x, y, w, h, _ in stats[1:count]:
        if w < width * MIN_TABLE_WIDTH or h < height * MIN_VERTICAL:
            continue
        table = _table(horizontal[y:y + h, x:x + w], vertical[y:y + h, x:x + w], x, y,
                       height * MIN_VERTICAL)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.top)


def _table(horizontal: np.ndarray, vertical: np.ndarray, left: int, top: int,
           min_vertical: float) -> Table | None:
    h, w = horizontal.shape
    ys = _centres((horizontal > 0).sum(axis=1), w * MIN_RULE)
    xs = _centres((vertical > 0).sum(axis=0), min_vertical)
    if len(ys) < 2 or len(xs) < 2:
        return None
    rows = []
    for y0, y1 in zip(ys, ys[1:]):
        inner = vertical[y0 + 2:max(y0 + 3, y1 - 2)]
        crossing = [x for x in xs if (inner[:, max(0, x - 2):x + 3].max(axis=1) > 0).mean() >= MIN_CROSSING]
        if len(crossing) < 2:
            continue
        cells = tuple((left + a, left + b) for a, b in zip(crossing, crossing[1:]) if b - a > 4)
        rows.append(Row(top + y0, top + y1, cells))
    if not rows:
        return None
    return Table(left, top, left + w, top + h, tuple(rows))
