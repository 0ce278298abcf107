"""Questions about a group of agencies: 「2024年哪个县区政府不予公开最多」, 「全省厅局申请量前十」,
「新乡市下属各区2023年行政诉讼合计」 — a ranking, a top N or a sum over the agencies of a place
and a kind, each figure cited (assistant.retrieval asks the library's database for them).

    >>> group_of("新乡市下属各区2023年行政诉讼合计", "新乡市")
    Group(place='新乡市', suffixes=('区人民政府', '县人民政府'), top=0, order='desc')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.numerals import cn_int

# The kind of agency a group word names → the endings of their names.
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("区县政府", ("区人民政府", "县人民政府")), ("县区政府", ("区人民政府", "县人民政府")),
    ("区政府", ("区人民政府",)), ("县政府", ("县人民政府",)), ("区县", ("区人民政府", "县人民政府")),
    ("县区", ("区人民政府", "县人民政府")), ("乡镇", ("镇人民政府", "乡人民政府")),
    ("街道", ("街道办事处",)), ("委办局", ("委员会", "局", "办公室")), ("厅局", ("厅", "局")),
    ("区", ("区人民政府", "县人民政府")), ("县", ("县人民政府",)), ("局", ("局",)), ("厅", ("厅",)),
    ("部门", ()), ("单位", ()), ("机关", ()),
)
_KIND = "|".join(k for k, _ in KINDS)
GROUP = re.compile(rf"(?:下属|所属|辖区内?的?|范围内的?|全)?(?:各|每个|所有|全部|哪个|哪些|哪一个)(?:个)?({_KIND})"
                   rf"|全(?:省|市|区|县)(?:的)?(?:各)?({_KIND})|(?:下属|所属)的?({_KIND})")
TOP = re.compile(r"前\s*([0-9一二三四五六七八九十两]+)\s*(?:名|位|个|家)?")
FEWEST = re.compile(r"最少|最低|倒数")


@dataclass(frozen=True)
class Group:
    place: str = ""  # agencies whose names contain it ("" = the whole library)
    suffixes: tuple[str, ...] = ()  # agencies whose names end so (() = any kind)
    top: int = 0  # 0 = every agency of the group
    order: str = "desc"


def group_of(text: str, place: str = "") -> Group | None:
    """The group a question ranks or sums over, or None when it names none."""
    m = GROUP.search(text)
    if not m:
        return None
    kind = m.group(1) or m.group(2) or m.group(3) or ""
    suffixes = dict(KINDS).get(kind, ())
    top = TOP.search(text)
    n = cn_int(top.group(1)) if top else 0
    return Group(place, suffixes, n or 0, "asc" if FEWEST.search(text) else "desc")
