"""Run every rule on a report and summarise the outcomes; DUP-01 across documents."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from selfeval.model import REPORT_FIELDS, ExtractedDocument, ReportRecord, RuleOutcome

from .rules import rule_functions


def validate_report(report: ReportRecord, doc: ExtractedDocument, context: dict | None = None) -> list[RuleOutcome]:
    """Outcomes of every single-report rule of docs/spec/validation.md, in order (skipped when inputs are null)."""
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
DOC_KEYS = ("document_id", "document", "document_version_id", "sha256")


def _fold(v: Any) -> Any:
    if isinstance(v, str):
        return "".join(unicodedata.normalize("NFKC", v).split())
    return v


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) <= 0.01 + 1e-9
    return _fold(a) == _fold(b)


def _fields_of(item: Mapping[str, Any]) -> Mapping[str, Any]:
    inner = item.get("fields")
    return inner if isinstance(inner, Mapping) else item


def _doc_of(item: Mapping[str, Any], i: int, doc_key: str | None) -> Any:
    keys = (doc_key,) if doc_key else DOC_KEYS
    for k in keys:
        if item.get(k) is not None:
            return item[k]
    return ("<no document id>", i)  # unknown: counts as its own document


def duplicates(reports: Sequence[Mapping[str, Any]], doc_key: str | None = None) -> dict[int, RuleOutcome]:
    """DUP-01 across documents, for the loader (docs/spec/validation.md: same department, fiscal_year, report_type and
    title from different documents with different values: keep both, flag both).

    `reports` are field dicts (the REPORT_FIELDS names, either at top level or under "fields") each with the
    id of the document it came from under `doc_key` (default: the first of document_id, document,
    document_version_id, sha256 that is present).  Strings are compared after NFKC and whitespace removal,
    numbers within 0.01.  Returns one RuleOutcome per input index:

    * skipped: department, fiscal_year or report_type is null, or report_type is 'other' (not a report);
    * passed: no other document has the key;
    * failed (warning), `same_values`: every other document with the key states the same values (a re-post
      or another rendering; identical bytes are deduplicated by hash before this): the loader keeps one
      canonical row and points the others at it (`report.duplicate_of`);
    * failed (warning): another document has the key with different values; `values` names the differing
      fields, the other indices and their documents.

    Several reports of one document never flag each other (a container's sections)."""
    out: dict[int, RuleOutcome] = {}
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, item in enumerate(reports):
        f = _fields_of(item)
        key = tuple(_fold(f.get(k)) for k in DUP_KEY)
        if any(f.get(k) is None for k in ("department", "fiscal_year", "report_type")) or f.get("report_type") == "other":
            out[i] = RuleOutcome("DUP-01", "warning", "skipped", "department, fiscal_year or report_type is null",
                                 {"key": list(key)})
            continue
        groups[key].append(i)
    for key, idx in groups.items():
        docs = {i: _doc_of(reports[i], i, doc_key) for i in idx}
        for i in idx:
            others = [j for j in idx if docs[j] != docs[i]]
            fi = _fields_of(reports[i])
            diff = sorted({name for j in others for name in REPORT_FIELDS
                           if not _same(fi.get(name), _fields_of(reports[j]).get(name))})
            values = {"key": dict(zip(DUP_KEY, key, strict=True)), "others": others,
                      "other_documents": [docs[j] for j in others if not isinstance(docs[j], tuple)]}
            if not others:
                out[i] = RuleOutcome("DUP-01", "warning", "passed", "", values)
            elif not diff:  # one report published again (an article and its PDF): flagged, never dropped
                out[i] = RuleOutcome("DUP-01", "warning", "failed",
                                     f"the same report (same values) is published in {len(others)} other "
                                     f"document(s)", {**values, "same_values": True})
            else:
                out[i] = RuleOutcome("DUP-01", "warning", "failed",
                                     f"same {'/'.join(DUP_KEY)} in {len(others) + 1} documents with different "
                                     f"{', '.join(diff)}", {**values, "differing_fields": diff})
    return dict(sorted(out.items()))
