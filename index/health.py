"""`Library.health()`: what works, what is damaged and what to do — the rest is served."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from index.db import schema as s
from index.errors import StoreError
from index.records import DamagedReport, Health

if TYPE_CHECKING:
    from index.library import Library

NO_DATA = "报告数据缺失或损坏，该报告暂不能回答问题；请重新导入该报告的原文件。"
NO_VECTORS = ("向量库中没有任何片段，而资料库有 {n} 份报告：语义检索暂不可用（数字查询不受影响）。"
              "请运行 `python -m assistant reindex` 重建。")


def check(lib: Library) -> Health:
    problems: list[str] = []
    damaged: list[DamagedReport] = []
    try:
        with lib.db.connect() as conn:
            r = s.reports.c
            rows = conn.execute(
                select(r.report_id, r.content_hash, r.damaged, s.documents.c.content_hash.label("doc"))
                .select_from(s.reports.outerjoin(s.documents,
                                                 s.documents.c.content_hash == r.content_hash))
                .where(r.state == s.ACTIVE)).all()
    except StoreError as exc:
        return Health(reports=0, read_only=lib.read_only, problems=(exc.message,))
    for row in rows:
        if row.damaged or row.doc is None:
            damaged.append(DamagedReport(row.report_id, row.content_hash, row.damaged or NO_DATA))
    try:
        if rows and lib.store.count() == 0:
            problems.append(NO_VECTORS.format(n=len(rows)))
    except StoreError as exc:
        problems.append(exc.message)
    return Health(reports=len(rows), read_only=lib.read_only,
                  damaged=tuple(sorted(damaged, key=lambda d: d.report_id)),
                  problems=tuple(problems))
