"""Figures read from table grids: the 自评表 budget block, the 支出 table, label/value cells.

Table values are bare numbers; their unit comes from the caption or a
'单位：万元' line (docs/spec/fields.md Traps 4).  A table without any unit is read as
万元 but flagged (AMT-03), never silently converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from selfeval.model import Evidence, tol_amt
from selfeval.textnorm import fix_glyphs, fold

from . import vocabulary as V
from .evidence import DocView
from .numbers import UNIT_FACTOR, factor_note
from .tables import Cell, Grid, align_headers, cell_number


@dataclass
class TableValue:
    field: str
    value: object
    evidence: Evidence
    scope: str = "all"
    rank: int = 0
    unit_found: bool = True
    note: str | None = None


def cell_evidence(view: DocView, grid: Grid, r: int, c: int, cell: Cell, label: str, note: str | None = None
                  ) -> Evidence:
    """Evidence for a cell: its raw span if located, else a named cell reference."""
    ref = f"table {grid.index} ({grid.source}) row {r + 1} col {c + 1} [{label}]"
    if cell.start is not None and cell.end is not None:
        return view.raw_evidence(cell.page, cell.start, cell.end, note=note, cell=ref)
    return Evidence(page=cell.page + 1, start=0, end=0, snippet="", cell=ref, note=note)


def table_unit(view: DocView, grid: Grid, header: int = 3) -> tuple[float, bool]:
    """(factor to 万元, unit found) from the caption, the cells down to the header row read (a sheet's title, name and
    主管部门 rows may come first: '项目资金(元)' is then its fifth row) or a '单位：…' line on the page."""
    texts = [grid.caption] + [c.key for row in grid.rows[:max(4, header + 1)] for c in row]
    for t in texts:
        m = re.search(r"\((万元|元|亿元)\)|单位[:]?(万元|元|亿元)|金额[:]?(万元|元)", t)
        if m:
            u = next(g for g in m.groups() if g)
            return UNIT_FACTOR[u], True
    page_norm = fold(view.doc.pages[grid.page].text or "")
    m = re.search(r"单位[:]?(万元|元|亿元)", page_norm)
    if m:
        return UNIT_FACTOR[m.group(1)], True
    return 1.0, False


def _row_label(row: list[Cell]) -> tuple[int, str]:
    for j, c in enumerate(row):
        if c.key and cell_number(c) is None:
            return j, c.key
    return -1, ""


BUDGET_COLS = {f: re.compile(V.alternation(V.BUDGET_COLUMNS[f]))
               for f in ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "execution_rate_pct")}


# a 项目自评表's budget column named neither 年初 nor 全年: '预算数(A)' over '执行数(B)' and '执行率(B/A)' is the form's
# 调整后财政资金总额 (the Hubei and 1wenmi forms define it so)
UNQUALIFIED_BUDGET_COL = re.compile(r"^(?:预算安排数|预算数|预算资金)(?:\(A\))?(?:\(万元\))?$")


def lone_budget_is_final(spent: bool, fields: set[str] | dict[str, object]) -> bool:
    """A budget named neither 年初 nor 全年 (预算数(A), 预算资金) is the form's final budget when the form states what
    was spent and names no other budget (docs/spec/fields.md: 调整后财政资金总额)."""
    return spent and not {"budget_initial_wan", "budget_adjusted_wan"} & set(fields)


_CHANGE = r"预算调整数"
CHANGE_COL = re.compile(rf"^{_CHANGE}")
LAST_YEAR_COL = re.compile(rf"^(?:{V.LAST_YEAR})")  # '上年执行数 | 年初预算数 | …': last year's figures
# (the stream reader's read-past columns (vocabulary 'other_figure', 'received'), the change, the 执行率 row's 分值)
OTHER_FIGURE_COL = re.compile(rf"^(?:{V.alternation(V.BUDGET_COLUMNS['other_figure'] + V.BUDGET_COLUMNS['received'])}|"
                              rf"{V.LAST_YEAR}|结转|{_CHANGE}|调整(?:数|金额)|分值|权重)")


def _budget_header(keys: list[str]) -> dict[str, int]:
    """The column of each budget-block figure in a header row: the leftmost match ('得分(20分*执行率)' is a
    score, not the rate); a lone 预算数(A) beside 执行数(B) is the form's final budget (docs/spec/fields.md)."""
    hits: dict[str, int] = {}
    earlier: list[int] = []  # an earlier year's copy of a column
    for f, pat in BUDGET_COLS.items():
        js = [j for j, k in enumerate(keys) if k and pat.search(k) and not k.startswith("得分") and not LAST_YEAR_COL.match(k)]
        if f == "budget_adjusted_wan" and len(js) > 1:  # '年初预算数 | 预算调整数 | 全年预算数': the change, then
            js = [j for j in js if not CHANGE_COL.match(keys[j])] or js  # the year's budget
        if len(js) > 1 and len({keys[j] for j in js}) == 1:
            earlier += js[:-1]  # the same columns for two years ('2022年度 | 2023年度' above): the later, to the right
            js = js[-1:]
        if js:
            hits[f] = js[0]
    if lone_budget_is_final("expenditure_total_wan" in hits, hits):
        j = next((j for j, k in enumerate(keys) if k and UNQUALIFIED_BUDGET_COL.match(k)), None)
        if j is not None:
            hits["budget_adjusted_wan"] = j
    if hits:  # the block's other figure columns (last year's, 计划投资, 上年结转, 下达资金, 预算调整数 beside
        # 全年预算数, 分值 …): each holds a figure of its own, so they keep the row's alignment; never read
        taken = set(hits.values())
        for j, k in enumerate(keys):
            if k and j not in taken and (OTHER_FIGURE_COL.match(k) or j in earlier):
                hits[f"_other{j}"] = j
    return hits


BLANK_CELL = re.compile(r"^\s*(?:[-—－–/／]{1,3}|无)?\s*$")


def _row_shift(row: list[Cell], drow: list[Cell], hits: dict[str, int]) -> int:
    """How far a data row's cells sit from the header's: header and data rows are right-aligned when merged
    label cells differ in count, unless blank trailing cells (a spreadsheet's padded grid) make them appear
    so; then the values start at the first figure column.  The alignment that maps a number to every figure
    column and leaves no number stranded before the first one wins; ties keep right alignment."""
    def used(cells: list[Cell]) -> int:
        n = len(cells)
        while n and not (cells[n - 1].key or "").strip():
            n -= 1
        return n

    first_num = next((j for j, c in enumerate(drow) if cell_number(c) is not None), None)
    options = [len(drow) - len(row), used(drow) - used(row)]
    if first_num is not None and hits and not any(re.search(r"\d", c.key or "") for c in drow[:first_num]):
        # (figures the reader cannot read before the first it can, '3,724,055.00?', hold their columns: the row is
        # not slid left onto them)
        options.append(first_num - min(hits.values()))

    def fit(shift: int) -> tuple[int, int]:
        cols = [j + shift for j in hits.values()]
        # a blank or a dash where the form had nothing to write ('|年度资金总额||620|598.5|' with no 年初预算数)
        # holds its column as a figure does, so the row is not slid left onto its 分值 and 得分
        numeric = sum(1 for c in cols if 0 <= c < len(drow) and (cell_number(drow[c]) is not None
                                                                  or (shift == options[0] and BLANK_CELL.match(drow[c].key or ""))))
        stranded = first_num is not None and cols and first_num < min(cols)
        return numeric - (1 if stranded else 0), -options.index(shift)

    return max(dict.fromkeys(options), key=fit)


_BLOCK_ROW_KINDS = (
    ("total", re.compile(rf"^(?:其中:)?(?:{V.alternation(V.BUDGET_ROW_TOTAL)})$")),
    ("parts", re.compile(r"^(?:其中:)?(?:一般公共预算|财政拨款|政府性基金|国有资本|上年结转|其他资金|事业收入)")),
    ("project", re.compile(r"^(?:其中:)?项目支出")),
    ("basic", re.compile(r"^(?:其中:)?基本支出")),
)


def _block_row_kind(row: list[Cell]) -> str | None:
    """What a budget-block row holds, by the label right before its first figure: a merged '年度资金总额' cell
    carried down beside '合计', '其中:基本支出' and '项目支出' (an HTML rowspan, a spreadsheet's merged cell) names
    the block, not the row; a label after the figures ('其中:一般公共预算 | a | b | c | 其中:基本支出 | …') is the
    other half of the row."""
    first_num = next((j for j, c in enumerate(row) if cell_number(c) is not None), len(row))
    before = [c.key.rstrip(":") for c in row[:first_num] if c.key and cell_number(c) is None]
    for k in reversed(before):
        kind = next((kind for kind, pat in _BLOCK_ROW_KINDS if pat.match(k)), None)
        if kind is not None:
            return kind
    labels = [c.key.rstrip(":") for c in row if c.key and cell_number(c) is None]
    return next((kind for kind, pat in _BLOCK_ROW_KINDS if any(pat.match(k) for k in labels)), None)


NAME_COLUMN = re.compile(r"^(?:项目|资金|专项|单位|部门)(?:名称)?$")


def _the_one_named_row(grid: Grid, h: int, r: int) -> bool:
    """Row r is the one data row of a result table whose header (row h) opens with a name column ('项目名称 |
    全年预算数 | 全年执行数 | 执行率 | 自评得分'): the named project's (or unit's) own figures."""
    head = next((c.key for c in grid.rows[h] if c.key), "")
    if r != h + 1 or not NAME_COLUMN.match(head):
        return False
    return r + 1 == len(grid.rows) or not any(cell_number(c) is not None for c in grid.rows[r + 1])


def read_one_row_result(view: DocView, grid: Grid) -> list[TableValue]:
    """自评得分 and 自评等级 of such a one-row result table, read down from their header cells."""
    out: list[TableValue] = []
    for h in range(len(grid.rows) - 1):
        if not _the_one_named_row(grid, h, h + 1):
            continue
        row, drow = grid.rows[h], grid.rows[h + 1]
        if len(row) != len(drow):
            continue
        for j, c in enumerate(row):
            k = re.sub(r"\(分\)$", "", c.key or "")
            if re.fullmatch(r"(?:自评|评价|综合)?(?:得分|总分)", k) and (v := cell_number(drow[j])) is not None \
                    and 0 < v <= 100:
                out.append(TableValue("self_score", v, cell_evidence(view, grid, h + 1, j, drow[j], c.key)))
            elif re.fullmatch(r"(?:自评|评价|绩效)?等(?:级|次)", k) and re.fullmatch(r"优秀?|良好?|中等?|差|合格|不合格",
                                                                               drow[j].key or ""):
                out.append(TableValue("grade", drow[j].key, cell_evidence(view, grid, h + 1, j, drow[j], c.key)))
    return out


STAGE_CELL = V.cell_regex(V.BUDGET_STAGE_CELL)
# a lower header row's stage column, bare ('年初') or in full ('调整后预算(万元)')
STAGE_COL = re.compile(rf"(?:{BUDGET_COLS['budget_initial_wan'].pattern}|{BUDGET_COLS['budget_adjusted_wan'].pattern})"
                       r"(?:\((?:万元|元)\))?")


def _staged(key: str, parent: str) -> str:
    """A bare stage under its parent read with the parent's words: '年初' or '年初数' under '预算数' -> '年初预算数'."""
    for k in (key, key.removesuffix("数")):
        if STAGE_CELL.match(k):
            return k + parent
    return key


def _stage_header(grid: Grid, h: int) -> list[Cell]:
    """Header row h with a parent '预算数' resolved by the row of bare stages under it ('预算数 | 执行数' over '年初 |
    调整后'): each stage read with the parent's words is a column of its own (年初预算数, 调整后预算数), so the parent
    is never taken for a lone final budget and the row's figures keep their columns.  A grid that kept the cells
    merges cover has the stages under their columns; one that dropped them puts the stages in the parent's place."""
    row = grid.rows[h]
    j = next((j for j, c in enumerate(row) if c.key and UNQUALIFIED_BUDGET_COL.match(c.key)), None)
    if j is None or h + 1 >= len(grid.rows):
        return row
    below = grid.rows[h + 1]
    parent = row[j]
    stages = [(i, _staged(k, parent.key)) for i, c in enumerate(below) if (k := c.key)]
    if len(stages) < 2 or not all(STAGE_COL.fullmatch(k) or OTHER_FIGURE_COL.match(k) for _, k in stages) or not any(
            STAGE_COL.fullmatch(k) for _, k in stages):
        return row
    if all(j <= i < len(row) and (i == j or not row[i].key) for i, _ in stages):  # under the parent's merged cells
        out = list(row)
        for i, k in stages:
            out[i] = replace(row[i], text=k)
        return out
    return row[:j] + [replace(parent, text=k) for _, k in stages] + row[j + 1:]


def read_budget_block(view: DocView, grid: Grid) -> list[TableValue]:
    """年初预算数 / 全年预算数 / 全年执行数 / 执行率 of the 年度资金总额 row (and its 其中 rows)."""
    out: list[TableValue] = []
    for h in range(len(grid.rows)):
        row = _stage_header(grid, h)
        keys = [c.key for c in row]
        hits = _budget_header(keys)
        if "expenditure_total_wan" not in hits or not ({"budget_initial_wan", "budget_adjusted_wan"} & set(hits)):
            continue
        factor, found = table_unit(view, grid, h)
        extra = {f: j for f, pat in (("exec_weight", r"^(?:分值|权重)$"), ("exec_score", r"^得分$"))
                 for j, k in enumerate(keys) if k and re.match(pat, k)}
        rel: dict[str, int] = {}  # column of each figure relative to the total row's label cell
        rows = range(h + 1, min(len(grid.rows), h + 8))
        # a block of the fiscal allocation alone ('财政拨款 | 1200 | 1450.8 | 1416.23 | …', no 合计 row): its row is
        # the only total the form gives, read in the 财政拨款 scope (docs/spec/fields.md)
        # (a total row none of whose cells reads as a number -- '3,724,055.00?' -- is no total the block gives)
        fiscal_only = not any(_block_row_kind(grid.rows[r]) == "total" and any(cell_number(c) is not None for c in grid.rows[r])
                              for r in rows)
        scope = "all"
        for r in rows:
            drow = grid.rows[r]
            shift = _row_shift(row, drow, hits)
            labels = [c.key.rstrip(":") for c in drow if c.key and cell_number(c) is None]
            if not labels:
                continue
            label_at = next(j for j, c in enumerate(drow) if c.key and cell_number(c) is None)
            target = _block_row_kind(drow)
            if target is None and _the_one_named_row(grid, h, r):
                target = "total"  # '项目名称 | 全年预算数 | 全年执行数 | …' over the project's one row
            if target in ("parts", None) and fiscal_only and any(FISCAL_ROW.match(k) for k in labels):
                target, scope, fiscal_only = "total", "财政拨款", False
            if target == "parts":
                out += _parts_beside(view, grid, r, factor, found, keys)  # an income line with the parts beside it
                continue
            if target is None or _misaligned(drow, hits, shift):
                continue
            if target == "total":
                for f, j in extra.items():
                    c = j + shift
                    if 0 <= c < len(drow) and (v := cell_number(drow[c])) is not None:
                        out.append(TableValue(f, v, cell_evidence(view, grid, r, c, drow[c], keys[j])))
            for f, j in hits.items():
                if f.startswith("_"):
                    continue
                c = j + shift  # header and data rows are right-aligned (merged label cells differ in count)
                if target != "total" and f in rel and not (0 <= c < len(drow) and cell_number(drow[c]) is not None):
                    c = label_at + rel[f]  # a row cut short (its trailing cells wrapped): align as the total row
                if not 0 <= c < len(drow):
                    continue
                cell = drow[c]
                v = cell_number(cell)
                if v is None:
                    continue
                if target == "total":
                    rel[f] = c - label_at
                if f == "execution_rate_pct":
                    if target != "total":
                        continue
                    note = None
                    if "%" not in cell.key and v <= 1.5:
                        v, note = round(v * 100, 4), "fraction -> percent"
                    out.append(TableValue(f, v, cell_evidence(view, grid, r, c, cell, keys[j], note)))
                    continue
                name = f
                if target == "project":
                    if f != "expenditure_total_wan":
                        continue
                    name = "project_expenditure_wan"
                elif target == "basic":
                    if f != "expenditure_total_wan":
                        continue
                    name = "basic_expenditure_wan"
                note = factor_note(factor)
                out.append(TableValue(name, round(v * factor, 6), cell_evidence(view, grid, r, c, cell, keys[j], note),
                                      scope=scope if target == "total" else "all", unit_found=found))
        break
    return out


FISCAL_ROW = re.compile(r"^(?:其中:)?(?:当年|本年)?财政(?:拨款|资金)(?:资金)?$")


def _misaligned(drow: list[Cell], hits: dict[str, int], shift: int) -> bool:
    """A row whose money column holds a percentage ('部门整体支出总额 | 864.2 | 100% | 20' under 预算数 | 执行数 |
    执行率 | 得分: one figure left out) cannot be read by position."""
    return any(f != "execution_rate_pct" and not f.startswith("_") and 0 <= j + shift < len(drow) and "%" in (drow[j + shift].key or "")
               for f, j in hits.items())


# a spending block's own stage columns beside an income block ('收入 | 预算数 | 决算数 | 支出 | 预算数 | 决算数')
_SPENT_STAGE = re.compile(r"^(?:全年)?(?:决算|执行|实际支出|实际执行|支出)数?")
_ANY_STAGE = re.compile(r"^(?:年初|全年|调整后?)?(?:预算|决算|执行|实际支出|实际执行|支出)数?")


def _part_column(keys: list[str], drow: list[Cell], j: int) -> int:
    """The column of a part's figure after its label at j: the block's spent column when the header over the row
    names its stages ('支出 | 预算数 | 决算数': the 决算数, not the budget beside the label), else the next cell."""
    if len(keys) != len(drow):
        return j + 1
    for c in range(j + 1, len(keys)):
        k = keys[c] or ""
        if not _ANY_STAGE.match(k):
            break
        if _SPENT_STAGE.match(k):
            return c
    return j + 1


def _parts_beside(view: DocView, grid: Grid, r: int, factor: float, found: bool, keys: list[str]) -> list[TableValue]:
    """The 按支出性质分 half of a row led by an income line ('其中:一般公共预算 | a | b | c | 其中:基本支出 | 138.19'):
    a part's value is the block's spent figure after its label, never the row's own figures."""
    out: list[TableValue] = []
    drow = grid.rows[r]
    for j, c in enumerate(drow[:-1]):
        m = re.match(r"^(?:其中:)?(基本支出|项目支出)$", c.key.rstrip(":")) if c.key and cell_number(c) is None else None
        col = _part_column(keys, drow, j)
        if m is None or col >= len(drow) or (v := cell_number(drow[col])) is None:
            continue
        name = "basic_expenditure_wan" if m.group(1) == "基本支出" else "project_expenditure_wan"
        ev = cell_evidence(view, grid, r, col, drow[col], c.key, factor_note(factor))
        out.append(TableValue(name, round(v * factor, 6), ev, unit_found=found))
    return out


def read_spending_table(view: DocView, grid: Grid) -> list[TableValue]:
    """支出合计 / 基本支出 / 项目支出 of the summary row of a 支出 table (never an income table)."""
    header_end = None
    for i, row in enumerate(grid.rows):
        if any(cell_number(c) is not None for c in row[1:]) and i > 0:
            header_end = i
            break
    if header_end is None:
        return []
    headers = grid.rows[:header_end]
    flat = "".join(c.key for r in headers for c in r)
    if not ("基本支出" in flat and "项目支出" in flat and "支出" in flat):
        return []
    # the last header block (a grid may hold a caption row first)
    start = max((i for i, r in enumerate(headers) if r and r[0].key in {"机构名称", "单位名称", "项目", "科目名称",
                                                                        "部门名称", "单位"}), default=0)
    headers = headers[start:]
    width = max(len(r) for r in grid.rows[header_end:header_end + 3])
    labels = align_headers(headers, width)
    cols: dict[str, int] = {}
    for col, lab in labels.items():
        if "收入" in lab:
            continue
        if re.search(r"^支出合计|^合计$|^支出总计|^本年支出合计|^总计$", lab):
            cols.setdefault("expenditure_total_wan", col)
        elif re.search(r"^基本支出", lab):
            cols.setdefault("basic_expenditure_wan", col)
        elif re.search(r"^项目支出", lab):
            cols.setdefault("project_expenditure_wan", col)
    if "收入合计" in flat and "expenditure_total_wan" not in cols:
        return []
    if not cols:
        return []
    factor, found = table_unit(view, grid)
    r = header_end
    for i in range(header_end, len(grid.rows)):
        _, lab = _row_label(grid.rows[i])
        if re.search(r"汇总|合计|总计|全部|部门整体", lab):
            r = i
            break
        if lab.startswith(("机构名称", "项目名称")):
            break
    else:
        staged = _stage_rows(grid, header_end)
        if staged is not None:  # '年初预算 | 调整后预算 | 实际支出' down the side: the spending row, never the first
            if "expenditure" not in staged:
                return []
            r = staged.pop("expenditure")
            return (_staged_budgets(view, grid, staged, cols, labels, factor, found)
                    + read_spending_row(view, grid, r, cols, labels, factor, found))
    return read_spending_row(view, grid, r, cols, labels, factor, found)


# the rows of a table laid across (合计 | 基本支出 | 项目支出 over the columns) named for the money's stages
_STAGE_ROWS = (("budget_initial_wan", re.compile(r"^年初(?:预算|批复)")),
               ("budget_adjusted_wan", re.compile(r"^(?:调整后|调整|全年|年末)(?:的)?预算")),
               ("expenditure", re.compile(r"^(?:实际支出|支出决算|决算(?:数|支出)?|(?:全年)?执行数?|实际执行|全年支出|本年支出|实际使用)")))


def _stage_rows(grid: Grid, header_end: int) -> dict[str, int] | None:
    """Row of each stage when the rows name budget stages ('年初预算', '调整后预算', '实际支出'), else None."""
    found: dict[str, int] = {}
    for i in range(header_end, len(grid.rows)):
        _, lab = _row_label(grid.rows[i])
        kind = next((k for k, pat in _STAGE_ROWS if pat.match(lab)), None)
        if kind is not None:
            found.setdefault(kind, i)
    return found if any(k != "expenditure" for k in found) else None


def _staged_budgets(view: DocView, grid: Grid, staged: dict[str, int], cols: dict[str, int], labels: dict[int, str],
                    factor: float, found: bool) -> list[TableValue]:
    """年初/调整后 budgets of such a table: each stage row's figure under its 合计 column."""
    c = cols.get("expenditure_total_wan")
    out = []
    for f, r in staged.items():
        row = grid.rows[r]
        if c is None or c >= len(row) or (v := cell_number(row[c])) is None:
            continue
        ev = cell_evidence(view, grid, r, c, row[c], labels.get(c, ""), factor_note(factor))
        out.append(TableValue(f, round(v * factor, 6), ev, unit_found=found, rank=0))
    return out


def read_spending_row(view: DocView, grid: Grid, r: int, cols: dict[str, int], labels: dict[int, str], factor: float,
                      found: bool) -> list[TableValue]:
    """支出合计 / 基本支出 / 项目支出 of row r under the columns `cols` names."""
    drow = grid.rows[r]
    cols = _realign_by_sum(drow, cols)
    if not _parts_can_make_total(drow, cols, labels):
        return []  # a misread column: basic + project cannot give the total the row states
    out = []
    for f, c in cols.items():
        if c >= len(drow):
            continue
        v = cell_number(drow[c])
        if v is None:
            continue
        note = factor_note(factor)
        out.append(TableValue(f, round(v * factor, 6), cell_evidence(view, grid, r, c, drow[c], labels.get(c, ""), note),
                              unit_found=found, rank=0))
    return out


def _parts_can_make_total(row: list[Cell], cols: dict[str, int], labels: dict[int, str]) -> bool:
    """basic + project against the total of the same row: they may fall short of it only when the header
    names another spending column (上缴上级支出, 经营支出, 对附属单位补助支出), and never exceed it."""
    vals = {f: cell_number(row[c]) if c < len(row) else None for f, c in cols.items()}
    t, b, p = (vals.get(k) for k in ("expenditure_total_wan", "basic_expenditure_wan", "project_expenditure_wan"))
    if t is None or b is None or p is None:
        return True
    if abs(b + p - t) <= tol_amt(t):
        return True
    others = [lab for col, lab in labels.items() if "支出" in lab and col not in cols.values()]
    return b + p < t and bool(others)


def _realign_by_sum(row: list[Cell], cols: dict[str, int]) -> dict[str, int]:
    """If basic + project != total for the labelled columns (a misaligned merged header), pick the
    stated cell right of 基本支出 that makes basic + project = total; the values are read, not computed."""
    t, b, p = (cols.get(k) for k in ("expenditure_total_wan", "basic_expenditure_wan", "project_expenditure_wan"))
    if t is None or b is None or t >= len(row) or b >= len(row):
        return cols
    tv, bv = cell_number(row[t]), cell_number(row[b])
    if tv is None or bv is None:
        return cols
    tol = tol_amt(tv)
    pv = cell_number(row[p]) if p is not None and p < len(row) else None
    if pv is not None and abs(bv + pv - tv) <= tol:
        return cols
    fits = [j for j in range(b + 1, len(row)) if j != t and (v := cell_number(row[j])) is not None
            and abs(bv + v - tv) <= tol]
    if fits and len({cell_number(row[j]) for j in fits}) == 1:  # merged cells repeat one value
        return {**cols, "project_expenditure_wan": fits[0]}
    return cols


SCORE_LABEL = V.cell_regex(V.SCORE_CELL)


def is_total_label(key: str) -> bool:
    """'总分', '综合得分', and compound labels such as '总分值、评价总分(S)' (the last part names the score)."""
    k = re.sub(r"\([A-Za-z]\)$", "", key)
    return bool(SCORE_LABEL.match(k)) or any(SCORE_LABEL.match(x) for x in re.split(r"[、/]", k)[1:])


def grade_cell_text(text: str) -> str:
    """A grade cell as stated, without a band note: '优（S≧90）' -> '优'; a cell of boxes, its ticked option
    ('√优 □良 □中 □差', '□优 ■良 □中 □差', '优☑ 良□') -> '优'."""
    t = fix_glyphs(text)
    m = re.match(r"^(优秀|良好|中等|较差|优|良|中|差)\s*[(（][^)）]*[)）]$", t)
    if m:
        return m.group(1)
    if re.search(rf"[{V.BOXES}]", t):
        opt = r"(优秀|良好|中等|较差|合格|不合格|优|良|中|差)"
        ticked = re.findall(rf"[{V.TICKS}]\s*{opt}", t) or re.findall(rf"{opt}\s*[{V.TICKS}]", t)
        if len(ticked) == 1:
            return ticked[0]
    return t
# '绩效评价等级(优/良/中/差)': the label with the grades it may take
GRADE_LABEL = V.cell_regex(V.GRADE_CELL, rf"(?:{V.GRADE_OPTIONS})?[:]?")
DEPT_LABEL = V.cell_regex(V.DEPARTMENT, V.SEAL)
PROJECT_LABEL = V.cell_regex(V.PROJECT_NAME)


def _weight_score_columns(grid: Grid, r: int, reach: int = 40) -> tuple[int, int, int] | None:
    """(分值 column, 得分 column, header row) of the indicator grid over row r, if a header above names both."""
    for h in range(r - 1, max(-1, r - reach), -1):
        keys = [c.key or "" for c in grid.rows[h]]
        w = next((j for j, k in enumerate(keys) if re.fullmatch(V.WEIGHT_HEADER, k)), None)
        sc = next((j for j, k in enumerate(keys) if re.fullmatch(V.SCORE_HEADER, k)), None)
        if w is not None and sc is not None:
            return w, sc, h
    return None


def weight_then_score(row: list[Cell], k: int) -> tuple[int, Cell] | None:
    """'合计 | 100 | 99.16' whose label spans one cell too many: the 100 under the 得分 header (column k) is the
    row's 分值, and the score is the one number after it. (its column, its cell)"""
    if not 0 <= k < len(row) or cell_number(row[k]) != 100:
        return None
    after = [(j, y) for j, y in enumerate(row[k + 1:], start=k + 1)
             if y.key and y.key != row[k].key and cell_number(y) is not None]
    return after[0] if len(after) == 1 and 0 < (cell_number(after[0][1]) or 0) < 100 else None


def read_label_cells(view: DocView, grid: Grid) -> list[TableValue]:
    """Values right of a label cell: 综合得分 | 99.5, 评价等次 | 优, 部门名称 | 单位."""
    out: list[TableValue] = []
    for r, row in enumerate(grid.rows):
        scored = False
        for j, c in enumerate(row):
            k = c.key
            if not k:
                continue
            kind = ("self_score" if is_total_label(k) else "grade" if GRADE_LABEL.match(k)
                    else "department" if DEPT_LABEL.match(k) else "project_name" if PROJECT_LABEL.match(k) else None)
            if kind is None or scored and kind != "grade":
                continue  # (after the score, only its grade: '自评得分 | 92 | 等级 | 优', Anhui)
            rest = [(jj, x) for jj, x in enumerate(row[j + 1:], start=j + 1) if x.key and x.key != k]
            if not rest:
                continue
            if kind == "self_score":
                if any(re.search(r"分值|权重|评分标准|指标", x.key) for x in row[:j]):
                    continue  # '指标分值 | 评分标准 | 自评得分': a column header, the next cells are another row's
                nums = [(jj, x) for jj, x in rest if cell_number(x) is not None]
                if not nums:
                    continue
                jj, x = nums[-1]
                cols = _weight_score_columns(grid, r)
                if cols is not None and len(row) == len(grid.rows[cols[2]]) and cols[1] < len(row):
                    if cell_number(row[cols[1]]) is None:
                        continue  # '总分 | … | 100 | |': the 分值 column filled, the 得分 cell left blank
                    jj, x = weight_then_score(row, cols[1]) or (cols[1], row[cols[1]])
                v = cell_number(x)
                if v is not None and 0 < v <= 100:
                    out.append(TableValue("self_score", v, cell_evidence(view, grid, r, jj, x, k)))
                    scored = True
                    continue
            elif kind == "grade":
                jj, x = rest[-1]
                if len(x.key) > 10:  # a 评价结论 paragraph, not a grade
                    continue
                out.append(TableValue("grade", grade_cell_text(x.text), cell_evidence(view, grid, r, jj, x, k)))
            else:
                jj, x = rest[0]
                if kind == "department" and len(x.key) >= 3:
                    out.append(TableValue("department", fix_glyphs(x.text), cell_evidence(view, grid, r, jj, x, k)))
                elif kind == "project_name":
                    out.append(TableValue("project_name", fix_glyphs(x.text), cell_evidence(view, grid, r, jj, x, k)))
            break
    return out
