"""The one text normaliser of the package: cleaning of extractor output and the matching copy.

Two different things live here, side by side on purpose:

* `clean_extracted_text` is applied by every reader to what it outputs (Page.text and table cells). It
  removes only garbage nobody wants as evidence: PDF `(cid:NN)` glyph codes, radical look-alikes (⼀
  U+2F00 for 一, ⻓ U+2ED3 for 长), control characters and CR line ends.  Everything else (traditional
  characters, full-width digits, odd spaces, layout line breaks) stays, because evidence spans must point
  into exactly this text (rule EV-01).
* `normalize_with_map` builds the *matching copy* every pattern of `understand` and `validate` is
  written against: traditional characters turned simplified (OpenCC's phrase-aware t2s tables, so
  績效自評報告 matches 绩效自评报告), NFKC (full-width digits and punctuation), radical glyphs mapped to
  ideographs, pinyin glosses of mirror pages dropped (监(jiān)督 -> 监督), whitespace dropped inside a
  line, and every run of line breaks kept as one "\n" (line structure carries table cells and headings;
  the `|` cell borders of pipe-rendered tables and the TABs between the cells of HTML/DOCX table rows (a line
  with two TABs or more) count as line breaks, so every table shape reads as one cell per line).  It also returns, for every output character, the index
  of the raw character it came from, so a match on the copy maps back to an exact raw span.

`fold` (comparison keys) and `fix_glyphs` (values stored from a raw snippet) are the same folding
applied to short strings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the file-name extensions of the documents portals publish, as one regex alternative: a page's text writes them
# after a title ('…自评报告.docx_第1页', '….PDFVIP'), which the title readers strip
DOC_EXT = r"(?:docx?|xlsx?|pdf|wps|et|ofd|pptx?|txt|html?)"

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
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_CELL_BARS = frozenset("|｜")  # a table cell border in `|`-rendered rows: a line break for matching
_NEWLINES = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")


def is_radical(ch: str) -> bool:
    """True for Kangxi Radicals and CJK Radicals Supplement code points (look-alike glyphs)."""
    return "\u2e80" <= ch <= "\u2fdf"


def fold_radical(ch: str) -> str:
    """Map a radical look-alike to the ideograph it renders as (identity for other chars)."""
    if "\u2f00" <= ch <= "\u2fd5":
        return unicodedata.normalize("NFKC", ch)
    return RADICAL_SUPPLEMENT_MAP.get(ch, ch)


# ---------------------------------------------------------------------------------------------------
# cleaning of extractor output


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
# any character `_CLEAN` changes: most text has none, and a regex scan is ~15x faster than translate
_CLEAN_CHANGES = re.compile("[" + "".join(re.escape(chr(k)) for k, v in _CLEAN.items() if v != chr(k)) + "]")


def clean_extracted_text(s: str) -> str:
    """Strip extraction garbage from reader output; see the module docstring for why only this."""
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _CID_RE.sub("", s)
    return s.translate(_CLEAN) if _CLEAN_CHANGES.search(s) else s


def count_cid(s: str) -> int:
    """Number of `(cid:NN)` codes in a string (reported as a warning before cleaning)."""
    return len(_CID_RE.findall(s))


# ---------------------------------------------------------------------------------------------------
# traditional -> simplified


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # the C++ OpenCC with its own dictionaries: phrase-aware, ~50 MB/s

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _t2s_char(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def _short_t2s(s: str, out: str) -> str:
    """A short value (a unit name from a traditional page) is converted whatever its count."""
    return out if len(out) == len(s) else "".join(_t2s_char(ch) for ch in s)


def to_simplified(s: str) -> str:
    """`s` in simplified characters, **same length as `s`** (offsets stay valid).

    OpenCC converts phrases (乾隆 stays, 於是 -> 于是); the rare phrase whose conversion changes the
    length is redone character by character on its line, so every index still points at its raw char.
    A long text with only a handful of convertible characters is simplified already and left alone.
    """
    if not s or s.isascii():
        return s
    out = _t2s().convert(s)
    changed = sum(a != b for a, b in zip(s, out, strict=True)) if len(out) == len(s) else len(s)
    if changed < max(3, len(s) // 200):
        # simplified text: a stray 乾/於 in a simplified place name (乾县) must not become 干/于
        return s if len(s) > 16 or changed == 0 else _short_t2s(s, out)
    if len(out) == len(s):
        return out
    lines = s.split("\n")
    conv = [_t2s().convert(line) for line in lines]
    return "\n".join(c if len(c) == len(line) else "".join(_t2s_char(ch) for ch in line)
                     for c, line in zip(conv, lines, strict=True))


# ---------------------------------------------------------------------------------------------------
# the matching copy


def _wrap_inside_amount(prev: str, nxt: str) -> bool:
    """A line break that splits an amount from its unit ("5137.69万\\n元", "87.30\\n%"), not two numbers."""
    if not prev or not nxt:
        return False
    if (prev.isdigit() or prev == ".") and nxt in "万亿元%千":
        return True
    return (prev in "万亿千" and nxt == "元") or (prev == "." and nxt.isdigit())


# a number the width cut ('…全年支出合计1,29' / '8.45万元…'): the head ends a long line right after its label, the rest
# opens the next line and runs to its unit
_NUMBER_HEAD = re.compile(r"[^\d.,\s|｜][\d,.]+$")
_NUMBER_REST = re.compile(r"[\d,.]+(?=\s*(?:亿元|万元|千元|元|%))")
_WHOLE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WRAPPED_LINE = 16  # the shortest line a PDF's width wraps (a form's cell, a score or a year alone is shorter)


def _wrap_inside_number(src: str, i: int, j: int) -> bool:
    """The line break src[i:j] cuts a number in a soft-wrapped sentence: the line before is long and ends in the
    number's head right after a label (no cell gap before it), the next line starts with the number's rest and
    its unit, and head and rest make one well-formed number ('1,29' + '8.45万元', '9' + '6.71%').  A table row's
    break ('…100' / '2024年…', cells on their own lines, a score and the next row's figure) is never joined."""
    line = unicodedata.normalize("NFKC", src[src.rfind("\n", 0, i) + 1:i]).strip()
    head = _NUMBER_HEAD.search(line)
    rest = _NUMBER_REST.match(unicodedata.normalize("NFKC", src[j:j + 24]))
    return bool(head and rest and len(line) >= _WRAPPED_LINE
                and _WHOLE_NUMBER.fullmatch(head.group(0)[1:] + rest.group(0)))


def fold_char(ch: str) -> str:
    """Fold one (already simplified) character: radical map, private-use checkbox glyphs, then NFKC."""
    if ch in _ZERO_WIDTH:
        return ""
    if is_radical(ch):
        return fold_radical(ch)
    if ch in PUA_GLYPHS:
        return PUA_GLYPHS[ch]
    if "\u2460" <= ch <= "\u2473":  # ① … ⑳: a list or column mark ('年中调整金额②'), never a figure: '(2)', not '2'
        return f"({ord(ch) - 0x245F})"
    return unicodedata.normalize("NFKC", ch)


def is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# a pinyin gloss that mirror sites insert after characters: 监(jiān)督, 乡（xiāng）
_PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[{_TONES}])[a-zü{_TONES}]{{1,7}}[)）]")


def _tab_row_tabs(src: str) -> set[int]:
    """Indices of the TABs of table rows: a line holding two TABs or more is a row of three cells or more (an HTML
    or DOCX table as its reader gives it), and its TABs are cell borders.  A single TAB ('实施单位:\t某中心', an OCR
    gap inside a title) is only a wide space."""
    if "\t" not in src:
        return set()
    out: set[int] = set()
    pos = 0
    for line in src.split("\n"):
        if line.strip().count("\t") >= 2:
            out.update(pos + k for k, ch in enumerate(line) if ch == "\t")
        pos += len(line) + 1
    return out


# a letter-spaced year, as a PDF's spaced headline extracts ('关 于 2 0 2 1 年 度 …'): its digits are one number
_SPACED_YEAR = re.compile(r"(?<![\d.,])[12１２][ \t\u3000\u00a0][09０９][ \t\u3000\u00a0]\d[ \t\u3000\u00a0]\d"
                          r"(?=[ \t\u3000\u00a0]?年)")


# an empty pair of quotes a PDF's text layer left when its font drew them apart from the word they enclose
# ('评价等级为“ ” 优 。' for '评价等级为“优”。')
_EMPTY_QUOTES = re.compile(r"[“\"][ \t\u3000\u00a0]*[”\"]")


def _dropped(src: str) -> set[int]:
    """Raw indices the matching copy leaves out (pinyin glosses of mirror pages, the spaces of a spaced year, an
    empty pair of quotes)."""
    out = {i for m in _SPACED_YEAR.finditer(src) for i in range(m.start() + 1, m.end(), 2)}
    if "“" in src:
        out |= {i for m in _EMPTY_QUOTES.finditer(src) for i in (m.start(), m.end() - 1)}
    if "(" not in src and "（" not in src:
        return out
    return out | {i for m in _PINYIN_GLOSS.finditer(src) for i in range(m.start(), m.end())}


def normalize_with_map(raw: str) -> tuple[str, list[int]]:
    """Fold `raw` for matching; return (normalised, index_map) with index_map[i] = raw index.

    Whitespace inside a line is dropped, except one space between two ASCII alphanumerics (so
    "1,478.93 830.35" stays two numbers); a TAB of a table row (two TABs or more on the line), like a `|`, is a
    cell border and reads as a line break.  A whitespace run that contains a line break becomes one
    "\\n" (structure for table cells and headings), unless it sits between two number/unit characters,
    where a PDF line wrap split "5137.69万\\n元".  The map is non-decreasing; characters produced by one
    raw character (NFKC expansions such as ㈠ -> (一)) share its index.
    """
    src = to_simplified(raw)
    drop = _dropped(src)
    tab_rows = _tab_row_tabs(src)
    out: list[str] = []
    idx: list[int] = []
    i, n = 0, len(src)
    while i < n:
        if i in drop:
            i += 1
            continue
        ch = src[i]
        folded = fold_char(ch) if ch not in _CELL_BARS else " "
        if folded and not folded.isspace():
            for c in folded:
                out.append(c)
                idx.append(i)
            i += 1
            continue
        if not folded:
            i += 1
            continue
        j = i
        has_nl = False
        while j < n and (src[j].isspace() or src[j] in _ZERO_WIDTH or src[j] in _CELL_BARS
                         or fold_char(src[j]).isspace()):
            has_nl = has_nl or src[j] in _NEWLINES or src[j] in _CELL_BARS or j in tab_rows
            j += 1
        prev = out[-1] if out else ""
        nxt = fold_char(src[j])[:1] if j < n else ""
        if has_nl:
            joined = _wrap_inside_amount(prev, nxt) or (
                (prev.isdigit() or prev in ",.") and (nxt.isdigit() or nxt in ",.") and _wrap_inside_number(src, i, j))
            if not joined and out and prev != "\n":
                out.append("\n")
                idx.append(i)
        elif (is_ascii_alnum(prev) or prev == "%") and is_ascii_alnum(nxt):
            out.append(" ")
            idx.append(i)
        i = j
    return "".join(out), idx


def normalize_text(s: str) -> str:
    """The matching copy of `s` (see `normalize_with_map`)."""
    return normalize_with_map(s)[0]


def raw_span(mapping: list[int], start: int, end: int) -> tuple[int, int]:
    """Raw [start, end) span for the normalised span [start, end) (end > start)."""
    if end <= start:
        raise ValueError("empty span")
    return mapping[start], mapping[end - 1] + 1


def find_spaced(text: str, needle: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """`needle` in `text` with any whitespace between its characters: a name or figure a narrow table cell wrapped
    ('龙陵县勐\n糯镇人民\n政府'), or one a table engine gives without the spaces the text layer put in
    ('2022年11' / '2022\n年 11')."""
    chars = [re.escape(c) for c in needle if not c.isspace()]
    if not chars:
        return None
    return re.compile(r"\s*".join(chars)).search(text, start, len(text) if end is None else end)


def fold(s: str) -> str:
    """Fold a value for storage/comparison: the matching copy with every whitespace dropped."""
    norm, _ = normalize_with_map(s)
    return "".join(norm.split())


def fix_glyphs(s: str) -> str:
    """A value stored from a raw snippet: simplified characters, radical glyphs replaced, whitespace
    dropped, pinyin glosses of mirror pages dropped (评(píng)价 -> 评价), full-width punctuation kept
    (湘西土家族苗族自治州（本级）stays as written)."""
    chars = []
    src = to_simplified(s)
    drop = _dropped(src)  # a mirror page's pinyin glosses are no part of a value
    for i, ch in enumerate(src):
        if ch.isspace() or ch in _ZERO_WIDTH or i in drop:
            continue
        chars.append(fold_radical(ch) if is_radical(ch) else ch)
    return "".join(chars)
