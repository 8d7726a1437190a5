"""Table helpers shared by the PDF, DOCX, HTML and sheet readers.

Convention for every format: a merged cell's text is repeated in every grid position it
covers (model.Table allows "repeated or empty"; repeating lets a reader find the header
of any column), while the page *text* shows each merged cell once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Table

Spans = dict[tuple[int, int], tuple[int, int]]


def fill_grid(rows: Sequence[Sequence[str | None]], spans: Spans) -> Table:
    """Grid with merged-covered positions (None) filled from the anchor that spans them."""
    grid: list[list[str]] = [[c if c is not None else "" for c in r] for r in rows]
    covered = [[c is None for c in r] for r in rows]
    for (r, c), (rs, cs) in spans.items():
        if (rs <= 1 and cs <= 1) or r >= len(rows) or c >= len(rows[r]) or rows[r][c] is None:
            continue  # a 1x1 cell covers no other position
        text = grid[r][c]
        for rr in range(r, min(r + rs, len(rows))):
            for cc in range(c, min(c + cs, len(rows[rr]))):
                if (rr, cc) != (r, c) and covered[rr][cc]:
                    grid[rr][cc] = text
    return grid


Anchors = list[list[int]]
"""Per table row, the grid column where each physical cell crossing that row starts.

Kept in `ExtractedDocument.meta["table_anchors"]` (one list of tables per page, parallel to
`Page.tables`): the filled grid repeats merged text, so without it a reader cannot tell two
cells with equal text from one merged cell, nor count the empty cells of an irregular form."""


def anchors_from_spans(spans: Spans, widths: Sequence[int]) -> Anchors:
    """Anchor columns of every row (of the given widths): every column that no cell starting
    further left in that row covers (empty holes of the grid are anchors too)."""
    inside: list[set[int]] = [set() for _ in widths]
    for (r, c), (rs, cs) in spans.items():
        if cs <= 1:
            continue  # covers no column right of its own
        for rr in range(r, min(r + max(rs, 1), len(widths))):
            inside[rr].update(range(c + 1, c + cs))
    return [[c for c in range(w) if c not in inside[r]] if inside[r] else list(range(w)) for r, w in enumerate(widths)]


def grid_from_cells(cells: list[list[tuple[str, int, int]]], starts: Anchors | None = None
                    ) -> tuple[Table, list[list[str]]]:
    """Lay out rows of (text, rowspan, colspan) cells (HTML/DOCX style) on a grid.

    Returns the filled grid and, per row, the anchor texts in order (for the page text);
    `starts`, if given, receives the anchor columns of every row (see `Anchors`).
    """
    spans: Spans = {}
    grid: dict[tuple[int, int], str] = {}
    anchors: list[list[str]] = []
    width = 0
    for r, row in enumerate(cells):
        c = 0
        row_anchors: list[str] = []
        for text, rs, cs in row:
            while (r, c) in grid:
                c += 1
            rs, cs = max(1, min(rs, 1000)), max(1, min(cs, 200))
            spans[(r, c)] = (rs, cs)
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    grid.setdefault((rr, cc), text)
            row_anchors.append(text)
            c += cs
        width = max(width, c)
        anchors.append(row_anchors)
    n_rows = len(cells)
    if grid:
        width = max(width, max(cc for _, cc in grid) + 1)
    table = [[grid.get((r, c), "") for c in range(width)] for r in range(n_rows)]
    if starts is not None:
        rows_starts: list[set[int]] = [set() for _ in range(n_rows)]
        for (r, c), (rs, _) in spans.items():
            for rr in range(r, min(r + rs, n_rows)):
                rows_starts[rr].add(c)
        starts.extend(sorted(x) for x in rows_starts)
    return table, anchors


def rows_to_text(rows: Sequence[Sequence[str]]) -> str:
    """One line per row, cells separated by TAB, trailing empty cells and empty rows dropped."""
    lines = []
    for r in rows:
        cells = list(r)
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return "\n".join(lines)


def _key_columns(rows: Table) -> list[int]:
    """Columns that are filled in (almost) every body row: row labels or indicator names."""
    body = rows[-10:]
    if len(body) < 2:
        return []
    width = min(len(r) for r in body)
    return [c for c in range(width) if sum(1 for r in body if r[c].strip()) >= 0.9 * len(body)]


_FIGURE = re.compile(r"^[-+]?[\d,.]+\s*(?:%|分|万元|元|人|次|个|项)?$")


def _continues_cells(last: Sequence[str], first: Sequence[str]) -> bool:
    """`first` holds only the rest of cells of `last` that the page break cut: each of its texts
    lies under a text of `last`, and no column holds a figure on both sides (a 分值 or 得分 is
    never cut, so figures in both rows mean `first` is a row of its own)."""
    for x, y in zip(last, first, strict=False):
        if not y.strip():
            continue
        if not x.strip():
            return False
        if _FIGURE.match(x.strip()) and _FIGURE.match(y.strip()):
            return False
    return True


def _fill_up(a: Table, b: Table) -> None:
    """A label merged over the page break whose text the first part lost (printed on the second
    page only): a label column (left of every column `a` always fills) that is empty in the last
    rows of `a` while `b` starts with a merged cell there takes that text up to the previous label."""
    keys = _key_columns(a)
    if not keys:
        return
    for c in range(min(keys[0], len(a[-1]), len(b[0]), len(b[1]))):
        text = b[0][c]
        if not text.strip() or a[-1][c].strip() or b[1][c] != text:
            continue
        k = len(a) - 1
        while k >= 0 and c < len(a[k]) and not a[k][c].strip():
            a[k][c] = text
            k -= 1


def merge_continued_tables(a: Table, b: Table) -> Table:
    """`a` followed by its continuation `b` (inputs untouched); see `continue_table`."""
    return continue_table([list(r) for r in a], b)[0]


def continue_table(a: Table, b: Table) -> tuple[Table, bool]:
    """Extend table `a` IN PLACE with its continuation `b`; True if a split row was joined.

    Drops a header row that the continuation repeats, and joins the first row of `b` into
    the last row of `a` when it is the rest of a row split by the page break: it is empty
    in the first (up to two) columns that `a` always fills, but has text elsewhere.
    In place because a table can run over hundreds of pages (copying would be quadratic).
    """
    rows = [list(r) for r in b]
    if rows and a and rows[0] == a[0]:
        rows = rows[1:]
    joined = False
    if len(rows) > 1 and a:
        _fill_up(a, rows)
    if rows and a:
        keys = _key_columns(a)[:2]
        first = rows[0]
        if (keys and all(k < len(first) and not first[k].strip() for k in keys) and any(x.strip() for x in first)
                and _continues_cells(a[-1], first)):
            a[-1] = [
                (x + "\n" + y) if (x.strip() and y.strip() and x != y) else (x or y)
                for x, y in zip(a[-1], first, strict=False)
            ]
            rows = rows[1:]
            joined = True
    a.extend(rows)
    return a, joined
