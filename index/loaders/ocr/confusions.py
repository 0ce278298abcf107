"""What OCR gets wrong in table figures, as data: letters read for digits, and digits
read for one another. Used to normalise a number cell and to list the other readings a
cell could have when the 勾稽关系 checks fail.
"""

from __future__ import annotations

import re
import unicodedata

# Letters and signs the recogniser returns for a digit inside a number cell.
LOOKALIKES = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "○": "0", "口": "0",
    "l": "1", "I": "1", "|": "1", "丨": "1", "i": "1", "!": "1", "」": "1",
    "Z": "2", "z": "2", "S": "5", "s": "5", "b": "6", "G": "6", "B": "8", "g": "9", "q": "9",
})
# Digits printed in a table that a scan turns into one another (both directions listed).
DIGIT_SWAPS: dict[str, str] = {
    "0": "869", "1": "74", "2": "7", "3": "85", "4": "1", "5": "63", "6": "580",
    "7": "12", "8": "3609", "9": "80",
}
_BLANK_MARK = re.compile(r"^(?:[-–—－_一/／\\、.。·]+|无)$")
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_DIGITISH = re.compile(r"^[0-9OoDQ〇○口lI|丨i!」ZzSsbGBgq.,，．]+$")


def as_number(text: str, *, among_numbers: bool = False) -> str | None:
    """The number a cell's OCR text stands for ("1O" → "10", "2,4" → "24"), or None.
    Among a row's number cells, look-alikes alone count too ("o" → "0"), and a zero read
    twice ("00", "oo") is one zero."""
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not compact or not _DIGITISH.match(compact):
        return None
    if not among_numbers and not any(c.isdigit() for c in compact):
        return None
    number = compact.translate(LOOKALIKES).replace("，", "").replace(",", "").replace("．", ".")
    if among_numbers and re.fullmatch(r"00+", number):
        number = "0"
    return number if _NUMBER.match(number) else None


def alternatives(number: str) -> list[str]:
    """Readings one OCR slip away from `number`: a digit swapped for a look-alike, a digit
    dropped, a digit added (a doubled stroke), or a digit read where the cell was blank."""
    out: list[str] = []
    for i, digit in enumerate(number):
        for other in DIGIT_SWAPS.get(digit, ""):
            out.append(number[:i] + other + number[i + 1:])
        if len(number) > 1:
            out.append(number[:i] + number[i + 1:])
    if "." not in number and len(number) < 4:
        for i in range(len(number) + 1):
            for digit in "0123456789":
                out.append(number[:i] + digit + number[i:])
    valid = [o for o in out if o and (o == "0" or not o.startswith("0"))]
    return list(dict.fromkeys(v for v in valid if v != number))


def is_blank_mark(text: str) -> bool:
    """A dash, slash or 「无」 printed in a number cell for "none" (OCR often reads 「一」)."""
    return bool(_BLANK_MARK.match(re.sub(r"\s+", "", text)))
