"""(Re)write tests/data/unseen: report files and their expected.json.

    .venv/bin/python -m tests.parsing.unseen_build

The DOCX and PDF reports are generated at test time; only their expected.json is written here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.parsing import unseen_docx, unseen_html, unseen_pdf
from tests.parsing.unseen_texts import TEXT_REPORTS

UNSEEN = Path(__file__).resolve().parent.parent / "data" / "unseen"


def _expected_path(name: str) -> Path:
    return UNSEEN / (name.rsplit(".", 1)[0] + ".expected.json")


def _write_expected(spec: dict[str, Any]) -> None:
    text = json.dumps(spec, ensure_ascii=False, indent=1)
    _expected_path(spec["file"]).write_text(text + "\n", "utf-8")


def main() -> None:
    UNSEEN.mkdir(parents=True, exist_ok=True)
    for build in TEXT_REPORTS:
        name, text, spec = build()
        (UNSEEN / name).write_text(text, "utf-8")
        _write_expected(spec)
    (UNSEEN / unseen_html.NAME).write_bytes(unseen_html.data())
    _write_expected(unseen_html.expected())
    _write_expected(unseen_docx.expected())
    _write_expected(unseen_pdf.expected())
    _write_expected(unseen_pdf.expected(ruled=False))


if __name__ == "__main__":
    main()
