"""Report → chunks: prose at sentence boundaries, one chunk per table row, stable ids."""

from __future__ import annotations

import json

from index.chunks import MAX_CHARS, SEP, report_chunks, split_sentences
from index.models import Location, Paragraph, Report, Section
from tests.conftest import expected_reports
from tests.expected_reports import all_reports, build_report


def _hongqi() -> Report:
    return build_report(next(d for d in expected_reports() if d["file"].startswith("2023-hongqi")))


def test_split_sentences_keeps_terminators() -> None:
    assert split_sentences("甲。乙！丙？丁；戊") == ["甲。", "乙！", "丙？", "丁；", "戊"]


def test_row_chunk_names_section_table_row_columns_and_values() -> None:
    chunks = {c.metadata["row"]: c for c in report_chunks(_hongqi()) if c.metadata["kind"] == "row"}
    secret = chunks["denied.state_secret"]
    assert secret.text.startswith(
        "三、收到和处理政府信息公开申请情况 › 本年度办理结果 › （三）不予公开 › 1.属于国家秘密：自然人 0 件，")
    assert secret.text.endswith("总计 0 件")
    meta = secret.metadata
    assert (meta["report_id"], meta["agency"], meta["year"], meta["template"]) == (
        "2023-新乡市红旗区财政局", "新乡市红旗区财政局", 2023, "2021")
    assert (meta["kind"], meta["table"], meta["group"]) == ("row", "三", "denied")
    assert meta["section"] == "三、收到和处理政府信息公开申请情况"
    assert json.loads(meta["values"])["total"] == 0
    assert "第" in meta["source"]
    assert "commercial" in json.loads(chunks["new_received"].metadata["values"])


def test_group_total_rows_are_chunks() -> None:
    chunks = {c.metadata["row"]: c for c in report_chunks(_hongqi()) if c.metadata["kind"] == "row"}
    unable = chunks["unable"]
    assert unable.metadata["derived"] is True
    assert "（四）无法提供（各项合计）" in unable.text and "总计 2 件" in unable.text
    assert {"denied", "unable", "not_processed", "other"} <= set(chunks)


def test_tables_two_and_four_rows() -> None:
    chunks = {c.metadata["row"]: c for c in report_chunks(_hongqi()) if c.metadata["kind"] == "row"}
    assert "行政规范性文件" in chunks["normative_docs"].text
    assert "本年制发件数 1" in chunks["normative_docs"].text
    assert chunks["litigation_direct"].text.startswith("四、政府信息公开行政复议、行政诉讼情况 › ")


def test_row_embed_text_is_shared_by_reports_of_a_template() -> None:
    """The dense model sees the label path only: equal across reports, values excluded."""
    a, b = [r for r in all_reports() if r.template == "2021"][:2]
    texts_a = {c.metadata["row"]: c.embed_text for c in report_chunks(a) if c.metadata["kind"] == "row"}
    texts_b = {c.metadata["row"]: c.embed_text for c in report_chunks(b) if c.metadata["kind"] == "row"}
    shared = set(texts_a) & set(texts_b)
    assert len(shared) >= 30
    assert all(texts_a[k] == texts_b[k] for k in shared)
    assert not any(ch.isdigit() for ch in texts_a["new_received"])


def test_prose_chunks_bounded_and_keep_section_path() -> None:
    long = "这是一个很长的句子，用来测试分块是否在句号处断开" * 3 + "。"
    section = Section("一", "总体情况", 1, (Paragraph(long * 20, Location(line=3)),),
                      parts=(Section("（二）", "依申请公开", 2,
                                     (Paragraph("全年办理本单位依申请公开答复 3 件。", Location(line=9)),)),))
    report = Report("某机关", (), 2023, "2021", "t", "f.txt", "ab" * 32, "text", sections=(section,))
    prose = [c for c in report_chunks(report) if c.metadata["kind"] == "prose"]
    assert len(prose) > 5
    for c in prose[:-1]:
        body = c.text.split("：", 1)[1]
        assert len(body) <= MAX_CHARS and body.endswith("。")
    last = prose[-1]
    assert last.metadata["section_path"] == f"一、总体情况{SEP}（二）依申请公开"
    assert last.metadata["section"] == "一、总体情况"
    assert last.metadata["source"] == "f.txt 第9行"


def test_chunk_ids_are_stable_and_unique() -> None:
    report = _hongqi()
    ids = [c.id for c in report_chunks(report)]
    assert ids == [c.id for c in report_chunks(_hongqi())]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(report.content_hash[:16] + ":") for i in ids)


def test_documents_for_langchain() -> None:
    doc = report_chunks(_hongqi())[0].to_document()
    assert doc.id and doc.page_content and doc.metadata["report_id"] == "2023-新乡市红旗区财政局"
