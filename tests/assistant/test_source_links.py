"""Citations link to the report's original file (Citation.url, "url" in the JSON) — only
where the library kept that file."""

from __future__ import annotations

from pathlib import Path

from assistant.assistant import Assistant
from assistant.links import source_url
from index.errors import NotFoundError
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary

QUESTION = "洪泽区人民政府2024年收到多少申请？"
HONGZE = "2024-淮安市洪泽区人民政府"


class KeptSources(MemoryLibrary):
    """The memory library with original files kept for some reports."""

    kept: dict[str, Path]

    def source_file(self, report_id: str) -> Path:
        if report_id not in self.kept:
            raise NotFoundError(f"没有保存报告「{report_id}」的原文文件")
        return self.kept[report_id]


def _assistant(memory_library: MemoryLibrary, kept: dict[str, Path]) -> Assistant:
    library = KeptSources(memory_library.items)
    library.kept = kept
    return Assistant(library, Settings.load(today="2026-03-01"))


def test_source_url_encodes_the_report_id() -> None:
    assert source_url("2023-新乡市红旗区财政局") == (
        "/api/reports/2023-%E6%96%B0%E4%B9%A1%E5%B8%82%E7%BA%A2%E6%97%97%E5%8C%BA%E8%B4%A2%E6%94%BF"
        "%E5%B1%80/source")
    assert source_url("a/b", 3) == "/api/reports/a%2Fb/source#page=3"
    assert source_url("x", None) == source_url("x", 0) == "/api/reports/x/source"


def test_citations_link_to_kept_files_at_the_pdf_page(memory_library: MemoryLibrary,
                                                     tmp_path: Path) -> None:
    kept = tmp_path / "hongze.pdf"
    kept.write_bytes(b"%PDF-1.4")
    answer = _assistant(memory_library, {HONGZE: kept}).ask(QUESTION)
    cite = answer.citations[0]
    assert cite.report == HONGZE and cite.url and cite.url.startswith(source_url(HONGZE))
    assert answer.to_json()["citations"][0]["url"] == cite.url
    assert assistant_source(memory_library, kept) == kept


def test_no_link_when_the_file_was_not_kept(memory_library: MemoryLibrary) -> None:
    answer = _assistant(memory_library, {}).ask(QUESTION)
    assert answer.citations and all(c.url is None for c in answer.citations)
    assert answer.to_json()["citations"][0]["url"] is None


def assistant_source(memory_library: MemoryLibrary, kept: Path) -> Path:
    return _assistant(memory_library, {HONGZE: kept}).source_file(HONGZE)
