"""Library commands: ingest, reports, remove, search (a thin shell over index.library)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from index.errors import AssistantError
from ui.cli import add_store_option
from ui.cli.progress import PageBar

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg")


def register(sub: Any) -> None:
    p = sub.add_parser("ingest", help="导入报告文件或文件夹 (ingest report files or folders)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹")
    add_store_option(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("reports", help="列出已导入的报告 (list the catalog)")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_store_option(p)
    p.set_defaults(func=cmd_reports)

    p = sub.add_parser("remove", help="删除一份报告及其全部片段 (remove a report)")
    p.add_argument("report", metavar="REPORT", help="报告 ID，例如 2023-新乡市红旗区财政局")
    add_store_option(p)
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("search", help="检索报告片段 (hybrid search)")
    p.add_argument("query", help="检索内容")
    p.add_argument("--k", type=int, default=5, help="返回条数（默认 5）")
    p.add_argument("--agency", default=None, help="只检索该机关（全称或简称）")
    p.add_argument("--year", type=int, default=None, help="只检索该年度的报告")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_store_option(p)
    p.set_defaults(func=cmd_search)


def _library(args: argparse.Namespace) -> Any:
    from index.library import Library
    from index.settings import Settings

    return Library.open(Settings.load(store=args.store))


def collect_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files named, and report files inside folders named; missing paths as errors."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(
                f for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            ))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(raw)
    return files, missing


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    files, missing = collect_files(args.paths)
    for raw in missing:
        print(f"✗ {raw}：文件或文件夹不存在", file=sys.stderr)
    lib = _library(args)
    failed = len(missing)
    ok = 0
    with tqdm(files, desc="导入", unit="份", file=sys.stderr, disable=not files) as bar:
        for path in bar:
            bar.set_postfix_str(path.name)
            try:
                with PageBar(position=1) as pages:
                    result = lib.ingest(path, progress=pages)
            except AssistantError as exc:
                failed += 1
                tqdm.write(f"✗ {path}：{exc.message}", file=sys.stderr)
                continue
            ok += 1
            e = result.entry
            line = f"✓ {path} → {e.report_id}（{e.template} 模板，{e.chunks} 个片段"
            if e.failed_checks:
                line += f"，{len(e.failed_checks)} 项核对未通过"
            line += "）"
            if result.replaced:
                line += f"，替换了 {result.replaced}"
            tqdm.write(line)
            for detail in _what_was_read(lib, e.report_id, result.warnings):
                tqdm.write(detail)
    print(f"完成：成功 {ok} 份，失败 {failed} 份。")
    return 1 if failed else 0


MAX_NOTES = 3


def _what_was_read(lib: Any, report_id: str, warnings: tuple[str, ...]) -> list[str]:
    """Per file, for staff: tables or prose only, uncertain rows, where agency/year came
    from, and the first notes to check."""
    from index.parsing.intake import metadata_line, reading_summary

    try:
        report = lib.report(report_id)
    except AssistantError:
        return []
    lines = [f"    读取：{reading_summary(report)}"]
    if report.metadata_sources:
        lines.append(f"    来源：{metadata_line(report)}")
    for note in warnings[:MAX_NOTES]:
        lines.append(f"    ⚠ {note}")
    if len(warnings) > MAX_NOTES:
        lines.append(f"    ⚠ 另有 {len(warnings) - MAX_NOTES} 条提示，见 `python -m assistant parse 文件`")
    return lines


def cmd_reports(args: argparse.Namespace) -> int:
    entries = _library(args).reports()
    if args.json:
        print(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print("资料库为空。用 `python -m assistant ingest PATH…` 导入报告。")
        return 0
    for e in entries:
        checks = f"，{len(e.failed_checks)} 项核对未通过" if e.failed_checks else ""
        print(f"{e.report_id}\t{e.year}年\t{e.agency}\t{e.template} 模板\t{e.chunks} 个片段"
              f"{checks}\t{e.source_name}\t{e.ingested_at}")
    print(f"共 {len(entries)} 份报告。")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    entry = _library(args).remove(args.report)
    print(f"已删除 {entry.report_id}（{entry.source_name}，{entry.chunks} 个片段）。")
    return 0


def hit_to_dict(rank: int, hit: Any) -> dict[str, Any]:
    return {"rank": rank, "chunk_id": hit.chunk_id, "score": hit.score, "text": hit.text,
            "metadata": hit.metadata}


def cmd_search(args: argparse.Namespace) -> int:
    hits = _library(args).search(args.query, k=args.k, agency=args.agency, year=args.year)
    if args.json:
        print(json.dumps([hit_to_dict(i, h) for i, h in enumerate(hits, 1)],
                         ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("没有找到相关内容。")
        return 0
    for i, h in enumerate(hits, 1):
        m = h.metadata
        print(f"[{i}] {h.score:.4f}  {m.get('report_id')}  {m.get('source', '')}")
        print(f"    {h.text}")
    return 0
