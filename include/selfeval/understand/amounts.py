"""Money and rate mentions in prose, classified by the label that precedes them.

A report states its figures in sentences like
"本年支出合计5137.69万元，其中：基本支出5137.69万元" or
"年初预算安排1429.07万元，当年预算安排4068.67万元，总体执行3551.83万元".
For every amount we take the clause just before it (the label), decide what
concept it names (total / basic / project spending, initial / adjusted /
unqualified budget), in which scope (all funds, 财政拨款, 一般公共预算, a
fund), and whether it is a part of an income or budget head ("收入合计…其中
基本支出…" is an income split, not spending).  The look-alikes of docs/spec/fields.md
(到位, 统筹, 投入, 三公, changes 比上年减少…, items 人员经费…) are rejected here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import vocabulary as V
from .evidence import DocView, soft_wrap
from .numbers import PCT_RE, Amount, cut_by_break, find_amounts, parse_number, to_wan

SCOPES = (
    ("一般公共预算", "一般公共预算"),
    ("财政拨款", "财政拨款"),
    ("公共财政", "财政拨款"),
    ("政府性基金", "政府性基金"),
    ("国有资本经营", "国有资本经营"),
    ("国有资本", "国有资本经营"),
    ("社会保险基金", "社会保险基金"),
)

EXCLUDE = re.compile(V.alternation(V.AMOUNT_NOT_SPENDING))
COMPONENT = re.compile(r"基本|项目|人员|公用|专项|其他|经费|工资|商品|个人|资本|其中")
HEAD_WORDS = re.compile(r"合计|总额|总计|共计|总支出|总体|全年|累计|决算|年初|当年|调整")
# 下达 is a label (allocated), 达 a filler; the currency named before the figure too ('支出合计为人民币1,298.45万元')
FILLER_END = re.compile(r"(?:(?:为|是|达到|(?<![下送传抵])达|共计|共|约|就|则)(?:人民币)?|人民币)$")

TOTAL_END = re.compile(rf"({V.alternation(V.AMOUNT_TOTAL_END)})$")
BASIC_END = re.compile(rf"(?:{V.alternation(V.AMOUNT_BASIC_END)})$")
PROJECT_END = re.compile(rf"(?:{V.alternation(V.AMOUNT_PROJECT_END)})$")
SPECIAL_END = re.compile(rf"(?:{V.alternation(V.AMOUNT_SPECIAL_END)})$")
INITIAL = re.compile(V.alternation(V.AMOUNT_INITIAL))
INITIAL_EXCLUDE = re.compile(V.AMOUNT_INITIAL_UNLESS)
PROJECT_OWN_FUNDS = re.compile(r"专项(?:资金|经费)?|(?:项目|工作|业务)?经费")
ADJUSTED = re.compile(V.alternation(V.AMOUNT_ADJUSTED))
ADJUSTED_END = re.compile(rf"(?:{V.alternation(V.AMOUNT_ADJUSTED_END)})$")
ALLOCATED_END = re.compile(rf"(?:{V.alternation(V.AMOUNT_PROJECT_ALLOCATED)})(?:合计|共计|总计)?$")
UNQUALIFIED = re.compile(rf"(?:{V.alternation(V.AMOUNT_UNQUALIFIED)})$")
FUND_LEVEL = re.compile(r"本级|配套|(?:中央|省级|市级|县级|区级|乡级|镇级)(?:财政)?(?:衔接)?(?:资金|预算|安排|配套)|"
                        r"(?:中央|省级?|自治区|市级?|州级?|县级?)(?:财政)?下达")  # one level's share
# one source's share named first: '其中中央财政资金全年预算数1800万元' / '地方财政资金全年执行数2192.58万元' after the
# year's whole ('年度资金总额全年预算数5372.58万元'): a part, never a rival of the whole
FUND_SHARE = re.compile(r"^(?:其中:?)?(?:中央|省级?|自治区|市级?|州级?|县级?|区级?|地方|本级|其他|自筹)(?:财政)?(?:补助|专项)?资金"
                        r"(?=[^,，]{0,6}(?:预算|执行|支出))")
EXEC_ONLY = re.compile(r"^(?:实际)?(?:执行|支出|完成|使用)(?:了)?$")
PROJECT_PAYOUT = re.compile(r"(?:已|共|累计|实际|全年)[^,，。]{0,6}(?:发放|拨付)[^,，。]{0,8}?(?:(?:补助|补贴|救助)?(?:资金|经费)|"
                            r"补助|补贴|救助金)(?:为|共计|合计)?$|"
                            r"(?:^|已|共|累计|实际)发放(?:补助|补贴|救助)?(?:资金|经费)(?:为|共计|合计)?$|"
                            r"(?:已|共|累计|实际)发放$|"
                            r"(?:补助|补贴|资金)发放$|(?:已|共|累计)?兑(?:付|现)[^,，。]{0,8}?(?:资金|补贴|补助)?$|"
                            # a works project's payments: '已拨付工程款76.8万元', '已支付工程及设备款117.6万元'
                            r"(?:已|共|累计|实际)(?:拨付|支付)(?:工程|设备|建设|施工)[^,，。]{0,5}?款(?:为|共计|合计)?$|"
                            # a subsidy paid into the beneficiaries' accounts: '已通过“一卡通”系统拨付至农户账户'
                            r"(?:已|共|累计|实际)[^,，。]{0,14}?(?:拨付|发放)(?:至|到)[^,，。]{1,10}?(?:账户|账上|卡|手中)$")
# a project's own funds named as such ('该项目预算资金', '深加工项目资金', '项目经费'): its budget, ranked below an
# allocation ('下达…') that says who gave it
PROJECT_FUNDS = re.compile(r"(?:项目|专项)(?:预算)?(?:资金|经费)(?:共计|合计|总额)?$|预算资金(?:总额)?$|"
                           r"项目(?:总)?预算(?:总额|金额|数)?$|(?:预算|资金)安排$|(?:资金|经费)预算(?:数|总额|金额)?$|"
                           r"^(?:该|此|本)项?(?:资金|经费)(?:总额)?$")
PROJECT_FUNDS_NOT = re.compile(r"分配|分解|下拨|到位|结余|结转|追加|计划|投资|自筹|配套|其中|使用|支出|支付|拨付|发放|执行|剩余|节约|偏差|绩效")
PROJECT_SPEND = re.compile(rf"(?:{V.alternation(V.AMOUNT_PROJECT_SPEND)})$")
FUND_SPENT = re.compile(rf"(?:{V.alternation(V.AMOUNT_FUND_SPENT)})$")
FUND_EXPENSE = re.compile(rf"(?:{V.alternation(V.AMOUNT_FUND_EXPENSE)})$")


@dataclass
class AmountMention:
    kind: str  # total | basic | project | special | initial | adjusted | budget | project_budget | income | other
    value: float
    scope: str
    start: int  # normalised span of label+amount
    end: int
    num_start: int
    label: str
    unit: str | None
    note: str | None
    rank: int = 0
    part_of: str | None = None  # kind of the head this is a 其中-part of
    item: str | None = None  # the numbered list item ('1.', '(2)') whose line holds it: one of several things


def scope_of(text: str) -> str | None:
    for key, scope in SCOPES:
        if key in text:
            return scope
    return None


_HARD = re.compile(r"[。;!?！？；]")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十]+)")


# _HEADING without its arabic forms: a '其中:' list's own items are often numbered '1.' / '(2)'; only a section
# heading of the report ends it
LIST_END = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+)")


def sentences(norm: str, hard: set[int] | None = None, base: int = 0) -> list[tuple[int, int]]:
    """Spans of sentences: split at 。；!? and at line breaks that are not soft wraps (`hard` holds
    breaks known to be real, as offsets of the full text; `norm` starts at offset `base`)."""
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(norm)
    while i < n:
        ch = norm[i]
        cut = bool(_HARD.match(ch))
        if ch == "\n":
            cut = _real_break(norm, i, hard, base)
        if cut:
            if i > start:
                spans.append((start, i))
            start = i + 1
        i += 1
    if start < n:
        spans.append((start, n))
    return spans


def _soft_wrap(norm: str, i: int) -> bool:
    return soft_wrap(norm, i)


def _real_break(norm: str, i: int, hard: set[int] | None, base: int = 0) -> bool:
    """The line break at `norm[i]` ends a paragraph: known to be real (`hard` holds such breaks as offsets of
    the full text, `norm` starting at `base`) or not a layout's soft wrap."""
    return (hard is not None and i + base in hard) or not _soft_wrap(norm, i)


_LEVELS = ((re.compile(r"^[一二三四五六七八九十]+[、.．]"), 0), (re.compile(r"^[(（][一二三四五六七八九十]+[)）]"), 1),
           (re.compile(r"^\d+[、.．](?!\d)"), 2), (re.compile(r"^[(（]\d+[)）]"), 3))


def _spending_scope(heading: str) -> str | None:
    """The funds' scope a heading names ('二、一般公共预算支出情况'), if it speaks of spending or budgets."""
    return scope_of(heading) if re.search(r"支出|预算|决算", heading) else None


def _sangong_heading(heading: str) -> str | None:
    """'三公' for a heading about the “三公”经费 ('(三)“三公”经费使用情况'): its items are not the unit's figures."""
    return "三公" if "三公" in heading else None


def section_scopes(norm: str, name: Callable[[str], str | None] = _spending_scope) -> list[tuple[int, str | None]]:
    """(offset, scope) changes from headings like '二、一般公共预算支出情况' (`name` says what scope a heading sets).

    A scope set by a heading lasts until the next heading of the same or a
    higher level (一、 > （一） > 1、 > (1)), whatever numbering the report uses.
    """
    out: list[tuple[int, str | None]] = []
    pos = 0
    setter: int | None = None
    for line in norm.split("\n"):
        body = line.strip()
        level = next((lv for pat, lv in _LEVELS if pat.match(body)), None) if body and len(body) <= 40 else None
        if level is not None:
            sc = name(body)
            if sc:
                out.append((pos, sc))
                setter = level
            elif setter is not None and level <= setter:
                out.append((pos, None))
                setter = None
        pos += len(line) + 1
    return out


def _scope_at(changes: list[tuple[int, str | None]], pos: int) -> str | None:
    cur = None
    for off, sc in changes:
        if off > pos:
            break
        cur = sc
    return cur


LABEL_UNIT = re.compile(r"[(（](万元|元|亿元)[)）]\s*[:：]\s*$")  # the colon: glued cells are no label and value


def _unit_from_label(norm: str, lo: int, a: Amount) -> Amount | None:
    """A bare figure whose label carries its unit ('年初预算数(万元):1200', a form flattened into a sentence)."""
    m = LABEL_UNIT.search(norm[max(lo, a.start - 40):a.start])  # the label ends right before: no rescan from lo
    if m is None:
        return None
    wan, note = to_wan(a.value_wan, m.group(1))
    return replace(a, value_wan=wan, unit=m.group(1), note=note)


UNIT_AGAIN = re.compile(r"基本支出|项目支出|部门|单位|整体|支出合计|总支出")


def _about_sangong(before: str, under_heading: bool = False) -> bool:
    """The sentence speaks of the “三公”经费 (receptions, cars, trips abroad) up to the figure, or stands under a
    heading about them: their own budget, spending and rate, not the unit's (unless a later clause names the
    unit's 基本支出, 项目支出 or total again)."""
    k = before.rfind("三公")
    if k < 0 and under_heading:
        return not UNIT_AGAIN.search(before)
    return k >= 0 and not UNIT_AGAIN.search(before[k:])


def _near(left: str) -> str:
    """The clause right before a number: last segment after , : ( and friends, filler stripped."""
    left = re.sub(r"\([A-Za-z]\)|[¥￥]\s*$", "", LABEL_UNIT.sub("", left.replace("\n", "")))  # '(A)', a currency sign
    # a name's own parenthesis right before the figure ('补助资金(系统化全域推进海绵城市)共计3.6亿元') is no clause break
    # unless the parenthesis names the kind ('人员经费和公用经费(基本支出)800.12万元')
    left = re.sub(r"\(([^()]{1,30})\)((?:共计|合计|总计|共|为)?)$",
                  lambda m: m.group(0) if BASIC_END.match(m.group(1)) or PROJECT_END.match(m.group(1)) else m.group(2),
                  left)
    # '下达中央、市级转移支付资金': an enumeration of fund levels is one clause
    left = re.sub(r"(中央|省级?|市级?|州级?|县级?|区级?)、(?=中央|省|市|州|县|区)", r"\1和", left)
    parts = [p for p in re.split(r"[,，、:：()（）\[\]【】]", left)]
    near = ""
    for p in reversed(parts):
        near = p + near
        stripped = FILLER_END.sub("", near)
        if stripped:
            return stripped
    return FILLER_END.sub("", near)


def _label_start(norm: str, near: str, lo: int, hi: int) -> int:
    """Where the label `near` begins in the text, so that the evidence quotes the label as printed: it is the
    text's tail before the figure unless a filler ('执行率达到'), a name's parenthesis or a line break ('基\n本支出')
    was taken out of it, then its first characters (a break allowed between them) are found before the figure."""
    if norm[hi - len(near):hi] == near:
        return hi - len(near)
    head = re.compile("\n?".join(map(re.escape, near[:4])))
    found = [m.start() for m in head.finditer(norm, lo, hi)]
    return found[-1] if found else hi - len(near)


def _projects_own_spending(near: str) -> bool:
    """Labels that in a project's or fund's own report name what it spent, though elsewhere they are
    look-alikes: '实际完成投资', '项目实际支出总额', '共完成发放补助资金' / '已拨付财政补助资金', '全区执行数' (a
    transfer payment's whole), '共支出2023年补助资金'."""
    return bool(
        (PROJECT_SPEND.search(near) and re.search(r"(?:^|实际|已|累计)完成投资$", near))
        or re.search(r"^(?:该)?项目(?:实施)?(?:单位)?(?:资金)?(?:实际)?支出(?:总额|合计|金额)?$", near)
        or (PROJECT_PAYOUT.search(near) and not re.search(r"计划|预计|应|需", near))
        or re.fullmatch(r"全(?:区|省|市|州|县)(?:全年)?(?:执行数|实际支出|支出数)", near)
        or FUND_SPENT.match(near))


def classify(near: str, left: str, report_kind: str) -> tuple[str, int] | None:
    """(kind, rank) of an amount label, or None for a look-alike.  Lower rank = more explicit label."""
    if not near:
        return None
    if INITIAL.search(near) and ("项目" not in near or report_kind == "project") and not (
            INITIAL_EXCLUDE.search(PROJECT_OWN_FUNDS.sub("", near) if report_kind == "project" else near)):
        # (a project's or fund's own report: its 专项资金/经费 is the project's whole money, not a part)
        return "initial", 0
    if report_kind == "project" and ALLOCATED_END.search(near):
        # one level's share ('县本级预算安排的衔接资金76万元', '中央资金…') ranks below the whole allocation
        if re.search(r"全年|调整后|最终", near):
            return "adjusted", 0  # '全年实际下达71万元' after '下达我区111万元' and '调减40万元': the year's final allocation
        if FUND_LEVEL.search(near):
            return "adjusted", 2
        # '2023年共下达补助资金246.2万元' over one batch ('2022年12月…下达补助资金57.5万元'): the year's whole
        return "adjusted", 0 if re.search(r"(?:^|年|度)(?:共|累计|合计|总计)(?:下达|安排|拨付|分配)", near) else 1
    if report_kind == "project" and PROJECT_FUNDS.search(near) and not PROJECT_FUNDS_NOT.search(near):
        return "adjusted", 2
    if re.search(r"项目.{0,4}(?:预算|安排)|(?:预算|安排).{0,2}项目", near) and report_kind != "project":
        return "project_budget", 0
    if "收入" in near and not re.search(r"收入支出", near):
        return "income", 0
    if FUND_EXPENSE.search(near) and not re.search(r"基本|项目", near[-6:]):
        return "total", 1
    if ADJUSTED_END.search(near) and not re.search(r"三公|经费|结转|结余|收入|目标", near) and (
            report_kind == "project" or "项目" not in near):
        return "adjusted", 0  # the label ends the clause: earlier words (采购节约, 减少) only explain the change
    if report_kind == "project" and _projects_own_spending(near):
        return "total", 1  # before the look-alike list, which rejects 投资, 补助 and 全县 in general
    if EXCLUDE.search(near):
        return None
    if ADJUSTED.search(near) and "预算" in near + left[-8:] and not re.search(r"预算执行(?:数|金额|$)", near):
        return "adjusted", 0  # not '全年预算执行数合计233.64万元', what was spent of the budget
    if BASIC_END.search(near):
        return "basic", 0
    if PROJECT_END.search(near):
        # in a project's own report '农村改厕建设项目支出13.97万元' is that project's spending
        return ("total", 1) if report_kind == "project" and not re.search(r"其中|部门|单位", near) else ("project", 0)
    if SPECIAL_END.search(near):
        return "special", 1
    if UNQUALIFIED.search(near) or near in ("预算", "预算数", "部门预算"):
        # a project has one budget: its 预算资金 is what it was given (a unit's unqualified 预算 stays ambiguous)
        return ("adjusted", 2) if report_kind == "project" else ("budget", 0)
    if "预算" in near and not re.search(r"执行|决算", near):
        return None
    if report_kind == "project" and PROJECT_SPEND.search(near):
        return "total", 1
    if TOTAL_END.search(near) and not COMPONENT.search(near[:-2] if near.endswith("支出") else near):
        explicit = re.search(r"合计|总额|总计|总数|总支出|本年|全年|实际|决算|总体|执行数|累计", near)
        return "total", 0 if explicit else 2
    if EXEC_ONLY.match(near):
        return "exec", 2
    return None


PARTS_TOTAL = re.compile(r"(?:两项|以上|上述)?(?:合计|共计|总计)(?:为)?")


# the budget after the change, right after the 年初 figure: '年中调整为320万元', '年度中间调整为…', '追加后总预算…'
IN_YEAR_CHANGE = re.compile(r"(?:年中|年内|年度中(?:间)?|全年|年度)?(?:追加)?调整(?:后)?|(?:追加|调整)?后?总预算(?:数)?")


def _in_context(got: tuple[str, int], near: str, prev: AmountMention | None, sentence: str,
                report_kind: str) -> tuple[str, int]:
    """A label's kind and rank settled by its sentence and the figure before it ('exec': still unplaced)."""
    kind, rank = got
    if kind == "total" and report_kind != "project" and re.fullmatch(r"(?:本年|本期|当年)?支出(?:数|金额)?", near):
        # '…财政拨款基本支出年初结转和结余0万元,本年收入216万元,本年支出216万元': the sentence is about one part of
        # the unit's spending (a project report's 项目支出 is its whole)
        named = set(re.findall(r"(基本|项目)支出(?=年初结转|[^,，。]{0,4}年初结转)", sentence))
        if len(named) == 1:
            kind = "basic" if named == {"基本"} else "project"
    if (kind == "total" and prev is not None and "收入" in prev.label and "支出" not in prev.label
            and re.fullmatch(r"(?:决算|执行)数?", near)):
        kind = "income"  # '年初预算收入785.59万元,决算数为885.63万元': the income's own outturn
    if "本级" in near and kind in ("total", "basic", "project"):
        rank += 1  # '本级项目支出385.58万元' after '项目支出总额656.93万元': the unit's own level, a part
    if kind == "exec" and prev is not None:
        if prev.kind in ("project_budget", "project", "special"):
            kind = "project"
        elif prev.kind in ("initial", "adjusted", "budget"):
            kind = "total"
    return kind, rank


# a sentence that allocates money to the reporting place before its bare 合计 ('…下达我区…资金,合计…')
ALLOCATED_CLAUSE = re.compile(r"(?:下达|安排|拨付|分配)(?:给)?(?:我|本)(?:区|县|市|州|局|委|单位|部门|中心)|"
                              r"(?:共|累计)(?:下达|安排|批复)[^。;；]{0,30}(?:资金|经费|预算|公益金)")


def _sum_of_parts(found: list[AmountMention], seen: list[float], s0: int, value: float) -> tuple[str, int] | None:
    """What a bare 合计/共计 is, from the figures the sentence listed before it, when it is their sum:
    '基本支出800.12万元,项目支出380.11万元,合计1180.23万元' (the total), '下达中央资金200万元、省级资金100万元,
    共计300万元' (the allocation, not its first share)."""
    before = [m for m in found if m.start >= s0]
    parts = {m.kind: m.value for m in before if m.kind in ("basic", "project")}
    if len(parts) == 2 and abs(sum(parts.values()) - value) <= 0.011:
        return "total", 0
    if (len(seen) >= 2 and before and all(m.kind == "adjusted" for m in before)
            and abs(sum(seen) - value) <= 0.011):
        return "adjusted", 0  # every figure before it (shares the labels did not name too) adds up to it
    return None


_ITEM = re.compile(r"\s*(\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）])")


def _list_item(norm: str, pos: int, hard: set[int] | None = None) -> str | None:
    """The arabic-numbered list item ('1.', '(2)') the paragraph holding `pos` starts with, if any (a PDF or
    DOCX wraps a paragraph's lines: its start is the line after the last real break)."""
    ls = norm.rfind("\n", 0, pos) + 1
    for _ in range(20):
        if ls == 0 or _real_break(norm, ls - 1, hard):
            break
        ls = norm.rfind("\n", 0, ls - 1) + 1
    m = _ITEM.match(norm, ls)
    return m.group(1) if m else None


SPENT_AFTER = re.compile(r"^[,，]?(?:已|均已|已经)?(?:按进度)?(?:全部|全额|足额)?(?:支出|支付|使用|发放|兑付|兑现)(?:完毕|完成)?"
                         r"(?![^,，。;]{0,4}到位)")
GIVEN_AFTER = re.compile(r"^[,，]?(?:已|均已)?(?:全部|全额|足额)?(?:在规定时限内)?(?:及时)?下达")


def fund_name(title: str | None) -> str | None:
    """The fund a project report is about, as its title names it ('…2023年度高标准农田建设补助资金绩效自评报告' ->
    '高标准农田建设补助资金'); the tail of its name is what the body's sentences repeat."""
    if not title:
        return None
    m = re.search(r"(?:20\d\d年度?)?([\u4e00-\u9fff()]{4,30}?(?:资金|经费))(?:项目)?(?:支出)?(?:绩效|使用|自评)", title)
    return m.group(1) if m else None


def _project_fallback(near: str, right: str, fund: str | None) -> tuple[str, int] | None:
    """A project report's amount no label before it explains: told by the words after it ('480万元已支付完毕',
    '…资金1749万元,全部在规定时限内及时下达'), or named as the report's own fund ('…高标准农田建设补助资金500万元')."""
    if re.search(r"均|每|标准|单价|最高|最低", near):
        return None  # '年均31112元发放': a rate or a standard, not the fund's sum
    if SPENT_AFTER.match(right):
        return "total", 2
    if GIVEN_AFTER.match(right):
        return "adjusted", 2
    if fund and len(fund) >= 4 and near.endswith(fund[-min(len(fund), 8):]) and not re.search(
            r"计划|预计|结余|结转|其中|剩余|支出|使用|发放", near):
        return "adjusted", 2
    return None


RESPECTIVELY = re.compile(r"([^,，:：;；。()（）]+?)分别(?:为|是|达到|达|有)?$")
LABEL_JOINER = re.compile(r"和|及|与|、")
FIGURE_JOINER = re.compile(r"\s*(?:和|及|与|、|,|，)\s*")


def _respective_labels(norm: str, s0: int, figures: list[Amount]) -> dict[int, str]:
    """Label of each figure of an enumeration by 分别 ('基本支出和项目支出分别为986.32万元和312.13万元', '年初预算、
    调整后预算分别为…、…'), by the figure's start: the i-th label names the i-th figure when the counts agree
    (each figure's own label is only the joiner before it)."""
    out: dict[int, str] = {}
    i = 0
    while i < len(figures):
        m = RESPECTIVELY.search(norm[s0:figures[i].start])
        j = i + 1
        while m and j < len(figures) and FIGURE_JOINER.fullmatch(norm[figures[j - 1].end:figures[j].start]):
            j += 1
        labels = LABEL_JOINER.split(m.group(1)) if m else []
        if len(labels) == j - i and all(labels) and all(f.unit for f in figures[i:j]):
            out.update({f.start: label for f, label in zip(figures[i:j], labels, strict=True)})
        i = j
    return out


# a sentence that names its funds' basis first ('财政拨款口径:年初预算数…,全年预算数…' / '全部资金口径(含事业收入):…'):
# every figure of it is in that scope, not only the first one
_BASIS = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）、.]\s*)?(?P<name>[^,，。:：;；]{2,12}?)口径(?:[(（][^)）]{0,20}[)）])?[:：]")


def _basis_scope(sentence: str) -> str | None:
    m = _BASIS.match(sentence)
    if m is None:
        return None
    return scope_of(m.group("name")) or ("all" if re.search(r"全部|全口径|总|所有", m.group("name")) else None)


def amount_mentions(view: DocView, start: int, end: int, report_kind: str,
                    fund: str | None = None) -> list[AmountMention]:
    """Classified amount mentions in the normalised span [start, end); `fund`: a project report's fund name."""
    norm = view.norm
    changes = section_scopes(norm)
    sangong = section_scopes(norm, _sangong_heading)
    out: list[AmountMention] = []
    last_head: AmountMention | None = None
    carry: AmountMention | None = None  # the head of a '其中:' list that continues over the next lines
    shares_listed = False  # '其中中央财政资金…' began a list of the sources' shares ('地方财政资金…' goes on with it)
    for s0, s1 in sentences(norm[start:end], view.hard, start):
        s0, s1 = s0 + start, s1 + start
        prev_end = s0
        if carry is not None and LIST_END.match(norm[s0:s1]):
            carry = None
        head: AmountMention | None = carry
        in_parts = carry is not None
        prev: AmountMention | None = None
        if re.fullmatch(r"\s*其中[:：]?\s*", norm[s0:s1]):
            carry = last_head  # '…合计7505万元,已支出2171.13万元。其中:' then one paragraph per sub-fund
            continue
        seen: list[float] = []  # every amount of the sentence so far, read or not
        share = False  # the sentence names one source's share ('其中中央财政资金全年预算数…,全年执行数…')
        opens_list = norm[s0:s1].lstrip().startswith("其中")
        basis = _basis_scope(norm[s0:s1])
        figures = find_amounts(norm, s0, s1)
        respective = _respective_labels(norm, s0, figures) if "分别" in norm[s0:s1] else {}
        for a in figures:
            if a.unit is None:
                a = _unit_from_label(norm, prev_end, a)
                if a is None:  # bare numbers (years, counts) stay part of the next label
                    continue
            if re.match(r"\s*[/每]\s*(?:月|年|人|户|亩|次|天|日|个|名)", norm[a.end:a.end + 4]):
                prev_end = a.end
                continue  # '2592元/月': a rate per unit, no sum of money
            left = norm[prev_end:a.start]
            near = respective.get(a.start) or _near(left)
            prev_end = a.end
            if re.search(r"(?<!\d)[-－—]$", left):
                prev = None
                continue  # '年内调整预算-101251.44万元': a negative change, never a budget or a spending level
            if "其中" in left or re.search(r"[,，]包括", left):  # ('…支出11,980.35万元,包括基本支出…')
                in_parts = head is not None
            before = norm[s0:a.start]  # the sentence up to this figure
            if _about_sangong(before, _scope_at(sangong, a.start) == "三公"):
                prev = None
                continue  # '“三公”经费:…预算数为25.00万元,实际支出18.60万元': the 三公 money, not the unit's
            got = classify(near, before, report_kind)
            after = POST_LABEL.match(norm, a.end)
            if after is not None:  # '部门预算数为12,580.30万元(年初预算)': the label written after the figure
                got = ("initial" if after.group(1).startswith("年初") else "adjusted", 0)
            if got is None and PARTS_TOTAL.fullmatch(near or re.sub(r"^[,，、;；]", "", left)):
                got = _sum_of_parts(out, seen, s0, a.value_wan)
                if (got is None and not seen and report_kind == "project" and ALLOCATED_CLAUSE.search(before)
                        and not re.search(r"结余|结转|剩余|未(?:使用|拨付|支出)", before)):
                    got = ("adjusted", 0)  # "中央分2批次下达我区…资金,合计13,804万元": the whole allocation, over its batches
            seen.append(a.value_wan)
            if got is None and IN_YEAR_CHANGE.fullmatch(near) and any(
                    m.kind == "initial" and m.start >= s0 for m in out[-3:]):
                got = ("adjusted", 0)  # '年初预算300万元,年中调整为320万元': the budget after the change
            if got is None and report_kind == "project":
                got = _project_fallback(near, norm[a.end:min(s1, a.end + 16)], fund)
            if got is None:
                prev = None
                continue
            kind, rank = _in_context(got, near, prev, before, report_kind)
            if kind == "exec":
                prev = None
                continue
            starts_new = bool(re.match(r"^\d{4}年", near)) or bool(HEAD_WORDS.search(near)) or (
                kind == "total" and head is not None and head.kind in ("adjusted", "budget", "initial")
                and bool(re.search(r"实际|共", near)))  # '其中…未拨付,实际拨付114万元': what was spent of it all
            if in_parts and starts_new and kind not in ("basic", "project"):
                in_parts = False
            # the share's sentence goes on about that share; a share only after a whole was stated ('其中…', or
            # a list of shares already begun): a fund from one source alone is the whole
            share = share or bool(FUND_SHARE.match(near) and (opens_list or shares_listed))
            shares_listed = shares_listed or (share and opens_list)
            scope = (scope_of(near) or ("level" if share else None) or (head.scope if in_parts and head else None)
                     or basis)
            if scope is None:
                scope = _scope_at(changes, a.start) or "all"
            if carry is not None and in_parts and head is carry:
                rank += 3  # a listed part's own figures rank below the head's
            at = _label_start(norm, near, max(s0, a.start - len(near) - 40), a.start)
            m = AmountMention(kind, a.value_wan, scope, at, a.end, a.start, near, a.unit,
                              a.note, rank, part_of=head.kind if in_parts and head else None,
                              item=_list_item(norm, at, view.hard))
            out.append(m)
            prev = m
            inside = before.rfind("(") > before.rfind(")")  # '支出合计4,578.93万元(含政府性基金预算支出65.00万元…)'
            if not in_parts and not inside and kind in ("total", "income", "initial", "adjusted", "budget", "special",
                                                        "project_budget"):
                head = m
                if carry is None:
                    last_head = m
    return out


def run_sums(view: DocView, start: int, end: int) -> list[tuple[float, list[float]]]:
    """(sum, members) in 万元 of every run of two or more non-zero amounts listed one after another in a sentence
    ('A140万元、B140万元、C160万元'): the wholes an enumeration adds up to, for telling a fund from its shares."""
    out: list[tuple[float, list[float]]] = []
    for s0, s1 in sentences(view.norm[start:end], view.hard, start):
        vals = [a.value_wan for a in find_amounts(view.norm, s0 + start, s1 + start) if a.unit is not None]
        vals = [v for v in vals if v]
        out += [(sum(vals[i:j]), vals[i:j]) for i in range(len(vals)) for j in range(i + 2, min(len(vals), i + 12) + 1)]
    return out


@dataclass
class RateMention:
    value: float
    start: int
    end: int
    label: str
    rank: int
    project: bool


# a budget stage in brackets right after its figure: '12,580.30万元(年初预算)', '720万元(调整后预算数)'
POST_LABEL = re.compile(r"\s*\((年初(?:预算|批复)?(?:数)?|调整后预算(?:数)?|调整预算(?:数)?|全年预算(?:数)?)\)")
RATE_LABEL = re.compile(r"执行率|执行进度")
# the rate put as a share of the budget done: '执行数为2317.42万元,完成预算的97.13%'
BUDGET_DONE = re.compile(r"^完成(?:全年|年度)?预算(?:数)?的$")


# (or a shortfall the text explains: '资金执行率未达到100%', '执行率不足95%', '低于序时进度')
RATE_TARGET = re.compile(r"应|要求|目标|不低于|不少于|力争|确保|≥|>=|考核|标准|权重|未(?:能|全部)?达到?|没有达到|不足|低于|不到")
RATE_PERIOD = re.compile(r"(?<!\d)(?:[1-9]|1[01])月|季度|上半年")  # 12月31日 / 1-12月: the whole year


def _not_the_rate(left: str, right: str, before: str) -> bool:
    """A percentage after 执行率 that is not the year's stated rate: a target ('应达到100%', '达到95%以上',
    '≥90%'), a part of the year ('截至6月底…45%'), or a formula's factor ('…×100%').  The period is looked for
    in the last 20 characters, the characters before them still bounding it ('截止12月31日…' is not '2月')."""
    clause = re.split(r"[,，;；]", left)[-1]
    return bool(RATE_TARGET.search(clause) or right.startswith("以上") or RATE_PERIOD.search(left, max(0, len(left) - 20))
                or re.search(r"[×*xX]\s*$", before))


BASIC_PART = re.compile(r"(?:基本|人员|公用)(?:支出|经费)")  # the unit's spending less its projects, or its two items
FORMULA_RATE = re.compile(r"(?P<label>(?:预算|资金)?执行率)\s*[=:：]\s*[^。;\n%]{0,40}?[×*]\s*100\s*%\s*=\s*")


def rate_mentions(view: DocView, start: int, end: int, report_kind: str) -> list[RateMention]:
    """Percentages labelled as (budget) execution rates; project-level rates are flagged."""
    norm = view.norm
    sangong = section_scopes(norm, _sangong_heading)
    out: list[RateMention] = []
    listed = False  # a list of the sources' shares began ('其中中央财政资金…')
    for s0, s1 in sentences(norm[start:end], view.hard, start):
        s0, s1 = s0 + start, s1 + start
        sent = norm[s0:s1]
        subject_project = False
        last = 0
        share_sentence = bool(FUND_SHARE.match(sent.lstrip()))
        listed = listed or (share_sentence and sent.lstrip().startswith("其中"))
        formula = FORMULA_RATE.search(sent)
        for m in PCT_RE.finditer(sent):
            if re.search(r"[×*xX]\s*$", sent[:m.start()]) and re.match(r"\s*=", sent[m.end():]):
                continue  # '预算执行率=全年执行数/全年预算数×100%=95.20%': the formula's 100%, the rate follows
            lo, left = s0 + last, sent[last:m.start()]
            # the result of the rate's formula: its label is the formula's head ('预算执行率:2751.40÷2890.12×100%=')
            near = formula.group("label") if formula and formula.end() == m.start() else _near(left)
            # '其中：基本支出…，项目支出…' (or 人员经费…公用经费…) lists parts of the total; '项目支出1131.05万元' is one
            component = "其中" in left and bool(re.search(r"基本支出|人员经费|公用经费", left))
            # ('…项目支出1131.05万元,预算执行率为95.20%': the unit's rate after its parts; '项目支出1719355.94元,执行率达
            # 47.72%': the part's own)
            listed_part = r"项目(?!支出[^,，。;]{0,6}\d)" if "预算执行率" in near else r"项目"
            if re.search(listed_part, left) and not re.search(r"整体|部门|单位", left) and not component:
                subject_project = True
            elif re.search(r"整体|部门|单位|总体|预算执行率", left):
                subject_project = False
            last = m.end()
            if not ("执行率" in near or BUDGET_DONE.search(near)) or re.search(r"进度|月", near) or _about_sangong(sent[:m.start()], _scope_at(sangong, s0 + m.start()) == "三公"):
                continue  # (never the 三公 money's own rate)
            if cut_by_break(sent, m.start()):
                continue  # '预算执行率为9' / '6.71%' on a short line: 6.71 is no rate
            if _not_the_rate(left, sent[m.end():m.end() + 4], sent[max(0, m.start() - 2):m.start()]):
                continue
            v = parse_number(m.group("num"))
            if v is None:
                continue
            # ('基本支出执行率98.11%,项目支出执行率92.55%': each part's own rate, none the unit's)
            project = report_kind != "project" and (subject_project or "项目" in near or bool(BASIC_PART.search(near)))
            # '其中:基本支出5967100.39元,执行率达100.00%': the rate of a part the clause just named
            clauses = re.split(r"[,，;；]", left)
            # ('其中基本支出248.9万元、项目支出56.27万元,执行率97.56%': after both parts, the whole's rate)
            project = project or (len(clauses) > 1 and not re.search(r"预算执行率|整体|部门", near) and bool(
                re.search(BASIC_PART.pattern + r"[^,，。;:]{0,12}\d", clauses[-2]))
                and not re.search(r"项目(?:支出|经费)[^,，。;:]{0,12}\d", clauses[-2]))
            rank = 0 if re.search(r"预算执行率|资金执行率|整体.*执行率", near) else 1
            if re.match(r"\s*(?:项目|子项目)\s*[1-9一二三四五六七八九十]\s*[:：、]", sent):
                project = True  # '项目1:编辑出版工作经费,…执行率100%': one of the report's projects, not the report's rate
            if share_sentence and listed:  # (a sentence opening with 其中 began the list above)
                rank += 2  # '其中中央财政资金全年预算数1800万元,…执行率66.67%': one source's rate, below the whole's
            out.append(RateMention(v, _label_start(norm, near, lo, s0 + m.start()), s0 + m.end(), near, rank, project))
    return out
