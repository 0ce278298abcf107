"""Table 二 printed without the template's 「第二十条第（一）项」 lines (some portals drop
them): found by its own column header; prose about 主动公开 before it is never read as rows."""

from __future__ import annotations

from pathlib import Path

from index.parsing import parse_report

ROWS3 = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
         "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（七）总计", "四、结转下年度继续办理"]


def _page() -> str:
    three = "".join(f"<tr><td>{label}</td>" + "<td>1</td>" * 6 + "<td>6</td></tr>" for label in ROWS3)
    return f"""<html><head><meta charset="utf-8"></head><body>
<h1>梅岭县水利局2024年政府信息公开工作年度报告</h1>
<h2>一、总体情况</h2><p>（二）主动公开政府信息情况。全年办理行政许可 500 件，行政处罚 90 件。</p>
<h2>二、主动公开政府信息情况</h2>
<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>4</td><td>2</td><td>19</td></tr>
<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr><tr><td>行政许可</td><td colspan=3>61</td></tr>
<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr><tr><td>行政处罚</td><td colspan=3>8</td></tr>
<tr><td>行政强制</td><td colspan=3>2</td></tr></table>
<h2>三、收到和处理政府信息公开申请情况</h2>
<table><tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td>
<td>总计</td></tr>{three}</table>
<h2>四、政府信息公开行政复议、行政诉讼情况</h2><p>无。</p></body></html>"""


def test_table2_found_by_its_column_header(tmp_path: Path) -> None:
    path = tmp_path / "meiling-water-2024.html"
    path.write_text(_page(), encoding="utf-8")
    report = parse_report(path)
    two = {(f.row, f.column): f.value for f in report.facts if f.table == "二"}
    assert two[("normative_docs", "issued")] == 4 and two[("normative_docs", "in_force")] == 19
    assert two[("licensing", "decisions")] == 61 and two[("penalty", "decisions")] == 8
    assert two[("coercion", "decisions")] == 2
    assert 500 not in two.values() and 90 not in two.values()  # the prose is not a row
