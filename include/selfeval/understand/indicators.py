"""Indicator rows of a 自评表 grid (一级/二级/三级指标, 指标值, 完成值, 分值, 得分).

Columns are found by header words; when a flattened header has fewer cells
than the data rows (评价内容 spanning three level columns), the trailing
labels are right-aligned to the data columns.  Merged level cells are carried
down.  The grid ends at a 总分/综合得分/评价等次 row, whose score is returned
separately (it is the report's total, never an indicator row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selfeval.model import Indicator
from selfeval.textnorm import fix_glyphs

from . import vocabulary as V
from .tableread import is_total_label, weight_then_score
from .tables import Cell, Grid, cell_number, logical_grid, wrap_rows

HEAD = {
    "level1": re.compile(r"^一级指标"),
    "level2": re.compile(r"^二级指标"),
    "level3": re.compile(r"^三级指标|^指标名称|^绩效指标名称"),
    "target": re.compile(r"年度指标值|年初目标值|预期目标|绩效目标|指标值|目标值|年度目标|计划值"),
    "actual": re.compile(r"实际完成值|全年实际值|完成情况|实际完成|实际值|完成值|实际达到"),
    "weight": re.compile(rf"^(?:{V.WEIGHT_HEADER})"),
    "score": re.compile(rf"^(?:{V.SCORE_HEADER})"),
}
TOTAL_ROW = re.compile(r"^(?:总分|合计|总计|综合得分|绩效自评综合得分|自评得分|得分合计|自评总分|评分合计|总得分|自评总得分|部门整体支出绩效自评综合得分)$")
# the rows under a grid that close it: its notes and the signature row ('单位负责人:… | 填表人:… | 填报日期:…')
SIGN_OFF = r"其他需?(?:要)?说明|(?:单位|部门|财务)?负责人|填表人|填(?:报|表)(?:日期|时间|单位)"
STOP_ROW = re.compile(rf"^(?:评价等次|评价等级|等级|等次|自评等级|评价结论|偏差原因|联系人|填报人|审核人|评价人员|备注|{SIGN_OFF})")
# a level's subtotal row ('小计 | 50 | 49' under the 产出指标 rows): the sum of indicators, none of its own
SUBTOTAL_ROW = re.compile(r"^(?:[一二三四五六七八九十]+级指标)?小计$")


@dataclass
class IndicatorTable:
    grid: Grid
    rows: list[Indicator] = field(default_factory=list)
    cells: list[list[Cell]] = field(default_factory=list)
    total: tuple[float, Cell] | None = None
    columns: dict[str, int] = field(default_factory=dict)
    width: int = 0
    carry: dict[str, str | None] = field(default_factory=lambda: {"level1": None, "level2": None})
    closed: bool = False  # a 总分/评价等次 row ended the grid
    header: list[Cell] = field(default_factory=list)
    wrapped: bool = False  # read from a form of wrapped physical rows (tables.logical_grid)
    pending: list[list[Cell]] = field(default_factory=list)  # trailing short physical rows (wrapped form)
    last_row: list[Cell] = field(default_factory=list)  # last physical row read (wrapped form)


def _header_row(grid: Grid) -> int | None:
    for i, row in enumerate(grid.rows):
        keys = [c.key for c in row]
        if any(HEAD["level3"].search(k) for k in keys) or (
                any(HEAD["target"].search(k) for k in keys) and any(HEAD["actual"].search(k) for k in keys)
                and any(re.search(r"评价内容|指标", k) for k in keys)):
            return i
    return None


def _columns(header: list[Cell], width: int) -> dict[str, int]:
    cols: dict[str, int] = {}
    keys = [c.key for c in header]
    shift = max(0, width - len(keys))  # right-align a collapsed header (never left of the first column)
    best: dict[str, tuple[int, int]] = {}
    for j, k in enumerate(keys):
        for name, pat in HEAD.items():
            if k and pat.search(k):
                # the shortest matching header wins ('完成情况' over '…目标及实施计划完成情况')
                if name not in best or len(k) < best[name][0]:
                    best[name] = (len(k), j + shift)
                break
    cols = {name: j for name, (_, j) in best.items()}
    if "level3" not in cols and "target" in cols:
        t = cols["target"]
        if t >= 3:
            cols.update(level1=t - 3, level2=t - 2, level3=t - 1)
        elif t >= 1:
            cols["level3"] = t - 1
    return cols


def _clean_level(text: str) -> str | None:
    """Level label without the template's parenthetical note ('产出目标（部门工作实绩…）')."""
    t = text.strip()
    if not t:
        return None
    first = re.split(r"\n\s*\n|\n(?=[(（])", t)[0]
    first = re.sub(r"[(（][^()（）]{6,}[)）]$", "", fix_glyphs(first))
    return first or None


def _value(row: list[Cell], col: int | None) -> Cell | None:
    if col is None or not 0 <= col < len(row):
        return None
    return row[col]


def read_indicator_table(grid: Grid) -> IndicatorTable | None:
    """Indicator rows of one grid, or None when it has no indicator header.

    A grid that cannot be read column by column is read once more as a form of wrapped rows
    (`logical_grid`: its physical cells in order, short rows joined to the logical width)."""
    h = _header_row(grid)
    if h is None:
        return None
    table = _read_grid(grid, h)
    if table is None:
        wrapped = logical_grid(grid, h + 1)
        if wrapped is not None:
            table = _read_grid(wrapped, h)
            if table is not None:
                table.wrapped = True
                _note_tail(table, [[c for c in r if c.anchor] for r in grid.rows[h + 1:]])
    return table


def _note_tail(table: IndicatorTable, phys: list[list[Cell]]) -> None:
    """Remember the last physical row and the short rows at the end that the next page may complete."""
    if phys:
        table.last_row = phys[-1]
        table.pending = wrap_rows(phys, table.width)[2]


def _continue_wrapped(table: IndicatorTable, grid: Grid) -> bool:
    """Continue a wrapped form on the next page: a row split by the break is completed, wrapped rows
    whose first part ended the previous page are joined, and the rest is read like the first part."""
    phys = [[c for c in r if c.anchor] for r in grid.rows]
    phys = [r for r in phys if r]
    if not phys or any(len(r) > table.width for r in phys):
        return False
    first = phys[0]
    if (not table.pending and table.rows and table.last_row and len(first) == len(table.last_row)
            and len(first) < table.width and not first[0].key and any(c.key for c in first)):
        _append_split_row(table, first)  # the rest of the cells the page break cut
        phys = phys[1:]
    rows = table.pending + phys
    combined = Grid(rows, grid.page, grid.caption, grid.source, grid.index)
    before = len(table.rows)
    _read_rows(table, wrap_rows(combined.rows, table.width)[0], table.columns)
    _note_tail(table, phys)
    return len(table.rows) > before or table.total is not None


def _append_split_row(table: IndicatorTable, tail: list[Cell]) -> None:
    """Append the text of a row's continuation (right-aligned to the logical row) to the last indicator."""
    ind = table.rows[-1]
    offset = table.width - len(tail)
    for j, c in enumerate(tail):
        if not c.key:
            continue
        col = offset + j
        for name in ("level3", "target", "actual"):
            if table.columns.get(name) == col:
                old = getattr(ind, name) or ""
                setattr(ind, name, old + fix_glyphs(c.text))


def _read_grid(grid: Grid, h: int) -> IndicatorTable | None:
    data = grid.rows[h + 1:]
    width = max((len(r) for r in data), default=0)
    if width == 0:
        return None
    cols = _columns(grid.rows[h], width)
    if "level3" not in cols:
        return None
    table = IndicatorTable(grid, columns=cols, width=width, header=grid.rows[h])
    dropped = _read_rows(table, data, cols)
    if not table.rows or dropped > len(table.rows):
        return None  # the grid is too irregular to trust a row count
    return table


def _read_rows(table: IndicatorTable, data: list[list[Cell]], cols: dict[str, int]) -> int:
    """Append indicator rows of `data` to `table` (merged level cells carried down); return rows dropped."""
    carry = table.carry
    dropped = 0
    for row in data:
        first = next((c.key for c in row if c.key), "")
        if TOTAL_ROW.match(first) or is_total_label(first):
            num = _row_score(row, cols)
            if num is not None:
                table.total = num
            table.closed = True
            break
        if STOP_ROW.match(first):
            table.closed = True
            break
        if any(re.match(r"^(?:一级指标|三级指标)$", c.key) for c in row):
            table.closed = True
            break
        if SUBTOTAL_ROW.match(first):
            continue
        l3 = _value(row, cols.get("level3"))
        if l3 is None or not l3.key:
            continue
        tgt_c, act_c = _value(row, cols.get("target")), _value(row, cols.get("actual"))
        if any(c is not None and c.key == l3.key for c in (tgt_c, act_c)):
            dropped += 1  # a merged cell smeared over the grid: not a real row
            continue
        for lvl in ("level1", "level2"):
            c = _value(row, cols.get(lvl))
            if c is not None and c.key:
                carry[lvl] = _clean_level(c.text)
        w = _value(row, cols.get("weight"))
        s = _value(row, cols.get("score"))
        table.rows.append(Indicator(
            level1=carry["level1"], level2=carry["level2"], level3=fix_glyphs(l3.text) or None,
            target=(fix_glyphs(tgt_c.text) or None) if tgt_c else None,
            actual=(fix_glyphs(act_c.text) or None) if act_c else None,
            weight=cell_number(w) if w else None, score=cell_number(s) if s else None,
            row=len(table.rows) + 1))
        table.cells.append(row)
    return dropped


def continue_table(table: IndicatorTable, grid: Grid) -> bool:
    """Append rows of a grid that continues `table` after a page break (no header).

    The continuation is often narrower: label cells merged at the break are lost (columns shift right)
    or cells the header spanned twice (三级指标 | 三级指标) collapse into one.  Both alignments are tried
    and the one whose rows read as indicators (a label, a numeric score) wins."""
    if table.closed or _header_row(grid) is not None or not grid.rows:
        return False
    if table.wrapped:
        return _continue_wrapped(table, grid)
    width = max(len(r) for r in grid.rows)
    if width > table.width or width < table.width - 4:
        return False
    shift = table.width - width
    candidates = [{k: v - shift for k, v in table.columns.items() if v - shift >= 0}]
    dedup = _dedup_columns(table.header, width)
    if dedup:
        candidates.append(dedup)
    candidates = [c for c in candidates if "level3" in c]
    if not candidates:
        return False
    cols = max(candidates, key=lambda c: _fit(grid.rows, c))
    before = len(table.rows)
    _read_rows(table, grid.rows, cols)
    return len(table.rows) > before or table.total is not None


def _dedup_columns(header: list[Cell], width: int) -> dict[str, int] | None:
    """Columns of the header with consecutive repeated cells (one merged cell) counted once."""
    cells: list[Cell] = []
    for c in header:
        if cells and c.key and c.key == cells[-1].key:
            continue
        cells.append(c)
    if len(cells) == len(header) or len(cells) > width:
        return None
    cols = _columns(cells, len(cells))
    return cols if "level3" in cols else None


def _fit(rows: list[list[Cell]], cols: dict[str, int]) -> int:
    """How many rows read as indicator rows under `cols` (label text in 三级指标, a number in 得分)."""
    n = 0
    for row in rows:
        l3, sc = _value(row, cols.get("level3")), _value(row, cols.get("score"))
        if l3 is not None and l3.key and cell_number(l3) is None:
            n += 1
        if sc is not None and cell_number(sc) is not None:
            n += 1
    return n


def _row_score(row: list[Cell], cols: dict[str, int]) -> tuple[float, Cell] | None:
    """The 得分 of a 总分 row: the score column if known, else the last number in the row."""
    c = _value(row, cols.get("score"))
    if c is not None and cell_number(c) is not None:
        k = next((j for j, x in enumerate(row) if x is c), -1)
        _, c = weight_then_score(row, k) or (k, c)  # ('合计 | 100 | 99.16', a span too wide)
        return cell_number(c), c  # type: ignore[return-value]
    if c is not None and cols.get("weight") is not None:
        return None  # '总分 | … | 100 | |': the 分值 filled, the 得分 cell left blank (a form not yet scored)
    nums = [(cell_number(x), x) for x in row[1:] if cell_number(x) is not None]
    if not nums:
        return None
    v, cell = nums[-1]
    return (v, cell) if v is not None else None
