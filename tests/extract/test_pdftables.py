"""pdftables' own table algorithm against pdfplumber's, on random ruled grids.

The reader reimplements pdfplumber's merge_edges / edges_to_intersections /
intersections_to_cells / cells_to_tables / Table.rows on plain tuples (pdfplumber's are
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


def _as_dicts(edges: list[tuple[tuple, str]]) -> list[dict]:
    return [{"object_type": "line", "orientation": o, "x0": x0, "x1": x1, "top": t, "bottom": b, "doctop": t,
             "y0": 1000 - b, "y1": 1000 - t, "width": w, "height": h} for (x0, t, x1, b, w, h), o in edges]


def test_table_algorithm_equals_pdfplumber_on_random_grids() -> None:
    n_cells = n_multi = 0
    for seed in range(400):
        edges = _random_edges(random.Random(seed))
        ref = pu.filter_edges(_as_dicts(edges), min_length=T.EDGE_MIN_PREFILTER)
        vert, horiz = T.merge_edges([e for e, o in edges if o == "v"], [e for e, o in edges if o == "h"])
        if len(ref) < 4:
            assert (vert, horiz) == ([], [])
            continue
        ref = pu.filter_edges(pt.merge_edges(ref, T.SNAP, T.SNAP, T.JOIN, T.JOIN), min_length=T.EDGE_MIN)
        for o, ours in (("v", vert), ("h", horiz)):
            assert ours == [(e["x0"], e["top"], e["x1"], e["bottom"], e["width"], e["height"])
                            for e in ref if e["orientation"] == o], seed
        cells = pt.intersections_to_cells(pt.edges_to_intersections(ref, T.INTERSECTION, T.INTERSECTION))
        assert T.intersections_to_cells(T.intersections(vert, horiz)) == cells, seed
        tables = pt.cells_to_tables(cells)
        assert T.cells_to_tables(cells) == tables, seed
        for t in tables:
            tb = pt.Table(None, t)
            assert T.table_rows(t) == [r.cells for r in tb.rows] and T.table_bbox(t) == tb.bbox
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
        assert ours == ref, seed
        n_texts += sum(1 for v in ref.values() if "\n" in v)
    assert n_texts > 100  # multi-line cells were exercised
