"""Bad inputs: each fails with a clear, actionable error — or parses with a warning."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageDraw

from index.errors import (
    NotAReportError,
    ScannedPdfError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from index.loaders import load_document
from index.loaders.encoding import decode_bytes
from index.parsing import parse_report
from tests.conftest import CORPUS

HONGQI = CORPUS / "2023-hongqi-finance-bureau.txt"


def _image_pdf() -> bytes:
    """A 'scanned' PDF: one page that is only a picture (no text layer)."""
    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((50, 50, 550, 120), outline="black")
    draw.line((50, 200, 550, 200), fill="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PDF")
    return buffer.getvalue()


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  "])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(UnreadableFileError, match="空"):
        load_document("empty.txt", data=data)


def test_binary_garbage() -> None:
    garbage = random.Random(7).randbytes(4096)
    with pytest.raises(UnreadableFileError, match="无法识别为文字") as info:
        load_document("garbage.txt", data=garbage)
    assert info.value.source == "garbage.txt"


def test_binary_garbage_with_a_report_extension() -> None:
    with pytest.raises(UnreadableFileError):
        load_document("report.html", data=random.Random(3).randbytes(2048))


def test_pdf_without_text_layer() -> None:
    """A scanned page is read by OCR; a picture with no text in it says so."""
    with pytest.raises(ScannedPdfError, match="扫描版PDF") as info:
        load_document("scan.pdf", data=_image_pdf())
    assert "OCR" in str(info.value)


def test_corrupt_pdf() -> None:
    with pytest.raises(UnreadableFileError, match="损坏") as info:
        load_document("broken.pdf", data=b"%PDF-1.4\n1 0 obj <<>> stream" + bytes(range(256)) * 4)
    assert not isinstance(info.value, ScannedPdfError)


def test_truncated_pdf_download() -> None:
    data = (CORPUS / "2023-hongze-district-gov.pdf").read_bytes()[:40_000]
    with pytest.raises(UnreadableFileError, match="重新下载"):
        load_document("partial.pdf", data=data)


def test_pdf_extension_on_a_non_pdf() -> None:
    with pytest.raises(UnreadableFileError, match="不是有效的PDF"):
        load_document("fake.pdf", data="这不是PDF".encode())


def test_legacy_doc_says_save_as_docx() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    with pytest.raises(UnsupportedFormatError, match="DOCX"):
        load_document("report.doc", data=ole)


@pytest.mark.parametrize(
    ("name", "data"),
    [("scan.gif", b"GIF89a" + bytes(64)), ("a.zip", b"PK\x03\x04" + bytes(64)),
     ("report.xlsx", b"PK\x03\x04xl/workbook.xml" + bytes(64))],
)
def test_other_unsupported_formats(name: str, data: bytes) -> None:
    with pytest.raises(UnsupportedFormatError):
        load_document(name, data=data)


def test_corrupt_image_file() -> None:
    with pytest.raises(UnreadableFileError, match="图片"):
        load_document("scan.png", data=b"\x89PNG\r\n\x1a\n" + bytes(64))


def test_corrupt_docx() -> None:
    with pytest.raises(UnreadableFileError, match="DOCX"):
        load_document("r.docx", data=b"PK\x03\x04word/document.xml" + bytes(100))


def test_news_article_is_not_a_report() -> None:
    news = (
        "我县召开2024年政务公开工作推进会\n发布时间：2024-03-12\n"
        "3月12日上午，我县召开政务公开工作推进会，总结2023年政务公开工作，部署2024年重点任务。"
        "会议指出，要持续深化政府信息公开，提升政务服务水平。\n"
        "会议要求，各部门要高度重视，压实责任，确保各项任务落到实处。\n"
    ).encode()
    with pytest.raises(NotAReportError, match="年度报告"):
        parse_report("news.txt", data=news)


def test_report_cut_off_in_table_three_keeps_what_is_there() -> None:
    text = HONGQI.read_text(encoding="utf-8")
    cut = text.index("2. 没有现成信息需要另行制作")
    report = parse_report("cut.txt", data=text[:cut].encode())
    assert (report.agency, report.year) == ("新乡市红旗区财政局", 2023)
    assert [s.number for s in report.sections] == ["", "一", "二", "三"]
    assert report.fact("三", "new_received", "commercial").value == 3
    assert report.fact("三", "total_handled", "total") is None
    assert any("不完整" in w for w in report.warnings)
    assert any("第四、五、六部分" in w for w in report.warnings)


def test_gbk_report_parses_like_utf8() -> None:
    text = HONGQI.read_text(encoding="utf-8")
    gbk = parse_report("hongqi-gbk.txt", data=text.encode("gbk"))
    utf8 = parse_report(HONGQI)
    assert (gbk.agency, gbk.year, gbk.template) == (utf8.agency, utf8.year, utf8.template)
    assert gbk.facts == utf8.facts
    assert gbk.content_hash != utf8.content_hash


def test_utf8_bom_report() -> None:
    data = b"\xef\xbb\xbf" + HONGQI.read_bytes()
    report = parse_report("bom.txt", data=data)
    assert report.title.startswith("红旗区财政局")
    assert not report.title.startswith("\ufeff")


def test_decode_bytes_detects_encodings() -> None:
    sample = "沭阳县发展和改革局2023年政府信息公开年度报告。一、总体情况"
    assert decode_bytes(sample.encode("gb18030"))[0] == sample
    assert decode_bytes(sample.encode("utf-16"))[0] == sample
    assert decode_bytes(sample.encode("utf-16-le"))[0] == sample
    html = f'<html><head><meta charset="GBK"></head><body>{sample}</body></html>'
    assert sample in decode_bytes(html.encode("gbk"), html=True)[0]
