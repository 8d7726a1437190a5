"""The budget block of a 自评表 read from a stream of cells, whatever shape the table arrived in.

Portals and converters flatten the form's grid in many ways: one cell per line with blank lines between
(a Word table pasted into a CMS), `|`-rendered rows whose merged cells were dropped (the normaliser turns
every `|` into a line break), or one row per line with cells separated by spaces
("年度资金总额 45 45 10 100% 10").  What survives is the order: the header labels (年初预算数, 全年预算数,
全年执行数, 分值, 执行率, 得分, themselves sometimes split over two lines: "年初" / "预算数"), then the
row label 年度资金总额, then its values.  Empty cells are often dropped, so the values cannot be matched
to the columns by position alone.

`read_budget_stream` therefore tries every order-preserving way of giving the values to the columns and
keeps the assignments that break no rule of the form: the rate column takes the value written with %,
amounts are never percentages, a row score never exceeds its 分值, and 执行率 = 执行数 / 全年预算数 (±1 pp)
wherever both sides are present.  Among valid assignments the ones that could check the most rules win;
a field is read only when all of them agree on its value (otherwise it stays unread and the prose or a
person decides).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from . import vocabulary as V
from .evidence import DocView, norm_lines
from .numbers import UNIT_FACTOR, factor_note
from .tableread import GRADE_LABEL, TableValue, lone_budget_is_final
from .tables import ROW_NUMBER

# the in-year change between the 年初 and the final budget (Fujian: 年初预算数(1) | 年中调整数(2) | 小计(3=1+2)):
# read past, and a check of the budgets (1 + 2 = 3)
BUDGET_CHANGE = (V.Label(r"年中(?:调整|追加)(?!后|预算|批复)(?:数|金额)?", "年中调整数(2) 20"),)
COLUMNS = tuple((f, V.alternation(labels)) for f, labels in V.BUDGET_COLUMNS.items()) + (
    ("budget_change", V.alternation(BUDGET_CHANGE)),)
_COL_RE = re.compile("|".join(f"(?P<c{i}>{pat})" for i, (_f, pat) in enumerate(COLUMNS)))
# the row label may follow the block's unit cell: '(万元) 年度资金总额 29 29 27.8 9 0.958 8'
ROW_LABEL = re.compile(rf"^(?:[(（](?:万元|元)[)）]\s*)?(?:{ROW_NUMBER})?(?:{V.alternation(V.BUDGET_ROW_TOTAL)})[:]?")
# the fund's first row when the form prints no 年度资金总额 row ('当年财政拨款 | 300 | 350 | 340.12 | 10 | 97.18% | 9.72')
FIRST_FUND_ROW = re.compile(r"^(?:其中[:]?)?当年财政拨款(?:资金)?[:]?")
PART_ROWS = (("basic_expenditure_wan", re.compile(rf"^(?:{ROW_NUMBER})?(?:其中[:]?)?基本支出[:]?")),
             ("project_expenditure_wan", re.compile(rf"^(?:{ROW_NUMBER})?(?:其中[:]?)?项目支出[:]?")))
# '3359.62万': a cell with its unit; '—' an empty cell ('一'/'二': a scan's OCR of it)
VALUE = re.compile(r"^(?:-?\d[\d,]*(?:\.\d+)?(?:%|万元?)?|[-—–/]+|[一二]|0)$")
UNIT = re.compile(r"\((万元|元|亿元)\)|单位[:]?(万元|元|亿元)|(万元|元)\)?$")
AMOUNTS = ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan")
OTHER_RATES = ("received_rate", "spend_rate")  # percentage columns that are read past, never as the 执行率


@dataclass
class Token:
    text: str
    start: int  # normalised span
    end: int


def cell_lines(norm: str, start: int, end: int) -> list[Token]:
    return [Token(text, s, e) for s, e, text in norm_lines(norm, start, end)]


def _header(lines: list[Token], r: int) -> list[tuple[str, Token]] | None:
    """Columns named in the header above the row-label line r.

    The header is the run of short lines (cells) right above the row label, joined so that a label split
    over two lines ('年初' / '预算数') still reads; a single long line is a header only when it names
    three columns or more (a row rendered on one line)."""
    h = _header_walk(lines, r)
    if h > 0 and r - h <= 2 and len(_COL_RE.findall(lines[h - 1].text)) >= 3:
        h -= 1  # a one-line header above a unit cell: '项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分' / '(万元)'
    # a header is labels only: a figure above its labels belongs to a row of its own ('自评得分' / '99.32' printed
    # above the money block), whose label must not take a column of the block; and a header whose labels and
    # figures alternate ('预算数:' / '12.6' / '执行数:') is pairs, no header (figures of the block's own rows above a
    # total row that comes last have no column label after them)
    h = max([h] + [k + 1 for k in range(h, r) if _is_figure(lines[k]) and _COL_RE.search(_labels_between(lines, k + 1, r))])
    window = lines[h:r]
    if not window and r > 0:
        window = [lines[r - 1]]
    joined, owner = "", []
    for k, t in enumerate(window):
        joined += t.text
        owner += [k] * len(t.text)
    found = [(COLUMNS[int(m.lastgroup[1:])][0], window[owner[m.start()]], set(owner[m.start():m.end()]))  # type: ignore[index]
             for m in _COL_RE.finditer(joined) if not _bracketed(joined, m.start())]
    cols = _columns(_with_unknown_figures([(f, t) for f, t, _ in found], window, {k for *_, ks in found for k in ks}))
    if len(window) == 1 and len(window[0].text) > 16 and len(cols) < 3 and r > 0:
        return None
    cols = _parent_budget(_years_first(_without_caption(cols, window)), window)
    names = [c for c, _ in cols]
    amounts = [c for c in names if c in AMOUNTS or c == "budget_unqualified"]
    if len(amounts) < 2 and not (amounts and "execution_rate_pct" in names):
        return None
    return cols


HEADER_REACH = 16  # label cells a header (and the fund rows between it and a last 合计 row) may hold


def _header_walk(lines: list[Token], r: int) -> int:
    """The first line of the run of header-like cells above line r.  The walk is bounded by label cells, not
    lines: the figures of fund rows standing between the header and a 合计 row that comes last (one cell a line,
    five cells a row) are the rows' own and cost nothing, so three or more such rows do not hide the header."""
    h, labels = r, 0
    while h > 0 and labels < HEADER_REACH and _header_cell(lines[h - 1].text):
        h -= 1
        labels += not _is_figure(lines[h])
    return h


def _is_figure(t: Token) -> bool:
    return bool(VALUE.match(t.text) and re.search(r"\d", t.text))


def _labels_between(lines: list[Token], a: int, b: int) -> str:
    """The header-like text of lines a..b, leaving out the labels of rows (a label whose figures follow it: a fund
    row '上年结转' / '0.00' between the header and a 合计 row that comes last names a row, not a column)."""
    return "".join(lines[k].text for k in range(a, b) if not (k + 1 < b and _is_figure(lines[k + 1])))


def _without_caption(cols: list[tuple[str, Token]], window: list[Token]) -> list[tuple[str, Token]]:
    """The columns without a caption heading the block ('年度预算资金(万元)' / '资金来源' / '全年预算数' …, Guizhou): a
    budget word left of the row-name column names the block, not a column (its cell is merged down beside the rows'
    names and holds no figure)."""
    if len(cols) < 2 or cols[0][0] != "budget_unqualified":
        return cols
    between = [t for t in window if cols[0][1].end <= t.start and t.end <= cols[1][1].start]
    return cols[1:] if any(_ROW_NAME_CELL.match(t.text) for t in between) else cols


_STAGE = re.compile(V.alternation(V.BUDGET_STAGE_CELL))
# a stage cell, or a figure read past beside it ('年初数 | 调整数' under Jiangxi's '预算数')
_STAGE_PIECE = re.compile(rf"(?P<stage>{_STAGE.pattern})数?|(?P<other>{V.alternation(V.BUDGET_COLUMNS['other_figure'])})")
# ('年初调整后', '年初数调整数': the normaliser drops the space between words)
_STAGE_CELLS = re.compile(rf"^(?=.*?(?:{_STAGE.pattern}))(?:{_STAGE_PIECE.pattern})+$")
_STAGES = {"budget_initial_wan", "budget_adjusted_wan"}


def _parent_budget(cols: list[tuple[str, Token]], window: list[Token]) -> list[tuple[str, Token]]:
    """A '预算数' spanning the 年初 and the final budget in a two-row header is a parent, no column of its own: its
    two stage columns take its place in the row's order.  They are written in full right after it ('年度预算数' over
    '年初预算 | 调整后预算数') or, when the lower row comes after the upper row's other columns ('预算数 | 执行数 |
    执行率' over '年初 | 调整后'), as the header's last cells — bare stages then read with the parent's words."""
    names = [c for c, _ in cols]
    if "budget_unqualified" not in names:
        return cols
    k = names.index("budget_unqualified")
    parent = cols[k][1]
    bare: list[tuple[str | None, Token]] = []
    for t in window:
        if t.start <= parent.start:
            continue
        if _STAGE_CELLS.match(t.text):  # ('年初数 | 调整数' under '预算数': the second is read past)
            bare += [(_stage_field(m.group("stage") + parent.text) if m.group("stage") else "other_figure",
                      Token(m.group(0), t.start + m.start(), t.start + m.end())) for m in _STAGE_PIECE.finditer(t.text)]
        elif bare and (piece := _STAGE_PIECE.fullmatch(t.text)) and piece.group("other"):
            bare.append(("other_figure", t))
    stages = {f for f, _ in bare if f in _STAGES}
    if stages and all(f in _STAGES or f == "other_figure" for f, _ in bare) and (
            stages == _STAGES or len(bare) > len(stages)):
        rest = [c for c in cols[k + 1:] if c[1].start < bare[0][1].start]
        return cols[:k] + bare + rest  # type: ignore[operator]
    for j in range(k + 1, len(cols) - 1):
        if set(names[j:j + 2]) == _STAGES and (j == k + 1 or j + 2 == len(cols)):
            return cols[:k] + cols[j:j + 2] + cols[k + 1:j] + cols[j + 2:]
    return cols


def _stage_field(label: str) -> str | None:
    """The column a stage written with its parent's words names ('年初' + '预算数' -> budget_initial_wan)."""
    m = _COL_RE.match(label)
    return COLUMNS[int(m.lastgroup[1:])][0] if m and m.lastgroup else None


# a header cell naming a figure the reader has no field for ('实际拨付数' between 年初预算安排数 and 实际支出数)
UNKNOWN_FIGURE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:数|金额)(?:\((?:万元|元)\))?$")


def _with_unknown_figures(found: list[tuple[str, Token]], window: list[Token], named: set[int]) -> list[tuple[str, Token]]:
    """The header's columns with the figure columns the vocabulary does not know, after the first known one, read
    past ('other_figure'): each holds a value of its own, so the known labels keep their own values instead of
    taking their neighbour's by position."""
    if not found:
        return found
    first = min(named)
    extra = [("other_figure", t) for k, t in enumerate(window) if k > first and k not in named and UNKNOWN_FIGURE.match(t.text)]
    return sorted(found + extra, key=lambda c: c[1].start) if extra else found


def _columns(found: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """The header's columns from the labels found in order (a first header row ending with the 分值 and 得分 its
    second row ends with too is a parent row, left out).  Amount columns named twice over, two of them at least,
    are two years' ('2022年度 | 2023年度' over '年初预算数 全年预算数 全年执行数' twice): the earlier copies become
    columns read past and the later, the report's year, keep the fields.  Any other repeat is a header printed
    twice or a label quoting another ('执行率(全年执行数/全年预算数)') and adds nothing."""
    names = [f for f, _ in found]
    for end in ("exec_score", "exec_weight"):
        k = names.index(end) if end in names else -1
        if k >= 0 and end in names[k + 1:] and any(f in AMOUNTS for f in names[k + 1:names.index(end, k + 1)]):
            # a two-row header whose first row ends with 分值/得分 too ('预算安排 | 拨付情况 | 结余情况 | 分值 | 得分'
            # over the numbered columns, Fujian): the columns are the second row's
            found = found[k + 1:]
            names = [f for f, _ in found]
            break
    twice = {f for f in AMOUNTS if names.count(f) >= 2}
    cols: list[tuple[str, Token]] = []
    for k, (f, tok) in enumerate(found):
        if len(twice) >= 2 and f in twice and f in names[k + 1:]:
            cols.append(("other_figure", tok))
        elif f not in [c for c, _ in cols] or f == "other_figure":
            cols.append((f, tok))
    return cols


_ROW_WORDS = re.compile(rf"{V.alternation(V.BUDGET_ROW_TOTAL)}|其中")


def _header_cell(text: str) -> bool:
    """A line that may be a cell of the header: short, or a label with its column number or formula
    ('支出实现率(%)(5)=(4)/(3)', '年初部门预算安排金额(含历年结余结转)(1)': Fujian's numbered columns).  A longer line
    naming columns is a header row too, unless it names a row as well (a header wrapped into the rows: '年初预算数
    (万元) 年度资金总额 其中:…')."""
    return len(text) <= 16 or (len(text) <= 32 and bool(re.search(r"\(\d\)|=", text) or (
        _COL_RE.search(text) and not _ROW_WORDS.search(text))))


def _bracketed(text: str, pos: int) -> bool:
    """The label at `pos` stands inside brackets: a formula quoting other columns ('执行率(全年执行数/全年预算数)'),
    no column of its own."""
    opened = text.rfind("(", 0, pos)
    if opened < 0 or text.rfind(")", 0, pos) > opened:
        return False
    closed = text.find(")", pos)  # an unclosed '(万元' cell opens nothing
    return closed >= 0 and not 0 <= text.find("(", pos, closed)


def _years_first(cols: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """A two-year header ('项目 | 2022年度 | 2023年度 | 执行率 | 得分' over the years' 年初预算数 … columns) lists the
    years' amount columns in its second row, after the 执行率 and 得分 its first row ends with; the values run in
    the grid's order, the years' amounts first."""
    names = [c for c, _ in cols]
    if "other_figure" not in names or not any(c in AMOUNTS for c in names):
        return cols
    first_amount = next(k for k, c in enumerate(names) if c in AMOUNTS or c == "other_figure")
    lead = [(c, t) for c, t in cols[:first_amount] if c in ("execution_rate_pct", "exec_weight", "exec_score")]
    if not lead or len(lead) != first_amount:
        return cols
    return cols[first_amount:] + lead


_CELL_VALUE = re.compile(r"-?\d[\d,]*(?:\.\d+)?(?:%|万元?|元)?|[-—–/]+|[一二](?![\u4e00-\u9fff])")
_DASH_CELL = re.compile(r"[-—–/]+")  # an empty cell's dash (after a cell: never a minus sign)


def _values(lines: list[Token], k: int, limit: int, row_label: re.Pattern[str] = ROW_LABEL) -> list[Token] | None:
    """Value tokens of the row-label line k: the rest of its line (space-separated, up to the first
    word) and the following lines of values."""
    label = lines[k]
    m = row_label.match(label.text)
    if m is None:
        return None
    vals: list[Token] = []
    pos = m.end()
    for part in re.split(r"(\s+)", label.text[m.end():]):
        if not part.strip():
            pos += len(part)
            continue
        # cells that lost the space between them keep their unit: '620.82万元620.82万元620.82万元100'
        at = 0
        while (lead := (_DASH_CELL.match(part, at) if at else None) or _CELL_VALUE.match(part, at)) is not None \
                and lead.end() > at:
            vals.append(Token(lead.group(0), label.start + pos + at, label.start + pos + lead.end()))
            at = lead.end()
            # the next cell follows without a space when the unit ends this one or a dash stands for an empty cell
            # ('598.5—96.53%—': the normaliser dropped the spaces around a 分值 the form left as '—')
            if not (lead.group(0).endswith(("万元", "万", "元")) or _DASH_CELL.fullmatch(lead.group(0))
                    or _DASH_CELL.match(part, at)):
                break
        if at == 0:
            break
        if at < len(part):
            break  # '10执行率*该指标分值…': the values end where the words start
        pos += len(part)
    n = k + 1
    while n < len(lines) and len(vals) < limit:
        parts = lines[n].text.split(" ")
        if not all(VALUE.match(p) for p in parts):
            break
        off = lines[n].start
        for p in parts:
            s = lines[n].text.find(p, off - lines[n].start) + lines[n].start
            vals.append(Token(p, s, s + len(p)))
            off = s + len(p)
        n += 1
    return vals or None


def _num(t: str) -> float | None:
    if not re.search(r"\d", t):
        return None
    try:
        return float(re.sub(r"(?:%|万元?)$", "", t).replace(",", "").replace(" ", ""))
    except ValueError:
        return None


def _is_exec_weight(w: float) -> bool:
    """The 执行率 row's 分值 is a share of the 100 points (10, 20); a 100 there is the whole form's."""
    return 0 < w <= 30


def _check(assign: dict[str, Token]) -> tuple[bool, int]:
    """(no rule broken, rules checked) of one assignment."""
    checks = 0
    for f, tok in assign.items():
        pct = tok.text.endswith("%")
        if f == "execution_rate_pct":
            if not pct and (_num(tok.text) is None or _num(tok.text) > 200):  # type: ignore[operator]
                return False, 0
        elif pct and f not in OTHER_RATES:
            return False, 0
    v = {f: _num(t.text) for f, t in assign.items()}
    w, sc = v.get("exec_weight"), v.get("exec_score")
    if w is not None and not _is_exec_weight(w):
        if not (w == 100 and len(assign) >= 5):
            return False, 0
        w = sc = None  # '分值 100 | … | 得分 98': the form's whole score sits in the 执行率 row; amounts still read
    if w is not None and sc is not None:
        if sc > w + 1e-9:
            return False, 0
        checks += 1
    ini, chg, fin = v.get("budget_initial_wan"), v.get("budget_change"), v.get("budget_adjusted_wan")
    if ini is not None and chg is not None and fin is not None:
        if abs(ini + chg - fin) > 0.011:
            return False, 0
        checks += 2
    ex, rate = v.get("expenditure_total_wan"), v.get("execution_rate_pct")
    adj = v.get("budget_adjusted_wan") or v.get("budget_unqualified")
    if rate is not None and ex is not None and adj:
        if rate <= 1.5 and not assign["execution_rate_pct"].text.endswith("%"):
            rate *= 100
        if abs(100 * ex / adj - rate) > 1.0:
            return False, 0
        checks += 2
    return True, checks


def _solve(cols: list[str], vals: list[Token]) -> dict[str, Token]:
    """The values every best valid assignment agrees on (see the module docstring)."""
    n, m = len(cols), len(vals)
    # one or two values more than columns (a merged cell printed twice: '28.1 28.1 28.1 28.1 10 100% 10' under six
    # columns): every way of leaving them out is tried; further runs are the next row's
    subsets = list(itertools.combinations(vals, n)) if n < m <= n + 2 else [tuple(vals[:n])]
    options: list[tuple[int, dict[str, Token]]] = []
    for subset in subsets:
        for kept in itertools.combinations(range(n), len(subset)):
            assign = {cols[c]: subset[k] for k, c in enumerate(kept) if re.search(r"\d", subset[k].text)}
            ok, checks = _check(assign)
            if ok:
                options.append((checks, assign))
    if not options:
        if n == m:  # every cell present: the row reads by position, and a rate that disagrees is validation's to flag
            assign = {cols[k]: vals[k] for k in range(n) if re.search(r"\d", vals[k].text)}
            if all((f == "execution_rate_pct") == t.text.endswith("%") for f, t in assign.items()
                   if f in AMOUNTS or f == "execution_rate_pct"):
                return assign
        return {}
    best = max(c for c, _ in options)
    top = [a for c, a in options if c == best]
    agreed = {}
    for f in cols:
        toks = [a.get(f) for a in top]
        if all(t is not None for t in toks) and len({t.text for t in toks}) == 1:  # type: ignore[union-attr]
            agreed[f] = toks[0]  # the same value whichever copy: its first cell is the evidence
    weight = agreed.get("exec_weight")
    if weight is not None and not _is_exec_weight(_num(weight.text) or 0):
        agreed.pop("exec_weight")  # a whole-form 分值 100 is no 执行率 weight (IND-02 would misread it)
        agreed.pop("exec_score", None)
    rate = agreed.get("execution_rate_pct")
    amounts = [t for t in vals if re.search(r"\d", t.text) and not t.text.endswith("%") and t is not agreed.get("exec_score")
               and t is not agreed.get("exec_weight")]
    if (rate is not None and _num(rate.text) == 100.0 and len(amounts) == 1 and "expenditure_total_wan" in cols
            and not any(f in agreed for f in (*AMOUNTS, "budget_unqualified"))):
        # '预算数 | 执行数 | 执行率 | 得分' over '864.2 | 100% | 20': at 100 % the one amount is both
        budget = next((f for f in ("budget_adjusted_wan", "budget_unqualified") if f in cols), None)
        agreed["expenditure_total_wan"] = amounts[0]
        if budget is not None:
            agreed[budget] = amounts[0]
    return agreed  # type: ignore[return-value]


def unit_above(view: DocView, start: int, header_end: int, before: int = 200) -> tuple[float, bool]:
    """(factor to 万元, unit found) from the last unit named in the `before` characters above `start`, down to
    `header_end`."""
    window = view.norm[max(0, start - before):header_end]
    units = [next(g for g in m.groups() if g) for m in UNIT.finditer(window)]
    if not units:
        return 1.0, False
    u = units[-1]
    return UNIT_FACTOR[u], True


_NUM_TOKEN = r"(?:-?\d[\d,]*(?:\.\d+)?(?:%|万元)?|[-—–/]+)"  # '620.82万元': a cell with its unit
_SPACED_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3} 0\d\d\.\d")
_SPACED_NUM_TOKEN = r"(?:-?\d{1,3}(?: \d{3})+\.\d+|" + _NUM_TOKEN[3:]
_INLINE_RUN = re.compile(rf"(?:(?:预算|资金)?(?:{_COL_RE.pattern})(?:\([^()\n]{{1,12}}\))?[:]?\s*){{3,}}(?:\([^()\n]{{1,6}}\)\s*)?"
                         rf"(?:(?:{V.alternation(V.BUDGET_ROW_TOTAL)})[:]?\s*)?(?={_NUM_TOKEN}(?:\s|$|(?<=元)\d))")


def _inline_rows(lines: list[Token]) -> list[tuple[list[tuple[str, Token]], list[Token], int]]:
    """Header-then-values runs inside one line: a PDF form whose text came out as one stream of words
    ('年初预算数 全年预算数 全年执行数 分值 执行率 得分 250000.00 250000.00 215,457.6 10 8.62 …'), with the
    row label (年度资金总额) printed elsewhere or right before the values.  The values follow in the header's order."""
    out = []
    for line in lines:
        for m in _INLINE_RUN.finditer(line.text):
            cols = _columns([(COLUMNS[int(c.lastgroup[1:])][0],  # type: ignore[index]
                              Token(c.group(0), line.start + m.start() + c.start(), line.start + m.start() + c.end()))
                             for c in _COL_RE.finditer(m.group(0)) if not _bracketed(m.group(0), c.start())])
            names = [c for c, _ in cols]
            if sum(c in AMOUNTS or c == "budget_unqualified" for c in names) < 2:
                continue
            vals: list[Token] = []
            rest = line.text[m.end():]
            # a PDF's thin-space thousands ('2 416.35 3 086.92 3 012.47 10 97.59%'), proven by a group no figure
            # starts with ('086.92'): its groups are one figure
            num = _SPACED_NUM_TOKEN if _SPACED_THOUSANDS.search(rest[:120]) else _NUM_TOKEN
            for v in re.finditer(rf"{num}(?=\s|$|(?<=%)[\u4e00-\u9fff]|(?<=元)[\d\u4e00-\u9fff])", rest):
                gap = 0 if vals and vals[-1].text.endswith("元") else 1  # cells with their unit lost the space
                if v.start() not in ((vals[-1].end - line.start - m.end() + gap, vals[-1].end - line.start - m.end() + 1)
                                     if vals else (0,)) or len(vals) >= len(cols):
                    break
                vals.append(Token(v.group(0), line.start + m.end() + v.start(), line.start + m.end() + v.end()))
            if len(vals) >= 2:
                out.append((cols, vals, line.start + m.end()))
    return out


def _inline_rows_unwrapped(view: DocView, start: int, end: int) -> list[tuple[list[tuple[str, Token]], list[Token], int]]:
    """`_inline_rows` of the span read with PDF soft wraps removed (a stream of words wraps at the page's width,
    often inside the header: '执行率(全年 执行数' / '/全年 预算数) 年度资金总额: 620.82万元 …'); tokens in `norm`."""
    def back(t: Token) -> Token:
        s, e = view.norm_span(t.start, t.end)
        return Token(t.text, s, e)

    lines = cell_lines(view.flat, view.flat_pos(start), view.flat_pos(end))
    return [([(f, back(t)) for f, t in cols], [back(v) for v in vals], view.norm_span(at, at + 1)[0])
            for cols, vals, at in _inline_rows(lines)]


BARE_ROW = re.compile(r"^")  # a value row without its label cell: the values start the line


def _bare_value_rows(lines: list[Token]) -> list[int]:
    """Lines of values right under a column label with no row label of their own: a small table of one row
    ('年初预算数 | 全年预算数 | 全年执行数 | 执行率' over '1200 | 1300 | 1180.23 | 90.79%') whose header the
    row's values follow directly."""
    return [r for r in range(1, len(lines))
            if re.search(r"\d", lines[r].text) and all(VALUE.match(p) for p in lines[r].text.split(" "))
            and _COL_RE.search(lines[r - 1].text) and not VALUE.match(lines[r - 1].text)]


# (an OCR'd form may keep a cell's unit: '年度资金总额120万元116.4297.02%' -- the unit ends an amount)
_GLUED = re.compile(rf"(?:{V.alternation(V.BUDGET_ROW_TOTAL)})[:]?\s*(?P<blob>\d(?:[\d.]|万元){{3,44}})%")
_PART = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d{1,6})?$")


def _glued_splits(blob: str, ks: tuple[int, ...] = (2, 3)) -> list[list[tuple[int, int]]]:
    """Every way to cut a run of digits into `ks` amounts and a rate at most 100 ('21182118100' ->
    2118 | 2118 | 100): (start, end) of each piece."""
    out = []
    for r in range(len(blob) - 1, 0, -1):
        rate = blob[r:]
        if not _PART.match(rate) or float(rate) > 100:
            continue
        head = blob[:r]
        for k in ks:
            for cuts in itertools.combinations(range(1, len(head)), k - 1):
                bounds = list(zip((0, *cuts), (*cuts, len(head)), strict=True))
                if all(_PART.match(head[a:b]) for a, b in bounds):
                    out.append([*bounds, (r, len(blob))])
    return out


def read_glued_row(view: DocView, start: int, end: int) -> list[TableValue]:
    """A form row whose cells a converter glued into one run of digits ('年度资金总额:21182118100%',
    '合计68006027.9588.65%'): the one way of cutting it whose last amount over the one before gives the rate
    (执行数 / 全年预算数 = 执行率 within 0.05 points) is the reading; none or several, nothing is read."""
    flat, fstart = view.flat, view.flat_pos(start)  # read across a PDF's soft wraps ('年度资金总' / '额:2118…')
    for m in _GLUED.finditer(flat, fstart, view.flat_pos(end)):
        raw, at = m.group("blob"), m.start("blob")
        blob, pos = _without_units(raw)
        ends = {len(raw[:p].replace("万元", "")) for p in (u.start() for u in re.finditer("万元", raw))}
        header = flat[max(fstart, m.start() - 200):m.start()]
        three = bool(re.search(r"年初", header) and re.search(r"全年预算|调整后|调整预算", header))
        fits = []  # the header names the amounts: 年初 and 全年 budgets before 执行数, or one budget
        for split in _glued_splits(blob, (3,) if three else (2,)):
            if not ends <= {b for _a, b in split}:
                continue  # a unit the form kept ends an amount
            nums = [float(blob[a:b]) for a, b in split]
            budget, spent, rate = nums[-3], nums[-2], nums[-1]
            if budget > 0 and spent > 0 and rate >= 1 and abs(100 * spent / budget - rate) <= 0.05:
                fits.append(split)
        if len(fits) != 1:
            continue
        split = fits[0]
        m_norm = view.norm_span(m.start(), m.start() + 1)[0]
        factor, found = unit_above(view, max(start, m_norm - 300), m_norm, 300)
        fields = ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "execution_rate_pct")[-len(split):]
        out = []
        for f, (a, b) in zip(fields, split, strict=True):
            v = float(blob[a:b])
            note = "derived: cells glued together, cut where spending / budget gives the rate"
            if f != "execution_rate_pct":
                v, note = round(v * factor, 6), note + (f"; {factor_note(factor)}" if factor_note(factor) else "")
            out.append(TableValue(f, v, view.fev(at + pos[a], at + pos[b - 1] + 1, note=note), unit_found=found))
        return out
    return []


def _without_units(raw: str) -> tuple[str, list[int]]:
    """The glued run without the units an OCR kept ('120万元116.42' -> '120116.42') and each kept character's
    offset in the run."""
    keep = [i for i, ch in enumerate(raw) if ch not in "万元"]
    return "".join(raw[i] for i in keep), keep


def _rejoined_labels(lines: list[Token]) -> list[Token]:
    """The lines with a row label a narrow cell wrapped rejoined ('年度资' / '金总额' -> '年度资金总额')."""
    out: list[Token] = []
    k = 0
    while k < len(lines):
        a = lines[k]
        b = lines[k + 1] if k + 1 < len(lines) else None
        if (b is not None and len(a.text) <= 6 and len(b.text) <= 6 and not ROW_LABEL.match(a.text)
                and re.fullmatch(r"[\u4e00-\u9fff:]+", a.text + b.text) and ROW_LABEL.fullmatch(a.text + b.text)):
            out.append(Token(a.text + b.text, a.start, b.end))
            k += 2
            continue
        out.append(a)
        k += 1
    return out


def read_budget_stream(view: DocView, start: int, end: int) -> list[TableValue]:
    """Budget-block values of the first 自评表 block in the normalised span [start, end)."""
    lines = _rejoined_labels(cell_lines(view.norm, start, end))
    for r, line in enumerate(lines):
        if not ROW_LABEL.match(line.text):
            continue
        cols = _header(lines, r)
        if cols is None:
            continue
        vals = _values(lines, r, len(cols))
        if vals is None:
            continue
        chosen = _solve([c for c, _ in cols], vals)
        if not chosen:
            continue
        factor, found = unit_above(view, cols[0][1].start, line.start)
        return _budget_values(view, lines, r, cols, chosen, factor, found)
    has_total_row = any(ROW_LABEL.match(t.text) for t in lines)
    for r, line in enumerate(lines):  # a form without its 年度资金总额 row: its first row is the whole fund
        if has_total_row or not FIRST_FUND_ROW.match(line.text) or (cols := _header(lines, r)) is None:
            continue
        vals = _values(lines, r, len(cols), FIRST_FUND_ROW)
        if vals is None or not (chosen := _solve([c for c, _ in cols], vals)):
            continue
        factor, found = unit_above(view, cols[0][1].start, line.start)
        return _budget_values(view, lines, r, cols, chosen, factor, found)
    for r in _bare_value_rows(lines):
        cols = _header(lines, r)
        vals = _values(lines, r, len(cols), BARE_ROW) if cols else None
        if not cols or not vals or not (chosen := _solve([c for c, _ in cols], vals)):
            continue
        factor, found = unit_above(view, cols[0][1].start, lines[r].start)
        return _budget_values(view, lines, r, cols, chosen, factor, found)
    for cols, vals, values_at in _inline_rows_unwrapped(view, start, end):
        # the run may go on into the next row's values: the longest prefix the form's rules accept
        chosen = next((c for k in range(len(vals), 1, -1) if (c := _solve([c for c, _ in cols], vals[:k]))), {})
        if chosen and _unfilled(chosen):  # its 其中 row's amounts, by position (the row gives the amounts only)
            vals = _fund_row_after(view, vals[-1].end, len(cols))
            names = [c for c, _ in cols][:len(vals)]
            chosen = dict(zip(names, vals, strict=True)) if len(vals) >= 2 and all(c in AMOUNTS for c in names) else {}
            chosen = chosen if chosen and _check(chosen)[0] else {}
        if not chosen or _unfilled(chosen):
            continue
        factor, found = unit_above(view, cols[0][1].start, values_at)
        if not found:  # '项目资金 (元)' printed after the values in the stream
            factor, found = unit_above(view, values_at, min(len(view.norm), vals[-1].end + 160))
        return _budget_values(view, lines, None, cols, chosen, factor, found)
    return []


def _unfilled(chosen: dict[str, Token]) -> bool:
    """A total row whose amounts are all 0 ('年度资金总额: 0 0 0 10 0 0' over '其中:本年财政拨款 60 60 57.35'): a
    form whose sum cells were never computed, no budget of 0."""
    amounts = [_num(t.text) for f, t in chosen.items() if f in AMOUNTS]
    return bool(amounts) and all(a == 0 for a in amounts)


_FUND_ROW_IN_STREAM = re.compile(r"(?:\s*\d+(?:\.\d+)?%?)?\s*其中[:]?\s*(?:本年|当年)财政拨款(?:资金)?[:]?\s*")  # (the row's last cell first)


def _fund_row_after(view: DocView, at: int, width: int) -> list[Token]:
    """The values of the '其中:本年财政拨款' row right after an unfilled total row in a stream of words."""
    norm = view.norm
    m = _FUND_ROW_IN_STREAM.match(norm, at)
    if m is None:
        return []
    out: list[Token] = []
    for v in re.finditer(rf"\s*({_NUM_TOKEN})(?=\s|$|[\u4e00-\u9fff])", norm[m.end():m.end() + 120]):
        if (out and m.end() + v.start() != out[-1].end) or len(out) >= width:
            break
        out.append(Token(v.group(1), m.end() + v.start(1), m.end() + v.end(1)))
    return out


def _budget_values(view: DocView, lines: list[Token], r: int | None, cols: list[tuple[str, Token]],
                   chosen: dict[str, Token], factor: float, found: bool) -> list[TableValue]:
    out = []
    unqualified_is_final = lone_budget_is_final("expenditure_total_wan" in chosen, {c for c, _ in cols})
    for f, tok in chosen.items():
        v = _num(tok.text)
        if v is None or f == "budget_unqualified" and not unqualified_is_final or f == "budget_change":
            continue
        head = next((h for c, h in cols if c == f), None)  # (the column's name beside the value: '[执行率]')
        if f == "budget_unqualified":  # the form's only budget column, 预算数(A) over 执行数(B): its final budget
            f = "budget_adjusted_wan"
        ev = view.evidence(tok.start, tok.end, cell=f"text-stream table, column [{head.text}]" if head else None)
        if f in AMOUNTS:
            note = factor_note(factor)
            out.append(TableValue(f, round(v * factor, 6), ev, unit_found=found, note=note))
        elif f == "execution_rate_pct":
            if not tok.text.endswith("%") and v <= 1.5:
                v = round(v * 100, 4)
            out.append(TableValue(f, v, ev))
        else:
            out.append(TableValue(f, v, ev))
    if "expenditure_total_wan" in chosen and r is not None:
        out += _part_rows(view, lines, r, [c for c, _ in cols], factor, found, max(t.end for _, t in cols))
    return out


def _part_rows(view: DocView, lines: list[Token], r: int, cols: list[str], factor: float,
               found: bool, header_end: int) -> list[TableValue]:
    """基本支出 / 项目支出 rows under the total row (or above it, after the header, where the 合计 row comes
    last): their 执行数 column, read by the same solver."""
    out: list[TableValue] = []
    # (one cell a line, the 其中 rows take seven lines each: look far enough, but not past the block)
    below = []
    for k in range(r + 1, min(len(lines), r + 40)):
        if re.match(r"年度总体目标|总体目标|绩效指标|一级指标|总分|合计$", lines[k].text):
            break
        below.append(k)
    for k in below + [k for k in range(max(0, r - 40), r) if lines[k].start >= header_end]:
        for field, label in PART_ROWS:
            if not label.match(lines[k].text) or any(tv.field == field for tv in out):
                continue
            vals = _values(lines, k, len(cols), label)
            tok = _solve(cols, vals).get("expenditure_total_wan") if vals else None
            nums = [v for v in vals or [] if re.search(r"\d", v.text)]
            if (tok is None and "expenditure_total_wan" in cols and len(nums) == len(vals or [])
                    and len(nums) == cols.index("expenditure_total_wan") + 1
                    and all(c in AMOUNTS or c in ("budget_change", "budget_unqualified") for c in cols[:len(nums)])):
                tok = nums[-1]  # '其中:基本支出 | 1850.2 | 1902.4 | 1890.11': the row's empty trailing cells were dropped
            if tok is None and vals and len(vals) == 1 and re.search(r"[:：]\s*$", lines[k].text[:vals[0].start
                                                                                      - lines[k].start]):
                tok = vals[0]  # Hunan's form: '按支出性质分:1925.67 / 其中:基本支出:900.47 / 项目支出:1025.20'
            if tok is None or (v := _num(tok.text)) is None:
                continue
            note = factor_note(factor)
            out.append(TableValue(field, round(v * factor, 6), view.evidence(tok.start, tok.end),
                                  unit_found=found, note=note))
    return out


SPEND_COLS = (("expenditure_total_wan", re.compile(r"^(?:本年)?(?:支出)?(?:合计|总计)$|^(?:本年)?支出(?:合计|总计|总额)")),
              ("basic_expenditure_wan", re.compile(r"^基本支出(?:合计|决算数?|金额|数)?$")),
              ("project_expenditure_wan", re.compile(r"^项目支出(?:合计|决算数?|金额|数)?$")))
# a table's row-name column ('机构名称': Hunan's base-data sheet names its row by the unit, '三市镇本级')
_ROW_NAMES = r"项目|科目(?:名称|编码)?|功能分类科目(?:名称)?|单位(?:名称)?|部门(?:名称)?|机构(?:名称)?|年度|类别"
# (a '其中:' cell over the parts, between the total's column and theirs, is part of the header)
_HEADER_CELL = re.compile(rf"^(?:{_ROW_NAMES})$|^[^\d,。;:]{{0,10}}(?:支出|合计|总计)(?:合计|总计|总额|决算数?|金额|数)?$|^其中[:]?$")
_ROW_NAME_CELL = re.compile(rf"^(?:{_ROW_NAMES}|资金来源|资金(?:类别|性质|构成))$")  # a block's row-name column
_ROW_NAME_COL = re.compile(rf"^(?:{_ROW_NAMES}|支出)$")


# '2023年 1180.23 …': the row's name on its line (a year name glued to the first figure by the normaliser)
_BUDGET_STAGE = re.compile(r"^(?:年初|调整后|调整|全年|年末)(?:的)?预算(?:数|安排)?(?=\s|$)")
ROW_NAMED = re.compile(r"^(?:\S{0,9}[^\d\s.,%]\s+|20\d\d年度?(?=\d))?(?=-?\d)")


def _spending_header(cells: list[str]) -> list[str | None] | None:
    """The figure columns of a 支出 table header, in order (None for a column read past: 经营支出, 上缴上级支出),
    or None unless it names the total, 基本支出 and 项目支出; the row-name column ('项目', '科目名称') is skipped."""
    cols: list[str | None] = []
    for k, cell in enumerate(cells):
        if k == 0 and _ROW_NAME_COL.match(cell) or re.fullmatch(r"其中[:]?", cell):
            continue
        f = next((f for f, pat in SPEND_COLS if pat.search(cell)), None)
        if f is None and (re.search(r"收入|预算", cell) or len(cell) > 14):
            return None  # an income, budget or prose line: not this table's header
        cols.append(f)
    return cols if {"expenditure_total_wan", "basic_expenditure_wan", "project_expenditure_wan"} <= set(cols) else None


def read_spending_stream(view: DocView, start: int, end: int) -> list[TableValue]:
    """支出合计 / 基本支出 / 项目支出 of a 支出 table flattened into lines of cells ('项目 | 合计 | 基本支出 | 项目支出'
    over '支出决算 | 1180.23 | 800.12 | 380.11'): the first row after the header, read by position and kept only
    when its parts add up to its total (a misread column cannot pass)."""
    lines = cell_lines(view.norm, start, end)
    for r, line in enumerate(lines):
        named = ROW_NAMED.match(line.text)
        if not named or not VALUE.match(line.text[named.end():].split(" ")[0]):
            continue
        if _BUDGET_STAGE.match(line.text) or (r and _BUDGET_STAGE.fullmatch(lines[r - 1].text)):
            return []  # rows of budget stages first ('年初预算 | 876.54 | …'): the spending row is not the first
        for k in (r - 1, r - 2):  # the header right above, or above the row's own name ('支出决算', '合计', '2023年')
            if k < 0 or k < r - 1 and (VALUE.match(lines[k + 1].text) or len(lines[k + 1].text) > 10):
                continue
            h = k  # the header: the run of column-name lines (one cell a line, or one line of cells)
            while h >= 0 and k - h < 10 and all(_HEADER_CELL.search(c) for c in lines[h].text.split(" ") if c):
                h -= 1
            got = _spending_row(lines, r, _header_cells(lines[h + 1:k + 1]))
            if got:
                factor, found = unit_above(view, lines[h + 1].start, line.start, 300)
                return [TableValue(f, round(v * factor, 6), view.evidence(tok.start, tok.end), unit_found=found,
                                   note=factor_note(factor)) for f, (v, tok) in got.items()]
    return []


_SPEND_WORD = re.compile(r"(?:(?:基本|项目|经营|上缴上级|对附属单位补助)支出(?:合计|决算数?|金额|数)?|(?:本年)?支出(?:合计|总计|总额)|"
                         rf"合计|总计|{_ROW_NAMES})")  # the longer names first: '项目支出' before the row-name '项目'


def _header_cells(lines: list[Token]) -> list[str]:
    """The header's cells; a line whose cells the normaliser glued together (spaces between Chinese words are
    dropped: '项目合计基本支出项目支出') is cut into the column names it is made of, if it is made of nothing else."""
    cells: list[str] = []
    for t in lines:
        for c in t.text.split(" "):
            words = _SPEND_WORD.findall(c)
            cells += words if len(words) > 1 and "".join(words) == c else [c] if c else []
    return cells


def _spending_row(lines: list[Token], r: int, header: list[str]) -> dict[str, tuple[float, Token]]:
    """The row at line r under `header` by position, when its 基本支出 + 项目支出 make its total."""
    cols = _spending_header(header)
    vals = _values(lines, r, len(cols), ROW_NAMED) if cols else None
    if not cols or not vals or len(vals) < len(cols) or any(t.text.endswith("%") for t in vals):
        return {}
    got = {f: (_num(tok.text), tok) for f, tok in zip(cols, vals, strict=False) if f}
    t, b, p = (got[f][0] for f, _ in SPEND_COLS)
    if t is None or b is None or p is None or abs(b + p - t) > max(0.5, 0.001 * abs(t)):
        return {}
    return got  # type: ignore[return-value]


POINTS = re.compile(r"^\d{1,3}(?:\.\d+)?分$")  # '总分 | 100分 | 98分': cells written with their unit
_MAX_NOTE = r"(?:\((?:满分)?(?P<max>100)?分\))?"  # '总分(100分)', '自评得分(满分100分)': the row's maximum named in its label
TOTAL_ROW = re.compile(rf"^(?:{V.alternation(V.SCORE_CELL)}){_MAX_NOTE}[:]?$")
TOTAL_ROW_INLINE = re.compile(
    rf"^(?P<label>(?:{V.alternation(V.SCORE_CELL)}){_MAX_NOTE}[:]?)\s*\d[\d.]*(?:\s+\S+){{0,2}}$")


SUM_ROW_INLINE = re.compile(r"^(?P<label>合计|总计)\s*100(?:\.0+)?\s+\d[\d.]*$")


def read_total_stream(view: DocView, start: int, end: int) -> list[TableValue]:
    """The 总分 row of a flattened 自评表: '总分 | 100 | 96 | 优' -> self_score 96 (and grade 优).

    Two numbers after the label are 分值 then 得分 (the score is the second, never above the first); a
    single number is the score only when it is not 100 (a lone 100 may be the 分值 of an empty 得分 cell),
    unless the label itself names the maximum ('总分(100分) | 100')."""
    lines = cell_lines(view.norm, start, end)
    for k, line in enumerate(lines):
        inline = TOTAL_ROW_INLINE.match(line.text)
        row = TOTAL_ROW.match(line.text) or inline
        summed = row is None and line.text in ("合计", "总计") and _under_score_grid(lines, k)
        if row is None and not summed and (sums := SUM_ROW_INLINE.match(line.text)) and _under_indicator_header(lines, k):
            inline, summed = sums, True  # '合计 100.00 46.35' on one line under a spaced header '… 分值 得分 …'
        if row is None and not summed:
            continue
        if any(re.search(r"指标分值|评分标准|指标解释", t.text) for t in lines[max(0, k - 3):k]):
            continue  # '指标分值 / 评分标准 / 自评得分': the header of the indicator grid, not its 总分 row
        vals: list[Token] = []
        grade: Token | None = None
        following = _split_value_lines(lines[k + 1:k + 4])  # ('总分' / '100 95.65': a PDF line of two cells)
        if inline is not None:  # '总分 100 90' on one line: its cells as tokens
            off = inline.end("label")
            following = [Token(c.group(0), line.start + off + c.start(), line.start + off + c.end())
                         for c in re.finditer(r"\S+", line.text[off:])]
        for t in following:
            if (VALUE.match(t.text) or POINTS.match(t.text)) and re.search(r"\d", t.text) and not t.text.endswith("%"):
                vals.append(t)
            elif t.text in V.GRADE_WORDS and grade is None:
                grade = t
                break
            elif vals and GRADE_LABEL.match(t.text):
                continue  # '自评得分 | 92 | 等级 | 优': the grade's own label cell between the score and the grade
            else:
                break
        nums = [(_num(t.text.removesuffix("分")), t) for t in vals]
        score: tuple[float, Token] | None = None
        if summed and not (len(nums) >= 2 and nums[0][0] == 100):
            continue  # a grid's 合计 row is its total score only as '合计 | 100 | 95.65' (never a sum of money)
        if len(nums) >= 2 and nums[0][0] is not None and nums[1][0] is not None and nums[1][0] <= nums[0][0] <= 100:
            score = nums[1]  # type: ignore[assignment]
        elif len(nums) == 1 and nums[0][0] is not None and 0 < nums[0][0] <= (100 if row.group("max") else 99.99):
            score = nums[0]  # type: ignore[assignment]  # a lone 100 is the score when the label names the 100
        out = []
        if score is not None:
            out.append(TableValue("self_score", score[0], view.evidence(score[1].start, score[1].end)))
        if grade is not None and score is not None:
            out.append(TableValue("grade", grade.text, view.evidence(grade.start, grade.end)))
        if out:
            return out
    return _total_in_stream(view, lines)


def _under_score_grid(lines: list[Token], k: int, reach: int = 240) -> bool:
    """Line k closes an indicator grid: its header named 分值 and 得分 within the lines above."""
    above = {t.text for t in lines[max(0, k - reach):k]}
    return bool(above & {"分值", "指标分值"}) and bool(above & {"得分", "自评得分"})


def _under_indicator_header(lines: list[Token], k: int, reach: int = 80) -> bool:
    """Line k closes an indicator grid whose header is one line ('一级指标 二级指标 三级指标 … 分值 得分')."""
    return any(re.search(r"[三二]级指标|指标名称", t.text) and "分值" in t.text and "得分" in t.text
               for t in lines[max(0, k - reach):k])


def _split_value_lines(lines: list[Token]) -> list[Token]:
    """The lines as cells: a line of space-separated values ('100 95.65') is one cell per value."""
    out: list[Token] = []
    for t in lines:
        parts = list(re.finditer(r"\S+", t.text))
        if len(parts) > 1 and all(VALUE.match(p.group(0)) or POINTS.match(p.group(0)) for p in parts):
            out += [Token(p.group(0), t.start + p.start(), t.start + p.end()) for p in parts]
        else:
            out.append(t)
    return out


_TOTAL_IN_STREAM = re.compile(rf"(?<![\u4e00-\u9fff])(?:{V.alternation(V.SCORE_CELL)}){_MAX_NOTE}[:]?\s*"
                              rf"(?P<top>\d{{1,3}}(?:\.\d+)?)\s+(?P<score>\d{{1,3}}(?:\.\d{{1,2}})?)(?![\d%]|\.\d)")  # ('96.5.': a full stop)


def _total_in_stream(view: DocView, lines: list[Token]) -> list[TableValue]:
    """'… 总分 100 95.5 …' inside a form whose text came out as one stream of words: 分值 then 得分."""
    for line in lines:
        for m in _TOTAL_IN_STREAM.finditer(line.text):
            top, score = float(m.group("top")), float(m.group("score"))
            if 0 < score <= top <= 100:
                at = line.start + m.start("score")
                return [TableValue("self_score", score, view.evidence(at, at + len(m.group("score"))))]
    return []


_SCORE_HEAD = V.cell_regex(V.SCORE_CELL, r"(?:\(分\))?[:]?")
_SCORE_VALUE = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,2})?)分?$")
_SENTENCE = re.compile(r"[。;,，；]")


def read_score_row(view: DocView, start: int, end: int) -> list[TableValue]:
    """The score (and grade) of a one-row table flattened one cell a line: '项目名称 | 债券性质 | 债券规模 | 自评分数 |
    自评等级' over '…安置房项目 | 棚改专项债券 | 1.36 | 96 | 优' (Zhejiang's bond self-evaluations).  Read by position,
    only when the row holds (the score a number of at most 100, the grade a grade word, a 序号 column numbering it
    1) and is the table's only row: a second row makes it a list of projects, whose scores are no unit's."""
    lines = cell_lines(view.norm, start, end)
    for i, t in enumerate(lines):
        if not _SCORE_HEAD.match(t.text):
            continue
        e = i + 1
        while e < len(lines) and e - i <= 2 and (GRADE_LABEL.match(lines[e].text) or lines[e].text in ("备注", "说明")):
            e += 1
        h = i
        while h > 0 and i - h < 8 and _head_cell(lines[h - 1].text):
            h -= 1
        if any(re.search(r"分值|权重|满分|执行率|指标", c.text) for c in lines[h:e]):
            continue  # a budget block's or an indicator grid's columns ('… 分值 | 执行率 | 自评得分'): a row's points
        found = [got for first in range(h, i + 1) if (got := _score_row(lines, first, i, e))]
        if found and len({score.text for score, _grade in found}) == 1:  # every header start that holds agrees
            score, grade = found[0]
            out = [TableValue("self_score", float(_SCORE_VALUE.match(score.text).group("num")),  # type: ignore[union-attr]
                              view.evidence(score.start, score.end))]
            if grade is not None:
                out.append(TableValue("grade", grade.text, view.evidence(grade.start, grade.end)))
            return out
    return []


def _head_cell(text: str) -> bool:
    """A column's label cell: short, no figure, no sentence, no unit note ('单位:亿元' heads the table, not a column)."""
    return (0 < len(text) <= 16 and not VALUE.match(text) and not _SENTENCE.search(text) and not UNIT.search(text)
            and not re.search(r"[表]$", text))


def _score_row(lines: list[Token], h: int, i: int, e: int) -> tuple[Token, Token | None] | None:
    """The score (and grade) cells of the row under header lines[h:e] whose score column is line i, or None when
    the cells do not hold or a second row follows.  Three columns at least: a label over one figure ('总分' /
    '100') is a form's total row, whose lone 100 may be the 分值 of an empty 得分 cell (read_total_stream)."""
    n = e - h
    row, nxt = lines[e:e + n], lines[e + n:e + 2 * n]
    numbered = lines[h].text == "序号"
    if n < 3 or len(row) < n or (numbered and row[0].text != "1") or any(_SCORE_HEAD.match(c.text) for c in row):
        return None
    grade_at = [k - h for k in range(i + 1, e) if GRADE_LABEL.match(lines[k].text)]

    def holds(cells: list[Token]) -> bool:
        m = _SCORE_VALUE.match(cells[i - h].text)
        return (m is not None and 0 < float(m.group("num")) <= 100
                and all(cells[g].text in V.GRADE_WORDS for g in grade_at))

    if not holds(row) or (len(nxt) == n and (nxt[0].text == "2" if numbered else holds(nxt))):
        return None
    return row[i - h], (row[grade_at[0]] if grade_at else None)


def _pairs_the_rate_vouches_for(view: DocView, found: dict[str, TableValue],
                                pending: dict[str, tuple[float, int, int, int]]) -> None:
    """Unitless pairs far from the form's unit ('部门整体预算执行 / 年初预算数 / 4,126.30 / 全年预算数 / 5,288.64 / 全年执行数
    / 5,197.05 / 执行率 / 98.27%' below a table headed '批复金额(万元)'): money after all when the stated rate is the
    spending over the final budget; the unit is then the one the form names further up."""
    rate = found.get("execution_rate_pct")
    b, e = pending.get("budget_adjusted_wan"), pending.get("expenditure_total_wan")
    if rate is None or b is None or e is None or not b[0] or abs(100 * e[0] / b[0] - float(rate.value)) > 0.06:
        return
    unit = _unit_near(view, b[3], e[2], reach=800)
    if unit is None:
        return
    factor = UNIT_FACTOR[unit]
    for f, (v, s, t, _line) in pending.items():
        if f in ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan") and f not in found:
            found[f] = TableValue(f, round(v * factor, 6), view.evidence(s, t),
                                  note="; ".join(x for x in ("unit from the form above: the stated rate checks the pair",
                                                             factor_note(factor)) if x))


PAIR_FIELDS = ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "execution_rate_pct",
               "budget_unqualified")
PART_FIELDS = ("basic_expenditure_wan", "project_expenditure_wan")


def _pair_labels(fields: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<p{i}>{V.alternation(V.PAIR_LABELS[f])})" for i, f in enumerate(fields)))


_PAIR_LABEL = {PAIR_FIELDS: _pair_labels(PAIR_FIELDS), PART_FIELDS: _pair_labels(PART_FIELDS)}
_PAIR = re.compile(r"^(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<suffix>%|万元|万|元)?$")
# (a label's synonym in brackets after it: '全年支出(决算数)', '调整后预算(全年预算数)')
_LABEL_TAIL = re.compile(r"\s*(?:[(（](?:决算数?|执行数|实际支出数?|全年预算数?|调整后预算数?)[)）])?"
                         r"\s*(?:[(（](?P<unit>万元|元|%)[)）])?\s*[:]?\s*")
_NUMBER_LINE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?\s*(?:%|万元|元)?$")


def _unit_near(view: DocView, start: int, end: int, reach: int = 120) -> str | None:
    """The one money unit the form names around a unitless pair ('预算数:' / '2.38' above '中央补助 2.38万元'),
    or None when it names none or both."""
    window = view.norm[max(0, start - reach):end + reach]
    units = {next(g for g in m.groups() if g) for m in UNIT.finditer(window)} | set(re.findall(r"\d(万元|元)", window))
    return units.pop() if len(units) == 1 else None


_PART_INLINE = re.compile(r"(?<![\u4e00-\u9fff])(?:其中[:]?)?(?P<label>基本支出|项目支出)[:]?\s*(?P<num>\d[\d,]*(?:\.\d+)?)"
                          r"(?![\d.,%万元亿])(?!\s+\d)")  # unitless and alone (a unit in the text is prose's; a run is a row)


def _part_pairs_inline(view: DocView, lines: list[Token]) -> list[TableValue]:
    """'… 其中:一般公共预算 164.21 219.87 197.42 其中:基本支出 138.19 …': a form's 按支出性质分 cells inside a line
    of words, valued in the form's money unit."""
    out: list[TableValue] = []
    for line in lines:
        if re.search(r"\d\s*万?元", line.text):
            continue  # prose writes its unit at each amount ('项目支出135' cut off there is no form cell)
        for m in _PART_INLINE.finditer(line.text):
            unit = _unit_near(view, line.start + m.start(), line.start + m.end(), reach=400)
            if unit is None:
                continue
            f = "basic_expenditure_wan" if m.group("label") == "基本支出" else "project_expenditure_wan"
            v = float(m.group("num").replace(",", "")) * UNIT_FACTOR[unit]
            ev = view.evidence(line.start + m.start("label"), line.start + m.end("num"))
            out.append(TableValue(f, round(v, 6), ev, note=factor_note(UNIT_FACTOR[unit])))
    return out


_PAIR_RUN = re.compile(rf"(?:{_COL_RE.pattern.replace('?P<c', '?P<q')})[:]?\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)(?:万元|万|元|%)?"
                       r"(?=\s|$|[\u4e00-\u9fff]|[;；,，。](?!\d))")  # ('年初预算数:500;全年预算数:620;…': pairs in a list)


def _pairs_in_line(line: Token) -> list[tuple[str, int, str]]:
    """(field, offset, number) of a line made of label/value pairs side by side ('预算数 6.84 到位数 6.84 执行数 6.84
    100.00': a form's row of column pairs), or nothing when words other than the labels sit in the line."""
    ms = list(_PAIR_RUN.finditer(line.text))
    if len(ms) < 2 or re.search(r"[\u4e00-\u9fff]", _PAIR_RUN.sub("", line.text)):
        return []
    cols = [next(int(k[1:]) for k, v in m.groupdict().items() if k.startswith("q") and v is not None) for m in ms]
    return [(COLUMNS[c][0], line.start + m.start("num"), m.group("num")) for c, m in zip(cols, ms, strict=True)]


def read_label_pairs(view: DocView, start: int, end: int, fields: tuple[str, ...] = PAIR_FIELDS) -> list[TableValue]:
    """A form filled as label/value pairs rather than a grid: '年初预算数(万元):120' on one line, or the label
    cell on one line and its value alone on the next ('全年执行数(万元)' / '145.5', '基本支出总额' / '864.2万').
    A label followed by a run of numbers is a header over a row, not a pair, and is left to the row readers."""
    lines = cell_lines(view.norm, start, end)
    found: dict[str, TableValue] = {}
    pending: dict[str, tuple[float, int, int, int]] = {}  # pairs without a unit near: value, span, line start
    labels = _PAIR_LABEL[fields]
    parts = fields is PART_FIELDS
    for k, line in enumerate(lines):
        if not parts:
            for f, at, num in _pairs_in_line(line):
                if f in fields and f not in found and f != "execution_rate_pct":
                    unit = _unit_near(view, line.start, line.end)
                    if unit is not None:
                        factor = UNIT_FACTOR[unit]
                        found[f] = TableValue(f, round(float(num.replace(",", "")) * factor, 6),
                                              view.evidence(at, at + len(num)), note=factor_note(factor))
        skip = 2 if not parts and line.text.startswith(("资金", "预算", "项目")) else (
            len(pre.group(0)) if parts and (pre := re.match(r"其中[:]?", line.text)) else 0)
        m = labels.match(line.text) or (labels.match(line.text, skip) if skip else None)  # '资金执行率', '其中:基本支出'
        if m is None:
            continue
        f = fields[int(m.lastgroup[1:])]  # type: ignore[index]
        tail = _LABEL_TAIL.match(line.text, m.end())
        rest, at = line.text[tail.end():], line.start + tail.end()  # type: ignore[union-attr]
        line_unit = None
        if (not rest and k + 2 < len(lines) and (um := re.fullmatch(r"[(（](万元|元)[)）]", lines[k + 1].text))
                and _PAIR.match(lines[k + 2].text)):
            # a cover form's label, its unit and its value one cell a line: '实际支出' / '(万元)' / '46.5'
            rest, at, line_unit = lines[k + 2].text, lines[k + 2].start, um.group(1)
        if not rest and k + 1 < len(lines):
            if k + 2 < len(lines) and _NUMBER_LINE.match(lines[k + 2].text) and not line.text.endswith(":"):
                continue  # a header over a row of values ('执行数:' with its colon is a pair whatever follows)
            rest, at = lines[k + 1].text, lines[k + 1].start
        pm = _PAIR.match(rest)
        if pm is None or f in found:
            continue
        if (tail.end() < len(line.text) and k + 1 < len(lines) and _NUMBER_LINE.match(lines[k + 1].text)
                and not re.search(r"[:：]\s*$", line.text[:tail.end()])):
            continue  # '其中:基本支出 1850.2 | 1902.4 | 1890.11': the label glued to a row's first cell, not a pair
        v = float(pm.group("num").replace(",", ""))
        unit = pm.group("suffix") or tail.group("unit") or line_unit or ""  # type: ignore[union-attr]
        if f == "execution_rate_pct":
            if unit != "%":
                continue  # '预算执行率 | 5 | …': an indicator row's weight, not the rate
        elif unit not in ("万元", "万", "元"):
            unit = _unit_near(view, line.start, at + len(rest), reach=400 if parts else 120)
            if unit is None:
                pending.setdefault(f, (v, at + pm.start("num"), at + pm.end("num"), line.start))
                continue  # no unit anywhere near: a count or a score, not a sum of money (unless the rate says so)
        factor = UNIT_FACTOR.get(unit, 1.0)  # '%' for the rate
        ev = view.evidence(at + pm.start("num"), at + pm.end("num"))
        found[f] = TableValue(f, v if f == "execution_rate_pct" else round(v * factor, 6), ev, note=factor_note(factor))
    if not parts:
        _pairs_the_rate_vouches_for(view, found, pending)
    if parts:
        for tv in _part_pairs_inline(view, lines):
            found.setdefault(tv.field, tv)
    unq = found.pop("budget_unqualified", None)
    if unq is not None and lone_budget_is_final("expenditure_total_wan" in found, found):
        unq.field = "budget_adjusted_wan"  # '预算资金' beside what was spent: the form's final budget
        found["budget_adjusted_wan"] = unq
    return list(found.values())


def figure_value(view: DocView, field: str, tok: Token, factor: float, found: bool,
                 cell: str | None = None) -> TableValue:
    """A table cell's figure as `field`'s value: the execution rate as printed (its '%' dropped, no money unit to
    miss), an amount in 万元 by the table's unit (`factor`, `found` as `unit_above` gives them)."""
    v = _num(tok.text.rstrip("%")) or 0.0
    rate = field == "execution_rate_pct"
    return TableValue(field, v if rate else round(v * factor, 6), view.evidence(tok.start, tok.end, cell=cell),
                      unit_found=found or rate, note=None if rate else factor_note(factor))


# a one-row table's columns, each a whole cell: its budgets, its spending and the spending's parts
_ONE_ROW_COLUMNS = tuple((f, re.compile(rf"^(?:{pat})[:]?$")) for f, pat in (
    ("budget_initial_wan", V.alternation(V.BUDGET_COLUMNS["budget_initial_wan"])),
    ("budget_adjusted_wan", V.alternation(V.BUDGET_COLUMNS["budget_adjusted_wan"])),
    ("expenditure_total_wan", V.alternation(V.PAIR_LABELS["expenditure_total_wan"])),
    ("basic_expenditure_wan", r"(?:其中[:]?)?基本支出"), ("project_expenditure_wan", r"项目支出"),
    ("execution_rate_pct", r"(?:预算)?执行率")))


def _one_row_field(cell: str) -> str | None:
    return next((f for f, rx in _ONE_ROW_COLUMNS if rx.match(cell)), None)


def read_one_row_table(view: DocView, start: int, end: int) -> list[TableValue]:
    """A table of one row under a header naming its budgets, its spending and the spending's parts
    ('年初预算 | 全年预算 | 支出合计 | 基本支出 | 项目支出' over '718.62 | 806.35 | 793.48 | 645.21 | 148.27'), its cells
    one a line or one line of cells: read by position, and only when every header cell is such a column, the
    values are exactly as many, and the parts make the total (a misread column cannot pass)."""
    cells = [Token(m.group(0), ln.start + m.start(), ln.start + m.end())
             for ln in cell_lines(view.norm, start, end) for m in re.finditer(r"\S+", ln.text)]
    k = 0
    while k < len(cells):
        h = k
        while h < len(cells) and _one_row_field(cells[h].text):
            h += 1
        got = _one_row(cells, k, h) if h - k >= 3 else None
        if got is not None:
            factor, found = unit_above(view, cells[k].start, cells[k].start, 200)
            return [figure_value(view, f, tok, factor, found, cell=f"one-row table, column [{head.text}]")
                    for (f, tok), head in zip(got.items(), cells[k:h], strict=True)]
        k = h + 1
    return []


def _one_row(cells: list[Token], k: int, h: int) -> dict[str, Token] | None:
    """The row under the header cells [k, h): as many values as columns and no more, each column once, the
    rate (if a column) the only percentage, a budget beside the spending, and the parts adding up to the total."""
    n = h - k
    fields = [_one_row_field(c.text) or "" for c in cells[k:h]]
    vals = cells[h:h + n]
    if (len(vals) < n or len(set(fields)) < n or (h + n < len(cells) and VALUE.match(cells[h + n].text))
            or not all(VALUE.match(v.text) and re.search(r"\d", v.text) for v in vals)):
        return None
    got = dict(zip(fields, vals, strict=True))
    if any((f == "execution_rate_pct") != t.text.endswith("%") for f, t in got.items()):
        return None
    if not {"budget_initial_wan", "budget_adjusted_wan"} & got.keys():
        return None
    t, b, p = (_num(got[f].text) if f in got else None
               for f in ("expenditure_total_wan", "basic_expenditure_wan", "project_expenditure_wan"))
    if t is None or b is None or p is None or abs(b + p - t) > max(0.011, 0.0005 * abs(t)):
        return None
    return got
