"""Library commands: ingest, reports, remove, versions, restore, health, reindex, search
(a thin shell over index.library)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from index.errors import AssistantError
from index.limits import REPORT_SUFFIXES
from ui.cli import add_store_option
from ui.cli.progress import PageBar

LIST_EACH_MAX = 200  # up to this many files, every added file gets its own line
MAX_NOTES = 3  # notes printed per file after ingest (the rest: `parse`)


def register(sub: Any) -> None:
    p = sub.add_parser("ingest", help="导入报告文件或文件夹 (ingest report files or folders)",
                       description="导入报告。已导入过的文件（内容相同）会跳过，中断后重新运行即可继续；"
                                   "同一机关同一年度的新文件会替换旧版本，旧版本保留，可用 restore 恢复。")
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹")
    p.add_argument("--workers", type=int, default=None,
                   help="并行解析进程数（默认 $GOV_ASSISTANT_INGEST_WORKERS，0 = 每个 CPU 核一个）")
    add_store_option(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("versions", help="列出一份报告的各个版本 (list kept versions)")
    p.add_argument("report", metavar="REPORT", help="报告 ID，例如 2023-新乡市红旗区财政局")
    add_store_option(p)
    p.set_defaults(func=cmd_versions)

    p = sub.add_parser("restore", help="恢复一份报告的旧版本 (make a kept version live again)")
    p.add_argument("report", metavar="REPORT", help="报告 ID")
    p.add_argument("version", metavar="VERSION", help="版本号（versions 列出的内容哈希前缀）")
    add_store_option(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("health", help="检查资料库：损坏的报告和存储故障 (check the library)")
    add_store_option(p)
    p.set_defaults(func=cmd_health)

    p = sub.add_parser("reindex", help="从数据库重建向量库和关键词索引 (rebuild the search indexes)")
    add_store_option(p)
    p.set_defaults(func=cmd_reindex)

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


def _added_line(path: Path, result: Any) -> str:
    e = result.entry
    line = f"✓ {path} → {e.report_id}（{e.template} 模板，{e.chunks} 个片段"
    if e.failed_checks:
        line += f"，{len(e.failed_checks)} 项核对未通过"
    line += "）"
    if result.replaced:
        line += f"，替换了 {result.replaced}"
    return line


def _ingest_one(lib: Any, path: Path) -> int:
    """One file: its pages followed (a scanned PDF is read page by page by OCR)."""
    try:
        with PageBar(position=0) as pages:
            result = lib.ingest(path, progress=pages)
    except AssistantError as exc:
        print(f"✗ {path}：{exc.message}", file=sys.stderr)
        print("完成：成功 0 份，失败 1 份。")
        return 1
    print(_added_line(path, result))
    for detail in _what_was_read(lib, result.entry.report_id, result.warnings):
        print(detail)
    print("完成：成功 1 份，失败 0 份。")
    return 0


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


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    files, missing = collect_files(args.paths)
    for raw in missing:
        print(f"✗ {raw}：文件或文件夹不存在", file=sys.stderr)
    lib = _library(args)
    if len(files) == 1 and not missing:
        return _ingest_one(lib, files[0])
    each = len(files) <= LIST_EACH_MAX
    with tqdm(total=len(files), desc="导入", unit="份", file=sys.stderr, disable=not files,
              dynamic_ncols=True) as bar:
        def progress(p: Any) -> None:
            bar.update(1)
            bar.set_postfix_str(f"成功 {p.added} 跳过 {p.skipped} 失败 {p.failed}", refresh=False)
            if p.outcome == "failed":
                tqdm.write(f"✗ {p.current}：{p.message}", file=sys.stderr)

        summary = lib.ingest_many(files, workers=args.workers, progress=progress)
    for path, result in summary.added:
        if each or result.replaced:
            print(_added_line(path, result))
        if each:
            for detail in _what_was_read(lib, result.entry.report_id, result.warnings):
                print(detail)
    if summary.stopped:
        print(f"✗ 导入中止：{summary.stopped}", file=sys.stderr)
    failed = len(summary.failed) + len(missing)
    rate = f"，{summary.rate:.1f} 份/秒" if summary.added else ""
    print(f"完成：成功 {len(summary.added)} 份，失败 {failed} 份，跳过 {len(summary.skipped)} 份"
          f"（已在资料库中），替换 {len(summary.replaced)} 份（旧版本已保留）；"
          f"用时 {summary.seconds:.1f} 秒{rate}。")
    if summary.stopped:
        return 2
    return 1 if failed else 0


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


def cmd_versions(args: argparse.Namespace) -> int:
    versions = _library(args).versions(args.report)
    if not versions:
        print(f"资料库中没有报告「{args.report}」的任何版本。", file=sys.stderr)
        return 1
    names = {"active": "当前", "replaced": "已被替换", "removed": "已删除"}
    for v in versions:
        e = v.entry
        when = f"，{v.retired_at[:19]} 停用" if v.retired_at else ""
        extra = "，原文件已保留" if v.has_source else ""
        damaged = f"，已损坏：{v.damaged}" if v.damaged else ""
        print(f"{e.content_hash[:12]}\t{names.get(v.state, v.state)}\t{e.source_name}\t"
              f"{e.ingested_at[:19]} 导入{when}{extra}{damaged}")
    print(f"恢复旧版本：python -m assistant restore {args.report} 版本号")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    result = _library(args).restore(args.report, args.version)
    print(f"已恢复 {result.entry.report_id} 的版本 {result.entry.content_hash[:12]}"
          f"（{result.entry.source_name}）" + (f"；替换了 {result.replaced}" if result.replaced else "。"))
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    health = _library(args).health()
    mode = "（只读）" if health.read_only else ""
    print(f"资料库{mode}：{health.reports} 份报告在用。")
    for d in health.damaged:
        print(f"✗ {d.report_id}（{d.content_hash[:12]}）：{d.problem}")
    for problem in health.problems:
        print(f"✗ {problem}")
    if health.ok:
        print("一切正常。")
    return 0 if health.ok else 1


def cmd_reindex(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    lib = _library(args)
    with tqdm(total=len(lib.reports()), desc="重建索引", unit="份", file=sys.stderr) as bar:
        n = lib.reindex(progress=lambda done, total: bar.update(done - bar.n))
    print(f"已重建 {n} 份报告的向量库和关键词索引。")
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
