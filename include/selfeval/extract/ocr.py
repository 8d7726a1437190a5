"""OCR of scanned pages with the Tesseract CLI (chi_sim).

Pages are rendered with PDFium (in-process, 200 dpi grayscale gave the best agreement on
the corpus scan: 150 dpi loses strokes, 300 dpi makes Tesseract split characters) and
recognised by `tesseract` subprocesses in a pool of two, each limited to one OpenMP
thread, so a 28-page scan cannot take the whole machine. Rendering stays in the calling
thread because PDFium is not thread-safe.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from selfeval.textnorm import clean_extracted_text

from .base import ExtractionError

OCR_WORKERS = 2
OCR_PAGE_TIMEOUT_S = 180.0
LANG = "chi_sim"
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_SPACE_IN_CJK = re.compile(rf"(?<={_CJK})[ \u00a0]+(?={_CJK})")


@lru_cache(maxsize=1)
def tesseract_version() -> str | None:
    """'5.3.0' or None when the binary is missing."""
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r"tesseract\s+v?([\d.]+)", out.stdout + out.stderr)
    return m.group(1) if m else "?"


@lru_cache(maxsize=1)
def has_language(lang: str = LANG) -> bool:
    """Whether the traineddata for `lang` is installed."""
    if not tesseract_version():
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20)
    return lang in out.stdout.split()


def engine_name() -> str:
    """Engine label for ExtractedDocument.engine, e.g. 'tesseract 5.3.0 chi_sim'."""
    return f"tesseract {tesseract_version() or '?'} {LANG}"


def clean_ocr_text(s: str) -> str:
    """Tesseract output cleaned: spaces it puts between CJK characters removed, garbage stripped."""
    s = clean_extracted_text(s).replace("\x0c", "")
    s = _SPACE_IN_CJK.sub("", s)
    s = re.sub(r"\n{3,}", "\n\n", s)
    return s.strip("\n")


def ocr_image(image_path: Path, timeout_s: float = OCR_PAGE_TIMEOUT_S) -> str:
    """Text of one image file; raises ExtractionError when Tesseract fails or hangs."""
    if not has_language(LANG):
        raise ExtractionError(f"OCR unavailable: tesseract with {LANG} not installed")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        out = subprocess.run(
            ["tesseract", str(image_path), "stdout", "-l", LANG],
            capture_output=True,
            timeout=timeout_s,
            env=env,
        )
    except subprocess.TimeoutExpired as e:
        raise ExtractionError(f"OCR timeout after {timeout_s:.0f} s") from e
    if out.returncode != 0:
        raise ExtractionError(f"tesseract failed: {out.stderr.decode('utf-8', 'replace')[-200:]}")
    return clean_ocr_text(out.stdout.decode("utf-8", "replace"))


def _render(doc, index: int, dpi: int, out: Path) -> Path:
    """Render page `index` (0-based) to a grayscale PNG."""
    page = doc[index]
    try:
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        bitmap.to_pil().save(out, format="PNG")
    finally:
        page.close()
    return out


def ocr_pdf_pages(path: Path, page_numbers: list[int], dpi: int = 200) -> tuple[dict[int, str], list[str]]:
    """OCR the given 1-based pages; returns {page: text} and warnings for pages that failed."""
    import pypdfium2 as pdfium

    if not has_language(LANG):
        return {}, [f"OCR unavailable: tesseract with {LANG} not installed"]
    results: dict[int, str] = {}
    warnings: list[str] = []
    doc = pdfium.PdfDocument(str(path))
    try:
        with tempfile.TemporaryDirectory(prefix="selfeval-ocr-") as tmp, ThreadPoolExecutor(OCR_WORKERS) as pool:
            pending: dict[int, Future] = {}
            for num in page_numbers:
                png = _render(doc, num - 1, dpi, Path(tmp) / f"p{num}.png")
                pending[num] = pool.submit(ocr_image, png)
                if len(pending) >= OCR_WORKERS * 2:
                    _collect(pending, results, warnings, keep=OCR_WORKERS)
            _collect(pending, results, warnings, keep=0)
    finally:
        doc.close()
    return results, warnings


def _collect(pending: dict[int, Future], results: dict[int, str], warnings: list[str], keep: int) -> None:
    """Wait for the oldest OCR jobs until only `keep` are pending (bounds rendered PNGs on disk)."""
    for num in sorted(pending)[: max(0, len(pending) - keep)]:
        fut = pending.pop(num)
        try:
            results[num] = fut.result()
        except ExtractionError as e:
            warnings.append(f"page {num}: {e.reason}")


def extract_image(path: Path):
    """A standalone image (photo or scan of a report) as one OCRed page."""
    from ..model import ExtractedDocument, Page
    from .base import ocr_enabled

    if not ocr_enabled():
        return ExtractedDocument(
            format="image", pages=[Page(1, "", [])], engine="none",
            warnings=["image without text layer, OCR disabled"], meta={"scanned": True, "scanned_pages": [1]},
        )
    with tempfile.TemporaryDirectory(prefix="selfeval-img-") as tmp:
        from PIL import Image

        try:
            with Image.open(path) as im:
                im.seek(0)
                png = Path(tmp) / "img.png"
                im.convert("L").save(png)
        except Exception as e:  # noqa: BLE001 - Pillow raises many kinds for broken images
            raise ExtractionError(f"unreadable image: {e}"[:200]) from e
        text = ocr_image(png)
    return ExtractedDocument(
        format="image", pages=[Page(1, text, [], ocr=True)], engine=engine_name(), ocr=True,
        meta={"scanned": True, "scanned_pages": [1], "ocr_pages": [1]},
    )
