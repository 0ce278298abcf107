"""The unseen county-site HTML report: full page chrome, GBK, rowspan/colspan tables."""

from __future__ import annotations

from html import escape
from typing import Any

from tests.parsing.unseen_figures import (
    RESULTS, T3_HEADER, T4_LABELS, expected_facts, t2_entry, t3_rows_in_order, table3_grid,
    table4_values,
)

NAME = "2022-yuetang-hrss.html"
AGENCY = "湘潭市岳塘区人力资源和社会保障局"
SHORT = "区人社局"
GRID = table3_grid(
    {"granted": (14, 3, 0, 0, 0, 0), "partially_granted": (2, 0, 0, 0, 0, 0),
     "denied.third_party_rights": (1, 0, 0, 0, 0, 0), "unable.not_held": (6, 1, 0, 0, 0, 0),
     "unable.needs_creation": (1, 0, 0, 0, 0, 0), "not_processed.complaint": (3, 0, 0, 0, 0, 0),
     "not_processed.duplicate": (2, 0, 0, 0, 0, 0), "other.no_correction": (1, 0, 0, 0, 0, 0)},
    carried_over=(1, 0, 0, 0, 0, 0), carried_forward=(2, 0, 0, 0, 0, 0), template="2021")
T4 = table4_values([(1, 0, 0, 1), (1, 0, 0, 0), (0, 0, 0, 0)])
# Rows whose 总计 is left blank (derived), and (row, column) applicant cells left as &nbsp;.
BLANK_TOTAL = ("granted", "unable.not_held", "not_processed.duplicate")
BLANK_APPLICANT = (("carried_over", 1), ("carried_over", 2), ("carried_forward", 5))
CHROME_TOP = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta charset="gb2312"><title>{short}2022年政府信息公开工作年度报告_政府信息公开年报_湘潭市岳塘区人民政府</title>
<link rel="stylesheet" href="/css/style.css"><script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; document.write("<span>统计</span>");</script></head>
<body><div class="top"><a href="/">湘潭市岳塘区人民政府</a> | <a href="/wza/">无障碍</a> | 长者模式</div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="weizhi">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/zwgk/nb/">政府信息公开年报</a></div>
<table width="1000" align="center" class="layout"><tr>
<td width="220" valign="top" class="left"><div class="lm">政府信息公开年报</div><ul>
<li><a href="/nb/2021.html">{short}2021年政府信息公开工作年度报告</a></li>
<li><a href="/nb/2020.html">{short}2020年政府信息公开工作年度报告</a></li>
<li><a href="/nb/2019.html">岳塘区人民政府2019年政府信息公开工作年度报告</a></li></ul></td>
<td width="780" valign="top"><div class="main"><div class="article">
<h1 class="title">{short}2022年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2023-01-29 09:30 &nbsp; 来源：{short} &nbsp; 浏览次数：<span id="hits"></span>
&nbsp; 字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
<div class="content" id="zoom">
"""
CHROME_BOTTOM = """</div>
<div class="tools"><a href="javascript:window.print()">【打印】</a>
<a href="javascript:window.close()">【关闭】</a></div>
<div class="xgwz">相关文章：<a href="/nb/2021.html">{short}2021年政府信息公开工作年度报告</a></div>
</div></div></td></tr></table>
<div class="footer"><p>主办：湘潭市岳塘区人民政府办公室 承办：湘潭市岳塘区政务服务中心</p>
<p>网站标识码：4303040001 湘ICP备05004556号</p><script>hits();</script></div>
</body></html>
"""


def _td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    inner = f'<span lang="EN-US" style="font-size:10.5pt">{escape(text)}<o:p></o:p></span>' if text else "&nbsp;"
    return f'<td{attrs} valign="center"><p class="MsoNormal" align="center">{inner}</p></td>'



def _table2() -> str:
    rows = [
        _td("第二十条第（一）项", colspan=4),
        _td("信息内容") + _td("本年制发件数") + _td("本年废止件数") + _td("现行有效件数"),
        _td("规章") + _td("0") + _td("0") + _td("0"),
        _td("行政规范性文件") + _td("1") + _td("0") + _td("6"),
        _td("第二十条第（五）项", colspan=4),
        _td("信息内容") + _td("本年处理决定数量", colspan=3),
        _td("行政许可") + _td("1523", colspan=3),
        _td("第二十条第（六）项", colspan=4),
        _td("信息内容") + _td("本年处理决定数量", colspan=3),
        _td("行政处罚") + _td("8", colspan=3),
        _td("行政强制") + _td("0", colspan=3),
        _td("第二十条第（八）项", colspan=4),
        _td("信息内容") + _td("本年收费金额（单位：万元）", colspan=3),
        _td("行政事业性收费") + _td("0", colspan=3),
    ]
    return '<table border="1" cellspacing="0" width="600">' + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def _value_cells(key: str) -> str:
    cells = [str(v) for v in GRID[key]]
    for row, col in BLANK_APPLICANT:
        if row == key:
            cells[col] = ""
    total = "" if key in BLANK_TOTAL else str(sum(GRID[key]))
    html = "".join(_td(c) for c in (*cells, total))
    if key == "partially_granted":  # a revision exported by Word: 3 deleted, 2 inserted
        html = html.replace(">2<o:p>", '><del cite="mailto:admin" datetime="2023-01-20T09:00">3</del>'
                            '<ins cite="mailto:admin" datetime="2023-01-20T09:00">2</ins><o:p>', 1)
    return html


def _table3() -> str:
    rows = t3_rows_in_order("2021")
    out = [
        _td("申请人情况", 3, 3) + _td(T3_HEADER[0], 3) + _td("法人或其他组织", colspan=5) + _td(T3_HEADER[6], 3),
        "".join(_td(h, rowspan=2) for h in T3_HEADER[1:6]),
        "",
    ]
    results = [k for k, _, _ in rows if k not in ("new_received", "carried_over", "carried_forward")]
    groups: dict[str, int] = {}
    for _, group, _ in rows:
        if group:
            groups[group] = groups.get(group, 0) + 1
    seen: set[str] = set()
    for key, group, label in rows:
        head = ""
        if key == results[0]:
            head += _td(RESULTS, rowspan=len(results))
        if key in ("new_received", "carried_over", "carried_forward"):
            head += _td(label, colspan=3)
        elif group:
            if group not in seen:
                seen.add(group)
                head += _td(group, rowspan=groups[group])
            head += _td(label)
        else:
            head += _td(label, colspan=2)
        out.append(head + _value_cells(key))
    return '<table border="1" cellspacing="0">' + "".join(f"<tr>{r}</tr>" for r in out) + "</table>"


def _table4() -> str:
    rows = [
        _td("行政复议", colspan=5) + _td("行政诉讼", colspan=10),
        "".join(_td(label, rowspan=2) for label in T4_LABELS) + _td("未经复议直接起诉", colspan=5)
        + _td("复议后起诉", colspan=5),
        "".join(_td(label) for label in T4_LABELS * 2),
        "".join(_td(str(v)) for v in T4),
    ]
    return '<table border="1" cellspacing="0">' + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def _p(text: str) -> str:
    return f'<p style="text-indent:2em;font-family:仿宋_GB2312">{escape(text)}</p>\n'


def page() -> str:
    body = [
        _p(f"本报告由{AGENCY}根据《中华人民共和国政府信息公开条例》和上级有关要求编制。"
           "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"),
        _p("一、总体情况"), _p("（一）主动公开"),
        _p("2022年，我局在区政府门户网站主动公开就业创业、社会保障等政府信息326条。"),
        _p("（二）依申请公开"), _p("全年收到政府信息公开申请35件，已全部按期答复。"),
        _p("二、主动公开政府信息情况"), _table2(),
        _p("三、收到和处理政府信息公开申请情况"), _table3(),
        _p("四、政府信息公开行政复议、行政诉讼情况"), _table4(),
        _p("五、存在的主要问题及改进情况"), _p("政策解读质量有待提升。2023年，我局将加强培训（联系人：王喆、李镕）。"),
        _p("六、其他需要报告的事项"), _p("本年度未收取信息处理费。"),
        '<p style="text-align:right">湘潭市岳塘区人力资源和社会保障局</p><p style="text-align:right">2023年1月29日</p>',
    ]
    return CHROME_TOP.format(short=SHORT) + "".join(body) + CHROME_BOTTOM.format(short=SHORT)


def expected() -> dict[str, Any]:
    t2 = [t2_entry("rules.issued", 0), t2_entry("rules.abolished", 0), t2_entry("rules.in_force", 0),
          t2_entry("normative_docs.issued", 1), t2_entry("normative_docs.abolished", 0),
          t2_entry("normative_docs.in_force", 6), t2_entry("licensing.decisions", 1523),
          t2_entry("penalty.decisions", 8), t2_entry("coercion.decisions", 0),
          t2_entry("admin_fees.amount", 0, "万元")]
    blank = [f"三.{k}.total" for k in BLANK_TOTAL]
    blank += [f"三.{row}.{('natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org')[col]}"
              for row, col in BLANK_APPLICANT]
    return {
        "file": NAME, "format": "html", "agency": AGENCY, "agency_aliases": [SHORT],
        "year": 2022, "template": "2021", "facts": expected_facts(GRID, T4, t2),
        "blank_cells": blank, "derived_cells": [f"三.{k}.total = {sum(GRID[k])}" for k in BLANK_TOTAL],
        "failed_checks": [],
        "notes": "County-site page in GBK declared as gb2312 (with GBK-only characters 喆 镕) with nav, breadcrumbs, 打印/关闭, footer and "
                 "scripts; title uses the bare short name 区人社局 (no place), the body the full name; table 三 "
                 "rowspan/colspan headers, &nbsp; blank cells, blank 总计 cells (derived), a Word "
                 "revision in a cell (<del>3</del><ins>2</ins>); the page is a "
                 "layout table with a sidebar listing the same agency's 2021/2020 reports.",
    }


def data() -> bytes:
    return page().encode("gbk")
