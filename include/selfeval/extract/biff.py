"""Which cells of an XLS (BIFF8) workbook are formatted as percentages.

calamine returns the stored number (0.873) but not its format; the 执行率 column of a
自评表 is a percent-formatted number, so reading it as "0.873" would mislead. This walks
the Workbook stream records (FORMAT, XF, BOUNDSHEET, then NUMBER/RK/MULRK/FORMULA of each
sheet) just far enough to know each numeric cell's number format.
"""

from __future__ import annotations

import re
import struct

from .ole import OleFile

REC_BOF, REC_EOF, REC_FORMAT, REC_XF, REC_BOUNDSHEET = 0x0809, 0x000A, 0x041E, 0x00E0, 0x0085
REC_NUMBER, REC_RK, REC_MULRK, REC_FORMULA = 0x0203, 0x027E, 0x00BD, 0x0006
REC_FILEPASS = 0x002F
BUILTIN_PERCENT = {9: 0, 10: 2}


def _records(stream: bytes, start: int = 0):
    """(type, offset, payload) of each BIFF record from `start` (bounded by the stream)."""
    pos, n = start, len(stream)
    while pos + 4 <= n:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        yield rtype, pos, stream[pos + 4 : pos + 4 + length]
        pos += 4 + length


def _unicode_string(buf: bytes, off: int) -> str:
    """XLUnicodeString (16-bit count, flags, chars)."""
    cch, flags = struct.unpack_from("<HB", buf, off)
    if flags & 1:
        return buf[off + 3 : off + 3 + 2 * cch].decode("utf-16-le", "replace")
    return buf[off + 3 : off + 3 + cch].decode("latin-1")


def percent_decimals(code: str) -> int | None:
    """'0.00%' -> 2; None when the format is not a percent."""
    stripped = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code.split(";")[0])
    if "%" not in stripped:
        return None
    m = re.search(r"\.(0+)", stripped)
    return len(m.group(1)) if m else 0


def _globals(stream: bytes) -> tuple[dict[int, int], list[int]]:
    """Percent XF index -> decimals, and the stream offsets of worksheet BOFs in order."""
    formats: dict[int, str] = {}
    xf_fmt: list[int] = []
    sheets: list[int] = []
    for rtype, _, p in _records(stream):
        if rtype == REC_FORMAT and len(p) >= 5:
            formats[struct.unpack_from("<H", p, 0)[0]] = _unicode_string(p, 2)
        elif rtype == REC_XF and len(p) >= 4:
            xf_fmt.append(struct.unpack_from("<H", p, 2)[0])
        elif rtype == REC_BOUNDSHEET and len(p) >= 6:
            sheets.append(struct.unpack_from("<I", p, 0)[0])
        elif rtype == REC_EOF:
            break
    pct: dict[int, int] = {}
    for i, f in enumerate(xf_fmt):
        d = percent_decimals(formats[f]) if f in formats else BUILTIN_PERCENT.get(f)
        if d is not None:
            pct[i] = d
    return pct, sheets


def _sheet_cells(stream: bytes, bof: int, pct_xf: dict[int, int]) -> dict[tuple[int, int], int]:
    """(row, col) -> decimals for the percent-formatted numeric cells of one sheet."""
    cells: dict[tuple[int, int], int] = {}
    first = True
    for rtype, _, p in _records(stream, bof):
        if first:
            first = False
            continue
        if rtype == REC_EOF:
            break
        if rtype in (REC_NUMBER, REC_RK, REC_FORMULA) and len(p) >= 6:
            row, col, xf = struct.unpack_from("<HHH", p, 0)
            if xf in pct_xf:
                cells[(row, col)] = pct_xf[xf]
        elif rtype == REC_MULRK and len(p) >= 6:
            row, col = struct.unpack_from("<HH", p, 0)
            for k in range((len(p) - 6) // 6):
                xf = struct.unpack_from("<H", p, 4 + 6 * k)[0]
                if xf in pct_xf:
                    cells[(row, col + k)] = pct_xf[xf]
    return cells


def biff_percent_cells(data: bytes) -> dict[int, dict[tuple[int, int], int]]:
    """Per sheet index, the percent-formatted cells of an XLS file's Workbook stream."""
    stream = workbook_stream(data)
    pct_xf, sheets = _globals(stream)
    if not pct_xf:
        return {}
    return {i: _sheet_cells(stream, bof, pct_xf) for i, bof in enumerate(sheets) if bof < len(stream)}


def workbook_stream(data: bytes) -> bytes:
    """The BIFF stream of an XLS/ET file (Workbook, or Book for BIFF5)."""
    ole = OleFile(data)
    try:
        return ole.read_stream("Workbook")
    except ValueError:
        return ole.read_stream("Book")


def biff_is_encrypted(data: bytes) -> bool:
    """True when the workbook globals carry a FILEPASS record (password-protected XLS)."""
    try:
        stream = workbook_stream(data)
    except ValueError:
        return False
    for rtype, _, _ in _records(stream):
        if rtype == REC_FILEPASS:
            return True
        if rtype == REC_EOF:
            break
    return False


def word_is_encrypted(data: bytes) -> bool:
    """True when a Word binary's FIB has fEncrypted set (password-protected DOC/WPS)."""
    try:
        fib = OleFile(data).read_stream("WordDocument")[:32]
    except ValueError:
        return False
    return len(fib) > 0x0B and fib[:2] == b"\xec\xa5" and bool(fib[0x0B] & 0x01)
