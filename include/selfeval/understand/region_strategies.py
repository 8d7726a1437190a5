"""Region resolution as an ordered list of small strategies (most trusted first).

Each strategy looks at one kind of evidence and either settles the evaluated unit's division or passes:

1. `unit_name` — division names inside the unit's own name (安化县平口镇人民政府 -> 安化县; a name several counties
   share, the one the township list puts the township after it in: 鼓楼区鼓东街道 -> 福州's 鼓楼区);
2. `township_located` — a township unit whose text says where it lies ('樟树镇地处湘阴县东部' -> 湘阴县);
   `township_in_body` — a township unit whose county is written right before its name in the body
   (楚雄州武定县田心乡 -> 武定县); both are the text's own statement, so they outrank a guess from the name;
   `township_listed` — a township unit named without its county: the county the township list holds it in, when
   one (卢峰镇 -> 溆浦县) or one among those the site's region and the text's places allow (derived, noted so):
3. `township_stem` — a township named after its county (沅陵镇 -> 沅陵县), unless the text places it elsewhere
   ('樟树镇地处湘阴县…向江西省樟树市中药材市场销售': a market, not its county);
4. `township_single_county` — a township unit on a page naming exactly one county (its site's breadcrumb);
5. `generic_prefix` — '县乡村振兴局' completed with the 县 the body names most;
   `province_prefix` — '自治区文化和旅游厅' completed with the one province the text names;
6. `title` — division names in the title;
   `template_issuer` — the government whose finance bureau issued the template ('岳阳市财政局(制)');
7. `body_counts` — the county-level name the body mentions most, when it clearly dominates;
   `unit_in_body` — the one county-level name the body writes, heading a unit's name (德钦县人民代表大会常务委员会);
   `province_only` — a report naming no unit and no lower division: the one province it names;
   `finance_notice` — a place-less unit: the division whose finance notice it answers (《湖南省财政厅关于…的通知》);
   `document_numbers` — a place-less report: the province of the finance documents it cites (粤财社〔2019〕132号);
8. `context` — the crawl's source region (the publishing site), as a last resort.

`region.resolve` runs them in this order and turns the first hit into province / city / county /
township / code with evidence.  A new way of finding the region is one function added to `STRATEGIES`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .region import (
    GENERIC_PREFIX,
    TOWNSHIP_LIST,
    TOWNSHIP_PREFIX,
    Division,
    Mention,
    _after_parent,
    choose,
    consistent,
    find_mentions,
    gazetteer,
    opens_a_place_name,
    township_counties,
    township_in,
)


@dataclass
class Query:
    """What the strategies may look at."""

    norm: str
    start: int
    end: int
    dept: str
    dept_span: tuple[int, int] | None
    title: str | None
    context: list[Division]
    body_mentions: list[Mention]
    anchors: list[Division]
    warnings: list[dict] = field(default_factory=list)
    sure_report: bool = False  # the classifier is sure the text is a report (last-resort guesses allowed)


@dataclass
class Hit:
    division: Division
    span: tuple[int, int] | None
    unit_level: int | None
    township: tuple[str, int, int] | None = None
    composed_department: str | None = None
    context: bool = False
    note: str | None = None  # the derived note of the fields the hit gives without the text writing them


def _first(mentions: list[Mention], d: Division) -> tuple[int, int] | None:
    return next(((m.start, m.end) for m in mentions if m.division == d), None)


def _span_in(q: Query, m: Mention) -> tuple[int, int] | None:
    if not q.dept_span:
        return None
    seg = q.norm[q.dept_span[0]:q.dept_span[1]]
    k = seg.find(m.text)
    return q.dept_span if k < 0 else (q.dept_span[0] + k, q.dept_span[0] + k + len(m.text))


def _count_full(mentions: list[Mention], level: int | None = None) -> Counter:
    return Counter(m.division.code for m in mentions if m.full and (level is None or m.division.level == level))


def unit_name(q: Query) -> Hit | None:
    """The most specific division named inside the unit name (consistent with the broader ones)."""
    if not q.dept:
        return None
    by_pos: dict[int, list[Mention]] = {}
    for m in find_mentions(q.dept):
        if not opens_a_place_name(q.dept, m):  # '西安镇人民政府' is a township's, not 西安市's
            by_pos.setdefault(m.start, []).append(m)
    best: Division | None = None
    best_m: Mention | None = None
    for pos in sorted(by_pos):
        group = by_pos[pos]
        pick, amb = choose([m.division for m in group], ([best] if best else []) + q.anchors)
        if pick is None and amb:
            pick = _holding_township(amb, q.dept, max(m.end for m in group))
        if pick is None and amb:
            q.warnings.append({"code": "AMB-01", "message": f"region name {group[0].text} is ambiguous",
                               "candidates": [f"{d.name} {d.code}" for d in amb]})
            continue
        if pick and (best is None or (pick.level > best.level and consistent(pick, best))):
            best, best_m = pick, next(m for m in group if m.division == pick)
    if best is None or best_m is None:
        return None
    if best.level == 2:
        branch = _city_branch_county(q.dept, best, best_m.end)
        if branch is not None:
            return Hit(branch, _span_in(q, best_m), 3)
    # a gazetteer town (儋州市那大镇) is the township itself; else a township may follow the county's name
    tw = (best_m.text, best_m.start, best_m.end) if best.level == 4 else township_in(q.dept, best_m.end)
    return Hit(best, _span_in(q, best_m), 4 if tw else best.level, tw)


def _holding_township(cands: list[Division], dept: str, after: int) -> Division | None:
    """Of the same-named counties a unit's name starts with ('鼓楼区鼓东街道办事处': 福州's, 南京's, 徐州's, 开封's 鼓楼区),
    the one the township list puts the township right after it in (鼓东街道 is 福州's)."""
    tw = township_in(dept, after)
    if tw is None or tw[1] != after:
        return None
    return the_one_holding(cands, tw[0])


def the_one_holding(cands: list[Division], township: str) -> Division | None:
    """The one county among same-named `cands` the township list puts `township` in, else None."""
    holders = {d.code for d in township_counties(township)}
    fit = [d for d in cands if d.level == 3 and d.code in holders]
    return fit[0] if len(fit) == 1 else None


_COUNTY_SUFFIX = re.compile(r"(?:自治县|自治旗|县|区|市|旗)$")


def _city_branch_county(dept: str, city: Division, after: int) -> Division | None:
    """The county a city's unit serves when its name gives the county's short form: a city's branch at county
    level ('乐山市沐川生态环境局', the 2019 reform's name for 沐川县's bureau) or a district branch
    ('天水市自然资源局麦积分局').  The rest after the short form must be a unit's name of its own, so
    '荆州市公安局' (公安县 of 荆州市) stays the city's."""
    rest = dept[after:]
    for d in _children(city.code):
        short = _COUNTY_SUFFIX.sub("", d.name)
        if len(short) < 2 or short == d.name:
            continue
        if rest.startswith(short) and len(tail := rest[len(short):]) >= 3 and tail[0] not in "县区市旗" \
                and tail.endswith(("局", "委员会", "中心", "站", "所", "队", "院")):
            return d
        if re.search(re.escape(short) + r"分局$", rest):
            return d
    return None


@lru_cache(maxsize=512)
def _children(code: str) -> tuple[Division, ...]:
    return tuple(d for d in gazetteer().by_code.values() if d.parent == code and d.level == 3)


def _township_first(q: Query) -> tuple[str, int, int] | None:
    """The township a unit's name starts with (after a county's or the Party's name: '西湖区北山街道办事处')."""
    tw = township_in(q.dept, 0) if q.dept else None
    return tw if tw and (tw[1] == 0 or TOWNSHIP_PREFIX.fullmatch(q.dept[:tw[1]])) else None


def township_of(q: Query) -> tuple[str, int, int] | None:
    """The township a township-level unit's name starts with, whether or not its county is known."""
    return _township_first(q)


def township_stem(q: Query) -> Hit | None:
    """A township that carries its county's name (沅陵镇 in 沅陵县), when the text writes that county or a division
    holding it: a guess nothing written supports would lose its values for want of evidence, and must not keep the
    later strategies from reading where the text places the township."""
    tw = _township_first(q)
    if tw is None:
        return None
    g = gazetteer()
    stem = tw[0][:-2] if tw[0].endswith(("街道", "苏木")) else tw[0][:-1]
    if len(stem) < 2:
        return None  # 唐镇 (浦东新区) is no town of 唐县
    cands = [d for n in (stem + "县", stem + "市", stem + "区") for d in g.by_name.get(n, []) if d.level == 3]
    pick, amb = choose(cands, q.anchors + [m.division for m in q.body_mentions])
    if pick is None and cands and not amb:
        pick = cands[0]
    if pick is None:
        return None
    counties = {m.division.code for m in q.body_mentions if m.division.level == 3 and m.full}
    if counties and not any(consistent(pick, m.division) for m in q.body_mentions if m.division.level >= 2 and m.full):
        return None  # '龙川镇…位于南华县城区': the text places it elsewhere than 龙川县 (the next strategies read where)
    if not any(m.full and consistent(pick, m.division) for m in q.body_mentions):
        return None  # nothing written to show for the guess (its values would be dropped): '永安镇是长沙市东部的…'
    return Hit(pick, _first(q.body_mentions, pick), 4, tw)


def township_in_body(q: Query) -> Hit | None:
    """A township unit whose county is written right before the township's name (…武定县田心乡…)."""
    tw = _township_first(q)
    if tw is None:
        return None
    name = tw[0]
    same: dict[int, list[Mention]] = {}  # a name several counties share gives one mention for each
    for m in q.body_mentions:
        if m.division.level == 3 and m.full and q.norm.startswith(name, m.end):
            same.setdefault(m.start, []).append(m)
    for group in same.values():
        cands = [m.division for m in group]
        pick = cands[0] if len(cands) == 1 else None
        if pick is None:  # '鼓楼区鼓东街道': the 鼓楼区 the township list puts 鼓东街道 in, else the one the anchors choose
            pick = the_one_holding(cands, name) or choose(cands, q.anchors)[0]
        if pick is not None:
            return Hit(pick, (group[0].start, group[0].end), 4, tw)
    return None


def township_listed(q: Query) -> Hit | None:
    """A township unit whose name the text gives without its county ('卢峰镇人民政府'): the county the township list
    (data/townships.csv) puts a township of that name in, when it is one, or one only among those the text's places
    allow (the site's region, the places the text names: '永安镇是长沙市东部的…' -> 浏阳市's).  A name of several
    counties the text does not tell apart (城关镇) places nothing, nor does a listed county the text's places all
    contradict (a township the list lacks, of the same name): the later strategies read where the text puts it."""
    tw = _township_first(q)
    if tw is None:
        return None
    holders = township_counties(tw[0])
    if tw[1] > 0:  # '鼓楼区鼓东街道' (a county unit_name could not choose): the holders of that county's name
        named = {m.division.code for m in find_mentions(q.dept[:tw[1]]) if m.division.level == 3}
        holders = [d for d in holders if d.code in named] if named else holders
    if q.context:
        holders = [d for d in holders if any(consistent(d, c) for c in q.context)]
    places = q.anchors + [m.division for m in q.body_mentions if m.full and m.division.level <= 3]
    # how closely the text's places fit each holder: the level of the finest one inside or around it
    fit = {d.code: max((min(d.level, p.level) for p in places if consistent(d, p)), default=0) for d in holders}
    best = max(fit.values(), default=0)
    pick = [d for d in holders if fit[d.code] == best]
    if len(pick) != 1 or (places and best == 0):
        return None
    d = pick[0]
    span = _township_norm_span(q, tw)
    return Hit(d, _first(q.body_mentions, d) or span, 4, tw,
               note=f"derived from {TOWNSHIP_LIST}: {tw[0]} is in {d.name} {d.code}")


def _township_norm_span(q: Query, tw: tuple[str, int, int]) -> tuple[int, int] | None:
    if not q.dept_span:
        return None
    a = q.norm.find(tw[0], q.dept_span[0], q.dept_span[1])
    return (a, a + len(tw[0])) if a >= 0 else q.dept_span


def township_single_county(q: Query) -> Hit | None:
    """A township unit on a page that names exactly one county-level division (the county site's breadcrumb
    '庆城县人民政府 > 玄马镇政府信息公开', its county's documents): that county."""
    tw = _township_first(q)
    if tw is None:
        return None
    counties = {m.division.code: m.division for m in q.body_mentions if m.division.level == 3 and m.full}
    if len(counties) != 1:
        return None
    d = next(iter(counties.values()))
    return Hit(d, _first(q.body_mentions, d), 4, tw)


def township_located(q: Query) -> Hit | None:
    """A township unit whose text says where the township lies ('卢峰镇位于溆浦县中部', '…隶属于溆浦县'): that county,
    whatever other counties the text names (its neighbours, contractors, places its people visited)."""
    tw = _township_first(q)
    if tw is None:
        return None
    for m in re.finditer(re.escape(tw[0]) + r"(?:人民政府)?[^。,，;\n]{0,4}?(?:地处|位于|隶属于?|属于|坐落于|地属)", q.norm):
        for c in q.body_mentions:
            if c.division.level == 3 and c.full and m.end() <= c.start <= m.end() + 8:
                return Hit(c.division, (c.start, c.end), 4, tw)
    return None


def township_one_city(q: Query) -> Hit | None:
    """A township unit on a page naming several counties of one city: at least that city (and its province)."""
    tw = _township_first(q)
    if tw is None:
        return None
    g = gazetteer()
    counties = {m.division.code: m.division for m in q.body_mentions if m.division.level == 3 and m.full}
    cities = {d.parent for d in counties.values()}
    if len(counties) < 2 or len(cities) != 1:
        return None
    city = g.by_code.get(next(iter(cities)) or "")
    if city is None or city.level != 2:
        return None
    return Hit(city, _first(q.body_mentions, city), 4, tw)


def generic_prefix(q: Query) -> Hit | None:
    """'县乡村振兴局' / '市财政局': the 县 (市, 区, 州) the body names most completes the name."""
    prefix = q.dept[:1] if q.dept else ""
    if prefix not in GENERIC_PREFIX or _township_first(q):
        return None
    g = gazetteer()
    counts = Counter({c: n for c, n in _count_full(q.body_mentions).items()
                      if g.by_code[c].name.endswith(prefix) and g.by_code[c].level in (2, 3)})
    if not counts:
        return None
    code, _ = counts.most_common(1)[0]
    d = g.by_code[code]
    return Hit(d, _first(q.body_mentions, d), d.level if prefix != "州" else 2,
               composed_department=d.name + q.dept[1:])


def province_prefix(q: Query) -> Hit | None:
    """'自治区文化和旅游厅' / '省农业农村厅': the one province the text names (广西, 湖南省) completes the name."""
    m = re.match(r"^(?:自治区|省)(?=[\u4e00-\u9fff]{2,})", q.dept or "")
    if m is None:
        return None
    # the whole page: a section of a package names the province only in the page's head
    one = _only_province(q)
    if one is None:
        return None
    d = one[0]
    if m.group(0) == "省" and not d.name.endswith("省") or m.group(0) == "自治区" and not d.name.endswith("自治区"):
        return None
    return Hit(d, (one[1], one[2]), 1, composed_department=d.name + q.dept[m.end():])


def _only_province(q: Query) -> tuple[Division, int, int] | None:
    """The one province the page names (full name, else short form), or None."""
    found = [(mm.division, mm.start, mm.end) for mm in find_mentions(q.norm) if mm.division.level == 1 and mm.full]
    if not found:  # '广西城乡居民基本养老保险…': the short form, when it is the only one
        found = [(d, k.start(), k.end()) for d in gazetteer().provinces()
                 for k in re.finditer(rf"(?<![浙淮上泰洞江])(?:{re.escape(province_short(d.name))})(?![东南西北部岸路街])",
                                      q.norm)]  # never 浙江西部, 淮河南岸, 上海南路
    return found[0] if len({d.code for d, _, _ in found}) == 1 else None


def province_only(q: Query) -> Hit | None:
    """A provincial fund's report that names no unit, prefecture or county ('广西坚持…', 'the province's
    transfer payment'): the one province it names."""
    if q.dept or any(m.division.level >= 2 and m.full for m in find_mentions(q.norm)):
        return None
    one = _only_province(q)
    return Hit(one[0], (one[1], one[2]), 1) if one else None


FINANCE_NOTICE = re.compile(r"《(?P<issuer>[\u4e00-\u9fff]{2,12}?)财政(?:厅|局)[^》]{0,60}?(?:绩效|自评)[^》]{0,60}?(?:通知|办法)》")


def finance_notice(q: Query) -> Hit | None:
    """A unit whose name and text give no place but that answers its finance department's notice
    (《湖南省财政厅关于开展2022年度部门整体支出绩效自评…的通知》): the notice's division, no deeper."""
    for m in FINANCE_NOTICE.finditer(q.norm, q.start, q.end):
        issuer = find_mentions(m.group("issuer"))
        if issuer and issuer[-1].full and issuer[-1].end == len(m.group("issuer")):
            k = m.start("issuer") + issuer[-1].start
            return Hit(issuer[-1].division, (k, k + len(issuer[-1].text)), issuer[-1].division.level)
    return None


# the one-character names provinces print in their document numbers (粤财社〔2019〕132号)
PROVINCE_CHAR = {"京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省", "蒙": "内蒙古自治区",
                 "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省",
                 "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区",
                 "琼": "海南省", "川": "四川省", "贵": "贵州省", "黔": "贵州省", "云": "云南省", "滇": "云南省", "藏": "西藏自治区",
                 "陕": "陕西省", "甘": "甘肃省", "青": "青海省", "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区"}
DOC_NO = re.compile(r"(?<![\u4e00-\u9fff])(?P<p>[" + "".join(PROVINCE_CHAR) + r"])财[\u4e00-\u9fff]{0,3}〔20\d\d〕\d+号")


def document_numbers(q: Query) -> Hit | None:
    """A report that names no place but cites its province's finance documents by number (粤财社〔2019〕132号,
    湘财绩〔2020〕7号): that province, when its citations name one only."""
    found = list(DOC_NO.finditer(q.norm, q.start, q.end))
    names = {PROVINCE_CHAR[m.group("p")] for m in found}
    if len(names) != 1:
        return None
    d = next((p for p in gazetteer().by_name.get(names.pop(), []) if p.level == 1), None)
    return Hit(d, (found[0].start(), found[0].end()), 1) if d else None


def province_short(name: str) -> str:
    """广西壮族自治区 -> 广西, 内蒙古自治区 -> 内蒙古, 黑龙江省 -> 黑龙江, 湖南省 -> 湖南."""
    return name[:3] if name.startswith(("内蒙古", "黑龙江")) else name[:2]


def title(q: Query) -> Hit | None:
    """Division names in the title (county or prefecture, or a full province name)."""
    if not q.title:
        return None
    full = [m for m in find_mentions(q.title) if m.division.level >= 2 or m.full]
    if not full:
        return None
    pick, _ = choose([m.division for m in full], q.anchors)
    if pick is None:
        return None
    return Hit(pick, _first(q.body_mentions, pick), pick.level)


TEMPLATE_MAKER = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,12}?)财政(?:局|厅)\s*[(（]?印?制[)）]?(?:\n|$)")
COVER_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,12}?(?:省|市|州|县|区|旗|盟))20\d\d年度?(?:部门|单位)", re.M)


def template_issuer(q: Query) -> Hit | None:
    """The government whose finance bureau issued the report's template: its maker line ('岳阳市财政局(制)')
    or the template's cover title ('岳阳市2020年度部门整体支出绩效评价自评报告' above a unit named without a
    place).  It is the unit's own government or its parent, so a county the body names most within it refines it."""
    head = q.norm[q.start:min(q.end, q.start + 2000)]
    for rx in (TEMPLATE_MAKER, COVER_PLACE):
        m = rx.search(head)
        if m is None:
            continue
        place = m.group("place")
        last = [mm for mm in find_mentions(place) if mm.full and mm.end == len(place)]
        pick, _ = choose([mm.division for mm in last], q.anchors)
        if pick is None:
            continue
        if pick.level < 3:
            finer = body_counts(q, within=pick)
            if finer is not None:
                return finer
        mm = next(mm for mm in last if mm.division == pick)
        at = q.start + m.start("place")
        return Hit(pick, (at + mm.start, at + mm.end), pick.level)
    return None


def body_counts(q: Query, within: Division | None = None) -> Hit | None:
    """The county-level name the body mentions most, when it clearly dominates (twice the runner-up)."""
    g = gazetteer()
    counts = _count_full(q.body_mentions, 3)
    if within is not None:
        counts = Counter({c: n for c, n in counts.items() if consistent(g.by_code[c], within)})
    if q.dept[:1] in GENERIC_PREFIX:  # '县乡村振兴局' needs a 县, never a 区 named in passing
        counts = Counter({c: n for c, n in counts.items() if g.by_code[c].name.endswith(q.dept[:1])})
    if not counts:
        return None
    top = counts.most_common(2)
    if (len(top) == 1 and (top[0][1] >= 2 or within is not None)) or (len(top) > 1 and top[0][1] >= 2 * top[1][1]):
        d = g.by_code[top[0][0]]
        city = g.parent(d)
        if city is not None and city.level == 2 and not d.name.endswith("市") and _speaks_as_city(q):
            # '中央下达我市…资金…下拨至乌拉特前旗': the counties are where a city's money went, the unit is the city's
            return Hit(city, _first(q.body_mentions, city) or _first(q.body_mentions, d), 2)
        return Hit(d, _first(q.body_mentions, d), 3)
    return None


_UNIT_AFTER = re.compile(r"[\u4e00-\u9fff()]{1,20}?(?:人民代表大会常务委员会|委员会|人民政府|政府|办公室|局|委|办|院|所|站|中心|馆|队|"
                         r"联合会|会|社|处|厅|部|校)")


def unit_in_body(q: Query) -> Hit | None:
    """The one county-level name the body writes, once, as the head of a unit's name ('德钦县人民代表大会常务委员会
    部门2021年末实有人员…'), when the body names no other county-level division."""
    g = gazetteer()
    counts = _count_full(q.body_mentions, 3)
    if len(counts) != 1:
        return None
    d = g.by_code[next(iter(counts))]
    m = next(m for m in q.body_mentions if m.full and m.division == d)
    if len(g.by_name.get(m.text, [])) > 1 and not any(consistent(d, a) for a in q.anchors):
        return None  # a name several counties share, with nothing to tell which
    if not _UNIT_AFTER.match(q.norm, m.end):
        return None
    return Hit(d, (m.start, m.end), 3)


def _speaks_as_city(q: Query) -> bool:
    """The text speaks for a city ('我市', '本市'), never for a county ('我县', '我区', '我旗'); the caller keeps a
    county-level city (宁国市), which says 我市 of itself."""
    text = q.norm[q.start:q.end]
    return bool(re.search(r"我市|本市", text)) and not re.search(r"我县|本县|我区|本区|我旗|本旗|全县|全旗", text)


OPENING_CHARS = 1500
_PARTNER = re.compile(r"(?:对口|帮扶|支援|协作|援建)[^。;\n]{0,2}$|^(?:等地)?(?:对口|结对|帮扶|东西部协作)")


def first_place(q: Query) -> Hit | None:
    """The first place the opening names (a full name, or a province's or prefecture's short form), when nothing
    more specific placed the unit: a report speaks of its own place first ('松木塘镇地处桃江县…', '《衡阳市财政局关于…》',
    '为黄石…').  Measured on the dev split as a last resort (2026-12-06): the region it gives on reports whose unit
    no other strategy placed matched the label 29 times in 38; over all dev reports 807 in 819.  Only the first
    name counts (a later, finer one is often where the money went: a province's report naming 钦州市); a county
    named by a text that speaks for a city ('我市') gives the city."""
    if not q.sure_report:
        return None  # a look-alike taken for a report must not gain a guessed place too
    g = gazetteer()
    first: Division | None = None
    span: tuple[int, int] | None = None
    for m in q.body_mentions:  # (in text order)
        if m.start >= q.start + OPENING_CHARS:
            break
        if m.division.level > 3 or not (m.full or m.division.level <= 2):
            continue
        if not m.full and m.division.level == 1 and re.match(r"[东南西北中]部|山区|[东南西北]{0,2}地区", q.norm[m.end:m.end + 3]):
            continue  # '浙江西部山区生态补偿资金': where a fund goes, not whose report it is
        if opens_a_place_name(q.norm, m):
            continue  # '阳江镇上科村': a township's name that starts like a prefecture's short form
        if (len(m.text) == 2 and m.division.level == 3 and m.start > 0 and "\u4e00" <= q.norm[m.start - 1] <= "\u9fff"
                and not _after_parent(q.norm, m.start, m.division)):
            continue  # '完成县下达的任务': 成县 inside words; a two-character county stands after its city only
        if _PARTNER.search(q.norm[max(q.start, m.start - 6):m.start]) or _PARTNER.match(q.norm, m.end):
            continue  # '承接雨花区对口帮扶工作', '对口支援西藏': a partner's place, not the unit's
        pick, _ = choose([d for d in g.by_name.get(m.text, [m.division]) if d.level <= 3], q.anchors)
        if pick is None:
            continue  # a name several divisions share, nothing to tell which
        if pick.level == 3 and q.dept[:1] in GENERIC_PREFIX and not pick.name.endswith(q.dept[:1]):
            continue  # '县乡村振兴局' is a 县's: a 区 the opening names is somewhere else
        first, span = pick, (m.start, m.end)
        break
    if first is None or (q.context and not consistent(first, q.context[0])):
        return None  # the crawl's own region outranks a place named in passing
    own = re.match(r"^(?:自治区|省)(?=[\u4e00-\u9fff]{2,})", q.dept)
    if own is not None:  # '省商务厅…处' of a report naming 海口市 first: the province's unit, named in full
        first = g.chain(first)[1]  # (its evidence: the place the text named)
        if first.name.endswith(own.group(0)):
            return Hit(first, span, 1, composed_department=first.name + q.dept[own.end():])
    if first.level == 3 and _speaks_as_city(q):
        city = g.parent(first)
        if city is not None and city.level == 2 and not first.name.endswith("市"):
            return Hit(city, _first(q.body_mentions, city), 2)
    return Hit(first, span, first.level)


def context(q: Query) -> Hit | None:
    """The publishing site's region (crawl context)."""
    if not q.context:
        return None
    d = q.context[0]
    return Hit(d, None, d.level, context=True)


Strategy = Callable[[Query], Hit | None]
STRATEGIES: tuple[Strategy, ...] = (unit_name, township_located, township_in_body, township_listed, township_stem,
                                    township_single_county, generic_prefix, province_prefix, title, template_issuer, body_counts, unit_in_body,
                                    township_one_city, province_only, finance_notice, document_numbers, first_place, context)


def run(q: Query) -> Hit | None:
    """The first strategy's hit.  A township unit keeps its township whichever strategy placed it, and a
    township placed only at prefecture level is refined to its county by the body counts."""
    tw = _township_first(q)
    for strategy in STRATEGIES:
        hit = strategy(q)
        if hit is None:
            continue
        if tw and hit.township is None and hit.composed_department is None:
            hit = Hit(hit.division, hit.span, 4, tw, None, hit.context)
        if hit.unit_level == 4 and hit.division.level < 3 and not hit.context:
            better = body_counts(q, within=hit.division)
            if better is not None:
                hit = Hit(better.division, better.span, 4, hit.township, hit.composed_department)
            elif hit.township is not None:  # '长沙市永安镇': the one county of the city the township list puts it in
                held = [d for d in township_counties(hit.township[0]) if consistent(d, hit.division)]
                if len(held) == 1:
                    hit = Hit(held[0], hit.span, 4, hit.township, hit.composed_department,
                              note=f"derived from {TOWNSHIP_LIST}: {hit.township[0]} is in {held[0].name} {held[0].code}")
        return hit
    return None


__all__ = ["Query", "Hit", "STRATEGIES", "run", "township_of"]
