"""Benchmark of report understanding: milliseconds per document (prints figures, always exits 0).

    .venv/bin/python bench/bench_understand.py [--corpus DIR] [--realdata DIR] [--repeat N]

Documents are extracted first (not timed): every realset text, the labelled cases, the corpus renderings
(PDF/DOCX/DOC/HTML/XLS, OCR off) and, when present, the realdata PDFs (up to 171 pages).  Then
`understand(doc)` (segmentation, classification, fields, region, validation excluded) is timed N times
per document and the best run kept.  Printed: documents, median / p95 / max ms per document, ms per
1,000 characters, and the slowest documents.  Goal: median < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))
os.environ.setdefault("SELFEVAL_OCR", "0")

from selfeval.extract import ExtractionError, extract_file  # noqa: E402
from selfeval.understand import understand  # noqa: E402


def documents(corpus: Path, realdata: Path | None) -> list[tuple[str, object]]:
    paths = sorted((ROOT / "realset" / "texts").glob("*.txt")) + sorted((ROOT / "tests/understand/cases").glob("*.txt"))
    paths += sorted(p for p in corpus.iterdir() if p.suffix in (".pdf", ".docx", ".doc", ".html", ".xls", ".xlsx", ".txt")
                    and "scanned" not in p.name)
    if realdata and realdata.is_dir():
        paths += sorted(p for p in realdata.iterdir() if p.suffix in (".pdf", ".html", ".xls", ".xlsx"))
    out = []
    for p in paths:
        try:
            out.append((p.name, extract_file(p)))
        except ExtractionError:
            continue
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "corpus")
    ap.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs = documents(args.corpus, args.realdata)
    print(f"extracted {len(docs)} documents in {time.perf_counter() - t0:.1f} s (not part of the figures)")
    understand(docs[0][1])  # load the model and the gazetteer once
    rows = []
    for name, doc in docs:
        best = min(_timed(doc) for _ in range(args.repeat))
        chars = sum(len(p.text or "") for p in doc.pages)  # type: ignore[attr-defined]
        rows.append((best * 1000, chars, len(doc.pages), name))  # type: ignore[attr-defined]
    ms = sorted(r[0] for r in rows)
    n = len(ms)
    per_k = sum(r[0] for r in rows) / max(1, sum(r[1] for r in rows)) * 1000
    print(f"understand: {n} documents, median {statistics.median(ms):.1f} ms, p95 {ms[int(0.95 * (n - 1))]:.1f} ms, "
          f"max {ms[-1]:.1f} ms, {per_k:.2f} ms per 1,000 characters (goal: median < 50 ms)")
    print("slowest:")
    for t, chars, pages, name in sorted(rows, reverse=True)[:5]:
        print(f"  {t:8.1f} ms  {pages:4d} pages  {chars:8d} chars  {name}")


def _timed(doc: object) -> float:
    t = time.perf_counter()
    understand(doc)  # type: ignore[arg-type]
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
