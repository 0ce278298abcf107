"""A stand-in for `assistant.assistant.Assistant` with the same public surface.

Used only where the real one cannot serve (fast unit tests of the web shell); every
browser and API test that checks answers uses the real assistant over the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from assistant.links import report_view_url, source_url
from assistant.models import Answer, CellText, Citation, Scope, Series, Turn
from index.errors import NotFoundError
from index.library import CatalogEntry, IngestResult
from index.models import CheckResult, Fact, Location, Report, SourceDocument, TableRow

AGENCY = "新乡市红旗区财政局"
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def _entry(year: int, agency: str = AGENCY) -> CatalogEntry:
    return CatalogEntry(
        report_id=f"{year}-{agency}", agency=agency, agency_aliases=("红旗区财政局",), year=year,
        template="2021", title=f"{agency}{year}年政府信息公开工作年度报告",
        source_name=f"{year}-hongqi.txt", content_hash="0" * 64, chunks=10,
        failed_checks=("自然人：0 + 0 ≠ 1 + 0",) if year == 2022 else (), warnings=(),
        ingested_at="2026-01-01T00:00:00+00:00",
    )


def _report(entry: CatalogEntry) -> Report:
    loc = Location(line=40)
    facts = tuple(
        Fact("三", "new_received", col, val, "一、本年新收政府信息公开申请数量", label, "printed", loc)
        for col, label, val in (("natural_person", "自然人", 0), ("commercial", "商业企业", 3),
                                ("total", "总计", 3))
    )
    rows = (TableRow("三", "new_received", "一、本年新收政府信息公开申请数量", (), facts, loc, raw=XSS),)
    checks = (CheckResult("check1", False, "总计：3 + 0 ≠ 2 + 0", "total", ("三.new_received.total",)),)
    return Report(
        agency=entry.agency, agency_aliases=entry.agency_aliases, year=entry.year, template="2021",
        title=entry.title, source_name=entry.source_name, content_hash=entry.content_hash,
        format="text", rows=rows, facts=facts, checks=checks, warnings=(XSS,),
    )


class FakeAssistant:
    def __init__(self) -> None:
        self.entries = [_entry(2022), _entry(2023)]
        self.asked: list[tuple[str, tuple[Turn, ...], Scope]] = []
        self.sources: dict[str, Path] = {}  # report id → kept original file (tests set it)

    def ask(self, question: str, history: Sequence[Turn] = (), scope: Scope = Scope(),
            *, today: date | None = None) -> Answer:
        self.asked.append((question, tuple(history), scope))
        cite = Citation(
            n=1, report=f"2023-{AGENCY}", agency=AGENCY, year=2023,
            section="三、收到和处理政府信息公开申请情况", table="三", row="new_received",
            column="total", value=3, quote=f"一、本年新收政府信息公开申请数量 0 3 0 0 0 0 3 {XSS}",
            source="2023-hongqi-finance-bureau.txt 第40行", row_label="一、本年新收政府信息公开申请数量",
            column_label="总计", url=source_url(f"2023-{AGENCY}"), table_name="表三",
            row_path=("一、本年新收政府信息公开申请数量",), unit="件", status="printed",
            cells=(CellText("natural_person", "自然人", "0"), CellText("commercial", "商业企业", "3"),
                   CellText("total", "总计", "3")), line=40,
            cell_url=report_view_url(f"2023-{AGENCY}", "三", "new_received", "total"),
        )
        series = (Series("本年新收申请", ("2022", "2023"), (1.0, 3.0)),) if "趋势" in question else ()
        return Answer(text=f"2023年，{AGENCY}收到政府信息公开申请 3 件[1]。", answered=True,
                      citations=(cite,), intent="figure", series=series)

    def stream_answer(self, question: str, history: Sequence[Turn] = (), scope: Scope = Scope()
                      ) -> Iterator[tuple[str, Answer | None]]:
        answer = self.ask(question, history, scope)
        for i in range(8, len(answer.text), 8):
            yield answer.text[:i], None
        yield answer.text, answer

    def reports(self) -> list[CatalogEntry]:
        return list(self.entries)

    def report(self, report_id: str) -> Report:
        for e in self.entries:
            if e.report_id == report_id:
                return _report(e)
        raise NotFoundError(f"没有这份报告：{report_id}")

    def source_file(self, report_id: str) -> Path:
        if report_id not in self.sources:
            raise NotFoundError(f"没有保存报告「{report_id}」的原文文件")
        return self.sources[report_id]

    def source_document(self, report_id: str) -> SourceDocument:
        from index.loaders import load_document

        return load_document(self.source_file(report_id))

    def ingest(self, path: str | Path) -> IngestResult:
        entry = _entry(2024)
        self.entries.append(entry)
        return IngestResult(entry=entry, warnings=(f"测试警告 {Path(path).name}",))

    def remove(self, report_id: str) -> CatalogEntry:
        for e in self.entries:
            if e.report_id == report_id:
                self.entries.remove(e)
                return e
        raise NotFoundError(f"没有这份报告：{report_id}")
