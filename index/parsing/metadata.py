"""Report metadata: title, agency (fullest name + aliases) and the year covered, read from
every signal the document has, each with where it came from (`MetaSource`).

Signals: the report's own text (a title line, the statistics period, the preamble
「本报告由X编制」, the opening 「2024年，X坚持…」, the signature) and what the loader read
outside it (`SourceDocument.signals`: <title>, <meta> tags, h1–h3, breadcrumb, 「来源：」
fields, document properties). Text exported by a crawler keeps its page chrome: the head
and tail lines are searched for the same fields.

The year: index.parsing.year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.loaders.fields import cell_fields, line_fields
from index.models import Block, MetaSource, PageSignal
from index.parsing.agency import (
    derive_aliases,
    fix_ocr,
    fullest_name,
    place_stem,
    split_place,
)
from index.parsing.agency_choice import SIGNAL_WEIGHTS as WEIGHTS
from index.parsing.agency_choice import (
    Candidate,
    agency_key,
    choose,
    complete_place,
    government_form,
    strongest,
    weight_of,
)
from index.parsing.agency_names import (
    agency_in_title,
    body_phrases,
    bracket_aliases,
    clean_agency,
    opening_agency,
    signature,
)
from index.parsing.titles import (
    YEAR,
    TitleText,
    complete,
    header_title,
    is_page_info,
    page_title_parts,
    report_title,
    squash,
    title_at,
)
from index.parsing.year import (
    choose_year,
    find_year,
    first_year,
    opening_year,
    period_year,
    to_year,
)

__all__ = ["Metadata", "complete", "find_agency", "find_title", "find_year", "read_metadata", "squash", "to_year"]

_AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff（）()]+$")
_MAX_HEAD_LINES = 40
_FIELD_HEAD_LINES = 60
_TAIL_LINES = 15
_LIST_REACH = 2
_PAGE_TITLE_LINES = 5


@dataclass(frozen=True)
class Metadata:
    title: str
    agency: str
    agency_aliases: tuple[str, ...]
    year: int | None
    warnings: tuple[str, ...] = ()
    sources: tuple[MetaSource, ...] = ()


@dataclass(frozen=True)
class _Title:
    title: TitleText
    signal: str
    weight: float
    year: int | None
    score: float = 0.0


def read_metadata(blocks: tuple[Block, ...], signals: tuple[PageSignal, ...] = ()) -> Metadata:
    lines = [b.text for b in blocks if b.kind == "text"]
    text = "\n".join(lines)
    signals = tuple(dict.fromkeys((*signals, *text_signals(blocks))))
    period = period_year(text)
    evidence = period[0] or opening_year(text)[0]
    titles = _rank_titles(_title_candidates(lines, signals), period[0], evidence)
    title = titles[0] if titles else None
    warnings: list[str] = []
    agency, aliases, agency_source = _agency(titles, lines, text, signals, warnings)
    year, year_source = choose_year(period, title.year if title else None,
                                    (title.signal, title.title.printed) if title else ("", ""),
                                    text, signals, warnings)
    sources = [s for s in (agency_source, year_source) if s is not None]
    if title is not None:
        sources.append(MetaSource("title", title.title.text, title.signal, title.title.printed))
    return Metadata(title.title.text if title else "", agency, aliases, year, tuple(warnings),
                    tuple(sources))


def text_signals(blocks: tuple[Block, ...]) -> tuple[PageSignal, ...]:
    """Page-info fields a crawler kept in the text: the first lines and the last ones, and
    the page's <title> when it heads the text (「标题_栏目_站点」)."""
    found: list[PageSignal] = [PageSignal("page_title", b.text, "<title>") for b in blocks[:_PAGE_TITLE_LINES]
                               if b.kind == "text" and _is_page_title_line(b.text)]
    head, tail = blocks[:_FIELD_HEAD_LINES], blocks[-_TAIL_LINES:] if len(blocks) > _FIELD_HEAD_LINES else ()
    for block in (*head, *tail):
        found += cell_fields(block.cells) if block.kind == "row" else line_fields(block.text)
    for key, value in zip(head, head[1:]):  # a key/value table flattened one cell a line
        if key.kind == value.kind == "text":
            found += cell_fields((key.text, value.text))[:1]
    return tuple(found)


# ---- title -------------------------------------------------------------------------


def find_title(lines: list[str]) -> str:
    """The first report title printed at the head of the text ("" when none)."""
    found = _body_titles(lines)
    return found[0].title.text if found else ""


def _title_candidates(lines: list[str], signals: tuple[PageSignal, ...]) -> list[_Title]:
    found = _body_titles(lines)
    for signal in signals:
        if signal.kind == "page_title":
            for part in page_title_parts(signal.text):
                found += _signal_title(part, "<title>", WEIGHTS["<title>"])
        elif signal.kind in ("title", "heading"):
            origin = signal.origin if signal.kind == "heading" else (
                signal.origin if signal.origin.startswith(("meta:", "pdf:", "docx:")) else "标题")
            found += _signal_title(signal.text, origin, weight_of(signal.origin, "title")
                                   if signal.kind == "title" else WEIGHTS.get(signal.origin, 2))
        elif signal.kind == "breadcrumb":
            last = signal.text.rsplit(" > ", 1)[-1]
            found += _signal_title(last, "breadcrumb", WEIGHTS["breadcrumb"])
    return found


def _signal_title(text: str, signal: str, weight: float) -> list[_Title]:
    title = report_title(text)
    return [_Title(title, signal, weight, first_year(title.text))] if title else []


def _is_page_title_line(line: str) -> bool:
    parts = page_title_parts(line)
    return len(parts) > 1 and any(report_title(p) for p in parts)


def _body_titles(lines: list[str]) -> list[_Title]:
    head = [squash(line.lstrip("#* ").strip()) for line in lines[:_MAX_HEAD_LINES]]
    found: list[tuple[int, TitleText]] = []
    for i, line in enumerate(head):
        if i < _PAGE_TITLE_LINES and _is_page_title_line(line):
            continue  # the page's <title> (a signal of its own)
        printed = header_title(line) or title_at(head, i)
        if printed:
            found.append((i, TitleText(_with_agency_line(head, i, printed), line)))
        elif len(line) <= 80 and (cut := report_title(line)) is not None and cut.truncated:
            found.append((i, cut))
    out = []
    for i, title in found:
        year = first_year(title.text)
        others = [first_year(t.text) for j, t in found if j != i and abs(j - i) <= _LIST_REACH]
        in_list = sum(1 for y in others if y != year) >= 2  # a list of other years' reports
        near_info = any(is_page_info(head[j]) for j in range(i + 1, min(i + 3, len(head))))
        weight = WEIGHTS["body_title"] + (1 if near_info else -3 if in_list else 0)
        out.append(_Title(title, "body_title", weight, year))
    return out


def _with_agency_line(head: list[str], i: int, title: str) -> str:
    """Prepend an agency printed alone on the line above the title (PDF title pages)."""
    if i == 0 or re.search(rf"^{YEAR}", title) is None and agency_in_title(title):
        return title
    above = head[i - 1]
    if len(above) <= 30 and _AGENCY_LINE.fullmatch(above) and clean_agency(above) == above:
        return above + title
    return title


def _rank_titles(titles: list[_Title], period: int | None, evidence: int | None) -> list[_Title]:
    """Best first: the signal's weight, agreement with the year the text gives (statistics
    period, else the opening paragraph), whole > cut."""
    scored = []
    for order, t in enumerate(titles):
        score = t.weight - (1 if t.title.truncated else 0)
        if evidence is not None and t.year is not None:
            if t.year == evidence:
                score += 2
            else:
                score -= 6 if period is not None else 2
        if not agency_in_title(t.title.text):
            score -= 1
        scored.append((score, -order, _Title(t.title, t.signal, t.weight, t.year, score)))
    return [t for _, _, t in sorted(scored, key=lambda s: (s[0], s[1]), reverse=True)]


# ---- agency ------------------------------------------------------------------------


def _agency(
    titles: list[_Title], lines: list[str], text: str, signals: tuple[PageSignal, ...],
    warnings: list[str],
) -> tuple[str, tuple[str, ...], MetaSource | None]:
    candidates, sites = _agency_candidates(titles, lines, text, signals)
    chosen, members = choose(candidates)
    if chosen is None:
        return "", (), None
    if all(m.site for m in members) and _speaks_as_department(text):
        warnings.append(f"报告以「我局」「本机关」等自称，没有写出机关名称；网站名称「{chosen.name}」"
                        "不一定是发布机关，未采用。请核对。")
        return "", (), None
    printed = chosen.name
    fixed = fix_ocr(printed)
    fixed_text = fix_ocr(text) if fixed != printed else text
    agency = government_form(fullest_name(fixed, fixed_text), fixed_text)
    agency, site = complete_place(agency, sites)
    if site is not None:
        agency = fullest_name(agency, fixed_text)
        warnings.append(f"发布机关「{printed}」未写明地名，地名取自网站名称「{site.name}」，请核对。")
    if all(m.site for m in members):
        warnings.append(f"报告未写明发布机关，「{agency}」取自网站名称（{chosen.signal}），请核对。")
    names = [printed, fixed, *(m.name for m in members), *_publishers_of_same_place(signals, agency)]
    names += [alias for m in members for alias in bracket_aliases(m.name, m.text)]
    aliases = derive_aliases(agency, tuple(dict.fromkeys(n for n in names if n != agency)))
    best = strongest(members)
    also = tuple(dict.fromkeys(m.signal for m in members if m.signal != best.signal))
    if site is not None:
        also += (f"{site.signal}（地名）",)
    elif chosen not in members:
        also += (f"{chosen.signal}（全称）",)
    return agency, aliases, MetaSource("agency", agency, best.signal, best.text or best.name, also)


_DEPARTMENT_SELF = re.compile(
    r"(?:我|本)(?:局|委|办|厅|院|中心|馆|所|站|队|处|单位|部门)(?![\u4e00-\u9fff]{0,1}[长员])")
_PLACE_SELF = re.compile(r"(?:我|本|全)(?:区|县|市|州|旗|镇|乡|街道)|[区县市]政府(?!办)")


def _speaks_as_department(text: str) -> bool:
    """The report calls itself 「我局」「本机关」 rather than 「我区」「全县」: a department's."""
    head = text[:8000]
    return len(_DEPARTMENT_SELF.findall(head)) > len(_PLACE_SELF.findall(head))


def _agency_candidates(
    titles: list[_Title], lines: list[str], text: str, signals: tuple[PageSignal, ...]
) -> tuple[list[Candidate], list[Candidate]]:
    found: list[Candidate] = []
    sites: list[Candidate] = []
    for t in titles:
        name = agency_in_title(t.title.text)
        if name:
            weight = t.weight if t.score >= t.weight - 2 else t.weight * 0.3  # a title of another year
            found.append(Candidate(name, t.signal, weight, t.title.printed))
    for signal in signals:
        found += _signal_agencies(signal, sites)
    for name, kind, snippet in body_phrases(text):
        found.append(Candidate(name, kind, WEIGHTS[kind], snippet))
    name, snippet = signature(lines)
    if name:
        found.append(Candidate(name, "signature", WEIGHTS["signature"], snippet))
    name, snippet = opening_agency(text)
    if name:
        found.append(Candidate(name, "opening", WEIGHTS["opening"], snippet))
    return found + sites, sites


def _signal_agencies(signal: PageSignal, sites: list[Candidate]) -> list[Candidate]:
    if signal.kind == "agency":
        name = clean_agency(signal.text)
        return [Candidate(name, signal.origin, weight_of(signal.origin, "agency"), signal.text)] if name else []
    if signal.kind == "column":
        name = clean_agency(signal.text)
        return [Candidate(name, signal.origin, weight_of(signal.origin, "column"), signal.text)] if name else []
    if signal.kind == "site":
        name = clean_agency(signal.text)
        if name:
            sites.append(Candidate(name, signal.origin, WEIGHTS["site"], signal.text, site=True))
        return []
    if signal.kind == "page_title":
        parts = page_title_parts(signal.text)
        if len(parts) > 1 and report_title(parts[-1]) is None and (name := clean_agency(parts[-1])):
            sites.append(Candidate(name, "<title>", WEIGHTS["site"], signal.text, site=True))
        return []
    if signal.kind == "breadcrumb":
        crumbs = signal.text.split(" > ")
        for crumb in crumbs[:1]:
            if name := clean_agency(crumb):
                sites.append(Candidate(name, "breadcrumb", WEIGHTS["site"], signal.text, site=True))
        return [Candidate(n, "breadcrumb", WEIGHTS["breadcrumb"], signal.text)
                for crumb in crumbs[1:] if (n := clean_agency(crumb))]
    return []


def _publishers_of_same_place(signals: tuple[PageSignal, ...], agency: str) -> list[str]:
    """Publisher names for the same place (「来源：平潭县人民政府」 on a 平潭综合实验区 report)."""
    places, _body = split_place(agency)
    stem = place_stem(places[-1]) if places else ""
    body = agency_key(agency)[1]
    found = [clean_agency(s.text) for s in signals if s.kind == "agency"]
    return [name for name in found if stem and name.startswith(stem) and name != agency
            and agency_key(name)[1] == body]


def find_agency(title: str, lines: list[str], text: str) -> tuple[str, tuple[str, ...]]:
    """(fullest agency name, names as printed) from a title and the text alone."""
    titles = [_Title(TitleText(title, title), "body_title", WEIGHTS["body_title"], first_year(title))] \
        if title else []
    agency, aliases, _ = _agency(titles, lines, text, text_signals(()), [])
    return agency, aliases
