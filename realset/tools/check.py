#!/usr/bin/env python3
"""Check realset label files against LABELLING.md: keys, types, enums, evidence substrings. Standard library only.

    python3 realset/tools/check.py [LABEL.json ...]     (no argument: every label file)
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC_TYPES = {"department_overall", "project", "self_eval_table", "contains_section", "other"}
NEG = {"final_accounts", "budget", "target_table", "third_party", "finance_evaluation", "news", "notice",
       "result_list", "work_summary", "list_page", "other"}
STR_FIELDS = ("title", "report_type", "province", "city", "county", "township", "department", "report_date",
              "publish_date", "grade")
NUM_FIELDS = ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "basic_expenditure_wan",
              "project_expenditure_wan", "execution_rate_pct", "self_score")
FIELDS = STR_FIELDS + NUM_FIELDS + ("fiscal_year",)
OPTIONAL_FIELDS = ("indicator_count",)  # labelled later: absent means not labelled on this item


def _digits_in(value, evidence: str) -> bool:
    """The number as written appears in the evidence (commas, full-width digits and 元->万元 allowed)."""
    ev = evidence.translate(str.maketrans("０１２３４５６７８９．，", "0123456789.,")).replace(",", "")
    # numbers as written, and with spaces removed (a PDF may split '1 268.72'), but never only the latter:
    # '行次 1 52.8' must still yield 52.8
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", ev) + re.findall(r"\d+(?:\.\d+)?", re.sub(r"\s", "", ev))]
    v = float(value)
    return any(abs(n - v) < 0.006 or abs(n / 10000 - v) < 0.006 or abs(n * 10000 - v) < 0.6 or
               abs(n * 100 - v) < 0.06 for n in nums)


def check(path: Path) -> list[str]:
    errs = []
    try:
        lab = json.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:
        return [f"not JSON: {exc}"]
    iid = lab.get("id")
    if iid != path.stem:
        errs.append(f"id {iid!r} != file name {path.stem!r}")
    text_path = ROOT / "texts" / f"{path.stem}.txt"
    if not text_path.is_file():
        return errs + [f"missing text {text_path}"]
    text = text_path.read_text(encoding="utf-8")
    for k in ("url", "site", "source", "is_self_eval", "document_type", "fields", "language", "shape"):
        if k not in lab:
            errs.append(f"missing key {k}")
    dt = lab.get("document_type")
    if dt not in DOC_TYPES:
        errs.append(f"document_type {dt!r}")
    if lab.get("is_self_eval") != (dt not in (None, "other")):
        errs.append("is_self_eval must be true exactly when document_type != other")
    if dt == "other":
        if lab.get("negative_kind") not in NEG:
            errs.append(f"negative_kind {lab.get('negative_kind')!r}")
        if lab.get("fields"):
            errs.append("fields must be {} for other")
        return errs
    fields = lab.get("fields") or {}
    for f in FIELDS:
        if f not in fields:
            errs.append(f"field {f} missing (give null)")
    for f, spec in fields.items():
        if f not in FIELDS + OPTIONAL_FIELDS:
            errs.append(f"unknown field {f}")
            continue
        if spec is None:
            continue
        if not isinstance(spec, dict) or "value" not in spec or "evidence" not in spec:
            errs.append(f"{f}: want {{value, evidence[, derived]}}")
            continue
        v, ev = spec["value"], spec["evidence"]
        if v is None:
            errs.append(f"{f}: value null inside an object; use null for the field")
            continue
        if not isinstance(ev, str) or (not ev and not spec.get("derived")):
            errs.append(f"{f}: evidence must be a non-empty string")
            continue
        if ev and ev not in text:
            errs.append(f"{f}: evidence not in text: {ev!r}")
        if f in NUM_FIELDS:
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                errs.append(f"{f}: value must be a number")
            elif not spec.get("derived") and not _digits_in(v, ev):
                errs.append(f"{f}: value {v} not in evidence {ev!r}")
        elif f == "indicator_count":
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                errs.append("indicator_count must be a positive int (null when the text shows no indicator row)")
        elif f == "fiscal_year":
            if not isinstance(v, int) or not 2000 <= v <= 2030:
                errs.append("fiscal_year must be an int year")
        elif f in ("report_date", "publish_date"):
            if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(v)):
                errs.append(f"{f}: ISO date wanted, got {v!r}")
        elif f == "grade" and v not in ("优", "良", "中", "差"):
            errs.append(f"grade {v!r}")
        elif f == "report_type" and v not in DOC_TYPES - {"other", "contains_section"}:
            errs.append(f"report_type {v!r}")
    return errs


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "labels").glob("*.json"))
    bad = 0
    for p in paths:
        errs = check(p)
        if errs:
            bad += 1
            for e in errs:
                print(f"{p.name}: {e}")
        else:
            print(f"ok {p.name}")
    print(f"{len(paths) - bad}/{len(paths)} ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
