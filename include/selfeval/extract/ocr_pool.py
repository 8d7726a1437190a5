"""Pages to OCR fanned out over a bounded pool of threads, the same for every engine.

Both engines recognise one page per thread (Tesseract: one single-threaded process per page;
RapidOCR: one single-threaded ONNX Runtime session per thread), which measured cheaper in CPU
than threading inside a page and keeps a hung or failing page from stopping the others. Pages are
rendered lazily by the caller's iterator in the calling thread (PDFium is not thread-safe), and at
most two per worker are rendered ahead, so a 60-page scan never holds 60 page images.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image

from .base import ExtractionError

PageFn = Callable[[int, Image.Image], str]
"""Recognises one page (its number, its image) and returns raw text; raises ExtractionError on failure."""


def map_pages(pages: Iterable[tuple[int, Image.Image]], workers: int, fn: PageFn,
              prefix: str = "ocr") -> tuple[dict[int, str], list[str]]:
    """`fn` over every page on `workers` threads: raw text per page number, and a warning per failed page."""
    workers = max(1, workers)
    results: dict[int, str] = {}
    warnings: list[str] = []
    with ThreadPoolExecutor(workers, thread_name_prefix=prefix) as pool:
        pending: dict[int, Future[str]] = {}
        for num, image in pages:
            pending[num] = pool.submit(fn, num, image)
            if len(pending) >= workers * 2:
                _collect(pending, results, warnings, keep=workers)
        _collect(pending, results, warnings, keep=0)
    return results, warnings


def _collect(pending: dict[int, Future[str]], results: dict[int, str], warnings: list[str], keep: int) -> None:
    """Wait for the oldest pages until only `keep` are pending."""
    for num in sorted(pending)[: max(0, len(pending) - keep)]:
        fut = pending.pop(num)
        try:
            results[num] = fut.result()
        except ExtractionError as e:
            warnings.append(f"page {num}: {e.reason}")
