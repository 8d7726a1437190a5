"""Is a listed item a candidate self-evaluation report?  Decided on its title, with the document scorer.

One notion of "is this a report" for the whole project: the title goes through the same classifier
`understand` uses on documents (`understand.classify.score_title`, the model on a title alone).  The
source's `relevance.include` / `exclude` keywords come first, so ops can override the scorer by
configuration alone:

* an exclude keyword skips the item (a meeting, a notice, a third-party evaluation);
* an include keyword makes it relevant;
* otherwise the scorer decides: a likely report is followed; a title it cannot call either way ("maybe":
  绩效评价结果公开, 部门整体支出绩效评价报告, a 决算 that may hold a section) gets one look at its detail
  page, where the page text is classified; only a title the scorer is confident about is skipped.

Every verdict carries the scorer's probability and reasons, recorded on the discovered item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CONTAINER = ("决算", "绩效评价情况", "绩效情况")


@dataclass
class Verdict:
    relevant: bool
    reason: str
    maybe_container: bool = False  # open the detail page and decide there
    score: float | None = None  # the scorer's p(report) when it was asked


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def keyword(title: str, words: list[str]) -> str | None:
    """The first configured keyword the title contains."""
    t = _norm(title)
    return next((k for k in words if _norm(k) in t), None)


def judge(title: str, include: list[str], exclude: list[str]) -> Verdict:
    """The list-level verdict on a title (see the module docstring for the order of the checks)."""
    inc, exc = keyword(title, include), keyword(title, exclude)
    if inc and exc:
        return Verdict(False, f"excluded: title has {exc!r} (with {inc!r})")
    if exc:
        return Verdict(False, f"excluded: title has {exc!r}")
    if inc:
        return Verdict(True, f"matched {inc!r}")
    from selfeval.understand.classify import score_title

    s = score_title(title)
    why = ", ".join(s.reasons[:3])
    if s.decision == "report":
        return Verdict(True, f"report scorer p={s.p_report:.2f} ({why})", score=s.p_report)
    t = _norm(title)
    if any(k in t for k in _CONTAINER):
        return Verdict(False, f"container title (scorer p={s.p_report:.2f}): attachments and page checked", True,
                       s.p_report)
    if s.decision == "maybe":
        return Verdict(False, f"maybe a report (scorer p={s.p_report:.2f}, {why}): judged on the detail page", True,
                       s.p_report)
    return Verdict(False, f"off-topic (scorer p={s.p_report:.2f}, {why})", score=s.p_report)
