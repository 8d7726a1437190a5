"""Text cleaning for extractor output and the normalised matching copy.

Two different things live here, on purpose side by side:

* `clean_extracted_text` is applied by every reader to what it outputs (Page.text and
  table cells). It only removes garbage that no one wants as evidence: PDF `(cid:NN)`
  glyph codes, radical look-alikes (⼀ U+2F00 for 一, ⻓ U+2ED3 for 长), control
  characters and CR line ends. Everything else (full-width digits, odd spaces, layout
  line breaks) stays, because evidence spans must point into exactly this text.
* `normalize_text` / `normalize_with_map` build the *matching copy* used by field
  extraction: NFKC, odd spaces folded, spaces between CJK removed, layout line breaks
  inside a sentence joined. `normalize_with_map` also returns, for every output
  character, the index of the raw character it came from, so a match in the copy maps
  back to an exact raw span.

Every rule in the matching copy looks only at the characters directly around the place it
changes (never at whole-line statistics). That keeps the offset map honest: normalising
the raw span that a normalised substring maps back to gives that substring again.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement (U+2E80–U+2EF3) -> the unified ideograph it stands for, from
# Unicode's EquivalentUnifiedIdeograph.txt. NFKC maps only U+2E9F (母) and U+2EF3 (龟);
# U+2E80 and U+2E9A have no equivalent. Kangxi Radicals (U+2F00–U+2FD5) all fold via NFKC.
_SUPPLEMENT_HEX = (
    "2E81:5382,2E82:4E5B,2E83:4E5A,2E84:4E59,2E85:4EBB,2E86:5182,2E87:20628,2E88:5200,2E89:5202,"
    "2E8A:535C,2E8B:353E,2E8C:5C0F,2E8D:5C0F,2E8E:5140,2E8F:5C23,2E90:5C22,2E91:21BC2,2E92:5DF3,"
    "2E93:5E7A,2E94:5F51,2E95:2B739,2E96:5FC4,2E97:5FC3,2E98:624C,2E99:6535,2E9B:65E1,2E9C:65E5,"
    "2E9D:6708,2E9E:6B7A,2E9F:6BCD,2EA0:6C11,2EA1:6C35,2EA2:6C3A,2EA3:706C,2EA4:722B,2EA5:722B,"
    "2EA6:4E2C,2EA7:725B,2EA8:72AD,2EA9:738B,2EAA:24D14,2EAB:76EE,2EAC:793A,2EAD:793B,2EAE:25AD7,"
    "2EAF:7CF9,2EB0:7E9F,2EB1:7F53,2EB2:7F52,2EB3:34C1,2EB4:5197,2EB5:2626B,2EB6:7F8A,2EB7:2634C,"
    "2EB8:2634B,2EB9:8002,2EBA:8080,2EBB:807F,2EBC:8089,2EBD:26951,2EBE:8279,2EBF:8279,2EC0:8279,"
    "2EC1:864E,2EC2:8864,2EC3:8980,2EC4:897F,2EC5:89C1,2EC6:89D2,2EC7:278B2,2EC8:8BA0,2EC9:8D1D,"
    "2ECA:27FB7,2ECB:8F66,2ECC:8FB6,2ECD:8FB6,2ECE:8FB6,2ECF:9091,2ED0:9485,2ED1:9577,2ED2:9578,"
    "2ED3:957F,2ED4:95E8,2ED5:28E0F,2ED6:961D,2ED7:96E8,2ED8:9752,2ED9:97E6,2EDA:9875,2EDB:98CE,"
    "2EDC:98DE,2EDD:98DF,2EDE:2967F,2EDF:98E0,2EE0:9963,2EE1:29810,2EE2:9A6C,2EE3:9AA8,2EE4:9B3C,"
    "2EE5:9C7C,2EE6:9E1F,2EE7:5364,2EE8:9EA6,2EE9:9EC4,2EEA:9EFE,2EEB:6589,2EEC:9F50,2EED:6B6F,"
    "2EEE:9F7F,2EEF:7ADC,2EF0:9F99,2EF1:9F9C,2EF2:4E80,2EF3:9F9F"
)
RADICAL_SUPPLEMENT_MAP: dict[str, str] = {
    chr(int(a, 16)): chr(int(b, 16)) for a, b in (p.split(":") for p in _SUPPLEMENT_HEX.split(","))
}

# Wingdings / Wingdings 2 checkbox glyphs that PDF exports leave in the private-use area.
# A ticked box next to 优/良 is evidence for the grade, so keep it readable.
PUA_GLYPHS: dict[str, str] = {
    "\uf052": "☑",  # Wingdings 2 'R'
    "\uf053": "☒",  # Wingdings 2 'S'
    "\uf0a3": "□",  # Wingdings 2 '£'
    "\uf0fe": "☑",  # Wingdings 0xFE
    "\uf0a8": "□",  # Wingdings 0xA8
    "\uf06f": "□",  # Wingdings 'o'
    "\uf0fc": "✓",  # Wingdings 0xFC
}

_CID_RE = re.compile(r"\(cid:\d+\)")
_ODD_SPACES = set("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_TERMINAL = set("。！？；：…!?;:")
_HEADING_START = set("（(【〔[第一二三四五六七八九十■●◆◇□☑※—-─－·•")


def is_radical(ch: str) -> bool:
    """True for Kangxi Radicals and CJK Radicals Supplement code points (look-alike glyphs)."""
    return "\u2e80" <= ch <= "\u2fdf"


def fold_radical(ch: str) -> str:
    """Map a radical look-alike to the ideograph it renders as (identity for other chars)."""
    if "\u2f00" <= ch <= "\u2fd5":
        return unicodedata.normalize("NFKC", ch)
    return RADICAL_SUPPLEMENT_MAP.get(ch, ch)


def _clean_table() -> dict[int, str | None]:
    """str.translate table for `clean_extracted_text` (C speed on million-char PDFs)."""
    table: dict[int, str | None] = {}
    for cp in range(0x2F00, 0x2FD6):
        table[cp] = unicodedata.normalize("NFKC", chr(cp))
    for ch, target in RADICAL_SUPPLEMENT_MAP.items():
        table[ord(ch)] = target
    for ch, target in PUA_GLYPHS.items():
        table[ord(ch)] = target
    for cp in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):
        table[cp] = None
    table[0x09], table[0x0A] = "\t", "\n"
    table[0x02] = "-"  # PDFium's marker for a hyphen at a line end
    for ch in _ZERO_WIDTH | {"\ufffe", "\uffff"}:
        table[ord(ch)] = None
    return table


_CLEAN = _clean_table()


def clean_extracted_text(s: str) -> str:
    """Strip extraction garbage from reader output; see the module docstring for why only this."""
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _CID_RE.sub("", s)
    return s.translate(_CLEAN)


def count_cid(s: str) -> int:
    """Number of `(cid:NN)` codes in a string (reported as a warning before cleaning)."""
    return len(_CID_RE.findall(s))


# ---------------------------------------------------------------------------------------
# matching copy


def _is_cjk(ch: str) -> bool:
    """CJK ideographs (BMP and supplementary planes) and compatibility ideographs."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or o == 0x3007
    )


def _is_cjk_punct(ch: str) -> bool:
    """CJK and full-width punctuation (after NFKC most full-width forms became ASCII)."""
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or ch in "“”‘’—…·、"


def _wide(ch: str) -> bool:
    """Characters next to which a space is layout, not a word separator."""
    return _is_cjk(ch) or _is_cjk_punct(ch) or ch in "，。；：！？（）【】《》"


def _map_chars(s: str) -> list[tuple[str, int, bool]]:
    """Per-character mapping step: NFKC, radicals, odd spaces, CR, invisible characters.

    Each output char carries its raw index and whether its raw char is "wide" (CJK or
    full-width), so spacing rules still see that "：" was full-width after NFKC made it ":".
    """
    out: list[tuple[str, int, bool]] = []
    n = len(s)
    for i, ch in enumerate(s):
        if ch == "\r":
            if i + 1 < n and s[i + 1] == "\n":
                continue
            out.append(("\n", i, False))
            continue
        if ch in _ODD_SPACES:
            out.append((" ", i, False))
            continue
        if ch in _ZERO_WIDTH or (unicodedata.category(ch) == "Cc" and ch not in "\t\n"):
            continue
        if is_radical(ch):
            mapped = fold_radical(ch)
        elif ch in PUA_GLYPHS:
            mapped = PUA_GLYPHS[ch]
        else:
            mapped = unicodedata.normalize("NFKC", ch)
        wide = _wide(ch) or 0xFF01 <= ord(ch) <= 0xFF5E
        for m in mapped:
            if m in _ODD_SPACES:
                m = " "
            out.append((m, i, wide or _wide(m)))
    return out


def _drop_space(prev: str | None, prev_wide: bool, nxt: str | None, nxt_wide: bool) -> bool:
    """Whether a run of spaces between `prev` and `nxt` is layout to be removed.

    Removed at line/cell edges and next to CJK or full-width characters when the other
    side is CJK, a digit or punctuation ("2023 年度" -> "2023年度", "时间： 2022 年" ->
    "时间:2022年"). Kept between two Latin/digit tokens. A missing neighbour (span edge)
    keeps the space, which is what makes the offset-map property hold on sub-spans.
    """
    if prev is None or nxt is None:
        return False
    if prev in "\n\t" or nxt in "\n\t":
        return True
    if prev_wide and (nxt_wide or nxt.isdigit() or not nxt.isalnum()):
        return True
    if nxt_wide and (prev.isdigit() or not prev.isalnum()):
        return True
    return False


def _join_lines(prev: str | None, nxt: str | None) -> bool:
    """Whether a line break between `prev` and `nxt` is a PDF layout break inside a sentence.

    Joined when the line ends in an ideograph or in-sentence punctuation and the next line
    starts with an ideograph or digit that does not look like a heading or list marker.
    """
    if prev is None or nxt is None:
        return False
    if prev in _TERMINAL or not (_is_cjk(prev) or prev in "，、“‘（《"):
        return False
    if nxt in _HEADING_START:
        return False
    return _is_cjk(nxt) or nxt.isdigit() or nxt in "”’）》，、。"


def _table_row_near(chars: list[tuple[str, int, bool]], k: int, j: int, reach: int = 300) -> bool:
    """True when the line before index k or the line from index j is a TAB-separated table row.

    Table rows (one row per line, cells separated by TAB) must stay on their own lines.
    This is the one rule that looks beyond the neighbouring characters: a span that starts
    inside the last cell of a row and runs into the next line can normalise differently
    on its own (documented limitation of the offset-map property).
    """
    for x in range(k - 1, max(-1, k - 1 - reach), -1):
        c = chars[x][0]
        if c == "\n":
            break
        if c == "\t":
            return True
    for x in range(j, min(len(chars), j + reach)):
        c = chars[x][0]
        if c == "\n":
            break
        if c == "\t":
            return True
    return False


def normalize_with_map(s: str) -> tuple[str, list[int]]:
    """Normalised matching copy of `s` plus, per output char, the index of its raw source char.

    The map is non-decreasing. Characters produced by one raw character (NFKC expansions
    such as ㈠ -> (一)) share that index; a substring is mapped back with
    `raw[m[i] : m[j - 1] + 1]`.
    """
    chars = _map_chars(s)
    out_c: list[str] = []
    out_w: list[bool] = []
    out_i: list[int] = []
    n = len(chars)
    k = 0
    while k < n:
        ch, idx, wide = chars[k]
        if ch == " " or ch == "\n":
            j = k
            while j < n and chars[j][0] in " \n":
                j += 1
            prev = out_c[-1] if out_c else None
            prev_wide = out_w[-1] if out_w else False
            nxt, nxt_wide = (chars[j][0], chars[j][2]) if j < n else (None, False)
            first_nl = next((x for x in range(k, j) if chars[x][0] == "\n"), None)
            if first_nl is not None:
                if not _join_lines(prev, nxt) or _table_row_near(chars, k, j):
                    out_c.append("\n")
                    out_w.append(False)
                    out_i.append(chars[first_nl][1])
            elif not _drop_space(prev, prev_wide, nxt, nxt_wide):
                out_c.append(" ")
                out_w.append(False)
                out_i.append(idx)
            k = j
            continue
        out_c.append(ch)
        out_w.append(wide)
        out_i.append(idx)
        k += 1
    return "".join(out_c), out_i


def normalize_text(s: str) -> str:
    """The normalised matching copy of `s` (see `normalize_with_map`)."""
    return normalize_with_map(s)[0]


def raw_span(mapping: list[int], start: int, end: int) -> tuple[int, int]:
    """Raw [start, end) span for the normalised span [start, end) (end > start)."""
    if end <= start:
        raise ValueError("empty span")
    return mapping[start], mapping[end - 1] + 1
