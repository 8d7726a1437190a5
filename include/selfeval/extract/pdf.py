"""PDF reader: pypdfium2 for the text of every page, tables only where pages are ruled.

pdfplumber (pdfminer) is 10-50x slower than PDFium and interleaves the lines of
side-by-side wrapped cells, so page text always comes from PDFium, and tables are looked
for only on pages whose content has enough path objects to hold a ruled table (counted
cheaply with PDFium). By default those tables are found without pdfminer too: `pdftables`
feeds PDFium's ruling geometry to pdfplumber's lines-strategy algorithm
(SELFEVAL_PDF_TABLES=pdfplumber runs pdfplumber itself, the reference). Pages with
almost no characters but a page-sized image are scans: they go to OCR when it is
enabled, and are reported in meta["scanned_pages"] either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from selfeval.settings import get_settings
from selfeval.textnorm import clean_extracted_text, count_cid

from ..model import ExtractedDocument, Page, Table
from . import ocr
from .base import PDFIUM_LOCK, ExtractionError, Limits, lib_version, metadata_title, ocr_enabled, page_ranges
from .pdftables import (
    PageTables,
    column_edges,
    finish_tables,
    hole_cells,
    page_text,
    prepare_tables,
    scan_objects,
)
from .tables import anchors_from_spans, continue_table, fill_grid

MIN_PATHS_FOR_TABLE = 4  # a ruled table needs at least a few lines or rects
SCAN_MAX_CHARS = 10  # fewer non-space chars than this ...
SCAN_MIN_IMAGE_AREA = 0.5  # ... plus an image covering half the page = scanned page


@dataclass
class PageProbe:
    """What PDFium tells us about one page, cheaply."""

    index: int
    text: str
    width: float
    height: float
    n_chars: int
    n_paths: int
    image_area: float  # fraction of the page covered by the largest image
    tables: list[Table] = field(default_factory=list)
    table_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    table_cols: list[list[float]] = field(default_factory=list)
    table_anchors: list[list[list[int]]] = field(default_factory=list)  # tables.Anchors per table
    first_table_chars_above: int = 0
    joined: dict[int, list[dict]] = field(default_factory=dict)  # table index -> continuation parts
    warning: str | None = None
    pending: PageTables | None = None  # tables found, texts not yet built (`_finish_tables`)

    @property
    def scanned(self) -> bool:
        return self.n_chars < SCAN_MAX_CHARS and self.image_area >= SCAN_MIN_IMAGE_AREA

    @property
    def wants_tables(self) -> bool:
        """Enough path objects for a ruled table and some text to put in it."""
        return self.n_paths >= MIN_PATHS_FOR_TABLE and not self.scanned


def _open(path: Path, data: bytes) -> pdfium.PdfDocument:
    """Open with PDFium and turn its error codes into precise reasons."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ExtractionError("encrypted PDF (password required)") from e
        tail = data[-2048:]
        if b"%%EOF" not in tail and b"startxref" not in tail:
            raise ExtractionError(f"truncated PDF: no xref/%%EOF at end of file (PDFium: {_pdfium_msg(msg)})") from e
        raise ExtractionError(f"corrupt PDF (PDFium: {_pdfium_msg(msg)})") from e


def _pdfium_msg(msg: str) -> str:
    """'Failed to load document (PDFium: Data format error).' -> 'Data format error'."""
    m = re.search(r"PDFium: ([^)]*)", msg)
    return m.group(1) if m else msg


def _probe_page(doc: pdfium.PdfDocument, i: int, tables: bool) -> PageProbe:
    """Text, object statistics and (if `tables`) PDFium-geometry tables of page i (0-based)."""
    page = doc[i]
    tp = None
    try:
        w, h = page.get_size()
        tp = page.get_textpage()
        text = page_text(tp, page.get_bbox())  # = tp.get_text_bounded(), one PDFium call cheaper
        objects = scan_objects(page)  # one walk: path count, images, and the paths find_tables reads
        best_img = objects.image_area / max(w * h, 1.0)
        n_chars = len("".join(text.split()))  # non-space characters (split() splits on str.isspace)
        probe = PageProbe(i, text, w, h, n_chars, objects.n_paths, min(best_img, 1.0))
        if tables and probe.wants_tables:
            try:
                probe.pending = prepare_tables(page, tp, objects)
            except Exception as e:  # noqa: BLE001 - one bad page must not lose the document
                probe.warning = _table_failure(i, e)
        return probe
    finally:
        if tp is not None:
            tp.close()
        page.close()


def _table_failure(i: int, e: Exception) -> str:
    return f"page {i + 1}: table extraction failed: {type(e).__name__}: {e}"[:300]


PAGES_PER_BATCH = 32  # tables whose texts are built at once (bounds the glyphs held)


def _probe_pages(doc: pdfium.PdfDocument, n: int, tables: bool) -> list[PageProbe]:
    """`_safe_probe` of every page; the tables' texts built every PAGES_PER_BATCH pages with tables."""
    probes: list[PageProbe] = []
    waiting: list[PageProbe] = []
    for i in range(n):
        probes.append(_safe_probe(doc, i, tables))
        if probes[-1].pending is not None:
            waiting.append(probes[-1])
        if len(waiting) >= PAGES_PER_BATCH:
            _finish_tables(waiting)
            waiting = []
    _finish_tables(waiting)
    return probes


def _finish_tables(probes: list[PageProbe]) -> None:
    """Build the texts of the probes' pending tables at once and put the tables on the probes; if
    that fails, page by page (a page that fails alone gets the warning, as it would alone)."""
    if not probes:
        return
    try:
        found = finish_tables([p.pending for p in probes])
    except Exception:  # noqa: BLE001 - find the page
        found = []
        for p in probes:
            try:
                found += finish_tables([p.pending])
            except Exception as e:  # noqa: BLE001 - one bad page must not lose the document
                p.warning = _table_failure(p.index, e)
                found.append([])
    for probe, tables in zip(probes, found, strict=True):
        probe.pending = None
        for t in tables:
            if not probe.tables:
                probe.first_table_chars_above = t.chars_above
            probe.tables.append(t.grid)
            probe.table_boxes.append(t.bbox)
            probe.table_cols.append(t.cols)
            probe.table_anchors.append(t.anchors or [])


def _safe_probe(doc: pdfium.PdfDocument, i: int, tables: bool) -> PageProbe:
    """`_probe_page`, or an empty page with a warning when PDFium cannot load that page."""
    try:
        return _probe_page(doc, i, tables)
    except pdfium.PdfiumError as e:
        probe = PageProbe(i, "", 595.0, 842.0, 0, 0, 0.0)
        probe.warning = f"page {i + 1}: unreadable ({e})"[:300]
        return probe


def _title_hint(doc: pdfium.PdfDocument) -> str | None:
    """PDF /Title when it names the document (not 'Microsoft Word - x.doc' or 'untitled')."""
    try:
        title = (doc.get_metadata_dict().get("Title") or "").strip()
    except Exception:  # noqa: BLE001 - broken Info dicts are common and harmless
        return None
    return metadata_title(title)


def table_engine() -> str:
    """'pdfium' (default: PDFium geometry + pdfplumber's algorithm) or 'pdfplumber'."""
    return get_settings().pdf_tables


def _pdf_tables(path: Path, probes: list[PageProbe]) -> list[str]:
    """Fill probe.tables with pure pdfplumber (reference mode); returns warnings."""
    candidates = [p for p in probes if p.wants_tables]
    if not candidates:
        return []
    import pdfplumber

    warnings: list[str] = []
    try:
        with pdfplumber.open(str(path), pages=[p.index + 1 for p in candidates]) as pdf:
            for probe, page in zip(candidates, pdf.pages, strict=False):
                try:
                    _plumber_page_tables(page, probe)
                except Exception as e:  # noqa: BLE001 - one bad page must not lose the document
                    warnings.append(f"page {probe.index + 1}: table extraction failed: {e!r}"[:300])
                finally:
                    page.close()
    except Exception as e:  # noqa: BLE001
        warnings.append(f"pdfplumber could not open the file: {e!r}"[:300])
    return warnings


def _plumber_page_tables(page, probe: PageProbe) -> None:
    """Lines-strategy tables of one pdfplumber page, merged cells filled."""
    if len(page.lines) + len(page.rects) + len(page.curves) < MIN_PATHS_FOR_TABLE:
        return
    from pdfplumber import table as pdfplumber_table

    finder = page.debug_tablefinder({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    for found in finder.tables:
        tb = pdfplumber_table.Table(page, found.cells + hole_cells(found.cells, finder.edges))
        rows = tb.extract()
        if not rows or (len(rows) < 2 and len(rows[0]) < 2):
            continue
        spans = _spans(tb)
        grid = fill_grid(rows, spans)
        grid = [[clean_extracted_text(c) for c in r] for r in grid]
        if any(any(c.strip() for c in r) for r in grid):
            bbox = tuple(tb.bbox)  # a computed property: read it once
            if not probe.tables:
                probe.first_table_chars_above = sum(
                    1 for ch in page.chars if ch["bottom"] <= bbox[1] + 1 and not ch["text"].isspace()
                )
            probe.tables.append(grid)
            probe.table_boxes.append(bbox)
            probe.table_cols.append(column_edges(tb.cells))
            probe.table_anchors.append(anchors_from_spans(spans, [len(r) for r in grid]))


def _spans(tb) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each anchor cell -> (rowspan, colspan), from the cell rectangles.

    pdfplumber's `extract()` puts a cell at the row of its top edge and the column of its
    left edge and None where a merged cell covers the grid; this recovers the extent.
    """
    col_x0 = sorted({round(c[0], 1) for c in tb.cells})
    row_y0 = sorted({round(c[1], 1) for c in tb.cells})
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for x0, y0, x1, y1 in tb.cells:
        r, c = row_y0.index(round(y0, 1)), col_x0.index(round(x0, 1))
        ncols = sum(1 for x in col_x0 if round(x0, 1) <= x < round(x1, 1) - 0.5)
        nrows = sum(1 for y in row_y0 if round(y0, 1) <= y < round(y1, 1) - 0.5)
        spans[(r, c)] = (max(nrows, 1), max(ncols, 1))
    return spans


def _merge_across_pages(probes: list[PageProbe]) -> int:
    """Join tables that run over page breaks; returns how many joins were made.

    A continuation must start near the top of a page right after a table part that ended
    near the bottom of the previous one, and its column edges must line up with the first
    part's. Excel and LibreOffice exports leave a vertically merged label that crosses the
    break without its closing rule, so the continuation may lack the leftmost columns;
    they are filled from the last row before the break (the label goes on). A table may
    cover several pages. The joined table stays on its first page; `probe.joined` records
    from which row on the rows come from which page (for evidence spans).
    """
    joined = 0
    carry: tuple[PageProbe, int] | None = None  # table whose last part ended low on the previous page
    for prev, cur in zip(probes, probes[1:], strict=False):
        tail = carry
        if tail is None and prev.tables and prev.table_boxes[-1][3] > prev.height * 0.70:
            tail = (prev, len(prev.tables) - 1)
        carry = None
        if tail is None or not cur.tables or not _starts_as_continuation(cur, prev):
            continue
        owner, idx = tail
        if _is_title_row(cur.tables[0][0]) and cur.tables[0][0] != owner.tables[idx][0]:
            continue  # a new table that carries its title in its first row
        mapping = align_columns(owner.table_cols[idx], cur.table_cols[0])
        if mapping is None:
            continue
        cont = widen_rows(cur.tables[0], mapping, owner.tables[idx])
        before = len(owner.tables[idx])
        repeated_header = bool(cont) and cont[0] == owner.tables[idx][0]
        merged, row_joined = continue_table(owner.tables[idx], cont)
        owner.tables[idx] = merged
        _continue_anchors(owner.table_anchors[idx], cur.table_anchors[0], mapping, repeated_header, row_joined)
        parts = owner.joined.setdefault(idx, [])
        parts.append({"page": cur.index + 1, "from_row": before - 1 if row_joined else before})
        cont_bottom = cur.table_boxes[0][3]
        cur.tables.pop(0)
        cur.table_boxes.pop(0)
        cur.table_cols.pop(0)
        cur.table_anchors.pop(0)
        joined += 1
        if not cur.tables and cont_bottom > cur.height * 0.70:
            carry = (owner, idx)
    return joined


def _continue_anchors(a: list[list[int]], b: list[list[int]], mapping: list[int], repeated_header: bool,
                      row_joined: bool) -> None:
    """Anchor columns of a continuation laid onto the first part (as `widen_rows`, `continue_table`).

    Rows of anchors are ascending and `mapping` rises (`align_columns`), so a continuation row's
    mapped columns stay ascending and come after the first part's columns left of mapping[0]."""
    low = sorted({x for x in (a[-1] if a else []) if x < mapping[0]})
    n = len(mapping)
    rows = [low + [mapping[j] for j in r if j < n] for r in b]
    if repeated_header and rows:
        rows = rows[1:]
    if row_joined and rows and a:
        a[-1] = sorted(set(a[-1]) | set(rows.pop(0)))
    a.extend(rows)


MAX_CHARS_ABOVE_CONTINUATION = 6  # a page number or running head, not a table title


def _starts_as_continuation(probe: PageProbe, prev: PageProbe) -> bool:
    """The page's first table starts at the top with (almost) no text above it, or only the running head the page
    before also starts with (a unit's name printed on every page: '三台县农田建设服务中心')."""
    if probe.table_boxes[0][1] >= probe.height * 0.30:
        return False
    above = probe.first_table_chars_above
    if above <= MAX_CHARS_ABOVE_CONTINUATION:
        return True
    head = _first_line(probe.text)
    return above <= len(head) + MAX_CHARS_ABOVE_CONTINUATION and 4 <= len(head) <= 40 and head == _first_line(prev.text)


def _first_line(text: str) -> str:
    return next(("".join(ln.split()) for ln in text.splitlines() if ln.strip()), "")


def _is_title_row(row: list[str]) -> bool:
    """One merged cell across the whole width (a table title like 收入预算总表)."""
    return len(row) > 1 and bool(row[0].strip()) and all(c == row[0] for c in row)


def align_columns(a: list[float], b: list[float], tol: float = 3.0) -> list[int] | None:
    """For each column edge of continuation `b`, the index of the matching edge of `a`.

    None unless every edge of `b` matches one of `a` (same right edge; `b` may miss edges
    on the left and inside, i.e. have merged columns).
    """
    if len(b) < 2 or abs(a[-1] - b[-1]) > tol:
        return None
    out = []
    for x in b:
        k = min(range(len(a)), key=lambda i: abs(a[i] - x))
        if abs(a[k] - x) > tol or (out and k <= out[-1]):
            return None
        out.append(k)
    return out


def widen_rows(rows: Table, mapping: list[int], before: Table) -> Table:
    """Lay the continuation's rows onto the first part's columns (see _merge_across_pages)."""
    width = len(before[0]) if before else mapping[-1]
    if width == len(mapping) - 1 and mapping == list(range(len(mapping))):  # the same columns
        return [list(row[:width]) + [""] * (width - len(row[:width])) for row in rows]
    last = before[-1] if before else [""] * width
    out = []
    for row in rows:
        new = [""] * width
        for c in range(mapping[0]):
            new[c] = last[c] if c < len(last) else ""
        for j, val in enumerate(row[: len(mapping) - 1]):
            for c in range(mapping[j], min(mapping[j + 1], width)):
                new[c] = val
        out.append(new)
    return out


def _check_mangled(data: bytes, probes: list[PageProbe]) -> None:
    """Refuse a PDF whose binary streams were decoded and re-encoded as UTF-8 text.

    Crawlers that store responses as text replace every invalid byte with U+FFFD (EF BF BD),
    which destroys compressed streams: PDFium still opens the file but every page is empty.
    """
    if any(p.n_chars or p.n_paths or p.image_area for p in probes):
        return
    bad = data.count(b"\xef\xbf\xbd")
    if bad > 50 and bad * 3 > len(data) // 100:
        raise ExtractionError(
            f"damaged PDF: binary streams were re-encoded as UTF-8 text ({bad} U+FFFD sequences), content unrecoverable"
        )


def engine_string(used_tables: bool, ocr_engine: str | None, mode: str = "pdfium") -> str:
    """Which libraries produced the text, for ExtractedDocument.engine (`ocr_engine`: the OCR engine's label)."""
    parts = [f"pypdfium2 {lib_version('pypdfium2')}"]
    if used_tables:
        how = "tables" if mode == "pdfplumber" else "table algorithm"
        parts.append(f"pdfplumber {lib_version('pdfplumber')} ({how})")
    if ocr_engine:
        parts.append(ocr_engine)
    return "+".join(parts)


def extract_pdf(path: Path, data: bytes, limits: Limits) -> ExtractedDocument:
    """Pages, tables, scan detection and OCR for one PDF file."""
    mode = table_engine()
    with PDFIUM_LOCK:
        doc = _open(path, data)
        try:
            n = len(doc)
            if n == 0:
                raise ExtractionError("PDF has no pages")
            if n > limits.max_pages:
                raise ExtractionError(f"too many pages: {n} > limit {limits.max_pages}")
            title = _title_hint(doc)
            probes = _probe_pages(doc, n, tables=mode == "pdfium")
        finally:
            doc.close()
    _check_mangled(data, probes)
    warnings = _pdf_tables(path, probes) if mode == "pdfplumber" else []
    joined = _merge_across_pages(probes)
    pages, meta, ocr_engine, more = _build_pages(path, probes, limits)
    warnings.extend(more)
    meta["tables_joined_across_pages"] = joined
    meta["joined_tables"] = [
        {"page": p.index + 1, "table": i, "continued_on": parts} for p in probes for i, parts in sorted(p.joined.items())
    ]
    used_tables = any(p.wants_tables for p in probes)
    meta["table_engine"] = mode
    meta["table_anchors"] = [[] if pg.tables == [] else p.table_anchors for p, pg in zip(probes, pages, strict=True)]
    return ExtractedDocument(
        format="pdf",
        pages=pages,
        engine=engine_string(used_tables, ocr_engine, mode),
        title_hint=title,
        ocr=ocr_engine is not None,
        warnings=warnings,
        meta=meta,
    )


def _build_pages(path: Path, probes: list[PageProbe], limits: Limits) -> tuple[list[Page], dict, str | None, list[str]]:
    """Page objects; scanned pages OCRed (bounded) or reported. The label of the OCR engine if it read a page."""
    warnings: list[str] = [p.warning for p in probes if p.warning]
    scanned = [p.index + 1 for p in probes if p.scanned]
    empty = [p.index + 1 for p in probes if p.n_chars < SCAN_MAX_CHARS and not p.scanned]
    cid = sum(count_cid(p.text) for p in probes)
    meta: dict = {
        "pdf_pages": len(probes),
        "scanned": bool(scanned) and len(scanned) >= max(1, len(probes) // 2),
        "scanned_pages": scanned,
        "text_pages": len(probes) - len(scanned) - len(empty),
    }
    if cid:
        warnings.append(f"removed {cid} (cid:NN) codes")
    ocr_text: dict[int, str] = {}
    ocr_engine: str | None = None
    if scanned and ocr_enabled():
        todo = scanned[: limits.ocr_max_pages]
        if len(todo) < len(scanned):
            warnings.append(f"OCR limited to {len(todo)} of {len(scanned)} scanned pages")
        run = ocr.ocr_pdf_pages(path, todo, dpi=limits.ocr_dpi)
        ocr_text, ocr_engine = run.record(meta, warnings), run.engine
    elif scanned:
        warnings.append(f"scanned pages without text layer, OCR disabled: {page_ranges(scanned)}")
    pages = []
    for p in probes:
        num = p.index + 1
        if num in ocr_text:
            pages.append(Page(num, ocr_text[num], [], ocr=True))
        else:
            pages.append(Page(num, clean_extracted_text(p.text), p.tables))
    return pages, meta, (ocr_engine if ocr_text else None), warnings


