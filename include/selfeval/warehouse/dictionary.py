"""Generate docs/data-dictionary.md from the models' table and column comments, so the two cannot drift.

    python -m selfeval.warehouse.dictionary > docs/data-dictionary.md
"""

from __future__ import annotations

import sys

from selfeval.warehouse.models import Base
from selfeval.warehouse.views import V_REPORT_COLUMNS, VIEWS

VIEW_DOCS = {
    "v_report": "Current version of every loaded report, with its lineage columns (a contract for BI tools: "
                "columns are only ever added). One row per report; quarantined reports are included with "
                "`validation_status = 'quarantined'`.",
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
            out += ["Contract columns: " + ", ".join(f"`{c}`" for c in V_REPORT_COLUMNS) + ".", ""]
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
