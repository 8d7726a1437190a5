"""Is a listed item a candidate self-evaluation report? Decided on title / attachment name only.

Vocabulary is configurable per source (`relevance.include` / `exclude`); the
decision and the keyword that made it are returned so skipped items carry a reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words that make a title about *something else* even if it mentions 自评:
# a notice or meeting about the work, third-party or finance-bureau evaluations, targets.
_CONTAINER = ("决算", "绩效评价情况", "绩效情况")


@dataclass
class Verdict:
    relevant: bool
    reason: str
    maybe_container: bool = False


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def judge(title: str, include: list[str], exclude: list[str]) -> Verdict:
    t = _norm(title)
    inc = next((k for k in include if _norm(k) in t), None)
    exc = next((k for k in exclude if _norm(k) in t), None)
    if inc and exc:
        return Verdict(False, f"excluded: title has {exc!r} (with {inc!r})")
    if inc:
        return Verdict(True, f"matched {inc!r}")
    if exc:
        return Verdict(False, f"excluded: title has {exc!r}, no self-evaluation keyword")
    if any(k in t for k in _CONTAINER):
        return Verdict(False, "no self-evaluation keyword in title (container: attachments checked)", True)
    return Verdict(False, "no self-evaluation keyword in title")
