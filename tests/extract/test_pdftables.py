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
