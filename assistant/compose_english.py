"""Answers in English for questions asked in English: the same figures, the same citations.

The offline composer writes Chinese; for an English question this module writes an English
answer from what the draft states — every figure with its row and column named in English
(the vocabulary's `en` names), each computation the Chinese answer shows, and the honest gap
when there is no answer — and keeps the Chinese answer below it for reference (the report's
own words, the checks). No number appears here that the draft does not cite or compute.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.vocabulary import vocabulary
from pypinyin import lazy_pinyin

from assistant.draft import Draft, fmt
from assistant.models import Figure
from assistant.understanding.agency_index import place_core
from assistant.understanding.intent import Query

_COMPUTATION = re.compile(r"(-?\d+(?:\.\d+)?(?:\s*[+−]\s*-?\d+(?:\.\d+)?)+\s*=\s*-?\d+(?:\.\d+)?)")
_SHARE = re.compile(r"(\d+(?:\.\d+)?)%（(\d+(?:\.\d+)?)\s*÷\s*(\d+(?:\.\d+)?)）")
_UNITS = {"件": "", "万元": "ten-thousand yuan", "元": "yuan"}
_LEVELS = {"市": "Municipal", "区": "District", "县": "County", "省": "Provincial", "镇": "Town",
           "乡": "Township", "综合实验区": "Comprehensive Pilot Zone", "自治区": "Autonomous Region"}


def english_name(agency: str) -> str:
    """「淮安市洪泽区人民政府」 → "Hongze District People's Government (淮安市洪泽区人民政府)"."""
    from index.parsing.agency import split_place

    places, body = split_place(agency)
    words: list[str] = []
    if places:
        core, suffix = place_core(places[-1])
        words.append("".join(lazy_pinyin(core)).title())
        if suffix in _LEVELS:
            words.append(_LEVELS[suffix])
    office = next((o for o in vocabulary().offices if body in (o.full, *o.short)), None)
    if office and office.english:
        words.append(office.english[0].title().replace("'S", "'s"))
    elif not body and places:
        words.append("Government")
    name = " ".join(words)
    return f"{name} ({agency})" if name else agency


def _term_name(table: str | None, row: str | None, column: str | None) -> str:
    if not table or not row:
        return "figure"
    v = vocabulary()
    key = f"{table}.{row}" if row != "litigation" else "四.litigation"
    name = next((t.en for t in v.rows if t.key == key), row)
    col = next((t.en for t in v.columns if t.key == f"{table}:{column}"), "")
    if col and col not in ("total",) and not (table == "二" and col in ("decisions", "amount")):
        return f"{name} — {col}"
    if table == "四" and column == "total":
        return f"{name} — total"
    return name


def _figure_line(f: Figure) -> str:
    unit = _UNITS.get(_unit(f), "")
    marker = f" [{f.citation}]" if f.citation else ""
    derived = " (added up from the row's cells)" if f.status == "derived" else ""
    return f"- {_term_name(f.table, f.row, f.column)}: {fmt(f.value)}{(' ' + unit) if unit else ''}{marker}{derived}"


def _unit(f: Figure) -> str:
    if f.table == "二" and f.row == "admin_fees":
        return "万元"
    if f.table == "二" and f.row == "procurement" and f.column == "amount":
        return "元"
    return "件"


def render(draft: Draft, query: Query, status: str) -> Draft:
    """The English answer over `draft` (Chinese kept below, under 「中文原文」)."""
    if not draft.answered:
        return replace(draft, text=f"{_gap(query, status)}\n\n中文原文：{draft.text}")
    lines: list[str] = []
    who = {(f.agency, f.year) for f in draft.figures if f.agency}
    for agency, year in sorted(who, key=lambda ay: (ay[0], ay[1] or 0)):
        lines.append(f"{english_name(agency)}, {year} annual report:")
        lines += [_figure_line(f) for f in draft.figures
                  if f.agency == agency and f.year == year and f.citation]
    for m in _COMPUTATION.finditer(draft.text):
        lines.append(f"- computed: {m.group(1).replace('−', '-')}")
    for m in _SHARE.finditer(draft.text):
        lines.append(f"- share: {m.group(2)} ÷ {m.group(3)} = {m.group(1)}%")
    if not lines:  # an answer quoting the report's text
        lines.append("The report says (quoted in Chinese below, with its citation):")
    if query.intent == "yesno" and (lead := _yes_no_lead(draft.text)):
        lines.insert(0, lead)
    if query.intent == "checks":
        lines.insert(0, "Yes — the report's cross-checks (勾稽关系) all hold." if "全部成立" in draft.text
                     else "No — parts of the report do not add up (the details, with sums shown, "
                     "are in the Chinese text below).")
    if query.agency_reading:
        lines.append(f"(Read as {query.agency}.)")
    text = "\n".join(lines) + f"\n\n中文原文：{draft.text}"
    return replace(draft, text=text)


def _yes_no_lead(text: str) -> str:
    """The Chinese answer's first word (「是的」「没有」…) as Yes / No."""
    if re.match(r"(?:是的|对|有的|有。|有，)", text):
        return "Yes."
    if re.match(r"(?:没有|不是|否|并非|无)", text):
        return "No."
    return ""


def _gap(query: Query, status: str) -> str:
    agency = english_name(query.agency) if query.agency else ""
    years = ", ".join(str(y) for y in query.years)
    if status == "unknown_agency":
        return f"The library holds no annual report of {query.unknown_agency}, so I cannot answer."
    if status == "year_missing":
        return f"The library holds no {years} report of {agency}, so I cannot answer."
    if status in ("not_recorded", "not_found"):
        return ("The annual reports do not record this, and the report's text does not state it — "
                "I cannot answer and will not estimate.")
    if status == "part_unread":
        return ("You asked for several figures added up, but I could not match every part to a "
                "figure of the reports, so I give no total. Please choose one of the options.")
    if status in ("ambiguous", "confirm", "no_agency"):
        return "Which agency do you mean? Please choose one of the options."
    return "I cannot give an answer with a reliable source for this question."
