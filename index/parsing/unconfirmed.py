"""Figures OCR could not confirm (SourceDocument.unconfirmed: the table rows whose reading
the checks could not settle) become uncertain: never stated as values, like digits that
run together. A group total added up from such a row is uncertain too."""

from __future__ import annotations

from dataclasses import replace

from index.models import Fact, Location, uncertain_row
from index.parsing.tables import TablesResult


def mark_unconfirmed(tables: TablesResult, where: frozenset[Location]) -> TablesResult:
    if not where:
        return tables
    rows = tuple(uncertain_row(r) if r.source in where or any(f.source in where for f in r.facts)
                 else r for r in tables.rows)
    unsure = {(r.table, r.key) for r in rows if any(f.uncertain for f in r.facts)}

    def doubtful(fact: Fact) -> bool:
        if fact.source in where or (fact.table, fact.row) in unsure:
            return True
        return fact.status == "derived" and any(
            table == fact.table and key.startswith(fact.row + ".") for table, key in unsure)

    facts = tuple(replace(f, uncertain=True) if doubtful(f) else f for f in tables.facts)
    return replace(tables, rows=rows, facts=facts)
