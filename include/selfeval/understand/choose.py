"""Field candidates and the one chooser that turns them into a value (or a documented null).

Every reader (prose sentences, label cells of a form, the budget block of a 自评表, the title, the 落款, the
page's metadata block) yields `Candidate`s; `choose` picks one value per field with a single ranking:

1. **tier** — a tuple the field's policy computes from the candidate, lower is better.  Its parts, in
   order of importance:
   * *scope* (amounts only): the all-funds figure beats 财政拨款 beats 一般公共预算 (docs/spec/fields.md scope rule);
   * *source*: a form cell or budget block (0) beats a labelled line (1), prose (2), the title (3), the
     落款 signature (4), the page's metadata (5, e.g. 发布机构 as the unit) and the crawl context (6);
   * *label*: how explicit the label is inside its source (支出合计 0 … bare 支出 2).
2. Among the candidates of the best tier, values equal within tolerance are one value.  More than one
   distinct value goes to the field's **tie-break** (e.g. the part that makes basic + project = total);
   if that does not settle it, the field is **null** and an AMB-01 warning names every candidate with its
   evidence (docs/spec/fields.md: never pick one of two conflicting values).

A new field or label therefore needs a reader that yields candidates and, at most, a tier policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from selfeval.model import Evidence, tol_amt  # noqa: F401  (re-exported for the choosers)

SOURCE_RANK = {"cell": 0, "block": 0, "label": 1, "prose": 2, "title": 3, "signature": 4, "meta": 5,
               "context": 6}
SCOPE_RANK = {"all": 0, "财政拨款": 1, "一般公共预算": 2}


@dataclass
class Candidate:
    """One possible value of a field, with where it was read."""

    field: str
    value: Any
    evidence: Evidence
    source: str = "prose"  # a key of SOURCE_RANK
    rank: int = 0  # label explicitness inside the source (0 = most explicit)
    scope: str = "all"
    derived: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def snippet(self) -> str:
        return self.evidence.snippet

    def describe(self) -> dict[str, Any]:
        out = {"value": self.value, "snippet": self.evidence.snippet, "source": self.source}
        if self.scope != "all":
            out["scope"] = self.scope
        return out


def default_tier(c: Candidate) -> tuple[int, ...]:
    return (SOURCE_RANK.get(c.source, 9), c.rank)


def amount_tier(c: Candidate) -> tuple[int, ...]:
    return (SCOPE_RANK.get(c.scope, 5), SOURCE_RANK.get(c.source, 9) // 2, c.rank)


def same_value(a: Any, b: Any, tol: float = 0.011) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) <= tol
    return a == b


@dataclass
class Choice:
    candidate: Candidate | None
    ambiguous: list[Candidate] = field(default_factory=list)  # the conflicting best-tier candidates
    others: list[Candidate] = field(default_factory=list)  # lower-tier candidates with other values

    @property
    def value(self) -> Any:
        return self.candidate.value if self.candidate else None


def distinct(cands: list[Candidate], tol: float = 0.011) -> list[Candidate]:
    """One candidate per value (the first seen)."""
    out: list[Candidate] = []
    for c in cands:
        if not any(same_value(c.value, o.value, tol) for o in out):
            out.append(c)
    return out


def _close(a: float, b: float, tol: float) -> bool:
    """A figure equals a run's sum: within `tol`, or 0.05 % of the sum (rounded parts of a big fund)."""
    return abs(a - b) <= max(tol, 0.0005 * abs(b))


def whole_of_parts(cands: list[Candidate], runs: list[tuple[float, list[float]]], tol: float = 0.011) -> list[Candidate]:
    """The candidates whose value is the sum of a run of amounts listed together: a fund and the shares it was
    split into ('下达资金440万元' … '分配到: A项目资金140万元、B项目资金140万元、C项目资金160万元') are one
    whole and its parts, not two conflicting figures.  A whole that is itself a share of a bigger whole
    (113 = 48 + 15 + 50, and 48 = 18 + 30) is a part.  Every candidate when no value or several are such a sum."""
    wholes = {c.value: [m for s, m in runs if _close(s, c.value, tol)] for c in cands}
    wholes = {v: ms for v, ms in wholes.items() if ms}
    top = [v for v in wholes if not any(_close(v, x, tol) for w, ms in wholes.items() if w != v for m in ms for x in m)]
    kept = [c for c in cands if any(_close(c.value, v, tol) for v in top)]
    return kept if len(distinct(kept, tol)) == 1 else cands


def without_parts_of_wholes(cands: list[Candidate], runs: list[tuple[float, list[float]]],
                            tol: float = 0.011) -> list[Candidate]:
    """The candidates less the shares of a whole that is a candidate too: '共投入…经费预算14856.17万元。其中,财政部下达
    11682万元、省级配套资金3174.17万元' — 11682 is one share of the fund (its label may rank higher), never its rival."""
    parts = {x for s, members in runs if any(_close(c.value, s, tol) for c in cands) for x in members}
    kept = [c for c in cands if not (any(_close(c.value, x, tol) for x in parts) and _source_share(c))]
    return kept or cands


# a share named by where it came from: '财政部下达', '省级配套资金', '中央财政安排' (never the year's own final figure:
# '全年实际下达71万元' after '下达111万元', '调减40万元' is what the arithmetic of changes left)
_SHARE_LABEL = re.compile(r"财政部|中央|省级?|自治区|市级|县级|区级|配套|本级|自筹")
_FINAL_LABEL = re.compile(r"全年|实际|调整|最终|批复|合计|共计|总")


def _source_share(c: Candidate) -> bool:
    snippet = c.evidence.snippet if c.evidence else ""
    return bool(_SHARE_LABEL.search(snippet)) and not _FINAL_LABEL.search(snippet)


def choose(cands: list[Candidate], tier: Callable[[Candidate], tuple[int, ...]] = default_tier,
           tie_break: Callable[[list[Candidate]], list[Candidate]] | None = None,
           tol: float = 0.011) -> Choice:
    """The value of a field from its candidates (see the module docstring for the ranking)."""
    if not cands:
        return Choice(None)
    best = min(tier(c) for c in cands)
    top = [c for c in cands if tier(c) == best]
    values = distinct(top, tol)
    if len(values) > 1 and tie_break is not None:
        settled = distinct(tie_break(top), tol)
        if len(settled) == 1:
            values = settled
    if len(values) > 1:
        return Choice(None, ambiguous=top)
    chosen = values[0]
    others = distinct([c for c in cands if tier(c) != best and not same_value(c.value, chosen.value, tol)], tol)
    return Choice(chosen, others=others)
