"""The assistant keeps loaded reports between questions only while their catalog entry is
unchanged: a report re-ingested under the same id by another process is read again."""

from __future__ import annotations

from dataclasses import replace

from assistant.assistant import Assistant
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary


def test_a_report_changed_under_the_same_id_is_loaded_again(memory_library: MemoryLibrary) -> None:
    library = MemoryLibrary(dict(memory_library.items))
    assistant = Assistant(library, Settings.load(today="2026-03-01"))
    report_id = next(iter(library.items))
    other_id = next(k for k in library.items if k != report_id)
    assistant._current_catalog()
    first, other = assistant.report(report_id), assistant.report(other_id)

    assistant._current_catalog()
    assert assistant.report(report_id) is first  # nothing changed: kept

    library.items[report_id] = replace(first, content_hash="0" * 64)  # re-ingested elsewhere
    assistant._current_catalog()
    assert assistant.report(report_id) is library.items[report_id]
    assert assistant.report(other_id) is other  # unchanged entries stay loaded
