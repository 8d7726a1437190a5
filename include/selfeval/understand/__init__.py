"""Report understanding: classify a document and read its self-evaluation reports with evidence.

Public API:

* `understand(doc, context=None) -> Understanding`
* `region` (GB/T 2260 resolution), `evaluate.run_eval` / `evaluate.format_report`
"""

from __future__ import annotations

from . import region
from .assemble import classify_document, grade_band, understand

__all__ = ["understand", "classify_document", "grade_band", "region"]
