"""Plain-text / Markdown unseen reports: builders of their text and expected figures.

Run `python -m tests.parsing.unseen_build` to (re)write tests/data/unseen.
"""

from __future__ import annotations

from typing import Any

from tests.parsing.unseen_figures import expected_facts, t2_entry, table3_grid, table4_values
from tests.parsing.unseen_render import (
    bare_heading, markdown_t2, table3_cell_per_line, table3_lines, table3_markdown,
    table4_header_lines, table4_vertical, wrapped,
)

Built = tuple[str, str, dict[str, Any]]  # file name, text, expected
# Table 三 lines of the 2019-format report as printed: a typo, and blank cells as 「—」「/」.
PRINTED_2019 = {
    "（一）予以公开 6 2 0 0 0 0 8": "（一）予以公开 6 2 0 0 0 0 9",
    "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0": "二、上年结转政府信息公开申请数量 0 — — — — — 0",
    "2.其他法律行政法规禁止公开 0 0 0 0 0 0 0": "2.其他法律行政法规禁止公开 / / / / / / /",
}
_LEGAL = ("commercial", "research", "social_welfare", "legal_service", "other_org")


def _spec(name: str, fmt: str, agency: str, aliases: list[str], year: int, template: str,
          facts: dict[str, Any], notes: str, **extra: Any) -> dict[str, Any]:
    spec = {"file": name, "format": fmt, "agency": agency, "agency_aliases": aliases,
            "year": year, "template": template, "facts": facts, "blank_cells": [],
            "derived_cells": [], "failed_checks": [], "notes": notes}
    spec.update(extra)
    return spec


def _t2_2021(rules: tuple[int, int, int], docs: tuple[int, int, int], licensing: int,
             penalty: int, coercion: int, fees: str, sep: str) -> tuple[list[str], list[dict[str, Any]]]:
    lines = [
        "二、主动公开政府信息情况", "第二十条第（一）项",
        sep.join(("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")),
        sep.join(("规章", *map(str, rules))), sep.join(("行政规范性文件", *map(str, docs))),
        "第二十条第（五）项", sep.join(("信息内容", "本年处理决定数量")), sep.join(("行政许可", str(licensing))),
        "第二十条第（六）项", sep.join(("信息内容", "本年处理决定数量")),
        sep.join(("行政处罚", str(penalty))), sep.join(("行政强制", str(coercion))),
        "第二十条第（八）项", sep.join(("信息内容", "本年收费金额（单位：万元）")),
        sep.join(("行政事业性收费", fees)),
    ]
    cols = ("issued", "abolished", "in_force")
    entries = [t2_entry(f"rules.{c}", v) for c, v in zip(cols, rules)]
    entries += [t2_entry(f"normative_docs.{c}", v) for c, v in zip(cols, docs)]
    entries += [t2_entry("licensing.decisions", licensing), t2_entry("penalty.decisions", penalty),
                t2_entry("coercion.decisions", coercion)]
    entries.append(t2_entry("admin_fees.amount", float(fees) if "." in fees else int(fees), "万元"))
    return lines, entries


def _closing(year_plan: str) -> list[str]:
    return [
        "五、存在的主要问题及改进情况",
        f"一是信息公开的及时性有待提高；二是政策解读形式较为单一。{year_plan}，将进一步加强培训，提升公开质量。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。无其他需要报告的事项。",
    ]


def report_2019_template_2020() -> Built:
    """A 2020 report in the 2019 trial format, cells separated by spaces."""
    agency = "龙岩市新罗区市场监督管理局"
    grid = table3_grid(
        {"granted": (6, 2, 0, 0, 0, 0), "partially_granted": (1, 0, 0, 0, 0, 0),
         "denied.third_party_rights": (0, 1, 0, 0, 0, 0), "unable.not_held": (3, 0, 0, 0, 1, 0),
         "not_processed.complaint": (2, 0, 0, 0, 0, 0), "other": (1, 0, 0, 0, 0, 0)},
        carried_over=(0, 0, 0, 0, 0, 0), carried_forward=(1, 0, 0, 0, 0, 0), template="2019")
    t4 = table4_values([(2, 0, 0, 0), (1, 0, 1, 0), (0, 0, 0, 0)])
    lines = [
        f"{agency}2020年政府信息公开工作年度报告",
        "发布时间：2021-01-28",
        f"根据《中华人民共和国政府信息公开条例》规定，{agency}编制本报告。本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
        "一、总体情况",
        "2020年，我局主动公开政府信息1256条，受理政府信息公开申请18件。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容 本年新制作数量 本年新公开数量 对外公开总数量",
        "规章 0 0 0", "规范性文件 2 2 15",
        "第二十条第（五）项",
        "信息内容 上一年项目数量 本年增/减 处理决定数量",
        "行政许可 58 -3 1264", "其他对外管理服务事项 12 +2 340",
        "第二十条第（六）项",
        "信息内容 上一年项目数量 本年增/减 处理决定数量",
        "行政处罚 215 6 387", "行政强制 18 0 22",
        "第二十条第（八）项",
        "信息内容 上一年项目数量 本年增/减",
        "行政事业性收费 4 -1",
        "第二十条第（九）项",
        "信息内容 采购项目数量 采购总金额（万元）",
        "政府集中采购 9 86.35",
        *wrapped([PRINTED_2019.get(line, line) for line in table3_lines(grid, "2019")]),
        *table4_header_lines(), " ".join(map(str, t4)),
        *_closing("2021年"),
    ]
    t2 = [t2_entry("rules.new_made", 0), t2_entry("rules.new_published", 0),
          t2_entry("rules.total_published", 0), t2_entry("normative_docs.new_made", 2),
          t2_entry("normative_docs.new_published", 2), t2_entry("normative_docs.total_published", 15),
          t2_entry("licensing.prev_items", 58), t2_entry("licensing.change", -3),
          t2_entry("licensing.decisions", 1264), t2_entry("other_services.prev_items", 12),
          t2_entry("other_services.change", 2), t2_entry("other_services.decisions", 340),
          t2_entry("penalty.prev_items", 215), t2_entry("penalty.change", 6),
          t2_entry("penalty.decisions", 387), t2_entry("coercion.prev_items", 18),
          t2_entry("coercion.change", 0), t2_entry("coercion.decisions", 22),
          t2_entry("admin_fees.prev_items", 4), t2_entry("admin_fees.change", -1),
          t2_entry("procurement.items", 9), t2_entry("procurement.amount", 86.35, "万元")]
    name = "2020-xinluo-market-regulation.txt"
    facts = expected_facts(grid, t4, t2)
    facts["三"]["granted"]["total"] = 9  # as printed
    spec = _spec(name, "text", agency, ["新罗区市场监督管理局"], 2020, "2019", facts,
                 "2020 report in the 2019 trial format; space-separated cells; labels wrapped as in "
                 "PDF copies (numbers beside the first or the second line); negative 本年增/减; "
                 "政府集中采购 amount in 万元 (unit in the column header). Deliberate typo: 予以公开 "
                 "总计 printed 9 (row sums to 8): check 2 (总计 column) and check 3 (that row) fail. "
                 "Blank cells printed as 「—」 (上年结转, legal persons) and 「/」 (a whole row).",
                 failed_checks=["check2", "check3"],
                 blank_cells=[f"三.carried_over.{c}" for c in _LEGAL]
                 + [f"三.denied.prohibited_by_law.{c}" for c in ("natural_person", *_LEGAL, "total")],
                 derived_cells=["三.denied.prohibited_by_law.total = 0"])
    return name, "\n".join(lines) + "\n", spec


def report_cell_per_line() -> Built:
    """Table 三 one cell per line, interrupted by page markers 「- 3 -」."""
    agency = "佛山市南海区教育局"
    grid = table3_grid(
        {"granted": (11, 1, 0, 0, 0, 0), "partially_granted": (2, 0, 0, 0, 0, 0),
         "denied.internal_affairs": (1, 0, 0, 0, 0, 0), "unable.not_held": (7, 0, 0, 0, 0, 0),
         "unable.unclear": (1, 0, 0, 0, 0, 0), "not_processed.duplicate": (2, 0, 0, 0, 0, 0),
         "other.no_correction": (1, 0, 0, 0, 0, 0)},
        carried_over=(2, 0, 0, 0, 0, 0), carried_forward=(3, 1, 0, 0, 0, 0), template="2021")
    t4 = table4_values([(1, 1, 0, 0), (0, 0, 0, 1), (1, 0, 0, 0)])
    t4[14] = 0  # deliberate misprint: 复议后起诉 总计 0 although 结果维持 is 1
    t2_lines, t2 = _t2_2021((0, 0, 0), (3, 0, 11), 45, 12, 0, "0", " ")
    header = f"{agency}政府信息公开工作年度报告（2023年度）"
    markers = {("denied.process_info", 3): "- 3 -", ("unable.not_held", 0): f"第 4 页 共 6 页\n{header}",
               ("other.unpaid_fee", 6): "- 5 -"}
    lines = [
        header,
        f"本年度报告根据《中华人民共和国政府信息公开条例》要求，由{agency}编制。"
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "- 1 -",
        "一、总体情况",
        "2023年，我局通过门户网站主动公开教育信息532条。",
        *t2_lines, "- 2 -",
        *"\n".join(table3_cell_per_line(grid, "2021", markers)).splitlines(),
        *table4_header_lines(), *map(str, t4),
        "- 5 -",
        *_closing("2024年"),
    ]
    name = "2023-nanhai-education-cells.txt"
    spec = _spec(name, "text", agency, ["南海区教育局"], 2023, "2021",
                 expected_facts(grid, t4, t2),
                 "PDF text copy, title 「…年度报告（2023年度）」 (year after the report words), repeated as the "
                 "running page header; table 三 and 四 one cell per line; page markers 「- 3 -」 inside a row "
                 "「第 4 页 共 6 页」 and the repeated running title between a label and its first number, "
                 "「- 5 -」 before a 总计 cell. Deliberate misprint: 复议后起诉 "
                 "总计 0 though 结果维持 is 1, so check 4 fails once.", failed_checks=["check4"])
    return name, "\n".join(lines) + "\n", spec


def report_free_form_2017() -> Built:
    agency = "宁德市蕉城区人民政府办公室"
    lines = [
        f"{agency}2017年政府信息公开工作年度报告",
        "发布时间：2018-03-15",
        "本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限自2017年1月1日起至2017年12月31日止。",
        "一、概述",
        "2017年，我办认真贯彻落实《条例》，不断完善政府信息公开工作机制。",
        "二、主动公开政府信息情况",
        "全年主动公开政府信息1873条，其中规范性文件26件，政策解读41条。",
        "三、依申请公开政府信息办理情况",
        "全年共受理政府信息公开申请35件，其中同意公开28件，同意部分公开2件，不予公开1件，"
        "信息不存在4件。具体情况见下表：",
        "申请总数\t同意公开\t同意部分公开\t不予公开\t信息不存在\t非本机关掌握\t申请内容不明确\t行政复议",
        "35\t28\t2\t1\t4\t0\t0\t1",
        "四、政府信息公开的收费及减免情况",
        "本年度未收取任何费用。",
        "五、因政府信息公开申请提起行政复议、行政诉讼的情况",
        "全年发生政府信息公开行政复议案件1件，行政诉讼案件0件。",
        "六、存在的主要问题及改进措施",
        "主动公开的深度和广度有待进一步拓展。2018年，我办将进一步规范依申请公开办理流程。",
    ]
    name = "2017-jiaocheng-gov-office-freeform.txt"
    spec = _spec(name, "text", agency, ["蕉城区人民政府办公室"], 2017, "free-form",
                 {"三": {}, "四": {}, "二": []},
                 "Pre-2019 free-form report: figures only in prose, no template tables.",
                 warnings_contain=["自由格式"])
    return name, "\n".join(lines) + "\n", spec


def report_blank_totals_vertical_t4(markdown: bool = True) -> Built:
    """Markdown table 三 with the 总计 column blank in every row; table 四 one value a line.
    Without `markdown`: plain text, table 三 cells separated by spaces, six numbers a row."""
    agency = "成都市武侯区卫生健康局"
    grid = table3_grid(
        {"granted": (9, 3, 0, 1, 0, 0), "partially_granted": (1, 1, 0, 0, 0, 0),
         "denied.state_secret": (1, 0, 0, 0, 0, 0), "unable.not_held": (4, 0, 0, 0, 1, 0),
         "unable.needs_creation": (2, 0, 0, 0, 0, 0), "not_processed.publication": (1, 0, 0, 0, 0, 0),
         "other.other": (0, 0, 0, 0, 0, 1)},
        carried_over=(1, 0, 0, 0, 0, 0), carried_forward=(0, 0, 0, 0, 0, 0), template="2021")
    t4 = table4_values([(0, 1, 0, 0), (2, 0, 0, 1), (0, 0, 0, 0)])
    t2_lines, t2 = _t2_2021((0, 0, 0), (1, 2, 9), 2310, 156, 4, "0", " | ")
    t3 = (table3_markdown(grid, "2021", total_blank=True) if markdown
          else [line.rstrip() for line in table3_lines(grid, "2021", total_blank=True)])
    lines = [
        f"# {agency}2024年政府信息公开工作年度报告", "",
        f"根据《中华人民共和国政府信息公开条例》，{agency}编制本报告。统计期限自2024年1月1日起至2024年12月31日止。", "",
        "## 一、总体情况", "", "2024年，我局主动公开政府信息415条。", "",
        *markdown_t2(t2_lines), "",
        *t3, "", *table4_vertical(t4), "", *_closing("2025年"),
    ]
    lines = [bare_heading(line) for line in lines]
    if not markdown:
        lines = [line.lstrip("# ") for line in lines]
    derived = [f"三.{k}.total = {sum(v)}" for k, v in grid.items()]
    name = "2024-wuhou-health-blank-totals" + (".md" if markdown else "-text.txt")
    kind = "Markdown" if markdown else "Plain text (table 三 six space-separated numbers a row)"
    spec = _spec(name, "markdown" if markdown else "text", agency, ["武侯区卫生健康局"], 2024, "2021",
                 expected_facts(grid, t4, t2),
                 f"{kind}: section headings without numbers (「## 总体情况」); table 三 总计 column "
                 "blank in every row (all derived); table 四 printed vertically, one label and value "
                 "per line.",
                 blank_cells=[d.split(" = ")[0] for d in derived], derived_cells=derived)
    return name, "\n".join(lines) + "\n", spec


def report_chinese_year(agency_in_title: bool = True) -> Built:
    """Year only as 「二〇二二年」 in the title; published 2023年1月; tab-separated cells.
    Without `agency_in_title` the title names no agency and the page header no publisher:
    the agency is only in the preamble (「本报告由…编制」)."""
    agency = "南京市玄武区民政局"
    title_agency, source = (agency, "玄武区民政局") if agency_in_title else ("", "本站")
    grid = table3_grid(
        {"granted": (4, 0, 0, 0, 0, 0), "unable.not_held": (2, 0, 0, 0, 0, 0),
         "not_processed.confirm_reissue": (1, 0, 0, 0, 0, 0)},
        carried_over=(0, 0, 0, 0, 0, 0), carried_forward=(0, 0, 0, 0, 0, 0), template="2021")
    t4 = table4_values([(0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0)])
    t2_lines, t2 = _t2_2021((0, 0, 0), (0, 0, 4), 87, 0, 0, "0", "\t")
    lines = [
        f"发布日期：2023年1月18日　　来源：{source}　　字号：大 中 小",
        f"{title_agency}二〇二二年政府信息公开工作年度报告",
        f"本报告由{agency}依据《中华人民共和国政府信息公开条例》编制，统计期限为本年度1月1日至12月31日。",
        "一、总体情况", "本年度，我局主动公开民政信息210条。",
        *t2_lines,
        *table3_lines(grid, "2021", sep="\t"),
        *table4_header_lines("\t"), "\t".join(map(str, t4)),
        *_closing("2023年"),
    ]
    name = "2022-xuanwu-civil-affairs-cn-year.txt"
    notes = ("Year only as 二〇二二年 in the title; publish date 2023年1月 (on the line above the "
             "title) and the plan for 2023年 in section 五 must not be taken as the year.")
    if not agency_in_title:
        name = "2022-xuanwu-civil-affairs-untitled.txt"
        notes += " The title names no agency; only the preamble 「本报告由…编制」 does."
    spec = _spec(name, "text", agency, ["玄武区民政局"], 2022, "2021",
                 expected_facts(grid, t4, t2), notes)
    return name, "\n".join(lines) + "\n", spec


def report_blank_totals_text() -> Built:
    return report_blank_totals_vertical_t4(markdown=False)


def report_untitled_agency() -> Built:
    return report_chinese_year(agency_in_title=False)


TEXT_REPORTS = (report_2019_template_2020, report_cell_per_line, report_free_form_2017,
                report_blank_totals_vertical_t4, report_blank_totals_text, report_chinese_year,
                report_untitled_agency)
