"""`selfeval eval TRUTH.json DIR`: score understanding against an answer key.

For every file in DIR whose name starts with a truth key (seed_000.* ->
truth["seed_000"], seed_001.table.* -> truth["seed_001.table"]; the longest
key wins) the document is extracted (.txt read as one page, anything else
through `selfeval.extract.extract_file`), understood, and its first report
compared field by field: numbers within 0.01 万元 (0.05 for rates and
scores), strings after NFKC and whitespace removal.  The truth is read here
only, never by the extractor.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfeval.model import REPORT_FIELDS, ExtractedDocument, Page
from selfeval.understand import understand
from selfeval.understand.evidence import check_evidence

from .metrics import values_equal

SKIP_SUFFIXES = {".json", ".md"}


def load_document(path: Path) -> ExtractedDocument:
    """A .txt as one page; every other format through the extraction engine (imported lazily)."""
    if path.suffix.lower() == ".txt":
        text = path.read_text(encoding="utf-8")
        return ExtractedDocument(format="txt", pages=[Page(number=1, text=text)], engine="txt")
    from selfeval.extract import extract_file  # lazy: the engine pulls heavy readers

    return extract_file(path)


def truth_key(name: str, keys: list[str]) -> str | None:
    """Longest truth key that prefixes the file name at a '.' boundary."""
    best = None
    for k in keys:
        if name == k or name.startswith(k + "."):
            if best is None or len(k) > len(best):
                best = k
    return best


def run_eval(truth_path: str | Path, directory: str | Path) -> dict[str, Any]:
    """Per-field precision/recall/F1, classification accuracy and evidence coverage over DIRECTORY."""
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    keys = [k for k in truth if isinstance(truth[k], dict)]
    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in REPORT_FIELDS}
    files: list[dict[str, Any]] = []
    cls_ok = cls_n = 0
    ev_ok = ev_n = 0
    for path in sorted(Path(directory).iterdir()):
        if not path.is_file() or path.suffix.lower() in SKIP_SUFFIXES:
            continue
        key = truth_key(path.name, keys)
        if key is None:
            continue
        want = truth[key]
        entry: dict[str, Any] = {"file": path.name, "truth": key}
        try:
            doc = load_document(path)
            u = understand(doc, {"file_name": path.name})
        except Exception as exc:  # an unreadable rendering counts as all misses
            entry["error"] = f"{type(exc).__name__}: {exc}"
            for f in REPORT_FIELDS:
                if want.get(f) is not None:
                    counts[f]["fn"] += 1
            cls_n += 1
            files.append(entry)
            continue
        want_self = want.get("report_type", "other") != "other"
        cls_n += 1
        cls_ok += int(u.is_self_eval == want_self)
        rec = u.reports[0] if u.reports else None
        got_fields = rec.fields if rec else {}
        mism: dict[str, Any] = {}
        for f in REPORT_FIELDS:
            g, w = got_fields.get(f), want.get(f)
            if g is not None:
                ev_n += 1
                ev = rec.evidence.get(f) if rec else None
                if ev is not None and check_evidence(ev, doc):
                    ev_ok += 1
            if g is None and w is None:
                continue
            if g is not None and w is not None and values_equal(f, g, w):
                counts[f]["tp"] += 1
                continue
            if g is not None:
                counts[f]["fp"] += 1
            if w is not None:
                counts[f]["fn"] += 1
            mism[f] = {"got": g, "want": w}
        entry.update(is_self_eval=u.is_self_eval, document_type=u.document_type, reports=len(u.reports),
                     mismatches=mism)
        files.append(entry)
    per_field = {}
    for f, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_field[f] = {**c, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}
    return {
        "files": files,
        "fields": per_field,
        "classification_accuracy": round(cls_ok / cls_n, 4) if cls_n else None,
        "evidence_coverage": round(ev_ok / ev_n, 4) if ev_n else None,
        "documents": cls_n,
    }


def format_report(result: dict[str, Any]) -> str:
    """Human-readable table of a run_eval result."""
    lines = [f"{'field':26} {'P':>6} {'R':>6} {'F1':>6}   tp fp fn"]
    for f, m in result["fields"].items():
        lines.append(f"{f:26} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}   "
                     f"{m['tp']:>2} {m['fp']:>2} {m['fn']:>2}")
    lines.append("")
    lines.append(f"documents: {result['documents']}   classification accuracy: {result['classification_accuracy']}"
                 f"   evidence coverage: {result['evidence_coverage']}")
    for fe in result["files"]:
        if fe.get("error"):
            lines.append(f"  {fe['file']}: ERROR {fe['error']}")
        elif fe.get("mismatches"):
            parts = ", ".join(f"{k}: got {v['got']!r} want {v['want']!r}" for k, v in fe["mismatches"].items())
            lines.append(f"  {fe['file']}: {parts}")
    return "\n".join(lines)
