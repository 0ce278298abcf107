"""`python -m assistant parse FILE [--json]`: read one report and show what was found."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any

from index.models import CheckResult, Fact, Location, MetaSource, Report, Section
from index.parsing import parse_report
from index.parsing.intake import (
    MARKER_NAMES,
    metadata_line,
    reading_summary,
    signal_name,
    uncertain_rows,
)
from ui.cli.progress import PageBar

TEMPLATE_NAMES = {"2019": "2019年试行格式", "2021": "2021年修订格式", "free-form": "自由格式（无统一表格）"}
STATUS_NAMES = {"printed": "印刷", "blank": "空白", "derived": "推算"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "parse",
        help="解析一份年度报告（HTML/PDF/DOCX/TXT/MD），显示机关、年度、章节、表格数据和勾稽校验",
        description="Parse one annual report file and print what was read from it.",
    )
    parser.add_argument("file", help="report file: .html .pdf .docx .txt .md")
    parser.add_argument("--json", action="store_true", help="print the parsed report as JSON")
    parser.add_argument("--ocr-dpi", type=int, default=None, metavar="DPI",
                        help="扫描件识别的渲染分辨率（默认：$GOV_ASSISTANT_OCR_DPI，150）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with PageBar() as pages:
        report = parse_report(args.file, progress=pages, ocr_dpi=args.ocr_dpi)
    output = json.dumps(report_json(report), ensure_ascii=False, indent=2) if args.json else summary(report)
    try:
        print(output)
    except BrokenPipeError:  # `… | head`: the reader went away, nothing more to say
        sys.stderr.close()
    return 0


# ---- JSON --------------------------------------------------------------------------


def report_json(report: Report) -> dict[str, Any]:
    return {
        "agency": report.agency,
        "agency_aliases": list(report.agency_aliases),
        "year": report.year,
        "template": report.template,
        "title": report.title,
        "source": {"name": report.source_name, "format": report.format,
                   "content_hash": report.content_hash},
        "metadata_sources": {m.field: source_json(m) for m in report.metadata_sources},
        "intake": intake_json(report),
        "sections": [section_json(s) for s in report.sections],
        "facts": [fact_json(f) for f in report.facts],
        "checks": [check_json(c) for c in report.checks],
        "warnings": list(report.warnings),
    }


def source_json(source: MetaSource) -> dict[str, Any]:
    """Where agency / year / title was read: the signal, its name, the text, agreeing ones."""
    return {"value": source.value, "from": source.signal, "from_name": signal_name(source.signal),
            "text": source.text, "also": list(source.also)}


def intake_json(report: Report) -> dict[str, Any]:
    """What the document was recognised by, and what could be read from it."""
    markers = [{"code": m, "name": MARKER_NAMES.get(m.split(":")[0], m)} for m in report.markers]
    return {
        "markers": markers,
        "read": reading_summary(report),
        "tables": sorted({r.table for r in report.rows}, key="二三四".index),
        "prose_only": not report.rows,
        "uncertain_rows": uncertain_rows(report),
    }


def location_json(location: Location) -> dict[str, Any] | str:
    found: dict[str, Any] = {k: v for k, v in (("page", location.page), ("line", location.line))
                             if v is not None}
    if location.ocr:  # read from a page image: say so, and where on the page
        found.update(source="ocr", box=list(location.box or ()))
    return found or location.describe()


def section_json(section: Section) -> dict[str, Any]:
    first = section.paragraphs[0].location if section.paragraphs else None
    return {
        "number": section.number,
        "title": section.title,
        "heading": section.heading,
        "text": section.text,
        "source": location_json(first) if first else None,
        "parts": [{"number": p.number, "title": p.title, "text": p.text} for p in section.parts],
    }


def json_number(value: int | Decimal) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "table": fact.table,
        "row": fact.row,
        "column": fact.column,
        "value": json_number(fact.value),
        "unit": fact.unit,
        "label": fact.label,
        "column_label": fact.column_label,
        "status": fact.status,
        "note": fact.note,
        "uncertain": fact.uncertain,
        "source": location_json(fact.source),
    }


def check_json(check: CheckResult) -> dict[str, Any]:
    return {"name": check.name, "ok": check.ok, "detail": check.detail, "scope": check.scope}


# ---- human summary -----------------------------------------------------------------


def summary(report: Report) -> str:
    lines = [
        f"报告：{report.title or '（未识别出标题）'}",
        f"机关：{report.agency}" + (f"（又称：{'、'.join(report.agency_aliases)}）" if report.agency_aliases else ""),
        f"年度：{report.year}年    格式：{TEMPLATE_NAMES.get(report.template, report.template)}",
        f"文件：{report.source_name}（{report.format}）",
        *([f"来源：{metadata_line(report)}"] if report.metadata_sources else []),
        f"读取：{reading_summary(report)}",
        "章节：" + ("；".join(s.heading for s in report.sections if s.number) or "未识别出章节"),
        _facts_line(report),
        _checks_line(report),
    ]
    lines += [f"  ✗ {c.detail}" for c in report.failed_checks]
    if report.warnings:
        lines.append("提示：")
        lines += [f"  - {w}" for w in report.warnings]
    return "\n".join(lines)


def _facts_line(report: Report) -> str:
    counts = {status: 0 for status in STATUS_NAMES}
    for fact in report.facts:
        counts[fact.status] = counts.get(fact.status, 0) + 1
    detail = "，".join(f"{STATUS_NAMES[s]} {n}" for s, n in counts.items() if n)
    unsure = sum(f.uncertain for f in report.facts)
    if unsure:
        detail += f"；其中无法确定 {unsure}"
    scanned = sum(f.source.ocr for f in report.facts)
    if scanned:
        detail += f"；扫描件识别 {scanned}"
    return f"表格数据：{len(report.facts)} 项" + (f"（{detail}）" if detail else "")


def _checks_line(report: Report) -> str:
    table = [c for c in report.checks if c.name != "prose_vs_table"]
    prose = [c for c in report.checks if c.name == "prose_vs_table"]
    line = f"勾稽校验：共 {len(table)} 项，通过 {sum(c.ok for c in table)} 项，未通过 {sum(not c.ok for c in table)} 项"
    if prose:
        agree = sum(c.ok for c in prose)
        line += f"\n正文与表格核对：共 {len(prose)} 处，一致 {agree} 处，不一致 {len(prose) - agree} 处"
    return line
