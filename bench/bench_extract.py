"""Benchmark of the extraction engine (prints figures, always exits 0).

    PYTHONPATH=include .venv/bin/python bench/bench_extract.py [--corpus DIR] [--realdata DIR] [--no-ocr]
        [--max-pages N] [--passes N] [--pdf-only]

* PDF (issue 16): on the corpus PDFs and the realdata PDFs (scanned ones and files some method cannot
  read left out), in one run, `--passes` timed passes (2) with the order of the methods rotated from
  file to file and pass to pass:
  - raw pypdfium2 text: open the document, then per page get_textpage + get_text_range (the limit);
  - the engine: `extract_file` (PDFium text, PDFium-geometry ruled tables, OCR off);
  - pdfplumber text+tables: `extract_text` + `extract_tables` (lines strategy, its default) per page;
  pages/s of each, per file and in all, the ratios engine/raw and engine/pdfplumber (wall clock, and
  in all also per-process CPU time, `time.process_time`: on a shared machine the wall ratio moves
  with the other jobs' load, the CPU ratio much less), and a cell-recall
  column: on the pages where pdfplumber finds tables, the share of its non-empty cell texts
  (whitespace-squashed) that are among the engine's table cells of that page (a table the engine joins
  across a page break counts for every page it covers).  `--max-pages N` reads only the first N pages
  of every file (trimmed copies, the same for all three methods).
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
            if p.is_file() and p.read_bytes()[:5] == b"%PDF-":
                files.append(p)
    return files


def _raw_pdfium(path: Path) -> int:
    """The physical limit: PDFium's text of every page and nothing else (open, page, text page, text)."""
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


def _engine(path: Path):
    """`extract_file` (OCR off: SELFEVAL_OCR=0 is set by bench_pdf)."""
    return extract_file(path, limits=Limits(max_pages=100000))


def _plumber(path: Path) -> tuple[int, list[list]]:
    """A pdfplumber-only extractor: `extract_text` and `extract_tables` (its default, the lines
    strategy) of every page; returns the page count and each page's tables."""
    import pdfplumber

    tables = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            tables.append(page.extract_tables())
            page.close()
    return len(tables), tables


def _trimmed(files: list[Path], max_pages: int, tmp: Path) -> list[Path]:
    """Files longer than max_pages replaced by a copy of their first max_pages pages (PDFium's
    import_pages + save), so that every method reads the same pages."""
    import pypdfium2 as pdfium

    out = []
    for f in files:
        try:
            doc = pdfium.PdfDocument(str(f))
        except pdfium.PdfiumError:
            out.append(f)  # reported as skipped below
            continue
        try:
            if len(doc) <= max_pages:
                out.append(f)
                continue
            new = pdfium.PdfDocument.new()
            new.import_pages(doc, list(range(max_pages)))
            target = tmp / f.name
            new.save(str(target))
            new.close()
            out.append(target)
        finally:
            doc.close()
    return out


def _cells(tables) -> set[str]:
    return {s for t in tables for row in t for cell in row if cell and (s := _squash(cell))}


def _engine_cells(doc) -> list[set[str]]:
    """Non-empty cell texts of the engine's tables by page; a table joined across pages counts
    for every page it covers (the engine keeps it on its first page)."""
    per_page = [_cells(pg.tables) for pg in doc.pages]
    for j in doc.meta.get("joined_tables", []):
        page = doc.pages[j["page"] - 1]
        cells = _cells([page.tables[j["table"]]])
        for part in j["continued_on"]:
            per_page[part["page"] - 1] |= cells
    return per_page


def _recall(plumber_tables: list[list], engine_cells: list[set[str]]) -> tuple[int, int, int]:
    """(pages with pdfplumber tables, pdfplumber's non-empty cells there, those the engine has too)."""
    pages = total = hit = 0
    for i, tables in enumerate(plumber_tables):
        cells = [s for t in tables for row in t for cell in row if cell and (s := _squash(cell))]
        if not cells:
            continue
        pages += 1
        total += len(cells)
        ours = engine_cells[i] if i < len(engine_cells) else set()
        hit += sum(1 for s in cells if s in ours)
    return pages, total, hit


METHODS = ("raw", "engine", "pdfplumber")


def bench_pdf(files: list[Path], max_pages: int, passes: int = 2) -> None:
    """Pages/s of raw PDFium text, of the engine and of pdfplumber text+tables on the same files in
    one run (the order of the methods rotated from file to file and pass to pass), the ratios, and
    the engine's recall of pdfplumber's table cells."""
    os.environ["SELFEVAL_OCR"] = "0"
    print(f"\n== PDF: {len(files)} files")
    with tempfile.TemporaryDirectory(prefix="selfeval-bench-pdf-") as tmp:
        if max_pages > 0:
            files = _trimmed(files, max_pages, Path(tmp))
        usable, pages, recall = [], {}, {}
        for f in files:  # also the warm-up: imports and PDFium initialisation are not per-page costs
            try:
                doc = _engine(f)
                if doc.meta.get("scanned"):
                    print(f"  skip {f.name[:60]}: scanned")
                    continue
                n = _raw_pdfium(f)
                nb, plumber_tables = _plumber(f)
            except Exception as e:  # noqa: BLE001 - the figures compare files every method reads
                print(f"  skip {f.name[:60]}: {getattr(e, 'reason', None) or type(e).__name__}"[:100])
                continue
            if not n == nb == doc.page_count:
                print(f"  skip {f.name[:60]}: page counts differ ({n}, {doc.page_count}, {nb})")
                continue
            usable.append(f)
            pages[f] = n
            recall[f] = _recall(plumber_tables, _engine_cells(doc))
        cap = f"first {max_pages} pages of each" if max_pages > 0 else "whole files"
        print(f"  {len(usable)} files, {sum(pages.values())} pages ({cap}), {passes} passes, "
              f"methods rotated per file")
        secs = {f: {m: 0.0 for m in METHODS} for f in usable}
        per_pass = [{m: 0.0 for m in METHODS} for _ in range(passes)]
        cpu_pass = [{m: 0.0 for m in METHODS} for _ in range(passes)]
        for k in range(passes):
            for i, f in enumerate(usable):
                r = (i + k) % len(METHODS)
                for m in METHODS[r:] + METHODS[:r]:
                    t0, c0 = time.perf_counter(), time.process_time()
                    if m == "raw":
                        _raw_pdfium(f)
                    elif m == "engine":
                        _engine(f)
                    else:
                        _plumber(f)
                    dt = time.perf_counter() - t0
                    cpu_pass[k][m] += time.process_time() - c0
                    secs[f][m] += dt
                    per_pass[k][m] += dt
    print(f"  {'file':44} {'pages':>5} {'raw p/s':>8} {'engine':>8} {'plumber':>8} {'eng/raw':>7} "
          f"{'eng/plb':>7} {'cells':>9} {'recall':>7}")
    for f in usable:
        rate = {m: passes * pages[f] / secs[f][m] for m in METHODS}
        tp, total, hit = recall[f]
        print(f"  {f.name[:44]:44} {pages[f]:5d} {rate['raw']:8.0f} {rate['engine']:8.0f} {rate['pdfplumber']:8.1f} "
              f"{rate['engine'] / rate['raw']:7.3f} {rate['engine'] / rate['pdfplumber']:6.1f}x "
              f"{f'{hit}/{total}' if total else '-':>9} {f'{hit / total:.4f}' if total else '-':>7}")
    n = sum(pages.values())
    total_s = {m: sum(secs[f][m] for f in usable) for m in METHODS}
    rate = {m: passes * n / total_s[m] if total_s[m] else 0.0 for m in METHODS}
    tp, total, hit = (sum(v[j] for v in recall.values()) for j in range(3))
    print(f"  raw pypdfium2 text:      {rate['raw']:7.1f} pages/s")
    print(f"  engine (extract_file):   {rate['engine']:7.1f} pages/s")
    print(f"  pdfplumber text+tables:  {rate['pdfplumber']:7.1f} pages/s")
    if rate["raw"] and rate["pdfplumber"]:
        print(f"  ratio engine/raw PDFium = {rate['engine'] / rate['raw']:.3f}   "
              f"ratio engine/pdfplumber = {rate['engine'] / rate['pdfplumber']:.1f}x   ({n} pages x {passes} passes)")
    for k, t in enumerate(per_pass):
        if passes > 1 and all(t.values()) and all(cpu_pass[k].values()):
            print(f"    pass {k + 1}: raw {n / t['raw']:.1f}, engine {n / t['engine']:.1f}, pdfplumber "
                  f"{n / t['pdfplumber']:.1f} pages/s; engine/raw {t['raw'] / t['engine']:.3f}, "
                  f"engine/pdfplumber {t['pdfplumber'] / t['engine']:.1f}x; CPU engine/raw "
                  f"{cpu_pass[k]['raw'] / cpu_pass[k]['engine']:.3f}")
    _print_cpu(cpu_pass, n, passes)
    if total:
        print(f"  cell recall = {hit}/{total} = {hit / total:.4f} of pdfplumber's non-empty table cells "
              f"(whitespace-squashed) found among the engine's cells of the page, on the {tp} pages where "
              f"pdfplumber finds ruled tables")


def _print_cpu(cpu_pass: list[dict[str, float]], n: int, passes: int) -> None:
    """The totals in per-process CPU time: what each method costs itself, whatever the other jobs
    on the machine take of the cores (wall-clock ratios shift with their load)."""
    cpu = {m: sum(t[m] for t in cpu_pass) for m in METHODS}
    if not all(cpu.values()):
        return
    rate = {m: passes * n / cpu[m] for m in METHODS}
    print(f"  CPU time (process_time): raw {rate['raw']:.1f}, engine {rate['engine']:.1f}, pdfplumber "
          f"{rate['pdfplumber']:.1f} pages per CPU second; engine/raw = {cpu['raw'] / cpu['engine']:.3f}   "
          f"engine/pdfplumber = {cpu['pdfplumber'] / cpu['engine']:.1f}x   (engine {1000 * cpu['engine'] / passes / n:.2f}, "
          f"raw {1000 * cpu['raw'] / passes / n:.2f} ms per page)")


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
    ap.add_argument("--max-pages", type=int, default=0,
                    help="PDF: read only the first N pages of every file (trimmed copies; 0: whole files)")
    ap.add_argument("--passes", type=int, default=2, help="PDF: timed passes over the files")
    ap.add_argument("--pdf-only", action="store_true", help="only the PDF figures")
    args = ap.parse_args()
    try:
        info = engine_info()
        print("engine:", {k: info[k] for k in ("engine_version", "pypdfium2", "pdfplumber", "tesseract", "libreoffice")})
        realdata = args.realdata if args.realdata.is_dir() else None
        bench_pdf(_pdfs(args.corpus, realdata), args.max_pages, max(1, args.passes))
        if args.pdf_only:
            return 0
        bench_doc(args.corpus)
        bench_sheets(args.corpus, realdata)
        if not args.no_ocr:
            bench_ocr(args.corpus)
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not fail the build
        print(f"benchmark aborted: {type(e).__name__}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
