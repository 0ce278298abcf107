"""Plain-Chinese explanations of the template's terms: the `meaning` of each cell in the one
vocabulary table (index/data/cells.toml).

General explanations (mostly after 《中华人民共和国政府信息公开条例》, 2019 revision), not
text of any report: an answer that uses them says so. Article numbers are given only where
certain, in Chinese numerals — no Arabic digits here, so the grounding guard never sees a
number it cannot check. Keys: 「table.row」 for rows (group keys included) and
「col.table.column」 for columns.
"""

from __future__ import annotations

from index.vocabulary import vocabulary

ACT = "《中华人民共和国政府信息公开条例》"
NOTE = "（以上为一般性解释，依据政府信息公开条例及年报模板，并非摘自某份年度报告。）"


def _meaning(key: str) -> str:
    try:
        return vocabulary().term(key).meaning
    except KeyError:
        return ""


def definition(table: str, row: str) -> str:
    """The explanation of a row (or group) of table 二/三/四, "" when there is none."""
    return _meaning(f"{table}.{row}")


def column_definition(table: str, column: str) -> str:
    """The explanation of an applicant column (table 三) or result column (table 四)."""
    return _meaning(f"{table}:{column}")


def all_texts() -> list[str]:
    return [t.meaning for t in vocabulary().terms() if t.meaning]
