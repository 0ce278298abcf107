"""Questions about a group of agencies: 「2024年哪个县区政府不予公开最多」, 「全省厅局申请量前十」,
「新乡市下属各区2023年行政诉讼合计」 — a ranking, a top N or a sum over the agencies of a place
and a kind, each figure cited (assistant.retrieval asks the library's database for them).

    >>> group_of("新乡市下属各区2023年行政诉讼合计", "新乡市")
    Group(place='新乡市', suffixes=('区人民政府', '县人民政府'), top=0, order='desc')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.numerals import cn_int

if TYPE_CHECKING:
    from assistant.understanding.agency_index import AgencyIndex

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
# 「两个单位」「这三个部门」: a set of agencies counted (in an applicant context 单位 alone is
# 法人或其他组织; counted, it is agencies).
_COUNTED = r"(这|那|上述|以上)?(?:[两二三四五六七八九十几]|\d{1,2})(?:个|家)"
GROUP = re.compile(rf"(?:下属|所属|辖区内?的?|范围内的?|全)?(?:各|每个|所有|全部|哪个|哪些|哪一个)(?:个)?({_KIND})"
                   rf"|全(?:省|市|区|县)(?:的)?(?:各)?({_KIND})|(?:下属|所属)的?({_KIND})"
                   rf"|{_COUNTED}(单位|部门|机关|区县|县区|区政府|县政府)")
TOP = re.compile(r"前\s*([0-9一二三四五六七八九十两]+)\s*(?:名|位|个|家)?")
FEWEST = re.compile(r"最少|最低|倒数")


@dataclass(frozen=True)
class Group:
    place: str = ""  # agencies whose names contain it ("" = the whole library)
    suffixes: tuple[str, ...] = ()  # agencies whose names end so (() = any kind)
    top: int = 0  # 0 = every agency of the group
    order: str = "desc"
    # the agencies of `place` by place chain (「溪口县市场监督管理局」 is of 樟林市溪口县 though
    # its name lacks the city); () = matched by name (place in the name, suffixes)
    agencies: tuple[str, ...] = field(default=(), repr=False)


def group_of(text: str, place: str = "", index: AgencyIndex | None = None) -> Group | None:
    """The group a question ranks or sums over, or None when it names none (「这两个单位」
    with no place is the conversation's, never the whole library)."""
    m = GROUP.search(text)
    if not m:
        return None
    if m.group(5) is not None and not place:
        return None
    kind = m.group(1) or m.group(2) or m.group(3) or m.group(5) or ""
    suffixes = dict(KINDS).get(kind, ())
    top = TOP.search(text)
    n = cn_int(top.group(1)) if top else 0
    members = _members(index, place, suffixes) if index is not None and place else ()
    return Group(place, suffixes, n or 0, "asc" if FEWEST.search(text) else "desc", members)


def _members(index: AgencyIndex, place: str, suffixes: tuple[str, ...]) -> tuple[str, ...]:
    """The agencies under the place (by place chain, 「樟林市溪口县」 → node 樟林市›溪口县) whose
    names end with one of `suffixes`."""
    nodes = {e.places[:d] for e in index.entries.values() for d in range(1, len(e.places) + 1)
             if "".join(e.places[:d]) == place}
    return tuple(sorted({e.agency for node in nodes for e in index.under(node)
                         if not suffixes or e.agency.endswith(suffixes)}))
