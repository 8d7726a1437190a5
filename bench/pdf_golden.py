"""Golden outputs of the PDF reader: dump them once, diff after every change.

    PYTHONPATH=include .venv/bin/python bench/pdf_golden.py dump DIR     # before a change
    PYTHONPATH=include .venv/bin/python bench/pdf_golden.py check DIR    # after it: lists differences

For every PDF of tests/fixtures/corpus and of shared/realdata (every file whose bytes start
with %PDF-, plus the realdata files named pdf-*), one JSON file holds `extract_file`'s
document (page texts, tables, meta, warnings; OCR off, no page cap; the error reason for
files that raise) and the raw `find_tables` result of every page that has enough paths
(grid, bbox, column edges, chars above, anchors: what cross-page merging works from), and
what the probe measured on every page (characters, paths, image share).
Floats are written with repr, so "identical" means bit for bit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))
os.environ["SELFEVAL_OCR"] = "0"
os.environ.pop("SELFEVAL_PDF_TABLES", None)

from selfeval.extract import ExtractionError, Limits, extract_file  # noqa: E402


def golden_files(corpus: Path, realdata: Path | None) -> list[Path]:
    files = sorted(corpus.glob("*.pdf"))
    if realdata and realdata.is_dir():
        files += sorted(p for p in realdata.iterdir()
                        if p.is_file() and (p.name.startswith("pdf-") or p.read_bytes()[:5] == b"%PDF-"))
    return files


def raw_tables(path: Path) -> list:
    """find_tables of every page that wants tables (what _probe_page sees), as plain data."""
    import pypdfium2 as pdfium
    from selfeval.extract.pdf import MIN_PATHS_FOR_TABLE
    from selfeval.extract.pdftables import find_tables, scan_objects

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return []
    out = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            try:
                if scan_objects(page).n_paths < MIN_PATHS_FOR_TABLE:
                    continue
                try:
                    found = find_tables(page, tp)
                except Exception as e:  # noqa: BLE001
                    out.append({"page": i + 1, "error": f"{type(e).__name__}: {e}"})
                    continue
                out.append({"page": i + 1, "tables": [
                    {"grid": t.grid, "bbox": list(t.bbox), "cols": t.cols, "above": t.chars_above,
                     "anchors": t.anchors} for t in found]})
            finally:
                tp.close()
                page.close()
    finally:
        doc.close()
    return out


def probes(path: Path) -> list:
    """What the probe of every page measured (text length, non-space chars, paths, image share)."""
    import pypdfium2 as pdfium
    from selfeval.extract.pdf import _safe_probe

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return []
    try:
        return [[len(p.text), p.n_chars, p.n_paths, p.image_area, p.warning]
                for p in (_safe_probe(doc, i, tables=False) for i in range(len(doc)))]
    finally:
        doc.close()


def golden(path: Path) -> dict:
    try:
        d = extract_file(path, limits=Limits(max_pages=100000)).to_dict()
        d.pop("duration_s", None)
    except ExtractionError as e:
        d = {"error": e.reason}
    ok = "error" not in d
    return {"file": path.name, "doc": d, "probes": probes(path) if ok else [], "raw_tables": raw_tables(path) if ok else []}


def _name(p: Path) -> str:
    return f"{p.parent.name}__{p.name}.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("dump", "check"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "corpus")
    ap.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata")
    args = ap.parse_args()
    files = golden_files(args.corpus, args.realdata)
    args.dir.mkdir(parents=True, exist_ok=True)
    bad = 0
    for f in files:
        text = json.dumps(golden(f), ensure_ascii=False, indent=1, sort_keys=True)
        target = args.dir / _name(f)
        if args.mode == "dump":
            target.write_text(text, encoding="utf-8")
            continue
        if not target.exists():
            print(f"NEW   {f.name}")
            bad += 1
        elif target.read_text(encoding="utf-8") != text:
            bad += 1
            (args.dir / (_name(f) + ".new")).write_text(text, encoding="utf-8")
            print(f"DIFF  {f.name}  (diff {target} {target}.new)")
    print(f"{len(files)} files, {bad} differ" if args.mode == "check" else f"{len(files)} files dumped to {args.dir}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
