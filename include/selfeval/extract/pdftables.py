"""Ruled-table detection with PDFium geometry and pdfplumber's table algorithm.

pdfplumber's lines strategy is the reference (the corpus was checked with it), but most of
its cost is pdfminer re-parsing every page. Here the ruling edges come from PDFium's path
objects (segments transformed through the object and form matrices, the same edges
pdfplumber derives from lines, rects and curves), are fed to pdfplumber's own
`merge_edges` / `edges_to_intersections` / `intersections_to_cells` / `cells_to_tables`,
and each cell's text is read back from PDFium's text page. Same tables, roughly an order
of magnitude faster; `SELFEVAL_PDF_TABLES=pdfplumber` switches to pure pdfplumber.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_right
from dataclasses import dataclass

import pypdfium2.raw as c
from pdfplumber import table as pt
from pdfplumber import utils as pu

from selfeval.textnorm import clean_extracted_text

from ..model import Table
from .tables import anchors_from_spans, fill_grid

SNAP = 3.0
JOIN = 3.0
EDGE_MIN = 3.0
EDGE_MIN_PREFILTER = 1.0
INTERSECTION = 3.0
MAX_EDGES = 20000
MAX_GLYPH = 30.0  # loose boxes larger than this come from broken font metrics  # a page drawn as hatching is not a table; avoid quadratic work

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class FoundTable:
    grid: Table
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom (top-down, like pdfplumber)
    cols: list[float]  # left edge of every grid column, then the right edge of the table
    chars_above: int = 0  # non-space characters printed above the table on its page
    anchors: list[list[int]] | None = None  # anchor columns per row (tables.Anchors)


def column_edges(cells: list[tuple[float, float, float, float]]) -> list[float]:
    """Grid column boundaries of a table (used to line up a table continued on the next page)."""
    return sorted({cell[0] for cell in cells}) + [max(cell[2] for cell in cells)]


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: p' = p * m * n)."""
    a, b, cc, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        cc * a2 + d * c2,
        cc * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix(obj) -> Matrix:
    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _subpaths(obj, m: Matrix) -> list[list[tuple[float, float]]]:
    """Points of each subpath of a path object in page space; closed paths repeat the start."""
    out: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, cc, d, e, f = m
    for i in range(c.FPDFPath_CountSegments(obj)):
        seg = c.FPDFPath_GetPathSegment(obj, i)
        if not seg or not c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        px, py = x.value * a + y.value * cc + e, x.value * b + y.value * d + f
        kind = c.FPDFPathSegment_GetType(seg)
        if kind == c.FPDF_SEGMENT_MOVETO:
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


def _walk_paths(container, count, get, m: Matrix, sink: list, depth: int = 0) -> None:
    """Collect subpaths of every path object, descending into form XObjects."""
    for i in range(count(container)):
        obj = get(container, i)
        if not obj:
            continue
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_PATH:
            sink.extend(_subpaths(obj, _mul(_matrix(obj), m)))
        elif kind == c.FPDF_PAGEOBJ_FORM and depth < 8:
            _walk_paths(obj, c.FPDFFormObj_CountObjects, c.FPDFFormObj_GetObject, _mul(_matrix(obj), m), sink, depth + 1)
        if len(sink) > MAX_EDGES:
            return


@dataclass(frozen=True)
class PageSpace:
    """User space <-> displayed top-down space of a page (what pdfplumber measures in).

    pdfminer applies /Rotate, so a landscape table on a rotated portrait page is found
    upright; PDFium reports geometry unrotated. Tables are detected in display space and
    cell rectangles are mapped back to user space for PDFium's text queries.
    """

    x0: float
    y0: float
    w: float
    h: float
    rotation: int

    @classmethod
    def of(cls, page) -> PageSpace:
        left, bottom, right, top = page.get_mediabox()
        return cls(left, bottom, right - left, top - bottom, page.get_rotation() % 360)

    def to_display(self, x: float, y: float) -> tuple[float, float]:
        u, v = x - self.x0, y - self.y0
        if self.rotation == 90:
            return v, u
        if self.rotation == 180:
            return self.w - u, v
        if self.rotation == 270:
            return self.h - v, self.w - u
        return u, self.h - v

    def to_user(self, dx: float, top: float) -> tuple[float, float]:
        if self.rotation == 90:
            u, v = top, dx
        elif self.rotation == 180:
            u, v = self.w - dx, top
        elif self.rotation == 270:
            u, v = self.w - top, self.h - dx
        else:
            u, v = dx, self.h - top
        return u + self.x0, v + self.y0

    def user_rect(self, cell: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) in user space of a display-space (x0, top, x1, bottom) box."""
        (ax, ay), (bx, by) = self.to_user(cell[0], cell[1]), self.to_user(cell[2], cell[3])
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def page_edges(page, space: PageSpace) -> list[dict]:
    """Axis-aligned edges of a page as pdfplumber edge dicts (display, top-down coordinates)."""
    paths: list[list[tuple[float, float]]] = []
    _walk_paths(page.raw, c.FPDFPage_CountObjects, c.FPDFPage_GetObject, IDENTITY, paths)
    edges = []
    for pts in paths:
        disp = [space.to_display(x, y) for x, y in pts]
        for (x0, t0), (x1, t1) in zip(disp, disp[1:], strict=False):
            if abs(x0 - x1) < 0.01:
                orient = "v"
            elif abs(t0 - t1) < 0.01:
                orient = "h"
            else:
                continue
            left, right, top, bottom = min(x0, x1), max(x0, x1), min(t0, t1), max(t0, t1)
            edges.append({
                "object_type": "line", "orientation": orient,
                "x0": left, "x1": right, "top": top, "bottom": bottom, "doctop": top,
                "y0": space.h - bottom, "y1": space.h - top, "width": right - left, "height": bottom - top,
            })
            if len(edges) > MAX_EDGES:
                return []
    return edges


def _spans(cells: list[tuple[float, float, float, float]]) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each cell -> (rowspan, colspan) on the grid of distinct x0/top values."""
    col_x0 = sorted({cell[0] for cell in cells})
    row_top = sorted({cell[1] for cell in cells})
    spans = {}
    for x0, top, x1, bottom in cells:
        r, col = row_top.index(top), col_x0.index(x0)
        ncols = sum(1 for x in col_x0 if x0 <= x < x1 - 0.5)
        nrows = sum(1 for y in row_top if top <= y < bottom - 0.5)
        spans[(r, col)] = (max(nrows, 1), max(ncols, 1))
    return spans


@dataclass
class Glyph:
    """One character of the text page in display space (midpoint for cell assignment)."""

    ch: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def mid(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


def page_glyphs(textpage, space: PageSpace) -> list[Glyph]:
    """All non-generated characters with their loose (font) boxes, like pdfminer's chars."""
    raw = textpage.raw
    rect = c.FS_RECTF()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    out = []
    for i in range(c.FPDFText_CountChars(raw)):
        code = c.FPDFText_GetUnicode(raw, i)
        if code in (10, 13) or (code == 32 and c.FPDFText_IsGenerated(raw, i) == 1):
            continue  # line breaks and spaces PDFium inserted itself
        if not c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(rect)):
            continue
        box = (rect.left, rect.top, rect.right, rect.bottom)
        if abs(box[2] - box[0]) > MAX_GLYPH or abs(box[1] - box[3]) > MAX_GLYPH:
            # broken font metrics (seen in WPS exports): fall back to the tight glyph box
            if c.FPDFText_GetCharBox(raw, i, *(ctypes.byref(v) for v in (left, right, bottom, top))):
                box = (left.value, top.value, right.value, bottom.value)
        (ax, at), (bx, bt) = space.to_display(box[0], box[1]), space.to_display(box[2], box[3])
        out.append(Glyph("-" if code == 2 else chr(code), min(ax, bx), max(ax, bx), min(at, bt), max(at, bt)))
    return out


def _cell_locator(cells: list[tuple[float, float, float, float]]):
    """Function mapping a point to every cell containing it (half-open, as pdfplumber).

    pdfplumber's cells may overlap (a large cell around smaller ones); a char then
    belongs to each of them, so this returns a list.
    """
    xs = sorted({v for cell in cells for v in (cell[0], cell[2])})
    ys = sorted({v for cell in cells for v in (cell[1], cell[3])})
    slot: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for cell in cells:
        for ci in range(xs.index(cell[0]), xs.index(cell[2])):
            for ri in range(ys.index(cell[1]), ys.index(cell[3])):
                slot.setdefault((ri, ci), []).append(cell)

    def locate(x: float, y: float) -> list:
        ci, ri = bisect_right(xs, x) - 1, bisect_right(ys, y) - 1
        if ci < 0 or ri < 0 or ci >= len(xs) - 1 or ri >= len(ys) - 1:
            return []
        return slot.get((ri, ci), [])

    return locate


def _lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into text lines by vertical overlap (robust to per-glyph box heights)."""
    lines: list[tuple[float, float, list[Glyph]]] = []
    for g in sorted(glyphs, key=lambda g: (g.top + g.bottom) / 2):
        if lines:
            lt, lb, items = lines[-1]
            overlap = min(lb, g.bottom) - max(lt, g.top)
            if overlap >= 0.5 * max(0.1, min(g.bottom - g.top, lb - lt)):
                items.append(g)
                lines[-1] = (min(lt, g.top), max(lb, g.bottom), items)
                continue
        lines.append((g.top, g.bottom, [g]))
    return [items for _, _, items in lines]


def _glyphs_text(glyphs: list[Glyph], tol: float = 3.0) -> str:
    """Cell text the way pdfplumber's extract_text builds it: lines top-down, words by gaps."""
    out_lines = []
    for line in _lines(glyphs):
        line.sort(key=lambda g: g.x0)
        parts: list[str] = []
        prev: Glyph | None = None
        blank = False
        for g in line:
            if g.ch.isspace():
                blank = prev is not None
                continue
            if prev is not None and (blank or g.x0 - prev.x1 > tol):
                parts.append(" ")
            parts.append(g.ch)
            prev, blank = g, False
        if parts:
            out_lines.append("".join(parts))
    text = "\n".join(out_lines)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _overflow_points(glyphs: list[Glyph], rules: list[float]) -> list[tuple[Glyph, tuple[float, float]]]:
    """(glyph, point that places it in a cell): its midpoint, except for a glyph that straddles a
    column rule right after the glyph before it on the line (a label squeezed into too narrow a
    cell runs over the rule: '一般性支出情况' in a cell ending inside '况').  That glyph belongs to
    the text it continues, so it is placed just left of the rule.  Glyphs are in content order,
    where the glyph before is the previous one of the same text line."""
    out: list[tuple[Glyph, tuple[float, float]]] = []
    prev: Glyph | None = None
    for g in glyphs:
        point = g.mid
        if prev is not None:
            k = bisect_right(rules, g.x0 + 0.3)
            if k < len(rules) and rules[k] < g.x1 - 0.3 and not g.ch.isspace():
                b = rules[k]
                if (abs(prev.top - g.top) < 1.0 and abs(prev.bottom - g.bottom) < 1.0 and prev.x1 <= b + 0.5
                        and 0 <= g.x0 - prev.x1 + 0.5 < 2.0 and (prev.x0 + prev.x1) / 2 < b):
                    point = (b - 0.01, point[1])
        out.append((g, point))
        prev = g
    return out


def _cells_text(glyphs: list[Glyph], cells: list[tuple[float, float, float, float]]) -> dict:
    """Text of every cell of one table, from the glyphs whose midpoint falls inside it."""
    locate = _cell_locator(cells)
    buckets: dict[tuple[float, float, float, float], list[Glyph]] = {}
    rules = sorted({v for cell in cells for v in (cell[0], cell[2])})
    for g in _overflow_points(glyphs, rules):
        for cell in locate(*g[1]):
            buckets.setdefault(cell, []).append(g[0])
    return {cell: clean_extracted_text(_glyphs_text(gs)) for cell, gs in buckets.items()}


def hole_cells(cells: list[tuple[float, float, float, float]], edges: list[dict], tol: float = 3.0
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


def find_tables(page, textpage) -> list[FoundTable]:
    """Ruled tables of one page: pdfplumber's lines-strategy algorithm on PDFium edges."""
    space = PageSpace.of(page)
    edges = pu.filter_edges(page_edges(page, space), min_length=EDGE_MIN_PREFILTER)
    if len(edges) < 4:
        return []
    edges = pt.merge_edges(edges, SNAP, SNAP, JOIN, JOIN)
    edges = pu.filter_edges(edges, min_length=EDGE_MIN)
    intersections = pt.edges_to_intersections(edges, INTERSECTION, INTERSECTION)
    cells = pt.intersections_to_cells(intersections)
    found = []
    glyphs: list[Glyph] | None = None
    for group in pt.cells_to_tables(cells):
        group = group + hole_cells(group, edges)
        tb = pt.Table(None, group)
        if glyphs is None:
            glyphs = page_glyphs(textpage, space)
        texts = _cells_text(glyphs, group)
        rows = [[None if cell is None else texts.get(cell, "") for cell in row.cells] for row in tb.rows]
        if not rows or (len(rows) < 2 and len(rows[0]) < 2):
            continue
        spans = _spans(group)
        grid = fill_grid(rows, spans)
        if any(any(x.strip() for x in r) for r in grid):
            bbox = tb.bbox  # a computed property: read it once
            above = sum(1 for g in glyphs if g.bottom <= bbox[1] + 1 and not g.ch.isspace())
            found.append(FoundTable(grid, bbox, column_edges(group), above, anchors_from_spans(spans, [len(r) for r in grid])))
    found.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return found
