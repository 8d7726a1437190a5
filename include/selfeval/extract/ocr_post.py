"""Clean-up of OCR output, the same for every engine.

Engines differ in what they get wrong, but the fixes belong in one place so that switching
`SELFEVAL_OCR_ENGINE` never changes what downstream patterns see for a correctly read page:

* spaces between two CJK characters are dropped (Tesseract puts one between most ideographs;
  Chinese has no word spaces, and the understanding patterns match across them anyway);
* runs of blank lines are collapsed;
* amounts whose thousands separators were read as full stops (`12.542.74`) get their commas
  back (`12,542.74`): a full stop after one to three digits followed by exact groups of three
  and a two-digit decimal tail cannot be anything else in these reports, and an amount read
  as 12.542 would be off by a factor of a thousand downstream.
"""

from __future__ import annotations

import re

from selfeval.textnorm import clean_extracted_text

_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_SPACE_IN_CJK = re.compile(rf"(?<={_CJK})[ \u00a0]+(?={_CJK})")
_BLANK_RUNS = re.compile(r"\n{3,}")
_DOTTED_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+\.\d{2}(?![\d.])")


def fix_number_separators(s: str) -> str:
    """`12.542.74` -> `12,542.74`; `1.234.567.00` -> `1,234,567.00`. Leaves real decimals and dates alone."""
    return _DOTTED_AMOUNT.sub(_comma_groups, s)


def _comma_groups(m: re.Match[str]) -> str:
    """Every full stop but the last of a matched amount becomes a comma."""
    head, tail = m.group(0).rsplit(".", 1)
    return head.replace(".", ",") + "." + tail


def clean_ocr_text(s: str) -> str:
    """Engine output made fit for Page.text: garbage stripped, CJK spaces dropped, amounts repaired."""
    s = clean_extracted_text(s).replace("\x0c", "")
    s = _SPACE_IN_CJK.sub("", s)
    s = fix_number_separators(s)
    s = _BLANK_RUNS.sub("\n\n", s)
    return s.strip("\n")
