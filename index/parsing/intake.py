"""Tolerant intake: is this document an annual report, and what could be read from it.

A document is accepted when it carries a strong report marker — the 《条例》 article-50
sentence (「依据《中华人民共和国政府信息公开条例》…编制本报告」), the statistics-period
line, two of the six section headings, or the template tables — or a report title with
some report text under it. It is accepted with a warning when its tables are missing or it
looks cut short; its prose is indexed either way. Only a document with no marker at all is
refused, and the refusal says what was looked for and what was found.

`reading_summary(report)` says in one line what was read (tables, prose only, uncertain
rows), for `parse` and `ingest` output and for staff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import Report, Section, SourceDocument
from index.parsing.metadata import Metadata

CANONICAL = ("一", "二", "三", "四", "五", "六")
MIN_FACTS = 5
# Marker code → Chinese name (shown in refusals and in `parse` output).
MARKER_NAMES: dict[str, str] = {
    "title": "年度报告标题",
    "article50": "《政府信息公开条例》编制本报告的说明",
    "statistics_period": "统计期限",
    "sections": "统一格式的章节标题",
    "tables": "统一格式的统计表",
    "disclosure_text": "依申请公开/主动公开等正文内容",
}
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_REGULATION = re.compile(r"政府信息公开条例|《条例》")
_COMPILED = re.compile(r"(?:编制|制作|形成|撰写|发布|公布|编写)(?:了)?(?:本|此|该)?(?:年度)?报告|第五十条")
_SELF = re.compile(r"(?:本|此|该)(?:年度)?报告")
_VERB = re.compile(r"编制|制作|形成|撰写|编写|发布|公布")
_PERIOD = re.compile(r"统计(?:期限|时限|区间|时间|周期)|数据统计期|统计截止")
_DISCLOSURE = re.compile(r"依申请公开|主动公开|政府信息公开申请|公开申请|政务公开")
_NOT_REPORT_TITLE = re.compile(r"解读|图解|一图读懂")
_ATTACHMENT = re.compile(r"附件|\.pdf|\.docx?|下载", re.I)
_MIN_PROSE = 200

NOT_A_REPORT_MESSAGE = (
    "这份文件不像政府信息公开工作年度报告：没有找到年度报告标题、《政府信息公开条例》编制说明、"
    "统计期限、「一、总体情况」至「六、其他需要报告的事项」等章节，也没有统一格式的统计表。"
    "请上传年度报告本身（网页、PDF、Word或文本）。 (not a government information disclosure annual report)"
)
TITLE_ONLY_MESSAGE = (
    "这个页面只有年度报告的标题「{title}」，没有报告正文{attachment}。请上传报告正文"
    "（附件的PDF/Word文件或完整网页）。 (title only: the report text is missing)"
)
INTERPRETATION_MESSAGE = (
    "这是对年度报告的解读或图解「{title}」，不是报告本身。请上传年度报告原文。"
    " (an interpretation of the report, not the report)"
)


@dataclass(frozen=True)
class Intake:
    markers: tuple[str, ...]  # codes of MARKER_NAMES found, "sections" with the numbers
    refusal: str = ""  # why the document is not accepted ("" when it is)
    warnings: tuple[str, ...] = ()


def assess(doc: SourceDocument, meta: Metadata, sections: tuple[Section, ...], facts: int,
           free_form: bool, year: int | None) -> Intake:
    text = doc.text
    numbers = "".join(n for n in CANONICAL if n in {s.number for s in sections})
    markers: list[str] = []
    if meta.title:
        markers.append("title")
    if _article50(text):
        markers.append("article50")
    if _PERIOD.search(text[:20_000]):
        markers.append("statistics_period")
    if len(numbers) >= 2:
        markers.append(f"sections:{numbers}")
    if facts >= MIN_FACTS:
        markers.append("tables")
    if len(_DISCLOSURE.findall(text)) >= 2:
        markers.append("disclosure_text")
    refusal = _refusal(markers, meta, doc, numbers)
    warnings = [] if refusal else _warnings(markers, numbers, free_form, year)
    return Intake(tuple(markers), refusal, tuple(warnings))


def _article50(text: str) -> bool:
    for sentence in _SENTENCE.findall(text[:8000]):
        if _REGULATION.search(sentence) and (
                _COMPILED.search(sentence) or _SELF.search(sentence) and _VERB.search(sentence)):
            return True
    return False


def _strong(markers: list[str]) -> bool:
    return any(m in ("article50", "statistics_period", "tables") or m.startswith("sections:")
               for m in markers)


def _refusal(markers: list[str], meta: Metadata, doc: SourceDocument, numbers: str) -> str:
    if _NOT_REPORT_TITLE.search(meta.title) and "tables" not in markers:
        return INTERPRETATION_MESSAGE.format(title=meta.title)
    if _strong(markers):
        return ""
    if "title" in markers and (numbers or "disclosure_text" in markers):
        return ""
    if "title" in markers and len(doc.text) < _MIN_PROSE + len(meta.title):
        attachment = "（正文可能在附件中）" if _ATTACHMENT.search(doc.text) else ""
        return TITLE_ONLY_MESSAGE.format(title=meta.title, attachment=attachment)
    return NOT_A_REPORT_MESSAGE


def _warnings(markers: list[str], numbers: str, free_form: bool, year: int | None) -> list[str]:
    out: list[str] = []
    if free_form and year is not None and year >= 2019:
        out.append(f"这份{year}年度报告中没有找到统一格式的统计表（表二、表三、表四）：可能保存时表格丢失"
                   "或页面不完整。已索引正文文字，正文中的内容可以查询，表格数字无法回答，请核对原文。")
    if "title" not in markers:
        out.append("没有找到报告标题，机关和年度取自正文或页面信息，请核对。")
    if not numbers or free_form and (year is None or year < 2019):
        return out  # free-form reports number their sections their own way
    missing = [n for n in CANONICAL if n not in numbers]
    after_last = [n for n in missing if CANONICAL.index(n) > CANONICAL.index(numbers[-1])]
    if after_last:
        out.append(f"报告可能不完整：未找到第{'、'.join(after_last)}部分（文件可能被截断），已保留现有内容。")
    elif missing:
        out.append(f"未找到第{'、'.join(missing)}部分的标题（可能未编号或格式不同）。")
    return out


def reading_summary(report: Report) -> str:
    """「表二、三、四：64 项数字（2 行待核对）」 / 「仅正文（无统一格式表格）」 — what was read."""
    tables = sorted({r.table for r in report.rows}, key="二三四".index)
    uncertain = uncertain_rows(report)
    if not tables:
        return "仅正文（没有统一格式表格的数字）"
    line = f"表{'、'.join(tables)}：{len(report.facts)} 项数字"
    derived = sum(1 for f in report.facts if f.status == "derived" and "相加" not in f.note)
    extras = []
    if uncertain:
        extras.append(f"{len(uncertain)} 行有数字无法确定、不会作答：{'；'.join(uncertain[:3])}"
                      + ("等" if len(uncertain) > 3 else ""))
    if derived:
        extras.append(f"{derived} 项按空白栏推算")
    return line + (f"（{'；'.join(extras)}）" if extras else "")


def uncertain_rows(report: Report) -> list[str]:
    """Labels of the table rows with a value the source cannot fix (never stated)."""
    out = []
    for row in report.rows:
        if any(f.uncertain for f in row.facts):
            out.append(f"表{row.table}「{row.label or row.key}」")
    return list(dict.fromkeys(out))


# Where a metadata field was read (MetaSource.signal) → how staff call it.
SIGNAL_NAMES: dict[str, str] = {
    "body_title": "正文标题", "<title>": "网页标题栏（<title>）", "h1": "页面大标题", "h2": "页面标题",
    "h3": "页面小标题", "title_block": "页面标题栏", "breadcrumb": "导航路径（当前位置）",
    "preamble": "报告前言（本报告由…编制）", "compiler": "报告编制说明（…编制本报告）",
    "announce": "报告开头（现将…报告如下）", "signature": "报告落款", "opening": "总体情况首句",
    "statistics_period": "统计期限", "标题": "页面「标题/名称」栏", "名称": "页面「标题/名称」栏",
}


def signal_name(signal: str) -> str:
    """「网页元数据 ArticleTitle」「「来源」栏」 … for a MetaSource.signal code."""
    base, _, note = signal.partition("（")
    suffix = f"（{note}" if note else ""
    if base in SIGNAL_NAMES:
        return SIGNAL_NAMES[base] + suffix
    if base.startswith("meta:"):
        return f"网页元数据 {base[5:]}{suffix}"
    if base.startswith(("pdf:", "docx:")):
        return f"文档属性 {base.split(':', 1)[1]}{suffix}"
    return f"页面「{base}」栏{suffix}"


def metadata_line(report: Report) -> str:
    """「机关取自网页元数据 ArticleTitle；年度取自统计期限」."""
    parts = []
    for field, name in (("agency", "机关"), ("year", "年度")):
        source = report.source_of(field)
        if source is not None:
            parts.append(f"{name}取自{signal_name(source.signal)}")
    return "；".join(parts)
