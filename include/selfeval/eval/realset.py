"""The labelled set of real texts (`realset/`): loading, the frozen site split, and scoring.

    selfeval eval realset --split test            # the figures the closing notes quote
    selfeval eval realset --split dev --misses    # what to work on (tune on dev only)
    selfeval eval realset --split dev --render html,docx,pdf   # the same texts as GBK pages, DOCX, PDF

Every item is a real public page or document text (`realset/texts/<id>.txt`) with a label file
(`realset/labels/<id>.json`, format in `realset/LABELLING.md`).  Items are split **by site** with a hash
of the host name (70 % of the hash space dev, 30 % test), so a portal never sits on both sides and the
split does not move when items are added.  Each text goes through exactly what `selfeval extract FILE
--json` runs (extraction of the .txt, understanding, validation), and the payload's top-level fields (the
principal report) are compared with the label:

* classification: `is_self_eval` accuracy, 5-way document-type accuracy, report-type accuracy on the true
  self-evaluations;
* fields: per-field precision / recall / F1 and their macro mean over fields present in the truth;
* values on negatives (must be 0) and evidence coverage (every value quotes its text, EV-01);
* understanding time per document (median and p95; extraction excluded).
"""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .metrics import FieldScores

SCORED_FIELDS = (
    "title", "report_type", "province", "city", "county", "township", "department", "fiscal_year",
    "report_date", "publish_date", "budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan",
    "basic_expenditure_wan", "project_expenditure_wan", "execution_rate_pct", "self_score", "grade",
)
# labelled later than the fields above, and scored apart from them (not in the macro F1, so that figure stays
# comparable across sessions): the number of indicator rows of the report's first indicator table
SUPPLEMENTARY_FIELDS = ("indicator_count",)
SELF_TYPES = ("department_overall", "project", "self_eval_table", "contains_section")
DEV_SHARE = 70  # percent of the site-hash space that is dev


@dataclass
class Item:
    id: str
    label: dict[str, Any]
    text_path: Path

    @property
    def site(self) -> str:
        return self.label.get("site") or self.id.split("_")[0]

    @property
    def split(self) -> str:
        return split_of(self.site)


def split_of(site: str) -> str:
    """'dev' or 'test' for a site (host without www.), fixed by a hash of its name."""
    bucket = int(hashlib.sha256(site.lower().encode()).hexdigest(), 16) % 100
    return "dev" if bucket < DEV_SHARE else "test"


def load_items(root: str | Path, split: str = "all") -> list[Item]:
    """Labelled items of `root` (a realset directory) in `split` ('dev', 'test' or 'all'), by id."""
    root = Path(root)
    items = []
    for lab_path in sorted((root / "labels").glob("*.json")):
        label = json.loads(lab_path.read_text(encoding="utf-8"))
        text = root / "texts" / f"{lab_path.stem}.txt"
        if not text.is_file():
            continue
        it = Item(lab_path.stem, label, text)
        if split in ("all", it.split):
            items.append(it)
    return items


def _want(label: dict[str, Any], name: str) -> tuple[Any, list[Any]]:
    spec = (label.get("fields") or {}).get(name)
    value = spec.get("value") if isinstance(spec, dict) else None
    alts = list((label.get("alternatives") or {}).get(name) or [])
    return value, alts


def _evidence_ok(ev: dict[str, Any] | None, doc: Any) -> bool:
    from selfeval.model import Evidence
    from selfeval.understand.evidence import check_evidence

    if not ev:
        return False
    return check_evidence(Evidence(ev.get("page", 0), ev.get("start", 0), ev.get("end", 0),
                                   ev.get("snippet", ""), ev.get("cell"), ev.get("note")), doc)


def evaluate_item(item: Item, path: Path | None = None) -> dict[str, Any]:
    """Run one text (or its rendering at `path`) through extract → understand → validate, as `selfeval
    extract FILE --json` does, and collect what is compared with its label."""
    from selfeval.extract import extract_file

    path = path or item.text_path
    return evaluate_document(item, extract_file(path), path.name)


def evaluate_document(item: Item, doc: Any, file_name: str) -> dict[str, Any]:
    """`evaluate_item` on a document already extracted (or built in memory, as realset/tools/paged.py builds a
    multi-page PDF's)."""
    from selfeval.payload import report_payload
    from selfeval.understand import understand

    context = {"file_name": file_name}
    t0 = time.perf_counter()
    verdict = understand(doc, context)
    took = time.perf_counter() - t0
    payload = report_payload(doc, verdict, context)
    fields = payload.get("fields") or {}
    evidence = payload.get("evidence") or {}
    values = {f: fields.get(f) for f in SCORED_FIELDS if fields.get(f) is not None}
    extra = {f: fields.get(f) for f in SUPPLEMENTARY_FIELDS if fields.get(f) is not None}
    ev_ok = {f: _evidence_ok(evidence.get(f), doc) for f in values}
    return {"id": item.id, "site": item.site, "split": item.split, "understand_s": took,
            "is_self_eval": payload.get("is_self_eval"), "document_type": payload.get("document_type"),
            "report_type": payload.get("report_type"), "reports": len(payload.get("reports") or []),
            "values": values, "extra_values": extra, "evidence_ok": ev_ok, "reasons": payload.get("reasons")}


def score(items: list[Item], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate figures over evaluated items (see the module docstring)."""
    fs = FieldScores()
    extra = FieldScores()
    cls_ok = dt_ok = rt_ok = rt_n = 0
    neg_values = ev_n = ev_ok = 0
    misses: list[dict[str, Any]] = []
    for it, res in zip(items, results, strict=True):
        lab = it.label
        want_self = bool(lab.get("is_self_eval"))
        cls_ok += int(bool(res["is_self_eval"]) == want_self)
        dt_ok += int(res["document_type"] == lab.get("document_type"))
        ev_n += len(res["values"])
        ev_ok += sum(res["evidence_ok"].values())
        miss: dict[str, Any] = {}
        if not want_self:
            neg_values += len(res["values"])
            if res["is_self_eval"] or res["values"]:
                miss["classification"] = {"got": res["document_type"], "want": "other"}
        else:
            want_rt = (lab.get("fields") or {}).get("report_type") or {}
            rt_n += 1
            rt_ok += int(res["report_type"] == want_rt.get("value"))
            if res["document_type"] != lab.get("document_type"):
                miss["classification"] = {"got": res["document_type"], "want": lab.get("document_type")}
            for f in SCORED_FIELDS:
                want, alts = _want(lab, f)
                got = res["values"].get(f)
                outcome = fs.add(f, got, want, alts)
                if outcome not in ("tp", "tn", "neutral"):
                    miss[f] = {"got": got, "want": want}
            for f in SUPPLEMENTARY_FIELDS:
                if f not in (lab.get("fields") or {}):
                    continue  # not labelled on this item
                want, alts = _want(lab, f)
                got = (res.get("extra_values") or {}).get(f)
                if extra.add(f, got, want, alts) not in ("tp", "tn", "neutral"):
                    miss[f] = {"got": got, "want": want}
        if miss:
            misses.append({"id": it.id, "site": it.site, **miss})
    times = sorted(r["understand_s"] for r in results)
    n = len(results)
    return {
        "items": n,
        "self_evaluations": sum(1 for it in items if it.label.get("is_self_eval")),
        "negatives": sum(1 for it in items if not it.label.get("is_self_eval")),
        "sites": len({it.site for it in items}),
        "classification_accuracy": round(cls_ok / n, 4) if n else None,
        "document_type_accuracy": round(dt_ok / n, 4) if n else None,
        "report_type_accuracy": round(rt_ok / rt_n, 4) if rt_n else None,
        "fields": fs.table(),
        "macro_f1": fs.macro_f1(),
        "supplementary": extra.table(),
        "micro": fs.micro(),
        "values_on_negatives": neg_values,
        "evidence_coverage": round(ev_ok / ev_n, 4) if ev_n else None,
        "understand_ms_median": round(1000 * statistics.median(times), 1) if times else None,
        "understand_ms_p95": round(1000 * times[min(n - 1, int(0.95 * n))], 1) if times else None,
        "misses": misses,
    }


def run_realset(root: str | Path, split: str = "test") -> dict[str, Any]:
    """Evaluate every item of `split`; the result of `score` plus the split name."""
    from selfeval.extract import ExtractionError

    items = load_items(root, split)
    results = []
    for it in items:
        try:
            results.append(evaluate_item(it))
        except ExtractionError as exc:  # an empty or unreadable text is scored as nothing found, not a crash
            results.append(_unreadable(it, str(exc)))
    return {"split": split, **score(items, results)}


def _unreadable(item: Item, reason: str) -> dict[str, Any]:
    """The result of an item whose rendering could not be made or read: nothing found (scored as misses)."""
    return {"id": item.id, "site": item.site, "split": item.split, "understand_s": 0.0, "is_self_eval": False,
            "document_type": "other", "report_type": None, "reports": 0, "values": {}, "extra_values": {},
            "evidence_ok": {}, "reasons": [reason]}


def run_rendered(root: str | Path, split: str, formats: list[str]) -> list[dict[str, Any]]:
    """`run_realset` once per format, every text first rendered as a portal serves it (see `render`)."""
    from selfeval.extract import ExtractionError

    from .render import SHEET_SHAPES, cleanup, render_all, rendered_workdir

    items = load_items(root, split)
    workdir = rendered_workdir()
    try:
        files = render_all({it.id: it.text_path for it in items}, formats, workdir)
        out = []
        for fmt in formats:
            results = []
            chosen = [it for it in items if fmt != "xlsx" or it.label.get("shape") in SHEET_SHAPES]
            for it in chosen:
                path = files[fmt].get(it.id)
                try:
                    results.append(evaluate_item(it, path) if path else _unreadable(it, f"no {fmt} rendering"))
                except ExtractionError as exc:
                    results.append(_unreadable(it, f"{fmt}: {exc}"))
            out.append({"split": split, "format": fmt, **score(chosen, results)})
        return out
    finally:
        cleanup(workdir)


def format_realset(result: dict[str, Any], misses: bool = False) -> str:
    """Human-readable figures (and, with `misses`, every item that differs from its label)."""
    fmt = f" rendered as {result['format']}" if result.get("format") else ""
    lines = [f"realset split={result['split']}{fmt}: {result['items']} items ({result['self_evaluations']} self-evaluations,"
             f" {result['negatives']} look-alikes) from {result['sites']} sites", "",
             f"{'field':26} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for f, m in result["fields"].items():
        lines.append(f"{f:26} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}  {m['tp']:>3} {m['fp']:>3} {m['fn']:>3}")
    lines += ["",
              f"classification accuracy (is_self_eval): {result['classification_accuracy']}",
              f"document type accuracy (5 classes):     {result['document_type_accuracy']}",
              f"report type accuracy (self-evals):      {result['report_type_accuracy']}",
              f"field macro F1: {result['macro_f1']}   micro P/R/F1: {result['micro']}",
              f"values on negatives: {result['values_on_negatives']}   evidence coverage: {result['evidence_coverage']}",
              f"understanding ms/document: median {result['understand_ms_median']}, p95 {result['understand_ms_p95']}"]
    for f, m in (result.get("supplementary") or {}).items():
        lines.append(f"{f} (scored apart, not in the macro F1): P {m['precision']:.3f} R {m['recall']:.3f} "
                     f"F1 {m['f1']:.3f}  tp {m['tp']} fp {m['fp']} fn {m['fn']}")
    if misses:
        lines.append("")
        for m in result["misses"]:
            parts = ", ".join(f"{k}: got {v['got']!r} want {v['want']!r}" for k, v in m.items()
                              if isinstance(v, dict))
            lines.append(f"  {m['id']}: {parts}")
    return "\n".join(lines)


RECORDED = ("items", "self_evaluations", "negatives", "sites", "classification_accuracy", "document_type_accuracy",
            "report_type_accuracy", "macro_f1", "micro", "values_on_negatives", "evidence_coverage")


def record_results(root: str | Path, result: dict[str, Any]) -> Path:
    """Write the headline figures of a run to realset/results-<split>.json (what test_realset guards)."""
    path = Path(root) / f"results-{result['split']}.json"
    out = {k: result[k] for k in RECORDED}
    out["fields"] = {f: m["f1"] for f, m in result["fields"].items()}
    out["supplementary"] = {f: m["f1"] for f, m in (result.get("supplementary") or {}).items()}
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


MANIFEST_COLUMNS = ("id", "split", "site", "url", "source", "document_type", "negative_kind", "language", "shape",
                    "site_province", "truncated")


def manifest_rows(root: str | Path) -> list[dict[str, Any]]:
    """One row per labelled item: where it came from, its split and its kind (realset/manifest.csv)."""
    rows = []
    for it in load_items(root, "all"):
        lab = it.label
        rows.append({"id": it.id, "split": it.split, "site": it.site, "url": lab.get("url"),
                     "source": lab.get("source"), "document_type": lab.get("document_type"),
                     "negative_kind": lab.get("negative_kind") or "", "language": lab.get("language"),
                     "shape": lab.get("shape"), "site_province": lab.get("site_province") or "",
                     "truncated": lab.get("truncated")})
    return rows


def write_manifest(root: str | Path) -> Path:
    """Write realset/manifest.csv from the label files."""
    import csv

    path = Path(root) / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS)
        w.writeheader()
        w.writerows(manifest_rows(root))
    return path


def spread(root: str | Path) -> dict[str, Any]:
    """How the set is spread: items per split and type, provinces, fiscal years, languages, shapes."""
    from collections import Counter

    items = load_items(root, "all")
    fy = Counter(((it.label.get("fields") or {}).get("fiscal_year") or {}).get("value") for it in items
                 if it.label.get("is_self_eval"))
    return {
        "items": len(items),
        "by_split": dict(Counter(it.split for it in items)),
        "by_type": dict(Counter(it.label.get("document_type") for it in items)),
        "negative_kinds": dict(Counter(it.label.get("negative_kind") for it in items if not it.label.get("is_self_eval"))),
        "sites": len({it.site for it in items}),
        "provinces": len({it.label.get("site_province") for it in items if it.label.get("site_province")}),
        "self_eval_provinces": len({it.label.get("site_province") for it in items
                                    if it.label.get("is_self_eval") and it.label.get("site_province")}),
        "fiscal_years": dict(sorted((k, v) for k, v in fy.items() if k)),
        "languages": dict(Counter(it.label.get("language") for it in items)),
        "shapes": dict(Counter(it.label.get("shape") for it in items)),
    }


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "realset")
    print(f"wrote {write_manifest(target)}")
    print(json.dumps(spread(target), ensure_ascii=False, indent=1))
