"""Scoring answers against a question set (format: tests/data/eval/README.md).

An answerable question passes when `answered` is true, every expected figure appears as a
number in the answer, some citation carries the expected agency and year, and every expected
fact is among the citations (a group key such as `denied` needs all the group's items).
A question the library cannot answer passes when `answered` is false.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from index.template import GROUP_ITEMS

from assistant import guard
from assistant.models import Scope, Turn


@dataclass(frozen=True)
class Result:
    id: str
    kind: str
    question: str
    passed: bool
    reasons: tuple[str, ...]
    answer: str
    violations: int
    seconds: float
    answered: bool = False
    family: str = ""

    @property
    def wrong(self) -> bool:
        """Stated as an answer but failing: a figure not the one asked for, or an answer to a
        question the library cannot answer. Worse than a refusal or a question back."""
        return self.answered and not self.passed


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def share(self) -> float:
        return self.passed / len(self.results) if self.results else 0.0

    @property
    def violations(self) -> int:
        return sum(r.violations for r in self.results)

    @property
    def wrong(self) -> int:
        return sum(r.wrong for r in self.results)

    @property
    def wrong_share(self) -> float:
        return self.wrong / len(self.results) if self.results else 0.0

    def by_kind(self) -> dict[str, tuple[int, int]]:
        return {k: (p, t) for k, (p, t, _) in self.breakdown("kind").items()}

    def breakdown(self, by: str = "kind") -> dict[str, tuple[int, int, int]]:
        """(passed, total, wrong answers stated) by question kind or by family (the
        `[F3 colloquial]` tag of the note)."""
        groups: dict[str, list[Result]] = defaultdict(list)
        for r in self.results:
            groups[(r.family if by == "family" else r.kind) or "-"].append(r)
        return {k: (sum(r.passed for r in v), len(v), sum(r.wrong for r in v))
                for k, v in sorted(groups.items())}

    def latencies(self) -> list[float]:
        return sorted(r.seconds for r in self.results)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": len(self.results), "passed": self.passed, "share": round(self.share, 4),
            "wrong_stated": self.wrong, "wrong_share": round(self.wrong_share, 4),
            "by_kind": {k: {"passed": p, "total": t, "wrong": w}
                        for k, (p, t, w) in self.breakdown("kind").items()},
            "by_family": {k: {"passed": p, "total": t, "wrong": w}
                          for k, (p, t, w) in self.breakdown("family").items()},
            "guard_violations": self.violations,
            "failures": [{"id": r.id, "kind": r.kind, "family": r.family, "question": r.question,
                          "wrong": r.wrong, "reasons": list(r.reasons), "answer": r.answer}
                         for r in self.results if not r.passed],
        }


_FAMILY = re.compile(r"^\[([A-Z]\d+)[^\]]*\]")


def family(question: dict[str, Any]) -> str:
    """「F3」 from a note that starts 「[F3 colloquial] …」 ("" when untagged)."""
    m = _FAMILY.match(question.get("expect", {}).get("note", "") or "")
    return m.group(1) if m else ""


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n).normalize() for n in guard.numbers_in(text)}


def _has_fact(citations: list[dict[str, Any]], fact: dict[str, Any], year: int | None) -> bool:
    def cited(row: str) -> bool:
        return any(c.get("table") == fact["table"] and c.get("row") == row
                   and c.get("column") == fact["column"]
                   and (year is None or c.get("year") == year) for c in citations)

    if cited(fact["row"]):
        return True
    items = GROUP_ITEMS.get(fact["row"])
    return bool(items) and all(cited(f"{fact['row']}.{k}") for k, _ in items or ())


def score(question: dict[str, Any], answer: dict[str, Any]) -> list[str]:
    """Reasons the answer fails (empty list = passed)."""
    expect = question["expect"]
    if not expect["answerable"]:
        return ["answered a question the library cannot answer"] if answer["answered"] else []
    reasons = []
    if not answer["answered"]:
        return ["not answered"]
    numbers = _numbers(answer["answer"])
    reasons += [f"figure {v} missing" for v in expect.get("figures", [])
                if Decimal(str(v)).normalize() not in numbers]
    cites = answer["citations"]
    if not any(c["agency"] == expect["agency"] and c["year"] == expect["year"] for c in cites):
        reasons.append(f"no citation of {expect['agency']} {expect['year']}")
    for fact in expect.get("facts", []):
        if not _has_fact(cites, fact, fact.get("year")):
            reasons.append(f"fact {fact['table']}.{fact['row']}.{fact['column']} not cited")
    reasons += [f"missing phrase {p}" for p in expect.get("contains", []) if p not in answer["answer"]]
    return reasons


def independent_violations(answer: dict[str, Any]) -> int:
    """Numbers in the answer text supported by no citation value, quote or figure."""
    allowed = {Decimal(str(c["value"])).normalize() for c in answer["citations"] if c["value"] is not None}
    for c in answer["citations"]:
        allowed |= _numbers(c["quote"])
    allowed |= {Decimal(str(f["value"])).normalize() for f in answer["figures"]}
    allowed |= {Decimal(str(c["year"])) for c in answer["citations"] if c.get("year")}  # 「2025 annual report」
    return int(any(n not in allowed and -n not in allowed for n in _numbers(answer["answer"])))


def run(assistant: Any, questions: Iterable[dict[str, Any]]) -> Report:
    report = Report()
    for q in questions:
        history = [Turn(t["role"], t["content"]) for t in q.get("history", [])]
        scope = Scope(**(q.get("scope") or {}))
        today = date.fromisoformat(q["today"]) if q.get("today") else None
        start = time.perf_counter()
        answer = assistant.ask(q["question"], history, scope, today=today)
        seconds = time.perf_counter() - start
        data = answer.to_json()
        violations = int(answer.meta.get("guard_violations", 0)) or independent_violations(data)
        reasons = score(q, data)
        report.results.append(Result(q["id"], q.get("kind", ""), q["question"], not reasons,
                                     tuple(reasons), answer.text, violations, seconds,
                                     answered=bool(data["answered"]), family=family(q)))
    return report


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]
