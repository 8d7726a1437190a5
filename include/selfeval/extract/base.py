"""Shared pieces of the extraction engine: the error type, resource limits, version strings.

Kept apart from `__init__` so that every reader module can import them without a cycle.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib import metadata

ENGINE_VERSION = "selfeval-extract 1.1.0"
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


@dataclass(frozen=True)
class Limits:
    """Caps that turn hostile or absurd input into an ExtractionError instead of a hang.

    Each can be overridden by an environment variable SELFEVAL_<FIELD> (upper case), or
    per call with `extract_file(..., limits=Limits(...))`.
    """

    max_file_mb: float = 300.0  # input file size
    max_pages: int = 2000  # PDF pages
    max_zip_members: int = 2000
    max_unzipped_mb: float = 512.0  # declared and actual, per archive / OOXML package
    max_zip_ratio: float = 400.0  # compression ratio of a single large member
    max_archive_depth: int = 2  # zip inside zip inside zip ...
    max_sheet_cells: int = 2_000_000
    ocr_max_pages: int = 60
    ocr_dpi: int = 200
    soffice_timeout_s: float = 90.0

    @classmethod
    def from_env(cls) -> Limits:
        """Defaults overridden by SELFEVAL_MAX_PAGES and friends."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"SELFEVAL_{f.name.upper()}")
            if raw:
                try:
                    values[f.name] = int(float(raw)) if f.type == "int" else float(raw)
                except ValueError:
                    pass
        return replace(cls(), **values)


def ocr_enabled() -> bool:
    """OCR runs unless SELFEVAL_OCR is "0" (tests and quick scans switch it off)."""
    return os.environ.get("SELFEVAL_OCR", "1").strip().lower() not in ("0", "false", "no", "off")


@cache
def lib_version(dist: str) -> str:
    """Installed version of a distribution, or "?" (used in engine strings)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"
