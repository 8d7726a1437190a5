"""Spending read from the 部门(单位)年度支出和结余情况 table of Hunan's 部门整体支出绩效评价基础数据表.

Its header is two rows deep (支出合计 | 其中: 基本支出 (其中: 人员支出, 公用支出), 项目支出 | 结余: 当年结余, 累计结余),
so once flattened the header's words come in an order that is not the values' order:

    机构名称 / 支出合计 / 其中: / 结余 / 基本支出 / 其中: / 项目支出 / 当年结余 / 累计结余 / 人员支出 / 公用支出
    某县教育局 / 41263.58 / 39417.26 / 18936.40 / 20480.86 / 1846.32 / 612.05 / 1538.70

The values follow the columns: 支出合计, 基本支出, 人员支出, 公用支出, 项目支出, 当年结余, 累计结余.  A row is read
only when its own sums hold (支出合计 = 基本支出 + 项目支出, 基本支出 = 人员支出 + 公用支出), so a row whose
empty cells were dropped, or a template that orders its columns otherwise, is skipped rather than guessed.
"""

from __future__ import annotations

import re

from .evidence import DocView
from .formstream import Token, cell_lines, figure_value, unit_above
from .numbers import parse_number
from .tableread import TableValue

TABLE_HEAD = re.compile(r"年度支出和结余情况")
NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")
# the next part of the sheet or of the report: the table ends there
TABLE_END = re.compile(r"^(?:[一二三四五六七八九十]+、|年度收入情况|部门(?:\(单位\))?(?:年度)?(?:收入|预算|资产))")
_TOLERANCE = 0.02  # 万元: cents lost to rounding in a sum of two cells


def read_balance_table(view: DocView, start: int, end: int) -> list[TableValue]:
    """支出合计, 基本支出 and 项目支出 of the first 年度支出和结余情况 table in [start, end) whose row adds up."""
    if not TABLE_HEAD.search(view.norm, start, end):
        return []  # (most parts: no need to split them into cells)
    lines = cell_lines(view.norm, start, end)
    for i, line in enumerate(lines):
        if not TABLE_HEAD.search(line.text):
            continue
        row = _first_row(lines[i + 1:i + 60])
        if row is None:
            continue
        total, basic, staff, public, project = row[:5]
        if not (_adds_up(total, basic, project) and _adds_up(basic, staff, public)):
            continue
        factor, found = unit_above(view, line.start, line.end, before=0)
        cell = "基础数据表 [部门(单位)年度支出和结余情况]"
        return [figure_value(view, f, tok, factor, found, cell) for f, tok in
                (("expenditure_total_wan", total), ("basic_expenditure_wan", basic),
                 ("project_expenditure_wan", project))]
    return []


def _first_row(lines: list[Token]) -> list[Token] | None:
    """The first run of five or more figures (the unit's row; the header's words and the unit's name come first)."""
    run: list[Token] = []
    for t in lines:
        if NUMBER.match(t.text.strip()):
            run.append(t)
            continue
        if len(run) >= 5:
            return run
        if run or TABLE_END.match(t.text):
            return None  # a figure alone, or the table ended: no whole row
    return run if len(run) >= 5 else None


def _adds_up(whole: Token, a: Token, b: Token) -> bool:
    w, x, y = (parse_number(t.text) or 0.0 for t in (whole, a, b))
    return w > 0 and abs(w - x - y) <= _TOLERANCE
