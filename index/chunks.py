"""A parsed `Report` → retrievable chunks (LangChain `Document`s).

Two kinds:
- "prose": sentences of one section (split at 。！？；), packed into chunks of bounded size,
  keeping the section path («一、总体情况 › （二）依申请公开»).
- "row": one chunk per table row (and per group total 不予公开/无法提供/…), whose text names the
  section, table, row label path, columns and values:
  「三、收到和处理政府信息公开申请情况 › 本年度办理结果 › （三）不予公开 › 1.属于国家秘密：自然人 0 件，…，总计 0 件」

Each chunk carries two texts: `text` (displayed, stored, BM25) and `embed_text` (what the
dense model sees). A row's `embed_text` is its template label path only, identical for every
report of a template, so the embedding cache pays for it once. Ids are stable:
«<content hash[:16]>:<kind>:<key>», so re-ingesting a file replaces its chunks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from langchain_core.documents import Document

from index import template as tpl
from index.models import Fact, Location, Report, Section, TableRow

SEP = " › "
MAX_CHARS = 320  # upper bound of a prose chunk's sentences (the header is added on top)
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_GROUP_SUM_NOTE = "各项合计"


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    embed_text: str
    metadata: dict[str, Any] = field(hash=False)

    def to_document(self) -> Document:
        return Document(id=self.id, page_content=self.text, metadata=dict(self.metadata))


def report_chunks(report: Report) -> list[Chunk]:
    """Every chunk of a report: prose first (reading order), then table rows."""
    return list(prose_chunks(report)) + list(row_chunks(report))


def chunk_id(report: Report, kind: str, key: str) -> str:
    return f"{report.content_hash[:16]}:{kind}:{key}"


def _base_metadata(report: Report) -> dict[str, Any]:
    return {
        "report_id": report.id,
        "agency": report.agency,
        "agency_aliases": "、".join(report.agency_aliases),
        "year": report.year,
        "template": report.template,
        "content_hash": report.content_hash,
        "source_name": report.source_name,
    }


# ---- prose ------------------------------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _pack(sentences: list[str], limit: int = MAX_CHARS) -> Iterator[str]:
    """Greedy packing of consecutive sentences; an over-long sentence is cut hard."""
    buf = ""
    for sentence in sentences:
        while len(sentence) > limit:
            if buf:
                yield buf
                buf = ""
            yield sentence[:limit]
            sentence = sentence[limit:]
        if buf and len(buf) + len(sentence) > limit:
            yield buf
            buf = ""
        buf += sentence
    if buf:
        yield buf


def _walk(sections: tuple[Section, ...], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Section]]:
    for section in sections:
        here = path + ((section.heading,) if section.heading else ())
        yield here, section
        yield from _walk(section.parts, here)


def prose_chunks(report: Report) -> Iterator[Chunk]:
    n = 0
    for path, section in _walk(report.sections):
        paragraphs = [p for p in section.paragraphs if p.text.strip()]
        if not paragraphs:
            continue
        sentences: list[tuple[str, Location]] = [
            (s, p.location) for p in paragraphs for s in split_sentences(p.text)
        ]
        for text in _pack([s for s, _ in sentences]):
            first = next((loc for s, loc in sentences if text.startswith(s[:20])), paragraphs[0].location)
            n += 1
            header = SEP.join(path) if path else report.title
            meta = {
                **_base_metadata(report),
                "kind": "prose",
                "section": path[0] if path else "",
                "section_path": SEP.join(path),
                "table": "",
                "row": "",
                "values": "{}",
                "source": f"{report.source_name} {first.describe()}",
                "page": first.page or 0,
                "line": first.line or 0,
            }
            yield Chunk(
                id=chunk_id(report, "prose", f"{n:04d}"),
                text=f"{header}：{text}" if header else text,
                embed_text=f"{header}：{text}" if header else text,
                metadata=meta,
            )


# ---- table rows -------------------------------------------------------------------------


def _fmt(value: int | Decimal) -> str:
    return str(value)


def _values_text(table: str, row: str, facts: tuple[Fact, ...] | list[Fact]) -> str:
    parts = []
    for f in facts:
        label = f.column_label or tpl.column_label(table, row, f.column)
        parts.append(f"{label} {_fmt(f.value)} {f.unit}".rstrip())
    return "，".join(parts)


def _values_json(facts: tuple[Fact, ...] | list[Fact]) -> str:
    return json.dumps(
        {f.column: (float(f.value) if isinstance(f.value, Decimal) else f.value) for f in facts},
        ensure_ascii=False,
    )


def template_path(table: str, row: str) -> tuple[str, ...]:
    """The template's label path of a row: table title, enclosing labels, row label."""
    title = tpl.TABLE_TITLES.get(table, table)
    if table == "三":
        specs = tpl.TABLE3_ROWS_2021 + tpl.TABLE3_ROWS_2019 + tpl.TABLE3_GROUP_ROWS
        spec = next((s for s in specs if s.key == row), None)
        if spec is not None:
            inner = tuple(h.replace("三、", "", 1) for h in spec.header_path)
            return (title, *inner, spec.label)
    if table == "二":
        row2 = next((r for r in tpl.TABLE2_ROWS_2021 + tpl.TABLE2_ROWS_2019 if r.key == row), None)
        if row2 is not None:
            return (title, row2.article, row2.label)
    return (title, tpl.row_label(table, row))


def _column_labels(table: str, row: str, facts: tuple[Fact, ...] | list[Fact]) -> str:
    return "、".join(tpl.column_label(table, row, f.column) for f in facts)


def _row_chunk(report: Report, table: str, key: str, facts: list[Fact] | tuple[Fact, ...],
               location: Location, label: str, derived: bool = False) -> Chunk:
    path = template_path(table, key)
    if derived:
        path = (*path[:-1], f"{path[-1]}（{_GROUP_SUM_NOTE}）")
    group = key.split(".", 1)[0] if "." in key or key in tpl.GROUPS else ""
    meta = {
        **_base_metadata(report),
        "kind": "row",
        "section": tpl.TABLE_TITLES.get(table, table),
        "section_path": SEP.join(path[:-1]),
        "table": table,
        "row": key,
        "group": group,
        "label": label,
        "label_path": SEP.join(path),
        "derived": derived,
        "values": _values_json(facts),
        "source": f"{report.source_name} {location.describe()}",
        "page": location.page or 0,
        "line": location.line or 0,
    }
    embed = f"{SEP.join(path)}：{_column_labels(table, key, facts)}"
    if derived:  # a group total also answers questions about its items
        items = [lbl for _k, lbl in tpl.GROUP_ITEMS.get(key, ())]
        embed += "。" + "；".join(items)
    return Chunk(
        id=chunk_id(report, "row", f"{table}.{key}"),
        text=f"{SEP.join(path)}：{_values_text(table, key, facts)}",
        embed_text=embed,
        metadata=meta,
    )


def _fact_rows(report: Report, printed: set[tuple[str, str]]) -> Iterator[Chunk]:
    """Rows known only from facts (group totals 不予公开/无法提供/…, or rows without a TableRow)."""
    grouped: dict[tuple[str, str], list[Fact]] = {}
    for f in report.facts:
        if (f.table, f.row) not in printed:
            grouped.setdefault((f.table, f.row), []).append(f)
    for (table, key), facts in grouped.items():
        is_group = table == "三" and key in tpl.GROUPS
        items = [r for r in report.rows if r.table == table and r.key.startswith(key + ".")]
        location = items[0].source if items else facts[0].source
        label = tpl.GROUPS.get(key, facts[0].label) if is_group else facts[0].label
        yield _row_chunk(report, table, key, facts, location, label, derived=is_group)


def row_chunks(report: Report) -> Iterator[Chunk]:
    printed: set[tuple[str, str]] = set()
    row: TableRow
    for row in report.rows:
        if not row.facts or (row.table, row.key) in printed:
            continue
        printed.add((row.table, row.key))
        yield _row_chunk(report, row.table, row.key, row.facts, row.source, row.label)
    yield from _fact_rows(report, printed)
