"""Command line: `python -m assistant COMMAND …`. A thin shell over index/ and assistant/.

Each command group lives in its own module exposing `register(subparsers)`; a command sets
`func(args) -> int`. Errors from `index.errors` become one line on stderr and exit status 2;
so do store faults that reach here raw (a full disk, a read-only or damaged store: ui.faults).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from index.errors import AssistantError
from ui.faults import fault_of

# Modules that register commands, in help order.
COMMAND_MODULES = (
    "ui.cli.parse_cmd",  # parse
    "ui.cli.library_cmd",  # ingest, reports, remove, search
    "ui.cli.ask_cmd",  # ask, eval
    "ui.cli.serve_cmd",  # serve
)


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        default=None,
        help="data directory (default: $GOV_ASSISTANT_STORE or a per-user folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="政府信息公开工作年度报告问答助手 — chat assistant for disclosure annual reports",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a command group not built yet
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def describe(exc: BaseException) -> str:
    """A message for a person: an AssistantError's own, a store fault's, else the exception."""
    if isinstance(exc, AssistantError):
        return str(exc)
    fault = fault_of(exc)
    return fault.message if fault else f"{type(exc).__name__}: {exc}"


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except AssistantError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        fault = fault_of(exc)
        if fault is None:
            raise
        print(f"错误 / error: {fault.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
