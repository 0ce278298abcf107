"""The grounding guard: every number in an answer must be a cited value, a number of a
cited sentence, or a computation the answer shows.

Not numbers for this purpose: years (2023年, 2019—2021年), citation markers ([3], [3–10]),
list numbering at the start of a line or item (「1.」「（2）」), template item numbers in
labels such as 「第二十条第（八）项」 (no digits) and percentages inside quoted sentences
(they are checked like any other number of the quote).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.draft import Draft

QuoteFilter = Callable[[str], str]
_MARKER = re.compile(r"\[\d+(?:\s*[–\-,，]\s*\d+)*\]")
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?=\s*(?:年|—|–|-|~|至|到|、\d{4}年)"
                   r"|(?:\s*(?:,|and)\s*(?:19|20)\d{2})*\s+(?:annual\s+)?reports?\b)")  # 「2022 and 2023 reports」
_LIST_NUMBER = re.compile(r"(?:^|\n|[：:；;。])\s*(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）])")
_NUMBER = re.compile(r"(?<![\d.])-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class GuardResult:
    ok: bool
    unsupported: tuple[str, ...] = ()  # numbers in the text that nothing supports
    bad_markers: tuple[int, ...] = ()  # [n] markers with no citation n


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return None


def numbers_in(text: str) -> list[str]:
    """Numbers a reader takes as figures (years, markers and numbering removed)."""
    text = _MARKER.sub(" ", text)
    text = _LIST_NUMBER.sub(" ", text)
    text = _YEAR.sub(" ", text)
    return [m.group(0) for m in _NUMBER.finditer(text)]


def markers_in(text: str) -> list[int]:
    ns: list[int] = []
    for m in _MARKER.finditer(text):
        values = [int(x) for x in re.findall(r"\d+", m.group(0))]
        if re.search(r"[–\-]", m.group(0)) and len(values) == 2:
            ns.extend(range(values[0], values[1] + 1))
        else:
            ns.extend(values)
    return ns


def allowed_numbers(draft: Draft, quote_filter: QuoteFilter | None = None) -> set[Decimal]:
    allowed: set[Decimal] = set()
    for c in draft.citations:
        if c.value is not None:
            allowed.add(Decimal(str(c.value)).normalize())
        quote = quote_filter(c.quote) if quote_filter else c.quote
        allowed.update(d for n in numbers_in(quote) if (d := _decimal(n)) is not None)
    allowed.update(Decimal(str(v)).normalize() for v in draft.computed)
    return allowed


def check_text(text: str, draft: Draft, extra: Iterable[Decimal] = (),
               quote_filter: QuoteFilter | None = None) -> GuardResult:
    allowed = allowed_numbers(draft, quote_filter) | {Decimal(str(x)).normalize() for x in extra}
    unsupported = []
    for raw in numbers_in(text):
        value = _decimal(raw)
        if value is None or (value not in allowed and abs(value) not in allowed):
            unsupported.append(raw)
    known = {c.n for c in draft.citations}
    bad = tuple(n for n in markers_in(text) if n not in known)
    return GuardResult(not unsupported and not bad, tuple(unsupported), bad)


def check(draft: Draft, quote_filter: QuoteFilter | None = None) -> GuardResult:
    """Guard a draft against its own citations and computations. `quote_filter` gives the
    quotes as the writer saw them (an LLM sees report text with instructions removed)."""
    return check_text(draft.text, draft, quote_filter=quote_filter)
