"""Loaders: every corpus file loads into Blocks; HTML/PDF/DOCX tables become row Blocks."""

from __future__ import annotations

import hashlib
import io

import docx
import pytest

from index.loaders import detect_format, load_document
from index.models import PageSignal, SourceDocument
from index.parsing.metadata import read_metadata
from tests.conftest import CORPUS, expected_reports

CORPUS_FILES = [r["file"] for r in expected_reports()]


def _rows(doc: SourceDocument) -> list[tuple[str, ...]]:
    return [b.cells for b in doc.blocks if b.kind == "row"]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_loads(name: str) -> None:
    path = CORPUS / name
    doc = load_document(path)
    expected_format = next(r["format"] for r in expected_reports() if r["file"] == name)
    assert doc.name == name
    assert doc.format == expected_format
    assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(doc.blocks) > 5
    assert all(b.text.strip() for b in doc.blocks)
    assert all(b.location.line for b in doc.blocks)


def test_bytes_and_name_override_the_path() -> None:
    data = (CORPUS / "2023-hongqi-finance-bureau.txt").read_bytes()
    doc = load_document("upload", data=data, name="红旗区.txt")
    assert doc.name == "红旗区.txt"
    assert doc.format == "text"


def test_format_is_sniffed_from_content() -> None:
    pdf = (CORPUS / "2023-hongze-district-gov.pdf").read_bytes()
    html = (CORPUS / "2019-shanghai-gov-office.html").read_bytes()
    assert detect_format(pdf, "report.bin") == "pdf"
    assert detect_format(html, "report") == "html"
    assert detect_format("一、总体情况".encode(), "report.md") == "markdown"


# ---- PDF ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hongze_2023() -> SourceDocument:
    return load_document(CORPUS / "2023-hongze-district-gov.pdf")


def test_pdf_locations_are_pages_and_lines(hongze_2023: SourceDocument) -> None:
    assert {b.location.page for b in hongze_2023.blocks} == {1, 2, 3, 4, 5}
    first_page = [b for b in hongze_2023.blocks if b.location.page == 1]
    assert [b.location.line for b in first_page] == list(range(1, len(first_page) + 1))


def test_pdf_table_rows_have_clean_cells(hongze_2023: SourceDocument) -> None:
    rows = _rows(hongze_2023)
    assert all(sum(1 for c in cells if c) >= 2 for cells in rows)  # no page-frame pseudo rows
    assert not any("\n" in c for cells in rows for c in cells)
    secret = next(cells for cells in rows if "1.属于国家秘密" in cells)
    assert secret[-7:] == ("1", "0", "0", "0", "0", "0", "1")
    assert any(c == "三、本年度办理结果" for cells in rows for c in cells)  # vertical label joined


def test_pdf_table_three_continues_over_pages(hongze_2023: SourceDocument) -> None:
    rows = [b for b in hongze_2023.blocks if b.kind == "row"]
    not_held = next(b for b in rows if "1.本机关不掌握相关政府信息" in b.cells)
    unclear = next(b for b in rows if "3.补正后申请内容仍不明确" in b.cells)
    assert (not_held.location.page, unclear.location.page) == (3, 4)
    assert rows.index(unclear) == rows.index(not_held) + 2


def test_pdf_text_and_rows_in_reading_order(hongze_2023: SourceDocument) -> None:
    texts = [b.text for b in hongze_2023.blocks]
    heading = texts.index("三、收到和处理政府信息公开申请情况")
    first_row = next(i for i, b in enumerate(hongze_2023.blocks) if "一、本年新收政府信息公开申请数量" in b.cells)
    table4 = texts.index("四、政府信息公开行政复议、行政诉讼情况")
    assert heading < first_row < table4
    assert texts[0] == "洪泽区人民政府"


def test_pdf_page_text_lines_are_text_blocks(hongze_2023: SourceDocument) -> None:
    texts = [b.text for b in hongze_2023.blocks if b.kind == "text"]
    assert "六、其他需要报告的事项" in texts
    assert any("全年收取政府信息公开信息处理费 0 元" in t for t in texts)


def test_pdf_2024_table_four_row() -> None:
    doc = load_document(CORPUS / "2024-hongze-district-gov.pdf")
    values = next(cells for cells in _rows(doc) if len(cells) == 15 and cells[0].isdigit())
    assert values == ("1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3")


# ---- HTML --------------------------------------------------------------------------


def test_html_rowspan_labels_repeat_and_blank_cells_stay() -> None:
    doc = load_document(CORPUS / "2019-shanghai-gov-office.html")
    rows = _rows(doc)
    assert sum(1 for cells in rows if "（三）不予公开" in cells) == 8
    new = next(cells for cells in rows if cells[0] == "一、本年新收政府信息公开申请数量")
    assert new == ("一、本年新收政府信息公开申请数量", "821", "35", "", "", "2", "1", "859")
    rules = next(cells for cells in rows if cells[0] == "规章")
    assert rules == ("规章", "13", "13", "524")  # colspan value not duplicated


CHROME_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>测试县财政局2023年政府信息公开工作年度报告_测试县人民政府</title>
<style>.nav{color:red} td{border:1px}</style>
<script>var menu = "一、总体情况 二、主动公开政府信息情况";</script></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | 网站地图</div>
<nav><ul><li>机构概况</li><li>政策文件</li></ul></nav>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<div class="main"><div class="left">热点新闻：县长调研春耕生产</div>
<div id="article">
<h1 style="text-align:center">测试县财政局2023年政府信息公开工作年度报告</h1>
<p style="text-indent:2em">本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。</p>
<p><strong>一、总体情况</strong></p>
<p>2023年，测试县财政局认真贯彻《条例》。<br>全年主动公开信息120条。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1"><tbody>
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>1</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>6</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>3</td><td>1</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>4</td></tr>
<tr><td colspan="2">（二）部分公开</td><td>2</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>2</td></tr>
</tbody></table>
<p>六、其他需要报告的事项</p><p>无。</p>
</div></div>
<div class="footer">版权所有：测试县人民政府 主办单位：测试县政府办公室 备案号：苏ICP备12345678号</div>
</body></html>"""


@pytest.fixture(scope="module")
def chrome_doc() -> SourceDocument:
    return load_document("page.html", data=CHROME_PAGE.encode("gb18030"))


def test_html_page_chrome_is_dropped(chrome_doc: SourceDocument) -> None:
    text = chrome_doc.text
    for chrome in ("网站地图", "机构概况", "热点新闻", "版权所有", "var menu", "color:red", "当前位置"):
        assert chrome not in text
    assert chrome_doc.blocks[0].text == "测试县财政局2023年政府信息公开工作年度报告"


def test_html_gb2312_meta_charset_is_honoured(chrome_doc: SourceDocument) -> None:
    assert "一、总体情况" in [b.text for b in chrome_doc.blocks]


def test_html_br_splits_lines(chrome_doc: SourceDocument) -> None:
    texts = [b.text for b in chrome_doc.blocks if b.kind == "text"]
    assert "2023年，测试县财政局认真贯彻《条例》。" in texts
    assert "全年主动公开信息120条。" in texts


def test_html_table_grid(chrome_doc: SourceDocument) -> None:
    rows = _rows(chrome_doc)
    assert rows[1][1:] == ("自然人", "法人或其他组织", "总计")
    assert rows[2][1:] == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    assert rows[3] == ("一、本年新收政府信息公开申请数量", "5", "1", "", "", "", "", "6")
    assert rows[4] == ("三、本年度办理结果", "（一）予以公开", "3", "1", "", "", "", "", "4")
    assert rows[5] == ("三、本年度办理结果", "（二）部分公开", "2", "", "", "", "", "", "2")
    assert [b.location.line for b in chrome_doc.blocks] == list(range(1, len(chrome_doc.blocks) + 1))


def test_html_title_outside_the_article_is_kept() -> None:
    page = CHROME_PAGE.replace('<h1 style="text-align:center">', '<h1 class="t">').replace(
        '<div id="article">\n<h1', '<h1').replace("</h1>\n<p style", '</h1><div id="article">\n<p style')
    doc = load_document("page.html", data=page.encode("utf-8"))
    assert PageSignal("heading", "测试县财政局2023年政府信息公开工作年度报告", "h1") in doc.signals
    assert "当前位置" not in doc.text  # the title is a signal; the chrome stays out of the text
    meta = read_metadata(doc.blocks, doc.signals)
    assert (meta.title, meta.agency, meta.year) == ("测试县财政局2023年政府信息公开工作年度报告", "测试县财政局", 2023)


# ---- DOCX --------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("测试县财政局2023年政府信息公开工作年度报告")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=4, cols=9)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 2).merge(table.cell(0, 8)).text = "申请人情况"
    for j, label in enumerate(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]):
        table.cell(1, 2 + j).text = label
    table.cell(2, 0).merge(table.cell(3, 0)).text = "三、本年度办理结果"
    table.cell(2, 1).text = "（一）予以公开"
    table.cell(3, 1).text = "（二）部分公开"
    for row, values in ((2, "1 0 0 0 0 0 1"), (3, "2 0 0 0 0 0 2")):
        for j, value in enumerate(values.split()):
            table.cell(row, 2 + j).text = value
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_document_order() -> None:
    doc = load_document("report.docx", data=_docx_bytes())
    assert doc.format == "docx"
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["text", "text", "row", "row", "row", "row", "text"]
    rows = _rows(doc)
    assert rows[0][1] == "申请人情况" and len(rows[0]) == 2  # horizontal merge emitted once
    assert rows[2] == ("三、本年度办理结果", "（一）予以公开", "1", "0", "0", "0", "0", "0", "1")
    assert rows[3] == ("三、本年度办理结果", "（二）部分公开", "2", "0", "0", "0", "0", "0", "2")


# ---- encodings ---------------------------------------------------------------------

HONGQI = CORPUS / "2023-hongqi-finance-bureau.txt"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_text_encodings_give_the_same_blocks(encoding: str) -> None:
    text = HONGQI.read_text(encoding="utf-8")
    reference = load_document(HONGQI)
    doc = load_document("hongqi.txt", data=text.encode(encoding))
    assert [b.text for b in doc.blocks] == [b.text for b in reference.blocks]
    assert [b.cells for b in doc.blocks] == [b.cells for b in reference.blocks]


def test_markdown_with_html_tables_from_ocr() -> None:
    markdown = (
        "# 测试县人民政府2023年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n"
        '<table><tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和）</td>'
        '<td colspan="7">申请人情况</td></tr>\n<tr><td>自然人</td><td>商业企业</td><td>科研机构</td>'
        "<td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>\n"
        '<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>1</td><td>0</td>'
        "<td>0</td><td>0</td><td>0</td><td>6</td></tr></table>\n\n## 四、政府信息公开行政复议、行政诉讼情况\n"
    )
    doc = load_document("ocr.md", data=markdown.encode())
    assert [b.kind for b in doc.blocks] == ["text", "text", "row", "row", "row", "text"]
    assert doc.blocks[4].cells == ("一、本年新收政府信息公开申请数量", "5", "1", "0", "0", "0", "0", "6")
    assert [b.location.line for b in doc.blocks] == [1, 3, 5, 6, 7, 9]


LAYOUT_PAGE = """<html><head><meta charset="utf-8"></head><body>
<table width="100%"><tr><td>首页</td><td>政务公开</td><td>互动交流</td></tr></table>
<table width="980"><tr><td width="200">栏目导航：政府信息公开年报<br>政策文件</td>
<td><div class="title">测试区教育局2024年政府信息公开工作年度报告</div>
<div class="content"><p>一、总体情况</p><p>2024年，测试区教育局认真贯彻《条例》。</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table border="1"><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>
<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>
<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
<p>五、存在的主要问题及改进情况</p><p>问题不少。</p><p>六、其他需要报告的事项</p><p>无。</p>
</div></td></tr></table>
<div>联系我们 | 网站地图</div></body></html>"""


def test_html_article_inside_a_layout_table() -> None:
    doc = load_document("layout.html", data=LAYOUT_PAGE.encode())
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "一、总体情况"
    assert PageSignal("heading", "测试区教育局2024年政府信息公开工作年度报告", "title_block") in doc.signals
    assert read_metadata(doc.blocks, doc.signals).title == "测试区教育局2024年政府信息公开工作年度报告"
    assert "栏目导航：政府信息公开年报" not in doc.text and "网站地图" not in doc.text
    rows = _rows(doc)
    assert rows[0] == ("行政复议", "行政诉讼")
    assert rows[2] == ("1", "0", "0", "0", "1") + ("0",) * 10
