"""The parser: a loaded document → `Report` (metadata, sections, table facts, checks).

    parse_report(path) = parse_document(load_document(path))

`parse_document` never drops a readable report for failed checks or missing parts: it
warns. It raises `NotAReportError` for a readable document that is not a disclosure
annual report (no report title, no template sections, no template tables).
"""

from __future__ import annotations

from pathlib import Path

from index.errors import NotAReportError
from index.loaders import load_document
from index.models import Progress, Report, Section, SourceDocument
from index.parsing.metadata import Metadata, read_metadata
from index.parsing.prose_checks import prose_checks
from index.parsing.sections import find_sections
from index.parsing.tables import TablesResult, read_tables
from index.parsing.unconfirmed import mark_unconfirmed

__all__ = ["parse_document", "parse_report"]

NOT_A_REPORT_MESSAGE = (
    "这份文件不像政府信息公开工作年度报告：没有找到「××年政府信息公开工作年度报告」标题、"
    "「一、总体情况」至「六、其他需要报告的事项」等章节，也没有统一格式的统计表。"
    "请上传年度报告本身（网页、PDF、Word或文本）。 (not a government information disclosure annual report)"
)
NO_YEAR_MESSAGE = (
    "无法确定这份年度报告所属的年度：标题、统计期限和正文开头都没有写明年份。"
    "请确认文件完整，或上传包含标题的原始报告。 (report year not found)"
)
NO_AGENCY_MESSAGE = "（未识别出发布机关）"
_CANONICAL = ("一", "二", "三", "四", "五", "六")
_MIN_SECTIONS = 3
_MIN_FACTS = 5


def parse_report(path: Path | str, *, data: bytes | None = None, name: str | None = None,
                 progress: Progress | None = None, ocr_dpi: int | None = None) -> Report:
    """Load a report file and parse it; `progress(done_pages, total_pages, message)` is
    called as pages are read (scanned pages are slow: OCR)."""
    return parse_document(load_document(path, data=data, name=name, progress=progress,
                                        ocr_dpi=ocr_dpi))


def parse_document(doc: SourceDocument) -> Report:
    meta = read_metadata(doc.blocks)
    sections = find_sections(doc)
    tables = mark_unconfirmed(read_tables(doc), doc.unconfirmed)
    _require_report(doc, meta, sections, tables)
    if meta.year is None:
        raise NotAReportError(NO_YEAR_MESSAGE, source=doc.name)
    warnings = (
        list(doc.warnings) + list(meta.warnings) + _agency_warning(meta)
        + _missing_sections_warning(sections, tables) + list(tables.warnings)
    )
    return Report(
        agency=meta.agency or NO_AGENCY_MESSAGE,
        agency_aliases=meta.agency_aliases,
        year=meta.year,
        template=tables.template,  # type: ignore[arg-type]
        title=meta.title,
        source_name=doc.name,
        content_hash=doc.content_hash,
        format=doc.format,
        sections=sections,
        rows=tables.rows,
        facts=tables.facts,
        checks=tables.checks + prose_checks(sections, tables.facts),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _template_numbers(sections: tuple[Section, ...]) -> set[str]:
    return {s.number for s in sections if s.number in _CANONICAL}


def _require_report(
    doc: SourceDocument, meta: Metadata, sections: tuple[Section, ...], tables: TablesResult
) -> None:
    """At least two of: a report title, three template sections, template table facts."""
    evidence = [
        bool(meta.title),
        len(_template_numbers(sections)) >= _MIN_SECTIONS,
        len(tables.facts) >= _MIN_FACTS,
    ]
    if sum(evidence) < 2:
        raise NotAReportError(NOT_A_REPORT_MESSAGE, source=doc.name)


def _agency_warning(meta: Metadata) -> list[str]:
    if meta.agency:
        return []
    return ["未能从标题或正文中识别出发布机关名称，请人工核对。"]


def _missing_sections_warning(sections: tuple[Section, ...], tables: TablesResult) -> list[str]:
    if tables.template == "free-form":
        return []
    found = _template_numbers(sections)
    missing = [n for n in _CANONICAL if n not in found]
    if not missing or not found:
        return []
    after_last = [n for n in missing if _CANONICAL.index(n) > max(_CANONICAL.index(f) for f in found)]
    if after_last:
        return [f"报告可能不完整：未找到第{'、'.join(after_last)}部分（文件可能被截断），已保留现有内容。"]
    return [f"未找到第{'、'.join(missing)}部分的标题（可能未编号或格式不同）。"]
