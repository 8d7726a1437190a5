"""ZIP containers: OOXML package checks and archives that hold several reports.

Both DOCX/XLSX packages and plain archives are ZIPs, so both get the same hostile-input
checks before anything decompresses them: member count, declared total size, per-member
compression ratio, and (for OOXML) no DTD in the prolog of any XML part — OOXML never
uses one, so a DOCTYPE means an XXE or entity-expansion attempt. Archive members are extracted with a
running byte count, so a member lying about its size cannot exceed the cap either.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..model import ExtractedDocument, Page
from .base import ExtractionError, Limits

MB = 1 << 20
PROLOG_MAX = 1 << 20
SKIP_MEMBERS = ("__MACOSX/", ".DS_Store", "Thumbs.db")


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise ExtractionError(f"corrupt ZIP container: {e}") from e


def check_zip_limits(zf: zipfile.ZipFile, limits: Limits, what: str = "archive") -> None:
    """Reject zip bombs by their central directory: counts, declared sizes, ratios."""
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise ExtractionError(f"zip bomb: {len(infos)} members > limit {limits.max_zip_members} in {what}")
    total = sum(i.file_size for i in infos)
    cap = limits.max_unzipped_mb * MB
    if total > cap:
        raise ExtractionError(f"zip bomb: uncompressed {_size(total)} > limit {_size(cap)} in {what}")
    for i in infos:
        if i.file_size > 10 * MB and i.compress_size and i.file_size / i.compress_size > limits.max_zip_ratio:
            ratio = i.file_size / i.compress_size
            raise ExtractionError(f"zip bomb: member {i.filename!r} compression ratio {ratio:.0f}:1 ({_size(i.file_size)})")


def _size(n: float) -> str:
    return f"{n / (1 << 30):.1f} GB" if n >= 1 << 30 else f"{n / MB:.1f} MB"


def read_member_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Decompress one member, stopping with an error once more than `cap` bytes came out."""
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            out += chunk
            if len(out) > cap:
                raise ExtractionError(f"zip bomb: member {info.filename!r} inflates beyond {_size(cap)}")
    return bytes(out)


def check_ooxml(path: Path, limits: Limits, fmt: str) -> None:
    """Zip-bomb and XXE checks for a DOCX/XLSX package before a library parses it."""
    with _open_zip(path) as zf:
        check_zip_limits(zf, limits, what=fmt)
        names = {i.filename for i in zf.infolist()}
        if "EncryptedPackage" in names:
            raise ExtractionError(f"encrypted {fmt} (password-protected package)")
        for info in zf.infolist():
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with zf.open(info) as fh:
                    head = fh.read(PROLOG_MAX)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as e:
                raise ExtractionError(f"corrupt {fmt} package: member {info.filename!r}: {e}") from e
            if prolog_has_dtd(head):
                raise ExtractionError(f"XXE: DTD/entity declaration in {fmt} part {info.filename!r}")


def prolog_has_dtd(head: bytes) -> bool:
    """Whether an XML document declares a DTD before its root element.

    Walks the prolog (XML declaration, comments, processing instructions) instead of
    searching a fixed prefix, so a long comment cannot push the DOCTYPE out of sight.
    A prolog longer than PROLOG_MAX counts as hostile too.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        text = head.decode("utf-8", "replace")
    pos, n = 0, len(text)
    while pos < n:
        while pos < n and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if text.startswith("<?", pos):
            close = "?>"
        elif text.startswith("<!--", pos):
            close = "-->"
        elif text.startswith("<!", pos):
            return True  # <!DOCTYPE / <!ENTITY
        else:
            return False  # root element (or no markup at all)
        end = text.find(close, pos)
        if end < 0:
            return len(head) >= PROLOG_MAX
        pos = end + len(close)
    return False


def member_name(info: zipfile.ZipInfo) -> str:
    """Member name, re-decoded as GB18030 when the UTF-8 flag is unset (Chinese Windows zips)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _member_kind(names: list[str]) -> str | None:
    """Other ZIP-based formats that are not archives of reports (OFD packages are sniffed as "ofd" and
    read by `ofd.py`; an .ofd inside an archive is a member like any other)."""
    lower = [n.lower() for n in names]
    if any(n.startswith("ppt/") for n in lower):
        return "pptx"
    if "mimetype" in lower and any(n == "content.xml" for n in lower):
        return "odf"
    return None


ExtractFn = Callable[..., ExtractedDocument]


def extract_zip(path: Path, limits: Limits, depth: int, extract_fn: ExtractFn) -> ExtractedDocument:
    """Every member document in order; Page.name is the member name (plus '/sheet')."""
    if depth >= limits.max_archive_depth:
        raise ExtractionError(f"nested archive depth {depth + 1} > limit {limits.max_archive_depth}")
    with _open_zip(path) as zf:
        check_zip_limits(zf, limits)
        kind = _member_kind(zf.namelist())
        if kind:
            raise ExtractionError(f"unsupported: {kind} package")
        infos = [i for i in zf.infolist() if not i.is_dir() and not i.filename.startswith(SKIP_MEMBERS)]
        pages: list[Page] = []
        members: list[dict] = []
        warnings: list[str] = []
        budget = int(limits.max_unzipped_mb * MB)
        tmp = Path(tempfile.mkdtemp(prefix="selfeval-zip-"))
        try:
            for k, info in enumerate(infos):
                name = member_name(info)
                rec: dict = {"name": name}
                members.append(rec)
                if info.flag_bits & 0x1:
                    rec["error"] = "encrypted member"
                    warnings.append(f"{name}: encrypted member skipped")
                    continue
                data = read_member_capped(zf, info, budget)
                budget -= len(data)
                target = tmp / f"m{k}{PurePosixPath(name).suffix[:10]}"
                target.write_bytes(data)
                try:
                    doc = extract_fn(target, name_hint=name, _depth=depth + 1, limits=limits)
                except ExtractionError as e:
                    rec["error"] = e.reason
                    warnings.append(f"{name}: {e.reason}")
                    continue
                finally:
                    target.unlink(missing_ok=True)
                rec.update(format=doc.format, pages=len(doc.pages), ocr=doc.ocr)
                warnings.extend(f"{name}: {w}" for w in doc.warnings)
                for p in doc.pages:
                    label = name if p.name is None else f"{name}/{p.name}"
                    pages.append(Page(len(pages) + 1, p.text, p.tables, ocr=p.ocr, name=label))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if not pages:
        reasons = "; ".join(f"{m['name']}: {m.get('error', 'empty')}" for m in members[:5])
        raise ExtractionError(f"archive has no readable documents ({len(members)} members) {reasons}".strip())
    return ExtractedDocument(
        format="zip",
        pages=pages,
        engine="zipfile+" + "+".join(sorted({m["format"] for m in members if "format" in m})),
        ocr=any(p.ocr for p in pages),
        warnings=warnings,
        meta={"members": members},
    )
