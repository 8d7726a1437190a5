"""OCR engines compared in one run: character accuracy, pages/s, peak memory, amounts kept.

    .venv/bin/python bench/bench_ocr.py [--engines rapidocr,tesseract] [--threads N] [--dpi D]
                                        [--scan-pages N] [--realdata-pages N] [--rounds R]

Two page sets, each OCRed by every engine (the engine order is rotated from set to set and from
round to round, so machine noise hits both alike):

* scan: the corpus scan `seed_000.scanned.pdf` (150 dpi JPEG, skewed), truth `seed_000.txt`;
* rendered: pages of real text-layer reports (corpus seeds and, when present, shared/realdata: for each
  file the page with the most amounts with thousands separators) rasterised at the OCR dpi into an
  image-only PDF, so the text layer of the original page is the known text.

Each (set, engine) runs in a fresh subprocess (`--worker`), started under `unshare -n` when that works
(no network at all: an engine that downloaded a model would fail here). Per engine it prints:
character accuracy (1 - edit distance / truth length over CJK ideographs and digits; micro-averaged over
pages; and order-free, which tells misread characters from table cells read in another order), pages/s of the OCR call (rendering included, model loading excluded and printed as `init`; CPU seconds per page too, the
figure least disturbed by other load on the machine),
peak RSS (the worker's VmHWM plus its largest OCR child, and the sampled peak of the worker with all
its children), and amounts of the truth found verbatim (all, and those with thousands separators; before
and after the OCR post-processing that repairs `12.542.74`). Always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))

from selfeval.extract.ocr_score import amounts_found, char_errors, char_errors_unordered  # noqa: E402
from selfeval.settings import OCR_ENGINES, Limits, usable_cores  # noqa: E402

CORPUS_PICKS = [("seed_001.table.pdf", 1), ("seed_001.table.pdf", 3), ("seed_001.pdf", 2), ("seed_004.pdf", 1)]
"""Corpus pages for the rendered set: two table pages and a form with separators, one narrative page."""


# --- worker: one engine over a list of pages, in a fresh process ------------------------------------


class PeakRss:
    """Samples the resident set of this process plus all its children (Tesseract runs one per page)."""

    def __init__(self, interval_s: float = 0.05) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval_s,), daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self, interval_s: float) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(interval_s):
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)


def _vmhwm_mb() -> float:
    """This process's resident high-water mark (VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s() -> float:
    """CPU seconds (user + system) of this process and its finished children (the tesseract processes)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _warm_up(engine: str, threads: int) -> float:
    """Load what the engine loads once per process (RapidOCR's ONNX models); seconds taken."""
    t0 = time.perf_counter()
    if engine == "rapidocr":
        from selfeval.extract import ocr_rapid

        for slot in range(ocr_rapid.pool_size(threads)):
            ocr_rapid.engine(slot)
    return time.perf_counter() - t0


def worker(request: Path) -> None:
    """OCR every job of the request with one engine; print one JSON line with texts, times and memory."""
    import resource

    from selfeval.extract import ocr
    from selfeval.extract.ocr_post import clean_ocr_text

    req = json.loads(request.read_text(encoding="utf-8"))
    engine, threads, dpi = req["engine"], req["threads"], req["dpi"]
    module = ocr.ENGINES[engine]
    out: dict = {"engine": module.label(), "pages": {}, "warnings": []}
    reason = module.unavailable()
    if reason:
        out["error"] = reason
        print(json.dumps(out, ensure_ascii=False))
        return
    with PeakRss() as peak:
        out["init_s"] = _warm_up(engine, threads)
        cpu0 = _cpu_s()
        t0 = time.perf_counter()
        for job in req["jobs"]:
            raw, warnings = module.recognize(ocr.render_pages(Path(job["pdf"]), job["pages"], dpi), threads)
            out["warnings"] += warnings
            for num, text in raw.items():
                out["pages"][f"{job['key']}:{num}"] = {"raw": text, "text": clean_ocr_text(text)}
        out["ocr_s"] = time.perf_counter() - t0
        out["cpu_s"] = _cpu_s() - cpu0
    out["vmhwm_mb"] = _vmhwm_mb()
    out["child_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["tree_peak_mb"] = peak.peak / 2**20
    print(json.dumps(out, ensure_ascii=False))


# --- page sets -------------------------------------------------------------------------------------


@dataclass
class PageSet:
    """Pages to OCR (jobs for the worker) and the known text of each page, keyed 'job:page'."""

    name: str
    jobs: list[dict] = field(default_factory=list)
    truth: dict[str, str] = field(default_factory=dict)


def scan_set(corpus: Path, pages: int) -> PageSet:
    """The corpus scan against its seed text (the truth for all its pages as a whole; for fewer pages, the
    text layer of those pages of seed_000.pdf)."""
    ps = PageSet("scan")
    pdf = corpus / "seed_000.scanned.pdf"
    if not pdf.exists():
        return ps
    import pypdfium2 as pdfium

    total = len(pdfium.PdfDocument(str(pdf)))
    n = min(pages, total)
    ps.jobs.append({"key": "scan", "pdf": str(pdf), "pages": list(range(1, n + 1))})
    if n == total:
        ps.truth["scan"] = (corpus / "seed_000.txt").read_text(encoding="utf-8")
    else:  # part of the scan: its pages' text in seed_000.pdf, which the scan was rasterised from
        doc = pdfium.PdfDocument(str(corpus / "seed_000.pdf"))
        ps.truth.update({f"scan:{i}": _page_text(doc, i - 1) for i in range(1, n + 1)})
        doc.close()
    return ps


def _page_text(doc, index: int) -> str:
    """The text layer of one page (the known text of its rendering)."""
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()


def _realdata_picks(realdata: Path | None, limit: int) -> list[tuple[Path, int]]:
    """Per text-layer PDF of realdata, its page with the most separated amounts; the first `limit` files."""
    import pypdfium2 as pdfium

    picks: list[tuple[Path, int]] = []
    if not realdata or not realdata.is_dir() or limit <= 0:
        return picks
    for f in sorted(realdata.glob("pdf-*.pdf")):
        try:
            doc = pdfium.PdfDocument(str(f))
        except pdfium.PdfiumError:
            continue
        best, best_n = 0, 0
        for i in range(min(len(doc), 40)):
            text = _page_text(doc, i)
            n_sep = amounts_found(text, text)[3] if len(text) > 200 else 0
            if n_sep > best_n:
                best, best_n = i + 1, n_sep
        doc.close()
        if best_n >= 3:
            picks.append((f, best))
        if len(picks) >= limit:
            break
    return picks


def rendered_set(corpus: Path, realdata: Path | None, realdata_pages: int, dpi: int, tmp: Path) -> PageSet:
    """Real text-layer pages rasterised at `dpi` into one image-only PDF; their text layers are the truth."""
    import pypdfium2 as pdfium

    picks = [(corpus / name, page) for name, page in CORPUS_PICKS if (corpus / name).exists()]
    picks += _realdata_picks(realdata, realdata_pages)
    ps = PageSet("rendered")
    images = []
    for i, (pdf, page) in enumerate(picks, 1):
        doc = pdfium.PdfDocument(str(pdf))
        ps.truth[f"rendered:{i}"] = _page_text(doc, page - 1)
        images.append(doc[page - 1].render(scale=dpi / 72.0, grayscale=True).to_pil())
        doc.close()
        print(f"  rendered p{i}: {pdf.name[:60]} page {page}")
    if images:
        out = tmp / "rendered.pdf"
        images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
        ps.jobs.append({"key": "rendered", "pdf": str(out), "pages": list(range(1, len(images) + 1))})
    return ps


# --- driver ----------------------------------------------------------------------------------------


def _no_network_prefix() -> list[str]:
    """`unshare -n` when this user may create a network namespace (then workers have no network at all)."""
    exe = shutil.which("unshare")
    if exe and subprocess.run([exe, "-n", "true"], capture_output=True).returncode == 0:
        return [exe, "-n"]
    return []


def run_worker(engine: str, ps: PageSet, threads: int, dpi: int, tmp: Path, prefix: list[str]) -> dict:
    """One fresh process OCRs the page set with one engine; its JSON result."""
    req = tmp / f"req-{ps.name}-{engine}.json"
    req.write_text(json.dumps({"engine": engine, "threads": threads, "dpi": dpi, "jobs": ps.jobs}), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "include"))
    proc = subprocess.run([*prefix, sys.executable, __file__, "--worker", str(req)],
                          capture_output=True, text=True, env=env)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": f"worker rc={proc.returncode}: {proc.stderr.strip()[-300:]}"}
    return json.loads(lines[-1])


@dataclass
class Tally:
    """One engine's figures over every set and round."""

    pages: int = 0
    ocr_s: float = 0.0
    cpu_s: float = 0.0
    unordered: int = 0
    init_s: list[float] = field(default_factory=list)
    errors: int = 0
    chars: int = 0
    peak_mb: float = 0.0
    hwm_mb: float = 0.0
    amounts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    raw_amounts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])


def score(ps: PageSet, result: dict) -> dict:
    """Accuracy and amounts of one worker result against the set's truth."""
    errors = chars = unordered = 0
    amounts, raw_amounts = [0, 0, 0, 0], [0, 0, 0, 0]
    for key, truth in ps.truth.items():
        if ":" in key:  # one page
            got = result["pages"].get(key, {"raw": "", "text": ""})
            text, raw = got["text"], got["raw"]
        else:  # a whole document: its pages in order
            nums = sorted((int(k.split(":")[1]), v) for k, v in result["pages"].items() if k.startswith(key + ":"))
            text = "\n".join(v["text"] for _, v in nums)
            raw = "\n".join(v["raw"] for _, v in nums)
        e, n = char_errors(truth, text)
        errors, chars = errors + e, chars + n
        unordered += char_errors_unordered(truth, text)[0]
        amounts = [a + b for a, b in zip(amounts, amounts_found(truth, text), strict=True)]
        raw_amounts = [a + b for a, b in zip(raw_amounts, amounts_found(truth, raw), strict=True)]
    return {"errors": errors, "unordered": unordered, "chars": chars, "amounts": amounts, "raw_amounts": raw_amounts}


def _acc(errors: int, chars: int) -> float:
    return max(0.0, 1 - errors / chars) if chars else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "corpus")
    ap.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata")
    ap.add_argument("--engines", default=",".join(OCR_ENGINES))
    ap.add_argument("--threads", type=int, default=usable_cores())
    ap.add_argument("--dpi", type=int, default=Limits().ocr_dpi)
    ap.add_argument("--scan-pages", type=int, default=12, help="pages of the corpus scan (it has 12)")
    ap.add_argument("--realdata-pages", type=int, default=6, help="realdata pages in the rendered set")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker)
        return 0
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    prefix = _no_network_prefix()
    print(f"== OCR engines {', '.join(engines)}: {args.threads} threads, {args.dpi} dpi, "
          f"workers {'without network (unshare -n)' if prefix else 'with the network namespace of this shell'}")
    tallies = {e: Tally() for e in engines}
    with tempfile.TemporaryDirectory(prefix="selfeval-bench-ocr-") as tmp_name:
        tmp = Path(tmp_name)
        sets = [scan_set(args.corpus, args.scan_pages),
                rendered_set(args.corpus, args.realdata, args.realdata_pages, args.dpi, tmp)]
        turn = 0
        for rnd in range(args.rounds):
            for ps in sets:
                if not ps.jobs:
                    continue
                order = engines[turn % len(engines):] + engines[:turn % len(engines)]
                turn += 1
                for engine in order:
                    res = run_worker(engine, ps, args.threads, args.dpi, tmp, prefix)
                    report_one(rnd, ps, engine, res, tallies[engine])
    print_summary(tallies)
    return 0


def report_one(rnd: int, ps: PageSet, engine: str, res: dict, t: Tally) -> None:
    """Print one worker's figures and add them to the engine's tally."""
    if "error" in res:
        print(f"  round {rnd + 1} {ps.name:8} {engine:9}  unavailable: {res['error']}")
        return
    s = score(ps, res)
    n = len(res["pages"])
    t.pages += n
    t.ocr_s += res["ocr_s"]
    t.cpu_s += res["cpu_s"]
    t.unordered += s["unordered"]
    t.init_s.append(res["init_s"])
    t.errors += s["errors"]
    t.chars += s["chars"]
    t.peak_mb = max(t.peak_mb, res["tree_peak_mb"])
    t.hwm_mb = max(t.hwm_mb, res["vmhwm_mb"] + res["child_maxrss_mb"])
    t.amounts = [a + b for a, b in zip(t.amounts, s["amounts"], strict=True)]
    t.raw_amounts = [a + b for a, b in zip(t.raw_amounts, s["raw_amounts"], strict=True)]
    a = s["amounts"]
    print(f"  round {rnd + 1} {ps.name:8} {engine:9} {n:3d} p  acc {_acc(s['errors'], s['chars']):.4f} "
          f"(order-free {_acc(s['unordered'], s['chars']):.4f})  {n / res['ocr_s']:.3f} p/s  "
          f"{res['cpu_s'] / n:.1f} cpu-s/p  init {res['init_s']:.2f} s  peak {res['tree_peak_mb']:.0f} MB  "
          f"amounts {a[0]}/{a[1]} (separated {a[2]}/{a[3]})"
          + (f"  warnings: {res['warnings'][:2]}" if res["warnings"] else ""))


def print_summary(tallies: dict[str, Tally]) -> None:
    """One block per engine over everything it read."""
    print("\n== summary (all sets and rounds)")
    for engine, t in tallies.items():
        if not t.pages:
            print(f"  {engine:10} unavailable")
            continue
        a, r = t.amounts, t.raw_amounts
        print(f"  {engine:10} {t.pages} pages  char accuracy {_acc(t.errors, t.chars):.4f} "
              f"(order-free {_acc(t.unordered, t.chars):.4f})  {t.pages / t.ocr_s:.3f} pages/s  "
              f"{t.cpu_s / t.pages:.2f} cpu-s/page  init {sum(t.init_s) / len(t.init_s):.2f} s  "
              f"peak RSS {t.peak_mb:.0f} MB (VmHWM + largest child {t.hwm_mb:.0f} MB)\n"
              f"  {'':10} amounts verbatim {a[0]}/{a[1]} (raw OCR {r[0]}/{r[1]}), "
              f"with thousands separators {a[2]}/{a[3]} (raw OCR {r[2]}/{r[3]})")


if __name__ == "__main__":
    sys.exit(main())
