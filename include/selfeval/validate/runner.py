"""Run every rule on a report and summarise the outcomes; DUP-01 across documents."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from selfeval.model import REPORT_FIELDS, ExtractedDocument, ReportRecord, RuleOutcome

from .rules import rule_functions


def validate_report(report: ReportRecord, doc: ExtractedDocument, context: dict | None = None) -> list[RuleOutcome]:
    """Outcomes of every single-report rule of validation.md, in order (skipped when inputs are null)."""
    ctx = dict(context or {})
    out: list[RuleOutcome] = []
    for rid, fn in rule_functions().items():
        try:
            out.append(fn(report, doc, ctx))
        except Exception as exc:  # a rule bug must not drop the report; record it
            out.append(RuleOutcome(rid, "warning", "failed", f"rule raised {type(exc).__name__}: {exc}"))
    return out


def validation_status(outcomes: list[RuleOutcome]) -> str:
    """'quarantined' if an error failed, 'warning' if a warning failed, else 'valid'."""
    failed = [o for o in outcomes if o.status == "failed"]
    if any(o.severity == "error" for o in failed):
        return "quarantined"
    if failed:
        return "warning"
    return "valid"


DUP_KEY = ("department", "fiscal_year", "report_type", "title")


def duplicates(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """DUP-01: reports sharing (department, fiscal_year, report_type, title) from different documents
    with different field values.  Each input dict holds the report fields plus an optional `document`
    (id/hash/url).  Returns one flag per affected report: {"index", "rule_id", "severity", "status",
    "message", "values"}; identical content is not flagged (the loader dedups it by hash)."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        key = tuple(r.get(k) for k in DUP_KEY)
        if all(v is None for v in key):
            continue
        groups[key].append(i)
    flags: list[dict[str, Any]] = []
    for key, idx in groups.items():
        if len(idx) < 2:
            continue
        docs = {reports[i].get("document") for i in idx}
        if len(docs) < 2 and None not in docs:
            continue
        values = {tuple((f, reports[i].get(f)) for f in REPORT_FIELDS) for i in idx}
        if len(values) < 2:
            continue
        diff = sorted({f for f in REPORT_FIELDS if len({reports[i].get(f) for i in idx}) > 1})
        for i in idx:
            flags.append({"index": i, "rule_id": "DUP-01", "severity": "warning", "status": "failed",
                          "message": f"same {DUP_KEY} in {len(idx)} documents with different {diff}",
                          "values": {"key": list(key), "differing_fields": diff,
                                     "others": [j for j in idx if j != i]}})
    return flags
