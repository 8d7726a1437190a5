"""Bytes to text without mojibake: the one decoder for list pages, detail pages and saved HTML/TXT files.

Order, from what Chinese portals actually serve:

1. a byte-order mark (UTF-8, UTF-16) wins;
2. strict UTF-8: crawlers and CMS migrations re-encode pages and leave the old `charset=gb2312` behind;
3. the declared charset (Content-Type header, else an XML declaration, else a `<meta>` in the first 4 KB),
   with gb2312/gbk widened to GB18030 (a superset: strict gb2312 turns A1A4 into ・ instead of ·, and 喆 is
   GBK only). Single-byte charsets decode any bytes, so a wrong declaration (Tomcat's default iso-8859-1
   header on GBK pages) would silently give mojibake: they are never trusted for non-ASCII bytes;
4. GB18030;
5. charset-normalizer's statistical guess;
6. GB18030 with replacement characters, so something readable always comes back.
"""

from __future__ import annotations

import codecs
import re

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)["']""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "ms936", "gb2312-80", "euc-cn", "csgb2312"}
_NEVER_TRUSTED = {"latin_1", "ascii", "cp1252", "iso8859-1"}  # codec names after codecs.lookup


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """Charset from the Content-Type header, else an XML declaration, else a <meta> tag; lower-cased."""
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            return m.group(1).lower()
    m = _XML_DECL.search(data[:512]) or _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def codec_for(name: str | None) -> str | None:
    """Python codec for a declared charset: gb2312/gbk widened to gb18030; single-byte and unknown → None."""
    if not name:
        return None
    name = name.lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec in _NEVER_TRUSTED else codec


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding used); see the module docstring for the order."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    tried = {"utf-8"}
    for enc in (codec_for(declared_charset(data, content_type)), "gb18030"):
        if enc and enc not in tried:
            tried.add(enc)
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("gb18030", "replace"), "gb18030 (replaced)"
