"""OCR engine: RapidOCR (PaddleOCR's PP-OCR detection, orientation and recognition models on ONNX Runtime).

The `rapidocr-onnxruntime` wheel ships the three ONNX models inside the package, so nothing is
downloaded at run time (a worker without network OCRs the same as a laptop). The engine runs
in-process: the models load once per process and thread (a fraction of a second) and are kept for
the next document. `SELFEVAL_OCR_THREADS` pages are recognised at once, each by an instance of its
own whose ONNX Runtime sessions use one intra-op thread (OpenCV is limited to one thread too): on
the corpus scan this took about a third less CPU than one instance threading inside each page
(ONNX Runtime's worker threads spin while they wait), for the same wall time.

RapidOCR returns one box per run of text; `join_boxes` turns the boxes back into lines in reading
order, a TAB between boxes far apart on one line (table cells, label and value) so they do not
run together once CJK spaces are dropped.
"""

from __future__ import annotations

import queue
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from PIL import Image

from .base import ExtractionError, lib_version
from .ocr_pool import map_pages

NAME = "rapidocr"
DIST = "rapidocr-onnxruntime"
MODELS = "PP-OCRv4"
DET_MAX_SIDE = 1280
"""Longest side of the image text detection runs on (recognition reads the full-resolution crops)."""
CELL_GAP = 1.2
"""A horizontal gap wider than this many line heights between two boxes of one line is a TAB."""


def unavailable() -> str | None:
    """Why this engine cannot run here, or None."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as e:
        return f"{DIST} not installed ({e.name})"
    except OSError as e:  # OpenCV's wheel without a system library it links (libGL)
        return f"{DIST} unusable: {e}"[:200]
    return None


def label() -> str:
    """Engine label for ExtractedDocument.engine, e.g. 'rapidocr-onnxruntime 1.4.4 PP-OCRv4 (onnxruntime 1.32.0)'."""
    return f"{DIST} {lib_version(DIST)} {MODELS} (onnxruntime {lib_version('onnxruntime')})"


def pool_size(threads: int) -> int:
    """Pages recognised at once for a thread budget (each by a single-threaded instance)."""
    return max(1, threads)


@cache
def engine(slot: int = 0) -> Any:
    """RapidOCR instance number `slot` (one per worker thread): three ONNX sessions, one thread each."""
    import cv2
    from rapidocr_onnxruntime import RapidOCR

    cv2.setNumThreads(1)
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def session_threads(slot: int = 0) -> list[int]:
    """Intra-op thread counts the detection, orientation and recognition sessions of an instance use."""
    ocr = engine(slot)
    sessions = (ocr.text_det.infer, ocr.text_cls.infer, ocr.text_rec.session)  # RapidOCR's OrtInferSession each
    return [s.session.get_session_options().intra_op_num_threads for s in sessions]


def recognize_image(image: Image.Image, slot: int = 0) -> str:
    """Raw text of one page image with instance `slot`: text lines found on a copy at most DET_MAX_SIDE
    pixels long (detection's memory grows with the pixels: RapidOCR's own path, at up to 2000 px, took
    2.2 GB with two pages at once and failed under extract_isolated's 2 GB address-space limit; at 1280 px
    two pages at once peak at about 0.8 GB resident, 1.6 GB of address space, and the corpus and realdata
    pages read as well), then read from the full-resolution page, boxes joined into lines."""
    import cv2
    import numpy as np

    ocr = engine(slot)
    page = cv2.cvtColor(np.asarray(image.convert("L")), cv2.COLOR_GRAY2BGR)
    scale = min(1.0, DET_MAX_SIDE / max(page.shape[:2]))
    small = page if scale == 1.0 else cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    boxes, _ = ocr.text_det(small)
    if boxes is None or len(boxes) == 0:
        return ""
    boxes = [(np.asarray(b) / scale).astype(np.float32) for b in ocr.sorted_boxes(boxes)]
    crops = ocr.get_crop_img_list(page, boxes)
    crops, _, _ = ocr.text_cls(crops)
    texts, _ = ocr.text_rec(crops)
    found = [(box, text, score) for box, (text, score) in zip(boxes, texts, strict=True) if score >= ocr.text_score]
    return join_boxes(found)


def join_boxes(result: Sequence[Sequence[Any]]) -> str:
    """Lines of text from RapidOCR's [box, text, score] items (box: four corner points)."""
    items = []
    for box, text, _score in result:
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        items.append((min(ys), max(ys), min(xs), max(xs), str(text)))
    items.sort(key=lambda it: (it[0] + it[1]) / 2)
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for it in items:
        centre = (it[0] + it[1]) / 2
        if lines and lines[-1][0][0] <= centre <= lines[-1][0][1]:
            lines[-1].append(it)
        else:
            lines.append([it])
    return "\n".join(_join_line(sorted(line, key=lambda it: it[2])) for line in lines)


def _join_line(boxes: list[tuple[float, float, float, float, str]]) -> str:
    """One line's boxes, left to right: a space between close boxes, a TAB across a wide gap."""
    out = boxes[0][4]
    for prev, cur in zip(boxes, boxes[1:], strict=False):
        height = max(prev[1] - prev[0], cur[1] - cur[0], 1.0)
        out += ("\t" if cur[2] - prev[3] > CELL_GAP * height else " ") + cur[4]
    return out


def recognize(pages: Iterable[tuple[int, Image.Image]], threads: int) -> tuple[dict[int, str], list[str]]:
    """Raw text per page number, and a warning per page that failed; `threads` pages at once."""
    workers = pool_size(threads)
    free: queue.SimpleQueue[int] = queue.SimpleQueue()
    for slot in range(workers):
        free.put(slot)

    def page(num: int, image: Image.Image) -> str:
        slot = free.get()
        try:
            return recognize_image(image, slot)
        except MemoryError:
            raise
        except Exception as e:  # noqa: BLE001 - OpenCV/ONNX Runtime raise many kinds on odd images
            last = (str(e).strip().splitlines() or [""])[-1]
            raise ExtractionError(f"rapidocr failed: {type(e).__name__}: {last}"[:200]) from e
        finally:
            free.put(slot)

    return map_pages(pages, workers, page, prefix="rapidocr")
