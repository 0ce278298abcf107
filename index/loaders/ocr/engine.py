"""The OCR engine: PP-OCRv4 Chinese detection + recognition, run by `rapidocr-onnxruntime`
on onnxruntime's CPU provider. The ONNX models ship inside that PyPI wheel; nothing is
downloaded. One engine per process, created on first use and shared under a lock (the
engine keeps per-call state).

    read_page(gray) -> list[TextBox]       detect and recognise every text line of a page image
    read_crops(crops) -> list[Reading]     recognise small images (table cells) without detection
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.errors import ModelError

MODEL_FILES = ("ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx")
# A lone digit in a table cell is read with 0.55–0.8 confidence; keep it, the checks decide.
MIN_SCORE = 0.3
REC_BATCH = 16
# Recognition pads each batch to at least this width. Narrower is faster for lone digits,
# but the model then misreads some of them (a 5 as 「の」): keep the width it was trained at.
REC_SHAPE = [3, 48, 320]
MISSING_MESSAGE = ("扫描件识别需要 rapidocr-onnxruntime（随项目安装的 PP-OCRv4 模型），当前环境中没有找到。"
                   "请重新运行 ./scripts/run.sh 安装依赖。 (OCR engine rapidocr-onnxruntime missing)")

_lock = threading.Lock()
_engine: Any = None


@dataclass(frozen=True)
class TextBox:
    """One detected text line: its text, confidence and axis-aligned box in image pixels."""

    text: str
    score: float
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Reading:
    text: str
    score: float


def _create() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # the dependency is declared; a broken install says so
        raise ModelError(MISSING_MESSAGE) from exc
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    logging.getLogger("OrtInferSession").setLevel(logging.ERROR)
    return RapidOCR(text_score=MIN_SCORE, rec_batch_num=REC_BATCH, rec_img_shape=REC_SHAPE,
                    use_cls=False)


def engine() -> Any:
    global _engine
    with _lock:
        if _engine is None:
            _engine = _create()
        return _engine


def _bgr(gray: np.ndarray) -> np.ndarray:
    return np.repeat(gray[:, :, None], 3, axis=2) if gray.ndim == 2 else gray


def read_page(gray: np.ndarray) -> list[TextBox]:
    """Every text line the detector finds on a page image (greyscale uint8)."""
    ocr = engine()
    with _lock:
        result, _ = ocr(_bgr(gray), use_cls=False)
    boxes: list[TextBox] = []
    for points, text, score in result or ():
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        text = str(text).strip()
        if text:
            boxes.append(TextBox(text, float(score), min(xs), min(ys), max(xs), max(ys)))
    return boxes


def read_crops(crops: list[np.ndarray]) -> list[Reading]:
    """Recognition only, one reading per crop (a cell image holding one line of text)."""
    if not crops:
        return []
    ocr = engine()
    with _lock:
        results, _ = ocr.text_rec([_bgr(c) for c in crops])
    return [Reading(str(text).strip(), float(score)) for text, score, *_ in results]
