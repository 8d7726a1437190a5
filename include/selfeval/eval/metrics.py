"""Scoring shared by every evaluation: value equality as docs/spec/fields.md defines it, and P/R/F1 tallies.

Numbers are equal within 0.01 万元 (0.05 for rates and scores); strings after NFKC, traditional ->
simplified and whitespace removal.  A truth may list `alternatives` for a field: a value equal to one of
them is a hit when the truth value is set, and neutral (neither hit nor false positive) when the truth
is null because the text was ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from selfeval.textnorm import fold

RATE_FIELDS = frozenset({"execution_rate_pct", "self_score"})


def values_equal(name: str, got: Any, want: Any) -> bool:
    """Equality of docs/spec/fields.md's scoring: numeric tolerance, else folded strings."""
    if got is None or want is None:
        return got is None and want is None
    if isinstance(want, bool) or isinstance(got, bool):
        return got == want
    if isinstance(want, (int, float)):
        try:
            tol = 0.05 if name in RATE_FIELDS else 0.01
            return abs(float(got) - float(want)) <= tol + 1e-9
        except (TypeError, ValueError):
            return False
    return fold(str(got)) == fold(str(want))


@dataclass
class Tally:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, name: str, got: Any, want: Any, alternatives: list[Any] | None = None) -> str:
        """Count one comparison; return 'tp', 'fp', 'fn', 'fp+fn', 'tn' or 'neutral'."""
        alts = alternatives or []
        if got is None and want is None:
            return "tn"
        if got is not None and want is not None and (
                values_equal(name, got, want) or any(values_equal(name, got, a) for a in alts)):
            self.tp += 1
            return "tp"
        if got is not None and want is None and any(values_equal(name, got, a) for a in alts):
            return "neutral"
        out = []
        if got is not None:
            self.fp += 1
            out.append("fp")
        if want is not None:
            self.fn += 1
            out.append("fn")
        return "+".join(out)

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


@dataclass
class FieldScores:
    """Per-field tallies and their summaries."""

    tallies: dict[str, Tally] = field(default_factory=dict)

    def add(self, name: str, got: Any, want: Any, alternatives: list[Any] | None = None) -> str:
        return self.tallies.setdefault(name, Tally()).add(name, got, want, alternatives)

    def table(self) -> dict[str, dict[str, Any]]:
        return {f: {"tp": t.tp, "fp": t.fp, "fn": t.fn, **t.prf()} for f, t in self.tallies.items()}

    def macro_f1(self) -> float | None:
        """Mean F1 over the fields that occur in the truth (support > 0)."""
        f1s = [t.prf()["f1"] for t in self.tallies.values() if t.support]
        return round(sum(f1s) / len(f1s), 4) if f1s else None

    def micro(self) -> dict[str, float]:
        tot = Tally(sum(t.tp for t in self.tallies.values()), sum(t.fp for t in self.tallies.values()),
                    sum(t.fn for t in self.tallies.values()))
        return tot.prf()
