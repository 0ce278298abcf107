"""What figure a question asks for: canonical cells of tables 二/三/四, read from the
vocabulary spotted in the question (`lexicon`), plus what the template does not record.

Rows come in the order asked; a general row gives way to a more specific one it covers
(「申请…说不清」 asks for 3.补正后申请内容仍不明确, not for 本年新收; 「诉讼…复议后」 for
复议后起诉). Applicant words pick table 三 columns, result words table 四 columns, and
table 二 column words table 二 columns; a question naming no cell gets no cell — never a
default figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.template import GROUP_ITEMS
from index.vocabulary import row as vocab_row

from assistant.understanding.lexicon import COLUMN, ROW, UNRECORDED, Spot, spots

LITIGATION = "litigation"  # both kinds of 行政诉讼 (直接起诉 + 复议后起诉)
LEGAL_PERSON = "legal_person"  # 法人或其他组织: the five organisation columns together
NEW_RECEIVED = "new_received"


@dataclass(frozen=True)
class Cell:
    """A canonical cell; row may be a group key or LITIGATION, column "" = the default."""

    table: str
    row: str
    column: str = ""

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}"


@dataclass(frozen=True)
class MetricSpec:
    cells: tuple[Cell, ...] = ()
    companions: tuple[Cell, ...] = ()  # figures a helpful answer adds
    words: tuple[str, ...] = ()  # the question's words that named the cells
    column: str = ""  # explicit table 三 / 四 column, "" when none
    topic: str = ""  # prose topics: "fee_prose" | "fee_companion" | "problems" | ""
    columns: tuple[str, ...] = ()  # several applicant types named (「个人和企业各多少」)
    unrecorded: tuple[str, ...] = ()  # what the template does not record (「平均几天」)
    spotted: tuple[Spot, ...] = ()
    inferred: bool = False  # only weak words or applicant words named the cells (「收了」「企业…几件」)


# Phrases whose words would wrongly name a cell (主动公开 is not 予以公开).
NOT_METRIC = ("主动公开", "政府信息公开", "信息公开", "政务公开", "公开工作", "依申请公开工作",
              "公开指南", "公开目录", "公开平台", "公开栏目", "公开专栏")
FEE_WORDS = ("信息处理费", "处理费", "收费", "收钱", "要钱", "交钱", "费用", "付费", "收了多少钱", "收不收")
PROBLEM_WORDS = ("存在的问题", "存在哪些问题", "什么问题", "问题和不足", "不足", "改进", "存在问题",
                 "主要问题", "哪些问题")
# Ways to name 本年新收 that only say "applications" (a more specific row beside them wins).
_GENERIC_RECEIVED = re.compile(r"^(?:.*申请(?!量|数|件数)|提的|提了|递交|来要|讨要|索取|要信息)")
# Phrases with applicant words that do not name an applicant type.
NOT_APPLICANT = ("哪个单位", "哪些单位", "各单位", "哪家单位", "所有单位", "本单位", "单位名称",
                 "哪个部门", "各部门", "中介机构", "机构改革", "内设机构", "个人隐私", "几个人", "多少个人",
                 "一个人", "两个人")


def _cell(key: str, column: str = "") -> Cell:
    table, row = key.split(".", 1)
    return Cell(table, row, column)


_YES_NO_HAVE = re.compile(r"有没有(?=给|批|同意|公开)")


def _mask(text: str, phrases: tuple[str, ...]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, "＿" * len(phrase))
    return text


def parse_metric(text: str) -> MetricSpec:
    """Cells, companions and columns named in `text` (agency and years already removed)."""
    # 「有没有给公开的」 asks whether any were granted: its 「没有」 is the question, no negation
    masked = _mask(_YES_NO_HAVE.sub("有＿＿", text.replace("报告", "  ")), NOT_METRIC)
    found = spots(_mask(masked, NOT_APPLICANT)) if any(p in masked for p in NOT_APPLICANT) \
        else spots(masked)
    row_spots = [s for s in found if s.kind == ROW]
    cells = _refine(row_spots, combined=bool(_COMBINED.search(masked)))
    unrecorded = tuple(dict.fromkeys(s.key for s in spots(masked, kinds=(UNRECORDED,))
                                     if not _inside_longer(s, found)))  # 「撤回复议」 is 其他结果
    topic = _topic(masked, cells, row_spots, text)
    if topic == "fee_prose":
        cells = [c for c in cells if c.row not in ("admin_fees", NEW_RECEIVED)]
    cols = [s for s in found if s.kind == COLUMN]
    applicants = tuple(dict.fromkeys(s.key.split(":")[1] for s in cols if s.key.startswith("三:")))
    inferred = bool(row_spots) and all(_weak(s) for s in row_spots)
    if not cells and applicants and _asks_count(masked):
        cells, inferred = [Cell("三", NEW_RECEIVED)], True  # 「企业申请的有几件」「律所有几个」
    column = ""
    if (not cells or any(c.table == "三" for c in cells)) and len(applicants) == 1:
        column = applicants[0]
    results = [s.key.split(":")[1] for s in cols if s.key.startswith("四:")]
    if any(c.table == "四" for c in cells) and results:
        column = results[0]
        cells = [Cell("四", c.row, column) if c.table == "四" else c for c in cells]
    table2_cols = list(dict.fromkeys(s.key.split(":")[1] for s in cols if s.key.startswith("二:")))
    cells = _table2_columns(cells, table2_cols)
    companions = [_cell(k) for c in cells for k in vocab_row(c.key).companions
                  if _cell(k) not in cells] if cells else []
    words = tuple(s.text for s in row_spots if not s.pattern)
    return MetricSpec(tuple(cells), tuple(dict.fromkeys(companions)), words, column, topic,
                      applicants if len(applicants) >= 2 else (), unrecorded, tuple(found), inferred)


_EXPLICIT_RECEIVED = ("本年新收", "新收", "收到", "受理", "接收", "接到")
# Words that combine several figures (「新收加上年结转」): every row named counts then.
_COMBINED = re.compile(r"加|和|与|跟|及|以及|[+＋、]|比|占|合计|一共|总共|连同|分别|各")


def _inside_longer(spot: Spot, found: list[Spot]) -> bool:
    """`spot` lies inside a longer word of a row or column (「撤回」 in 「撤回复议」)."""
    return any(f.kind != UNRECORDED and f.start <= spot.start and spot.end <= f.end
               and f.end - f.start > spot.end - spot.start for f in found)


def _weak(spot: Spot) -> bool:
    """Words that only say "applications" (「几件申请」「申请的」): beside words for something
    else (「…中途撤回的」) they name no figure. Only the template's own receiving words
    (本年新收, 收到, 受理 …) are strong."""
    if spot.key == "三.new_received":
        return spot.text not in _EXPLICIT_RECEIVED
    return spot.text in vocab_row(spot.key).weak or (spot.pattern and bool(vocab_row(spot.key).weak))


def _refine(row_spots: list[Spot], combined: bool = False) -> list[Cell]:
    """Rows in question order, a general row dropped when a more specific one is named:
    「不予公开的申请数」 asks for 不予公开, not for 本年新收 too — unless the question
    combines figures and names 本年新收 explicitly (「新收加上年结转」)."""
    cells = list(dict.fromkeys(_cell(s.key) for s in row_spots))
    rows = {c.row for c in cells}
    generic = not combined or not any(s.text in _EXPLICIT_RECEIVED for s in row_spots
                                      if s.key == "三.new_received")
    out = [c for c in cells if not (c.row == NEW_RECEIVED and generic and len(rows) > 1)]
    if any(r.startswith("litigation_") for r in rows):
        out = [c for c in out if c.row != LITIGATION]
    for group in GROUP_ITEMS:
        if any(r.startswith(group + ".") for r in rows):
            out = [c for c in out if c.row != group]
    if any(c.table == "二" for c in out) and any(c.table == "三" for c in out):
        out = [c for c in out if c.table == "二"]  # 「行政许可批了几个」 is about 行政许可
    return out or cells


def _topic(text: str, cells: list[Cell], row_spots: list[Spot], original: str = "") -> str:
    item_words = [s.text for s in row_spots if s.key.startswith("三.other.unpaid")]
    fee_text = _mask(text, tuple(item_words))  # 「没交钱不再处理」 names a row, not the fee
    if "信息处理费" in text or "处理费" in text or (
            any(w in fee_text for w in FEE_WORDS) and ("申请" in original or "公开" in original)):
        return "fee_prose"
    if section := _section_asked(original or text):
        return f"section:{section}"
    if any(w in text for w in PROBLEM_WORDS) and not cells:
        return "problems"
    if any(c.row == "admin_fees" for c in cells):
        return "fee_companion"  # 收费: also what the report says about 信息处理费
    return ""


_PART = re.compile(r"第([一二三四五六1-6])(?:部分|节|章)")


def _section_asked(text: str) -> str:
    """「第六部分写了什么」「其他需要报告的事项」: the title of the section asked for."""
    from index.template import SECTION_TITLES

    m = _PART.search(text)
    if m:
        number = m.group(1)
        key = "一二三四五六"[int(number) - 1] if number.isdigit() else number
        return SECTION_TITLES.get(key, "")
    for title in SECTION_TITLES.values():
        if title in text and title not in ("总体情况",):
            return title
    return ""


def _asks_count(text: str) -> bool:
    return bool(re.search(r"多少|几|数量|占比|比例|呢", text))


def _table2_columns(cells: list[Cell], columns: list[str]) -> list[Cell]:
    """Table 二 rows with the columns named: one row and two columns named (「发的比废止的多」)
    is two cells of that row."""
    out: list[Cell] = []
    table2 = [c for c in cells if c.table == "二"]
    for cell in cells:
        if cell.table != "二" or cell.column or not columns:
            out.append(cell)
        elif len(table2) == 1 and len(columns) >= 2:
            out += [Cell("二", cell.row, col) for col in columns]
        else:
            out.append(Cell("二", cell.row, columns[0]))
    return out


def applicant_columns(text: str) -> tuple[str, ...]:
    """Every applicant type named, in order (「个人和企业各多少」 → natural_person, commercial)."""
    found = spots(_mask(text, NOT_APPLICANT), kinds=(COLUMN,))
    return tuple(dict.fromkeys(s.key.split(":")[1] for s in found if s.key.startswith("三:")))


def applicant_column(text: str) -> str:
    columns = applicant_columns(text)
    return columns[0] if columns else ""


def result_column(text: str) -> str:
    found = spots(text, kinds=(COLUMN,))
    return next((s.key.split(":")[1] for s in found if s.key.startswith("四:")), "")


def table2_column(text: str) -> str:
    found = spots(text, kinds=(COLUMN,))
    return next((s.key.split(":")[1] for s in found if s.key.startswith("二:")), "")


def row_words(spec: MetricSpec) -> tuple[str, ...]:
    return spec.words


__all__ = ["LEGAL_PERSON", "LITIGATION", "Cell", "MetricSpec", "applicant_column",
           "applicant_columns", "parse_metric", "result_column", "table2_column", "UNRECORDED"]
