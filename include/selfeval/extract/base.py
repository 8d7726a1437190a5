"""Shared pieces of the extraction engine: the error type, resource limits, version strings.

Kept apart from `__init__` so that every reader module can import them without a cycle.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from importlib import metadata

from selfeval.settings import Limits, get_settings
from selfeval.textnorm import DOC_EXT, clean_extracted_text

__all__ = ["ENGINE_VERSION", "PDFIUM_LOCK", "ExtractionError", "Limits", "lib_version", "ocr_enabled"]

ENGINE_VERSION = "selfeval-extract 1.3.0"
"""Bump whenever the text or tables that the engine outputs change for the same input."""

PDFIUM_LOCK = threading.RLock()
"""PDFium is not thread-safe: every use of pypdfium2 in this package holds this lock."""


class ExtractionError(Exception):
    """A file the engine cannot read; `reason` says what is wrong, e.g. "encrypted PDF"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __reduce__(self):  # keep the reason when pickled across processes
        return (type(self), (self.reason,))


def ocr_enabled() -> bool:
    """OCR runs unless SELFEVAL_OCR is "0" (tests and quick scans switch it off)."""
    return get_settings().ocr


@cache
def lib_version(dist: str) -> str:
    """Installed version of a distribution, or "?" (used in engine strings)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def metadata_title(title: str | None) -> str | None:
    """A title from a file's own metadata (PDF /Title, DOCX core title, OFD DocInfo) only when it names the
    document: not 'Microsoft Word - x.doc', a bare file name, 'Doc1' or 'untitled' (fewer than two Chinese
    characters)."""
    if not title:
        return None
    title = re.sub(r"^Microsoft (?:Word|Excel|PowerPoint) - ", "", title.strip())
    title = re.sub(rf"\.{DOC_EXT}$", "", title, flags=re.I).strip()
    if len(re.findall(r"[\u4e00-\u9fff]", title)) < 2:
        return None
    return clean_extracted_text(title)


def page_ranges(nums: list[int]) -> str:
    """[1,2,3,7] -> '1-3,7' for short warnings."""
    runs: list[list[int]] = []
    for x in nums:
        if runs and x == runs[-1][1] + 1:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
