"""A content checksum of the warehouse by natural keys (no surrogate ids, no timestamps): two warehouses that
hold the same reports, values, evidence, rule outcomes, indicators and document versions give the same
figures, however many runs, retries or kills produced them; `compare` names the rows that differ. Used by
the idempotency tests and the chaos bench; `selfeval db checksum` prints it to compare two deployments.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from sqlalchemy import text

from selfeval.warehouse.db import get_engine

CONTENT = {
    "report": """SELECT d.url, r.part, r.extractor_version, r.title, r.report_type, r.department, r.fiscal_year,
                        r.self_score, r.grade, r.expenditure_total_wan, r.validation_status, r.is_current
                 FROM report r JOIN document_version dv ON dv.id = r.document_version_id
                 JOIN document d ON d.id = dv.document_id""",
    "field_evidence": """SELECT d.url, r.part, e.field, e.page, e.char_start, e.char_end, e.snippet
                 FROM field_evidence e JOIN report r ON r.id = e.report_id
                 JOIN document_version dv ON dv.id = r.document_version_id JOIN document d ON d.id = dv.document_id""",
    "validation_result": """SELECT d.url, r.part, v.rule_id, v.status
                 FROM validation_result v JOIN report r ON r.id = v.report_id
                 JOIN document_version dv ON dv.id = r.document_version_id JOIN document d ON d.id = dv.document_id""",
    "indicator": """SELECT d.url, r.part, i.row_no, i.level3, i.weight, i.score
                 FROM indicator i JOIN report r ON r.id = i.report_id
                 JOIN document_version dv ON dv.id = r.document_version_id JOIN document d ON d.id = dv.document_id""",
    "document_version": "SELECT d.url, dv.sha256, dv.status FROM document_version dv JOIN document d ON d.id = dv.document_id",
    "extraction": "SELECT sha256, extractor_version, status, pages FROM extraction",
}


def content_rows(url: str) -> dict[str, list[str]]:
    """{table: its content rows, each a repr of its natural-key tuple, sorted}."""
    with get_engine(url).connect() as conn:
        return {name: sorted(repr(tuple(r)) for r in conn.execute(text(sql))) for name, sql in CONTENT.items()}


def checksums(url: str) -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256 of the sorted rows)} of the warehouse content."""
    return {name: (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
            for name, rows in content_rows(url).items()}


def compare(reference_url: str, url: str) -> dict[str, tuple[list[str], list[str]]]:
    """{table: (rows of the reference missing here, rows here the reference does not have)}, as multisets: a
    row present twice where the reference has it once is one extra (a duplicate); a changed value is one
    missing and one extra."""
    ref, got = content_rows(reference_url), content_rows(url)
    out = {}
    for name in CONTENT:
        want, have = Counter(ref[name]), Counter(got[name])
        out[name] = (sorted((want - have).elements()), sorted((have - want).elements()))
    return out
