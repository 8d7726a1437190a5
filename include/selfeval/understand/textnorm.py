"""Normalise text for matching while keeping a map back to the raw characters.

Evidence must quote the raw extracted text (EV-01), but patterns are written
against a folded form: NFKC (full-width digits and punctuation), Kangxi and CJK
radical-supplement glyphs from PDF exports mapped to ideographs, and
whitespace dropped inside tokens ("2022 年 6月", "预 算 编 码").  Every
normalised character keeps the index of the raw character it came from, so a
match found on the copy maps back to an exact raw span.

This is private to `understand`; the extract package provides the shared
normaliser, and this one only has to agree with it on folding rules.
"""

from __future__ import annotations

import unicodedata

# NFKC maps the Kangxi block (U+2F00-U+2FD5) but only two CJK Radicals
# Supplement code points; these are the ones that stand for ordinary
# (mostly simplified) ideographs in exported PDFs.
_RADICALS_SUPPLEMENT = {
    "\u2e81": "厂", "\u2e84": "乙", "\u2e86": "冂", "\u2e87": "几", "\u2e8a": "卜", "\u2e8c": "小",
    "\u2e8d": "小", "\u2e8e": "兀", "\u2e8f": "尣", "\u2e90": "尢", "\u2e92": "巳", "\u2e93": "幺",
    "\u2e94": "彐", "\u2e95": "彐", "\u2e97": "心", "\u2e98": "扌", "\u2e99": "攵", "\u2e9b": "旡",
    "\u2e9d": "月", "\u2e9e": "歹", "\u2e9f": "母", "\u2ea0": "民", "\u2ea1": "氵", "\u2ea2": "氺",
    "\u2ea3": "灬", "\u2ea4": "爫", "\u2ea6": "丬", "\u2ea7": "牛", "\u2ea8": "犭", "\u2ea9": "王",
    "\u2eaa": "疋", "\u2eab": "罒", "\u2eac": "示", "\u2ead": "礻", "\u2eae": "竹", "\u2eaf": "糸",
    "\u2eb0": "纟", "\u2eb2": "罒", "\u2eb3": "罓", "\u2eb6": "羊", "\u2eb7": "羊", "\u2eb9": "耂",
    "\u2eba": "肀", "\u2ebb": "聿", "\u2ebc": "月", "\u2ebd": "臼", "\u2ebe": "艹", "\u2ebf": "艹",
    "\u2ec0": "艹", "\u2ec1": "虎", "\u2ec2": "衤", "\u2ec3": "西", "\u2ec4": "西", "\u2ec5": "见",
    "\u2ec6": "角", "\u2ec7": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车",
    "\u2ecc": "辶", "\u2ecd": "辶", "\u2ece": "辶", "\u2ecf": "阝", "\u2ed0": "钅", "\u2ed1": "長",
    "\u2ed2": "镸", "\u2ed3": "长", "\u2ed4": "门", "\u2ed6": "阝", "\u2ed7": "雨", "\u2ed8": "青",
    "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ede": "飠",
    "\u2edf": "飠", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼",
    "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eeb": "斉",
    "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙", "\u2ef1": "龜",
    "\u2ef2": "亀", "\u2ef3": "龟",
}

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_NEWLINES = {"\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"}


def _wrap_inside_amount(prev: str, nxt: str) -> bool:
    """A line break that splits an amount from its unit ("5137.69万\\n元", "87.30\\n%"), not two numbers."""
    if not prev or not nxt:
        return False
    if (prev.isdigit() or prev == ".") and nxt in "万亿元%千":
        return True
    return (prev in "万亿千" and nxt == "元") or (prev == "." and nxt.isdigit())


def fold_char(ch: str) -> str:
    """Fold one raw character: radical map, then NFKC (may yield several chars or none)."""
    if ch in _ZERO_WIDTH:
        return ""
    ch = _RADICALS_SUPPLEMENT.get(ch, ch)
    return unicodedata.normalize("NFKC", ch)


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def normalize_with_map(raw: str) -> tuple[str, list[int]]:
    """Fold `raw` for matching; return (normalised, index_map) with index_map[i] = raw index.

    Whitespace inside a line is dropped, except one space between two ASCII
    alphanumerics (so "1,478.93 830.35" stays two numbers).  A whitespace run
    that contains a line break becomes one "\\n" (structure for table cells
    and headings), unless it sits between two number/unit characters, where a
    PDF line wrap split "5137.69万\\n元".
    """
    out: list[str] = []
    idx: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        folded = fold_char(ch)
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
        while j < n and (raw[j].isspace() or raw[j] in _ZERO_WIDTH or fold_char(raw[j]).isspace()):
            has_nl = has_nl or raw[j] in _NEWLINES
            j += 1
        prev = out[-1] if out else ""
        nxt = fold_char(raw[j])[:1] if j < n else ""
        if has_nl:
            if not _wrap_inside_amount(prev, nxt) and out and prev != "\n":
                out.append("\n")
                idx.append(i)
        elif _is_ascii_alnum(prev) and _is_ascii_alnum(nxt):
            out.append(" ")
            idx.append(i)
        i = j
    return "".join(out), idx


def fold(s: str) -> str:
    """Fold a value for storage/comparison: normalise and drop every whitespace."""
    norm, _ = normalize_with_map(s)
    return "".join(norm.split())


def fix_glyphs(s: str) -> str:
    """Replace radical glyphs and drop whitespace, but keep full-width punctuation (for stored names)."""
    chars = []
    for ch in s:
        if ch.isspace() or ch in _ZERO_WIDTH:
            continue
        if ch in _RADICALS_SUPPLEMENT:
            chars.append(_RADICALS_SUPPLEMENT[ch])
        elif "\u2f00" <= ch <= "\u2fdf" or "\u2e80" <= ch <= "\u2eff":
            chars.append(unicodedata.normalize("NFKC", ch))
        else:
            chars.append(ch)
    return "".join(chars)
