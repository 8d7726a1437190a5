"""Benchmark of the extraction engine (prints figures, always exits 0).

    .venv/bin/python bench/bench_extract.py [--corpus DIR] [--realdata DIR] [--no-ocr] [--max-pages N]

* PDF: pages/s of `extract_file` (PDFium text + PDFium-geometry tables) against a
  pdfplumber-only baseline (`extract_text` + `extract_tables` on every page), over the
  corpus PDFs and the realdata PDFs in one run, and the ratio.
* DOC: seconds per LibreOffice conversion, cold (fresh profile) and warm.
* XLS/XLSX: seconds per workbook.
* OCR: full OCR of the corpus scan with the selected engine, seconds per page and similarity with its seed
  (both engines side by side: bench/bench_ocr.py).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))

from selfeval.extract import ExtractionError, Limits, engine_info, extract_file  # noqa: E402
from selfeval.textnorm import normalize_text  # noqa: E402


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", normalize_text(s))


def _pdfs(corpus: Path, realdata: Path | None) -> list[Path]:
    files = sorted(p for p in corpus.glob("*.pdf") if "scanned" not in p.name)
    if realdata and realdata.is_dir():
        for p in sorted(realdata.iterdir()):
            if p.read_bytes()[:5] == b"%PDF-":
                files.append(p)
    return files


def _plumber_only(path: Path, max_pages: int) -> int:
    """Baseline: what a pdfplumber-only extractor does for every page."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        n = 0
        for page in pdf.pages[:max_pages]:
            page.extract_text()
            page.extract_tables()
            page.close()
            n += 1
    return n


def bench_pdf(files: list[Path], max_pages: int) -> None:
    print(f"\n== PDF: {len(files)} files (pages capped at {max_pages} per file for the baseline too)")
    os.environ["SELFEVAL_OCR"] = "0"
    if files:  # warm-up: imports and PDFium initialisation are not per-page costs
        extract_file(files[0])
        _plumber_only(files[0], 1)
    ours_t = base_t = 0.0
    ours_p = base_p = 0
    failed = 0
    for f in files:
        t0 = time.perf_counter()
        try:
            doc = extract_file(f, limits=Limits(max_pages=100000))
            n = doc.page_count
        except ExtractionError as e:
            failed += 1
            print(f"  skip {f.name[:60]}: {e.reason[:70]}")
            continue
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        try:
            nb = _plumber_only(f, max_pages)
        except Exception as e:  # noqa: BLE001 - the baseline may choke where we do not
            print(f"  baseline failed on {f.name[:60]}: {type(e).__name__}")
            continue
        base = time.perf_counter() - t0
        # compare like with like: scale our time to the pages the baseline read
        ours_t += ours * min(1.0, nb / max(n, 1))
        ours_p += nb
        base_t += base
        base_p += nb
        print(f"  {f.name[:58]:58} {n:4d} p  ours {ours:6.2f} s   pdfplumber {base:6.2f} s ({nb} p)")
    ours_rate = ours_p / ours_t if ours_t else 0.0
    base_rate = base_p / base_t if base_t else 0.0
    print(f"  engine:          {ours_p} pages in {ours_t:.1f} s = {ours_rate:.1f} pages/s")
    print(f"  pdfplumber-only: {base_p} pages in {base_t:.1f} s = {base_rate:.1f} pages/s")
    if base_rate:
        print(f"  ratio engine/pdfplumber = {ours_rate / base_rate:.1f}x   ({failed} files raised ExtractionError)")


def bench_doc(corpus: Path) -> None:
    from selfeval.extract import office

    docs = sorted(corpus.glob("*.doc"))
    print(f"\n== DOC via LibreOffice: {len(docs)} files")
    if not docs or not office.soffice_binary():
        print("  soffice not available")
        return
    with tempfile.TemporaryDirectory(prefix="selfeval-bench-lo-") as tmp:
        office.PROFILE_ROOT = Path(tmp)  # fresh profiles: the first conversion is cold
        times = []
        for f in docs:
            t0 = time.perf_counter()
            doc = extract_file(f)
            times.append((time.perf_counter() - t0, doc.meta.get("convert_s"), doc.meta.get("soffice_profile_warm")))
        cold = [t for t, _, warm in times if not warm]
        warm = [t for t, _, w in times if w]
        print(f"  cold: {cold[0]:.2f} s (first conversion, new profile)" if cold else "  cold: n/a")
        if warm:
            print(f"  warm: {sum(warm) / len(warm):.2f} s per file (mean of {len(warm)}; conversion alone "
                  f"{sum(c for _, c, w in times if w) / len(warm):.2f} s)")


def bench_sheets(corpus: Path, realdata: Path | None) -> None:
    files = sorted(corpus.glob("*.xls*"))
    if realdata and realdata.is_dir():
        files += sorted(p for p in realdata.iterdir() if p.suffix in (".xls", ".xlsx"))
    print(f"\n== Workbooks: {len(files)} files")
    for f in files:
        t0 = time.perf_counter()
        doc = extract_file(f)
        print(f"  {f.name[:58]:58} {doc.format:4} {doc.page_count:3d} sheets  {time.perf_counter() - t0:.3f} s")


def bench_ocr(corpus: Path) -> None:
    scan = corpus / "seed_000.scanned.pdf"
    if not scan.exists():
        return
    os.environ["SELFEVAL_OCR"] = "1"
    t0 = time.perf_counter()
    doc = extract_file(scan)
    dt = time.perf_counter() - t0
    os.environ["SELFEVAL_OCR"] = "0"
    seed = (corpus / "seed_000.txt").read_text(encoding="utf-8")
    ratio = difflib.SequenceMatcher(None, _squash(seed), _squash(doc.text), autojunk=False).ratio()
    print(f"\n== OCR: {scan.name}: {doc.page_count} pages in {dt:.1f} s = {dt / doc.page_count:.2f} s/page "
          f"({doc.engine.split('+')[-1]}, {doc.meta.get('ocr_threads')} threads); similarity with seed {ratio:.4f} "
          f"(engines compared: bench/bench_ocr.py)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "corpus")
    ap.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata")
    ap.add_argument("--no-ocr", action="store_true")
    ap.add_argument("--max-pages", type=int, default=60, help="pages per PDF for the pdfplumber baseline")
    args = ap.parse_args()
    try:
        info = engine_info()
        print("engine:", {k: info[k] for k in ("engine_version", "pypdfium2", "pdfplumber", "tesseract", "libreoffice")})
        realdata = args.realdata if args.realdata.is_dir() else None
        bench_pdf(_pdfs(args.corpus, realdata), args.max_pages)
        bench_doc(args.corpus)
        bench_sheets(args.corpus, realdata)
        if not args.no_ocr:
            bench_ocr(args.corpus)
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not fail the build
        print(f"benchmark aborted: {type(e).__name__}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
