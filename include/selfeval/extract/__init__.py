"""Extraction stage: bytes of a downloaded file -> `ExtractedDocument` (pages, tables, hints).

Public API (others code against exactly these names):

* `extract_file(path, *, name_hint=None, content_type=None)` — sniff the real format from
  the bytes, dispatch to the reader, return raw page text and tables.
* `extract_isolated(path, *, timeout_s=120, memory_mb=2048, **kw)` — the same in a child
  process with a hard timeout and an address-space limit.
* `ExtractionError(reason)` — raised for files that cannot be read; `.reason` says why.
* `ENGINE_VERSION`, `engine_info()`.
* `sniff.sniff_format`, `normalize.normalize_text`, `normalize.normalize_with_map`.

Page.text is what the readers output, cleaned only of `(cid:NN)` codes, radical
look-alikes and control characters; the matching copy is `normalize_text(page.text)`.
Tables repeat a merged cell's text in every position it covers; the page text shows it
once (table rows are lines with TAB-separated cells for DOCX/XLSX/HTML).

`ExtractedDocument.meta` keys by format (all optional except where noted):

* all: `size_bytes`; `claimed_extension` when the name's extension disagrees with the bytes.
* pdf: `pdf_pages`, `scanned` (bool, majority of pages image-only), `scanned_pages`,
  `text_pages`, `ocr_pages`, `table_engine`, `tables_joined_across_pages`, `joined_tables`
  ([{page, table, continued_on: [{page, from_row}]}]: a joined table lives on its first
  page; rows from `from_row` on were printed on `page`).
* docx/doc/wps: `core` (title, author, created, modified ...); for doc/wps `convert_s`,
  `convert_attempts`, `soffice_profile_warm`.
* xlsx/xls/et: `sheets`, `hidden_sheets` (Page.name is the sheet name).
* html: `encoding`, `declared_charset`, `publish_date` (PubDate meta as written),
  `sitename`, `columnname`, `contentsource`, `sitedomain`, `keywords`, `description`,
  `page_kind` ("bot_challenge", "server_default_page"), `links` ([{text, href}]),
  `body_selector`.
* ofd: `ofd_pages`, `ofd_version`, `creator` (DocInfo Creator + CreatorVersion: the producing software),
  `scanned`, `scanned_pages`, `text_pages`, `ocr_pages`, `ocr_threads` (as for pdf). Page text is built
  from character positions; table cells on a line are TAB-separated, Page.tables stays empty.
* txt: `encoding`.  zip: `members` ([{name, format, pages, error}]); Page.name is the
  member name (plus "/sheet" for workbooks).
"""

from __future__ import annotations

import platform
import time
from pathlib import Path
from typing import Any

from ..model import ExtractedDocument
from .base import ENGINE_VERSION, ExtractionError, Limits, lib_version, ocr_enabled
from .ole import root_stream_names
from .sniff import sniff_format

__all__ = [
    "ENGINE_VERSION",
    "ExtractionError",
    "Limits",
    "engine_info",
    "extract_file",
    "extract_isolated",
    "sniff_format",
]

_CONTENT_TYPE_HINTS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt"}


def _read(path: Path, limits: Limits) -> bytes:
    """File bytes, refusing directories, missing files and files over the size cap."""
    if not path.is_file():
        raise ExtractionError(f"not a file: {path}")
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(f"empty file: {path.name}")
    if size > limits.max_file_mb * (1 << 20):
        raise ExtractionError(f"file too large: {size / (1 << 20):.1f} MB > limit {limits.max_file_mb:.0f} MB")
    return path.read_bytes()


def _dispatch(path: Path, data: bytes, fmt: str, limits: Limits, depth: int) -> ExtractedDocument:
    """Call the reader for `fmt`."""
    if fmt == "pdf":
        from .pdf import extract_pdf

        return extract_pdf(path, data, limits)
    if fmt == "docx":
        from .archive import check_ooxml
        from .office import extract_docx

        check_ooxml(path, limits, "docx")
        return extract_docx(path)
    if fmt in ("doc", "wps"):
        from .office import extract_legacy_word

        return extract_legacy_word(path, fmt, limits)
    if fmt in ("xlsx", "xls", "et"):
        return _workbook(path, fmt, limits)
    if fmt == "html":
        from .html import extract_html

        return extract_html(data)
    if fmt == "txt":
        from .html import extract_txt

        return extract_txt(data)
    if fmt == "ofd":
        from .ofd import extract_ofd

        return extract_ofd(path, limits)
    if fmt == "zip":
        from .archive import extract_zip

        return extract_zip(path, limits, depth, extract_file)
    if fmt == "image":
        from .ocr import extract_image

        return extract_image(path)
    if fmt == "rar":
        raise ExtractionError("unsupported: rar archive (no RAR library installed)")
    if fmt == "ppt":
        raise ExtractionError("unsupported: PowerPoint presentation")
    if "EncryptedPackage" in root_stream_names(data):
        raise ExtractionError("encrypted Office file (password-protected OOXML in OLE2 container)")
    raise ExtractionError(f"unknown format (magic bytes {data[:8].hex(' ')})")


def _workbook(path: Path, fmt: str, limits: Limits) -> ExtractedDocument:
    """XLSX/XLS directly with calamine; ET (or an XLS calamine rejects) via LibreOffice -> XLSX."""
    from .sheets import extract_workbook

    if fmt == "xlsx":
        from .archive import check_ooxml

        check_ooxml(path, limits, "xlsx")
        return extract_workbook(path, fmt, limits)
    from .biff import biff_is_encrypted

    if biff_is_encrypted(path.read_bytes()):
        raise ExtractionError(f"encrypted {fmt.upper()} workbook (password required)")
    try:
        return extract_workbook(path, fmt, limits)
    except ExtractionError as first:
        if "encrypted" in first.reason:
            raise
        from .office import soffice_convert

        with soffice_convert(path, "xls", "xlsx", timeout_s=limits.soffice_timeout_s) as (out, meta):
            doc = extract_workbook(out, "xlsx", limits)
        doc.format = fmt
        doc.engine = "libreoffice->xlsx+" + doc.engine
        doc.meta.update(meta)
        doc.warnings.append(f"calamine could not read the {fmt} directly ({first.reason}); converted")
        return doc


def extract_file(
    path: str | Path,
    *,
    name_hint: str | None = None,
    content_type: str | None = None,
    limits: Limits | None = None,
    _depth: int = 0,
) -> ExtractedDocument:
    """Read one downloaded file whatever its extension claims.

    `name_hint` (original file name) only breaks ties the bytes cannot (Kingsoft .wps/.et
    vs Word/Excel binaries); `content_type` only matters for text that is not obviously
    HTML. Raises ExtractionError with a precise reason for unreadable or hostile files.
    """
    t0 = time.monotonic()
    path = Path(path)
    limits = limits or Limits.from_env()
    data = _read(path, limits)
    fmt = sniff_format(data, name_hint or path.name)
    ct = (content_type or "").split(";")[0].strip().lower()
    if fmt == "txt" and _CONTENT_TYPE_HINTS.get(ct) == "html":
        fmt = "html"
    try:
        doc = _dispatch(path, data, fmt, limits, _depth)
    except ExtractionError:
        raise
    except MemoryError as e:
        raise ExtractionError(f"out of memory while extracting {fmt}") from e
    except Exception as e:  # noqa: BLE001 - a reader bug must not look like a crash of the caller
        if "failed to map segment" in str(e) or "Cannot allocate memory" in str(e):
            raise ExtractionError(f"out of memory while extracting {fmt}") from e
        raise ExtractionError(f"extractor error ({fmt}): {type(e).__name__}: {e}"[:300]) from e
    claimed = Path(name_hint or path.name).suffix.lower().lstrip(".")
    if claimed and claimed != doc.format and not (claimed in ("htm", "shtml", "xhtml", "jsp", "asp", "aspx", "php") and doc.format == "html"):
        doc.meta.setdefault("claimed_extension", claimed)
    doc.meta.setdefault("size_bytes", len(data))
    doc.engine = f"{ENGINE_VERSION}; {doc.engine}"
    doc.duration_s = round(time.monotonic() - t0, 4)
    return doc


def extract_isolated(path: str | Path, *, timeout_s: float = 120, memory_mb: int = 2048, **kw: Any) -> ExtractedDocument:
    """`extract_file` in a child process; a hang, crash or memory blow-up becomes ExtractionError."""
    from .isolate import run_isolated

    return run_isolated(path, timeout_s=timeout_s, memory_mb=memory_mb, **kw)


def engine_info() -> dict[str, Any]:
    """Versions of everything that shapes the output (stored with each extraction)."""
    from .ocr import has_language, selected_engine, tesseract_version
    from .office import soffice_version

    return {
        "engine_version": ENGINE_VERSION,
        "python": platform.python_version(),
        "pypdfium2": lib_version("pypdfium2"),
        "pdfplumber": lib_version("pdfplumber"),
        "pdfminer.six": lib_version("pdfminer.six"),
        "python-docx": lib_version("python-docx"),
        "python-calamine": lib_version("python-calamine"),
        "beautifulsoup4": lib_version("beautifulsoup4"),
        "lxml": lib_version("lxml"),
        "charset-normalizer": lib_version("charset-normalizer"),
        "defusedxml": lib_version("defusedxml"),
        "tesseract": tesseract_version(),
        "tesseract_chi_sim": has_language("chi_sim"),
        "rapidocr-onnxruntime": lib_version("rapidocr-onnxruntime"),
        "onnxruntime": lib_version("onnxruntime"),
        "ocr_engine": selected_engine(),
        "libreoffice": soffice_version(),
        "ocr_enabled": ocr_enabled(),
    }
