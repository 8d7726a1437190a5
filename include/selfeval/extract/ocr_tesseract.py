"""OCR engine: the Tesseract CLI with `chi_sim`.

Each page is a `tesseract` subprocess limited to one OpenMP thread (OMP_THREAD_LIMIT=1):
Tesseract's own threading helps little on a page of text, while one process per page scales
with cores and a hung page can be killed on its own. `SELFEVAL_OCR_THREADS` is the pool size,
so a 28-page scan never takes more cores than the task may use. Pages arrive as images that the
dispatcher rendered in its own thread (PDFium is not thread-safe) and are written as PNGs by the
worker thread that runs `tesseract` on them (`ocr_pool`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from PIL import Image

from .base import ExtractionError
from .ocr_pool import map_pages

NAME = "tesseract"
LANG = "chi_sim"
PAGE_TIMEOUT_S = 180.0


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


def unavailable() -> str | None:
    """Why this engine cannot run here, or None."""
    return None if has_language(LANG) else f"tesseract with {LANG} not installed"


def label() -> str:
    """Engine label for ExtractedDocument.engine, e.g. 'tesseract 5.3.0 chi_sim'."""
    return f"tesseract {tesseract_version() or '?'} {LANG}"


def pool_size(threads: int) -> int:
    """Concurrent `tesseract` processes for a thread budget (each process is single-threaded)."""
    return max(1, threads)


def recognize_file(image_path: Path, timeout_s: float = PAGE_TIMEOUT_S) -> str:
    """Raw text of one image file; raises ExtractionError when Tesseract fails or hangs."""
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
    return out.stdout.decode("utf-8", "replace")


def recognize(pages: Iterable[tuple[int, Image.Image]], threads: int) -> tuple[dict[int, str], list[str]]:
    """Raw text per page number, and a warning per page that failed; `threads` single-threaded processes."""
    with tempfile.TemporaryDirectory(prefix="selfeval-ocr-") as tmp:

        def page(num: int, image: Image.Image) -> str:
            png = Path(tmp) / f"p{num}.png"
            image.save(png, format="PNG")
            try:
                return recognize_file(png)
            finally:
                png.unlink(missing_ok=True)

        return map_pages(pages, pool_size(threads), page, prefix="tesseract")
