"""The parser: a loaded document → `Report` (metadata, sections, table facts, checks).

    parse_report(path) = parse_document(load_document(path))

`parse_document` never drops a readable report for failed checks or missing parts: it
warns. It raises `NotAReportError` only for a document with no report marker at all
(index.parsing.intake), or one whose year cannot be found anywhere.
"""

from __future__ import annotations

from pathlib import Path

from index.errors import NotAReportError
from index.loaders import load_document
from index.models import Progress, Report, SourceDocument
from index.parsing.intake import NOT_A_REPORT_MESSAGE, assess
from index.parsing.metadata import Metadata, read_metadata
from index.parsing.prose_checks import prose_checks
from index.parsing.sections import find_sections
from index.parsing.tables import read_tables
from index.parsing.unconfirmed import mark_unconfirmed

__all__ = ["parse_document", "parse_report", "NOT_A_REPORT_MESSAGE"]

NO_YEAR_MESSAGE = (
    "无法确定这份年度报告所属的年度：标题、统计期限、正文开头和页面信息都没有写明年份。"
    "请确认文件完整，或上传包含标题的原始报告。 (report year not found)"
)
NO_AGENCY_MESSAGE = "（未识别出发布机关）"


def parse_report(path: Path | str, *, data: bytes | None = None, name: str | None = None,
                 progress: Progress | None = None, ocr_dpi: int | None = None) -> Report:
    """Load a report file and parse it; `progress(done_pages, total_pages, message)` is
    called as pages are read (scanned pages are slow: OCR)."""
    return parse_document(load_document(path, data=data, name=name, progress=progress,
                                        ocr_dpi=ocr_dpi))


def parse_document(doc: SourceDocument) -> Report:
    meta = read_metadata(doc.blocks, doc.signals)
    sections = find_sections(doc)
    tables = mark_unconfirmed(read_tables(doc), doc.unconfirmed)
    free_form = tables.template == "free-form"
    intake = assess(doc, meta, sections, len(tables.facts), free_form, meta.year)
    if intake.refusal:
        raise NotAReportError(intake.refusal, source=doc.name)
    if meta.year is None:
        raise NotAReportError(NO_YEAR_MESSAGE, source=doc.name)
    table_warnings = [w for w in tables.warnings if not (free_form and meta.year >= 2019)]
    warnings = (
        list(doc.warnings) + list(meta.warnings) + _agency_warning(meta)
        + list(intake.warnings) + table_warnings
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
        checks=tables.checks + prose_checks(sections, tuple(f for f in tables.facts if not f.uncertain)),
        warnings=tuple(dict.fromkeys(warnings)),
        metadata_sources=meta.sources,
        markers=intake.markers,
    )


def _agency_warning(meta: Metadata) -> list[str]:
    if meta.agency or any("机关" in w for w in meta.warnings):
        return []
    return ["未能从标题、正文或页面信息中识别出发布机关名称，请人工核对。"]
