"""pdftables' own table algorithm against pdfplumber's, on random ruled grids.

The reader reimplements pdfplumber's merge_edges / edges_to_intersections +
intersections_to_cells / cells_to_tables / Table.rows on plain tuples and arrays (pdfplumber's are
quadratic and dict-heavy); these must give the same edges, cells, tables and rows, float for
float, on grids with missing rules, jittered and duplicated segments and several tables.
"""

from __future__ import annotations

import random

from pdfplumber import table as pt
from pdfplumber import utils as pu
from selfeval.extract import pdftables as T


def _random_edges(rng: random.Random) -> list[tuple[tuple, str]]:
    nx, ny = rng.randint(2, 8), rng.randint(2, 10)
    xs = sorted(rng.uniform(0, 500) for _ in range(nx))
    ys = sorted(rng.uniform(0, 700) for _ in range(ny))

    def jit() -> float:
        return rng.choice([0.0, 0.0, 0.0, rng.uniform(-3.5, 3.5), rng.uniform(-0.01, 0.01)])

    out: list[tuple[tuple, str]] = []
    for x in xs:
        for a, b in zip(ys, ys[1:], strict=False):
            if rng.random() < 0.8:
                xx, t, bo = x + jit(), a + jit(), b + jit()
                t, bo = min(t, bo), max(t, bo)
                x1 = xx + rng.choice([0.0, 0.005])
                out.append(((xx, t, x1, bo, x1 - xx, bo - t), "v"))
    for y in ys:
        for a, b in zip(xs, xs[1:], strict=False):
            if rng.random() < 0.8:
                yy, left, right = y + jit(), a + jit(), b + jit()
                left, right = min(left, right), max(left, right)
                bo = yy + rng.choice([0.0, 0.005])
                out.append(((left, yy, right, bo, right - left, bo - yy), "h"))
    if rng.random() < 0.3:
        out += rng.sample(out, min(len(out), 3))
    rng.shuffle(out)
    return out


def _array(edges: list[tuple]):
    import numpy as np

    return np.array(edges, dtype=np.float64).reshape(-1, 6)


def _as_dicts(edges: list[tuple[tuple, str]]) -> list[dict]:
    return [{"object_type": "line", "orientation": o, "x0": x0, "x1": x1, "top": t, "bottom": b, "doctop": t,
             "y0": 1000 - b, "y1": 1000 - t, "width": w, "height": h} for (x0, t, x1, b, w, h), o in edges]


def test_table_algorithm_equals_pdfplumber_on_random_grids() -> None:
    n_cells = n_multi = 0
    for seed in range(400):
        edges = _random_edges(random.Random(seed))
        ref = pu.filter_edges(_as_dicts(edges), min_length=T.EDGE_MIN_PREFILTER)
        vert, horiz = T.merge_edges(_array([e for e, o in edges if o == "v"]), _array([e for e, o in edges if o == "h"]))
        if len(ref) < 4:
            assert len(vert) == len(horiz) == 0
            continue
        ref = pu.filter_edges(pt.merge_edges(ref, T.SNAP, T.SNAP, T.JOIN, T.JOIN), min_length=T.EDGE_MIN)
        for o, ours in (("v", vert), ("h", horiz)):
            assert [tuple(e) for e in ours.tolist()] == [
                (e["x0"], e["top"], e["x1"], e["bottom"], e["width"], e["height"]) for e in ref if e["orientation"] == o], seed
        cells = pt.intersections_to_cells(pt.edges_to_intersections(ref, T.INTERSECTION, T.INTERSECTION))
        assert T.ruled_cells(vert, horiz) == cells, seed
        tables = pt.cells_to_tables(cells)
        assert T.cells_to_tables(cells) == tables, seed
        for t in tables:
            tb = pt.Table(None, t)
            texts = [f"c{i}" for i in range(len(t))]
            rows, spans, bbox, cols = T._layout(t, texts)
            assert rows.tolist() == [[None if c is None else texts[t.index(c)] for c in r.cells] for r in tb.rows], seed
            assert bbox == tb.bbox and spans == _ref_spans(t), seed
            assert cols == sorted({c[0] for c in t}) + [max(c[2] for c in t)], seed
        n_cells += len(cells)
        n_multi += len(tables) > 1
    assert n_cells > 2000 and n_multi > 30  # the grids are not trivial


# --- cell text: the vectorised `_cells_text` against the per-glyph code it replaced ---------------

def _ref_cells_text(chars: list[tuple[str, float, float, float, float]], cells: list[tuple]) -> dict:
    """The per-glyph implementation (pdftables before vectorisation), kept as the reference."""
    from bisect import bisect_right

    from selfeval.textnorm import clean_extracted_text

    xs = sorted({v for cell in cells for v in (cell[0], cell[2])})
    ys = sorted({v for cell in cells for v in (cell[1], cell[3])})
    slot: dict = {}
    for cell in cells:
        for ci in range(xs.index(cell[0]), xs.index(cell[2])):
            for ri in range(ys.index(cell[1]), ys.index(cell[3])):
                slot.setdefault((ri, ci), []).append(cell)

    def locate(x: float, y: float) -> list:
        ci, ri = bisect_right(xs, x) - 1, bisect_right(ys, y) - 1
        if ci < 0 or ri < 0 or ci >= len(xs) - 1 or ri >= len(ys) - 1:
            return []
        return slot.get((ri, ci), [])

    def lines(gs: list) -> list:
        out: list = []
        for g in sorted(gs, key=lambda g: (g[3] + g[4]) / 2):
            if out:
                lt, lb, items = out[-1]
                overlap = min(lb, g[4]) - max(lt, g[3])
                if overlap >= 0.5 * max(0.1, min(g[4] - g[3], lb - lt)):
                    items.append(g)
                    out[-1] = (min(lt, g[3]), max(lb, g[4]), items)
                    continue
            out.append((g[3], g[4], [g]))
        return [items for _, _, items in out]

    def text(gs: list) -> str:
        out_lines = []
        for line in lines(gs):
            line.sort(key=lambda g: g[1])
            parts: list = []
            prev = None
            blank = False
            for g in line:
                if g[0].isspace():
                    blank = prev is not None
                    continue
                if prev is not None and (blank or g[1] - prev[2] > 3.0):
                    parts.append(" ")
                parts.append(g[0])
                prev, blank = g, False
            if parts:
                out_lines.append("".join(parts))
        return "\n".join(out_lines).encode("utf-16", "surrogatepass").decode("utf-16", "replace")

    buckets: dict = {}
    prev = None
    for g in chars:
        px, py = (g[1] + g[2]) / 2, (g[3] + g[4]) / 2
        if prev is not None:
            k = bisect_right(xs, g[1] + 0.3)
            if k < len(xs) and xs[k] < g[2] - 0.3 and not g[0].isspace():
                b = xs[k]
                if (abs(prev[3] - g[3]) < 1.0 and abs(prev[4] - g[4]) < 1.0 and prev[2] <= b + 0.5
                        and 0 <= g[1] - prev[2] + 0.5 < 2.0 and (prev[1] + prev[2]) / 2 < b):
                    px = b - 0.01
        for cell in locate(px, py):
            buckets.setdefault(cell, []).append(g)
        prev = g
    return {cell: clean_extracted_text(text(gs)) for cell, gs in buckets.items()}


def _random_page(rng: random.Random) -> tuple[list, list]:
    xs = sorted(rng.sample(range(0, 600, 7), rng.randint(2, 7)))
    ys = sorted(rng.sample(range(0, 800, 9), rng.randint(2, 8)))
    cells = [(float(a), float(t), float(b), float(bo)) for a, b in zip(xs, xs[1:], strict=False)
             for t, bo in zip(ys, ys[1:], strict=False) if rng.random() < 0.85]
    if rng.random() < 0.3 and len(xs) > 2 and len(ys) > 2:  # a large cell around smaller ones
        cells.append((float(xs[0]), float(ys[0]), float(xs[2]), float(ys[2])))
    if cells and rng.random() < 0.15:  # a cell listed twice
        cells.insert(rng.randrange(len(cells) + 1), rng.choice(cells))
    alphabet = "一二三四五六七八九十ab1.,% \u3000\t-()cid:\r\x00\u2f00\ud83d\ude00" + ("\ufdd0" if rng.random() < 0.1 else "")
    chars = []
    x, y = rng.uniform(-20, 620), rng.uniform(-20, 820)
    for _ in range(rng.randint(0, 400)):
        if rng.random() < 0.1:  # a new line somewhere
            x, y = rng.uniform(-20, 620), rng.uniform(-20, 820)
        h = rng.choice([9.0, 9.0, 10.5, rng.uniform(2, 14)])
        w = rng.choice([h, h / 2, rng.uniform(0.5, 12)])
        top = y + rng.choice([0.0, 0.0, rng.uniform(-6, 6)])
        chars.append((rng.choice(alphabet), x, x + w, top, top + h))
        x += w + rng.choice([0.0, 0.0, 0.4, rng.uniform(-1, 6)])
        if rng.random() < 0.15:
            y += rng.choice([h * 0.6, h * 1.2, rng.uniform(-3, 3)])
    return chars, cells


def test_cell_text_equals_the_per_glyph_reference() -> None:
    n_texts = 0
    for seed in range(300):
        rng = random.Random(seed)
        chars, cells = _random_page(rng)
        if not cells:
            continue
        g = T.Glyphs.of([ch for ch, *_ in chars], *([c[k] for c in chars] for k in range(1, 5)))
        ours = T._cells_text(g, cells)
        ref = _ref_cells_text(chars, cells)
        assert ours == [ref.get(cell, "") for cell in cells], seed
        n_texts += sum(1 for v in ref.values() if "\n" in v)
    assert n_texts > 100  # multi-line cells were exercised


# --- merged holes and spans: the faster code against what it replaced -------------------------------

def _ref_hole_cells(cells: list[tuple[float, float, float, float]], edges: list[dict], tol: float = 3.0
               ) -> list[tuple[float, float, float, float]]:
    """The merged cells pdfplumber missed in one table: rectangles no cell covers, bounded by rules.

    pdfplumber makes a cell only from four ruled corners, so a label merged over rows whose
    closing rule is elsewhere (the merged cell runs over the page break, its rules stop short)
    leaves a hole, and its text is lost although the page prints it.  On the grid of the cells'
    coordinates plus the rules that cross the holes, holes joined by a side without a rule form
    one cell (a rectangle; otherwise one cell per column run)."""
    if not cells:
        return []
    left, right = min(c[0] for c in cells), max(c[2] for c in cells)
    top, bottom = min(c[1] for c in cells), max(c[3] for c in cells)
    vert = [e for e in edges if e["orientation"] == "v" and left - tol <= e["x0"] <= right + tol
            and e["bottom"] > top and e["top"] < bottom]
    horiz = [e for e in edges if e["orientation"] == "h" and top - tol <= e["top"] <= bottom + tol
             and e["x1"] > left and e["x0"] < right]

    def grid(xs: list[float], ys: list[float]) -> set[tuple[int, int]]:
        filled = set()
        for x0, t0, x1, b0 in cells:
            cs = [k for k in range(len(xs) - 1) if x0 - tol <= xs[k] and xs[k + 1] <= x1 + tol]
            rs = [k for k in range(len(ys) - 1) if t0 - tol <= ys[k] and ys[k + 1] <= b0 + tol]
            filled.update((r, c) for r in rs for c in cs)
        return {(r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)} - filled

    def snap(values: list[float]) -> list[float]:
        out: list[float] = []
        for v in sorted(values):
            if not out or v - out[-1] > tol:
                out.append(v)
        return out

    xs = snap([v for c in cells for v in (c[0], c[2])])
    ys = snap([v for c in cells for v in (c[1], c[3])])
    holes = grid(xs, ys)
    if not holes:
        return []
    # rules that cross a hole split it into the cells the page draws
    more_x = [e["x0"] for e in vert for r, c in holes
              if xs[c] + tol < e["x0"] < xs[c + 1] - tol and e["top"] <= ys[r] + tol and e["bottom"] >= ys[r + 1] - tol]
    more_y = [e["top"] for e in horiz for r, c in holes
              if ys[r] + tol < e["top"] < ys[r + 1] - tol and e["x0"] <= xs[c] + tol and e["x1"] >= xs[c + 1] - tol]
    if more_x or more_y:
        xs, ys = snap(xs + more_x), snap(ys + more_y)
        holes = grid(xs, ys)

    def ruled_v(x: float, t: float, b: float) -> bool:
        return any(abs(e["x0"] - x) <= tol and e["top"] <= t + tol and e["bottom"] >= b - tol for e in vert)

    def ruled_h(y: float, x0: float, x1: float) -> bool:
        return any(abs(e["top"] - y) <= tol and e["x0"] <= x0 + tol and e["x1"] >= x1 - tol for e in horiz)

    out: list[tuple[float, float, float, float]] = []
    seen: set[tuple[int, int]] = set()
    for start in sorted(holes):
        if start in seen:
            continue
        comp, todo = [], [start]
        seen.add(start)
        while todo:
            r, c = todo.pop()
            comp.append((r, c))
            steps = ((r, c + 1, not ruled_v(xs[c + 1], ys[r], ys[r + 1])),
                     (r, c - 1, c > 0 and not ruled_v(xs[c], ys[r], ys[r + 1])),
                     (r + 1, c, not ruled_h(ys[r + 1], xs[c], xs[c + 1])),
                     (r - 1, c, r > 0 and not ruled_h(ys[r], xs[c], xs[c + 1])))
            for nr, nc, open_side in steps:
                if open_side and (nr, nc) in holes and (nr, nc) not in seen:
                    seen.add((nr, nc))
                    todo.append((nr, nc))
        r0, r1 = min(r for r, _ in comp), max(r for r, _ in comp)
        c0, c1 = min(c for _, c in comp), max(c for _, c in comp)
        if len(comp) == (r1 - r0 + 1) * (c1 - c0 + 1):
            out.append((xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
            continue
        for c in range(c0, c1 + 1):  # not a rectangle: one cell per column run
            col = sorted(r for r, cc in comp if cc == c)
            run: list[int] = []
            for r in [*col, -2]:
                if run and r != run[-1] + 1:
                    out.append((xs[c], ys[run[0]], xs[c + 1], ys[run[-1] + 1]))
                    run = []
                run.append(r)
    return out



def _ref_spans(cells: list) -> dict:
    col_x0 = sorted({cell[0] for cell in cells})
    row_top = sorted({cell[1] for cell in cells})
    spans = {}
    for x0, top, x1, bottom in cells:
        r, col = row_top.index(top), col_x0.index(x0)
        ncols = sum(1 for x in col_x0 if x0 <= x < x1 - 0.5)
        nrows = sum(1 for y in row_top if top <= y < bottom - 0.5)
        spans[(r, col)] = (max(nrows, 1), max(ncols, 1))
    return spans


def test_holes_and_spans_equal_the_reference_on_random_tables() -> None:
    n_holes = 0
    for seed in range(400):
        edges = _random_edges(random.Random(seed))
        vert, horiz = T.merge_edges(_array([e for e, o in edges if o == "v"]), _array([e for e, o in edges if o == "h"]))
        dicts = [{"orientation": "v", "x0": e[0], "top": e[1], "x1": e[2], "bottom": e[3]} for e in vert.tolist()]
        dicts += [{"orientation": "h", "x0": e[0], "top": e[1], "x1": e[2], "bottom": e[3]} for e in horiz.tolist()]
        for group in T.cells_to_tables(T.ruled_cells(vert, horiz)):
            holes = _ref_hole_cells(group, dicts)
            assert T.merged_holes(group, vert, horiz) == holes == T.hole_cells(group, dicts), seed
            assert T._layout(group + holes, [""] * len(group + holes))[1] == _ref_spans(group + holes), seed
            n_holes += len(holes)
    assert n_holes > 50


# --- path points: the batched PDFium walk against the per-segment walk it replaced --------------------

def _ref_path_points(page, limit: int) -> list[list[tuple[float, float]]]:
    import ctypes

    import pypdfium2.raw as c

    def matrix(obj) -> tuple:
        m = c.FS_MATRIX()
        return (m.a, m.b, m.c, m.d, m.e, m.f) if c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)) else T.IDENTITY

    def subpaths(obj, m: tuple) -> list:
        out, cur = [], []
        x, y = ctypes.c_float(), ctypes.c_float()
        a, b, cc, d, e, f = m
        for i in range(c.FPDFPath_CountSegments(obj)):
            seg = c.FPDFPath_GetPathSegment(obj, i)
            if not seg or not c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            px, py = x.value * a + y.value * cc + e, x.value * b + y.value * d + f
            if c.FPDFPathSegment_GetType(seg) == c.FPDF_SEGMENT_MOVETO:
                if len(cur) > 1:
                    out.append(cur)
                cur = [(px, py)]
            else:
                cur.append((px, py))
            if c.FPDFPathSegment_GetClose(seg) and cur:
                cur.append(cur[0])
        if len(cur) > 1:
            out.append(cur)
        return out

    def walk(container, count, get, m: tuple, sink: list, depth: int = 0) -> None:
        for i in range(count(container)):
            obj = get(container, i)
            if not obj:
                continue
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_PATH:
                sink.extend(subpaths(obj, T._mul(matrix(obj), m)))
            elif kind == c.FPDF_PAGEOBJ_FORM and depth < 8:
                walk(obj, c.FPDFFormObj_CountObjects, c.FPDFFormObj_GetObject, T._mul(matrix(obj), m), sink, depth + 1)
            if len(sink) > limit:
                return

    sink: list = []
    walk(page.raw, c.FPDFPage_CountObjects, c.FPDFPage_GetObject, T.IDENTITY, sink)
    return sink


def test_path_points_equal_the_per_segment_walk(monkeypatch) -> None:
    import numpy as np
    import pypdfium2 as pdfium

    from tests.conftest import CORPUS
    from tests.extract.conftest import REALDATA

    files = [CORPUS / name for name in ("seed_001.table.pdf", "seed_004.table.pdf", "seed_001.pdf")]
    forms = REALDATA / "pdf-pdfium_c002-beijing-zfbgt_320e70bb.pdf"  # ruling paths inside form XObjects
    if forms.exists():
        files.append(forms)
    n_points = 0
    for path in files:
        doc = pdfium.PdfDocument(str(path))
        for i in range(len(doc)):
            page = doc[i]
            for limit, memory in ((20000, True), (40, True), (3, True), (20000, False), (40, False)):
                monkeypatch.setattr(T, "MAX_EDGES", limit)
                if not memory:  # PDFium's API only (what happens if the point layout is not the expected one)
                    monkeypatch.setattr(T, "_segments_memory", lambda objs, nseg: None)
                objects = T.scan_objects(page)
                x, y, starts = T._path_points(objects.paths, objects.forms, chunk=7)
                monkeypatch.undo()
                runs = np.split(np.stack([x, y], axis=1), np.nonzero(starts)[0][1:]) if len(x) else []
                ours = [[tuple(p) for p in run.tolist()] for run in runs if len(run) > 1]
                assert ours == _ref_path_points(page, limit), (path.name, i, limit, memory)
                n_points += len(x)
            page.close()
        doc.close()
    assert n_points > 1000


def test_space_table_covers_every_whitespace_character() -> None:
    """`Glyphs` reads str.isspace from a table that stops after U+3000."""
    assert [i for i in range(0x110000) if chr(i).isspace()] == [i for i, s in enumerate(T._IS_SPACE) if s]


def test_point_layout_is_checked_against_the_api(monkeypatch) -> None:
    """Path points are copied from PDFium's memory only while they match what its API returns."""
    import numpy as np
    import pypdfium2 as pdfium

    from tests.conftest import CORPUS

    doc = pdfium.PdfDocument(str(CORPUS / "seed_001.table.pdf"))
    page = doc[0]
    objs = T.scan_objects(page).paths
    nseg = [T._count_segments(o) for o in objs]
    assert T._segments_memory(objs, nseg) is not None
    swapped = np.dtype([("y", "<f4"), ("x", "<f4"), ("type", "u1"), ("close", "u1"), ("pad", "V2")])
    monkeypatch.setattr(T, "_PATH_POINT", swapped)  # a layout that is not PDFium's
    assert T._segments_memory(objs, nseg) is None
    page.close()
    doc.close()


def test_layout_with_two_cells_at_one_point() -> None:
    """The last of cells starting at one point holds the position, as in pdfplumber's Table.rows."""
    cells = [(0.0, 0.0, 10.0, 5.0), (10.0, 0.0, 20.0, 5.0), (0.0, 0.0, 20.0, 10.0)]
    rows, spans, bbox, cols = T._layout(cells, ["a", "b", "c"])
    assert rows.tolist() == [["c", "b"]] and spans == {(0, 0): (1, 2), (0, 1): (1, 1)}
    assert bbox == (0.0, 0.0, 20.0, 10.0) and cols == [0.0, 10.0, 20.0]


def test_char_codes_in_one_call_equal_get_unicode() -> None:
    """Page text units stand for GetUnicode of every char (U+FFFE marks asked char by char)."""
    from itertools import repeat

    import numpy as np
    import pypdfium2 as pdfium

    from tests.conftest import CORPUS
    from tests.extract.conftest import REALDATA

    files = sorted(CORPUS.glob("*.pdf"))
    # realdata (when present) has pages with line-end hyphens (U+FFFE in the text, 2 from GetUnicode)
    files += [p for p in sorted(REALDATA.glob("pdf-*.pdf")) if p.stat().st_size < 1_000_000]
    pages = 0
    for path in files:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            n = pdfium.raw.FPDFText_CountChars(tp.raw)
            if n > 0:
                ref = np.fromiter(map(T._get_unicode, repeat(tp.raw, n), range(n)), dtype=np.int64, count=n)
                assert (T._char_codes(tp.raw, n) == ref).all(), (path.name, i)
                pages += 1
            tp.close()
            page.close()
        doc.close()
    assert pages > 20


def test_fill_equals_fill_grid() -> None:
    import numpy as np
    from selfeval.extract.tables import fill_grid

    rng = random.Random(3)
    for _ in range(500):
        n_rows, n_cols = rng.randint(1, 6), rng.randint(1, 6)
        rows = [[rng.choice([None, None, "a", "b", ""]) for _ in range(n_cols)] for _ in range(n_rows)]
        spans = {(rng.randrange(n_rows + 1), rng.randrange(n_cols + 1)): (rng.randint(0, 3), rng.randint(0, 3))
                 for _ in range(rng.randint(0, 6))}
        grid = np.empty((n_rows, n_cols), dtype=object)
        grid[:] = rows
        assert T._fill(grid, spans) == fill_grid(rows, spans)


def test_page_objects_from_memory_equal_the_api_walk(monkeypatch) -> None:
    """scan_objects reads a page's object list from PDFium's memory; the API walk is the reference."""
    import pypdfium2 as pdfium

    from tests.conftest import CORPUS
    from tests.extract.conftest import REALDATA

    files = sorted(CORPUS.glob("*.pdf"))
    forms = REALDATA / "pdf-pdfium_c002-beijing-zfbgt_320e70bb.pdf"  # ruling paths inside form XObjects
    if forms.exists():
        files.append(forms)
    listed = T._listed_memory
    read = pages = 0
    for path in files:
        doc = pdfium.PdfDocument(str(path))
        for i in range(len(doc)):
            page = doc[i]
            n = T._count_page_objects(page.raw)
            got = listed(page.raw, n)
            if got is not None:
                read += 1
                assert got[0].tolist() == [T._get_page_object(page.raw, k) for k in range(n)]
                assert got[1].tolist() == [T._get_type(T._get_page_object(page.raw, k)) for k in range(n)]
            ours = T.scan_objects(page)
            monkeypatch.setattr(T, "_listed_memory", lambda raw, n: None)
            assert T.scan_objects(page) == ours, (path.name, i)
            monkeypatch.undo()
            pages += n >= 2  # a page of one object (a scan) is asked through the API
            page.close()
        doc.close()
    if T._pdfium_build() in T._DEQUE_BUILDS:  # the build the layout was checked on
        assert read == pages > 50
    else:
        assert read == 0


def test_object_list_layout_is_checked(monkeypatch) -> None:
    """The object list is read from memory only where its header and blocks match the API."""
    import pypdfium2 as pdfium

    from tests.conftest import CORPUS

    doc = pdfium.PdfDocument(str(CORPUS / "seed_001.table.pdf"))
    page = doc[0]
    n = T._count_page_objects(page.raw)
    assert T._listed_memory(page.raw, n) is not None
    at = T._DEQUE_AT[0]
    address = T.ctypes.cast(page.raw, T.ctypes.c_void_p).value
    assert T._deque(page.raw, address, n, at) is not None
    assert T._deque(page.raw, address, n + 1, at) is None  # a count that is not the header's
    assert T._deque(page.raw, address, n, at + 8) is None  # not the header
    monkeypatch.setattr(T, "_DEQUE_BLOCK", 32)  # a block size that is not PDFium's
    assert T._deque(page.raw, address, n, at) is None
    monkeypatch.undo()
    monkeypatch.setattr(T, "_DEQUE_AT", [None])  # no header found: the API is asked
    assert T._listed_memory(page.raw, n) is None
    page.close()
    doc.close()


def test_page_text_equals_get_text_bounded() -> None:
    """One FPDFText_GetBoundedText call gives what pypdfium2's two-call get_text_bounded gives."""
    import pypdfium2 as pdfium

    from tests.conftest import CORPUS

    for name in ("seed_001.pdf", "seed_001.table.pdf"):
        doc = pdfium.PdfDocument(str(CORPUS / name))
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            assert T.page_text(tp, page.get_bbox()) == tp.get_text_bounded()
            tp.close()
            page.close()
        doc.close()


def test_tables_of_many_pages_at_once_and_a_failing_page_alone(monkeypatch) -> None:
    """extract_pdf builds the texts of many pages' tables at once (finish_tables); when that fails,
    the pages are done one by one, so only the failing page loses its tables, with the warning it
    would get alone."""
    from selfeval.extract import Limits, extract_file
    from selfeval.extract import pdf as P

    from tests.conftest import CORPUS

    monkeypatch.setenv("SELFEVAL_OCR", "0")
    path = CORPUS / "seed_001.pdf"
    whole = extract_file(path, limits=Limits(max_pages=1000))
    with_tables = [pg.number for pg in whole.pages if pg.tables]
    assert len(with_tables) >= 3
    prepared, real = [], P.finish_tables

    def prepare(page, tp, objects):
        prepared.append(T.prepare_tables(page, tp, objects))
        return prepared[-1]

    def finish(pages):
        if any(p is prepared[1] for p in pages):
            raise ValueError("boom")
        return real(pages)

    monkeypatch.setattr(P, "prepare_tables", prepare)
    monkeypatch.setattr(P, "finish_tables", finish)
    doc = extract_file(path, limits=Limits(max_pages=1000))
    bad = with_tables[1]
    assert f"page {bad}: table extraction failed: ValueError: boom" in doc.warnings
    assert [pg.tables for pg in doc.pages if pg.number != bad] == [pg.tables for pg in whole.pages if pg.number != bad]
    assert doc.pages[bad - 1].tables == []
