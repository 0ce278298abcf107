"""Template labels echoed in a question, removed before the rest is read as prose terms.

「补正后申请内容仍不明确的有几件」 names the row 3.补正后申请内容仍不明确 by its label; the
metric reader matches 「仍不明确」, but the leftover 「补正后」「内容」 are still label words,
not a topic of their own. Left in, they make the question look like a prose search that
finds the table's own label line. Any run of two or more characters that also occurs in the
label of a matched row or column (or of any table 二 column) is removed.
"""

from __future__ import annotations

from collections.abc import Iterable

from index.template import column_label, row_label

from assistant.understanding.metric import LITIGATION, Cell

# Column headers of table 二 (both template versions) that people copy into questions.
TABLE2_HEADERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
                  "本年增/减", "处理决定数量", "本年处理决定数量", "采购项目数量", "采购总金额",
                  "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "信息内容")
MIN_RUN = 2


def cell_labels(cells: Iterable[Cell]) -> tuple[str, ...]:
    labels: list[str] = []
    for cell in cells:
        row = cell.row if cell.row != LITIGATION else "litigation_direct"
        labels.append(row_label(cell.table, row))
        if cell.column:
            labels.append(column_label(cell.table, row, cell.column))
    return tuple(labels)


def strip_labels(text: str, cells: Iterable[Cell]) -> str:
    """`text` with every run (≥ 2 characters) that occurs in a matched label blanked."""
    labels = (*cell_labels(cells), *TABLE2_HEADERS)
    chars = list(text)
    i = 0
    while i < len(text):
        end = _longest_run(text, i, labels)
        if end - i >= MIN_RUN:
            chars[i:end] = " " * (end - i)
            i = end
        else:
            i += 1
    return "".join(chars)


def _longest_run(text: str, start: int, labels: tuple[str, ...]) -> int:
    best = start
    for end in range(start + MIN_RUN, len(text) + 1):
        piece = text[start:end]
        if any(piece in label for label in labels):
            best = end
        else:
            break
    return best
