"""Document classification against a labelled folder of real files (`shared/realdata/manifest.csv`).

    SELFEVAL_OCR=0 python -m selfeval.eval.realdata ../shared/realdata [--json]

Every file of the manifest is extracted (`selfeval.extract.extract_file`; files the engine cannot read are
listed and skipped) and understood.  The manifest's `is_self_eval_report` is the label:

* `yes`: `is_self_eval` and a report type (department_overall / project / self_eval_table);
* `contains_section`: document_type `contains_section` (a 决算 holding self-evaluation sections or forms);
* `no`: document_type `other` (hard negatives, budgets that only promise a 绩效自评, list pages, portals,
  challenge pages).

The accuracy is over the files that extracted; unreadable files are also counted as `other` in
`accuracy_all` (the pipeline cannot call an unreadable file a report).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

from selfeval.understand import understand

LABELS = ("yes", "contains_section", "no")


def verdict_ok(label: str, is_self_eval: bool, document_type: str) -> bool:
    """Whether an understanding matches the manifest label (see the module docstring)."""
    if label == "yes":
        return is_self_eval and document_type in ("department_overall", "project", "self_eval_table")
    if label == "contains_section":
        return document_type == "contains_section"
    return not is_self_eval and document_type == "other"


def run_realdata(folder: str | Path, extract: Any = None) -> dict[str, Any]:
    """Classify every manifest file of `folder`; return per-file verdicts and the accuracies."""
    if extract is None:
        from selfeval.extract import extract_file as extract
    folder = Path(folder)
    rows = list(csv.DictReader((folder / "manifest.csv").open(encoding="utf-8")))
    files: list[dict[str, Any]] = []
    for row in rows:
        name, label = row["file"], row["is_self_eval_report"].strip()
        entry: dict[str, Any] = {"file": name, "label": label}
        t0 = time.monotonic()
        try:
            doc = extract(folder / name)
        except Exception as exc:  # unreadable (truncated, damaged): listed, not classified
            entry.update(error=f"{type(exc).__name__}: {exc}"[:200], ok=None, ok_all=label == "no")
            files.append(entry)
            continue
        u = understand(doc, {"file_name": name})
        ok = verdict_ok(label, u.is_self_eval, u.document_type)
        entry.update(is_self_eval=u.is_self_eval, document_type=u.document_type, reports=len(u.reports),
                     reasons=u.reasons[:3], ok=ok, ok_all=ok, seconds=round(time.monotonic() - t0, 2))
        files.append(entry)
    read = [f for f in files if f["ok"] is not None]
    per_label = {}
    for lab in LABELS:
        sel = [f for f in read if f["label"] == lab]
        per_label[lab] = {"files": len(sel), "correct": sum(1 for f in sel if f["ok"])}
    return {
        "files": files,
        "documents": len(read),
        "unreadable": len(files) - len(read),
        "correct": sum(1 for f in read if f["ok"]),
        "accuracy": round(sum(1 for f in read if f["ok"]) / len(read), 4) if read else None,
        "accuracy_all": round(sum(1 for f in files if f["ok_all"]) / len(files), 4) if files else None,
        "per_label": per_label,
    }


def format_result(result: dict[str, Any]) -> str:
    lines = []
    for f in result["files"]:
        if f["ok"] is None:
            lines.append(f"  --  {f['label']:16} unreadable          {f['file']}: {f['error']}")
            continue
        mark = "ok" if f["ok"] else "XX"
        lines.append(f"  {mark}  {f['label']:16} {f['document_type']:18} reports={f['reports']}  {f['file']}"
                     + ("" if f["ok"] else f"  {f['reasons']}"))
    lines.append("")
    for lab, c in result["per_label"].items():
        lines.append(f"  {lab:16} {c['correct']}/{c['files']}")
    lines.append(f"classification accuracy: {result['correct']}/{result['documents']} = {result['accuracy']} "
                 f"(readable files); {result['accuracy_all']} counting {result['unreadable']} unreadable as other")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="folder with manifest.csv (e.g. ../shared/realdata)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    result = run_realdata(args.folder)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_result(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
