"""Decide what a file really is from its bytes.

Portals and crawlers get extensions wrong all the time (HTML saved as .pdf, a scanned PDF
saved as .html, DOCX served as .doc), so dispatch never trusts the name. The name hint is
used only where the bytes are ambiguous: Kingsoft WPS/ET files are OLE2 containers with
the same streams as Word/Excel binaries.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import PurePath

from .ole import OLE_MAGIC, root_stream_names

FORMATS = ("pdf", "doc", "xls", "wps", "et", "ppt", "docx", "xlsx", "ofd", "zip", "rar", "html", "txt", "image", "unknown")

_HTML_MARKERS = (
    b"<html", b"<!doctype html", b"<head", b"<body", b"<meta", b"<title", b"<div", b"<script",
    b"<table", b"<p>", b"<p ", b"<span", b"<a href", b"<link", b"<style", b"<frameset", b"<iframe",
)


def _ext(name_hint: str | None) -> str:
    """Lower-case extension of a name hint without the dot ('' if none)."""
    if not name_hint:
        return ""
    return PurePath(name_hint).suffix.lower().lstrip(".")


# --------------------------------------------------------------------------- OLE2


def ole_root_streams(data: bytes) -> list[str]:
    """Names of the entries directly under the root storage of an OLE2 file ([] if broken)."""
    return root_stream_names(data)


def sniff_ole(data: bytes, name_hint: str | None = None) -> str:
    """doc / xls / wps / et / ppt for an OLE2 file, from its root stream names."""
    names = ole_root_streams(data)
    lower = {n.lower() for n in names}
    ext = _ext(name_hint)
    # WPS Office writes Word/Excel-compatible binaries (plus ETExtData and the like) for
    # both its own .wps/.et and for .doc/.xls, so the extension decides between them.
    if "worddocument" in lower:
        return "wps" if ext in ("wps", "wpt") else "doc"
    if "workbook" in lower or "book" in lower:
        return "et" if ext in ("et", "ett") else "xls"
    if any(n.startswith("wps") for n in lower):
        return "wps"
    if any(n.startswith(("etext", "kso_et")) for n in lower):
        return "et"
    if "powerpoint document" in lower:
        return "ppt"
    if "encryptedpackage" in lower:
        return "unknown"  # password-protected OOXML; extract_file reports it precisely
    by_ext = {"doc": "doc", "dot": "doc", "xls": "xls", "xlt": "xls", "wps": "wps", "et": "et", "ppt": "ppt"}
    return by_ext.get(ext, "unknown")


# --------------------------------------------------------------------------- ZIP


def zip_names(data: bytes) -> list[str]:
    """Member names of a ZIP; falls back to scanning local headers when truncated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        pass
    names = []
    for m in re.finditer(rb"PK\x03\x04", data[: 4 << 20]):
        off = m.start()
        if off + 30 > len(data):
            break
        n_len, x_len = struct.unpack_from("<HH", data, off + 26)
        names.append(data[off + 30 : off + 30 + n_len].decode("utf-8", "replace"))
    return names


def is_ofd_package(names: list[str]) -> bool:
    """An OFD (GB/T 33190) package: OFD.xml at the root (any case, a leading '/' or backslashes tolerated)."""
    return any(n.replace("\\", "/").lstrip("/").lower() == "ofd.xml" for n in names)


def sniff_zip(data: bytes) -> str:
    """ofd for OFD packages, docx / xlsx for OOXML packages, otherwise zip."""
    names = zip_names(data)
    if is_ofd_package(names):
        return "ofd"
    lower = [n.lower() for n in names]
    if any(n.startswith("word/") for n in lower):
        return "docx"
    if any(n.startswith("xl/") for n in lower):
        return "xlsx"
    return "zip"


# --------------------------------------------------------------------------- text kinds


def looks_like_html(data: bytes) -> bool:
    """Markup near the start of the bytes (after BOMs and whitespace)."""
    head = data[:4096]
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom) :]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    low = head.lstrip().lower()
    if low.startswith(b"<") and any(m in low for m in _HTML_MARKERS):
        return True
    return any(m in low[:1024] for m in (b"<html", b"<!doctype html"))


def looks_like_text(data: bytes) -> bool:
    """No NULs and few control bytes in the first 8 KB, decodable as UTF-8/UTF-16/GB18030."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if ctrl > len(head) * 0.01:
        return False
    for enc in ("utf-8", "gb18030"):
        try:
            head.decode(enc)
            return True
        except UnicodeDecodeError as e:
            if e.start >= len(head) - 4:  # cut inside a multi-byte char
                return True
    return False


def _is_image(data: bytes) -> bool:
    return (
        data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*"))
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        or (data[:2] == b"BM" and len(data) > 26 and struct.unpack_from("<I", data, 2)[0] == len(data))
    )


def sniff_format(data: bytes, name_hint: str | None = None) -> str:
    """The real format of `data`: one of FORMATS. `name_hint` only breaks OLE2 ties."""
    if not data:
        return "unknown"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return sniff_ole(data, name_hint)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return sniff_zip(data)
    if data.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if _is_image(data):
        return "image"
    if b"%PDF-" in data[:1024]:  # junk before the header is allowed by readers
        return "pdf"
    if looks_like_html(data):
        return "html"
    if looks_like_text(data):
        return "txt"
    return "unknown"
