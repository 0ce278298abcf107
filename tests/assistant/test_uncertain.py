"""A value the source prints ambiguously (digits run together with no check to fix the
split) is marked uncertain by the parser and never stated as a figure by the composer."""

from __future__ import annotations

from assistant.assistant import Assistant
from assistant.models import Scope
from index.parsing import parse_report
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary
from tests.conftest import CORPUS

PINGTAN_2019 = CORPUS / "2019-pingtan.txt"


def test_run_together_table2_cells_are_marked_uncertain() -> None:
    report = parse_report(PINGTAN_2019)
    procurement = report.fact("二", "procurement", "amount")
    assert procurement is not None and procurement.uncertain
    rules = report.fact("二", "rules", "new_made")
    assert rules is not None and not rules.uncertain  # '000' splits one way only


def test_composer_does_not_state_an_uncertain_value() -> None:
    report = parse_report(PINGTAN_2019)
    assistant = Assistant(MemoryLibrary.of((report,)), Settings.load(today="2026-03-01"))
    answer = assistant.ask("平潭2019年政府集中采购金额是多少", scope=Scope())
    guessed = str(report.fact("二", "procurement", "amount").value)
    assert guessed not in answer.text
    assert "无法确定" in answer.text
    assert all(f.value != report.fact("二", "procurement", "amount").value for f in answer.figures)
