"""Sentences of a report that answer a prose question, found by overlap of character
bigrams with what is left of the question (agency, year and question words removed)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from index.models import Location, Report, Section

from assistant.understanding.lexicon import key_nouns

MIN_COVERAGE = 0.6
MAX_SENTENCE = 400
MIN_SENTENCE = 8
_SPLIT = re.compile(r"(?<=[。！？!?])")
FEE_PATTERN = re.compile(r"信息处理费|收取.{0,8}费|费用|收费")
PROCESSING_FEE = re.compile(r"信息处理费")
DIGITS = re.compile(r"\d")
STRONG_REVIEW = re.compile(r"均获维持|全部维持|未被|未发生|零败诉|败诉|纠错")
REVIEW_PATTERN = re.compile(
    r"(?:复议|诉讼)[^。]{0,30}?(?:\d+\s*件|均获维持|全部维持|未被|未发生|零败诉|败诉)"
    r"|(?:未发生|没有发生)[^。]{0,20}(?:复议|诉讼)")


@dataclass(frozen=True)
class Sentence:
    report: Report
    section: str  # heading of the section it is in
    text: str
    location: Location
    score: float = 0.0


def split_sentences(text: str) -> list[str]:
    """Prose sentences of a text: lines that are table rows (flattened or delimited) are
    dropped first, so a quote is always a sentence a person wrote."""
    prose_lines = [line for line in text.splitlines() if not table_row(line)]
    parts = (s.strip() for line in prose_lines for s in _SPLIT.split(line))
    return [s for s in parts if MIN_SENTENCE <= len(s) <= MAX_SENTENCE
            and not _table_like(s) and not table_row(s)]


_CELL = r"(?:-?\d+(?:\.\d+)?|[-—–/]|空白)"
# A row label and its cells: 「一、本年新收政府信息公开申请数量 0 3 0 0 0 0 3」, 「行政规范性文件 3 0 11」.
_NUMBER_RUN = re.compile(rf"^[^。，；！？!?;,]*?(?:\s+{_CELL}){{2,}}\s*$")
# A template row marker with one number and no sentence punctuation: 「（一）予以公开 5」.
_MARKED_ROW = re.compile(rf"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])"
                         rf"[^。，；！？!?;,]*?\s+{_CELL}\s*$")
_DELIMITED = re.compile(r"\t|\|.*\|")


def table_row(line: str) -> bool:
    """A line of a table, not of prose: tab- or pipe-delimited cells, or a label followed by
    a run of numbers (a flattened row of table 二/三/四)."""
    line = line.strip()
    if not line:
        return False
    if _DELIMITED.search(line):
        return True
    return bool(_NUMBER_RUN.match(line) or _MARKED_ROW.match(line))


# Words a report's prose uses for a row, when there is no table to read (free-form reports).
_PROSE_NAMES: dict[str, str] = {
    "new_received": "(?:受理|收到|新收|接收)[^。；]{0,12}申请", "reconsideration": "行政复议",
    "litigation": "行政诉讼", "litigation_direct": "行政诉讼", "carried_over": "上年结转",
    "litigation_after_reconsideration": "行政诉讼", "carried_forward": "结转下",
}


def figure_pattern(row: str, label: str) -> re.Pattern[str]:
    """A sentence that names the row and gives a count: 「受理政府信息公开申请 17 件」."""
    name = _PROSE_NAMES.get(row.split(".")[0], re.escape(label))
    return re.compile(rf"{name}[^。；]{{0,16}}?\d+\s*(?:件|个|项|次)")


def _walk(section: Section, heading: str = "") -> Iterator[tuple[str, str, Location]]:
    name = " ".join(x for x in (heading, section.heading) if x)  # 「一、总体情况 （二）依申请公开」
    for p in section.paragraphs:
        for s in split_sentences(p.text):
            yield name, s, p.location
    for part in section.parts:
        yield from _walk(part, name)


def _table_like(text: str) -> bool:
    """Table text that leaked into prose: long digit runs or many short spaced tokens."""
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    if re.search(r"\d{9,}", text) or (len(re.findall(r"\d", text)) > len(text) * 0.3 and han < 8):
        return True
    tokens = text.split()
    return len(tokens) >= 8 and sum(len(t) <= 4 for t in tokens) > len(tokens) * 0.6


def sentences(report: Report) -> Iterator[Sentence]:
    for section in report.sections:
        for heading, text, loc in _walk(section):
            if not template_text(text):
                yield Sentence(report, heading, text, loc)


def _labels_text() -> str:
    from index.vocabulary import vocabulary

    return "|".join(label for t in vocabulary().terms() for label in t.labels.values())


_LABELS: list[str] = []


def template_text(text: str) -> bool:
    """A piece of the template's own labels (「通知要求缴纳费用、行」), not a sentence."""
    if not _LABELS:
        _LABELS.append(_labels_text())
    core = re.sub(r"[\s，。；、“”\"（）()0-9.]", "", text)
    return len(core) >= 4 and core in re.sub(r"[\s，。；、“”\"（）()0-9.]", "", _LABELS[0])


def bigrams(terms: str) -> set[str]:
    grams: set[str] = set()
    for chunk in terms.split():
        grams.update(chunk[i:i + 2] for i in range(len(chunk) - 1))
    return grams


def coverage(grams: set[str], text: str) -> float:
    return sum(g in text for g in grams) / len(grams) if grams else 0.0


MIN_CHUNK_COVERAGE = 0.5


def covers_every_part(terms: str, text: str) -> bool:
    """Each part of the asked topic (「政府网站 访问量」) is in the sentence at least half:
    a sentence about 政府网站 alone does not answer 访问量."""
    for chunk in terms.split():
        grams = bigrams(chunk)
        if len(grams) >= 2 and coverage(grams, text) < MIN_CHUNK_COVERAGE:
            return False
    return True


def search(reports: Iterable[Report], terms: str, *, k: int = 2, want_number: bool = False,
           min_coverage: float = MIN_COVERAGE, min_grams: int = 2) -> list[Sentence]:
    """Best sentences by bigram coverage (≥ min_coverage, every part of the topic at least
    half covered, every key noun of the topic present — 「政务公开培训」 needs 培训, not just
    the 政务公开 every report has); later reports win ties."""
    grams = bigrams(terms)
    if len(grams) < min_grams and not _distinctive_word(terms, grams):
        return []
    nouns = key_nouns(terms)
    found = []
    for report in reports:
        for section in report.sections:
            for heading, paragraph, loc in _paragraphs(section):
                context = f"{heading} {paragraph}"
                if not covers_every_part(terms, context) or coverage(grams, context) < min_coverage:
                    continue
                if not all(n in context for n in nouns):
                    continue
                for text in split_sentences(paragraph):
                    if template_text(text) or (nouns and not any(n in text for n in nouns)):
                        continue
                    own = coverage(grams, text)
                    if own < min(min_coverage, 0.34):
                        continue  # the sentence itself must carry the topic, not only its paragraph
                    score = (own + coverage(grams, context)) / 2 if own < min_coverage else own
                    if want_number and not re.search(r"\d", text):
                        score -= 0.2
                    if score >= min_coverage - 0.15:
                        found.append(Sentence(report, heading, text, loc, score))
    found.sort(key=lambda s: (-s.score, -s.report.year, len(s.text)))
    return [s for s in found[:k] if s.score >= found[0].score - 0.1] if found else []


def accepts(terms: str, text: str) -> bool:
    """`text` covers the asked topic as `search` would require."""
    return covers_every_part(terms, text) and coverage(bigrams(terms), text) >= MIN_COVERAGE and \
        all(n in text for n in key_nouns(terms))


_COMMON = {"公开", "信息", "政府", "申请", "工作", "情况", "开展", "进一步", "加强", "全年", "本年"}


def _distinctive_word(terms: str, grams: set[str]) -> bool:
    """One topic word of two characters (「直播」) that the template's own words do not use."""
    return len(grams) == 1 and not (grams & _COMMON) and len(terms.replace(" ", "")) == 2


def _paragraphs(section: Section, heading: str = "") -> Iterator[tuple[str, str, Location]]:
    name = " ".join(x for x in (heading, section.heading) if x)
    for p in section.paragraphs:
        yield name, p.text, p.location
    for part in section.parts:
        yield from _paragraphs(part, name)


def matching(reports: Iterable[Report], pattern: re.Pattern[str], *, k: int = 2,
             prefer_section: str = "", prefer: re.Pattern[str] | None = None,
             require: str = "") -> list[Sentence]:
    found = [s for r in reports for s in sentences(r)
             if pattern.search(s.text) and require in s.text]
    found.sort(key=lambda s: (not (prefer and prefer.search(s.text)),
                              prefer_section not in s.section, -s.report.year, len(s.text)))
    return found[:k]


def section_sentences(report: Report, keyword: str, *, k: int = 3) -> list[Sentence]:
    """The first sentences of the section whose heading contains `keyword` (e.g. 问题)."""
    chosen = [s for s in sentences(report) if keyword in s.section]
    return chosen[:k]


_CHANGE = re.compile(r"(?:较|比|同比|与)(?:上年|去年|上一年|前一年|上年度|\d{4}年)?.{0,8}?"
                     r"(?:增加|减少|增长|下降|回落|上升|持平|增|减|降)")


def change_sentences(report: Report, cell: object, step: int) -> list[Sentence]:
    """Sentences of `report` that state how the figure of `cell` changed against the year
    before (step -1) — 「申请数量较去年回落12.3%」 — with a number. Empty for a later year."""
    from index.vocabulary import row as vocab_row

    if step != -1:
        return []
    term = vocab_row(f"{getattr(cell, 'table')}.{getattr(cell, 'row')}")
    names = [w for w in (term.name, *term.words) if len(w) >= 2 and not re.search(r"多少|几", w)]
    if getattr(cell, "row") == "new_received":
        names += ["申请数量", "申请量", "申请件数", "收到申请", "受理申请"]
    return [s for s in sentences(report)
            if _CHANGE.search(s.text) and DIGITS.search(s.text) and any(n in s.text for n in names)]
