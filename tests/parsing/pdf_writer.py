"""A minimal PDF writer for test reports: Chinese text (non-embedded STSong-Light, UCS-2)
and ruled tables whose cells may span rows and columns. No third-party dependency."""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT = 40.0, 555.0


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    vertical: bool = False  # one character per line (narrow label columns)


@dataclass
class Page:
    ops: list[str] = field(default_factory=list)
    y: float = PAGE_H - 50

    def text(self, x: float, y: float, text: str, size: float = 10.5) -> None:
        hexed = text.encode("utf-16-be").hex().upper()
        self.ops.append(f"BT /F1 {size:.1f} Tf {x:.1f} {y:.1f} Td <{hexed}> Tj ET")

    def line(self, text: str, size: float = 10.5, indent: float = 0.0) -> None:
        """A paragraph, wrapped at the page width, starting at the current position."""
        per_line = int((RIGHT - LEFT - indent) // size)
        for start in range(0, len(text), per_line):
            self.text(LEFT + indent, self.y, text[start:start + per_line], size)
            self.y -= size + 6
            indent = 0.0
            per_line = int((RIGHT - LEFT) // size)

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.ops.append(f"{x:.1f} {y:.1f} {w:.1f} {h:.1f} re S")


def _wrap(text: str, width: float, size: float) -> list[str]:
    per_line = max(1, int((width - 4) // size))
    return [text[i:i + per_line] for i in range(0, len(text), per_line)] or [""]


def table(page: Page, widths: list[float], cells: list[Cell], size: float = 7.0) -> None:
    """Draw a ruled table at the page's current position; row heights fit their text."""
    rows = 1 + max(c.row + c.rowspan - 1 for c in cells)
    heights = [size + 6] * rows
    for c in cells:
        if c.rowspan == 1:
            width = sum(widths[c.col:c.col + c.colspan])
            lines = len(c.text) if c.vertical else len(_wrap(c.text, width, size))
            heights[c.row] = max(heights[c.row], lines * (size + 2) + 4)
    for c in cells:
        if c.rowspan > 1:
            width = sum(widths[c.col:c.col + c.colspan])
            need = (len(c.text) if c.vertical else len(_wrap(c.text, width, size))) * (size + 2) + 4
            have = sum(heights[c.row:c.row + c.rowspan])
            heights[c.row + c.rowspan - 1] += max(0.0, need - have)
    xs = [LEFT + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [page.y - sum(heights[:i]) for i in range(rows + 1)]
    for c in cells:
        x0, x1 = xs[c.col], xs[c.col + c.colspan]
        top, bottom = ys[c.row], ys[c.row + c.rowspan]
        page.rect(x0, bottom, x1 - x0, top - bottom)
        lines = list(c.text) if c.vertical else _wrap(c.text, x1 - x0, size)
        y = (top + bottom) / 2 + (len(lines) * (size + 2)) / 2 - size
        for line in lines:
            page.text(x0 + 2, y, line, size)
            y -= size + 2
    page.y = ys[-1] - 14


def pdf_bytes(pages: list[Page]) -> bytes:
    """Serialize pages into a PDF (one Type0 font, UniGB-UCS2-H encoding)."""
    objects: list[bytes] = []
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light "
                   b"/Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>")
    objects.append(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
                   b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
                   b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
                   b"/CapHeight 880 /StemV 93 >> /DW 1000 >>")
    for i, page in enumerate(pages):
        stream = "\n".join(["0.5 w", *page.ops]).encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {6 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
