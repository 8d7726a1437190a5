"""Indicator rows of a 自评表 whose grid arrived as a stream of text, not as a table.

Web pages and converters flatten the indicator grid (一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
分值 | 得分 | 偏差原因) in two ways that lose its columns: one cell per line (a Word table pasted into a CMS,
or '|'-rendered rows, which the normaliser breaks into lines), and one row per line with the cells separated
by spaces ('质量指标 资助对象识别准确率 100% 100% 15 15').  Empty cells vanish in both, and merged level cells
(产出指标 over three rows) are printed once, so the cells cannot be counted into rows.

What survives is each row's grammar: optional level labels (a short name ending in 指标, or a fragment of one
a narrow column wrapped: '效益' / '指标'), the indicator's own name, then its values in the header's order,
where 分值 and 得分 are numbers.  `read_indicator_stream` parses the cells after the header into rows with a
small dynamic programme that scores every way of cutting the stream: a name that is a number, a score that
is not, a level label in a value column or a missing value cost; in the one-row-per-line shape a row that
starts mid-line costs too.  The cut with the best score gives the rows, which are read only when few cells
were left unexplained (otherwise the layout is not understood and no count is better than a wrong one).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from selfeval.model import Indicator
from selfeval.textnorm import fix_glyphs

from . import vocabulary as V
from .evidence import DocView, norm_lines, printed_width
from .indicators import SIGN_OFF, SUBTOTAL_ROW, TOTAL_ROW
from .tableread import is_total_label
from .tables import unspaced

# header words, by the column they name (the first pattern that matches a cell names it)
ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("seq", re.compile(r"^序号$")),
    ("level1", re.compile(r"^(?:一级指标|指标类型)$")),
    ("level2", re.compile(r"^(?:二级指标|评价内容$)")),  # Fujian: 评价内容 (数量目标…) | 绩效内容 | 绩效目标值
    ("level3", re.compile(r"^(?:三级指标|指标名称|绩效指标名称|具体指标|绩效内容$)")),
    ("weight", re.compile(rf"^(?:{V.WEIGHT_HEADER})(?:[(（]分[)）])?$")),
    ("score", re.compile(rf"^(?:{V.SCORE_HEADER}|指标得分|自评|自评分)(?:[(（]分[)）])?$")),
    ("target", re.compile(r"^(?:年度|年初|全年|预期|计划)?(?:指标值|目标值|绩效目标值?|预期目标|年度目标|计划值)")),
    ("actual", re.compile(r"^(?:全年|年度)?(?:实际完成值|实际完成指标值|实际完成情况|实际完成|实际值|完成值|实际达到值?|完成情况)")),
    ("deviation", re.compile(r"^(?:偏差|未完成|原因|备注|改进|存在问题|说明$)")),
    # columns some provinces add (Hainan: 指标性质 | 年度指标值 | 度量单位 | 实际完成值 | 完成率)
    ("nature", re.compile(r"^(?:指标性质|指标方向|指标类型)$")),
    ("unit", re.compile(r"^(?:度量单位|计量单位|单位)$")),
    ("rate", re.compile(r"^(?:完成率|指标完成率|完成比例|累计完成率)(?:[(（]%[)）])?$")),
    ("method", re.compile(r"^(?:得分计算方法|计算方法|评分标准|评分办法|指标解释|指标解释说明|指标说明)$")),
    # Hainan's target form: four standard cells (优 / 良 / 中 / 差) under one 绩效标准 header
    ("standard", re.compile(r"^(?:绩效标准|评价标准)$")),
)
# words a header may hold that name no column of their own ('年度' / '指标值' of a wrapped header cell)
FILLER = re.compile(r"^(?:(?:年度)?绩效指标(?:[(（]\d+分[)）])?|指标|一级|二级|三级|年度|实际|全年|年初|计划|预期|[(（][^()（）]{1,6}[)）])$")
VALUE_ROLES = ("target", "actual", "weight", "score", "deviation", "nature", "unit", "rate", "method", "standard")
CANONICAL = ("level1", "level2", "level3", "nature", "target", "unit", "actual", "rate", "weight", "score", "deviation", "method", "standard")

# a level label ('产出指标', '社会效益指标(30分)') or a fragment of one wrapped in a narrow column ('效益', '指标')
LEVEL = re.compile(r"^(?!指标\s*\d)(?:[\u4e00-\u9fff、]{0,8}(?:指标|目标)|产出|效益|满意度|成本|效果|数量|质量|时效|"
                   r"社会效益|经济效益|生态效益|可持续影响|服务对象|社会公众|投入|过程|决策|管理|履职|"
                   r"项目(?:决策|过程|管理|产出|效益|效果|绩效))(?:[(（]\d+(?:\.\d+)?分?[)）])?$")
LEVEL = re.compile(rf"{LEVEL.pattern}|^[\u4e00-\u9fff]{{0,10}}[(（]\d+(?:\.\d+)?分[)）]$")  # '产出' / '指标' / '(60分)': a label's weight wrapped
# a scoring rule printed in the row of a form with a 计算方法 column: never an indicator's name
RULE_TEXT = re.compile(r"记分|记满分|计分|不得分|扣\d|得\d+(?:\.\d+)?分|得分计算|计算方法")
LEVEL1 = re.compile(r"^(?:产出|效益|满意度|效果|产出效益)(?:指标|目标)?(?:[(（]|$)")
NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?分?$")
NUMBER_ONLY = re.compile(r"^[≥≤><=]?\d+(?:\.\d+)?$")
# a measure word after a figure the text layer parted from it ('2 套', '4 台、笔记本电脑')
MEASURE_WORDS = r"平方米|立方米|公里|小时|工作日|人次"
MEASURE_CHARS = "元个次人件项天月年日亩户所台套批场期家座起吨倍辆本册篇张份条株棵只头类处间位名"
UNIT_LED = re.compile(rf"^(?:%|万|{MEASURE_WORDS}|[{MEASURE_CHARS}])")
OPERATOR = re.compile(r"^(?:[≥≤><=]+|正向|反向|定量|定性)$")
PERCENT = re.compile(r"^\d+(?:\.\d+)?%$")  # a 权重 written as a share ('20%')
EMPTY = re.compile(r"^[-—–/_.…]+$")
VALUE_LIKE = re.compile(r"\d|%|[≥≤><=]|^(?:是|否|完成|已完成|达标|良好|较好|好|高|提高|提升|明显|有效|无|满意|合格)")
TOTAL = re.compile(TOTAL_ROW.pattern.removesuffix("$") + "|^分总")  # a row starting so ends the table; 分总: 总分 wrapped
STOP = re.compile(rf"^(?:{SIGN_OFF}|评价等次|评价等级|自评等级|等级|等次|评价结论|联系人|联系电话|填报人|"
                  r"审核人|评价人员|(?:单位|部门)?(?:公章|盖章)|"
                  r"说明|注[:：]|备注[:：]|项目支出绩效自评表|部门整体支出绩效自评表|"
                  r"[一二三四五六七八九十]+[、.].{0,12}(?:情况|问题|措施|建议|评价|结论|说明|分析|结果|应用|其他)$)")
# the header cells a glued header is made of
GLUED_HEADER = re.compile(r"(?:(?:年度)?绩效指标|一级指标|二级指标|三级指标|指标名称|计量单位|度量单位|指标性质|指标权重|指标分值|"
                          r"指标得分|评价内容|绩效内容|累计完成率|完成率|说明|(?:年度|年初|全年|预期|计划)?(?:指标值|目标值)|"
                          r"绩效目标值|"
                          r"(?:全年|年度)?(?:实际完成指标值|实际完成值|完成值|实际值)|分值|权重|(?:自评)?得分|"
                          r"(?:偏差|未完成)原因(?:分析)?(?:和|及)?(?:改进措施)?)(?:\([A-Z分%]?\))?")
# a level label glued to its row ('产出指标数量指标福彩APP系统改版升级100%100%')
GLUED_LEVEL = re.compile(r"(?:产出|效益|满意度|成本|数量|质量|时效|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|"
                         r"社会公众满意度|群众满意度)(?:指标|目标)(?:\(\d+分\))?")
GLUED_VALUE = re.compile(rf"[≥≤><=]*\d+(?:\.\d+)?(?:%|‰|(?:万|亿|千)?(?:{MEASURE_WORDS}|[{MEASURE_CHARS}])|万|亿)?")
SECTION = re.compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")  # '(二)项目财务管理状况'
MAX_TOKENS = 900
SKIP = -2.5  # a cell the grammar leaves unexplained
WRAP = -3.0  # a value that starts a line of a one-row-per-line table (its row wrapped)
ABSORB = -0.6  # each further cell an indicator's name is made of
MAX_NAME_CELLS = 4
GLUED_MID_LINE = -4.0
PAIR = 2.5  # a framework level with its points before an indicator ("项目决策 20"): its row, not a row of its own
MIN_ROW_SCORE = 0.5  # below this a row on average is mostly missing or misplaced cells (a form whose figures were lost)


@dataclass
class Tok:
    text: str
    start: int  # normalised span
    end: int
    line_start: bool  # first cell of its line


@dataclass
class StreamTable:
    rows: list[Indicator] = field(default_factory=list)
    start: int = 0  # normalised span of the rows
    end: int = 0
    skipped: int = 0


def _role(cell: str) -> str | None:
    for name, pat in ROLES:
        if pat.search(cell):
            return name
    return None


def _header_word(cell: str) -> bool:
    return _role(cell) is not None or bool(FILLER.match(cell))


def _words(view: DocView, s: int, e: int, join_units: bool = True) -> list[Tok]:
    """The cells of the normalised line [s, e) as its raw text separates them by spaces (the normaliser glues
    Chinese words a space parted, so the split is made on the page text and mapped back)."""
    page = view.page_of[s]
    while e > s + 1 and view.page_of[e - 1] != page:
        e -= 1
    raws = view.raw_of[s:e]
    raw = view.doc.pages[page].text or ""
    lo_raw = raws[0]
    out: list[Tok] = []
    span = raw[lo_raw:raws[-1] + 1]
    gap_from = 0
    for m in re.finditer(r"\S+", span):
        lo, hi = bisect_left(raws, lo_raw + m.start()), bisect_left(raws, lo_raw + m.end())
        text = view.norm[s + lo:s + hi].strip()
        wrapped = span[gap_from:m.start()] == "\n"  # a cell the right margin cut (see _unwrapped): one cell
        gap_from = m.end()
        # ('产出指标(50 分)': a PDF's space between a figure and its unit, inside a bracket the next word closes)
        closes = out and out[-1].text.count("(") > out[-1].text.count(")") and re.match(r"^[^()]{0,3}\)", text)
        if text and out and (wrapped or closes or (join_units and NUMBER_ONLY.match(out[-1].text) and UNIT_LED.match(text))
                             or (out[-1].text == "指标" and text[0].isdigit())):  # '指标 1:修缮建筑数量'
            out[-1] = Tok(out[-1].text + fix_glyphs(text), out[-1].start, s + hi, out[-1].line_start)  # '2 套'
        elif text:
            out.append(Tok(fix_glyphs(text), s + lo, s + hi, not out))
    return out or [Tok(fix_glyphs(view.norm[s:e]), s, e, True)]


WRAP_SHARE = 0.9  # a page-layout line this close to the page's widest line ran into the right margin
REMAINDER_SHARE = 0.5  # the rest of a cut header cell is at most this share of the page width
HEADER_NAMES = re.compile(r"[一二三]级指标|指标名称|指标值|完成值|分值|得分|权重|"
                          r"(?:偏差|未完成)原因(?:分析)?(?:及|和)?(?:拟采取的)?(?:改进)?(?:措施)?|备注")
MIN_PAGE_WIDTH = 60  # half-width cells: narrower, the widest line is no page width (an A4 line holds ~80)


def _ends_a_header(line: str) -> bool:
    """The line is (or ends in) a table's header: column names up to its last few characters ('…分值 得分 未完')."""
    names = list(HEADER_NAMES.finditer(line))
    return len(names) >= 3 and len(line) - names[-1].end() <= 4


def _unwrapped(view: DocView, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A page layout's lines with each line the right margin cut joined to the one it ran on to: a form typed
    as spaced rows wraps a long row ('…直接拨付' / '到个人银行账户。') or header ('…得分 未完' / '成原因分析') at the
    page width, and the piece on the next line is the same cell, not a row of its own. The page width is the
    document's widest line; a line runs on when it reaches that width without ending its sentence, and a
    header line only into a short remainder (the first row under a full-width header is a row of its own)."""
    widest = view.widest_line
    if widest < MIN_PAGE_WIDTH:
        return spans
    widths = [printed_width(t) for _s, _e, t in spans]

    def full(k: int) -> bool:
        return widths[k] >= WRAP_SHARE * widest and not spans[k][2].endswith(("。", ";", "!", "?", ")"))

    out: list[tuple[int, int, str]] = []
    for k, (s, e, t) in enumerate(spans):
        if (k and full(k - 1) and view.page_of[spans[k - 1][0]] == view.page_of[s]
                and (widths[k] <= REMAINDER_SHARE * widest or not _ends_a_header(spans[k - 1][2]))):
            ps, _pe, pt = out[-1]
            out[-1] = (ps, e, pt + "\n" + t)
        else:
            out.append((s, e, t))
    return out


class _Lines:
    """The part's lines, each split into its space-separated cells on demand."""

    def __init__(self, view: DocView, start: int, end: int) -> None:
        self.view = view
        self.spans = norm_lines(view.norm, start, end)
        if view.fixed_layout:
            self.spans = _unwrapped(view, self.spans)
        self._words: dict[int, list[Tok]] = {}
        self.glued_from = (-1, 0)  # (line, offset) where a glued header ends
        self.join_units = True  # '2 套' is one cell, unless the table has a 度量单位 column of its own

    def __len__(self) -> int:
        return len(self.spans)

    def text(self, i: int) -> str:
        return self.spans[i][2]

    def words(self, i: int) -> list[Tok]:
        if i not in self._words:
            s, e, _t = self.spans[i]
            self._words[i] = _words(self.view, s, e, self.join_units)
        return self._words[i]

    def new_page(self, i: int) -> bool:
        """Line i is the first of its page."""
        page_of = self.view.page_of
        return i > 0 and page_of[self.spans[i][0]] != page_of[self.spans[i - 1][0]]

    def forget(self) -> None:
        self._words.clear()

    def header_words(self, i: int) -> list[Tok]:
        """The line's cells without a first cell that names the block ('年度绩效目标1(80分)' before a header line
        that names three columns)."""
        words = self.words(i)
        caption = len(words) > 3 and not _header_word(words[0].text) and sum(1 for w in words[1:] if _role(w.text)) >= 3
        return words[1:] if caption else words

    def header_only(self, i: int) -> bool:
        return all(_header_word(w.text) for w in self.header_words(i))

    def cells(self, i: int, split: bool | None) -> list[Tok]:
        s, e, t = self.spans[i]
        if split is None:  # glued: the header's line from the header's end on, every later line whole
            line, at = self.glued_from
            return _glued_tokens(t[at:] if i == line else t, s + (at if i == line else 0))
        return self.words(i) if split else [Tok(fix_glyphs(t), s, e, True)]


def _glued_header(text: str) -> tuple[int, list[str]] | None:
    """(end, column roles) of a header whose cells were glued into one word ('…情况一级指标二级指标三级指标年度
    指标值…'), found as a run of header words around 三级指标 (the line may hold the whole form)."""
    for m in re.finditer(r"三级指标|二级指标|指标名称|绩效内容", text):
        a = b = m.start()
        words: list[str] = []
        while (w := GLUED_HEADER.match(text, b)) is not None and w.end() > b:
            words.append(w.group(0))
            b = w.end()
        back = [w for w in GLUED_HEADER.finditer(text[max(0, a - 12):a]) if w.end() == min(a, 12)]
        words = [w.group(0) for w in back] + words
        roles: list[str] = []
        for w in words:
            r = _role(w)
            if r and r not in roles:
                roles.append(r)
        if len(words) >= 4 and "level3" in roles and {"target", "actual"} & set(roles):
            return b, roles
    return None


def _glued_tokens(text: str, s: int) -> list[Tok]:
    """A glued run of cells cut at its level labels and figures; the text between is a name or a value."""
    cuts: list[tuple[int, int]] = []
    pos = 0
    naming = True  # before the line's first name (only level labels so far): '65岁以上老年人…' starts with a figure
    while pos < len(text):
        lvl = GLUED_LEVEL.match(text, pos)
        m = lvl or GLUED_VALUE.match(text, pos)
        if lvl is None and m is not None and (
                re.search(r"指标$", text[:pos])
                or (naming and re.match(r"[\u4e00-\u9fff]", text[m.end():m.end() + 1])
                    and not GLUED_LEVEL.match(text, m.end()))):
            cuts += [(k, -1) for k in range(pos, m.end())]  # a figure inside a name: text
            pos, naming = m.end(), False
            continue
        if lvl is None:
            naming = False
        if m is not None and m.end() > pos:
            end = m.end()
            tail = re.match(r"[\u4e00-\u9fff]{1,2}(?=$|[\d≥≤><=])", text[end:]) if lvl is None else None
            if tail is not None and not GLUED_LEVEL.match(text, end) and not TOTAL.match(text[end:]):
                end += tail.end()  # '11月底前', '2天以内': a figure's last words before the next figure (never
                # the 总分 row's label after the last row's score: '…10 10总分100 97.81')
            cuts.append((m.start(), end))
            pos = end
        else:
            cuts.append((pos, -1))
            pos += 1
    toks: list[Tok] = []
    run = -1
    for a, b in [*cuts, (len(text), 0)]:
        if b == -1:  # one character of text: extend the current run
            run = a if run < 0 else run
            continue
        if run >= 0:
            toks.append(Tok(text[run:a], s + run, s + a, not toks))
            run = -1
        if b > a:
            toks.append(Tok(text[a:b], s + a, s + b, not toks))
    return [t for t in toks if t.text.strip(" ,，。;；")]


def _find_header(lines: _Lines) -> tuple[int, list[str], bool | None] | None:
    """(line after the header, column roles, one-row-per-line) of the first indicator header; the last is None
    for a header glued into one word, whose rows are glued too (one row a line)."""
    for i in range(len(lines)):
        if not re.search(r"三级指标|指标名称|二级指标|绩效内容", lines.text(i)):
            continue
        if not lines.header_only(i):  # (the normaliser drops the spaces between Chinese words of a glued line)
            glued = _glued_header(lines.text(i))
            if glued is None:
                continue
            lines.glued_from = (i, glued[0])
            return i, glued[1], None
        a = i  # back over the header's level cells ('一级指标' / '二级指标'), never over a caption above it
        while a > 0 and i - a < 4 and all(_role(w.text) in ("level1", "level2", "seq") or FILLER.match(w.text)
                                          for w in lines.words(a - 1)):
            a -= 1
        b = i + 1
        while b < len(lines) and b - a < 16 and (lines.header_only(b) or _wrapped_header_cell(lines, b)):
            b += 1
        roles: list[str] = []
        for word in _header_cells([w.text for k in range(a, b) for w in lines.header_words(k)]):
            r = _role(word)
            if r and (r not in roles or (r == "weight" and "level3" in roles and roles.count("weight") == 1)
                      or (r == "method" and roles[-1] == "method")):
                roles.append(r)  # a second 分值 after 三级指标: a framework's level weight, then the indicator's;
                # 指标解释说明 | 评分标准: two text columns side by side
        if "level3" not in roles:
            if "level2" not in roles:
                continue
            roles = ["level3" if r == "level2" else r for r in roles]  # 二级指标 is the finest level named
        k3 = roles.index("level3")
        if not ({"target", "actual"} & set(roles)) and not ("weight" in roles and "score" in roles[k3:]):
            continue  # a scoring table (指标分值 | 评分标准 | 自评) counts too: points and a score per indicator
        if any(r not in ("level1", "level2", "seq", "weight") for r in roles[:k3]):
            return None  # another column before the indicator's name: not this grammar
        split = any(sum(1 for w in lines.words(k) if _role(w.text)) >= 3 for k in range(a, b))
        values = roles[k3 + 1:]
        if split and b - a > 1:
            values = [r for r in CANONICAL if r in values]  # '年度 实际 分值 得分' / '指标值 完成值': a wrapped header
        return b, roles[:k3 + 1] + values, split
    return None


def _wrapped_header_cell(lines: _Lines, b: int) -> bool:
    """Line b is part of a header cell a narrow column wrapped ('分' / '值', '偏差原因分析' / '及改进措施')."""
    t = lines.text(b)
    return len(lines.words(b)) == 1 and (
        (_role(lines.text(b - 1)) is None and _role(lines.text(b - 1) + t) is not None)
        or (b + 1 < len(lines) and _role(t) is None and _role(t + lines.text(b + 1)) is not None))


def _header_cells(words: list[str]) -> list[str]:
    """Header words with the pieces of a wrapped cell joined: '分' + '值' -> '分值', '年度' + '指标值'."""
    out: list[str] = []
    k = 0
    while k < len(words):
        both = words[k] + words[k + 1] if k + 1 < len(words) else ""
        if both and _role(words[k]) is None and _role(both) is not None:  # the first piece names nothing
            out.append(both)
            k += 2
        else:
            out.append(words[k])
            k += 1
    return out


def _body(lines: _Lines, b: int, split: bool) -> tuple[list[Tok], list[Tok]]:
    """The cells after the header up to the table's end, and the cells of its 总分 row (if it has one)."""
    toks: list[Tok] = []
    repeat = -1  # the last line of a header the page break repeated
    for i in range(b, len(lines)):
        if i <= repeat:
            continue
        cells = lines.cells(i, split)
        if i > b and lines.new_page(i) and re.search(r"三级指标|二级指标|指标名称", lines.text(i)):
            repeat = _repeated_header(lines, i)
            if repeat >= i:
                continue  # the header a page break repeated (Word's repeat-header row): the table goes on
        if split is None:  # a glued line may hold the rest of the form: it ends at its 总分 cell or a heading
            end = next((k for k, c in enumerate(cells) if TOTAL.match(c.text) or STOP.match(c.text)
                        or SECTION.match(c.text)), None)
            if end is not None:
                return toks + cells[:end], cells[end:]
        first = lines.words(i)[0].text  # ('四、部门自评结论' / its text: one line once the normaliser glued them)
        if TOTAL.match(first) or is_total_label(first) or TOTAL.match(unspaced(lines.text(i))):
            return toks, cells  # (its label may be spread across the cell: '总  分')
        if STOP.match(first) or re.match(r"^(?:一级指标|三级指标)$", first) or len(toks) > MAX_TOKENS:
            break
        if split and len(cells) > 1 and re.match(r"^[一二三四五六七八九十]+、", first):
            break  # '四、部门自评结论 | 本部门…': the report's next section set out as a row
        toks += cells
    return toks, []


def _repeated_header(lines: _Lines, i: int) -> int:
    """The last line of the header that starts at line i (a page's top), or -1 when line i starts none."""
    k = i
    while k < len(lines) and k - i < 12 and lines.header_only(k):
        k += 1
    return k - 1 if k > i else -1


def _slot(role: str, t: Tok) -> float:
    x = t.text
    if EMPTY.match(x):
        return 0.3
    if role in ("weight", "score"):
        return 2.0 if NUMBER.match(x) or (role == "weight" and PERCENT.match(x)) else -4.0
    if LEVEL.match(x):
        return -3.0
    if role in ("deviation", "method", "standard"):
        return -3.0 if NUMBER.match(x) else 0.3
    if role == "rate":
        return 1.0 if PERCENT.match(x) else -2.0
    if role == "nature":  # '≥' / '正向' / '定性': the indicator's direction
        return 1.5 if OPERATOR.match(x) else -2.0
    if role == "unit":
        return 0.5 if len(x) <= 4 and not re.search(r"\d", x) else -2.0
    if OPERATOR.match(x):
        return -2.0  # a bare direction is no target or result
    return 1.0 if VALUE_LIKE.search(x) else 0.6


MISSING = {"target": -1.2, "actual": -1.2, "weight": -1.5, "score": -1.5, "deviation": 0.0, "nature": 0.0, "unit": 0.0,
           "rate": -0.3, "method": 0.0, "standard": 0.0}


def _align(roles: list[str], vals: list[Tok]) -> tuple[float, list[Tok | None]]:
    """Best order-preserving assignment of the cells `vals` to the value columns `roles` (each cell one
    column; a column left without a cell was an empty cell the flattening dropped)."""
    k, m = len(roles), len(vals)
    if m > k:
        return float("-inf"), []
    # best[i][j]: the first i columns given the first j cells
    best = [[float("-inf")] * (m + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for i in range(1, k + 1):
        for j in range(0, min(i, m) + 1):
            skip = best[i - 1][j] + MISSING[roles[i - 1]]
            take = best[i - 1][j - 1] + _slot(roles[i - 1], vals[j - 1]) if j else float("-inf")
            best[i][j] = max(skip, take)
    out: list[Tok | None] = []
    i, j = k, m
    while i > 0:
        take = best[i - 1][j - 1] + _slot(roles[i - 1], vals[j - 1]) if j else float("-inf")
        if j and best[i][j] == take:
            out.append(vals[j - 1])
            j -= 1
        else:
            out.append(None)
        i -= 1
    return best[k][m], out[::-1]


def _name_score(t: Tok) -> float:
    if NUMBER.match(t.text) or EMPTY.match(t.text) or LEVEL.match(t.text):
        return -5.0
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", t.text) or RULE_TEXT.search(t.text):
        return -3.0
    if len(t.text) > 15 and t.text.endswith("。"):
        return 0.2  # a sentence: an explanation or a result, seldom an indicator's name
    return 1.5 if re.match(r"^指标\s*\d", t.text) else 1.0


def _pair(toks: list[Tok], k: int) -> bool:
    """A framework's level cell and its points ('项目决策' / '20')."""
    return (not NUMBER.match(toks[k].text) and bool(re.search(r"[\u4e00-\u9fff]", toks[k].text))
            and bool(NUMBER.match(toks[k + 1].text)))


def _parse(toks: list[Tok], values: list[str], lines_matter: bool, pairs: bool = False, seq: bool = False,
           mid_line: float = -1.5) -> tuple[float, list[tuple[int, int, int, int, list]]]:
    """Cut `toks` into rows (first cell, name's first cell, name's end, row's end, value cells) with the best
    total score."""
    n = len(toks)
    f: list[float] = [float("-inf")] * (n + 1)
    back: list[tuple | None] = [None] * (n + 1)
    f[0] = 0.0
    k = len(values)
    for i in range(n):
        if f[i] == float("-inf"):
            continue
        if f[i] + SKIP > f[i + 1]:
            f[i + 1], back[i + 1] = f[i] + SKIP, ("skip", i)
        start_bonus = (1.5 if toks[i].line_start else mid_line) if lines_matter else 0.0
        lead = i + 1 if seq and NUMBER_ONLY.match(toks[i].text) else i  # the row's 序号
        for nl in range(0, 5):
            j = lead + (2 * nl if pairs else nl)
            if j >= n or (nl and not (_pair(toks, j - 2) if pairs else LEVEL.match(toks[j - 1].text))):
                break
            name = _name_score(toks[j])
            if name < 0:
                continue
            for q in range(j + 1, min(n, j + 1 + MAX_NAME_CELLS) + 1):
                if q > j + 1:  # a name in pieces: a wrapped cell, or a PDF's words split where digits start
                    t = toks[q - 1]
                    if LEVEL.match(t.text) or TOTAL.match(t.text) or RULE_TEXT.search(t.text):
                        break
                    name += ABSORB + (WRAP if lines_matter and t.line_start else 0.0)
                for m in range(0, k + 1):
                    end = q + m
                    if end > n:
                        break
                    vals = toks[q:end]
                    s, assigned = _align(values, vals)
                    if s == float("-inf"):
                        continue
                    wrap = WRAP * sum(1 for t in vals if t.line_start) if lines_matter else 0.0
                    total = f[i] + start_bonus + (PAIR if pairs else 0.3) * nl + name + s + wrap
                    if total > f[end]:
                        f[end], back[end] = total, ("row", i, j, q, assigned)
    rows: list[tuple[int, int, int, int, list]] = []
    pos = n
    while pos > 0:
        b = back[pos]
        if b is None:
            break
        if b[0] == "row":
            rows.append((b[1], b[2], b[3], pos, b[4]))
        pos = b[1]
    return f[n], rows[::-1]


def _levels(labels: list[str]) -> list[str]:
    """Wrapped fragments joined: '效益' + '指标' -> '效益指标', '服务对象' + '满意度指标' -> '服务对象满意度指标'."""
    out: list[str] = []
    for x in labels:
        if out and (re.match(r"(?:指标|目标|[(（])", x) or out[-1] in ("服务对象", "社会公众")):
            out[-1] += x
        else:
            out.append(x)
    return out


def read_indicator_stream(view: DocView, start: int, end: int) -> StreamTable | None:
    """The indicator rows of the first indicator table flattened into text in [start, end), or None."""
    lines = _Lines(view, start, end)
    head = _find_header(lines)
    if head is None:
        return None
    b, roles, split = head
    if "unit" in roles:
        lines.join_units = False
        lines.forget()
    toks, _total = _body(lines, b, split)
    if not toks:
        return None
    k3 = roles.index("level3")
    values = [x for r in roles[k3 + 1:] if r in VALUE_ROLES for x in ([r] * 4 if r == "standard" else [r])]
    lines_matter = split is not False and sum(1 for t in toks if t.line_start) >= 3
    options = [values]
    if not {"weight", "score"} & set(values):  # a 分值 column whose header cell was lost ('实际完成指标值' / '50')
        options.append(values[:2] + ["weight"] + values[2:])
    pairs, seq = "weight" in roles[:k3], "seq" in roles[:k3]
    # glued cells one row a line: a row starts a line (its text is cut at figures, '2023年11月底前' into three)
    mid_line = GLUED_MID_LINE if split is None else -1.5
    score, rows, values = max(((*_parse(toks, v, lines_matter, pairs, seq, mid_line), v) for v in options),
                              key=lambda x: x[0])
    used = {k for first, _j, _q, end_, _v in rows for k in range(first, end_)}
    # cells after the last row are the table's end; an empty cell ('-') or a scoring note explains itself
    skipped = sum(1 for k in range(rows[-1][3] if rows else len(toks)) if k not in used
                  and not EMPTY.match(toks[k].text) and not RULE_TEXT.search(toks[k].text))
    if not rows or skipped > max(2, len(rows) // 2) or score < MIN_ROW_SCORE * len(rows):
        return None  # the layout is not understood: no count is better than a wrong one
    table = StreamTable(start=toks[rows[0][0]].start, end=toks[rows[-1][3] - 1].end, skipped=skipped)
    carry: dict[str, str | None] = {"level1": None, "level2": None}
    for first, j, q, _end, assigned in rows:
        if SUBTOTAL_ROW.match("".join(t.text for t in toks[j:q])) and first == j:
            continue  # a level's '小计 | 50 | 49': the sum of the rows above, no indicator
        cells = toks[first:j]
        if cells and seq and NUMBER_ONLY.match(cells[0].text):
            cells = cells[1:]
        labels = [t.text for t in cells[::2]] if pairs else _levels([t.text for t in cells])
        last = carry["level2"] or carry["level1"]
        if labels and labels[0] in ("指标", "目标") and last and not last.endswith(("指标", "目标")):
            key = "level2" if carry["level2"] else "level1"  # the rest of the label above ('社会效益' / row / '指标')
            carry[key] = last + labels.pop(0)
            for prev in reversed(table.rows):
                if getattr(prev, key) != last:
                    break
                setattr(prev, key, carry[key])
        if len(labels) >= 2:
            carry["level1"], carry["level2"] = labels[0], labels[-1]
        elif labels:
            if LEVEL1.match(labels[0]) and "level1" in roles:
                carry["level1"], carry["level2"] = labels[0], None
            else:
                carry["level2"] = labels[0]
        got = dict(zip(values, assigned, strict=True))

        def text(role: str, got: dict = got) -> str | None:
            t = got.get(role)
            return fix_glyphs(t.text) if t is not None and not EMPTY.match(t.text) else None

        def number(role: str, got: dict = got) -> float | None:
            t = got.get(role)
            return float(t.text.rstrip("分")) if t is not None and NUMBER.match(t.text) else None

        table.rows.append(Indicator(level1=carry["level1"], level2=carry["level2"], level3="".join(t.text for t in toks[j:q]),
                                    target=text("target"), actual=text("actual"), weight=number("weight"),
                                    score=number("score"), row=len(table.rows) + 1))
    for r in table.rows:
        if not _points_ok(r):  # a row scored above its weight, or points above 100: a figure in the wrong cell
            r.weight = r.score = None  # ('1515': two cells glued; '5000': a target under a lost 得分 column)
    return table


def _points_ok(ind: Indicator) -> bool:
    """The form's own rule for a row's points: 0 <= 得分 <= 分值 <= 100 (validation's IND-03)."""
    w, sc = ind.weight, ind.score
    return all(x is None or 0 <= x <= 100 for x in (w, sc)) and not (w is not None and sc is not None and sc > w)

