"""File names from Content-Disposition and link text, without mojibake and without path tricks.

Government download servlets send every variant: RFC 5987/6266 `filename*=UTF-8''%E2…`
(sometimes with `GBK''`), percent-encoded UTF-8 *or GBK* in plain `filename=`,
RFC 2047 `=?UTF-8?B?…?=` words, and raw GBK or UTF-8 bytes, which reach us as
latin-1 text because HTTP headers are decoded as ISO-8859-1.
"""

from __future__ import annotations

import base64
import quopri
import re
import unicodedata
from urllib.parse import unquote_to_bytes

_EXT_STAR = re.compile(r"filename\*\s*=\s*([\w-]*)'[^']*'([^;]+)", re.I)
_PLAIN = re.compile(r'filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))', re.I)
_RFC2047 = re.compile(r"=\?([\w-]+)\?([bqBQ])\?([^?]+)\?=")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def _bytes_to_text(data: bytes, hint: str | None = None) -> str:
    """UTF-8 if it is valid UTF-8 (it rarely is by accident), else the hinted charset, else GB18030."""
    for enc in ("utf-8", _widen(hint), "gb18030"):
        if not enc:
            continue
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def _widen(charset: str | None) -> str | None:
    if not charset:
        return None
    c = charset.lower()
    return "gb18030" if c in ("gb2312", "gbk", "cp936", "x-gbk") else c


def _header_bytes(raw: str) -> bytes:
    """Recover the bytes the server sent: header text arrives decoded as latin-1."""
    try:
        return raw.encode("latin-1")
    except UnicodeEncodeError:
        return raw.encode("utf-8")


def _decode_2047(value: str) -> str:
    def repl(m: re.Match) -> str:
        charset, kind, payload = m.group(1), m.group(2).lower(), m.group(3)
        data = base64.b64decode(payload + "=" * (-len(payload) % 4)) if kind == "b" \
            else quopri.decodestring(payload.replace("_", " ").encode("ascii"))
        return _bytes_to_text(data, charset)

    return _RFC2047.sub(repl, value)


def decode_header_name(raw: str) -> str:
    """One `filename=` value as text, whatever of the above encodings it uses."""
    raw = raw.strip().strip('"')
    if "=?" in raw:
        return _decode_2047(raw)
    data = _header_bytes(raw)
    if b"%" in data and re.search(rb"%[0-9A-Fa-f]{2}", data):
        data = unquote_to_bytes(data)
    return _bytes_to_text(data)


def filename_from_headers(headers: dict[str, str]) -> str | None:
    """The file name a Content-Disposition header gives, preferring RFC 5987 `filename*`."""
    cd = headers.get("content-disposition")
    if not cd:
        return None
    m = _EXT_STAR.search(cd)
    if m:
        data = unquote_to_bytes(m.group(2).strip().strip('"'))
        return _bytes_to_text(data, m.group(1) or "utf-8")
    m = _PLAIN.search(cd)
    if m:
        value = m.group(1) if m.group(1) is not None else m.group(2)
        value = re.sub(r"\\(.)", r"\1", value)
        return decode_header_name(value) or None
    return None


def sanitise_name(name: str | None, max_len: int = 200) -> str | None:
    """No path traversal, no control or reserved characters, no Windows device names, bounded length."""
    if not name:
        return None
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        return None
    stem, dot, ext = name.rpartition(".")
    if (stem if dot else name).lower() in _RESERVED:
        name = "_" + name
    if len(name) > max_len:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: max_len - len(ext) - 1] + "." + ext) if dot and len(ext) <= 8 else name[:max_len]
    return name
