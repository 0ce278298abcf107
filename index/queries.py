"""Figures by query, across the whole library, without loading reports.

    facts(conn, agency=…, year=…, table=…, row=…, column=…) -> list[FactRecord]
    aggregate(conn, cells, year=…, agencies=…, agency_contains=…, agency_endswith=…,
              order="desc", limit=10) -> list[Aggregate]

`aggregate` gives, per live report, the sum of the listed cells it has (one cell: its figure;
行政诉讼: litigation_direct.total + litigation_after_reconsideration.total; 法人或其他组织: the
five organisation columns), ordered by that sum — rankings, top-N, and (limit=None) every
report of a place, to be added up. Every figure carries the `Fact` it comes from, so each can
be cited. Figures the source prints ambiguously (`uncertain`) are left out unless asked for.

Agency filters: `agencies` (exact names), `agency_contains` (every part must occur:
「新乡市」), `agency_endswith` (any of them: 「区人民政府」, 「县人民政府」).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from index.db import reports as db_reports
from index.db import schema as s
from index.records import Aggregate, FactRecord

Cell = tuple[str, str, str]  # (table, row, column)


def _one_or_many(column: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str | int):
        return column == value
    return column.in_(list(value))


def _report_filters(*, agency: str | Collection[str] | None = None,
                    year: int | Collection[int] | None = None,
                    agency_contains: Sequence[str] = (), agency_endswith: Sequence[str] = (),
                    report_ids: Collection[str] | None = None) -> list[Any]:
    r = s.reports.c
    conds: list[Any] = [r.state == s.ACTIVE]
    for cond in (_one_or_many(r.agency, agency), _one_or_many(r.year, year),
                 _one_or_many(r.report_id, report_ids)):
        if cond is not None:
            conds.append(cond)
    conds += [r.agency.like(f"%{_escape(part)}%", escape="\\") for part in agency_contains]
    if agency_endswith:
        conds.append(or_(*(r.agency.like(f"%{_escape(end)}", escape="\\")
                           for end in agency_endswith)))
    return conds


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def facts(conn: Connection, *, agency: str | Collection[str] | None = None,
          year: int | Collection[int] | None = None, table: str | None = None,
          row: str | Collection[str] | None = None, column: str | Collection[str] | None = None,
          agency_contains: Sequence[str] = (), agency_endswith: Sequence[str] = (),
          report_ids: Collection[str] | None = None, include_uncertain: bool = True,
          limit: int | None = None) -> list[FactRecord]:
    f = s.facts.c
    conds = _report_filters(agency=agency, year=year, agency_contains=agency_contains,
                            agency_endswith=agency_endswith, report_ids=report_ids)
    conds.append(f.in_report.is_(True))
    for cond in (_one_or_many(f.tbl, table), _one_or_many(f.row_key, row),
                 _one_or_many(f.col_key, column)):
        if cond is not None:
            conds.append(cond)
    if not include_uncertain:
        conds.append(f.uncertain.is_(False))
    stmt = (select(s.facts, *_report_columns())
            .join(s.reports, s.reports.c.content_hash == f.content_hash).where(*conds)
            .order_by(s.reports.c.agency, s.reports.c.year, f.id))
    if limit is not None:
        stmt = stmt.limit(limit)
    out = []
    for row_ in conn.execute(stmt):
        out.append(FactRecord(entry=db_reports.entry_from_row(_ReportView(row_)),
                              fact=db_reports.fact_from_row(row_)))
    return out


def aggregate(conn: Connection, cells: Sequence[Cell], *,
              agencies: Collection[str] | None = None,
              year: int | Collection[int] | None = None,
              agency_contains: Sequence[str] = (), agency_endswith: Sequence[str] = (),
              report_ids: Collection[str] | None = None, order: str = "desc",
              limit: int | None = 10, include_uncertain: bool = False) -> list[Aggregate]:
    if not cells:
        return []
    f = s.facts.c
    # The reports as a list the facts are looked up by (not a join probing the reports table
    # per fact): with ix_facts_cell_values the sums are read from the index alone.
    live = select(s.reports.c.content_hash).where(*_report_filters(
        agency=agencies, year=year, agency_contains=agency_contains,
        agency_endswith=agency_endswith, report_ids=report_ids))
    conds = [f.content_hash.in_(live), f.in_report.is_(True), _cells_condition(cells)]
    if not include_uncertain:
        conds.append(f.uncertain.is_(False))
    total = func.sum(f.number).label("total")
    stmt = (select(f.content_hash, total).where(*conds)
            .group_by(f.content_hash)
            .order_by(total.desc() if order == "desc" else total.asc(), f.content_hash))
    if limit is not None:
        stmt = stmt.limit(limit)
    ranked = [h for h, _ in conn.execute(stmt)]
    if not ranked:
        return []
    wanted = set(cells)
    found: dict[str, list[Any]] = {h: [] for h in ranked}
    catalog: dict[str, Any] = {}
    for batch in (ranked[i:i + 500] for i in range(0, len(ranked), 500)):
        for row_ in conn.execute(select(s.facts).where(f.content_hash.in_(batch), f.in_report.is_(True),
                                                       _cells_condition(cells)).order_by(f.id)):
            if (row_.tbl, row_.row_key, row_.col_key) in wanted and (include_uncertain
                                                                      or not row_.uncertain):
                found[row_.content_hash].append(db_reports.fact_from_row(row_))
        for row_ in conn.execute(select(s.reports).where(s.reports.c.content_hash.in_(batch))):
            catalog[row_.content_hash] = db_reports.entry_from_row(row_)
    out = []
    for h in ranked:
        values = [x.value for x in found[h]]
        value: int | Decimal = sum(values, Decimal(0)) if any(isinstance(v, Decimal) for v in values) \
            else sum(int(v) for v in values)
        out.append(Aggregate(entry=catalog[h], value=value, facts=tuple(found[h])))
    return out


def _cells_condition(cells: Sequence[Cell]) -> Any:
    """`cells` as a condition the (table, row, column) index serves: IN lists when the cells
    are every combination of their tables, rows and columns (a group's items, both kinds of
    行政诉讼, the five organisation columns), else one branch per cell."""
    f = s.facts.c
    tables, rows, columns = ({c[i] for c in cells} for i in range(3))
    if len(set(cells)) == len(tables) * len(rows) * len(columns):
        return and_(f.tbl.in_(sorted(tables)), f.row_key.in_(sorted(rows)),
                    f.col_key.in_(sorted(columns)))
    return or_(*(and_(f.tbl == t, f.row_key == r, f.col_key == c) for t, r, c in cells))


def _report_columns() -> list[Any]:
    r = s.reports.c
    return [r.report_id, r.agency, r.aliases, r.year, r.template, r.title, r.source_name,
            r.chunks, r.failed_checks, r.warnings, r.ingested_at]


class _ReportView:
    """A joined facts+reports row seen as a reports row (for entry_from_row)."""

    def __init__(self, row: Any) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)
