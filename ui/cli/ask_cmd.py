"""Answer commands: `ask` (one question) and `eval` (a question set), thin over assistant/."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from index.errors import InputError
from ui.cli import add_store_option


def register(sub: Any) -> None:
    p = sub.add_parser("ask", help="提问 (ask a question about the indexed reports)")
    p.add_argument("question", help="问题，例如：红旗区财政局2023年收到多少申请")
    p.add_argument("--agency", default=None, help="限定单位（如门户页面所固定的单位）")
    p.add_argument("--year", type=int, default=None, help="限定年度")
    p.add_argument("--today", default=None, help="今天的日期 YYYY-MM-DD（用于“去年”等）")
    p.add_argument("--history", default=None, metavar="FILE",
                   help="之前的对话：JSON 列表 [{role, content}, …]")
    p.add_argument("--json", action="store_true", help="以 JSON 输出完整回答")
    add_store_option(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="评测问题集 (run a question set, print pass share)")
    p.add_argument("file", metavar="FILE.jsonl", help="问题集（格式见 tests/data/eval/README.md）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    add_store_option(p)
    p.set_defaults(func=cmd_eval)


def _assistant(args: argparse.Namespace, **overrides: Any) -> Any:
    from assistant.assistant import Assistant

    return Assistant.open(store=args.store, **overrides)


def _today(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InputError(f"--today 需要 YYYY-MM-DD 格式：{raw}") from exc


def _history(path: str | None) -> list[Any]:
    from assistant.models import Turn

    if not path:
        return []
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return [Turn(t["role"], t["content"]) for t in data]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"无法读取对话历史 {path}：需要 JSON 列表 [{{role, content}}]") from exc


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.models import Scope

    assistant = _assistant(args)
    answer = assistant.ask(args.question, _history(args.history),
                           Scope(agency=args.agency, year=args.year), today=_today(args.today))
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    for c in answer.citations:
        where = " ".join(x for x in (c.section, c.row_label, c.column_label) if x)
        value = f" = {c.value}" if c.value is not None else ""
        quote = f"：“{c.quote}”" if c.quote and c.table is None else ""
        print(f"[{c.n}] {c.agency} {c.year}年 {where}{value}{quote} —— {c.source}")
    if answer.options:
        print("可选：" + "、".join(answer.options))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant import evaluation

    questions = evaluation.load_questions(args.file)
    result = evaluation.run(_assistant(args), questions)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    _print_eval(result)
    return 0


def _print_eval(result: Any) -> None:
    from assistant.evaluation import percentile

    total = len(result.results)
    print(f"通过 passed: {result.passed}/{total} = {result.share:.1%}")
    print(f"答错 wrong answers stated: {result.wrong}/{total} = {result.wrong_share:.1%}")
    for by in ("kind", "family"):
        rows = result.breakdown(by)
        if by == "family" and set(rows) == {"-"}:
            continue
        print(f"by {by}:  passed/total  wrong")
        for key, (passed, count, wrong) in rows.items():
            print(f"  {key:<14} {passed:>3}/{count:<3}  {wrong}")
    print(f"guard violations: {result.violations}")
    lat = [s * 1000 for s in result.latencies()]
    print(f"latency ms: p50 {percentile(lat, 50):.0f}  p95 {percentile(lat, 95):.0f}")
    for r in result.results:
        if not r.passed:
            mark = "✗✗ WRONG" if r.wrong else "✗"
            print(f"\n{mark} {r.id} [{r.kind} {r.family}] {r.question}\n  {'; '.join(r.reasons)}\n  → {r.answer}",
                  file=sys.stdout)
