"""Spending read from a base-data table whose columns are named by year: Hunan's 部门整体支出绩效评价基础数据表
('经费控制情况(万元) | 2021年决算数 | 2022年预算数 | 2022年决算数', rows 支出总额 / 基本支出 / 项目支出) and
the like.  The evaluated year's 决算数 (or 执行数) column is what the unit spent; the other columns are the
year before and the plan, so a reader that did not know the columns' years would take the wrong one.

The table reaches us flattened like any form (one cell per line, or `|` rows turned into lines by the
normaliser, or a row on one line); a row is read only when it carries exactly one value per column, so a
row whose empty cells were dropped is skipped rather than guessed.
"""

from __future__ import annotations

import re

from .evidence import DocView
from .formstream import Token, cell_lines, figure_value, unit_above
from .tableread import TableValue

# (a bare year, '指标 | 2023年 | 2022年', heads a column of that year's every figure, its rows naming each)
YEAR_COLUMN = re.compile(r"^(20\d\d)\s*年(?:度)?\s*(决算数?|预算数?|执行数|实际支出数?|)[:]?$")
ROWS = (("expenditure_total_wan", re.compile(r"^(?:支出总额|支出合计|总支出|经费支出总额)[:]?")),
        ("basic_expenditure_wan", re.compile(r"^(?:其中[:]?)?基本支出[:]?")),
        ("project_expenditure_wan", re.compile(r"^(?:其中[:]?)?项目支出[:]?")))
# the rows only a bare year's column holds: its budgets and its rate
YEAR_ROWS = (("budget_initial_wan", re.compile(r"^年初预算(?:数)?[:]?")),
             ("budget_adjusted_wan", re.compile(r"^(?:调整后预算|全年预算|调整预算)(?:数)?[:]?")),
             ("execution_rate_pct", re.compile(r"^(?:预算)?执行率[:]?")))
NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")
SPENT = ("决算", "决算数", "执行数", "实际支出", "实际支出数", "")


def read_year_columns(view: DocView, start: int, end: int, fiscal_year: int | None) -> list[TableValue]:
    """The evaluated year's spent column of every year-column table in [start, end)."""
    if fiscal_year is None:
        return []
    lines = cell_lines(view.norm, start, end)
    out: list[TableValue] = []
    i = 0
    while i < len(lines):
        cols = _header(lines, i)
        if len(cols) < 2:
            i += 1
            continue
        body = i + len(cols)
        target = next((k for k, (y, kind) in enumerate(cols) if y == fiscal_year and kind in SPENT), None)
        if target is not None:
            factor, found = unit_above(view, lines[max(0, i - 3)].start, lines[i].start, before=40)
            rows = ROWS + (YEAR_ROWS if cols[target][1] == "" else ())
            out += [v for v in _rows(view, lines, body, len(cols), target, factor, found, rows)
                    if not any(o.field == v.field for o in out)]
        i = body
    return out


def _header(lines: list[Token], i: int) -> list[tuple[int, str]]:
    """(year, kind) of the run of year-named column labels starting at line i."""
    cols: list[tuple[int, str]] = []
    while i + len(cols) < len(lines):
        m = YEAR_COLUMN.match(lines[i + len(cols)].text.replace(" ", ""))
        if m is None:
            break
        cols.append((int(m.group(1)), m.group(2)))
    return cols


def _rows(view: DocView, lines: list[Token], body: int, ncols: int, target: int, factor: float,
          found: bool, rows: tuple[tuple[str, re.Pattern[str]], ...] = ROWS) -> list[TableValue]:
    out: list[TableValue] = []
    for k in range(body, min(len(lines), body + 120)):
        if _header(lines, k):
            break  # the next table
        for field, label in rows:
            m = label.match(lines[k].text)
            if m is None or any(o.field == field for o in out):
                continue
            vals = _row_values(lines, k, m.end(), ncols)
            if vals is None:
                continue
            tok = vals[target]
            if (field == "execution_rate_pct") != tok.text.endswith("%"):
                continue  # a rate row holds percentages, a figure row amounts
            out.append(figure_value(view, field, tok, factor, found))
    return out


def _row_values(lines: list[Token], k: int, label_end: int, ncols: int) -> list[Token] | None:
    """Exactly one number per column: on the label's own line ('支出总额 1274.38 1342.49 1342.49') or on the
    lines after it; anything else (a dropped empty cell, a word) makes the row unreadable."""
    line = lines[k]
    rest = line.text[label_end:]
    if rest.strip():
        toks = [Token(m.group(0), line.start + label_end + m.start(), line.start + label_end + m.end())
                for m in re.finditer(r"\S+", rest)]
    else:
        toks = lines[k + 1:k + 1 + ncols]
    if len(toks) != ncols or not all(NUMBER.match(t.text) for t in toks):
        return None
    nxt = k + 1 + (0 if rest.strip() else ncols)
    if nxt < len(lines) and NUMBER.match(lines[nxt].text):
        return None  # more numbers than columns: not this table's row
    return toks

