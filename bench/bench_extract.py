"""Benchmark of the extraction engine (prints figures, always exits 0).

    .venv/bin/python bench/bench_extract.py [--corpus DIR] [--realdata DIR] [--no-ocr] [--max-pages N] [--passes N]

* PDF: pages/s of raw pypdfium2 text (the physical limit), of `extract_file` (PDFium text + PDFium-geometry
  tables, OCR off) and of a pdfplumber-only extractor (`extract_text` + `extract_tables` on every page), on
  the corpus PDFs and the realdata PDFs in one run, the methods' order rotated from file to file, two
  passes; the ratios engine/raw and engine/pdfplumber per pass; and the engine's cell recall: the share of
  pdfplumber's non-empty table cells (whitespace-squashed) that the engine's tables of that page (or the
  page before or after, where a table continues) also hold.
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

from selfeval.extract import Limits, engine_info, extract_file  # noqa: E402
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


def _plumber_only(path: Path, max_pages: int) -> tuple[int, dict[int, list[str]]]:
    """Baseline: what a pdfplumber-only extractor does for every page; also its non-empty cell texts per
    page (0-based) where it finds tables (for the engine's cell recall)."""
    import pdfplumber

    cells: dict[int, list[str]] = {}
    with pdfplumber.open(str(path)) as pdf:
        n = 0
        for i, page in enumerate(pdf.pages[:max_pages]):
            page.extract_text()
            found = [_squash(c) for t in page.extract_tables() for row in t for c in row if c and _squash(c)]
            if found:
                cells[i] = found
            page.close()
            n += 1
    return n, cells


def _raw_pdfium(path: Path) -> int:
    """The physical limit: PDFium's own text of every page, nothing else (open, load, text, close)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        n = len(doc)
        for i in range(n):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        return n
    finally:
        doc.close()


def _engine(path: Path) -> tuple[int, list[set[str]]]:
    """Pages read, and the engine's table cells per page: a table joined across pages is held by its first
    page (meta `joined_tables`), so the pages it continues on count its cells too."""
    doc = extract_file(path, limits=Limits(max_pages=100000))

    def cells(table: list[list[str]]) -> set[str]:
        return {_squash(c) for row in table for c in row if c and _squash(c)}

    per_page = [set().union(*(cells(t) for t in pg.tables)) if pg.tables else set() for pg in doc.pages]
    for join in doc.meta.get("joined_tables") or []:
        head = doc.pages[join["page"] - 1].tables
        held = cells(head[join["table"]]) if join["table"] < len(head) else set()
        for cont in join["continued_on"]:
            per_page[cont["page"] - 1] |= held
    return doc.page_count, per_page


def bench_pdf(files: list[Path], max_pages: int, passes: int = 2) -> None:
    """Pages/s of raw PDFium text, the engine and pdfplumber on the same files in one run, the methods'
    order rotated from file to file, `passes` times; then the engine's recall of pdfplumber's table cells."""
    cap = f" (pdfplumber capped at {max_pages} pages per file)" if max_pages < 100000 else ""
    print(f"\n== PDF: {len(files)} files, {passes} passes, methods rotated per file{cap}")
    os.environ["SELFEVAL_OCR"] = "0"
    if files:  # warm-up: imports and PDFium initialisation are not per-page costs
        extract_file(files[0])
        _plumber_only(files[0], 1)
        _raw_pdfium(files[0])
    usable = []
    for f in files:
        try:
            extract_file(f, limits=Limits(max_pages=100000))
            _raw_pdfium(f)
            usable.append(f)
        except Exception as e:  # noqa: BLE001 - the figures compare files every method reads
            print(f"  skip {f.name[:60]}: {getattr(e, 'reason', type(e).__name__)[:70]}")
    methods = ("raw", "engine", "pdfplumber")
    secs = {m: [0.0] * passes for m in methods}
    pages = {m: 0 for m in methods}
    plumber_cells: dict[str, dict[int, list[str]]] = {}
    engine_cells: dict[str, list[set[str]]] = {}
    for k in range(passes):
        for i, f in enumerate(usable):
            order = methods[(i + k) % 3:] + methods[:(i + k) % 3]
            for m in order:
                t0 = time.perf_counter()
                if m == "raw":
                    n = _raw_pdfium(f)
                elif m == "engine":
                    n, engine_cells[f.name] = _engine(f)
                else:
                    n, plumber_cells[f.name] = _plumber_only(f, max_pages)
                secs[m][k] += time.perf_counter() - t0
                if k == 0:
                    pages[m] += n
    rate = {m: [pages[m] / s if s else 0.0 for s in secs[m]] for m in methods}
    for m in methods:
        print(f"  {m:10} {pages[m]:5d} pages  " + "  ".join(f"pass {k + 1}: {r:7.1f} pages/s" for k, r in enumerate(rate[m])))
    for k in range(passes):
        r = {m: rate[m][k] for m in methods}
        print(f"  pass {k + 1}: engine/raw PDFium = {r['engine'] / r['raw']:.3f}   "
              f"engine/pdfplumber = {r['engine'] / r['pdfplumber']:.1f}x" if r["raw"] and r["pdfplumber"] else "")
    hit = total = table_pages = 0
    for name, by_page in plumber_cells.items():
        ours = engine_cells.get(name, [])
        for i, cells in by_page.items():
            near = set().union(*ours[max(0, i - 1):i + 2]) if ours else set()  # a table joined across pages
            table_pages += 1
            total += len(cells)
            hit += sum(1 for c in cells if c in near)
    if total:
        print(f"  cell recall: {hit}/{total} = {hit / total:.4f} of pdfplumber's non-empty table cells "
              f"(whitespace-squashed) on {table_pages} pages where pdfplumber finds tables")


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
    ap.add_argument("--max-pages", type=int, default=100000,
                    help="pages per PDF for the pdfplumber baseline (default: all, so every method reads the same pages)")
    ap.add_argument("--passes", type=int, default=2, help="passes over the PDFs (methods rotated per file)")
    args = ap.parse_args()
    try:
        info = engine_info()
        print("engine:", {k: info[k] for k in ("engine_version", "pypdfium2", "pdfplumber", "tesseract", "libreoffice")})
        realdata = args.realdata if args.realdata.is_dir() else None
        bench_pdf(_pdfs(args.corpus, realdata), args.max_pages, args.passes)
        bench_doc(args.corpus)
        bench_sheets(args.corpus, realdata)
        if not args.no_ocr:
            bench_ocr(args.corpus)
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not fail the build
        print(f"benchmark aborted: {type(e).__name__}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
