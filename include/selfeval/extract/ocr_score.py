"""How good an OCR text is against a known text: the measures bench/bench_ocr.py and the OCR tests share.

* `char_accuracy`: 1 - (edit distance / length of the truth) over the CJK ideographs and digits of
  both texts, after NFKC. Punctuation and whitespace are left out on purpose: engines differ in
  full- versus half-width punctuation and in line breaks, which no downstream pattern cares about,
  while a wrong ideograph or digit is a wrong name or amount.
* `char_errors_unordered`: the same with reading order ignored, to tell misread characters from
  table cells read in another order.
* `amount_tokens` / `amounts_found`: amounts (a decimal part or thousands separators) of the truth
  found verbatim in the OCR text, compared on the matching copy `normalize_text` makes (what the
  understanding patterns read). `12,542.74` read as `12.542.74` or `12542.74` is not found.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from selfeval.textnorm import normalize_text

_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9]")
_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+\.\d+(?![\d.,])")
_SEPARATED = re.compile(r"\d,\d{3}")


def scored_chars(s: str) -> str:
    """The characters accuracy is measured on: CJK ideographs and digits, in order, after NFKC."""
    return "".join(_KEEP.findall(unicodedata.normalize("NFKC", s)))


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions); rapidfuzz's C version when installed."""
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        return _levenshtein_py(a, b)
    return int(Levenshtein.distance(a, b))


def _levenshtein_py(a: str, b: str) -> int:
    """Two-row dynamic programme, O(len(a)·len(b)): fine for a page, slow for a whole report."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def char_errors(truth: str, text: str) -> tuple[int, int]:
    """(edit distance, scored length of the truth): summed over pages they give a corpus-wide accuracy."""
    t = scored_chars(truth)
    return levenshtein(t, scored_chars(text)), len(t)


def char_errors_unordered(truth: str, text: str) -> tuple[int, int]:
    """(edits if reading order did not matter, scored length of the truth): the lower bound of the edit
    distance from character counts alone. Table pages have no single reading order (a wrapped cell beside
    a one-line cell), so the gap to `char_errors` is order, not misread characters."""
    t, o = Counter(scored_chars(truth)), Counter(scored_chars(text))
    matched = sum((t & o).values())
    return max(sum(t.values()), sum(o.values())) - matched, sum(t.values())


def char_accuracy(truth: str, text: str) -> float:
    """1 - normalised edit distance on CJK ideographs and digits (0 when the text is all wrong or empty)."""
    errors, n = char_errors(truth, text)
    return max(0.0, 1.0 - errors / n) if n else 1.0


def amount_tokens(s: str) -> Counter[str]:
    """Amounts in a text (on its matching copy), with how often each occurs."""
    return Counter(_AMOUNT.findall(normalize_text(s)))


def amounts_found(truth: str, text: str) -> tuple[int, int, int, int]:
    """(amounts of the truth found verbatim, amounts in the truth, the same two for amounts with thousands
    separators): each occurrence counts once, so an amount twice in the truth must be read twice."""
    want, got = amount_tokens(truth), amount_tokens(text)
    found = want & got
    sep = [k for k in want if _SEPARATED.search(k)]
    return (sum(found.values()), sum(want.values()),
            sum(found[k] for k in sep), sum(want[k] for k in sep))
