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
from dataclasses import dataclass

import pypdfium2.raw as c
from pdfplumber import table as pt
from pdfplumber import utils as pu

from ..model import Table
from .normalize import clean_extracted_text
from .tables import fill_grid

SNAP = 3.0
JOIN = 3.0
EDGE_MIN = 3.0
EDGE_MIN_PREFILTER = 1.0
INTERSECTION = 3.0
MAX_EDGES = 20000  # a page drawn as hatching is not a table; avoid quadratic work

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class FoundTable:
    grid: Table
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom (top-down, like pdfplumber)


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


def page_edges(page, top_y: float) -> list[dict]:
    """Axis-aligned edges of a page as pdfplumber edge dicts (top-down coordinates)."""
    paths: list[list[tuple[float, float]]] = []
    _walk_paths(page.raw, c.FPDFPage_CountObjects, c.FPDFPage_GetObject, IDENTITY, paths)
    edges = []
    for pts in paths:
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            if abs(x0 - x1) < 0.01:
                orient = "v"
            elif abs(y0 - y1) < 0.01:
                orient = "h"
            else:
                continue
            left, right = min(x0, x1), max(x0, x1)
            top, bottom = top_y - max(y0, y1), top_y - min(y0, y1)
            edges.append({
                "object_type": "line", "orientation": orient,
                "x0": left, "x1": right, "top": top, "bottom": bottom, "doctop": top,
                "y0": top_y - bottom, "y1": top_y - top, "width": right - left, "height": bottom - top,
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


def _cell_text(textpage, cell: tuple[float, float, float, float], top_y: float) -> str:
    x0, top, x1, bottom = cell
    # shrink a little so glyphs that touch a ruling line are not claimed by two cells
    text = textpage.get_text_bounded(left=x0 + 0.5, bottom=top_y - bottom + 0.5, right=x1 - 0.5, top=top_y - top - 0.5)
    return clean_extracted_text(text).strip()


def find_tables(page, textpage, top_y: float) -> list[FoundTable]:
    """Ruled tables of one page: pdfplumber's lines-strategy algorithm on PDFium edges."""
    edges = pu.filter_edges(page_edges(page, top_y), min_length=EDGE_MIN_PREFILTER)
    if len(edges) < 4:
        return []
    edges = pt.merge_edges(edges, SNAP, SNAP, JOIN, JOIN)
    edges = pu.filter_edges(edges, min_length=EDGE_MIN)
    intersections = pt.edges_to_intersections(edges, INTERSECTION, INTERSECTION)
    cells = pt.intersections_to_cells(intersections)
    found = []
    for group in pt.cells_to_tables(cells):
        tb = pt.Table(None, group)
        rows = [[None if cell is None else _cell_text(textpage, cell, top_y) for cell in row.cells] for row in tb.rows]
        if not rows or (len(rows) < 2 and len(rows[0]) < 2):
            continue
        grid = fill_grid(rows, _spans(group))
        if any(any(x.strip() for x in r) for r in grid):
            found.append(FoundTable(grid, tb.bbox))
    found.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return found
