"""A value the source prints ambiguously (digits run together with no check to fix the
split) is marked uncertain by the parser and never stated as a figure by the composer."""

from __future__ import annotations

from assistant.assistant import Assistant
from assistant.models import Scope
from index.parsing import parse_report
from index.settings import Settings
from tests.assistant.memory_library import MemoryLibrary
from tests.conftest import CORPUS

PINGTAN_2019 = CORPUS / "2019-pingtan.txt"


def test_run_together_table2_cells_are_marked_uncertain() -> None:
    report = parse_report(PINGTAN_2019)
    procurement = report.fact("二", "procurement", "amount")
    assert procurement is not None and procurement.uncertain
    rules = report.fact("二", "rules", "new_made")
    assert rules is not None and not rules.uncertain  # '000' splits one way only


def test_composer_does_not_state_an_uncertain_value() -> None:
    report = parse_report(PINGTAN_2019)
    assistant = Assistant(MemoryLibrary.of((report,)), Settings.load(today="2026-03-01"))
    answer = assistant.ask("平潭2019年政府集中采购金额是多少", scope=Scope())
    guessed = str(report.fact("二", "procurement", "amount").value)
    assert guessed not in answer.text
    assert "无法确定" in answer.text
    assert all(f.value != report.fact("二", "procurement", "amount").value for f in answer.figures)


def test_a_column_the_text_does_not_fix_is_not_stated_and_the_answer_says_why(tmp_path) -> None:
    """Text saved with its blank cells dropped (「自然人 9、法律服务机构 1、总计 10」 printed as
    「9 1 10」): the row's 总计 is stated; which applicant column a number sits in is not, and
    the answer says that the blank cells were not kept (not that digits ran together)."""
    from tests.parsing.unseen_figures import t3_rows_in_order, table3_grid

    grid = table3_grid({"granted": (6, 0, 0, 0, 1, 0), "unable.not_held": (3, 0, 0, 0, 0, 0)},
                       carried_over=(0,) * 6, carried_forward=(0,) * 6, template="2021")
    lines = ["青溪县水务局2023年政府信息公开工作年度报告",
             "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。",
             "一、总体情况", "2023年，县水务局依法做好政府信息公开工作。",
             "三、收到和处理政府信息公开申请情况"]
    for key, group, label in t3_rows_in_order("2021"):
        printed = [str(v) for v in (*grid[key], sum(grid[key])) if v]
        lines.append(" ".join([group + label, *printed]))
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "本年度未发生行政复议、行政诉讼。",
              "五、存在的主要问题及改进情况", "无。"]
    path = tmp_path / "qingxi-water-2023.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = parse_report(path)
    assert report.fact("三", "new_received", "total").value == 10  # the printed 总计
    natural = report.fact("三", "new_received", "natural_person")
    assert natural.uncertain and "空白栏" in natural.note
    assistant = Assistant(MemoryLibrary.of((report,)), Settings.load(today="2026-03-01"))
    a = assistant.ask("青溪县水务局2023年老百姓个人提了几件申请")
    assert "无法确定" in a.text and "空白栏" in a.text and "连写" not in a.text
    assert all(f.value != natural.value for f in a.figures if f.column == "natural_person")
    total = assistant.ask("青溪县水务局2023年一共收到几件申请")
    assert "10 件" in total.text
