"""Readers for the scalar fields of one report: title, unit, year, date, score, grade.

Each reader returns `Found(value, evidence)` or None.  Readers never guess:
a value is only returned when a label of docs/spec/fields.md binds it, and the
evidence is the raw span it was read from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from selfeval.model import Evidence
from selfeval.textnorm import fix_glyphs, fold

from . import vocabulary as V
from .evidence import DocView, norm_lines, table_row
from .numbers import (
    DATE_RE,
    SPACED_DATE,
    arabic_years,
    cn_to_float,
    parse_date,
    parse_number,
    parse_year_token,
)
from .region import township_in


@dataclass
class Found:
    value: Any
    evidence: Evidence
    rank: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


TITLE_END = re.compile(r"(报告|自评表|评价表|情况表|说明|报告书|自评|汇总表|目标表|申报表|通知|公告|公示|决算|预算|情况|决算公开|预算公开)$")
UNIT_SUFFIX = (
    "局", "委", "办", "院", "所", "站", "中心", "政府", "委员会", "办公室", "馆", "队", "会", "社", "处", "厅",
    "部", "署", "校", "学", "园", "场", "台", "公司", "党委", "街道", "支队", "大队", "法院", "检察院", "医院",
    "小学", "中学", "幼儿园", "集团", "协会", "联合会", "总工会", "机关", "团", "组", "室", "镇", "乡", "庭",
    "残联", "妇联", "文联", "侨联", "工商联", "科协", "政协",  # the short names people's organisations go by
    "监狱", "苏木",  # a province's prisons, Inner Mongolia's townships
    "完小", "学区", "教学点", "卫生室",  # a village school ('沱江镇中心完小'), a township's school district
)
YEAR_TOKEN = r"20\d\d|[二〇○零][〇○零一O0][〇○零一二三四五六七八九O0]{2}"  # 2023, 二〇二三
_ATTACH = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*$|^附件\s*[\d一二三四五六七八九十]+\s*[:：]?")


def _lines(raw: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of non-empty raw lines, spans of the stripped text."""
    out = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line)
    return out


# a form's money header cell ('项目资金(万元)'): never part of a title
MONEY_UNIT_CELL = re.compile(r"\((?:万元|元|亿元)\)")


def closes_unopened_bracket(t: str) -> bool:
    """A closing bracket or book-title mark before any opening one: the tail of a bracket a line above opened
    ('财绩[2025]5号)文件要求,…'), never a title or a title's start."""
    return re.match(r"^[^(（\[〔《]*[)）\]〕》]", t) is not None


def _is_title_line(text: str) -> bool:
    if "|" in text.strip().rstrip("| "):
        return False  # a table row of several cells ('项目名称 | | 退耕还林…经费 | |'); a title cell ends its row
    t = fold(text).lstrip("•·●▪◆■◇□○ -–")
    if not t or len(t) > 48:
        return False
    if re.search(r"[。；;]$|[:：]", t) and not _ATTACH.match(t):
        return False
    if re.search(r"[。；;]\S", t) or len(re.findall(r"[,，]", t)) >= 2 or closes_unopened_bracket(t):
        return False  # a line of wrapped prose: a sentence ends inside it, several clauses, or it opens inside a
        # bracket the line above opened ('财绩[2025]5号)文件要求,我单位…')
    if re.match(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.])", t):
        return False
    if re.match(r"^(?:根据|按照|为|现将|我|本|经)", t):
        return False
    if re.search(r"[>»›→]", t) or re.match(r"^(?:首页|当前位置|您(?:的|现在的)?位置)", t):
        return False  # a breadcrumb ('首页' / '>政府信息公开>…>预算决算')
    if MONEY_UNIT_CELL.search(t) or re.match(r"^(?:项目名称|主管部门|实施单位|项目资金|预算单位|单位名称)", t):
        return False  # a form's label cells ('主管部门 某县住建局 实施单位', '项目资金(万元)年初预算数…')
    return True


def read_title(view: DocView, page: int = 0, first_line: int = 0) -> Found | None:
    """Title lines at the top of the report joined without separator; a leading '附件N:' is dropped."""
    raw = view.doc.pages[page].text or ""
    all_lines = _lines(raw)[first_line:first_line + 10]
    texts = [fold(x[2]).strip() for x in all_lines]
    for k in range(min(6, len(all_lines))):  # skip leading junk lines (索引号, 文号, page headers)
        if V.in_bullet_list(texts, k):
            continue  # a sidebar's link list above the report
        found = _title_from(view, page, raw, all_lines[k:k + 8])
        if found is not None:
            return found
    return None


def _title_from(view: DocView, page: int, raw: str, lines: list[tuple[int, int, str]]) -> Found | None:
    picked: list[tuple[int, int, str]] = []
    for s, e, text in lines:
        t = fold(text)
        if not picked and _ATTACH.match(t):
            rest = _ATTACH.sub("", t)
            if not rest:
                continue
        if t in {"[bookmark:_GoBack]"}:
            continue
        if not _is_title_line(text) or (table_row(text, min_pipes=2) and not re.search(r"绩效|自评|评价|报告", t)):
            break  # (a table's row, '年度总体目标 | 预期目标 | 实际完成情况', names no report)
        picked.append((s, e, text))
        joined = "".join(fold(x[2]) for x in picked)
        if TITLE_END.search(joined) and len(joined) >= 8:
            break
        if len(picked) >= 3:
            break
    if not picked:
        return None
    joined = "".join(fold(x[2]) for x in picked)
    if not TITLE_END.search(joined) or len(joined) < 6:
        return None
    s, e = picked[0][0], picked[-1][1]
    snippet_start = s
    m = _ATTACH.match(raw[s:e])
    if m and m.end() < e - s:
        snippet_start = s + m.end()
        while snippet_start < e and raw[snippet_start].isspace():
            snippet_start += 1
    value = "".join(fix_glyphs(x[2]) for x in picked)
    value = _ATTACH.sub("", value) if _ATTACH.match(value) else value
    ev = view.raw_evidence(page, snippet_start, e)
    return Found(value, ev)


# ---------------------------------------------------------------- department

DEPT_LABEL = re.compile(
    r"(?:(?:" + V.alternation(tuple(lab for lab in V.DEPARTMENT if "table cells only" not in lab.note)) + r")"
    + V.SEAL + r"|单位\((?:公章|盖章|签章)\))[:]?\n?(?P<name>[^\n:,，。;；\s]{3,40})"
)


NEXT_LABEL = re.compile(r"项目负责人|负责人|项目责任人|责任人|联系电话|联系人|主管部门|项目名称|填报日期|填报人|单位负责人|金额单位|单位:|"
                        r"项目资金|资金情况|年初预算|实施单位|评价方式|评价机构|报告日期|自评(?:得分|等级|总分|结果)|预算执行情况|资金使用情况|"
                        r"年度(?:预算|资金|主要任务|总体目标|绩效目标)|"
                        r"(?:部门|单位)?(?:预算)?(?:编码|代码)|统一社会信用代码|项目类别|项目属性|转移支付(?:\(项目\))?名称")


# a clause that happens to end in a unit suffix starts with a verb, an adverb or an enumerator ('认真部署',
# '二是加强少先队')
CLAUSE_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[局股厅](?=[\u4e00-\u9fff]{2})|经(?=省|市|县|区|州|研究|审核|批准)|[一二三四五六七八九十]+是|首先|其次|认真|加强|积极|切实|进一步|全面|深入|推进|做好|开展|负责|协助|配合|完成|落实|按照|根据|通过|经过|"
                          r"召开|提高|强化|完善|健全|建立|规范|严格|统筹|扎实|不断|持续|大力|着力|努力|"
                          # a time or a goal before a noun ('当年人才驿站组织活动', '改善办学条件'), villagers' bodies
                          # ('村民理事会负责监督'): no budget unit
                          r"当年|本年|今年|全年|上年|去年|改善|提升|促进|保障|村民|在(?!线))")


def looks_like_unit(name: str) -> bool:
    """A unit name ends with an organisational suffix and is not a sentence."""
    name = fold(name)
    if len(name) < 3 or len(name) > 40 or re.search(r"[。;,，:：!?！？]|[A-Za-z]{3}", name) or CLAUSE_START.match(name):
        return False
    if re.search(r"\d{4}", name) or re.search(r"(?:评价|工作|领导|专家|自评|考评|考核|评审)小组$|(?<!小)组$", name):
        return False  # a year in it, or the team that did the evaluation ('评价小组'), never the unit
    if re.match(r"发布机构|发文机[关构]|信息来源|来源|发布单位|所属机构|制发机[关构]|公开主体|发文单位", name) or re.search(
            r"公开(?:方式|范围|形式|类别)|主动公开|责任部门|面向(?:全)?社会|社会$", name):
        return False  # '发布机构保山市商务局', '公开方式主动公开公开范围面向全社会': a metadata line, not a name
    if re.search(r"(?:格|布|大|全|开|结|变|当|时|棋|赌)局$", name):
        return False  # '机构格局为正县级', '服务大局': words ending in 局, no bureau
    if re.match(r"(?:省|市|县|区|州|乡|镇)级", name):
        return False  # '县级公立医院' (in '2023年度县级公立医院综合改革补助资金…'): a kind of unit, no unit
    if re.search(r"(?:特色|风情)?小镇$|新型城镇$|乡镇$|村镇$", name) and township_in(name) is None:
        return False  # '建设特色小镇', '推进新型城镇', '各乡镇': words ending in 镇/乡, no township (宏村镇 is one)
    name = re.sub(r"(?:\(本级\)|本级|机关)$", "", name)
    second = re.search(r"\(([^()]{3,20})\)$", name)  # '中共湖南省委党校(湖南行政学院)': its second name
    if second and second.group(1).endswith(UNIT_SUFFIX):
        name = name[:second.start()]
    return name.endswith(UNIT_SUFFIX)


def read_department_label(view: DocView, start: int, end: int) -> Found | None:
    """Unit named by a cover/table label (部门(单位)名称（公章）：…, 实施单位：…)."""
    text, start, end = view.flat, view.flat_pos(start), view.flat_pos(end)
    best: Found | None = None
    pos = start
    while (m := DEPT_LABEL.search(text, pos, end)) is not None:
        # the next search starts inside this name: '主管部门某厅项目实施单位某学院' holds a second label
        pos = m.start("name")
        name = NEXT_LABEL.split(m.group("name"))[0]  # '济南市历城区文化馆项目负责人田延青' -> the unit
        if text[m.end():m.end() + 1] == ":":  # '填报单位:某局 单位:万元': the money unit's label ran on
            name = re.sub(r"(?:金额|计量)?单位$", "", name)
        name = without_unit_code(name)  # '单位名称:[431224001]某局'
        name = re.split(r"(?:19|20)\d\d年", name)[0]  # '评价对象:某局2023年度部门整体支出': the unit, not its year
        # '阿拉善盟卫生健康委员会及各旗(区)卫生健康委(社管局)': the unit leading, its subordinates after it
        name = re.split(r"及(?:各|其|所属)|和各|以及", name)[0]
        name = SEAL_MARK.sub("", name)  # '某县自然资源局(盖章)': the seal note after the name
        cut = re.match(r"^(?:是|为|\((?:盖章|公章|签章)\))?", name).end()  # type: ignore[union-attr]
        name = name[cut:]  # '评价对象是宝坻区农业农村委', '部门名称:(公章)某局'
        if not name:
            continue
        lead = m.group("name").find(name)
        if not looks_like_unit(name):
            continue
        label = m.group(0)[: m.start("name") - m.start()]
        rank = 0 if re.search(r"实施单位|承担单位|实施主体", label) else (
            1 if re.search(r"名称|全称|被评价|评价对象", label) else 4 if "主管" in label else 2)
        ev = view.fev(m.start("name") + lead, m.start("name") + lead + len(name))
        f = Found(fix_glyphs(ev.snippet), ev, rank)
        if best is None or f.rank < best.rank:
            best = f
    return best


SEAL_MARK = re.compile(r"\((?:盖章|公章|签章|章)\)$")
# what a CMS prints after the unit on its source line, to the line's end: '湖南省应急管理厅 时间:2023-06-28'
POSTED_AT = r"(?:(?:发布)?(?:时间|日期)[:]|20\d\d[-/.年]\d).*$"
# a budget system's code beside the unit's name: '[431224001]某局', '101001-某局', '某局(101001)', '某局 101001'
_UNIT_CODE = re.compile(r"^\s*(?:[\[【(]\s*\d{3,}\s*[\]】)]|\d{3,})\s*[-_－—:]?\s*|\s*(?:[\[【(]\s*\d{3,}\s*[\]】)]|\s\d{3,})\s*$")


def without_unit_code(name: str) -> str:
    """The unit's name without the budget code a form prints beside it."""
    return _UNIT_CODE.sub("", name).strip()


def read_byline(view: DocView, title: Found) -> Found | None:
    """The unit named on its own line right under the title, as reports are signed at the top when the title
    names no unit. Not under a letter's title (关于…的报告): the line there is the addressee (主送机关, 临夏州
    退役军人事务局[:]), the superior the report goes to."""
    if re.match(r"^(?:关于|对)", fold(title.value)) or re.search(r"的(?:报告|请示|函)$", fold(title.value)):
        return None
    t_end = title.evidence
    norm = view.norm
    pos = _norm_pos(view, t_end)
    if pos is None:
        return None
    for s, _e, text in norm_lines(norm, pos, min(len(norm), pos + 200))[1:2]:
        line = SEAL_MARK.sub("", text)
        line = re.sub(r"\s*" + POSTED_AT, "", line)  # '湖南省应急管理厅 时间:2023-06-28'
        m = re.fullmatch(r"\((.+)\)|(?:(?:编制|报告|编报|填报)?单位(?:名称)?[:])(.+)", line)
        k = 0
        if m:  # '(攸县林业局)', '编制单位:攸县林业局'
            inner = m.group(1) or m.group(2)
            k, line = line.find(inner), inner
        if looks_like_unit(line) and not line.endswith(":"):
            return Found(fix_glyphs(line), view.evidence(s + k, s + k + len(line)), 4)
    return None


def read_title_date(view: DocView, title: Found) -> Found | None:
    """The date printed on its own line under the title, below the unit's line if any ('…自评价报告' / '某大学' /
    '2023年6月20日'): a cover page dates the report there (read_cover_date reads a cover of 'label: value' lines).
    Only a written date with its day (年月日, or the spaced '2021  4 25' a form's cells leave); an ISO date there
    is a CMS's posting date."""
    pos = _norm_pos(view, title.evidence)
    if pos is None:
        return None
    norm = view.norm
    after_unit = False
    for s, _e, text in norm_lines(norm, pos, min(len(norm), pos + 200))[1:4]:
        line = text.strip()
        dm = DATE_RE.fullmatch(line)
        spaced = SPACED_DATE.fullmatch(re.sub(r"\s+", " ", line))
        if dm and dm.group("y") and (dm.group("d") or (after_unit and dm.group("m"))):
            # (a cover's year and month under the unit's line: '…自评报告' / '某局' / '2024年3月')
            return _date_found(view, dm, s + (len(text) - len(text.lstrip())))
        if spaced and spaced.group("d"):
            iso = parse_date(spaced)
            return Found(iso, view.evidence(s, s + len(text.rstrip())), 0) if iso else None
        byline = re.fullmatch(r"(?P<u>[^()]{4,40})\((?P<d>[^()]{6,12})\)", line)
        dated = DATE_RE.fullmatch(byline.group("d")) if byline and looks_like_unit(byline.group("u")) else None
        if dated and dated.group("y") and dated.group("m"):  # '隆回县卫生健康局(2024年4月)': the byline dates it
            return _date_found(view, dated, s + (len(text) - len(text.lstrip())) + byline.start("d"))
        if re.fullmatch(r"\([^()]{2,40}\)", line) and not after_unit:
            continue  # the title's bracketed second line ('(基层医疗卫生机构能力建设)': what the funds were for)
        if not looks_like_unit(SEAL_MARK.sub("", line)):
            return None  # anything but the unit's line ends the cover
        after_unit = True
    return None


def read_unit_above(view: DocView, title: Found) -> Found | None:
    """The unit named on its own line right above the title ('攸县林业局' / '2023年度部门整体支出绩效自评报告'),
    as a cover page heads the report with its unit.  A portal's own name there is the site, not the unit:
    a '…网站' line is no unit and a government's name ranks with the breadcrumb, below the report's own words."""
    k = norm_start(view, title.evidence)
    if k is None:
        return None
    above = norm_lines(view.norm, max(0, k - 120), k)
    if not above:
        return None
    s, _e, line = above[-1]
    line = SEAL_MARK.sub("", line)
    if not looks_like_unit(line) or re.search(r"网站|门户|网$|首页|位置|>", line):
        return None
    return Found(fix_glyphs(line), view.evidence(s, s + len(line)), 6 if line.endswith("人民政府") else 4)


def norm_start(view: DocView, ev: Evidence) -> int | None:
    """Normalised offset of the start of a page span (None for a span not on a page, or empty)."""
    if ev.page < 1 or ev.page > len(view.page_starts) or ev.end <= ev.start:
        return None
    return view.norm_pos(ev.page - 1, ev.start)


def _norm_pos(view: DocView, ev: Evidence) -> int | None:
    """Normalised offset of the end of a page span (the title's last character)."""
    if ev.page < 1 or ev.page > len(view.page_starts):
        return None
    stop = view.page_starts[ev.page] if ev.page < len(view.page_starts) else len(view.norm)
    k = view.norm_pos(ev.page - 1, ev.end - 1)
    return k if k < stop else None


# a title's year without 年: '零陵区林业局2023部门整体支出绩效自评报告'
BARE_TITLE_YEAR = r"(?<![\d.])(20\d\d)(?=\s*(?:部门|单位|项目|整体|财政|预算|绩效|专项))"
REPORT_PHRASE = re.compile(
    rf"(?:{YEAR_TOKEN})\s*年(?:度)?|{BARE_TITLE_YEAR}|部门整体|整体支出|部门预算|部门绩效|单位整体|预算绩效|项目支出|项目绩效|"
    r"绩效自评|绩效评价|专项资金|财政支出|支出绩效|本级|关于|部门决算|部门支出|整体绩效"
)


def department_from_title(title: Found, view: DocView) -> Found | None:
    """The unit is the title's prefix before the year / report phrase (2023年度安化县平口镇人民政府部门整体…)."""
    raw = title.evidence.snippet
    norm = fold(raw)
    # drop a leading year phrase
    # ('关于《某局…报告》的公开', '关于公开某局2023年度…自评报告的公告': the verb of the notice is no part of the unit)
    lead = re.match(rf"^(?:关于)?(?:(?:公开|公示|发布|报送|上报|呈报|呈送|提交|印发)(?=[\u4e00-\u9fff《]{{4}}))?《?"
                    rf"(?:[(【\[]\s*(?:{YEAR_TOKEN})年(?:度)?\s*[)】\]]|(?:{YEAR_TOKEN})年(?:度|\d{{1,2}}月(?:\d{{1,2}}日)?)?|"
                    rf"20\d\d(?![\d.年]))?", norm)  # ('(2023年度)某校…', '2023年4月某局2022年度…': a cover's date)
    body_start = lead.end() if lead else 0
    m = REPORT_PHRASE.search(norm, body_start)
    name = norm[body_start:m.start()] if m else ""
    name = re.sub(r"(?:关于|[(【\[〔])$", "", name)  # '攸县林业局(本级)2023年度…': the phrase 本级 cut the bracket open
    name = re.split(r"[!?。]", name)[-1]  # '某文库(xx.com)你想要的内容这里独有!惠州市交通运输局…': a site's slogan before it
    # (and '某中学【2023年度】部门整体…': the year in brackets)
    lead = _leading_unit(name) if name else None
    if m and m.group(0).startswith("项目"):
        # '三明市统计局农业普查项目绩效自评报告': the project's name runs on from the unit's; only a place-led unit
        # at the start is the unit ('农村饮水安全项目…' names none)
        if lead is None or re.search(r"(?:省|市|县|区|州|盟|旗)(?:人民)?政府$", lead):
            return None  # ('江苏省政府专项债券项目…': the government issuing a fund, not the unit)
        name = lead
    if lead and lead != name and re.match(r"[\u4e00-\u9fff]{2,6}?(?:省|市|县|区|州)", name[len(lead):].strip()) \
            and looks_like_unit(name[len(lead):].strip()):
        return None  # '重庆市财政局 重庆市住房和城乡建设委员会关于…': issued jointly, no one unit
    if name and not looks_like_unit(name):
        name = lead or name
    if not name:
        name = _bracketed_unit(norm[m.end():]) if m else ""  # '2023年度部门整体支出绩效自评报告(某县农业农村局)'
    if not name or not looks_like_unit(name) and not re.search(r"(?:局|委|办|中心|政府|院|所|站)$", name):
        return None
    # locate the name in raw title text
    ev = _locate_folded(view, title.evidence, name)
    if ev is None:
        return None
    return Found(fix_glyphs(ev.snippet), ev, 3)


def _bracketed_unit(tail: str) -> str:
    """A unit in brackets after the report phrase, when nothing leads the title ('…自评报告(某县农业农村局)'); a
    bracketed project name ('(高标准农田建设项目)') is no unit."""
    b = re.match(r"^[^(【\[]{0,12}?[(【\[]([^()【】\[\]]{3,40})[)】\]]\s*$", tail)
    return b.group(1) if b and looks_like_unit(b.group(1)) else ""


_LEADING_UNIT = re.compile(
    r"^(?P<u>[\u4e00-\u9fff()]{0,16}?(?:省|市|州|盟|县|区|旗|镇|乡)"
    r"(?:(?:人民政府|政府|街道办事处|办事处)|[\u4e00-\u9fff()]{2,14}?(?:委员会|办公室|联合会|管理局|服务中心|"
    r"中心(?:人民医院|医院|卫生院|小学|中学|学校|幼儿园)?|局|委|"  # ('惠州市中心人民医院': 中心 qualifies the unit)
    r"医院|卫生院|学校|中学|小学|幼儿园|馆|站|所|院|队)))(?=[\u4e00-\u9fff(])"
)


def _leading_unit(prefix: str) -> str | None:
    """The unit heading a title that runs on into its subject without a year or report phrase between
    ('曲阳县教育和体育局曲阳县中央彩票公益金项目资金使用…'): the shortest place-led unit name at the start."""
    m = _LEADING_UNIT.match(prefix)
    return m.group("u") if m and looks_like_unit(m.group("u")) else None


def _locate_folded(view: DocView, within: Evidence, needle: str) -> Evidence | None:
    """Evidence for `needle` (folded) inside the raw span `within`."""
    p = within.page - 1
    base = view.page_starts[p]
    # find the normalised offset of within.start
    lo = None
    for i in range(base, len(view.norm)):
        if view.page_of[i] != p:
            break
        if view.raw_of[i] >= within.start:
            lo = i
            break
    if lo is None:
        return None
    hi = lo
    while hi < len(view.norm) and view.page_of[hi] == p and view.raw_of[hi] < within.end:
        hi += 1
    seg = view.norm[lo:hi]
    flat = seg.replace("\n", "")
    k = flat.find(needle)
    if k < 0:
        return None
    # map flat offset back to seg offset
    idx = [i for i, ch in enumerate(seg) if ch != "\n"]
    s, e = idx[k], idx[k + len(needle) - 1] + 1
    return view.evidence(lo + s, lo + e)


def _date_found(view: DocView, dm: re.Match[str], at: int, rank: int = 0) -> Found | None:
    """The ISO date of a DATE_RE match in a line that starts at normalised offset `at`, with its evidence."""
    iso = parse_date(dm)
    return Found(iso, view.evidence(at + dm.start(), at + dm.end()), rank) if iso else None


# what a page prints after the closing (落款): the attachments and the forms pasted below them, the copy list, a
# contact line, a note, the issuing line, the page's own posting time
POST_CLOSING = re.compile(r"^(?:(?:相关)?附件|附表|抄送|主送|[(（\[【]?(?:联系人|联系电话|联系方式)|注[:：]|备注[:：]|[^\n]{2,30}印发$|发布(?:时间|日期)|"
                          r"\[?(?:打印|关闭)(?:本页|窗口)?\]?$|"
                          # the page's editor credit under the article ('(责任编辑:李四)', '编辑:张三 审核:王五')
                          r"[(\[【]?(?:责任编辑|编辑|审核|校对|初审|复审|终审|签发|来源|信息来源|文章来源|文字|摄影)[:：]|"
                          r"(?:阅读|浏览|点击)(?:量|次数)?[:：]?\s*\d+|"
                          # the same labels in brackets ('【信息来源】本站', '【责任编辑】李某'), the portal's footer
                          r"[【\[](?:信息来源|来源|责任编辑|编辑|审核|发布(?:时间|日期)|浏览次数)[】\]]|"
                          r"网站地图|版权所有|主办[:：]|主办单位|政府网站标识码|[^\n]{0,20}ICP备|技术支持[:：]|"
                          # a page's information block printed under the article ('索引号:…', '【文字大小:大中小】')
                          r"索引号[:：]|主题分类[:：]|发文机关[:：]|成文日期[:：]|[【\[]?文字大小|扫一扫|本网站由|"
                          # a system export's trailer ('本文件共2页。打印时间:2024-06-03 14:22:10')
                          r"本文件共\s*\d+\s*页|打印时间[:：]|分享到|[【\[](?:打印|关闭)|地址[:：])")


def read_signature(view: DocView, start: int, end: int) -> tuple[Found | None, Found | None]:
    """(unit, date) from the 落款 at the end: a unit-name line and/or a date line among the last lines, or the
    last lines before what a page prints after its closing (附件 and the forms below them, 抄送, 联系人, 注:)."""
    text = view.norm[start:end]
    lines = [ln for ln in text.rstrip().split("\n")]
    offs = []
    pos = 0
    for ln in lines:
        offs.append(pos)
        pos += len(ln) + 1
    # (only in the text's second half: a page head's own 发布日期 line is no closing's end; an appended form may run to
    # hundreds of lines, one cell a line, after its 附件 line)
    # (a run of such lines, a page's footer: only its first line is a stop, so the closing above it is reached)
    stops = [len(lines)] + [i for i in range(len(lines) - 1, max(0, len(lines) - 600), -1)
                            if offs[i] > min(len(text) // 2, 800) and POST_CLOSING.match(lines[i].strip())
                            and not _after_post_closing(lines, i)][:4]
    rows = _trailing_rows(lines)
    if rows < len(lines) and offs[rows] > len(text) // 2:
        stops.append(rows)  # a table pasted under the closing with no 附表 line ('项目|金额(万元)' / '支出合计|1456.78')
    for stop in stops:
        unit, date = _closing_lines(view, start, lines, offs, stop)
        if unit is not None or date is not None:
            return unit, date
    return None, None


def without_trailer(text: str) -> str:
    """The text without what a page or an export prints after the article's closing (footer, credits, page count,
    print line): the closing is then its last lines."""
    lines = text.rstrip().split("\n")
    i = len(lines)
    while i > 0:
        ln = lines[i - 1].strip()
        if not _says_nothing(ln) and not POST_CLOSING.match(ln):
            break
        i -= 1
    return "\n".join(lines[:i]) if i >= len(lines) // 2 else text


def _after_post_closing(lines: list[str], i: int) -> bool:
    """Line i follows another post-closing line (blank lines and page furniture between them skipped)."""
    k = i - 1
    while k >= 0 and _says_nothing(lines[k].strip()):
        k -= 1
    return k >= 0 and bool(POST_CLOSING.match(lines[k].strip()))


_ROW_LINE = re.compile(r"^[^。;；,，]{1,30}?(?:\d[\d.,]*%?|[(（](?:万元|元)[)）]|(?:万元|元))$")


def _trailing_rows(lines: list[str]) -> int:
    """Where the block of table rows at the end starts (label and figure cells run together, one row a line;
    never a date line): len(lines) when the text does not end in such rows."""
    i = len(lines)
    while i > 0 and _ROW_LINE.match(lines[i - 1].strip()) and not DATE_RE.fullmatch(lines[i - 1].strip()):
        i -= 1
    return i if len(lines) - i >= 2 else len(lines)


CLOSING_DATE_LABEL = re.compile(r"^(?:报告|填报|编制|落款|签发)?(?:日\s*期|时\s*间)[:]\s*")


# lines of a closing that say nothing: a page number, '(此件公开发布)', a seal's place ('(盖章)', '（印章）'), the
# date left blank in a template ('年  月  日')
CLOSING_FURNITURE = re.compile(r"[—\-－]*\s*(?:第)?\d+(?:页)?\s*[—\-－]*|\d+/\d+|\[bookmark:_GoBack\]|第\s*\d+\s*页\s*共\s*\d+\s*页|"
                               r"共\s*\d+\s*页\s*第\s*\d+\s*页|"
                               r"[(（]此(?:件|页)[^()（）]{0,10}[)）]|[(（]?\s*(?:盖章|公章|签章|印章|签字)\s*[)）]?|"
                               r"[\s_＿]*年[\s_＿]*月[\s_＿]*日")


def _says_nothing(line: str) -> bool:
    """A stripped line of a closing that says nothing: blank, or page furniture (CLOSING_FURNITURE)."""
    return not line or bool(CLOSING_FURNITURE.fullmatch(line))


def _closing_lines(view: DocView, start: int, lines: list[str], offs: list[int],
                   stop: int) -> tuple[Found | None, Found | None]:
    """The unit and date lines right above line `stop` (blank lines, page numbers and '(此件公开发布)' skipped)."""
    unit: Found | None = None
    date: Found | None = None
    skip = -1
    said = 0  # lines that say something: the closing is within the last four of them (blank lines, page numbers
    # and '(此页无正文)' between a closing and a page's footer do not count)
    for i in range(stop - 1, max(-1, stop - 12), -1):
        if i == skip:
            continue
        ln = lines[i].strip()
        if not _says_nothing(ln):
            said += 1
            if said > 4:
                break
        if date is None and i and re.fullmatch(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日", ln):
            prev = lines[i - 1].strip()
            dm = DATE_RE.fullmatch(prev + ln)  # '2024年3月' / '15日': a narrow closing wrapped the date
            if dm and dm.group("d"):
                at = start + offs[i - 1] + (len(lines[i - 1]) - len(lines[i - 1].lstrip()))
                iso = parse_date(dm)
                if iso:
                    date = Found(iso, view.evidence(at, start + offs[i] + len(lines[i].rstrip())))
                    skip = i - 1
                    continue
        if _says_nothing(ln):  # '(此件公开发布)' under the date, '(盖章)' under the unit
            continue
        if POST_CLOSING.match(ln):
            break  # '…办公室 2024年4月18日印发' is the issuing line, not the closing (the next stop reads above it)
        off = start + offs[i] + (len(lines[i]) - len(lines[i].lstrip()))
        lab = CLOSING_DATE_LABEL.match(ln)  # '日期:2024年3月15日' under '单位(盖章):某局'
        bare = ln[lab.end():] if lab else ln
        if re.fullmatch(r"20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}", bare):
            bare += "日"  # '2024年3月20': the day's 日 left off
        spaced = SPACED_DATE.fullmatch(bare)
        dm = DATE_RE.fullmatch(bare) or (spaced if spaced and spaced.group("d") else None)  # '2021 12': no day
        if dm and date is None:  # (a date above the unit's line too: '2024年4月18日' / '溆浦县农业农村局')
            date = _date_found(view, dm, off + (lab.end() if lab else 0))
            continue
        name, k = _signature_unit(ln)
        if name is not None and unit is None:
            unit = Found(fix_glyphs(name), view.evidence(off + k, off + k + len(name)), 4)
            dm = DATE_RE.search(ln, k + len(name))
            if dm and date is None and not ln[dm.end():].strip():  # '攸县林业局 2024年3月20日' on one line
                date = _date_found(view, dm, off)
            continue
        break
    return unit, date


SIGN_LABEL = re.compile(r"^(?:(?:编制|报告|填报|编报|评价)?单位(?:名称)?(?:\((?:盖章|公章|签章)\))?[:])")


def _signature_unit(line: str) -> tuple[str | None, int]:
    """The unit a closing line names, and its offset in the line: '攸县林业局', '攸县林业局(盖章)', '单位:攸县林业局'
    (a date after it on the same line is the date's business)."""
    m = SIGN_LABEL.match(line)
    k = m.end() if m else 0
    name = DATE_RE.split(line[k:])[0].strip() if DATE_RE.search(line[k:]) else line[k:].strip()
    if m:  # '填报单位:某县某校    填报日期:2024年3月20日': the next label on the line ends the name
        name = re.split(r"\s*(?:填报|报告|编制|报送)?(?:日期|时间)[:：]|\s*(?:联系人|联系电话|电话|负责人|填报人|审核人)[:：]",
                        name)[0].strip()
    name = SEAL_MARK.sub("", name)
    return (name, k + line[k:].find(name)) if name and looks_like_unit(name) else (None, 0)


# ---------------------------------------------------------------- fiscal year

def read_fiscal_year(view: DocView, title: Found | None, start: int, end: int) -> Found | None:
    """Year bound to 年度 in the title, else any year in the title, else '（2023年度）' near the top,
    else the year of the spending sentence (本年支出合计 …)."""
    if title is not None:
        t = title.evidence
        raw = t.snippet
        unbroken = re.sub(r"(?<=\d)\s*\n\s*(?=\d)", "", raw)  # '…局20' / '23年度…': a year a PDF line broke
        # a title opening with a bare year: '2021 乡镇(公社)老放映员省级补助资金_自评报告' (a file's name)
        for pat in (rf"({YEAR_TOKEN})\s*年\s*度", rf"({YEAR_TOKEN})\s*年", r"^\s*(20\d\d)(?=\s*[\u4e00-\u9fff])", BARE_TITLE_YEAR,
                    r"[(（]\s*(20\d\d)\s*[)）]\s*$"):  # ('…绩效自评报告(2023)': the year in brackets after it)
            m = re.search(pat, raw)
            whole = m is None and unbroken != raw and (m := re.search(pat, unbroken)) is not None
            if m:  # ('whole': read across the break, so the title is its evidence)
                y = parse_year_token(m.group(1).strip())
                if y:
                    ev = t if whole else view.raw_evidence(t.page - 1, t.start + m.start(), t.start + m.end())
                    stated = _stated_year(view, start, end) if "度" not in m.group(0) else None
                    # a title's bare year that is the report's year: '2024年某局部门整体支出绩效自评报告' over
                    # '我局对2023年度部门整体支出情况开展了绩效自评' (on dev a title's bare year was the year the
                    # text evaluates 64 times of 66, and no text stated the year before it)
                    return stated if stated is not None and stated.value == y - 1 else Found(y, ev)
    head = view.norm[start:min(end, start + 600)]
    # a form's '评价年度:2022年', or its bare '年度:2021' cell (after the form's title when a stream ran them together)
    m = re.search(r"(?:(?:评价|预算|项目|资金|所属|自评|填报)年度[:]?|(?:(?<![^\n\s])|(?<=表))年度[:])\s*(20\d\d)", head)
    # or the period it covers: '(2023年1月1日—2023年12月31日)'
    m = m or re.search(r"(20\d\d)年0?1月0?1日\s*(?:[—\-–－~～至到]+|起至)\s*\1年12月31日", head)
    if m:
        return Found(int(m.group(1)), view.evidence(start + m.start(), start + m.end()))
    # '(2023年度)' near the top; never the year a proposal looks ahead to ('建议2024年度安排预算资金40万元')
    # nor the year of last year's problems ('针对2022年度自评发现的问题', '二、2022年度绩效评价问题整改情况'); a cited
    # document's year stays (《关于开展2017年度…绩效评价的通知》 names the year evaluated more often than not)
    for m in re.finditer(r"[(（]?(20\d\d)年度[)）]?", head):
        clause = re.split(r"[。;；,，:\n]", head[:m.start()])[-1]
        rest = re.split(r"[。;；,，:\n]", head[m.end():])[0]
        if not re.search(r"建议|计划|预计|拟|下一步|下一年|明年|针对|上年", clause) and not re.search(r"问题|整改", rest):
            if any(c.start() <= m.start() < c.end() for c in _CITED.finditer(head)):
                # a cited notice's year yields to the year the unit says it evaluated ('根据《…关于开展2024年度
                # 预算绩效自评工作的通知》要求,我局对2023年部门整体支出开展了绩效自评')
                stated = _stated_year(view, start, end)
                if stated is not None and stated.value != int(m.group(1)):
                    return stated
            later = _compared_later(head, m)  # '2022年度支出合计1,320.00万元,2023年度支出合计…,同比增长5.9%'
            m = later or m
            return Found(int(m.group(1)), view.evidence(start + m.start(), start + m.end()))
    fstart = view.flat_pos(start)
    body = view.flat[fstart:view.flat_pos(end)]  # soft wraps removed: '本部门对\n2017 年整体支出开展绩 效自评'
    body = arabic_years(body)  # '对二〇二三年度部门整体支出开展了绩效自评' (same length: offsets hold)
    for pat in (r"(20\d\d)年度?[^。;\n]{0,30}?(?:支出合计|支出总额|总支出|全年支出|实际支出|财政拨款支出|执行)",
                r"(20\d\d)年度?[,，]?[^。;\n\d]{0,20}?(?:年初预算|全年预算|调整后预算)[^。;\n]{0,10}?\d",  # '2023年,我局年初预算…'

                r"对(?:本部门|本单位|我单位)?(20\d\d)年度",
                r"对(20\d\d)年?度?[^。;\n]{0,40}?(?:开展|进行|组织)[^。;\n]{0,8}?自评",
                r"(20\d\d)年度(?:部门|单位|项目)",
                r"(20\d\d)年度?(?:部门|单位|项目)?(?:整体)?(?:支出)?(?:绩效)?自评",  # '现将我局2023年部门整体支出绩效自评情况…'
                # a fund report's opening: '2023年收到中央下达…资金', '2021年我局共收到…补助资金9056万元'
                r"(20\d\d)年度?[^。;\n\d]{0,12}?(?:收到|下达|安排|拨付|分配)[^。;\n]{0,30}?(?:资金|经费|补助)[^。;\n]{0,20}?\d",
                # a unit's account of its staff at the year's end: '2021年末实有在职在编人员19人'
                r"(20\d\d)年(?:末|底)[^。;\n\d]{0,6}?(?:实有|在职|在编|编制|人员|共有)",
                # the year-end cut-off of the spending: '截至2023年12月31日,项目实际使用资金1076.47万元'
                r"截[至止]\s*(20\d\d)\s*年\s*(?:12\s*月\s*31\s*日|12\s*月\s*(?:底|末)|年?底|末)"):
        m = re.search(pat, body)
        if m:
            # a comparison in one sentence ('2022年度支出合计1,320.00万元,2023年度支出合计1,398.20万元'): the later year
            sentence_end = re.search(r"[。;\n]", body[m.end():])
            stop = m.end() + (sentence_end.start() if sentence_end else len(body) - m.end())
            m = max(re.finditer(pat, body[:stop]), key=lambda x: (int(x.group(1)), -x.start()))
            return Found(int(m.group(1)), view.fev(fstart + m.start(1), fstart + m.end(1) + 1))
    return _dominant_year(view, body, fstart)


def _compared_later(head: str, m: re.Match[str]) -> re.Match[str] | None:
    """A later year the same sentence compares m's year with (同比/较/增长/下降): that later year is the one spent."""
    end = re.search(r"[。;\n]", head[m.end():])
    sentence = head[m.start():m.end() + (end.start() if end else len(head) - m.end())]
    if not re.search(r"同比|较|比上年|增长|下降|增加|减少", sentence):
        return None
    later = [x for x in re.finditer(r"(20\d\d)年度", head[:m.start() + len(sentence)]) if x.start() > m.start()
             and int(x.group(1)) > int(m.group(1))]
    return max(later, key=lambda x: int(x.group(1))) if later else None


_STATED_YEAR = re.compile(r"对(?:本部门|本单位|我单位|我局|我委|我院|我中心)?(20\d\d)年度?[^。;\n]{0,40}?(?:开展|进行|组织)"
                          r"[^。;\n]{0,8}?(?:自评|评价)")


def _stated_year(view: DocView, start: int, end: int) -> Found | None:
    """The year the opening says the unit evaluated: '我局对2023年度部门整体支出情况开展了绩效自评'."""
    fstart = view.flat_pos(start)
    m = _STATED_YEAR.search(view.flat, fstart, min(view.flat_pos(end), fstart + 1500))
    return Found(int(m.group(1)), view.fev(m.start(1), m.end(1) + 1)) if m else None


_CITED = re.compile(r"《[^》\n]{0,80}》|〔[^〕]{0,12}〕|\[[^\]]{0,12}\]")
_BODY_YEAR = re.compile(r"(?<!\d)(20[12]\d)\s*年(?!\s*\d{1,2}\s*月)")
# a point or the start of a span, not the year spent: '自2020年初发生新冠肺炎疫情以来', '2015年11月起至2020年1月止'
_YEAR_AS_POINT = re.compile(r"(?:自|从)\s*$")
_POINT_AFTER = re.compile(r"\s*(?:初(?!预算|批复|部门|财政|安排)|[^。,;\n]{0,8}?(?:起|以来))")


def guess_fiscal_year(view: DocView, start: int, end: int) -> Found | None:
    """The last resort for a report no reading dated: the year its opening writes most (the first of equals), by
    the same counting as `_dominant_year` without its two-to-one margin.  Measured before use on dev reports:
    the year most written in the opening was the fiscal year 326 times of 344, and 4 times of 6 where nothing
    else dated the report."""
    fstart = view.flat_pos(start)
    body = view.flat[fstart:view.flat_pos(end)]
    hits = _year_hits(body, 1500) or _year_hits(body, 1500, cited=True)  # (cited notices' years when no other)
    if not hits:
        return None
    counts = Counter(y for y, _ in hits)
    year, at = max(hits, key=lambda h: (counts[h[0]], -h[1]))  # (the earliest hit of the first of equals)
    return Found(year, view.fev(fstart + at, fstart + at + 5), 2)


def _year_hits(body: str, reach: int, cited: bool = False) -> list[tuple[int, int]]:
    """(year, offset) of the years an opening writes as the time it speaks of (see `_dominant_year`); the years of
    cited documents and document numbers too with `cited`."""
    head = body[:reach] if cited else _CITED.sub(lambda m: " " * len(m.group(0)), body[:reach])
    return [(int(m.group(1)), m.start(1)) for m in _BODY_YEAR.finditer(head)
            if not _YEAR_AS_POINT.search(head[max(0, m.start() - 2):m.start()])
            and not _POINT_AFTER.match(head, m.end())
            and not re.search(r"问题|整改", re.split(r"[。;,，\n]", head[m.end():m.end() + 40])[0])]


def _dominant_year(view: DocView, body: str, fstart: int, reach: int = 3000) -> Found | None:
    """The year the opening of the report speaks of, when it names no year with a label: the one year written
    twice as often as any other; a year written once counts only when no other year is (a date '2021年3月', a
    cited document's 《2018年…》, a document number 〔2020〕 and a point in time '自2020年初…以来' do not count).
    On dev a sole year was the fiscal year 9 times of 11 ('2023年,巴州区申报实施…', '下达2022年…资金')."""
    hits = _year_hits(body, reach)
    ranked = Counter(y for y, _ in hits).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    year = ranked[0][0]
    at = next(pos for y, pos in hits if y == year)
    return Found(year, view.fev(fstart + at, fstart + at + 5), 2)


# ---------------------------------------------------------------- report date

DATE_LABEL = re.compile(rf"(?:{V.alternation(V.REPORT_DATE)})[:]?\n?")


COMPACT_DATE = re.compile(r"(?P<y>20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])?(?![\d.])")
COVER_LABEL = re.compile(r"^(?:项目名称|部门(?:\(单位\))?名称|单位名称|项目单位|主管部门|实施单位|评价机构|评价单位|报告单位|"
                         r"编制单位|评价方式|评价类型)(?:[^:\n]{0,8}:.+|[^。;:\n]{2,40})$")  # '评价机构部门(单位)评价组√'
# a cover's date in brackets under the title: '三堂街镇2021年度村管费支出' / '绩效评价报告' / '(2022年4月)'
BRACKETED_DATE = re.compile(r"[(（]\s*(?P<date>20\d\d\s*年[^()（）]{1,12})\s*[)）]")


COVER_UNIT_DATE = re.compile(r"^.{0,40}?(?:单位名称|编制单位|报告单位|评价单位|编报单位)(?:\((?:盖章|公章)\))?:"
                             r"(?P<unit>[\u4e00-\u9fff()]{3,30}?)(?P<date>20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def read_report_date(view: DocView, start: int, end: int) -> Found | None:
    """Date after 报告时间/报告日期/填报日期 or a seal mark (a blank '年 月 日' is no date; '填报日期:202511'
    is November 2025)."""
    text = view.flat
    for m in DATE_LABEL.finditer(text, view.flat_pos(start), view.flat_pos(end)):
        tail = text[m.end():m.end() + 24]
        dm = DATE_RE.match(tail) or COMPACT_DATE.match(tail) or SPACED_DATE.match(tail)
        if not dm:
            continue
        iso = parse_date(dm)
        if iso:
            return Found(iso, view.fev(m.start(), m.end() + dm.end()))
    return read_cover_date(view, start, end)


def _under_cover_labels(lines: list[tuple[int, int, str]], k: int) -> bool:
    """Line k comes right after the cover's 'label: value' lines, or after a value the cover wrapped onto a line
    or two of its own ('项目名称: 怀北镇提前下达2022年基层文化建设' / '转移支付资金农村公益电影放映补贴项目')."""
    for j in range(k - 1, max(-1, k - 4), -1):
        text = lines[j][2]
        if COVER_LABEL.match(text):
            return True
        if ":" in text or len(text) > 30 or DATE_RE.search(text):
            return False
    return False


# a cover the text ran onto one line: '…绩效评价报告 南县农业综合行政执法大队 (2022 年 2 月 23 日) 为进一步…'
_TITLE_UNIT_DATE = re.compile(r"(?:报告|自评表)\s*(?P<unit>[\u4e00-\u9fff]{4,30}?)\s*" + BRACKETED_DATE.pattern)


def read_cover_date(view: DocView, start: int, end: int) -> Found | None:
    """A cover's date line: a date alone right under the cover's 'label: value' lines (项目名称/部门名称/评价机构…),
    as the 财政 templates lay out a report's cover."""
    lines = norm_lines(view.norm, start, min(end, start + 1500))
    for s, _e, line in lines[:12]:  # '单位名称:邵阳市美术馆2023年5月4日': the cover's unit and its date run together
        m = COVER_UNIT_DATE.match(line)
        if m and looks_like_unit(m.group("unit")):
            found = _date_found(view, DATE_RE.search(line, m.start("date")), s, rank=1)
            if found is not None:
                return found
        m = _TITLE_UNIT_DATE.search(line, 0, 200)  # the title, the unit and '(2022 年 2 月 23 日)' on one line
        if m and looks_like_unit(m.group("unit")) and DATE_RE.fullmatch(m.group("date")):
            found = _date_found(view, DATE_RE.search(line, m.start("date")), s, rank=1)
            if found is not None:
                return found
    for k, (s, _e, line) in enumerate(lines[1:], start=1):
        if re.match(r"^(?:目录|一、)", line):
            break
        dm = DATE_RE.fullmatch(line)
        bm = BRACKETED_DATE.fullmatch(line) if k <= 6 else None
        if bm and DATE_RE.fullmatch(bm.group("date")):
            found = _date_found(view, DATE_RE.search(line, bm.start("date")), s, rank=1)
            if found is not None:
                return found
        if dm and _under_cover_labels(lines, k):
            found = _date_found(view, dm, s, rank=1)
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------- score and grade

SCORE_RE = re.compile(
    r"(?P<label>(?:自评|综合|评价|绩效|最终|整体|部门|自查|考核|总体)?(?:(?:合计|总计)得分|得分(?:合计|总计)|总得分|得分情况|得分|评分|分数|打分|总分|评价结果|自评结果|"
    r"评分结果|自评结论|综合分)|(?:综合|自评|总|最终|自评共|评价)得|自评(?=为?\d{1,3}(?:\.\d{1,2})?分))"
    r"(?P<unit>\(分\))?(?:(?:为|是|达到|达|共计|合计):?|:)?\n?(?P<num>\d{1,3}(?:\.\d{1,2})?)\n?(?P<fen>分)?(?![\d.%])"
)
SCORE_REJECT = re.compile(rf"分值|满分|权重|总分值|标准分|分数线|得分率|扣分|加分|不得分|{V.LAST_YEAR}")
# after a 总分 of 100, the unit's own score: '总分100分,自评98分' / '总分100分,得分96.5分'
MAX_THEN_SCORE = re.compile(r"[,，、]\s*(?:(?:自评|实际|综合)(?:得分|评分|得)?|得分|评分|自评分)(?:为|:)?\s*\d")
# the next cell of the row (or a line holding only a number) is a score: '总分 | 100分 | 98分' gave the 分值 first
# (or a space and the row's next label: '自评总分 100 99.64 自评等级 优', a PDF form's row as its text layer prints it)
NEXT_CELL_POINTS = re.compile(r"(?:[ \t]*[|\n][ \t]*|[ \t]+)(\d{1,3}(?:\.\d{1,2})?)"
                              r"(?:[ \t]*分?(?=[ \t]*(?:\||\n|$))|(?=[ \t]*(?![分万元%])[\u4e00-\u9fff]))")


# a clause scoring something else than the report's spending: a part (资产管理方面), another scheme (文明单位测评,
# 督导评估), the units below (所属学校平均, 下属单位)
OTHER_SCORE_SUBJECT = re.compile(r"资产管理|文明单位|测评|督导评估|平均|所属|下属|各(?:校|单位|乡镇)|方面")
# (or the part's maximum opening the bracket that holds its score: '4.预算执行(10分,自评得9.8分)')
PART_WEIGHT_BEFORE = re.compile(r"(?:分值(?:为)?|\()\s*(\d+(?:\.\d+)?)\s*分[,，]?\s*$")
PART_WEIGHT_AFTER = re.compile(r"\s*\((?:分值|满分|权重)(?:为)?(\d+(?:\.\d+)?)分?\)")


def read_scores(view: DocView, start: int, end: int, report_kind: str) -> list[Found]:
    """Total self-evaluation scores stated in prose (评分为98分, 综合得89.73分, 自评得分99.5分)."""
    text, start, end = view.flat, view.flat_pos(start), view.flat_pos(end)
    out: list[Found] = []
    for m in SCORE_RE.finditer(text, start, end):
        label = m.group("label")
        ctx = text[max(start, m.start() - 30):m.start()]
        clause = re.split(r"[。;,，:：\n]", ctx)[-1] + label
        if SCORE_REJECT.search(clause) or OTHER_SCORE_SUBJECT.search(clause):
            continue
        part = PART_WEIGHT_AFTER.match(text, m.end()) or PART_WEIGHT_BEFORE.search(ctx)
        if part and float(part.group(1)) < 100:
            continue  # '资产管理方面自评得分9.5分(分值10分)', '预算执行率指标分值10分,自评得分10分': a part's score
        if not m.group("fen") and re.search(r"分值|评分标准|指标解释|权重", ctx):
            continue  # '指标分值 | 评分标准 | 自评得分 |' then the next row's '1': a column header
        if label == "总分" and not m.group("fen") and not re.search(r"总分(?:为|是|:)", m.group(0)):
            continue  # a 总分 row: the first number may be the 分值; tables handle it
        if label in ("评价结果", "自评结果", "评分结果", "自评结论", "得分情况") and not m.group("fen"):
            continue
        v = parse_number(m.group("num"))
        if v is None or not 0 < v <= 100:
            continue
        if not m.group("fen") and (v < 20 or ROW_NAME_AFTER.match(text, m.end())):
            continue  # a column header '…|得分|' then the next row's 序号 '1' and its name cell
        if _last_year(text, start, m.start()):
            continue  # last year's result quoted ('上年度…评价得分86分', under '三、上年度评价结果应用情况')
        then = NEXT_CELL_POINTS.match(text, m.end())
        if v == 100 and then is not None and (float(then.group(1)) < v or ("总分" in label and float(then.group(1)) == v)):
            continue  # '总分 | 100分 | 98分', '自评得分 | | 100 | 95.65': the row's 分值, then its score (the form
            # reader takes the pair)
        if "总分" in label and v == 100 and (MAX_THEN_SCORE.match(text, m.end()) or re.match(
                r"[。;；,，]?\s*其中", text[m.end():m.end() + 4]) or re.search(r"(?:指标|评分|评价)体系|百分制", clause)):
            continue  # '总分100分,自评98分', '…按…指标体系进行,总分100分。其中:…满分10分,得9.8分': the maximum
        if re.match(r"\s*(?:\(含\))?(?:及?以上|及?以下|至|~|-|—|－)", text[m.end():m.end() + 6]):
            continue  # a band of the scoring rule ('自评得分90分以上为优'), not a score
        if not (m.group("fen") or m.group("unit")) and "\n" not in m.group(0) and label in ("得分", "评分"):
            continue
        rank = 0 if re.search(r"自评|综合|总|自查|整体|合计", clause) else 1
        opening = re.split(r"[。\n]", text[max(start, m.start() - 120):m.start()])[-1]  # the sentence so far
        if report_kind != "project" and any(re.search(r"项目|资金|补贴|补助|经费|专项", c) and not re.search(
                r"整体|部门", c) for c in (clause, opening)):
            rank = 5  # a project's or fund's score inside a department report ('…保障资金自评得分98.9分', '同时对
            # 乡村振兴衔接资金项目开展了项目支出自评,…自评得分95分')
        if re.search(r"指标\d|单项|该指标|此项", clause) or re.search(
                r"(?:产出|效益|效果|满意度|成本|管理|决策|过程)指标[^。\n]{0,6}$|(?:执行率|满意度)$", ctx) or (v < 40 and ctx.endswith("指标")) or (
                v <= 30 and re.search(r"执行率\s*\d[\d.]*%[,，]?自?$", ctx)):
            continue  # one indicator's or the 执行率 row's score ('A产出指标(自评分19分)', '执行率100%,自评分20分',
            # '满意度指标得分9.5分'), never the total (never '预算执行率97.69%,自评得分94.2分', the total after the rate)
        sentence = opening[-80:]  # (the sentence so far, within 80 characters)
        if label == "得分" and re.search(r"指标|^\(\d\)", sentence) and not re.search(
                r"自评|综合|总|合计|(?:该|本|此)项目$", sentence):  # (never '对照绩效指标评分,该项目得分95分')
            continue  # '①数量指标全部按年初设定目标值完成,得分26分': a part's score
        if label == "自评" and (rank >= 5 or v < 40):
            continue  # '该指标自评5分', '…全部拨付到位,自评10分': a bare 自评 names the total only
        if label == "自评":
            rank = max(rank, 2)  # below every labelled total ('综合得分为95分')
        out.append(Found(v, view.fev(m.start("label"), m.end()), rank,
                         extra={"overall": "总" in label or bool(re.search(r"(?:综合|整体|总体|合计)(?:自评|评价|绩效)?$", ctx))}))
    out = _wholes_over_parts(out)
    for m in SCORE_IN_WORDS.finditer(text, start, end):
        v = cn_to_float(m.group("cn"))
        clause = re.split(r"[。;,，:：\n]", text[max(start, m.start() - 30):m.start()])[-1]
        if v is not None and 20 <= v <= 100 and not (SCORE_REJECT.search(clause + m.group("label")) or
                                                       OTHER_SCORE_SUBJECT.search(clause) or _last_year(text, start, m.start())):
            out.append(Found(v, view.fev(m.start("label"), m.end(), note="中文数字"), 1))
    for m in SCORE_IN_GRADE_RE.finditer(text, start, end):
        v = parse_number(m.group("num"))
        if v is not None and 0 < v <= 100:
            out.append(Found(v, view.fev(m.start(), m.end()), 0))
    for m in SCORE_PARTS_TOTAL.finditer(text, start, end):
        v = parse_number(m.group("num"))
        if v is not None and 0 < v <= 100 and not _last_year(text, start, m.start()):
            out.append(Found(v, view.fev(m.start("total"), m.end()), 0))
    return out


def _wholes_over_parts(found: list[Found]) -> list[Found]:
    """Scores of equal rank that disagree, one labelled as the whole's: the others are its parts' ('该项资金自评得分94.5分'
    / '该项资金自评得分90分' / '综合自评得分94.2分': the funds' scores, then the whole's), ranked below it."""
    top = [f for f in found if f.rank == 0]
    overall = {f.value for f in top if f.extra.get("overall")}
    if len({f.value for f in top}) < 2 or len(overall) != 1:
        return found
    return [f if f.extra.get("overall") or f.rank else Found(f.value, f.evidence, 1) for f in found]


# a total score written in words ('自评得分九十五分', '综合评分为九十二点五分')
SCORE_IN_WORDS = re.compile(r"(?P<label>(?:自评|综合|评价|绩效|最终|总体)(?:总得分|得分|评分|总分)|自评总分|总得分)(?:为|是)?:?"
                            r"(?P<cn>[一二三四五六七八九十百][一二三四五六七八九十百零〇]{0,3}(?:点[一二三四五六七八九零〇]{1,2})?)分")


# the total after the parts it sums: '自评得分:产出指标38分,效益指标28.5分,…,合计96.5分'
SCORE_PARTS_TOTAL = re.compile(r"(?:自评|综合|评价)?(?:得分|总分|评分)[:：][^。\n]{4,120}?[,，;；]\s*(?P<total>合计|总计|共计|总分|总得分)"
                               r"(?:为)?(?P<num>\d{1,3}(?:\.\d{1,2})?)分")
ROW_NAME_AFTER = re.compile(r"[ \t]*[|\t\n][ \t|]*[\u4e00-\u9fff]")
_LAST_YEAR = re.compile(r"上年度|上一年度|上年|去年|前一年|原自评")


_NUMBERED_HEADING = re.compile(r"^\s*(?:\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、])")


def _last_year(text: str, start: int, pos: int) -> bool:
    """The sentence before pos, or the heading line above it, speaks of last year's results."""
    line_start = text.rfind("\n", start, pos) + 1
    heading = text[line_start:pos].split("。")[0]
    if ("。" in text[line_start:pos] and len(heading) <= 20 and _NUMBERED_HEADING.match(heading)
            and not re.search(r"[\d,，;；]", heading) and _LAST_YEAR.search(heading)):
        return True  # '(三)上年度评价情况。2022年度…得分89分,评价等级为良': a heading run onto its line
    sentence = re.split(r"[。;；]", text[line_start:pos])[-1]
    said = list(_LAST_YEAR.finditer(sentence))
    if said:
        m = said[-1]
        # a comparison ('…得分96.5分,较上年得分92分提高4.5分,评价等级为优') speaks of last year in its own clause only
        return not (re.search(r"(?:较|比|同比|相比|对比)$", sentence[:m.start()]) and re.search(r"[,，]", sentence[m.end():]))
    prev_start = text.rfind("\n", start, max(start, line_start - 1)) + 1
    heading = text[prev_start:line_start].strip()
    return line_start > start and len(heading) <= 30 and "。" not in heading and bool(_LAST_YEAR.search(heading))


# the score in brackets after the stated grade: '自评结果:优(93.5分)', '评价等级为“良”(86分)'
SCORE_IN_GRADE_RE = re.compile(
    r"(?:自评|评价|综合|绩效)(?:结果|等级|等次|结论)(?:为|是)?[:\n]?[“\"]?(?:优秀|良好|中等|合格|优|良|中|差)[”\"]?"
    r"\((?:得分|总分|综合得分)?(?P<num>\d{1,3}(?:\.\d{1,2})?)分\)")


GRADE_MAP = V.GRADE_WORDS
GRADE_RE = re.compile(
    r"(?P<label>评价等级|评价等次|绩效等级|自评等级|评定等级|评价结论|评价结果等次|评价结果等级|结果等次|等级评定|等次评定|综合评定|"
    r"总体(?:绩效)?评价|评定结果|自评定级|评价级别|绩效评级|"
    r"评价结果|自评结果|自评结论|综合评价|等级|等次|评级|最终评定|评定)"
    rf"(?:{V.GRADE_OPTIONS})?"  # '绩效评价等级(优/良/中/差):优'
    r"(?:均为|为|是|评定为|确定为|认定为|定为|属于|达到)?[:]?\n?(?P<q>[“\"'「『(])?"
    r"(?P<g>优秀|良好|中等|较差|不合格|基本合格|合格|优|良|中|差|[ABCD](?:级|等)?|[一二三四]等)"
    r"[”\"'」』)]?(?P<after>.?)"
)


# a grade right after the total score ('自评结果:95.5分,优秀'), or named with its band word ('属于“优”档次')
GRADE_AFTER_RE = re.compile(
    r"(?:(?:(?:自评|综合|总)(?:得分|评分|分数|结果)|总分)[^。;,，\n]{0,12}?\d+(?:\.\d+)?\s*分(?:[,，、]|(?=[(（]))\s*(?:为|属于?|评为)?|"
    r"(?:属于?|评为|评定为|确定为|列为|达到)[“\"'「『]?(?=(?:优秀|良好|中等|较差|优|良|中|差)[”\"'」』]?(?:档次|档|等次|等级|级)))"
    r"[“\"'「『(（]?(?P<g>优秀|良好|中等|较差|优|良|中|差)[”\"'」』]?(?=[。;；,，)）\n]|档|等次|等级|级|等(?=[。;；,，\n]|$)|$)"
)


# a Word form's boxes with the tick before the grade: '评价等级：☑优 □良 □中 □差', '自评等级 □优秀 ■良好 □合格'
GRADE_TICKED = re.compile(r"(?P<label>评价等级|评价等次|绩效等级|自评等级|评定等级|等级|等次)[:]?[\s|]*"
                          rf"(?:[{V.BOXES}]\s*(?:优秀|良好|中等|合格|不合格|较差|优|良|中|差)[\s|]*)*[{V.TICKS}]\s*"
                          r"(?P<g>优秀|良好|中等|较差|优|良|中|差)")


# the same boxes whose tick a PDF's text layer printed apart, at the line's end ('自评等级 □优 良 □中 □差 ☑'): the one
# option that lost its box is the ticked one
GRADE_BOX_ROW = re.compile(r"(?:评价等级|评价等次|绩效等级|自评等级|评定等级|等级|等次)[:]?[\s|]*"
                           rf"(?P<opts>(?:[{V.BOXES}]?\s*(?:优秀|良好|中等|较差|优|良|中|差)[\s|]*){{3,4}})[^\n]{{0,6}}[{V.TICKS}]")
_OPTION = re.compile(rf"(?P<box>[{V.BOXES}]?)\s*(?P<g>优秀|良好|中等|较差|优|良|中|差)")


def _displaced_tick(view: DocView, text: str, start: int, end: int) -> list[Found]:
    out = []
    for m in GRADE_BOX_ROW.finditer(text, start, end):
        opts = list(_OPTION.finditer(text, m.start("opts"), m.end("opts")))
        bare = [o for o in opts if not o.group("box")]
        if len(bare) == 1 and len(opts) - 1 >= 2 and not re.search(rf"[{V.TICKS}]", m.group("opts")):
            g = bare[0].group("g")
            out.append(Found(GRADE_MAP.get(g), view.fev(bare[0].start("g"), bare[0].end("g"),
                                                        note="the option without its box; the tick printed apart"),
                             1, {"grade_raw": g}))
    return out


def read_grades(view: DocView, start: int, end: int, report_kind: str) -> list[Found]:
    """Stated grades (评价等级为优, 评价结论为“优”, table cell 评价等次 | 优, 自评结果:95.5分,优秀, 属于“优”档次,
    评价等级:☑优 □良)."""
    text, start, end = view.flat, view.flat_pos(start), view.flat_pos(end)
    out: list[Found] = []
    for m in GRADE_TICKED.finditer(text, start, end):
        g = m.group("g")
        out.append(Found(GRADE_MAP.get(g), view.fev(m.start(), m.end("g")), 1, {"grade_raw": g}))
    out += _displaced_tick(view, text, start, end)
    for m in GRADE_AFTER_RE.finditer(text, start, end):
        g = m.group("g")
        out.append(Found(GRADE_MAP.get(g), view.fev(m.start(), m.end("g")), 1, {"grade_raw": g}))
    for m in GRADE_RE.finditer(text, start, end):
        after = m.group("after")
        g = m.group("g")
        g_end = m.end("g") + (1 if after in "”\"'」』" and after else 0)
        worded = LETTER_WORD.match(text, m.end("g")) if re.fullmatch(r"[ABCD](?:级|等)?", g) else None
        if worded:  # 'A(优秀)', 'A级(优)': the letter and the grade it stands for
            g, after, g_end = worded.group("g"), text[worded.end():worded.end() + 1], worded.end()
        elif m.group("q") == "(" and text[m.end("g"):m.end("g") + 1] != ")":
            continue  # '评价等级(优、良、中、差)': the scale, not a grade
        if after and re.match(r"[\u4e00-\u9fff]", after) and after not in "等级档次的" or after == "的":
            continue
        if g in ("中", "差") and after and after not in "”\"'」』\n。,，;；)）" and not (
                after in "(（" and (m.group("q") not in (None, "(") or re.match(r"[(（](?:基本)?合格|[(（]较差|[(（]\d", text[m.end("g"):]))):
            continue  # ('“中”(基本合格)', '中(合格)': the grade and its band's name)
        label = m.group("label")
        if label.startswith("总体") and not re.search(r"为|是|:", text[m.end("label"):m.start("g")]):
            continue  # '群众对项目实施效果总体评价良好': an opinion, not the stated grade ('总体评价为优')
        ctx = text[max(start, m.start() - 40):m.start()]
        clause = re.split(r"[。;\n]", ctx)[-1]
        if _last_year(text, start, m.start()):
            continue  # last year's grade quoted in a 结果应用 section
        if label in ("等级", "等次", "评级", "评价结果", "综合评价", "自评结果", "评定") and not re.search(
                r"绩效|自评|评价|综合|得分|分", clause + label):
            continue
        rank = 0
        if report_kind != "project" and "项目" in clause and not re.search(r"整体|部门", clause):
            rank = 5
        raw = GRADE_MAP.get(g)
        out.append(Found(raw, view.fev(m.start("label"), g_end), rank, {"grade_raw": g}))
    for m in GRADE_SAID_RE.finditer(text, start, end):
        clause = re.split(r"[。;\n]", text[max(start, m.start() - 40):m.start()])[-1]
        if _last_year(text, start, m.start()) or re.search(r"上年|去年|评价标准|以上|以下", clause):
            continue
        rank = 5 if report_kind != "project" and re.search(r"项目|资金", clause) and not re.search(r"整体|部门", clause) else 1
        g = m.group("g")
        out.append(Found(GRADE_MAP.get(g), view.fev(m.start(), m.end("g")), rank, {"grade_raw": g}))
    return out


# the grade a letter stands for, in brackets after it: 'A(优秀)'
LETTER_WORD = re.compile(r"\((?P<g>优秀|良好|中等|较差|优|良|中|差)\)")
# the grade said without a grade label: '整体支出绩效为优', '我局自评为良', '绩效评价结果为“优”' (GRADE_RE reads the last)
GRADE_SAID_RE = re.compile(r"(?:绩效|自评)(?:为|评定为|评为|等级评定为)[“\"]?(?P<g>优秀|良好|中等|较差|优|良|中|差)[”\"]?"
                           r"(?=[。;；,，、\n]|等次|等级|档次|$)")
