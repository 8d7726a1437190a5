"""Tables as grids of cells that know where their text sits in the raw page.

Two sources:

* `Page.tables` from the extraction engine (merged cells repeated or empty);
  each cell is located in the page text so values get a raw evidence span.
* TAB-flattened tables inside the page text (Word tables pasted as text:
  every cell on its own line after a TAB, rows separated by blank lines,
  continuation lines without TAB).  Flattening loses the grid, so rows are
  re-assembled to the dominant width and multi-row headers are re-aligned
  bottom-up (a parent cell spans the columns its children occupy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selfeval.model import ExtractedDocument
from selfeval.textnorm import fold


@dataclass
class Cell:
    text: str  # raw cell text (stripped)
    page: int  # 0-based page index
    start: int | None = None  # raw span of `text` in page text, if located
    end: int | None = None
    anchor: bool = True  # a physical cell starts here (False: a position a merged cell covers)

    @property
    def key(self) -> str:
        """Folded text for matching, without the outline number a row label carries ('二、支出合计', '(一)基本支出':
        the Hunan 基础数据表 numbers its rows; the label is what is matched) or the spaces a label is spread with."""
        return _OUTLINE_NUMBER.sub("", _LETTER_SPACE.sub("", fold(self.text)))


# the outline number before a row's label ('二、支出合计', '(一)基本支出', '1.数量指标'), never a figure's digits
ROW_NUMBER = r"(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十\d]{1,2}\)|\d{1,2}[、.])\s*(?=[\u4e00-\u9fff])"
_OUTLINE_NUMBER = re.compile("^" + ROW_NUMBER)
_LETTER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")  # a label spaced across its cell: '总  分'


def unspaced(text: str) -> str:
    """`text` without the spaces between its Chinese characters ('总  分 100 98.17' -> '总分 100 98.17')."""
    return _LETTER_SPACE.sub("", text)


@dataclass
class Grid:
    rows: list[list[Cell]]
    page: int
    caption: str = ""  # folded text just above the table (unit, title)
    source: str = "tables"  # "tables" (engine grid) or "tabtext" (flattened)
    index: int = 0
    leaf_headers: dict[int, str] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def _locate(raw: str, text: str, pos: int) -> tuple[int | None, int | None, int]:
    """Find `text` in raw at or after pos (then anywhere); return (start, end, next_pos)."""
    if not text:
        return None, None, pos
    i = raw.find(text, pos)
    if i < 0:
        i = raw.find(text)
    if i < 0:
        return None, None, pos
    return i, i + len(text), i + len(text)


def grids_from_page_tables(doc: ExtractedDocument) -> list[Grid]:
    """Grids from the engine's tables, each cell located in its page's raw text."""
    grids: list[Grid] = []
    all_anchors = (doc.meta or {}).get("table_anchors") or []
    for p_idx, page in enumerate(doc.pages):
        raw = page.text or ""
        pos = 0
        page_anchors = all_anchors[p_idx] if p_idx < len(all_anchors) else []
        for t_idx, table in enumerate(page.tables or []):
            anchors = page_anchors[t_idx] if t_idx < len(page_anchors) else None
            if anchors is not None and len(anchors) != len(table):
                anchors = None
            rows: list[list[Cell]] = []
            continued = _continued_on(doc, p_idx, t_idx)
            cell_page, cell_raw, at = p_idx, raw, pos  # where the next cell is searched
            for r_idx, row in enumerate(table):
                if r_idx in continued:  # the rows a page break carried on: their cells are on that page
                    if cell_page == p_idx:
                        pos = at
                    cell_page = continued[r_idx]
                    cell_raw, at = doc.pages[cell_page].text or "", 0
                cells = []
                starts = set(anchors[r_idx]) if anchors is not None else None
                prev = None
                for j, value in enumerate(row):
                    text = (value if isinstance(value, str) else ("" if value is None else str(value))).strip()
                    if starts is not None:
                        anchor = j in starts or not cells
                    else:  # no geometry recorded: a repeated text is one merged cell
                        anchor = j == 0 or not text or text != prev
                    prev = text
                    if anchor:
                        s, e, pos2 = _locate(cell_raw, text, at)
                        if s is not None:
                            at = pos2
                    else:
                        s, e = cells[-1].start, cells[-1].end
                    cells.append(Cell(text, cell_page, s, e, anchor))
                rows.append(cells)
            if cell_page == p_idx:
                pos = at
            caption = ""
            first = next((c for r in rows for c in r if c.start is not None), None)
            if first is not None and first.start is not None:
                caption = fold(raw[max(0, first.start - 80):first.start])
            grids.append(Grid(rows, p_idx, caption, "tables", t_idx))
    return grids


def _continued_on(doc: ExtractedDocument, p_idx: int, t_idx: int) -> dict[int, int]:
    """Row index -> 0-based page for a table a PDF's page breaks continued (the extractor joins it onto its first
    page and records from which row on the rows are another page's), so each cell is found where it is printed."""
    for j in (doc.meta or {}).get("joined_tables") or []:
        if j.get("page") == p_idx + 1 and j.get("table") == t_idx:
            return {int(c["from_row"]): int(c["page"]) - 1 for c in j.get("continued_on") or []
                    if 0 < int(c["page"]) <= len(doc.pages)}
    return {}


_TAB_LINE = re.compile(r"^\t")


_BLOCK_END = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分|附件)"
                        r"|(?:自评表|评价表|自评报告|评价报告)(?:[(（][^)）]*[)）])?$")


def _tab_blocks(raw: str) -> list[tuple[int, int]]:
    """(start, end) raw spans of runs of lines that are mostly TAB-led cells."""
    lines = raw.splitlines(keepends=True)
    blocks: list[tuple[int, int]] = []
    pos, start, last_tab_end, gap = 0, None, 0, 0
    for line in lines:
        is_tab = line.startswith("\t")
        if is_tab:
            if start is None:
                start = pos
            last_tab_end = pos + len(line)
            gap = 0
        elif start is not None:
            gap += 1 if line.strip() else 0
            if gap > 3 or _BLOCK_END.search(line.strip()):  # prose resumed, or a heading / the next form's title
                blocks.append((start, last_tab_end))
                start = None
        pos += len(line)
    if start is not None:
        blocks.append((start, last_tab_end))
    return blocks


def _parse_tab_rows(raw: str, start: int, end: int, page: int) -> list[list[Cell]]:
    """Rows of cells from a TAB-flattened block; a blank line ends a row."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    pos = start
    blank_run = 0
    for line in raw[start:end].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.startswith("\t"):
            # one blank line (or three and more) ends a row; exactly two are a
            # paragraph break inside a cell (the converter's trailing empty paragraph)
            if blank_run and blank_run != 2 and row:
                rows.append(row)
                row = []
            blank_run = 0
            content = body[1:]
            stripped = content.strip()
            off = pos + 1 + (len(content) - len(content.lstrip())) if stripped else pos + 1
            row.append(Cell(stripped, page, off if stripped else None, off + len(stripped) if stripped else None))
        elif body.strip():
            if blank_run >= 3 and row:
                rows.append(row)
                row = []
            blank_run = 0
            # continuation of the current cell
            if row:
                c = row[-1]
                stripped = body.strip()
                lead = len(body) - len(body.lstrip())
                if c.start is None:
                    c.start = pos + lead
                c.end = pos + lead + len(stripped)
                c.text = raw[c.start:c.end]
            else:
                stripped = body.strip()
                lead = len(body) - len(body.lstrip())
                row.append(Cell(stripped, page, pos + lead, pos + lead + len(stripped)))
        else:
            blank_run += 1
        pos += len(line)
    if row:
        rows.append(row)
    return rows


def grids_from_tab_text(doc: ExtractedDocument) -> list[Grid]:
    """Grids rebuilt from TAB-flattened tables in the page text."""
    grids: list[Grid] = []
    for p_idx, page in enumerate(doc.pages):
        raw = page.text or ""
        if "\n\t" not in raw and not raw.startswith("\t"):
            continue
        for b_idx, (s, e) in enumerate(_tab_blocks(raw)):
            rows = _parse_tab_rows(raw, s, e, p_idx)
            for sub_idx, sub in enumerate(_split_by_caption(rows)):
                cap = _caption_of(sub, raw, s)
                grids.append(Grid(sub, p_idx, cap, "tabtext", b_idx * 100 + sub_idx))
    return grids


def _split_by_caption(rows: list[list[Cell]]) -> list[list[list[Cell]]]:
    """A one-cell row in a flattened block is a caption that starts a new table."""
    out: list[list[list[Cell]]] = [[]]
    for r in rows:
        non_empty = [c for c in r if c.text]
        if len(r) <= 2 and len(non_empty) == 1 and out[-1] and len(non_empty[0].text) < 40:
            out.append([])
        out[-1].append(r)
    return [t for t in out if t]


def _caption_of(rows: list[list[Cell]], raw: str, block_start: int) -> str:
    first = rows[0]
    non_empty = [c for c in first if c.text]
    if len(first) <= 2 and len(non_empty) == 1:
        return non_empty[0].key
    c0 = next((c for r in rows for c in r if c.start is not None), None)
    if c0 is None or c0.start is None:
        return ""
    return fold(raw[max(0, c0.start - 60):c0.start])


def align_headers(header_rows: list[list[Cell]], width: int) -> dict[int, str]:
    """Leaf label of every column from multi-row headers (bottom-up span reconstruction).

    Engine grids (merged cells repeated or empty) already have `width` cells
    per row, so the bottom-most non-empty label wins.  Flattened headers have
    fewer cells; walking up, each still-open column takes one cell and each
    run of closed columns takes the remaining cells as its parents.
    """
    labels: dict[int, str] = {}
    if all(len(r) == width for r in header_rows):
        for col in range(width):
            for r in reversed(header_rows):
                if r[col].key and r[col].key not in {"其中", "其中:"}:
                    labels[col] = r[col].key
                    break
        return labels
    open_cols = list(range(width))
    for r in reversed(header_rows):
        if len(r) == width:
            for col in range(width):
                if col in open_cols and r[col].key:
                    labels[col] = r[col].key
            open_cols = [c for c in open_cols if c not in labels]
            continue
        slots = _slots(open_cols, width)
        n_open = sum(1 for s in slots if s[0] == "open")
        extra = len(r) - n_open
        if extra < sum(1 for s in slots if s[0] == "closed") or extra < 0:
            continue
        ci = 0
        for kind, cols in slots:
            if ci >= len(r):
                break
            if kind == "open":
                cell = r[ci]
                ci += 1
                if cell.key and cell.key not in {"其中", "其中:"}:
                    labels[cols[0]] = cell.key
            else:
                take = 1 + max(0, extra - sum(1 for s in slots if s[0] == "closed")) if cols == _last_closed(slots) else 1
                ci += take
        open_cols = [c for c in open_cols if c not in labels]
    return labels


def _slots(open_cols: list[int], width: int) -> list[tuple[str, list[int]]]:
    slots: list[tuple[str, list[int]]] = []
    for col in range(width):
        if col in open_cols:
            slots.append(("open", [col]))
        elif slots and slots[-1][0] == "closed":
            slots[-1][1].append(col)
        else:
            slots.append(("closed", [col]))
    return slots


def _last_closed(slots: list[tuple[str, list[int]]]) -> list[int] | None:
    closed = [cols for kind, cols in slots if kind == "closed"]
    return closed[-1] if closed else None


def split_grid(grid: Grid) -> list[Grid]:
    """Split an engine grid (a whole sheet) at blank rows and merged caption rows into sub-tables."""
    subs: list[list[list[Cell]]] = [[]]
    captions: list[str] = [grid.caption]
    for row in grid.rows:
        keys = [c.key for c in row if c.key]
        if not keys:
            if subs[-1]:
                subs.append([])
                captions.append("")
            continue
        if (len(set(keys)) == 1 and len(row) > 2 and len(keys) >= len(row) - 1 and subs[-1]
                and sum(1 for c in row if c.anchor and c.key) == 1):  # one merged cell, not equal texts side by side
            subs.append([])
            captions.append(keys[0])
        subs[-1].append(row)
    out = []
    for k, (rows, cap) in enumerate(zip(subs, captions, strict=True)):
        if rows:
            out.append(Grid(rows, grid.page, cap or grid.caption, grid.source, grid.index * 100 + k))
    return out


_PIPE_ROW = re.compile(r"^[^\n|]*\|[^\n]*\|")  # a line with two or more '|': one row of a pipe-rendered table


def _pipe_row(line: str, pos: int, page: int) -> list[Cell]:
    """The cells of one '|'-rendered row, each located in the raw text.  A leading '|' is an empty first cell
    (the merged label column of the rows above) and a trailing one closes the row, so empty cells keep every
    figure under its header, which the normaliser's one-cell-per-line stream loses."""
    body = line.rstrip()
    pieces = body.split("|")
    if body.endswith("|"):
        pieces.pop()
    cells: list[Cell] = []
    off = pos
    for piece in pieces:
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        s = off + lead if stripped else None
        cells.append(Cell(stripped, page, s, s + len(stripped) if s is not None else None))
        off += len(piece) + 1
    return cells


def grids_from_pipe_text(doc: ExtractedDocument) -> list[Grid]:
    """Grids from runs of '|'-rendered rows in the page text (a page's table saved as text); two rows at least."""
    grids: list[Grid] = []
    for p_idx, page in enumerate(doc.pages):
        raw = page.text or ""
        if raw.count("|") < 4:
            continue
        rows: list[list[Cell]] = []
        first = pos = 0
        for line in [*raw.splitlines(keepends=True), "end"]:  # a last non-row line closes the last run
            if _PIPE_ROW.match(line):
                if not rows:
                    first = pos
                rows.append(_pipe_row(line.rstrip("\r\n"), pos, p_idx))
            elif line.strip() or not rows:
                if len(rows) >= 2:
                    grids.append(Grid(rows, p_idx, fold(raw[max(0, first - 80):first]), "pipetext", len(grids)))
                rows = []
            pos += len(line)
    return grids


_FIGURE_TOKEN = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")
_SPACED_TOKEN = re.compile(r"\S+")


def _spaced_cells(line: str) -> list[tuple[int, str]]:
    """(offset, text) of the space-separated cells of a line."""
    return [(m.start(), m.group(0)) for m in _SPACED_TOKEN.finditer(line)]


def _spaced_row(line: str) -> list[tuple[int, str]] | None:
    """The cells of a row a text layout printed with spaces between them: a label, then two figures or more, and
    nothing else ('二、支出合计 25,678,900.00 24,567,890.12 95.67%'); None for any other line."""
    toks = _spaced_cells(line)
    if len(toks) < 3 or "|" in line or "\t" in line or _FIGURE_TOKEN.fullmatch(toks[0][1]):
        return None
    if not all(_FIGURE_TOKEN.fullmatch(t) for _k, t in toks[1:]) or not re.search(r"[\u4e00-\u9fff]", toks[0][1]):
        return None
    return toks


def _spaced_header(line: str) -> list[tuple[int, str]] | None:
    """A header line over such rows: three cells or more, none a figure, each a short column name."""
    toks = _spaced_cells(line)
    if len(toks) < 3 or any(_FIGURE_TOKEN.fullmatch(t) or len(t) > 16 for _k, t in toks):
        return None
    return toks


def grids_from_spaced_text(doc: ExtractedDocument) -> list[Grid]:
    """Grids from runs of space-separated rows under their header line (a PDF's or a page's table printed as text
    with spaces between cells: '项目 预算数(A) 执行数(B) 执行率(B/A)' / '二、支出合计 2567.89 2456.79 95.67%'); the
    header and two rows at least."""
    grids: list[Grid] = []
    for p_idx, page in enumerate(doc.pages):
        raw = page.text or ""
        lines, pos = [], 0
        for line in raw.splitlines(keepends=True):
            lines.append((pos, line.rstrip("\r\n")))
            pos += len(line)
        k = 0
        while k < len(lines):
            head = _spaced_header(lines[k][1]) if k + 2 < len(lines) else None
            run = []
            j = k + 1
            # (a row with more cells than its header has a figure the header does not name: no grid to trust)
            while head and j < len(lines) and (row := _spaced_row(lines[j][1])) is not None and len(row) <= len(head):
                run.append((lines[j][0], row))
                j += 1
            if head and len(run) >= 2:
                rows = [[Cell(t, p_idx, off + a, off + a + len(t)) for a, t in cells]
                        for off, cells in [(lines[k][0], head), *run]]
                grids.append(Grid(rows, p_idx, fold(raw[max(0, lines[k][0] - 80):lines[k][0]]), "spacedtext", len(grids)))
                k = j
            else:
                k += 1
    return grids


def all_grids(doc: ExtractedDocument) -> list[Grid]:
    """Engine grids (split into sub-tables) first, then flattened ones from the page text: TAB-flattened Word
    tables, '|'-rendered rows and space-separated rows under their header."""
    grids = [g for big in grids_from_page_tables(doc) for g in split_grid(big)]
    return grids + grids_from_tab_text(doc) + grids_from_pipe_text(doc) + grids_from_spaced_text(doc)


def logical_grid(grid: Grid, start: int = 0) -> Grid | None:
    """The grid of an irregular form read as a person reads it: physical cells only, rows wrapped.

    Some forms are drawn with rows of unrelated column boundaries and one logical row
    (一级 | 二级 | 三级 | 目标 | 完成) printed as two or three short physical rows.  Below row
    `start`, the widest row gives the logical width W; consecutive rows with fewer cells whose
    counts add up to exactly W are joined.  None when no row was joined (the grid is regular).
    """
    rows = [[c for c in r if c.anchor] for r in grid.rows]
    body = rows[start:]
    if len(body) < 2:
        return None
    out, joins, _ = wrap_rows(body, max(len(r) for r in body))
    if not joins:
        return None
    return Grid(rows[:start] + out, grid.page, grid.caption, grid.source, grid.index, dict(grid.leaf_headers))


def wrap_rows(rows: list[list[Cell]], width: int) -> tuple[list[list[Cell]], int, list[list[Cell]]]:
    """(rows with runs of short rows adding up to `width` joined, joins made, the open tail: the
    short rows at the end that could still be joined with rows that follow, e.g. on the next page)."""
    out: list[list[Cell]] = []
    joins, i, tail = 0, 0, []
    while i < len(rows):
        n, k = len(rows[i]), i + 1
        while n < width and k < len(rows) and n + len(rows[k]) <= width:
            n += len(rows[k])
            k += 1
        if n == width and k > i + 1:
            out.append([c for r in rows[i:k] for c in r])
            joins += 1
            i = k
        else:
            if k == len(rows) and n < width:
                tail = rows[i:]
            out.append(rows[i])
            i += 1
    return out, joins, tail


def join_pages(grid: Grid, nxt: Grid) -> Grid:
    """`grid` followed by its continuation `nxt` on the next page, for forms the engine could not
    join (irregular column boundaries).  A first row of `nxt` with an empty leading cell and as many
    physical cells as the last row of `grid` is the rest of that row (its cells were cut by the
    page break): its texts are appended cell by cell; every other row is appended as a row."""
    rows = [list(r) for r in grid.rows]
    more = [list(r) for r in nxt.rows]
    if rows and more:
        last = [c for c in rows[-1] if c.anchor]
        first = [c for c in more[0] if c.anchor]
        if len(first) == len(last) and first and not first[0].key and any(c.key for c in first):
            merged = [Cell(a.text + b.text if b.text else a.text, a.page, a.start, a.end) if b.text else a
                      for a, b in zip(last, first, strict=True)]
            rows[-1] = merged
            more = more[1:]
    return Grid(rows + more, grid.page, grid.caption, grid.source, grid.index, dict(grid.leaf_headers))


NUMERIC = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")


def cell_number(cell: Cell) -> float | None:
    """A bare numeric cell value (thousands separators allowed, a trailing 分/万元/万 tolerated: forms typed by
    hand write '3359.62万' in a column headed 万元)."""
    k = cell.key.rstrip("分").replace("万元", "")
    if k.endswith("万") and k[:-1][-1:].isdigit():
        k = k[:-1]
    if not k or not NUMERIC.match(k):
        return None
    try:
        return float(k.rstrip("%").replace(",", ""))
    except ValueError:
        return None
