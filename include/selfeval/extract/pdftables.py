"""Ruled-table detection with PDFium geometry and pdfplumber's table algorithm.

pdfplumber's lines strategy is the reference (the corpus was checked with it), but most of
its cost is pdfminer re-parsing every page. Here the ruling edges come from PDFium's path
objects (segments transformed through the object and form matrices, the same edges
pdfplumber derives from lines, rects and curves) and go through pdfplumber's algorithm
(snap and join edges, intersections, smallest ruled cells, tables of corner-connected
cells), reimplemented on tuples with coordinate indexes: same floats, same cells, same
order (tests/extract/test_pdftables.py checks it against pdfplumber's own functions).
Each cell's text is read back from PDFium's text page. `SELFEVAL_PDF_TABLES=pdfplumber`
switches to pure pdfplumber.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from itertools import chain, compress, groupby, repeat
from operator import itemgetter

import numpy as np
import pypdfium2.raw as c

from selfeval.textnorm import clean_extracted_text

from ..model import Table
from .base import PDFIUM_LOCK
from .tables import anchors_from_spans

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


_FuncPtr = type(c.FPDFText_GetUnicode)  # the function pointer class of pypdfium2's library


def _unchecked(f, restype=ctypes.c_int, argtypes=None):
    """The same PDFium function with plain argument types: handles as c_void_p (ints), results
    written through c_void_p pointers; pypdfium2's typed pointers cost about twice as much per
    call, which matters at a thousand calls per page.  Without argtypes, arguments are passed as
    the ctypes objects they are and Python ints as C ints."""
    g = _FuncPtr(ctypes.cast(f, ctypes.c_void_p).value)
    g.restype = restype
    if argtypes is not None:
        g.argtypes = argtypes
    return g


_P, _I, _F = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)
_count_page_objects = _unchecked(c.FPDFPage_CountObjects)  # of page.raw (fastest untyped)
_get_page_object = _unchecked(c.FPDFPage_GetObject, _P)  # (page.raw, i) -> an int, None for NULL
_count_form_objects = _unchecked(c.FPDFFormObj_CountObjects, _I, [_P])
_get_form_object = _unchecked(c.FPDFFormObj_GetObject, _P, [_P, _I])
_get_type = _unchecked(c.FPDFPageObj_GetType, _I, [_P])  # FPDF_PAGEOBJ_UNKNOWN for NULL
_get_bounds = _unchecked(c.FPDFPageObj_GetBounds, _I, [_P, _F, _F, _F, _F])
_get_matrix = _unchecked(c.FPDFPageObj_GetMatrix, _I, [_P, _P])
_count_segments = _unchecked(c.FPDFPath_CountSegments, _I, [_P])
_get_segment = _unchecked(c.FPDFPath_GetPathSegment, _P, [_P, _I])
_segment_point = _unchecked(c.FPDFPathSegment_GetPoint, _I, [_P, _P, _P])  # false for NULL
_segment_type = _unchecked(c.FPDFPathSegment_GetType, _I, [_P])
_segment_close = _unchecked(c.FPDFPathSegment_GetClose, _I, [_P])
_PATH, _IMAGE, _FORM, _MOVETO = c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_IMAGE, c.FPDF_PAGEOBJ_FORM, c.FPDF_SEGMENT_MOVETO


class _Slots:
    """A float buffer of n slots of `width` floats, with pointer objects to every slot (at a few
    float offsets) made once: PDFium writes the results of n calls there, read back with numpy.
    Building a pointer per call costs as much as the call.  Callers hold PDFIUM_LOCK."""

    def __init__(self, width: int, offsets: tuple[int, ...] = (0,)) -> None:
        self.width, self.offsets, self.n = width, offsets, 0
        self.buf = (ctypes.c_float * 0)()
        self.ptrs: list[list[ctypes.c_void_p]] = [[] for _ in offsets]

    def get(self, n: int) -> tuple:
        """(buffer, pointer list per offset) with room for n slots."""
        if n > self.n:
            self.n = max(n, 2 * self.n, 1024)
            self.buf = (ctypes.c_float * (self.width * self.n))()
            base = ctypes.addressof(self.buf)
            step = 4 * self.width
            self.ptrs = [[ctypes.c_void_p(base + 4 * k + step * i) for i in range(self.n)] for k in self.offsets]
        return (self.buf, *self.ptrs)

    def floats(self, n: int) -> np.ndarray:
        """The first n slots as float64, one row per slot."""
        return np.frombuffer(self.buf, dtype=np.float32, count=self.width * n).astype(np.float64).reshape(n, self.width)


_BOXES = _Slots(4)  # FS_RECTF of each char
_POINTS = _Slots(2, (0, 1))  # x, y of each path segment
_MATRICES = _Slots(6)  # FS_MATRIX of each path object


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
    if not _get_matrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


@dataclass
class PageObjects:
    """One walk over a page's objects: what the probe counts and where the ruling paths are."""

    n_paths: int  # path objects on the page and in forms nested at most two deep
    image_area: float  # area of the largest image there
    paths: list[int]  # every path object (forms down to 8 deep), in content order
    forms: list[Matrix] | None = None  # the matrix of each path's forms, None if no path is in a form


def scan_objects(page) -> PageObjects:
    """Path count, largest image and the path objects of a page, in content order.

    The page's own object list is read from PDFium's memory where it checks out against the API
    (`_listed_memory`: two calls per block of 64 objects instead of two per object); forms and
    anything unexpected go through the API."""
    out = PageObjects(0, 0.0, [])
    _scan(page.raw, _count_page_objects, _get_page_object, IDENTITY, 0, out,
          (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()))
    return out


# PDFium keeps a page's objects in a libc++ std::deque of object pointers (64 to a block) inside the
# page: {map first, map begin, map end, map end of capacity, start, size}, 48 bytes at _DEQUE_AT[0]
# bytes from the FPDF_PAGE handle (found once, on the first page with objects, by looking for a
# header that lists exactly the objects the API returns; only in a PDFium build where that layout
# was checked).  Each object's first word is its vtable,
# which fixes its type.
_DEQUE_BLOCK = 64
_DEQUE_BUILDS = {8149}  # PDFium builds (pypdfium2 5.15) this was checked on; any other asks the API


def _pdfium_build() -> int | None:
    try:
        import pypdfium2

        return int(pypdfium2.PDFIUM_INFO.build)
    except Exception:  # noqa: BLE001 - an unknown build reads nothing from memory
        return None


_DEQUE_AT: list[int | None] = [] if _pdfium_build() in _DEQUE_BUILDS else [None]  # [] not looked for yet, [None] none


class _Memory:
    """A read-only numpy view of process memory (no copy; only the elements indexed are read)."""

    def __init__(self, address: int, n: int) -> None:
        self.__array_interface__ = {"data": (address, True), "shape": (n,), "typestr": "<u8", "version": 3}


def _deque(page_raw, address: int, n: int, at: int) -> np.ndarray | None:
    """The object pointers of the deque header at address + at, or None where the header is not a
    plausible deque of n pointers or a block's first pointer is not what the API returns."""
    first, begin, end, cap, start, size = np.frombuffer(ctypes.string_at(address + at, 48), dtype=np.uint64).tolist()
    blocks = (start + n + _DEQUE_BLOCK - 1) // _DEQUE_BLOCK
    if (size != n or start >= _DEQUE_BLOCK or not first <= begin <= end <= cap or begin % 8 or not begin
            or (end - begin) // 8 < blocks or cap - first > 8 * (blocks + 1024)):
        return None
    starts = np.frombuffer(ctypes.string_at(begin, 8 * blocks), dtype=np.uint64).tolist()
    if not all(starts) or any(b % 8 for b in starts):
        return None
    ptrs = np.frombuffer(b"".join(map(ctypes.string_at, starts, repeat(8 * _DEQUE_BLOCK))), dtype=np.uint64)
    ptrs = ptrs[start:start + n]
    check = sorted({0, n - 1, *range(-start % _DEQUE_BLOCK, n, _DEQUE_BLOCK)})  # the first of every block
    if any((_get_page_object(page_raw, i) or 0) != p for i, p in zip(check, ptrs[check].tolist(), strict=True)):
        return None
    return ptrs


def _listed_memory(page_raw, n: int) -> tuple[np.ndarray, np.ndarray, set[int]] | None:
    """(objects, their types, the types present) of a page, read from PDFium's object list, or None
    (then the API is asked)."""
    if n < 2 or _DEQUE_AT == [None]:
        return None
    address = ctypes.cast(page_raw, ctypes.c_void_p).value
    if not _DEQUE_AT:  # look for the header once: where its size word says n
        words = np.frombuffer(ctypes.string_at(address, 256), dtype=np.uint64)
        api = np.array(list(map(_get_page_object, repeat(page_raw, n), range(n))), dtype=np.uint64)
        for k in np.nonzero(words == n)[0].tolist():
            if k >= 5 and (ptrs := _deque(page_raw, address, n, 8 * (k - 5))) is not None and (ptrs == api).all():
                _DEQUE_AT.append(8 * (k - 5))
                break
        else:
            _DEQUE_AT.append(None)
            return None
    ptrs = _deque(page_raw, address, n, _DEQUE_AT[0])
    if ptrs is None:
        return None
    base = int(ptrs.min())
    offset = ptrs - np.uint64(base)
    if (offset % 8).any():
        return None
    vtables = np.asarray(_Memory(base, int(offset.max()) // 8 + 1))[(offset // 8).astype(np.int64)]
    distinct = np.unique(vtables)  # a few (text, path, image, form ...): a mask each is cheaper than
    if len(distinct) > 16:  # not vtables                      # unique's index and inverse
        return None
    types = np.empty(n, dtype=np.int64)
    present: set[int] = set()
    for vtable in distinct.tolist():  # one vtable, one type: ask its first and last object
        same = vtables == vtable
        kind = _get_type(int(ptrs[int(same.argmax())]))
        if _get_type(int(ptrs[n - 1 - int(same[::-1].argmax())])) != kind:
            return None
        types[same] = kind
        present.add(kind)
    return ptrs, types, present


def _images(objs: list[int], out: PageObjects, box: tuple) -> None:
    for obj in objs:
        if _get_bounds(obj, *(ctypes.byref(v) for v in box)):
            left, bottom, right, top = (v.value for v in box)
            out.image_area = max(out.image_area, max(0.0, right - left) * max(0.0, top - bottom))


def _scan(container, count, get, m: Matrix, depth: int, out: PageObjects, box: tuple) -> None:
    n = count(container)
    listed = _listed_memory(container, n) if depth == 0 else None
    if listed is not None and _FORM not in listed[2]:  # the usual page: no form (depth 0, identity)
        ptrs, types, present = listed
        if _IMAGE in present:
            _images(ptrs[types == _IMAGE].tolist(), out, box)
        paths = ptrs[types == _PATH].tolist()
        out.paths.extend(paths)
        out.n_paths += len(paths)
        return
    if listed is None:
        objs = list(map(get, repeat(container, n), range(n)))
        kinds = list(map(_get_type, objs))  # FPDF_PAGEOBJ_UNKNOWN for a null handle
    else:
        objs, kinds = listed[0].tolist(), listed[1].tolist()
    present = set(kinds)
    if _IMAGE in present and depth <= 2:
        _images(list(compress(objs, map(_IMAGE.__eq__, kinds))), out, box)
    if _FORM not in present or depth >= 8:
        paths = list(compress(objs, map(_PATH.__eq__, kinds)))
        out.paths.extend(paths)
        if out.forms is not None or m is not IDENTITY:
            out.forms = (out.forms or [IDENTITY] * (len(out.paths) - len(paths))) + [m] * len(paths)
        if depth <= 2:
            out.n_paths += len(paths)
        return
    for obj, kind in zip(objs, kinds, strict=True):  # paths in content order around the forms
        if kind == _PATH:
            out.paths.append(obj)
            if out.forms is not None or m is not IDENTITY:
                out.forms = (out.forms or [IDENTITY] * (len(out.paths) - 1)) + [m]
            if depth <= 2:
                out.n_paths += 1
        elif kind == _FORM:
            _scan(obj, _count_form_objects, _get_form_object, _mul(_matrix(obj), m), depth + 1, out, box)


def _path_points(paths: list[int], forms: list[Matrix] | None = None, chunk: int = 512
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Page-space points of every subpath of the path objects, flattened: (x, y, starts), where
    starts[j] says point j begins a subpath (no edge from the point before).  Closed subpaths
    repeat their first point.  Stops after the path object that brings the subpaths (of two
    points or more) over MAX_EDGES.  PDFium is asked in batches (one map per call kind).
    `forms`: each path's forms' matrix (None: all identity)."""
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    n_sub = 0
    with PDFIUM_LOCK:  # the result buffers are shared
        for at in range(0, len(paths), chunk):
            x, y, starts, n_sub, full = _chunk_points(paths[at:at + chunk], None if forms is None else
                                                      forms[at:at + chunk], n_sub)
            parts.append((x, y, starts))
            if full:
                break
    if not parts:
        return np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool)
    return tuple(np.concatenate(v) for v in zip(*parts, strict=True))  # type: ignore[return-value]


_IDENTITY_COLS = (np.asarray(IDENTITY)[[0, 1, 0, 1, 0, 1]], np.asarray(IDENTITY)[[2, 3, 2, 3, 2, 3]],
                  np.asarray(IDENTITY)[4:])

# PDFium's CFX_Path::Point: {float x, y; uint8 type (0 line, 1 bezier, 2 move, = FPDF_SEGMENT_*);
# bool close}, 12 bytes; a path's points are one array and FPDFPath_GetPathSegment(path, i) is the
# address of point i.
_PATH_POINT = np.dtype([("x", "<f4"), ("y", "<f4"), ("type", "u1"), ("close", "u1"), ("pad", "V2")])


def _segments_api(objs: list[int], nseg: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x y, type, close) of every segment, one PDFium call per segment and value; a segment whose
    point cannot be read is left out (its subpath goes on)."""
    total = sum(nseg)
    segs = list(map(_get_segment, chain.from_iterable(map(repeat, objs, nseg)),
                    chain.from_iterable(map(range, nseg))))
    _, px, py = _POINTS.get(total)
    ok = np.fromiter(map(_segment_point, segs, px, py), dtype=np.int64, count=total) != 0
    kind = np.fromiter(map(_segment_type, segs), dtype=np.int64, count=total)
    close = np.fromiter(map(_segment_close, segs), dtype=np.int64, count=total) != 0
    return _POINTS.floats(total)[ok], kind[ok], close[ok], ok


def _segments_memory(objs: list[int], nseg: list[int]):
    """The same read with one copy per path from PDFium's point arrays, or None where the layout is
    not the one expected: records 12 bytes apart (checked on the first path of two points or
    more before anything is read), and the first path's records equal, bit for bit, to what the
    API returns for them (checked in every batch)."""
    n = np.array(nseg, dtype=np.int64)
    has = np.nonzero(n > 0)[0]
    if not len(has):
        return None
    two = np.nonzero(n > 1)[0]
    if len(two) and (_get_segment(objs[two[0]], 1) or 0) - (_get_segment(objs[two[0]], 0) or 0) != 12:
        return None
    first = list(map(_get_segment, [objs[k] for k in has.tolist()], repeat(0)))
    if None in first:
        return None
    raw = b"".join(map(ctypes.string_at, first, (12 * n[has]).tolist()))
    k = int(has[0])  # check the first path with segments against the API
    if not _same_as_api(objs[k], raw[: 12 * nseg[k]]):
        return None
    pts = np.frombuffer(raw, dtype=_PATH_POINT)
    return np.stack((pts["x"], pts["y"]), axis=1).astype(np.float64), pts["type"].astype(np.int64), pts["close"] != 0


def _same_as_api(obj: int, records: bytes) -> bool:
    """Whether the point records read from memory for path `obj` are, bit for bit, what the API
    returns for its segments (x, y as float32, type, close), the fields where `_PATH_POINT` says.
    Plain calls: numpy's per-call cost is larger than the five to six segments of a usual path."""
    fields, size = _PATH_POINT.fields, _PATH_POINT.itemsize
    ox, oy, ot, oc = (fields[k][1] for k in ("x", "y", "type", "close"))
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    for j in range(len(records) // size):
        seg = _get_segment(obj, j)
        at = size * j
        if (not seg or not _segment_point(seg, px, py) or bytes(x) != records[at + ox: at + ox + 4]
                or bytes(y) != records[at + oy: at + oy + 4] or _segment_type(seg) != records[at + ot]
                or bool(_segment_close(seg)) != bool(records[at + oc])):
            return False
    return True


def _chunk_points(objs: list[int], forms: list[Matrix] | None, n_sub: int):
    nseg = list(map(_count_segments, objs))
    read = _segments_memory(objs, nseg) if sum(nseg) else None
    owner = np.repeat(np.arange(len(objs)), nseg)
    if read is None:
        xy, kind, close, ok = _segments_api(objs, nseg)
        owner = owner[ok]
    else:
        xy, kind, close = read
    n = len(owner)
    start = kind == _MOVETO
    if n:
        start[0] = True
        start[1:] |= owner[1:] != owner[:-1]  # each object starts afresh
    head = np.maximum.accumulate(np.where(start, np.arange(n), 0))  # first point of the subpath
    # every segment gives its point; a closing one then repeats its subpath's first point
    reps = 1 + close
    src = np.repeat(np.arange(n), reps)
    first = np.cumsum(reps) - reps
    second = first[close] + 1
    src[second] = head[close]
    starts = start[src]
    starts[second] = False
    owner = owner[src]
    if n_sub + len(src) > MAX_EDGES:  # else there are too few points for that many subpaths
        # subpaths of two points or more count against MAX_EDGES, object by object
        sub = np.cumsum(starts) - 1
        size = np.bincount(sub, minlength=int(sub[-1]) + 1) if len(sub) else np.zeros(0, dtype=np.int64)
        sub_owner = owner[starts]
        per_obj = np.bincount(sub_owner[size >= 2], minlength=len(objs))
        total_sub = n_sub + np.cumsum(per_obj)
        full = bool(len(total_sub)) and bool(total_sub[-1] > MAX_EDGES)
        if full:
            last = int(np.argmax(total_sub > MAX_EDGES))  # the object that goes over: keep it, drop the rest
            keep = owner <= last
            src, starts, owner = src[keep], starts[keep], owner[keep]
            n_sub = int(total_sub[last])
        else:
            n_sub = int(total_sub[-1]) if len(total_sub) else n_sub
    else:
        full = False
        n_sub += int(np.count_nonzero(starts[:-1] & ~starts[1:]))  # subpaths of two points or more
    # each object's matrix times its forms' matrix (as _mul), applied to its points
    _, pm = _MATRICES.get(len(objs))
    got = np.fromiter(map(_get_matrix, objs, pm), dtype=np.int64, count=len(objs)) != 0
    mat = _MATRICES.floats(len(objs))
    mat[~got] = IDENTITY
    # _mul(mat, forms) column by column: (a*a2 + b*c2, a*b2 + b*d2, c*a2 + d*c2, c*b2 + d*d2,
    # e*a2 + f*c2 + e2, e*b2 + f*d2 + f2), the same operations in the same order; without forms,
    # the identity's columns as constant rows (the same products, no per-object array)
    if forms is None:
        f01, f23, f45 = _IDENTITY_COLS
    else:
        form = np.asarray(forms, dtype=np.float64).reshape(-1, 6)
        f01, f23, f45 = form[:, [0, 1, 0, 1, 0, 1]], form[:, [2, 3, 2, 3, 2, 3]], form[:, 4:]
    comp = mat[:, [0, 0, 2, 2, 4, 4]] * f01 + mat[:, [1, 1, 3, 3, 5, 5]] * f23
    comp[:, 4:] += f45
    m = comp[owner]
    px_, py_ = xy[src, 0], xy[src, 1]
    return px_ * m[:, 0] + py_ * m[:, 2] + m[:, 4], px_ * m[:, 1] + py_ * m[:, 3] + m[:, 5], starts, n_sub, full


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


Edges = np.ndarray
"""Rows of x0, top, x1, bottom, width, height (display space): pdfplumber edge dicts without the dicts."""
_NO_EDGES = np.zeros((0, 6))


def page_edges(page, space: PageSpace, objects: PageObjects | None = None) -> tuple[Edges, Edges]:
    """Axis-aligned edges of a page (vertical, horizontal), display top-down coordinates.

    The same edges, in the same order, that pdfplumber derives from the page's lines, rects
    and curves; at most MAX_EDGES in all (a page drawn as hatching has none)."""
    objects = objects or scan_objects(page)
    x, y, starts = _path_points(objects.paths, objects.forms)
    dx, dt = space.to_display(x, y)
    link = np.nonzero(~starts[1:])[0]  # point link+1 continues the subpath of point link
    x0, t0, x1, t1 = dx[link], dt[link], dx[link + 1], dt[link + 1]
    is_v = np.abs(x0 - x1) < 0.01
    is_h = ~is_v & (np.abs(t0 - t1) < 0.01)
    if np.count_nonzero(is_v) + np.count_nonzero(is_h) > MAX_EDGES:
        return _NO_EDGES, _NO_EDGES
    # min/max as Python's builtins do them (the first unless the second is strictly smaller/larger)
    left, right = np.where(x1 < x0, x1, x0), np.where(x1 > x0, x1, x0)
    top, bottom = np.where(t1 < t0, t1, t0), np.where(t1 > t0, t1, t0)
    edges = np.stack((left, top, right, bottom, right - left, bottom - top), axis=1)
    return edges[is_v], edges[is_h]


def _snap(edges: list, k: int, tol: float) -> list[tuple]:
    """pdfplumber's snap_objects on x0 (k=0, vertical edges) or top (k=1, horizontal edges):
    values chained within `tol` form a cluster, whose members move to its mean (same arithmetic)."""
    if not edges:
        return []
    key = itemgetter(k)
    cluster: dict[float, int] = {}
    cid, last = 0, None
    for v in sorted(set(map(key, edges))):
        if last is not None and v > last + tol:
            cid += 1
        cluster[v] = cid
        last = v
    groups: list[list] = [[] for _ in range(cid + 1)]
    for e in edges:
        groups[cluster[e[k]]].append(e)
    out: list[tuple] = []
    for group in groups:
        avg = sum(map(key, group)) / len(group)
        if k == 0:
            out.extend((e[0] + (avg - e[0]), e[1], e[2] + (avg - e[0]), e[3], e[4], e[5]) for e in group)
        else:
            out.extend((e[0], e[1] + (avg - e[1]), e[2], e[3] + (avg - e[1]), e[4], e[5]) for e in group)
    return out


def _join(edges: list[tuple], k: int, tol: float) -> list[tuple]:
    """pdfplumber's merge_edges after snapping: edges on one line (same x0 for k=0, same top for
    k=1) that touch within `tol` are joined, lines in ascending order."""
    lo, hi = (1, 3) if k == 0 else (0, 2)
    out: list[tuple] = []
    for _, line in groupby(sorted(edges, key=itemgetter(k)), key=itemgetter(k)):
        line = sorted(line, key=itemgetter(lo))
        joined = [line[0]]
        for e in line[1:]:
            last = joined[-1]
            if e[lo] <= last[hi] + tol:
                if e[hi] > last[hi]:
                    if hi == 2:  # horizontal: x1 moves, width recomputed
                        joined[-1] = (last[0], last[1], e[2], last[3], e[2] - last[0], last[5])
                    else:  # vertical: bottom moves, height grows by the difference
                        joined[-1] = (last[0], last[1], last[2], e[3], last[4], last[5] + (e[3] - last[3]))
            else:
                joined.append(e)
        out.extend(joined)
    return out


def merge_edges(vert: Edges, horiz: Edges) -> tuple[Edges, Edges]:
    """pdfplumber's filter_edges(1) + merge_edges(SNAP, JOIN) + filter_edges(EDGE_MIN) on both lists.

    In plain Python: with a few hundred edges per page, numpy's per-call cost outweighs its speed."""
    vert = vert[vert[:, 5] >= EDGE_MIN_PREFILTER]
    horiz = horiz[horiz[:, 4] >= EDGE_MIN_PREFILTER]
    if len(vert) + len(horiz) < 4:
        return _NO_EDGES, _NO_EDGES
    v = _join(_snap(vert.tolist(), 0, SNAP), 0, JOIN)
    h = _join(_snap(horiz.tolist(), 1, SNAP), 1, JOIN)
    return (np.array([e for e in v if e[5] >= EDGE_MIN], dtype=np.float64).reshape(-1, 6),
            np.array([e for e in h if e[4] >= EDGE_MIN], dtype=np.float64).reshape(-1, 6))


Point = tuple[float, float]
Cell = tuple[float, float, float, float]


def _unique_inverse(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(a, return_inverse=True), cheaper for short arrays."""
    s = np.sort(a)
    u = s[np.concatenate(([True], s[1:] != s[:-1]))]
    return u, np.searchsorted(u, a)


def ruled_cells(vert: Edges, horiz: Edges, tol: float = INTERSECTION) -> list[Cell]:
    """pdfplumber's edges_to_intersections + intersections_to_cells, on a grid of intersections.

    pdfplumber: an intersection is (v.x0, h.top) for every vertical v and horizontal h within
    `tol` of each other; two intersections on a vertical line are linked when one vertical edge
    passes through both (likewise horizontally); for every intersection, in (x, top) order, the
    cell is the first, trying the intersections below it nearest first and for each the ones to
    its right nearest first, whose four corners exist and whose four sides are linked.

    Here: an intersection's vertical edges are all the vertical edges at its x that reach it, so
    two intersections (x, y1 < y2) are linked iff the lowest bottom among the edges through the
    upper one is >= y2 - tol ("reach"; same comparisons as pdfplumber's).  Linked points below
    (right of) an intersection are thus a prefix of its column (row); the usual case, nearest
    point below and right with the corner there, is checked for all intersections at once, and
    only the others are searched point by point."""
    if not len(vert) or not len(horiz):
        return []
    v = vert[:, :4]
    h = horiz[np.argsort(horiz[:, 1], kind="stable"), :4]
    tops = h[:, 1]
    # candidate pairs: horizontals whose top is near the vertical's span, then pdfplumber's test
    lo = np.searchsorted(tops, v[:, 1] - tol - 1.0, side="left")
    hi = np.searchsorted(tops, v[:, 3] + tol + 1.0, side="right")
    many = np.maximum(hi - lo, 0)
    vi = np.repeat(np.arange(len(v)), many)
    hj = np.repeat(lo, many) + np.arange(len(vi)) - np.repeat(np.cumsum(many) - many, many)
    vx, vt, vb = v[vi, 0], v[vi, 1], v[vi, 3]
    hx0, ht, hx1 = h[hj, 0], h[hj, 1], h[hj, 2]
    ok = (vt <= ht + tol) & (vb >= ht - tol) & (vx >= hx0 - tol) & (vx <= hx1 + tol)
    if not ok.any():
        return []
    vx, ht, vb, hx1 = vx[ok], ht[ok], vb[ok], hx1[ok]
    xs, col = _unique_inverse(vx)
    ys, row = _unique_inverse(ht)
    nx, ny = len(xs), len(ys)
    pid = col * ny + row  # points in (x, top) order
    order = np.argsort(pid, kind="stable")
    pid = pid[order]
    first = np.flatnonzero(np.concatenate(([True], pid[1:] != pid[:-1])))
    points = pid[first]
    down = np.full(nx * ny, -np.inf)  # lowest bottom of the verticals through the point
    down[points] = np.maximum.reduceat(vb[order], first)
    right = np.full(nx * ny, -np.inf)  # rightmost end of the horizontals through it
    right[points] = np.maximum.reduceat(hx1[order], first)
    exists = np.zeros(nx * ny, dtype=bool)
    exists[points] = True
    pc, pr = points // ny, points % ny
    # the next point down the same column / right along the same row
    nxt_down = np.full(nx * ny, -1)
    same_col = pc[1:] == pc[:-1]
    nxt_down[points[:-1][same_col]] = points[1:][same_col]
    by_row = points[np.lexsort((pc, pr))]
    same_row = by_row[1:] % ny == by_row[:-1] % ny
    nxt_right = np.full(nx * ny, -1)
    nxt_right[by_row[:-1][same_row]] = by_row[1:][same_row]
    b1, r1 = nxt_down[points], nxt_right[points]
    yb = ys[b1 % ny]
    xr = xs[r1 // ny]
    linked_down = (b1 >= 0) & (down[points] >= yb - tol)
    linked_right = (r1 >= 0) & (xr <= right[points] + tol)
    todo = linked_down & linked_right
    corner = np.where(todo, (r1 // ny) * ny + b1 % ny, 0)
    quick = (todo & exists[corner] & (down[np.where(todo, r1, 0)] >= yb - tol)
             & (xr <= right[np.where(todo, b1, 0)] + tol))
    cell_x1 = np.where(quick, xr, np.nan)
    cell_y1 = np.where(quick, yb, np.nan)
    # the rest: pdfplumber's search, from the second candidate on
    rest = np.nonzero(todo & ~quick)[0].tolist()
    if rest:
        xs_l, ys_l, down_l, right_l = xs.tolist(), ys.tolist(), down.tolist(), right.tolist()
        nd, nr, ex = nxt_down.tolist(), nxt_right.tolist(), exists.tolist()
    for k in rest:
        p = int(points[k])
        reach_down, reach_right = down_l[p], right_l[p]
        b = nd[p]
        found = None
        while b >= 0 and reach_down >= ys_l[b % ny] - tol:
            y1 = ys_l[b % ny]
            r = nr[p]
            while r >= 0 and xs_l[r // ny] <= reach_right + tol:
                x1 = xs_l[r // ny]
                q = (r // ny) * ny + b % ny
                if ex[q] and down_l[r] >= y1 - tol and x1 <= right_l[b] + tol:
                    found = (x1, y1)
                    break
                r = nr[r]
            if found:
                break
            b = nd[b]
        if found:
            cell_x1[k], cell_y1[k] = found
    hit = ~np.isnan(cell_x1)
    return list(zip(xs[pc[hit]].tolist(), ys[pr[hit]].tolist(), cell_x1[hit].tolist(), cell_y1[hit].tolist(),
                    strict=True))


def cells_to_tables(cells: list[Cell]) -> list[list[Cell]]:
    """pdfplumber's cells_to_tables: groups of cells joined by shared corners, in its order.

    pdfplumber sweeps the remaining cells again and again, adding every cell that touches the
    group's corners, and starts a new group with the first remaining cell when a sweep adds
    none; the same sweeps, with each sweep's leftovers kept in a new list instead of being
    removed one by one from the old."""
    remaining = list(cells)
    tables: list[list[Cell]] = []
    while remaining:
        group: list[Cell] = []
        corners: set[Point] = set()
        while remaining:
            rest: list[Cell] = []
            for cell in remaining:
                x0, top, x1, bottom = cell
                cc = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
                if not group or not corners.isdisjoint(cc):
                    corners.update(cc)
                    group.append(cell)
                else:
                    rest.append(cell)
            added = len(remaining) - len(rest)
            remaining = rest
            if not added:
                break
        tables.append(group)
    tables.sort(key=lambda t: min((cell[1], cell[0]) for cell in t))
    return [t for t in tables if len(t) > 1]


@dataclass
class Layout:
    """pdfplumber's Table.rows frame of one table: where every cell starts and how far it spans,
    bbox and column edges, and how `_fill` fills merged cells.  Depends on the cells only, so
    pages that share a ruling share it."""

    shape: tuple[int, int]
    r: np.ndarray  # the row and column where each cell starts
    k: np.ndarray
    nrows: np.ndarray  # and how many rows and columns it spans
    ncols: np.ndarray
    one_per_start: bool  # no two cells start at one point
    merged: dict  # the spans of the cells that span more than one row or column
    bbox: Cell
    cols: list[float]
    blank: np.ndarray  # flat positions where no cell starts ("" unless a merged cell covers them)
    dst: np.ndarray  # flat positions a merged cell covers ...
    src: np.ndarray  # ... and the flat position of that cell (the last of them over it)

    @property
    def spans(self) -> dict:
        """`_spans`: (row, column) of every cell's start -> (rows, columns) it spans."""
        return dict(zip(zip(self.r.tolist(), self.k.tolist(), strict=True),
                        zip(self.nrows.tolist(), self.ncols.tolist(), strict=True), strict=True))


def _table_layout(cells: list[Cell], box: np.ndarray | None = None) -> Layout:
    """The `Layout` of a table's cells (from one array of them).  Only the few merged cells are
    looked at one by one."""
    if box is None:
        box = np.array(cells, dtype=np.float64)
    col_x0, row_top = np.array(sorted(set(box[:, 0].tolist()))), np.array(sorted(set(box[:, 1].tolist())))
    k, r = np.searchsorted(col_x0, box[:, 0]), np.searchsorted(row_top, box[:, 1])
    ncols = np.maximum(np.searchsorted(col_x0, box[:, 2] - 0.5) - k, 1)  # distinct x0 in [x0, x1 - 0.5)
    nrows = np.maximum(np.searchsorted(row_top, box[:, 3] - 0.5) - r, 1)
    covered = np.ones((len(row_top), len(col_x0)), dtype=bool)
    covered[r, k] = False
    one_per_start = len(cells) == len(row_top) * len(col_x0) - int(np.count_nonzero(covered))
    if one_per_start:
        big = np.flatnonzero((nrows > 1) | (ncols > 1)).tolist()
        merged = dict(zip(zip(r[big].tolist(), k[big].tolist(), strict=True),
                          zip(nrows[big].tolist(), ncols[big].tolist(), strict=True), strict=True))
    else:  # a later cell starting at the same point replaces the span of an earlier one
        spans = dict(zip(zip(r.tolist(), k.tolist(), strict=True),
                         zip(nrows.tolist(), ncols.tolist(), strict=True), strict=True))
        merged = {at: span for at, span in spans.items() if span[0] > 1 or span[1] > 1}
    lo, hi = box.min(axis=0).tolist(), box.max(axis=0).tolist()
    return Layout(covered.shape, r, k, nrows, ncols, one_per_start, merged, (lo[0], lo[1], hi[2], hi[3]),
                  [*col_x0.tolist(), hi[2]], *_fill_plan(covered, merged))


def _grid(layout: Layout, texts: list[str]) -> np.ndarray:
    """pdfplumber's Table.rows with each cell's text: an object array, None where no cell starts."""
    grid = np.full(layout.shape, None, dtype=object)
    if layout.one_per_start:  # (as find_tables' cells always are)
        grid[layout.r, layout.k] = texts
    else:
        for text, ri, ki in zip(texts, layout.r.tolist(), layout.k.tolist(), strict=True):
            grid[ri, ki] = text  # the last of cells starting at one point wins, as in pdfplumber
    return grid


def _layout(cells: list[Cell], texts: list[str], box: np.ndarray | None = None
            ) -> tuple[np.ndarray, dict, Cell, list[float]]:
    """pdfplumber's Table.rows with each cell's text (an object array, None where no cell
    starts), `_spans`, the table's bbox and `column_edges`, from one array of the cells."""
    layout = _table_layout(cells, box)
    return _grid(layout, texts), layout.spans, layout.bbox, layout.cols


def _fill_plan(covered: np.ndarray, spans: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where `_fill` writes: the flat positions no cell starts at (`covered`), and for those a
    merged cell covers, the flat position of that cell (in span order, the last one wins).
    Plain Python: a merged cell covers a handful of positions."""
    rows, cols = covered.shape
    cover = covered.ravel().tolist()
    fill: dict[int, int] = {}
    for (r, k), (rs, ks) in spans.items():
        if (rs <= 1 and ks <= 1) or r >= rows or k >= cols or cover[r * cols + k]:
            continue
        src = r * cols + k
        for row in range(r, min(r + rs, rows)):  # (r, k) itself is not covered
            at = row * cols
            fill.update((p, src) for p in range(at + k, at + min(k + ks, cols)) if cover[p])
    return (np.flatnonzero(covered), np.fromiter(fill.keys(), dtype=np.int64, count=len(fill)),
            np.fromiter(fill.values(), dtype=np.int64, count=len(fill)))


def _filled(grid: np.ndarray, blank: np.ndarray, dst: np.ndarray, src: np.ndarray) -> Table:
    """The rows of `grid` (C-contiguous, changed in place) filled by a `_fill_plan`."""
    flat = grid.reshape(-1)  # a view
    flat[blank] = ""
    flat[dst] = flat[src]  # no position twice in dst, none of src in it
    return grid.tolist()


def _fill(grid: np.ndarray, spans: dict) -> Table:
    """tables.fill_grid on a rectangular object array: "" where no cell starts, then every merged
    cell's text in the positions it covers (in span order, later ones over earlier ones)."""
    return _filled(grid.copy(), *_fill_plan(np.equal(grid, None), spans))


_get_unicode = _unchecked(c.FPDFText_GetUnicode, ctypes.c_uint)
_get_loose_box = _unchecked(c.FPDFText_GetLooseCharBox)


@dataclass
class Glyphs:
    """The characters of a text page in display space, in content order (arrays for vector work)."""

    codes: np.ndarray  # code point of each glyph (uint32)
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    space: np.ndarray  # bool: chr(code).isspace()
    surrogates: bool = False  # some glyph is half of a UTF-16 surrogate pair
    separator: bool = False  # some glyph is _SEP

    @classmethod
    def of(cls, text, x0, x1, top, bottom) -> Glyphs:
        """From characters (a string or a list of one-character strings) and their boxes."""
        codes = np.frombuffer("".join(text).encode("utf-32-le", "surrogatepass"), dtype="<u4")
        return cls.from_codes(codes, *(np.asarray(v, dtype=np.float64) for v in (x0, x1, top, bottom)))

    @classmethod
    def from_codes(cls, codes: np.ndarray, x0, x1, top, bottom) -> Glyphs:
        space = _IS_SPACE[np.minimum(codes, len(_IS_SPACE) - 1)]
        return cls(codes, x0, x1, top, bottom, space, bool(((codes >= 0xD800) & (codes <= 0xDFFF)).any()),
                   bool((codes == ord(_SEP)).any()))

    def __len__(self) -> int:
        return len(self.codes)

    @classmethod
    def concat(cls, parts: list[Glyphs]) -> Glyphs:
        """The glyphs of several pages one after the other."""
        if len(parts) == 1:
            return parts[0]
        return cls(*(np.concatenate([getattr(g, k) for g in parts]) for k in ("codes", "x0", "x1", "top", "bottom",
                                                                              "space")),
                   any(g.surrogates for g in parts), any(g.separator for g in parts))


# str.isspace by code point: every whitespace character is below U+3001 (U+3000 is the last)
_IS_SPACE = np.array([chr(i).isspace() for i in range(0x3002)], dtype=bool)
_is_generated = _unchecked(c.FPDFText_IsGenerated)


_get_text = _unchecked(c.FPDFText_GetText)
_get_bounded_text = _unchecked(c.FPDFText_GetBoundedText, _I, [_P, ctypes.c_double, ctypes.c_double, ctypes.c_double,
                                                                 ctypes.c_double, _P, _I])
_count_chars = _unchecked(c.FPDFText_CountChars)  # of textpage.raw


class _Units:
    """One reusable UTF-16 buffer for PDFium's text calls: a new ctypes array per call costs about
    20 µs (a new array type), as much as the call.  Callers hold PDFIUM_LOCK."""

    def __init__(self) -> None:
        self.n = 0
        self.buf = (ctypes.c_ushort * 0)()

    def get(self, n: int):
        """The buffer, with room for n units (contents undefined)."""
        if n > self.n:
            self.n = max(n, 2 * self.n, 4096)
            self.buf = (ctypes.c_ushort * self.n)()
        return self.buf


_UNITS = _Units()


def page_text(textpage, bbox: tuple[float, float, float, float]) -> str:
    """`textpage.get_text_bounded()` for the page's bbox (`page.get_bbox()`), with one
    FPDFText_GetBoundedText call where pypdfium2 makes two (the first only for the length; each
    call builds the whole text again, about 40 µs a page).

    pypdfium2 reads as many UTF-16 units as the text has code points, so its result equals the
    whole text unless that holds surrogates; then, and if the text could be longer than the
    buffer, pypdfium2's own method is used."""
    left, bottom, right, top = bbox
    raw = textpage.raw
    with PDFIUM_LOCK:  # the buffer is shared
        cap = 4 * max(_count_chars(raw), 0) + 16  # chars, plus the line breaks PDFium puts between them
        buf = _UNITS.get(cap)
        got = _get_bounded_text(raw, left, top, right, bottom, buf, cap)
        if got == 0:
            return ""
        if 0 < got < cap and buf[got - 1] == 0:  # the copy ends with the string's terminating NUL
            units = np.frombuffer(buf, dtype="<u2", count=got - 1)
            if not ((units >= 0xD800) & (units <= 0xDFFF)).any():
                return units.tobytes().decode("utf-16-le", "ignore")
    return textpage.get_text_bounded()


def _char_codes(raw, n: int) -> np.ndarray:
    """FPDFText_GetUnicode of chars 0..n-1, in one FPDFText_GetText call where that is the same.

    PDFium's page text holds, in char order, one UTF-16 unit per char, its unicode, except that
    it leaves out non-printing chars, writes a char outside the BMP as two surrogates and writes
    U+FFFE for a hyphen at a line end and for a char without unicode (whose GetUnicode is 2 or 0).
    So a text of exactly n units without surrogates is the chars' unicode values, except where it
    says U+FFFE: those chars are asked for their unicode.  A sample of chars is checked against
    GetUnicode all the same, and anything else is read char by char."""
    with PDFIUM_LOCK:  # the buffer is shared
        buf = _UNITS.get(n + 1)
        whole = _get_text(raw, 0, n, buf) == n + 1
        codes = np.frombuffer(buf, dtype="<u2", count=n).astype(np.int64)  # a copy
    if whole:
        if not ((codes >= 0xD800) & (codes <= 0xDFFF)).any():
            marked = np.nonzero(codes == 0xFFFE)[0].tolist()
            if marked:
                codes[marked] = [_get_unicode(raw, i) for i in marked]
            sample = sorted({0, n - 1, *range(0, n, max(1, n // 16))})
            if all(_get_unicode(raw, i) == codes[i] for i in sample):
                return codes
    return np.fromiter(map(_get_unicode, repeat(raw, n), range(n)), dtype=np.int64, count=n)


def page_glyphs(textpage, space: PageSpace) -> Glyphs:
    """All non-generated characters with their loose (font) boxes, like pdfminer's chars."""
    raw = textpage.raw
    n = c.FPDFText_CountChars(raw)
    if n <= 0:
        return Glyphs.of("", [], [], [], [])
    codes = _char_codes(raw, n)
    keep = (codes != 10) & (codes != 13)
    spaces = np.nonzero(codes == 32)[0]
    if len(spaces):  # drop the spaces PDFium inserted itself (as its line breaks)
        generated = np.fromiter(map(_is_generated, repeat(raw, len(spaces)), spaces.tolist()), dtype=np.int64,
                                count=len(spaces))
        keep[spaces[generated == 1]] = False
    index = np.nonzero(keep)[0]
    with PDFIUM_LOCK:  # the box buffer is shared
        _, ptrs = _BOXES.get(len(index))
        ok = np.fromiter(map(_get_loose_box, repeat(raw, len(index)), index.tolist(), ptrs), dtype=np.int64,
                         count=len(index)) != 0  # only for the characters kept so far
        boxes = _BOXES.floats(len(index))[ok]
    index = index[ok]
    left, top, right, bottom = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]  # FS_RECTF order
    broken = np.nonzero((np.abs(right - left) > MAX_GLYPH) | (np.abs(top - bottom) > MAX_GLYPH))[0]
    if len(broken):
        # broken font metrics (seen in WPS exports): fall back to the tight glyph box
        dl, dr, db, dt = (ctypes.c_double() for _ in range(4))
        for k in broken.tolist():
            if c.FPDFText_GetCharBox(raw, int(index[k]), *(ctypes.byref(v) for v in (dl, dr, db, dt))):
                left[k], top[k], right[k], bottom[k] = dl.value, dt.value, dr.value, db.value
    ax, at = space.to_display(left, top)
    bx, bt = space.to_display(right, bottom)
    codes = codes[index]
    codes[codes == 2] = ord("-")  # PDFium's mark of a hyphen at a line end
    if len(codes) and int(codes.max()) > 0x10FFFF:
        "".join(map(chr, codes.tolist()))  # raises ValueError as chr() does
    # min/max as Python's builtins do them (the first unless the second is strictly smaller/larger)
    return Glyphs.from_codes(codes.astype("<u4"), np.where(bx < ax, bx, ax), np.where(bx > ax, bx, ax),
                             np.where(bt < at, bt, at), np.where(bt > at, bt, at))


def _overflow_x(g: Glyphs, rules: list[float]) -> np.ndarray:
    """x of the point that places each glyph in a cell: its middle, except for a glyph that straddles
    a column rule right after the glyph before it on the line (a label squeezed into too narrow a
    cell runs over the rule: '一般性支出情况' in a cell ending inside '况').  That glyph belongs to
    the text it continues, so it is placed just left of the rule.  Glyphs are in content order,
    where the glyph before is the previous one of the same text line."""
    x = (g.x0 + g.x1) / 2
    if len(g) < 2 or not rules:
        return x
    r = np.asarray(rules, dtype=np.float64)
    k = np.searchsorted(r, g.x0 + 0.3, side="right")
    b = r[np.minimum(k, len(r) - 1)]
    x0, x1, top, bottom = g.x0[1:], g.x1[1:], g.top[1:], g.bottom[1:]
    px0, px1, ptop, pbottom = g.x0[:-1], g.x1[:-1], g.top[:-1], g.bottom[:-1]
    bb = b[1:]
    gap = x0 - px1 + 0.5
    hit = ((k[1:] < len(r)) & (bb < x1 - 0.3) & ~g.space[1:]
           & (np.abs(ptop - top) < 1.0) & (np.abs(pbottom - bottom) < 1.0) & (px1 <= bb + 0.5)
           & (gap >= 0) & (gap < 2.0) & ((px0 + px1) / 2 < bb))
    idx = np.nonzero(hit)[0] + 1
    x[idx] = b[idx] - 0.01
    return x


@dataclass
class CellSlots:
    """Where the glyphs of a page go in one table, before any glyph is seen: the grid of the cells'
    coordinates and the cell(s) of every grid slot (see `_placements`).  Depends on the cells only,
    so pages that share a ruling share it."""

    xs: np.ndarray  # the distinct x of the cells' sides, ascending
    ys: np.ndarray
    rules: list[float]  # xs as floats (the column rules `_overflow_x` looks at)
    canon: list[int] | None  # index of every cell's first listing, None when no cell is listed twice
    cell_of: np.ndarray | None  # the cell of every slot (-1: none), when no two cells share a slot
    ids: np.ndarray  # else: the cells of all slots, slot by slot ...
    start: np.ndarray  # ... those of slot s from start[s]
    counts: np.ndarray  # ... count[s] of them


def _cell_slots(cells: list[Cell], box: np.ndarray, unique: bool = False) -> CellSlots | None:
    """The slots of `_placements` for these cells; None when there are no cells."""
    empty = np.zeros(0, dtype=np.int64)
    ordered = box if unique else box[np.lexsort(box.T[::-1])]
    if not unique and len(box) > 1 and (ordered[1:] == ordered[:-1]).all(axis=1).any():
        first_index: dict[Cell, int] = {}
        canon_list = [first_index.setdefault(cell, i) for i, cell in enumerate(cells)]
    else:
        canon_list = None  # every cell is its own first listing
    if not cells:
        return None
    canon = np.arange(len(cells)) if canon_list is None else np.array(canon_list, dtype=np.int64)
    xs_list = sorted(set(box[:, 0::2].ravel().tolist()))
    xs, ys = np.array(xs_list), np.array(sorted(set(box[:, 1::2].ravel().tolist())))
    c0, c1 = np.searchsorted(xs, box[:, 0]), np.searchsorted(xs, box[:, 2])
    r0, r1 = np.searchsorted(ys, box[:, 1]), np.searchsorted(ys, box[:, 3])
    nc, nr = len(xs) - 1, len(ys) - 1
    # every (slot, cell) pair: the slots of a cell are its grid rows x columns
    width = np.maximum(c1 - c0, 0)
    size = width * np.maximum(r1 - r0, 0)
    owner = np.repeat(np.arange(len(cells)), size)
    slots = CellSlots(xs, ys, xs_list, canon_list, None, empty, empty, np.zeros(max(nc * nr, 0), dtype=np.int64))
    if not len(owner):
        return slots
    local = np.arange(len(owner)) - np.repeat(np.cumsum(size) - size, size)
    slot_of = (r0[owner] + local // width[owner]) * nc + c0[owner] + local % width[owner]
    slots.counts = np.bincount(slot_of, minlength=nc * nr)
    if slots.counts.max() <= 1:  # no two cells share a slot: one cell per glyph at most
        slots.cell_of = np.full(nc * nr, -1, dtype=np.int64)
        slots.cell_of[slot_of] = canon[owner]
    else:
        slots.ids = canon[owner[np.argsort(slot_of, kind="stable")]]
        slots.start = np.concatenate(([0], np.cumsum(slots.counts)))
    return slots


def _placements(g: Glyphs, cells: list[Cell], box: np.ndarray, unique: bool = False,
                slots: CellSlots | None = None) -> tuple[np.ndarray, np.ndarray, list[int] | None]:
    """(cell index, glyph index) of every glyph in every cell that holds its (overflow-adjusted)
    midpoint, half-open as pdfplumber; in glyph (content) order.  pdfplumber's cells may overlap
    (a large cell around smaller ones); a glyph then belongs to each of them.  Also the index of
    every cell's first listing (a cell listed twice collects its glyphs twice, as in pdfplumber),
    None when no cell is listed twice.  `slots`: `_cell_slots` of the cells, if known."""
    empty = np.zeros(0, dtype=np.int64)
    if slots is None:
        slots = _cell_slots(cells, box, unique)
    if slots is None:
        return empty, empty, None
    if not len(g) or not slots.counts.any():
        return empty, empty, slots.canon
    xs, ys = slots.xs, slots.ys
    nc, nr = len(xs) - 1, len(ys) - 1
    ci = np.searchsorted(xs, _overflow_x(g, slots.rules), side="right") - 1
    ri = np.searchsorted(ys, (g.top + g.bottom) / 2, side="right") - 1
    inside = np.nonzero((ci >= 0) & (ri >= 0) & (ci < nc) & (ri < nr))[0]
    slot = ri[inside] * nc + ci[inside]
    if slots.cell_of is not None:  # one cell per glyph at most
        cell = slots.cell_of[slot]
        hit = cell >= 0
        return cell[hit], inside[hit], slots.canon
    many = slots.counts[slot]
    glyph = np.repeat(inside, many)
    offset = np.arange(len(glyph)) - np.repeat(np.cumsum(many) - many, many)
    return slots.ids[np.repeat(slots.start[slot], many) + offset], glyph, slots.canon


def _line_starts(cell: np.ndarray, t: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Where a new text line starts in glyphs ordered by cell, then middle height (tops t, bottoms
    b): a glyph starts a line unless it overlaps the line so far (its top-bottom span) by half
    the smaller height.

    Exactly the sequential rule, but only evaluated where it can fail: a glyph that overlaps the
    glyph before it by half its own height overlaps the line (which contains that glyph) at
    least as much, against a threshold at most as high, so it always joins."""
    m = len(cell)
    starts = np.ones(m, dtype=bool)
    if m < 2:
        return starts
    overlap = np.minimum(b[:-1], b[1:]) - np.maximum(t[:-1], t[1:])
    same_cell = cell[1:] == cell[:-1]
    starts[1:] = ~(same_cell & (overlap >= 0.5 * np.maximum(0.1, b[1:] - t[1:])))
    check = np.nonzero(starts[1:] & same_cell)[0] + 1  # may still join the line
    if not len(check):
        return starts
    # if every candidate before it starts a line, a candidate's line runs from the start before it:
    # decide all at once on that assumption, which holds up to the first candidate that joins
    at = np.nonzero(starts)[0]
    low, high = np.minimum.reduceat(t, at), np.maximum.reduceat(b, at)
    k = np.searchsorted(at, check)  # check = at[k]; its line so far is segment k - 1
    lt, lb, tp, bp = low[k - 1], high[k - 1], t[check], b[check]
    joins = np.minimum(lb, bp) - np.maximum(lt, tp) >= 0.5 * np.maximum(0.1, np.minimum(bp - tp, lb - lt))
    if not joins.any():
        return starts
    first_join = int(np.argmax(joins))
    starts[check[first_join]] = False
    check = check[first_join + 1:]  # the rest one by one
    forced = starts.copy()
    forced[check] = False
    first = np.nonzero(forced)[0]  # certain starts (a cell's first glyph, ...); position 0 is one
    top, bottom = t.tolist(), b.tolist()
    line_of = first[np.searchsorted(first, check, side="left") - 1].tolist()
    line = -1  # the start of p's line: the last certain start before p, or a later decided one
    for p, forced_start in zip(check.tolist(), line_of, strict=True):
        line = max(line, forced_start)
        lt, lb = min(top[line:p]), max(bottom[line:p])
        tp, bp = top[p], bottom[p]
        if min(lb, bp) - max(lt, tp) >= 0.5 * max(0.1, min(bp - tp, lb - lt)):
            starts[p] = False
        else:
            line = p
    return starts


_SEP = "\ufdd0"  # a noncharacter between cell texts while they are cleaned as one string
_BATCH_CLEAN = clean_extracted_text("a" + _SEP + "\r" + _SEP + "\n(cid:1" + _SEP + "2)") == "a" + _SEP + "\n" + _SEP + "\n(cid:1" + _SEP + "2)"


def _order_within(group: np.ndarray, key: np.ndarray) -> np.ndarray | None:
    """For `group` in ascending order, the order of a stable sort by (group, key), or None where
    that changes nothing.  Only the groups whose keys are out of order are sorted: a line's or a
    cell's glyphs mostly come in order already."""
    if np.isnan(key).any():  # NaN compares false: let lexsort put it where it does
        return np.lexsort((key, group))
    bad = (group[1:] == group[:-1]) & (key[1:] < key[:-1])
    if not bad.any():
        return None
    pick = np.flatnonzero(np.isin(group, group[1:][bad]))  # all glyphs of those groups, in order
    order = np.arange(len(group))
    order[pick] = pick[np.lexsort((key[pick], group[pick]))]
    return order


def _cells_text(g: Glyphs, cells: list[Cell], tol: float = 3.0, box: np.ndarray | None = None,
                unique: bool = False, slots: CellSlots | None = None) -> list[str]:
    """Text of every cell of one table the way pdfplumber's extract_text builds it from the glyphs
    placed in the cell: glyphs grouped into lines top-down (vertical overlap), each line left to
    right, a space where glyphs are more than `tol` apart or a space glyph lies between them.
    One text per cell of `cells`, "" for a cell without glyphs.  `slots`: `_cell_slots` of the
    cells, if known."""
    if box is None:
        box = np.array(cells, dtype=np.float64).reshape(-1, 4)
    cell, glyph, canon = _placements(g, cells, box, unique, slots)
    result = _texts(g, cell, glyph, len(cells), tol)
    if canon is not None:
        result = result[canon]  # a cell listed twice has the text of its first listing
    return result.tolist()


def _tables_text(jobs: list[tuple[Glyphs, Frame]], tol: float = 3.0) -> list[list[str]]:
    """`_cells_text` of the cells of many tables (of many pages) at once: each table's glyphs are
    placed on its own, then all tables' texts are built in one go (the same operations on longer
    arrays: numpy's cost per call outweighs its cost per glyph on one table's few hundred)."""
    pages: dict[int, int] = {}  # id(glyphs) -> offset of its glyphs among all pages' glyphs
    distinct: list[Glyphs] = []
    cells, glyphs, sizes = [], [], []
    n_cells = 0
    for g, frame in jobs:
        if id(g) not in pages:
            pages[id(g)] = sum(map(len, distinct))
            distinct.append(g)
        cell, glyph, _ = _placements(g, frame.cells, frame.box, True, frame.slots)  # no cell twice
        cells.append(cell + n_cells)
        glyphs.append(glyph + pages[id(g)])
        sizes.append(len(frame.cells))
        n_cells += len(frame.cells)
    if not jobs:
        return []
    result = _texts(Glyphs.concat(distinct), np.concatenate(cells), np.concatenate(glyphs), n_cells, tol).tolist()
    bounds = np.cumsum([0, *sizes]).tolist()
    return [result[a:z] for a, z in zip(bounds, bounds[1:], strict=False)]


def _texts(g: Glyphs, cell: np.ndarray, glyph: np.ndarray, n_cells: int, tol: float) -> np.ndarray:
    """The text of each of `n_cells` cells (an object array) from the (cell, glyph) placements in
    glyph order (see `_cells_text`); lines never run from one cell into another, so cells of
    several tables are one call."""
    if not len(cell):
        return np.full(n_cells, "", dtype=object)
    # by cell, middle, content order
    by_cell = np.argsort(cell.astype(np.int16) if n_cells <= 0x7FFF else cell, kind="stable")  # radix sort
    cell, glyph = cell[by_cell], glyph[by_cell]
    order = _order_within(cell, (g.top[glyph] + g.bottom[glyph]) / 2)
    if order is not None:
        cell, glyph = cell[order], glyph[order]
    line = np.cumsum(_line_starts(cell, g.top[glyph], g.bottom[glyph]))
    x0 = g.x0[glyph]
    order = _order_within(line, x0)  # by line (cell, top-down), then x0
    if order is not None:
        cell, glyph, line, x0 = cell[order], glyph[order], line[order], x0[order]
    m = len(glyph)
    solid = ~g.space[glyph]
    last_solid = np.maximum.accumulate(np.where(solid, np.arange(m), -1))
    prev = np.empty(m, dtype=np.int64)  # the solid glyph before, -1 if none
    prev[0] = -1
    prev[1:] = last_solid[:-1]
    has_prev = prev >= 0
    q = np.where(has_prev, prev, 0)
    same_line = has_prev & (line[q] == line)
    # a space where a space glyph lies between this glyph and the solid one before it on the line,
    # or they are more than tol apart; a line break before the first text of a further line
    sep = np.where(same_line & ((np.arange(m) - prev > 1) | (x0 - g.x1[glyph[q]] > tol)), 32, 0)
    sep[solid & ~same_line & has_prev & (cell[q] == cell)] = 10
    emit = np.nonzero(solid)[0]
    out = np.zeros((len(emit), 2), dtype="<u4")  # (separator or 0, character) per glyph with text
    out[:, 0] = sep[emit]
    out[:, 1] = g.codes[glyph[emit]]
    owner = cell[emit]
    texts_of = owner[np.concatenate(([True], owner[1:] != owner[:-1]))] if len(owner) else owner  # grouped
    batch = _BATCH_CLEAN and not g.separator
    if batch:
        out[1:, 0][owner[1:] != owner[:-1]] = ord(_SEP)  # the first glyph of a cell has no separator
    flat = out.ravel()
    text = flat[flat != 0].tobytes().decode("utf-32-le", "surrogatepass")
    if not len(emit):
        texts = []
    elif batch:
        if g.surrogates:
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        texts = clean_extracted_text(text).split(_SEP)
    else:
        width = (out != 0).sum(axis=1)
        stops = np.cumsum(width)[np.searchsorted(owner, texts_of, side="right") - 1].tolist()
        texts = [text[a:z] for a, z in zip([0, *stops[:-1]], stops, strict=True)]
        if g.surrogates:
            texts = [t.encode("utf-16", "surrogatepass").decode("utf-16", "replace") for t in texts]
        texts = [clean_extracted_text(t) for t in texts]
    result = np.full(n_cells, "", dtype=object)
    result[texts_of] = texts
    return result


def hole_cells(cells: list[tuple[float, float, float, float]], edges: list[dict], tol: float = 3.0
               ) -> list[tuple[float, float, float, float]]:
    """`merged_holes` for pdfplumber edge dicts."""
    vert = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges if e["orientation"] == "v"]
    horiz = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges if e["orientation"] == "h"]
    return merged_holes(cells, vert, horiz, tol)


def merged_holes(cells: list[Cell], vert_edges, horiz_edges, tol: float = 3.0, box: np.ndarray | None = None
                 ) -> list[Cell]:
    """The merged cells pdfplumber missed in one table: rectangles no cell covers, bounded by rules.

    pdfplumber makes a cell only from four ruled corners, so a label merged over rows whose
    closing rule is elsewhere (the merged cell runs over the page break, its rules stop short)
    leaves a hole, and its text is lost although the page prints it.  On the grid of the cells'
    coordinates plus the rules that cross the holes, holes joined by a side without a rule form
    one cell (a rectangle; otherwise one cell per column run)."""
    if not cells:
        return []
    if box is None:
        box = np.asarray(cells, dtype=np.float64).reshape(-1, 4)

    def grid(xs: list[float], ys: list[float]) -> set[tuple[int, int]]:
        """Grid slots no cell covers: slot k of a cell's columns has x0 - tol <= xs[k] and
        xs[k + 1] <= x1 + tol (a range of k, found by binary search; rows likewise)."""
        ax, ay = np.asarray(xs), np.asarray(ys)
        c0 = np.searchsorted(ax, box[:, 0] - tol, side="left")
        c1 = np.searchsorted(ax, box[:, 2] + tol, side="right") - 1
        r0 = np.searchsorted(ay, box[:, 1] - tol, side="left")
        r1 = np.searchsorted(ay, box[:, 3] + tol, side="right") - 1
        ok = (c0 < c1) & (r0 < r1)
        c0, c1, r0, r1 = c0[ok], c1[ok], r0[ok], r1[ok]
        w = len(xs) + 1  # coverage from a 2-D difference array
        corners = np.concatenate((r0 * w + c0, r0 * w + c1, r1 * w + c0, r1 * w + c1))
        signs = np.repeat([1.0, -1.0, -1.0, 1.0], len(c0))
        cover = np.bincount(corners, signs, minlength=(len(ys) + 1) * w).reshape(len(ys) + 1, w)
        empty = cover.cumsum(axis=0).cumsum(axis=1)[: len(ys) - 1, : len(xs) - 1] == 0
        return set(zip(*(v.tolist() for v in np.nonzero(empty)), strict=True)) if empty.any() else set()

    def snap(values: list[float]) -> list[float]:
        out: list[float] = []
        for v in sorted(set(values)):  # an equal value never starts a new one
            if not out or v - out[-1] > tol:
                out.append(v)
        return out

    xs = snap(box[:, 0::2].ravel().tolist())
    ys = snap(box[:, 1::2].ravel().tolist())
    holes = grid(xs, ys)
    if not holes:
        return []
    left, right = min(c[0] for c in cells), max(c[2] for c in cells)
    top, bottom = min(c[1] for c in cells), max(c[3] for c in cells)
    if isinstance(vert_edges, np.ndarray):
        vert_edges, horiz_edges = vert_edges.tolist(), horiz_edges.tolist()
    vert = [e for e in vert_edges if left - tol <= e[0] <= right + tol and e[3] > top and e[1] < bottom]
    horiz = [e for e in horiz_edges if top - tol <= e[1] <= bottom + tol and e[2] > left and e[0] < right]
    # rules that cross a hole split it into the cells the page draws
    more_x = [e[0] for e in vert for r, c in holes
              if xs[c] + tol < e[0] < xs[c + 1] - tol and e[1] <= ys[r] + tol and e[3] >= ys[r + 1] - tol]
    more_y = [e[1] for e in horiz for r, c in holes
              if ys[r] + tol < e[1] < ys[r + 1] - tol and e[0] <= xs[c] + tol and e[2] >= xs[c + 1] - tol]
    if more_x or more_y:
        xs, ys = snap(xs + more_x), snap(ys + more_y)
        holes = grid(xs, ys)

    def ruled_v(x: float, t: float, b: float) -> bool:
        return any(abs(e[0] - x) <= tol and e[1] <= t + tol and e[3] >= b - tol for e in vert)

    def ruled_h(y: float, x0: float, x1: float) -> bool:
        return any(abs(e[1] - y) <= tol and e[0] <= x0 + tol and e[2] >= x1 - tol for e in horiz)

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


@dataclass(frozen=True)
class Frame:
    """One table of a ruling, everything that does not depend on the page's text: its cells
    (merged holes included), their array (read-only), where glyphs go, the layout and anchors.
    No cell is listed twice: ruled cells have distinct top-left corners, and a hole is a rectangle
    no cell covers (a cell covers its own grid slots), distinct from other holes."""

    cells: list[Cell]
    box: np.ndarray
    slots: CellSlots | None
    layout: Layout
    anchors: list[list[int]]  # tables.Anchors (copied for each page: callers extend them)

    @classmethod
    def of(cls, cells: list[Cell], box: np.ndarray) -> Frame:
        box.flags.writeable = False
        layout = _table_layout(cells, box)
        return cls(cells, box, _cell_slots(cells, box, unique=True), layout,
                   anchors_from_spans(layout.merged, [layout.shape[1]] * layout.shape[0]))


@dataclass(frozen=True)
class Ruling:
    """What a page's edges make of it before any text is read: the merged edges and a `Frame` per
    table (shared between pages: nothing in it is changed after it is made)."""

    vert: Edges
    horiz: Edges
    tables: tuple[Frame, ...]


def _ruling(vert: Edges, horiz: Edges) -> Ruling:
    """Tables of cells from a page's raw edges (merge, cells, tables, holes): a pure function of
    the edges, so pages with the same raw edges (bit for bit) share one result."""
    key = (vert.shape, vert.tobytes(), horiz.shape, horiz.tobytes())
    return _cached_ruling(key) if len(vert) + len(horiz) else _rule(vert, horiz)


def _cached_ruling(key: tuple) -> Ruling:
    """`_rule` of the edges in `key`, cached: the pages of a table that runs over many pages
    usually repeat their rulings exactly (397 of the 942 ruled pages of bench_extract's files
    repeat an earlier page's edges, 378 the page just before)."""
    with _RULING_LOCK:
        hit = _RULINGS.get(key)
    if hit is None:
        (nv, _), raw_v, (nh, _), raw_h = key
        hit = _rule(np.frombuffer(raw_v).reshape(nv, 6), np.frombuffer(raw_h).reshape(nh, 6))
        with _RULING_LOCK:
            _RULINGS[key] = hit
            while len(_RULINGS) > _RULINGS_KEPT:
                _RULINGS.pop(next(iter(_RULINGS)))  # the oldest
    return hit


_RULINGS: dict[tuple, Ruling] = {}
_RULINGS_KEPT = 8
_RULING_LOCK = threading.Lock()


def _rule(vert: Edges, horiz: Edges) -> Ruling:
    """pdfplumber's merge, cells and tables, then the merged cells it misses (`merged_holes`)."""
    vert, horiz = merge_edges(vert, horiz)
    tables = []
    for group in cells_to_tables(ruled_cells(vert, horiz)):
        box = np.array(group, dtype=np.float64)
        holes = merged_holes(group, vert, horiz, box=box)
        if holes:
            group = group + holes
            box = np.array(group, dtype=np.float64)
        tables.append(Frame.of(group, box))
    return Ruling(vert, horiz, tuple(tables))


@dataclass
class PageTables:
    """A page's tables before their texts: what needs the open page (its ruling and glyphs), so
    that the texts of many pages' tables are built at once (`finish_tables`)."""

    frames: tuple[Frame, ...]
    glyphs: Glyphs | None  # None when there is no table


def prepare_tables(page, textpage, objects: PageObjects | None = None) -> PageTables:
    """The PDFium part of `find_tables`: the page's ruling and (if it has tables) its glyphs."""
    space = PageSpace.of(page)
    frames = _ruling(*page_edges(page, space, objects)).tables
    return PageTables(frames, page_glyphs(textpage, space) if frames else None)


def finish_tables(pages: list[PageTables]) -> list[list[FoundTable]]:
    """The tables of each page, their cell texts built for all pages at once (`_tables_text`)."""
    texts = iter(_tables_text([(p.glyphs, frame) for p in pages for frame in p.frames]))
    out = []
    for p in pages:
        found = []
        for frame in p.frames:
            rows = _grid(frame.layout, next(texts))
            if rows.shape[0] < 2 and rows.shape[1] < 2:
                continue
            grid = _filled(rows, frame.layout.blank, frame.layout.dst, frame.layout.src)
            if any(any(x.strip() for x in r) for r in grid):
                bbox = frame.layout.bbox
                above = int(np.count_nonzero((p.glyphs.bottom <= bbox[1] + 1) & ~p.glyphs.space))
                found.append(FoundTable(grid, bbox, list(frame.layout.cols), above, [list(r) for r in frame.anchors]))
        found.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
        out.append(found)
    return out


def find_tables(page, textpage, objects: PageObjects | None = None) -> list[FoundTable]:
    """Ruled tables of one page: pdfplumber's lines-strategy algorithm on PDFium edges.

    `objects`: the page's `scan_objects`, when the caller has it already."""
    return finish_tables([prepare_tables(page, textpage, objects)])[0]
