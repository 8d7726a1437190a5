"""Generate docs/data-dictionary.md from the models' table and column comments, so the two cannot drift.

    python -m selfeval.warehouse.dictionary > docs/data-dictionary.md
"""

from __future__ import annotations

import sys

from selfeval.warehouse.export import SOURCE_COLUMN, TABLE_ORDER, column_type
from selfeval.warehouse.models import Base
from selfeval.warehouse.views import V_REPORT_COLUMNS, VIEW_COLUMNS, VIEWS

VIEW_COLUMN_DOCS = {
    "report_id": "Report id (`report.id`).", "document_url": "URL of the document (`document.url`).",
    "document_sha256": "Content hash of the document version (`document_version.sha256`).",
    "rule_values": "The values the failed rule compared (`validation_result.values`, JSON).",
    "last_success_at": "End of the last successful crawl run.", "last_crawl_at": "Start of the last crawl run.",
    "crawl_runs": "Crawl runs of the source.", "failed_runs": "Crawl runs that failed or were blocked.",
    "items_found": "Discovered items of the source.", "items_failed": "Discovered items whose fetch failed.",
    "documents": "Documents downloaded from the source.",
}


def _view_column_doc(view: str, column: str) -> str:
    """A view column's meaning: its own note, else the comment of the model column it shows."""
    if column in VIEW_COLUMN_DOCS:
        return VIEW_COLUMN_DOCS[column]
    tables = Base.metadata.tables
    if column in SOURCE_COLUMN:
        table, name = SOURCE_COLUMN[column]
        return tables[table].c[name].comment or ""
    for table in TABLE_ORDER:
        if column in tables[table].c:
            return (tables[table].c[column].comment or "") + f" (`{table}.{column}`)"
    return ""

VIEW_DOCS = {
    "v_report": "Current version of every loaded report, with its lineage columns (a contract for BI tools: "
                "columns are only ever added). One row per report; quarantined reports are included with "
                "`validation_status = 'quarantined'`.",
    "v_report_canonical": "`v_report` without the rows that repeat another report (`duplicate_of` set): one row "
                          "per report however many times and formats it was published. What counts should read.",
    "v_indicator": "Indicator rows (自评表 lines) of current reports.",
    "v_quarantine": "Current reports that failed an error-level rule, one row per failed rule with its values.",
    "v_source_health": "Per source: status (ok/blocked/failing) with evidence, last successful crawl, runs, "
                       "failures, items found, documents.",
}


def render() -> str:
    out = ["# Data dictionary", "",
           "Generated from the SQLAlchemy models' comments by `python -m selfeval.warehouse.dictionary`;",
           "a test fails if this file and the models disagree. Amounts are in 万元, rates in percent.", ""]
    out += ["## Views", ""]
    for name in VIEWS:
        out += [f"### `{name}`", "", VIEW_DOCS.get(name, ""), ""]
        if name == "v_report":
            out += ["The first 29 columns are the contract (BI tools depend on them: never renamed, never "
                    "reordered); the rest are additions.", ""]
        out += ["| column | type | description |", "|---|---|---|"]
        for col in VIEW_COLUMNS[name]:
            note = ""
            if name == "v_report":
                note = "contract" if col in V_REPORT_COLUMNS else "addition"
            doc = _view_column_doc(name, col).replace("|", "\\|")
            out.append(f"| `{col}` | {column_type(name, col)} | {doc}"
                       + (f" ({note})" if note else "") + " |")
        out.append("")
    out += ["## Tables", ""]
    for table in Base.metadata.sorted_tables:
        out += [f"### `{table.name}`", "", table.comment or "", "", "| column | type | null | description |",
                "|---|---|---|---|"]
        for col in table.columns:
            fk = ", ".join(f"→ `{f.target_fullname}`" for f in col.foreign_keys)
            desc = (col.comment or "") + (f" {fk}" if fk else "")
            out.append(f"| `{col.name}` | {col.type} | {'yes' if col.nullable else 'no'} | {desc} |")
        uniques = [c for c in table.constraints if c.__class__.__name__ == "UniqueConstraint"]
        if len(table.primary_key.columns) > 1:
            uniques.insert(0, table.primary_key)
        for u in uniques:
            out.append("")
            out.append("Natural key: (" + ", ".join(f"`{c.name}`" for c in u.columns) + ")")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
