"""Numbers as the reports write them: 元/万元/亿元, separators, Chinese numerals, years, dates.

Everything works on normalised text (NFKC already folded full-width digits,
％ and ，).  Amounts are returned in 万元 together with a note of the
conversion so the evidence can say "元 -> 万元".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
             "柒": 7, "捌": 8, "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUM_CHARS = "零〇○一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟点"

# an Arabic number: thousands-grouped or plain, optional decimals
NUM = (r"(?<![\d.])(?:\d{1,3}(?: \d{3})+(?:\.\d+)?(?=\s?(?:亿元|万元|千元|元))"  # '1 300.00万元': a space groups thousands
       r"|(?:\d{1,3}(?:\n?,\n?\d{3})+|\d+)(?:\.\d+)?(?![\d]))")  # ('2\n,451,170.06元': a line wrapped a figure)
UNIT = r"(?:亿元|万元|千元|元|万(?!人|户|亩|余|多|个|名|平|吨|册|次|件|株|只|头)|亿(?![人户]))"
# the unit right after the figure, or in brackets after it ('1200.00(万元)')
AMOUNT_RE = re.compile(rf"(?P<num>{NUM})(?:(?P<unit>{UNIT})|\((?P<bunit>亿元|万元|元)\))?")
# a run of numerals is tried from its start only (a long run without a unit is scanned once, not once per character)
CN_AMOUNT_RE = re.compile(rf"(?<![{CN_NUM_CHARS}])(?P<num>[{CN_NUM_CHARS}]{{2,}})(?P<unit>亿元|万元|元)")
APPROX_BEFORE = ("近", "约", "超过", "超", "逾", "将近", "接近", "达到近", "大约", "上")
APPROX_AFTER = ("多", "余", "左右", "以上", "以下", "上下")

UNIT_FACTOR = {"亿元": 10000.0, "亿": 10000.0, "万元": 1.0, "万": 1.0, "千元": 0.1, "元": 0.0001}


@dataclass
class Amount:
    """An amount mention found in normalised text."""

    value_wan: float
    unit: str | None  # as written; None when bare (table cell, caption unit applies)
    start: int
    end: int
    num_text: str
    note: str | None = None


def parse_number(s: str) -> float | None:
    """Arabic number with optional thousands separators -> float."""
    s = s.replace(",", "").replace(" ", "").replace("\n", "").strip()
    try:
        return float(s)
    except ValueError:
        return None


def cn_to_int(s: str) -> int | None:
    """Chinese numeral (一千二百三十四, 二〇二三, 十五) -> int; None if not a numeral."""
    if not s:
        return None
    if all(c in CN_DIGITS for c in s):  # digit-by-digit (years: 二〇二三)
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total, section, num = 0, 0, 0
    for c in s:
        if c in CN_DIGITS:
            num = CN_DIGITS[c]
        elif c in CN_UNITS:
            section += (num or 1) * CN_UNITS[c]
            num = 0
        elif c == "万":
            total += (section + num) * 10000
            section, num = 0, 0
        else:
            return None
    return total + section + num


def cn_to_float(s: str) -> float | None:
    """Chinese numeral with 点 decimals (一百二十三点四五) -> float."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_to_int(whole) if whole else 0
        if w is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return float(f"{w}." + "".join(str(CN_DIGITS[c]) for c in frac))
    v = cn_to_int(s)
    return float(v) if v is not None else None


def factor_note(factor: float) -> str | None:
    """The evidence note of a table's conversion to 万元 by `factor` (None when it was in 万元 already)."""
    return None if factor == 1.0 else "元 -> 万元" if factor < 1 else "亿元 -> 万元"


def to_wan(value: float, unit: str | None) -> tuple[float, str | None]:
    """Convert to 万元; return (value, note) with a note when a conversion happened."""
    if unit in (None, "万元", "万"):
        return value, None
    factor = UNIT_FACTOR[unit]
    return round(value * factor, 6), f"{unit} -> 万元"


def is_approximate(text: str, start: int, end: int) -> bool:
    """True if the amount at [start, end) is hedged (近千万元, 二千多万元, 超过三千万)."""
    before = text[max(0, start - 4):start]
    after = text[end:end + 3]
    return any(before.endswith(w) for w in APPROX_BEFORE) or any(after.startswith(w) for w in APPROX_AFTER)


def cut_by_break(text: str, start: int) -> bool:
    """The number at `start` opens a line right after another line's digits: the tail of a number a line break
    cut that the normaliser could not safely join ('…执行率为9' / '6.71%'); read alone it is a wrong value."""
    return bool(re.search(r"[\d.,]\n$", text[max(0, start - 2):start]))


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Every amount with a money unit (or bare number) in text[start:end], in order."""
    end = len(text) if end is None else end
    found: list[Amount] = []
    for m in AMOUNT_RE.finditer(text, start, end):
        v = parse_number(m.group("num"))
        if v is None:
            continue
        unit = m.group("unit") or m.group("bunit")
        wan, note = to_wan(v, unit) if unit else (v, None)
        found.append(Amount(wan, unit, m.start(), m.end(), m.group("num"), note))
    for m in CN_AMOUNT_RE.finditer(text, start, end):
        if is_approximate(text, m.start(), m.end()):
            continue
        v = cn_to_float(m.group("num"))
        if v is None:
            continue
        wan, note = to_wan(v, m.group("unit"))
        note = "中文数字" + (f"; {note}" if note else "")
        found.append(Amount(wan, m.group("unit"), m.start(), m.end(), m.group("num"), note))
    found.sort(key=lambda a: a.start)
    return found


YEAR_RE = re.compile(r"(?<!\d)(20[1-4]\d)(?!\d)")
CN_YEAR_RE = re.compile(r"([二〇○零一三四五六七八九]{4})年")


def parse_year_token(s: str) -> int | None:
    """'2023' or '二〇二三' -> 2023 when plausible."""
    if s.isdigit():
        y = int(s)
    else:  # '二0二三': a typist's Arabic zero among the numerals
        y = cn_to_int(s.replace("0", "〇")) or 0
    return y if 2000 <= y <= 2100 else None


_CN_YEAR = re.compile(r"[二〇○零][〇○零O0][〇○零一二三四五六七八九O0]{2}(?=\s*年)")


def arabic_years(text: str) -> str:
    """`text` with each year written in numerals ('二〇二三年') in digits ('2023年'), character for character, so that
    offsets into it are offsets into `text`."""
    return _CN_YEAR.sub(lambda m: str(parse_year_token(m.group(0)) or m.group(0)), text)


DATE_RE = re.compile(
    r"(?P<y>20\d\d|[二〇○零一][〇○零一O0][〇○零一二三四五六七八九O0]{2})\s*年\s*-?(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
    r"(?:\s*-?(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?"  # ('2022年-03月-07日': a portal's template)
    r"|(?P<y2>20\d\d)[-./](?P<m2>\d{1,2})(?:[-./](?P<d2>\d{1,2}))?(?!\d)"
)


def _num_or_cn(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else cn_to_int(s)


# a date whose 年/月/日 a PDF's font lost: '2023 5 31', '报告时间: 2018   06' (read only after a date label or as a
# closing line)
SPACED_DATE = re.compile(r"(?P<y>20\d\d) (?P<m>0?[1-9]|1[0-2])(?: (?P<d>0?[1-9]|[12]\d|3[01]))?(?![\d.])")


def parse_date(m: re.Match[str]) -> str | None:
    """ISO (partial) date from a DATE_RE match: 2022-06 or 2023-06-30."""
    g = m.groupdict()
    y = parse_year_token(g.get("y") or g.get("y2") or "")
    mo = _num_or_cn(g.get("m") or g.get("m2"))
    d = _num_or_cn(g.get("d") or g.get("d2"))
    if y is None or mo is None or not 1 <= mo <= 12:
        return None
    if d is not None and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return f"{y:04d}-{mo:02d}"


PCT_RE = re.compile(rf"(?P<num>{NUM})\s*%")
SCORE_RE = re.compile(rf"(?P<num>{NUM})\s*分?")
