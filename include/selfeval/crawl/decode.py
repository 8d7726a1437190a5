"""Decode page bytes without mojibake.

Order: strict UTF-8 (many pages that declare gb2312 are really UTF-8), then the
declared charset with gb2312/gbk widened to gb18030 (a superset: characters such
as U+00B7 are outside GB2312), then gb18030, then a statistical detector.
"""

from __future__ import annotations

import re

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)["']""", re.I)
# Single-byte charsets decode any bytes, so a wrong declaration (Tomcat's default iso-8859-1
# header on GBK pages) would silently produce mojibake: they are never trusted for non-ASCII.
_NEVER_FAIL = {"iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030"}


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """Charset from the Content-Type header, else an XML declaration, else a <meta> tag."""
    if content_type:
        m = re.search(r"charset=([A-Za-z0-9_\-]+)", content_type, re.I)
        if m:
            return m.group(1).lower()
    m = _XML_DECL.search(data[:512]) or _META.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, content_type)
    candidates = []
    if declared and declared not in _NEVER_FAIL:
        candidates.append(_WIDEN.get(declared, declared))
    candidates.append("gb18030")
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("gb18030", errors="replace"), "gb18030-replace"
