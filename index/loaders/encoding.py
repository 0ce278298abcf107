"""Decode the bytes of a text-like file (text, Markdown, HTML) into str.

Order: byte-order marks (UTF-8, UTF-16), strict UTF-8, an HTML <meta charset>,
GB18030 (a superset of GBK/GB2312, the usual encoding of older government sites), then
charset-normalizer. Whatever is chosen must look like text; binary garbage raises
`UnreadableFileError`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from charset_normalizer import from_bytes

from index.errors import UnreadableFileError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Labels that browsers treat as GB18030 (WHATWG encoding standard).
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_MIN_TEXT_RATIO = 0.95
_SAMPLE = 20_000
# Control characters, private use, replacement char, rare CJK (ext. A, B+), lone surrogates:
# plenty of them means bytes were decoded with the wrong encoding, or are not text at all.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u3400-\u4dbf\ud800-\uf8ff\ufff0-\uffff"
    "\U00020000-\U0010ffff]"
)

GARBAGE_MESSAGE = (
    "文件内容无法识别为文字（可能是二进制文件或已损坏）。请确认上传的是年度报告的 HTML、PDF、"
    "DOCX 或文本文件。 (not readable text: binary or corrupt file)"
)


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return (text, encoding name). Raise UnreadableFileError for binary garbage."""
    tried: set[str] = set()
    for candidate in _candidates(data, html=html):
        if candidate in tried:  # e.g. <meta charset=utf-8> after utf-8 already failed
            continue
        tried.add(candidate)
        text = _try_decode(data, candidate)
        if text is not None and looks_like_text(text):
            return text.lstrip("\ufeff"), candidate
    raise UnreadableFileError(GARBAGE_MESSAGE)


def _candidates(data: bytes, *, html: bool) -> Iterator[str]:
    """Encodings to try, most likely first (charset-normalizer, the slow one, last)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            yield encoding
            return
    utf16 = _utf16_without_bom(data)
    if utf16:
        yield utf16
    yield "utf-8"
    declared = declared_charset(data) if html else None
    if declared:
        yield declared
    yield "gb18030"
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        yield best.encoding


def declared_charset(data: bytes) -> str | None:
    """The charset named by an HTML <meta> tag, normalised (GBK family → gb18030)."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without BOM has a NUL in every other byte for ASCII characters."""
    sample = data[:4000]
    if len(sample) < 8 or sample.count(0) < len(sample) // 4:
        return None
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    return "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def looks_like_text(text: str) -> bool:
    """True when nearly every character is printable text (not control/private/rare)."""
    sample = text[:_SAMPLE]
    if not sample.strip():
        return False
    bad = len(_NOT_TEXT.findall(sample))
    return 1 - bad / len(sample) >= _MIN_TEXT_RATIO
