"""Benchmark of report understanding: milliseconds per document (prints figures, always exits 0).

    .venv/bin/python bench/bench_understand.py [--corpus DIR] [--realdata DIR] [--repeat N]

Documents are extracted first (not timed): every realset text, the labelled cases, the corpus renderings
(PDF/DOCX/DOC/HTML/XLS, OCR off) and, when present, the realdata PDFs (up to 171 pages).  Then
`understand(doc)` (segmentation, classification, fields, region, validation excluded) is timed N times
per document and the best run kept.  Printed: documents, median / p95 / max ms per document, ms per
1,000 characters, and the slowest documents.  Goal: median < 50 ms.

Then the worst shapes seen or feared, 100,000 characters each (a sharing site's copy run together on one line,
long runs of numerals, repeated section heads, a form flattened to one cell per line), timed once each: the
time must grow with the length, never with its square (a regex tried at every character of a long run).
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
    from selfeval.model import ExtractedDocument, Page

    print("worst shapes (one run each; 25,000 then 100,000 characters):")
    for (name, short), (_, long) in zip(adversarial(25_000), adversarial(100_000), strict=True):
        t_s, t_l = (_timed(ExtractedDocument(format="txt", pages=[Page(number=1, text=x)], engine="txt"))
                    for x in (short, long))
        print(f"  {name:28} {t_s * 1000:8.1f} ms -> {t_l * 1000:8.1f} ms  (x{t_l / max(t_s, 1e-9):.1f} for 4x the text)")


def adversarial(size: int = 100_000) -> list[tuple[str, str]]:
    """Synthetic worst cases of `size` characters (see the module docstring)."""
    name = "某县林业局2022年度部门整体绩效自评表"
    blurb = f"《{name}.docx》由会员分享,可在线阅读,更多相关《{name}.docx(5页珍藏版)》请在某某文库上搜索。\n1、"
    unit = "项目名称农村道路养护主管部门某县交通运输局年初预算数全年预算数全年执行数分值执行率得分100120118109.8"
    shapes = {
        "sharing copy on one line": blurb + name + "主管部门" + unit * (size // len(unit)),
        "numeral run": "某县林业局2022年度部门整体支出绩效自评报告\n" + "一二三四五六七八九十" * (size // 10),
        "repeated heads": "一、部门基本情况\n二、预算执行情况\n三、自评结论\n" * (size // 27),
        "cells one per line": "\n".join(["年初预算数", "120.5", "全年预算数", "130.2", "执行率", "96.1%"] * (size // 40)),
    }
    return [(k, v[:size]) for k, v in shapes.items()]


def _timed(doc: object) -> float:
    t = time.perf_counter()
    understand(doc)  # type: ignore[arg-type]
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
