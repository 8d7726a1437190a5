"""Word documents: DOCX with python-docx, legacy DOC/WPS via LibreOffice -> DOCX.

The body XML is walked in document order so paragraphs and tables interleave as printed,
and table rows also go into the page text (cells joined by TAB, one row per line) because
field extraction searches the text. LibreOffice runs headless with a private profile
taken from a small pool guarded by file locks: parallel conversions never share a
profile, and repeated conversions reuse a warm one (first start of a fresh profile costs
several seconds).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from selfeval.settings import get_settings
from selfeval.textnorm import clean_extracted_text

from ..model import ExtractedDocument, Page, Table
from .base import ExtractionError, Limits, lib_version, metadata_title

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
PROFILE_POOL = 4


# --------------------------------------------------------------------------- DOCX body

_LOCAL = threading.local()  # .anchors: id(grid) -> anchor columns per row, while one body is read


def _run_text(p) -> str:
    """Text of a paragraph element: w:t, tabs and breaks in order; skips mc:Fallback copies."""
    parts: list[str] = []
    stack = [iter([p])]
    while stack:
        try:
            el = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag == MC_FALLBACK:
            continue
        if tag == W + "t":
            parts.append(el.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "p" and el is not p:
            parts.append("\n")
            stack.append(iter(el))
        else:
            stack.append(iter(el))
    return "".join(parts)


def _cell_props(tc) -> tuple[int, str | None]:
    """(gridSpan, vMerge state) of a w:tc: vMerge is 'restart', 'continue' or None."""
    span, vm = 1, None
    pr = tc.find(W + "tcPr")
    if pr is not None:
        gs = pr.find(W + "gridSpan")
        if gs is not None:
            with contextlib.suppress(TypeError, ValueError):
                span = max(1, int(gs.get(W + "val")))
        v = pr.find(W + "vMerge")
        if v is not None:
            vm = "restart" if v.get(W + "val") == "restart" else "continue"
    return span, vm


def _block_lines(el, tables: list[Table]) -> list[str]:
    """Lines of a body-level element (paragraph, table, content control)."""
    tag = el.tag
    if tag == W + "p":
        return [_run_text(el)]
    if tag == W + "tbl":
        return _table_lines(el, tables)
    if tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "smartTag"):
        out: list[str] = []
        for child in el:
            if child.tag != W + "sdtPr":
                out.extend(_block_lines(child, tables))
        return out
    return []


def _cell_text(tc, tables: list[Table]) -> str:
    """Text of a table cell: its paragraphs (and nested tables) joined by newlines."""
    lines: list[str] = []
    for child in tc:
        lines.extend(_block_lines(child, tables))
    return "\n".join(lines).strip("\n")


def _table_lines(tbl, tables: list[Table]) -> list[str]:
    """Append the table to `tables` (merged cells repeated) and return its text lines."""
    raw_rows: list[list[tuple[str, int, str | None, int]]] = []
    nested: list[Table] = []
    for tr in tbl.iter(W + "tr"):
        if tr.getparent() is not tbl:
            continue
        col = 0
        trpr = tr.find(W + "trPr")
        if trpr is not None and trpr.find(W + "gridBefore") is not None:
            with contextlib.suppress(TypeError, ValueError):
                col = int(trpr.find(W + "gridBefore").get(W + "val"))
        row = []
        for tc in tr:
            if tc.tag == W + "sdt":  # content control wrapping cells
                tcs = list(tc.iter(W + "tc"))
            elif tc.tag == W + "tc":
                tcs = [tc]
            else:
                continue
            for cell in tcs:
                span, vm = _cell_props(cell)
                row.append((_cell_text(cell, nested), span, vm, col))
                col += span
        raw_rows.append(row)
    table, text_rows = _vmerge_grid(raw_rows)
    tables.append(table)
    _LOCAL.anchors[id(table)] = [[col for _, _, _, col in row] for row in raw_rows]
    tables.extend(nested)
    return ["\t".join(r) for r in text_rows if any(c.strip() for c in r)]


def _vmerge_grid(raw_rows: list[list[tuple[str, int, str | None, int]]]) -> tuple[Table, list[list[str]]]:
    """Grid with horizontal and vertical merges repeated; text rows hold anchor cells only."""
    width = max((c + s for r in raw_rows for _, s, _, c in r), default=0)
    grid = [["" for _ in range(width)] for _ in raw_rows]
    text_rows: list[list[str]] = []
    for r, row in enumerate(raw_rows):
        anchors = []
        for text, span, vm, col in row:
            if vm == "continue" and r > 0:
                value = grid[r - 1][col] if col < width else ""
            else:
                value = text
                anchors.append(text)
            for c in range(col, min(col + span, width)):
                grid[r][c] = value
        text_rows.append(anchors)
    return grid, text_rows


def read_docx(path: Path) -> tuple[str, list[Table], list[list[list[int]]], dict]:
    """Text, tables, their anchor columns (see tables.Anchors) and core properties of a DOCX file."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds
        raise ExtractionError(f"unreadable DOCX: {type(e).__name__}: {e}"[:300]) from e
    tables: list[Table] = []
    lines: list[str] = []
    _LOCAL.anchors = {}
    try:
        for el in document.element.body:
            lines.extend(_block_lines(el, tables))
        anchors = [_LOCAL.anchors.get(id(t), []) for t in tables if t]
    finally:
        _LOCAL.anchors = {}
    text = clean_extracted_text("\n".join(lines))
    tables = [[[clean_extracted_text(c) for c in row] for row in t] for t in tables if t]
    return text, tables, anchors, _core_meta(document)


def _core_meta(document) -> dict:
    """Title/author/dates from docProps/core.xml (provenance; dates often precede publication)."""
    meta: dict = {}
    try:
        cp = document.core_properties
    except Exception:  # noqa: BLE001
        return meta
    for key in ("title", "author", "last_modified_by", "created", "modified"):
        val = getattr(cp, key, None)
        if val:
            meta[key] = val.isoformat() if hasattr(val, "isoformat") else str(val)
    return meta


def extract_docx(path: Path, fmt: str = "docx", meta: dict | None = None) -> ExtractedDocument:
    """One Page holding the whole body (DOCX has no reliable page breaks)."""
    text, tables, anchors, core = read_docx(path)
    doc_meta: dict = {"core": core} if core else {}
    doc_meta["table_anchors"] = [anchors]
    doc_meta.update(meta or {})
    engine = f"python-docx {lib_version('python-docx')}"
    if fmt != "docx":
        engine = f"libreoffice {soffice_version()}->docx+" + engine
    return ExtractedDocument(
        format=fmt,
        pages=[Page(1, text, tables)],
        engine=engine,
        title_hint=metadata_title(core.get("title")),
        meta=doc_meta,
    )


# --------------------------------------------------------------------------- LibreOffice


def soffice_binary() -> str | None:
    """Path of soffice/libreoffice, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


_SOFFICE_VERSION: str | None = None


def soffice_version() -> str:
    """'7.4.7.2' (cached; '?' if unknown)."""
    global _SOFFICE_VERSION
    if _SOFFICE_VERSION is None:
        exe = soffice_binary()
        _SOFFICE_VERSION = "?"
        if exe:
            try:
                out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
                m = re.search(r"LibreOffice ([\d.]+)", out.stdout)
                _SOFFICE_VERSION = m.group(1) if m else "?"
            except (OSError, subprocess.TimeoutExpired):
                pass
    return _SOFFICE_VERSION


@contextlib.contextmanager
def _profile() -> Iterator[tuple[Path, bool]]:
    """A private LibreOffice profile directory from the pool (exclusive while held).

    Yields (profile dir, warm) where warm says the profile already existed.
    """
    profile_root = get_settings().lo_profiles
    profile_root.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + 600
    while True:
        for k in range(PROFILE_POOL):
            lock_path = profile_root / f"profile-{k}.lock"
            fh = open(lock_path, "a+")  # noqa: SIM115 - held for the duration of the block
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.close()
                continue
            try:
                prof = profile_root / f"profile-{k}"
                yield prof, prof.exists()
                return
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
                fh.close()
        if time.monotonic() > deadline:
            raise ExtractionError("LibreOffice profile pool busy for 600 s")
        time.sleep(0.2)


def _run_soffice(cmd: list[str], timeout_s: float) -> tuple[int | None, str]:
    """Run soffice in its own process group; kill the whole group on timeout."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"),
    )
    try:
        out, err = proc.communicate(timeout=timeout_s)
        return proc.returncode, (out + err).decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, ""


@contextlib.contextmanager
def soffice_convert(src: Path, src_ext: str, target: str, timeout_s: float = 90.0) -> Iterator[tuple[Path, dict]]:
    """Convert `src` to `target` (docx/xlsx) in a temp dir; yields (output path, timing meta).

    The input is copied under an ASCII name with the extension of its *sniffed* format so
    LibreOffice picks the right filter regardless of the original name. A hang is killed
    and retried once with the same profile.
    """
    exe = soffice_binary()
    if not exe:
        raise ExtractionError(f"unsupported: {src_ext} needs LibreOffice (soffice not installed)")
    with tempfile.TemporaryDirectory(prefix="selfeval-conv-") as tmp:
        inp = Path(tmp) / f"input.{src_ext}"
        shutil.copyfile(src, inp)
        outdir = Path(tmp) / "out"
        outdir.mkdir()
        meta: dict = {}
        with _profile() as (prof, warm):
            cmd = [
                exe, f"-env:UserInstallation={prof.as_uri()}", "--headless", "--invisible", "--nologo",
                "--norestore", "--nodefault", "--nolockcheck", "--convert-to", target, "--outdir", str(outdir), str(inp),
            ]
            meta["soffice_profile_warm"] = warm
            out = outdir / f"input.{target}"
            for attempt in (1, 2):
                t0 = time.monotonic()
                rc, log = _run_soffice(cmd, timeout_s)
                meta["convert_s"] = round(time.monotonic() - t0, 3)
                meta["convert_attempts"] = attempt
                if rc is not None:
                    break
            if rc is None:
                raise ExtractionError(f"LibreOffice conversion timeout after {timeout_s:.0f} s (tried twice)")
        if not out.exists() or out.stat().st_size == 0:
            tail = " ".join(log.split())[-200:]
            raise ExtractionError(f"LibreOffice could not convert {src_ext} to {target} (rc={rc}): {tail}")
        yield out, meta


def extract_legacy_word(path: Path, fmt: str, limits: Limits) -> ExtractedDocument:
    """DOC / WPS: convert to DOCX with LibreOffice, then read it like any DOCX.

    A Kingsoft .wps is a Word-binary container, and LibreOffice would take a file named
    .wps for Microsoft Works, so both are handed over as .doc.
    """
    from .biff import word_is_encrypted

    if word_is_encrypted(path.read_bytes()):
        raise ExtractionError(f"encrypted {fmt.upper()} (password required)")
    with soffice_convert(path, "doc", "docx", timeout_s=limits.soffice_timeout_s) as (out, meta):
        doc = extract_docx(out, fmt=fmt, meta=meta)
    return doc
