"""Synthetic template reports for the scale benchmark: distinct agencies with a realistic,
unique name space (city + county/district + body), two years each, figures that satisfy the
template's checks, and prose with figures of their own.

Built from a real corpus report (tests/data/corpus/reports/2023-hongqi-finance-bureau.txt,
tab-separated tables as copied out of a portal): names, years and every table figure are
replaced; the layout stays the real one, so the real parser reads them.

    spec = make_specs(n, seed=7)          # n reports: n // 2 agencies × (2022, 2023)
    text = render(spec)                   # the report file's text
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1] / "tests/data/corpus/reports/2023-hongqi-finance-bureau.txt"

CITIES = ("新乡市", "淮安市", "宿迁市", "洛阳市", "开封市", "南阳市", "徐州市", "扬州市", "泰州市",
          "盐城市", "镇江市", "常州市", "南通市", "商丘市", "信阳市", "周口市", "漯河市", "许昌市",
          "焦作市", "鹤壁市", "濮阳市", "安阳市", "湖州市", "嘉兴市", "绍兴市", "金华市", "衢州市",
          "台州市", "丽水市", "芜湖市")
SYLLABLES = "东西南北中新安平和康丰泰宁兴华阳明清永长嘉云春汇临滨湖川桥林溪岭源"
BODIES = ("财政局", "教育局", "民政局", "司法局", "审计局", "统计局", "水利局", "商务局", "人民政府",
          "发展和改革委员会", "公安局", "自然资源局", "生态环境局", "交通运输局", "农业农村局",
          "卫生健康委员会", "应急管理局", "市场监督管理局", "医疗保障局", "人力资源和社会保障局")
ACTIVITY_A = ("阳光", "清风", "惠民", "便民", "暖心", "云端", "指尖", "掌上", "智慧", "连心",
              "同心", "金秋", "春风", "明镜", "聚力", "启航", "领航", "敬业", "笃行", "致远")
ACTIVITY_B = ("课堂", "讲堂", "驿站", "书院", "沙龙", "论坛", "夜校", "茶座", "学堂", "讲坛",
              "工坊", "广场", "客厅", "港湾", "窗口", "之声", "快讯", "周刊", "在线", "直通车")
YEARS = (2022, 2023)
# Ranking winners: agency index → its 2023 不予公开 (everyone else has at most 16). Each size of
# the benchmark holds a different largest one: 50 agencies → 60, 500 → 70, 2,500 → 80.
TOP_DENIED = {10: 60, 100: 70, 1000: 80}


@dataclass(frozen=True)
class Spec:
    city: str
    county: str
    body: str
    year: int
    activity: str  # a unique name in the prose: 「阳光课堂·东平」
    issues: int  # 期 of that activity (a figure only the prose has)
    table3: dict[str, tuple[int, int]] = field(hash=False)  # row → (natural person, commercial)
    table4: tuple[int, ...] = ()  # 15 numbers
    table2: dict[str, tuple[int, ...]] = field(default_factory=dict, hash=False)

    @property
    def agency(self) -> str:
        return f"{self.city}{self.county}{self.body}"

    @property
    def short(self) -> str:
        return f"{self.county}{self.body}"

    def total(self, row: str) -> int:
        return sum(self.table3[row])

    def group(self, prefix: str) -> int:
        return sum(sum(v) for k, v in self.table3.items() if k.startswith(prefix + "."))


TABLE3_ROWS = (
    "new_received", "carried_over", "granted", "partially_granted",
    *(f"denied.{i}" for i in range(1, 9)), *(f"unable.{i}" for i in range(1, 4)),
    *(f"not_processed.{i}" for i in range(1, 6)), *(f"other.{i}" for i in range(1, 4)),
    "total_handled", "carried_forward",
)


def _names(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    counties: set[str] = set()
    per_city: dict[str, list[str]] = {}
    for city in CITIES:
        names = []
        while len(names) < 12:
            name = rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice("区县")
            if name[0] != name[1] and name not in counties:
                counties.add(name)
                names.append(name)
        per_city[city] = names
    triples = [(c, k, b) for c in CITIES for k in per_city[c] for b in BODIES]
    rng.shuffle(triples)
    if count > len(triples):
        raise ValueError(f"at most {len(triples)} agencies")
    return triples[:count]


def _table3(rng: random.Random, top: int) -> dict[str, tuple[int, int]]:
    small = lambda hi: (rng.randint(0, hi), rng.randint(0, hi))  # noqa: E731
    rows: dict[str, tuple[int, int]] = {"granted": (rng.randint(0, 30), rng.randint(0, 10)),
                                        "partially_granted": small(2)}
    for i in range(1, 9):
        rows[f"denied.{i}"] = small(2) if i in (4, 6) else (0, 0)
    if top:
        rows["denied.6"] = (top, 0)
    for i in range(1, 4):
        rows[f"unable.{i}"] = small(2)
    for i in range(1, 6):
        rows[f"not_processed.{i}"] = small(1) if i in (1, 2) else (0, 0)
    for i in range(1, 4):
        rows[f"other.{i}"] = (0, 0)
    handled = tuple(sum(v[j] for v in rows.values()) for j in (0, 1))
    forward = small(2)
    over = tuple(min(rng.randint(0, 2), handled[j] + forward[j]) for j in (0, 1))
    rows["total_handled"] = handled  # type: ignore[assignment]
    rows["carried_forward"] = forward
    rows["carried_over"] = over  # type: ignore[assignment]
    rows["new_received"] = tuple(handled[j] + forward[j] - over[j] for j in (0, 1))  # type: ignore[assignment]
    return rows


def _table4(rng: random.Random) -> tuple[int, ...]:
    out: list[int] = []
    for _ in range(3):
        upheld, corrected = rng.randint(0, 4), rng.randint(0, 2)
        out += [upheld, corrected, 0, 0, upheld + corrected]
    return tuple(out)


def make_specs(n: int, seed: int = 7) -> list[Spec]:
    """n reports (n // 2 agencies × 2022 and 2023; the last one 2023 only if n is odd)."""
    rng = random.Random(seed)
    agencies = _names(rng, (n + 1) // 2)
    activities = [a + b for a in ACTIVITY_A for b in ACTIVITY_B]
    taken: set[str] = set()
    specs = []
    for i, (city, county, body) in enumerate(agencies):
        for year in YEARS:
            if len(specs) == n:
                break
            k = len(specs)
            activity = f"{activities[k % len(activities)]}·{county[:2]}"
            while activity in taken:  # unique across the library: the prose question needs it
                k += 7
                activity = f"{activities[k % len(activities)]}·{county[:2]}{k // len(activities)}"
            taken.add(activity)
            issued = rng.randint(0, 6)
            top = TOP_DENIED.get(i, 0) if year == 2023 else 0
            specs.append(Spec(
                city, county, body, year, activity=activity,
                issues=rng.randint(3, 90), table3=_table3(rng, top=top),
                table4=_table4(rng),
                table2={"rules": (0, 0, 0), "normative_docs": (issued, 0, issued + rng.randint(0, 20)),
                        "licensing": (rng.randint(0, 300),), "penalty": (rng.randint(0, 80),),
                        "coercion": (rng.randint(0, 5),), "admin_fees": (0,)}))
    return specs


_TEMPLATE_CACHE: list[str] = []


def _template() -> str:
    if not _TEMPLATE_CACHE:
        _TEMPLATE_CACHE.append(TEMPLATE.read_text(encoding="utf-8"))
    return _TEMPLATE_CACHE[0]


_ROW3 = re.compile(r"^(.*?)((?:\t\d+){7})(\t*)$")
_ROW2 = {"规章": "rules", "行政规范性文件": "normative_docs", "行政许可": "licensing",
         "行政处罚": "penalty", "行政强制": "coercion", "行政事业性收费": "admin_fees"}


def render(spec: Spec) -> str:
    lines = _template().split("\n")
    out: list[str] = []
    row3 = iter(TABLE3_ROWS)
    for line in lines:
        m = _ROW3.match(line)
        if re.fullmatch(r"(?:\d+\t){14}\d+", line):
            line = "\t".join(str(v) for v in spec.table4)
        elif m:
            key = next(row3)
            person, company = spec.table3[key]
            cells = (person, company, 0, 0, 0, 0, person + company)
            line = m.group(1) + "".join(f"\t{v}" for v in cells) + m.group(3)
        else:
            label = line.split("\t", 1)[0]
            if label in _ROW2 and re.search(r"\t\d", line):
                line = label + "".join(f"\t{v}" for v in spec.table2[_ROW2[label]])
        out.append(line)
    text = "\n".join(out)
    text = text.replace("新乡市红旗区财政局", spec.agency).replace("红旗区财政局", spec.short)
    text = text.replace("区委区政府", "党委政府").replace("全区", "全辖区")
    text = text.replace("“红旗财政”公众号", f"“{spec.county}{spec.body}”公众号")
    text = text.replace("“财政微课堂”32 期", f"“{spec.activity}”{spec.issues} 期")
    text = text.replace("“财政微课堂”", f"“{spec.activity}”").replace("“财政讲堂”", f"“{spec.activity}”")
    text = text.replace("全年办理本单位依申请公开答复 3 件",
                        f"全年办理本单位依申请公开答复 {spec.total('new_received')} 件")
    text = text.replace("2023 年制发行政规范性文件 1 件",
                        f"2023 年制发行政规范性文件 {spec.table2['normative_docs'][0]} 件")
    years = {"2022": str(spec.year - 1), "2023": str(spec.year), "2024": str(spec.year + 1)}
    return re.sub(r"202[234]", lambda m: years[m.group(0)], text)


def write_reports(specs: list[Spec], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, spec in enumerate(specs):
        path = folder / f"{i:05d}-{spec.year}.txt"
        if not path.exists():
            path.write_text(render(spec), encoding="utf-8")
        paths.append(path)
    return paths
