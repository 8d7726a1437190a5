"""Validation of extracted reports (validation.md): rule outcomes, status, cross-document duplicates.

* `validate_report(report, doc, context=None) -> list[RuleOutcome]`
* `validation_status(outcomes) -> "quarantined" | "warning" | "valid"`
* `duplicates(reports: list[dict]) -> list[dict]` (DUP-01, needs several documents)
* `RULES`: rule id -> {"severity", "description"}
"""

from __future__ import annotations

from .rules import RULES, band
from .runner import duplicates, validate_report, validation_status

__all__ = ["RULES", "band", "duplicates", "validate_report", "validation_status"]
