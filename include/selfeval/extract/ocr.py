"""OCR of scanned pages: renders them and hands them to the engine `SELFEVAL_OCR_ENGINE` names.

Two engines, one module each: `ocr_rapid` (RapidOCR, PP-OCR models on ONNX Runtime) and
`ocr_tesseract` (the Tesseract CLI, chi_sim). Which is the default, and why, is measured by
`bench/bench_ocr.py` (accuracy against known text first, then pages/s); the other stays
selectable. Both get the same page images and the same clean-up (`ocr_post`), and both are
bounded by `SELFEVAL_OCR_THREADS` (default: the cores this process may run on).

Pages are rendered with PDFium in the calling thread, under PDFIUM_LOCK because PDFium is not
thread-safe, at `SELFEVAL_OCR_DPI` (200 dpi grayscale gave the best agreement on the corpus scan
with Tesseract: 150 dpi loses strokes, 300 dpi makes it split characters). Rendering is lazy,
so an engine holds at most the pages it is working on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from PIL import Image

from selfeval.settings import get_settings

from . import ocr_rapid, ocr_tesseract
from .base import PDFIUM_LOCK, ExtractionError
from .ocr_post import clean_ocr_text
from .ocr_tesseract import has_language, tesseract_version

__all__ = [
    "ENGINES", "OcrRun", "clean_ocr_text", "engine_name", "extract_image", "has_language", "ocr_image",
    "ocr_images", "ocr_pdf_pages", "selected_engine", "tesseract_version",
]

ENGINES: dict[str, ModuleType] = {ocr_rapid.NAME: ocr_rapid, ocr_tesseract.NAME: ocr_tesseract}


@dataclass
class OcrRun:
    """What one OCR call produced: cleaned text per 1-based page, warnings, and which engine did it how."""

    texts: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    engine: str = ""
    threads: int = 1

    def record(self, meta: dict, warnings: list[str]) -> dict[int, str]:
        """Put the run's warnings and bookkeeping (pages OCRed, threads) on the document; its texts by page."""
        warnings.extend(self.warnings)
        if self.texts:
            meta["ocr_pages"] = sorted(self.texts)
            meta["ocr_threads"] = self.threads
        return self.texts


def selected_engine() -> str:
    """The engine SELFEVAL_OCR_ENGINE names (read now; an invalid value raises ValueError naming it)."""
    return get_settings().ocr_engine


def engine_name(engine: str | None = None) -> str:
    """Label of an engine (default: the selected one) for ExtractedDocument.engine."""
    return ENGINES[engine or selected_engine()].label()


def render_pages(path: Path, page_numbers: list[int], dpi: int) -> Iterator[tuple[int, Image.Image]]:
    """(page number, grayscale image) for each 1-based page, rendered only when the engine asks."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(path))
    try:
        for num in page_numbers:
            with PDFIUM_LOCK:
                page = doc[num - 1]
                try:
                    image = page.render(scale=dpi / 72.0, grayscale=True).to_pil()
                finally:
                    page.close()
            yield num, image
    finally:
        with PDFIUM_LOCK:
            doc.close()


def ocr_pdf_pages(path: Path, page_numbers: list[int], dpi: int = 200, engine: str | None = None,
                  threads: int | None = None) -> OcrRun:
    """OCR the given 1-based pages with `engine` (default: selected) and `threads` (default: setting)."""
    return ocr_images(render_pages(path, page_numbers, dpi), engine, threads)


def ocr_images(pages: Iterable[tuple[int, Image.Image]], engine: str | None = None,
               threads: int | None = None) -> OcrRun:
    """OCR (page number, image) pairs, taken from `pages` only as the engine asks for them (so a lazy
    iterator holds few images); a missing engine or a failed page is a warning, never an error."""
    settings = get_settings()
    name = engine or settings.ocr_engine
    threads = max(1, threads or settings.ocr_threads)
    module = ENGINES[name]
    run = OcrRun(engine=module.label(), threads=threads)
    reason = module.unavailable()
    if reason:
        run.warnings.append(f"OCR unavailable: {reason}")
        return run
    raw, run.warnings = module.recognize(pages, threads)
    run.texts = {num: clean_ocr_text(text) for num, text in sorted(raw.items())}
    return run


def ocr_image(image: Image.Image, engine: str | None = None, threads: int | None = None) -> OcrRun:
    """OCR one image as page 1; raises ExtractionError when the engine is missing or fails on it."""
    settings = get_settings()
    name = engine or settings.ocr_engine
    threads = max(1, threads or settings.ocr_threads)
    module = ENGINES[name]
    reason = module.unavailable()
    if reason:
        raise ExtractionError(f"OCR unavailable: {reason}")
    raw, warnings = module.recognize([(1, image)], threads)
    if 1 not in raw:
        raise ExtractionError(warnings[0].removeprefix("page 1: ") if warnings else "OCR failed")
    return OcrRun(texts={1: clean_ocr_text(raw[1])}, engine=module.label(), threads=threads)


def _load_image(path: Path) -> Image.Image:
    """First frame of an image file as grayscale; ExtractionError when Pillow cannot read it."""
    try:
        with Image.open(path) as im:
            im.seek(0)
            return im.convert("L")
    except Exception as e:  # noqa: BLE001 - Pillow raises many kinds for broken images
        raise ExtractionError(f"unreadable image: {e}"[:200]) from e


def extract_image(path: Path):
    """A standalone image (photo or scan of a report) as one OCRed page."""
    from ..model import ExtractedDocument, Page
    from .base import ocr_enabled

    if not ocr_enabled():
        return ExtractedDocument(
            format="image", pages=[Page(1, "", [])], engine="none",
            warnings=["image without text layer, OCR disabled"], meta={"scanned": True, "scanned_pages": [1]},
        )
    run = ocr_image(_load_image(path))
    return ExtractedDocument(
        format="image", pages=[Page(1, run.texts[1], [], ocr=True)], engine=run.engine, ocr=True,
        meta={"scanned": True, "scanned_pages": [1], "ocr_pages": [1], "ocr_threads": run.threads},
    )
