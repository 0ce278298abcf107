"""`python -m assistant parse FILE [--json]`: read one report and show what was found."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any

from index.models import CheckResult, Fact, Location, Report, Section
from index.parsing import parse_report

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
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = parse_report(args.file)
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
        "sections": [section_json(s) for s in report.sections],
        "facts": [fact_json(f) for f in report.facts],
        "checks": [check_json(c) for c in report.checks],
        "warnings": list(report.warnings),
    }


def location_json(location: Location) -> dict[str, int] | str:
    found = {k: v for k, v in (("page", location.page), ("line", location.line)) if v is not None}
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
    return f"表格数据：{len(report.facts)} 项" + (f"（{detail}）" if detail else "")


def _checks_line(report: Report) -> str:
    table = [c for c in report.checks if c.name != "prose_vs_table"]
    prose = [c for c in report.checks if c.name == "prose_vs_table"]
    line = f"勾稽校验：共 {len(table)} 项，通过 {sum(c.ok for c in table)} 项，未通过 {sum(not c.ok for c in table)} 项"
    if prose:
        agree = sum(c.ok for c in prose)
        line += f"\n正文与表格核对：共 {len(prose)} 处，一致 {agree} 处，不一致 {len(prose) - agree} 处"
    return line
