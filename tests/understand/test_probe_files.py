"""Probe files: real DOCX, DOC, PDF, XLS and XLSX documents run through extraction and understanding.

`probe_files/` holds twelve of the 289 files written for this purpose (python-docx, then LibreOffice for
PDF, DOC and the sheets) and 28 forms written later (F_*: HTML with spanned cells, XLSX, XLS, DOCX and PDF of
eleven provinces' 自评表 layouts, two years' columns, workbooks of several forms, look-alike forms): a report
with its 自评表, the form alone, a total row named 自评总得分, figures
in 元 with no unit printed, the execution rate given only as an indicator row, a title a PDF wrapped before
'报告', a workbook of three forms, 资金来源 rows that are no spending. `cases.json` gives what `selfeval extract`
must read from each (the checks the code passed when they were written); the text batteries in `probes/`
cover wording, these cover what the extractors make of real files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selfeval.eval.metrics import values_equal
from selfeval.extract import extract_file
from selfeval.payload import report_payload
from selfeval.understand import understand

FILES = Path(__file__).with_name("probe_files")
CASES = json.loads((FILES / "cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_probe_file(case: dict) -> None:
    path = FILES / case["file"]
    doc = extract_file(path)
    payload = report_payload(doc, understand(doc, {"file_name": path.name}), {"file_name": path.name})
    fields = payload.get("fields") or {}
    wrong = {}
    for name, want in case["want"].items():
        got = (len(payload.get("reports") or []) if name == "n_reports"  # how many reports the file holds
               else payload.get(name) if name in ("is_self_eval", "document_type") else fields.get(name))
        if name == "n_reports":
            if got != want:
                wrong[name] = (got, want)
        elif not ((got is None and want is None) or (got is not None and want is not None
                                                       and values_equal(name, got, want))):
            wrong[name] = (got, want)
    assert not wrong, f"{case['id']}: (got, want) {wrong}"


def test_the_files_are_there() -> None:
    assert len(CASES) >= 10 and all((FILES / c["file"]).is_file() for c in CASES)
