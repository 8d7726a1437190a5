"""Validation of extracted reports (docs/spec/validation.md): rule outcomes, status, cross-document duplicates.

* `validate_report(report, doc, context=None) -> list[RuleOutcome]`
* `validation_status(outcomes) -> "quarantined" | "warning" | "valid"`
* `duplicates(reports: list[dict], doc_key=None) -> dict[int, RuleOutcome]` (DUP-01 across documents,
  called by the loader over the field dicts of every report with their document ids)
* `RULES`: rule id -> {"severity", "description"}
"""

from __future__ import annotations

from .rules import RULES, band
from .runner import duplicates, validate_report, validation_status

__all__ = ["RULES", "band", "duplicates", "validate_report", "validation_status"]
