"""Candidates for the evaluated unit (`department`), from every place a page names it.

Ranks (lower wins; `choose.choose` settles equal ranks):

| rank | where | example |
|---|---|---|
| 0–2 | a cover / form label | 部门(单位)名称：湘阴县卫生健康局, 项目实施单位 济南市历城区文化馆 |
| 1 | a label cell of a table | 预算部门、单位名称 \\| 衡山县贯塘乡人民政府 |
| 3 | the title's prefix | 2023年度安化县平口镇人民政府部门整体支出绩效自评报告 |
| 4 | the 落款 (signature); a byline under the title | a unit line above the closing date; 2022年度…自评报告 / 湘阴县自然资源局 |
| 5 | the article's subject sentence | 东阳市文化和广电旅游体育局及其下属各单位…, 田心乡人民政府主要职能职责 |
| 5 | a unit alone on the line before an untitled report's first heading | 青川县司法局 / 一、绩效目标分解下达情况 |
| 6 | the breadcrumb / a container's title | 首页 >> 部门信息公开 >> 牟定县交通运输局 >> 正文 |
| 7 | the page's 发布机构 / 来源 | 来源：湘阴县卫生健康局 |

The publisher ranks last on purpose: a county portal or a 财政局 account often posts for other units.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selfeval.textnorm import fix_glyphs

from .evidence import DocView, norm_lines, soft_wrap
from .fields import POSTED_AT, SEAL_MARK, Found, looks_like_unit

UNIT_END = (r"(?:人民政府|街道办事处|委员会|办公室|管理局|服务中心|事务中心|中心|局|委|办|院|所|站|馆|队|会|社|处|厅|署|校|"
            r"小学|中学|幼儿园|医院|卫生院|街道|镇|乡)")
SUBJECT = re.compile(
    r"(?:^|[。\n,:]|20\d\d年,?|更名为)(?P<name>[\u4e00-\u9fff()]{2,30}?" + UNIT_END + r")(?:\([^)]{0,20}(?:简称|下称)[^)]{0,12}\))?"
    r"(?:、[\u4e00-\u9fff]{2,12}?(?:厅|局|委|办))?"
    r"(?=是|为|系|作为(?:项目)?(?:实施|建设|责任)?单位|作为[^。,，]{0,24}?(?:部门|单位|机构)|主要(?:负责|承担|职责|职能)|(?:始建|创建|创办|组建|设立)于|下属(?:单位|二级|事业|机构)|,(?:是|系|为)|20\d\d年度?[^。\n]{0,30}?(?:绩效|自评|报告如下|预算|决算|收入|支出)|的?主要职能|的?主要职责|职能职责|的职能|的职责|负责|承担|担负|履行|认真|组织|开展|对20|对本|于(?:19|20)\d\d|根据|按照|下设|内设|成立|组成(?=[^。,，]{0,6}(?:评价|自评))|共有|现有|实有|编制(?!委员会)|坚持|始终|"
    r"深入|全面|积极|高度重视|及其下属|本着|现将|贯彻|严格|切实|围绕|立足|"
    # '2023年,某局在县委县政府的正确领导下': the unit at work under its leadership
    r"在[^。,，\n]{0,12}?(?:正确|坚强|领导)[^。,，\n]{0,4}?下)"
)
# the unit's word for itself ('我局', '本中心')
SELF_WORD = r"(?:我|本)(?:局|委|办|院|中心|单位|部门|校|所|部|厅|站|馆|队)"
# the unit naming itself in brackets after that word: '我局（溆浦县统计局）', '我中心(某县融媒体中心)'
SELF_ALIAS = re.compile(SELF_WORD + r"\((?P<name>[\u4e00-\u9fff]{4,30}?" + UNIT_END + r")\)")
# a sentence whose subject is one body and whose next clause speaks as the unit: the subject is not the unit
OTHER_VOICE = re.compile(r"[^。\n]{0,60}?,\s*" + SELF_WORD)
BREADCRUMB = re.compile(r"(?:>>|>|»|›|→)")


def subject_candidates(view: DocView, start: int, end: int) -> list[Found]:
    """The unit a report's opening sentences are about (its first sentence subject)."""
    out: list[Found] = []
    # the flat text: a name a PDF line wrapped ('…保\n亭黎族苗族自治县财政局') is read whole
    fs = view.flat_pos(start)
    text = view.flat[fs:view.flat_pos(min(end, start + 1500))]
    alias = SELF_ALIAS.search(text[:600])  # '我局（溆浦县统计局）是…': the unit names itself
    if alias is not None and looks_like_unit(alias.group("name")):
        ev = view.fev(fs + alias.start("name"), fs + alias.end("name"))
        return [Found(fix_glyphs(re.sub(r"\s*\n\s*", "", ev.snippet)), ev, 5)]
    for m in SUBJECT.finditer(text):
        if OTHER_VOICE.match(text, m.end("name")):
            continue  # '某县财政局组织开展2023年度绩效自评工作，我局高度重视': the organiser, then the unit speaking
        name = m.group("name")
        # ('…下达专项资金15万元,用于于都县文化广电新闻出版旅游局组织实施…': the unit the money went to)
        name = re.sub(r"^(?:我们|我单位|本单位|我局|本局|目前|近年来|同时|其中|另外|经|由|现将|用于|拨付给?|下达给?|交由)|^.*更名为|"
                      r"^(?:设立|成立|组建|设置|挂牌|撤销)", "", name)
        name = re.sub(r"^(?:[\u4e00-\u9fff]{2,16}?|[本该此])(?:项目|专项|资金)由", "", name)  # '森林防火专项由某县林业局负责实施'
        name = re.split(r"报告|自评表|评价表", name)[-1]  # a title run into the opening: '…自评报告翁牛特旗自然资源局为…'
        if not looks_like_unit(name) or len(name) < 4 or re.match(r"^(?:本|我|该|各|全|下属)", name) or re.search(
                r"联合(?!会)|会同|我省|我市|我县|我区", name):
            continue  # '财政部海南监管局联合我省交通运输厅组成审核组': several bodies, none the unit
        if re.search(r"(?:省|市|州|县|区|旗|盟)人民政府$", name) and not re.match(r"为|是|系|作为", text[m.end("name"):]):
            continue  # '丹东市人民政府成立了…领导小组': the government over the unit, acting (a township's is its own;
            # '常州市金坛区人民政府为本项目的实施主体' names it the unit)
        s = fs + m.start("name") + (len(m.group("name")) - len(name))
        ev = view.fev(s, s + len(name))
        out.append(Found(fix_glyphs(re.sub(r"\s*\n\s*", "", ev.snippet)), ev, 5))
        break
    if not out:
        out += _regulation_unit(view, fs, text)
    return out


# the unit's own 三定 regulation, which a report's opening cites for its mandate: '根据《…关于印发〈某县农业农村局职能
# 配置、内设机构和人员编制规定〉的通知》'
THREE_SETTINGS = re.compile(r"[《〈<\"“](?P<name>[\u4e00-\u9fff()]{4,30}?" + UNIT_END +
                            r")(?:主要)?职能配置、?内设机构和人员编制(?:规定|方案)")


def _regulation_unit(view: DocView, fs: int, text: str) -> list[Found]:
    """The unit named by the 三定 regulation its opening cites (rank 5, as its subject sentence would be)."""
    m = THREE_SETTINGS.search(text)
    if m is None or not looks_like_unit(m.group("name")):
        return []
    ev = view.fev(fs + m.start("name"), fs + m.end("name"))
    return [Found(fix_glyphs(ev.snippet), ev, 5)]


def breadcrumb_candidates(view: DocView, limit: int = 1500) -> list[Found]:
    """A unit named as the last step of the page's breadcrumb (首页 >> 部门信息公开 >> X局 >> 正文)."""
    out: list[Found] = []
    pos = 0
    norm = view.norm[:limit]
    for line in norm.split("\n"):
        if BREADCRUMB.search(line) and re.search(r"首页|位置", line):
            steps = [x for x in BREADCRUMB.split(line) if x.strip()]
            for step in reversed(steps):
                name = re.sub(r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)[:]?", "", step.strip())
                if name in ("正文", "详情", "内容", "正文内容", "内容详情"):
                    continue
                if looks_like_unit(name) and len(name) >= 4 and not re.search(r"公开|信息|专栏|动态|政务", name):
                    k = pos + line.find(name)
                    ev = view.evidence(k, k + len(name))
                    out.append(Found(fix_glyphs(ev.snippet), ev, 6))
                break
        pos += len(line) + 1
    return out


HEADLINE_UNIT = re.compile(r"^(?:附件[:]?)?(?:\d{1,2}[.、])?(?:关于)?(?P<name>[\u4e00-\u9fff()]{3,30}?)(?:20\d\d年|关于)")


def report_headlines(view: DocView, end: int, words: str = r"自评|绩效") -> Iterator[tuple[int, str]]:
    """(offset, line) of the short report-like lines of the page's head before `end`: its article headline and the
    like, never a breadcrumb ('首页 > 绩效自评'). Read for the unit and the year a part's own title may not give."""
    for s, _e, line in norm_lines(view.norm, 0, min(len(view.norm), end)):
        if len(line) <= 60 and re.search(words, line) and not BREADCRUMB.search(line):
            yield s, line


def headline_candidates(view: DocView, title_start: int | None, limit: int = 3000) -> list[Found]:
    """The unit heading another report-like line of the page's head: the article headline '益阳市总工会2022年
    绩效自评附表' above an attachment whose own title ('2022年度部门整体支出绩效评价基础数据表') names no unit."""
    out: list[Found] = []
    for s, line in report_headlines(view, limit):
        if s == title_start:
            continue
        if view.fixed_layout and s > 0 and s - 1 not in view.hard and soft_wrap(view.norm, s - 1):
            continue  # the rest of a sentence a PDF line wrapped ('…、保' / '亭黎族苗族自治县财政局关于…')
        m = HEADLINE_UNIT.match(line.strip())
        if m is None or not looks_like_unit(m.group("name")):
            continue
        k = s + line.find(m.group("name"))
        ev = view.evidence(k, k + len(m.group("name")))
        out.append(Found(fix_glyphs(ev.snippet), ev, 5))
        break
    return out


OUTLINE_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章部节]|"
                           r"\d{1,2}[、.．](?!\d)|报告摘要|摘要|目录)")
# the posting stamp after the unit on a page's source line, also after a bar: 'X | 2022-12-30'
_TRAILING_DATE = re.compile(r"\s*(?:[|｜]\s*)?" + POSTED_AT)


def _report_starts(line: str) -> bool:
    """The report's own text begins on this line: an outline heading or a sentence."""
    return bool(OUTLINE_START.match(line) or len(line) > 60 or re.search(r"[。;]", line))


def opening_line_candidates(view: DocView, start: int, limit: int = 600, lines: int = 8) -> list[Found]:
    """A unit standing alone on a line of the part's opening, before its first outline heading: the byline
    or cover line of a report whose title line is missing (a title only in the page's <title>, a PDF's title
    printed as an image) or names no unit ('科普活动项目支出' / '株洲市渌口区科学技术协会' / '一、…'). A
    government's name there is the portal's banner, not the unit, and is left to the breadcrumb and metadata."""
    norm = view.norm
    prev_label = False
    found = norm_lines(norm, start, min(len(norm), start + limit))
    for n, (s, _e, line) in enumerate(found):
        text = line.strip()
        if n >= lines or _report_starts(text):
            break
        after_label, prev_label = prev_label, bool(re.search(r"(?:部门|单位|机构|名称|来源)[:]?$", text))
        if n + 1 >= len(found) or not _report_starts(found[n + 1][2].strip()):
            continue  # a site's banner lines ('…教学指导委员会' / '2024.01 15' / '返回列表'), not the report's head
        name = _TRAILING_DATE.sub("", text)
        if after_label or re.search(r"[:]|发布|来源|机构|关键词|索引|责任部门|主管部门", name):
            continue  # a metadata line, or a form's cell under its label ('中央主管部门' / '市场监管总局')
        name = SEAL_MARK.sub("", name)
        if (not looks_like_unit(name) or len(name) < 4 or re.search(r"网站|门户|网$|首页|位置|栏目", name)
                or BREADCRUMB.search(name) or re.search(r"(?:人民政府|政府)(?:办公室)?$", name)
                or re.match(r"^(?:本|我|该|各|全|下属)", name)):
            continue
        k = s + line.find(name)
        ev = view.evidence(k, k + len(name))
        return [Found(fix_glyphs(ev.snippet), ev, 5)]
    return []


# the short forms units go by and the full names their labels give (卫健委 -> 卫生健康委员会)
UNIT_ABBREVIATIONS = (
    ("卫健委", "卫生健康委员会"), ("卫健局", "卫生健康局"), ("发改委", "发展和改革委员会"), ("发改局", "发展和改革局"),
    ("住建局", "住房和城乡建设局"), ("住建委", "住房和城乡建设委员会"), ("人社局", "人力资源和社会保障局"),
    ("市监局", "市场监督管理局"), ("医保局", "医疗保障局"), ("退役军人局", "退役军人事务局"), ("应急局", "应急管理局"),
    ("民宗局", "民族宗教事务局"), ("残联", "残疾人联合会"), ("妇联", "妇女联合会"),
    ("科协", "科学技术协会"), ("文联", "文学艺术界联合会"), ("工商联", "工商业联合会"), ("侨联", "归国华侨联合会"),
)
_ABBREV = re.compile("(?:" + "|".join(a for a, _ in UNIT_ABBREVIATIONS) + ")$")
# short forms that are some units' official names too (舒城县科技局 beside 某市科技局): expanded only where the
# text writes the full name as well
TEXT_CONFIRMED_ABBREVIATIONS = (
    ("科技局", "科学技术局"), ("教体局", "教育和体育局"), ("文旅局", "文化和旅游局"), ("林草局", "林业和草原局"),
    ("市场监管局", "市场监督管理局"), ("人防办", "人民防空办公室"), ("农业农村委", "农业农村委员会"),
    ("自然资源局", "自然资源和规划局"), ("检察院", "人民检察院"), ("法院", "人民法院"),
    ("交通局", "交通运输局"),  # (重庆市璧山区交通局 is its name)
    ("教委", "教育委员会"),  # (Chongqing's counties: '巫溪县教委' for 巫溪县教育委员会)
    # the Party's departments a title names by the county: '桃江县统战部' for '中共桃江县委统一战线工作部'
    ("统战部", "委统一战线工作部"), ("宣传部", "委宣传部"), ("组织部", "委组织部"),
)
_CONFIRMED = re.compile("(?<!人民)(?:" + "|".join(a for a, _ in TEXT_CONFIRMED_ABBREVIATIONS) + ")$")
# a short form written alone ('卫健委' in a form's 实施单位 cell) and the name it stands for
BARE_ABBREVIATIONS = dict(UNIT_ABBREVIATIONS + TEXT_CONFIRMED_ABBREVIATIONS)


# a county's (city's) CPPCC by its short form, whose full name puts 政协 first: '桃江县政协' / '政协桃江县委员会'
_CPPCC = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,12}?(?:省|市|州|盟|县|区|旗))政协(?:机关|办公室|办)?$")


def expand_unit_abbreviation(name: str, text: str = "") -> str | None:
    """'湘西自治州卫健委' -> '湘西自治州卫生健康委员会': a unit's full name where it goes by a short form (the
    place before it must be written: a bare '卫健委' names no unit); '舒城县科技局' -> '舒城县科学技术局' only where
    `text` writes that full name."""
    m = _CPPCC.match(name)
    if m is not None:  # '桃江县政协(办)' -> '政协桃江县委员会', as the text writes it
        return next((full for full in (f"政协{m.group('place')}委员会", f"中国人民政治协商会议{m.group('place')}委员会")
                     if full in text), None)
    m = _ABBREV.search(name)
    if m is not None and m.start() >= 2:
        return name[:m.start()] + dict(UNIT_ABBREVIATIONS)[m.group(0)]
    m = _CONFIRMED.search(name)
    if m is not None and m.start() >= 2:
        full = name[:m.start()] + dict(TEXT_CONFIRMED_ABBREVIATIONS)[m.group(0)]
        if "中共" + full in text and full[m.start()] == "委":  # a Party department: '中共桃江县委统一战线工作部'
            return "中共" + full
        if full in text:
            return full
    return None


# 田心乡, 塘湖镇政府, 攀枝花市仁和区同德镇 (its divisions before it)
TOWNSHIP_GOV = re.compile(r"^(?P<t>(?:[\u4e00-\u9fff]{2,12}?(?:省|市|州|盟|县|区|旗))?[\u4e00-\u9fff]{1,6}?(?:乡|镇|苏木))"
                          r"(?:人民政府|政府)?$")
# 古城街道 -> 古城街道办事处 (a sub-district's office), only where the text writes it so
_SUBDISTRICT = re.compile(r"^(?:[\u4e00-\u9fff]{2,12}?(?:市|州|盟|县|区|旗))?[\u4e00-\u9fff]{2,6}?街道$")


def township_government(name: str, view: DocView, start: int, end: int) -> tuple[str, int] | None:
    """'田心乡' (a title's bare township) -> '田心乡人民政府' when the text names the government so."""
    from .region import NOT_TOWNSHIP, is_township_name

    if _SUBDISTRICT.match(name) and not name.endswith(NOT_TOWNSHIP):
        k = view.norm.find(name + "办事处", start, end)
        return (name + "办事处", k) if k >= 0 else None
    m = TOWNSHIP_GOV.match(name)
    if m is None or name.endswith("人民政府") or not is_township_name(m.group("t"), governed=True):
        return None  # '建设特色小镇', '全乡': words, no township
    # '某县人民政府倘甸镇' (the county's government written before its township): the township's government
    full = re.sub(r"(?<=[县区市旗])人民政府(?=[\u4e00-\u9fff]{1,6}?(?:乡|镇|苏木)$)", "", m.group("t")) + "人民政府"
    k = view.norm.find(full, start, end)
    return (full, k) if k >= 0 else (full, -1)  # -1: not written; the unit is still its government


def without_junk_prefix(name: str) -> str:
    """'jbo竞博官网沅陵县林业局', '江西/南昌中标结果昌江黎族自治县市场监督管理局': a copy site's words glued before the
    unit (Latin letters or a '/' never belong to a unit's Chinese name): the name from the run of place names that
    starts the unit, or unchanged when no place follows the junk."""
    from .region import find_mentions

    junk = [m.end() for m in re.finditer(r"[A-Za-z/|]", name)]
    if not junk:
        return name
    rest = name[junk[-1]:]
    places = [m for m in find_mentions(rest) if m.full]
    if not places:
        return name
    k = len(places) - 1
    while k > 0 and places[k - 1].end == places[k].start:  # 湖南省长沙市岳麓区: the whole run
        k -= 1
    return rest[places[k].start:] if len(rest) > places[-1].end else name


def complete_short_unit(name: str, view: DocView, start: int, end: int) -> tuple[str, int] | None:
    """'县自然资源局' (a title's short form: the level word without the place) -> '湘阴县自然资源局' where the text
    writes the unit in full, the place being a county or city of the gazetteer. (full name, its offset)."""
    from .region import find_mentions

    if not re.match(r"^(?:县|市|区|旗)[\u4e00-\u9fff]{2,}", name):
        return None
    norm = view.norm
    k = norm.find(name, start, end)
    while k >= 0:
        window = norm[max(start, k - 8):k + 1]
        for m in find_mentions(window):
            if m.end == len(window) and m.full and m.text.endswith(name[0]):
                full = m.text + name[1:]
                return full, k + 1 - len(m.text)
        k = norm.find(name, k + 1, end)
    return None


# a unit named in full with the short form it goes by: '恩施土家族苗族自治州民族宗教事务委员会(简称“州民宗委”)'
DEFINED_SHORT = re.compile(r"(?P<full>[\u4e00-\u9fff]{4,40}?" + UNIT_END + r")\((?:以下)?(?:简称|下称)[:“\"]?"
                           r"(?P<short>[\u4e00-\u9fff]{2,12}?)[”\"]?\)")


def defined_short_form(name: str, view: DocView, start: int, end: int) -> tuple[str, int] | None:
    """A title's short name ('恩施州民宗委') that the text defines ('…民族宗教事务委员会(简称“州民宗委”)'), its place
    written or not: the full name the text gives (full name, its offset)."""
    from .region import expand_alias

    for m in DEFINED_SHORT.finditer(view.norm, start, end):
        full, short = m.group("full"), m.group("short")
        tail = short.lstrip("省市州县区旗")
        if name == short:
            clean = without_junk_prefix(full)
            return clean, m.end("full") - len(clean)
        place = name[:-len(tail)] if len(tail) >= 2 and name.endswith(tail) else ""
        # (the place may follow a higher one: '北京市海淀区人民政府中关村街道办事处(以下简称“中关村街道”)' for '海淀区中关村街道')
        at = min((k for p_ in (place, expand_alias(place)[0]) if place and (k := full.find(p_)) >= 0), default=-1)
        if at >= 0 and (at == 0 or at < full.find(tail)):
            return full, m.start("full")
    return None


def complete_unit(name: str, view: DocView, start: int, end: int, township: bool) -> tuple[str, int] | None:
    """A title's unit as the text writes it in full, where the title shortens it (the three ways below; a
    township's government only gets its county). (full name, its offset)."""
    short = defined_short_form(name, view, start, end)
    if not township and short is None:
        short = (complete_short_unit(name, view, start, end)
                 or complete_placeless_unit(name, view, start, end) or complete_alias_county(name, view, start, end))
    short = short or complete_placed_unit(name, view, start, end)
    return _whole_name(view.norm, *short) if short else None


_PARTY_BEFORE = re.compile(r"(?:中共|中国共产党)$")


def _whole_name(norm: str, full: str, k: int) -> tuple[str, int]:
    """The name as the text writes it around the place the completion found: '中共' before a party organ's
    ('中共桃源县委组织部' for a title's '县委组织部'), and '员会' after a '…委' the text writes as '…委员会'
    (a title's '县委政法委', the text's '中共慈利县委政法委员会')."""
    party = _PARTY_BEFORE.search(norm, max(0, k - 5), k)
    if party is not None and "委" in full:
        full, k = party.group(0) + full, party.start()
    if full.endswith("委") and norm.startswith("员会", k + len(full)):
        full += "员会"
    return full, k


def complete_alias_county(name: str, view: DocView, start: int, end: int) -> tuple[str, int] | None:
    """'麻阳县教育局' (a title naming an autonomous county the short way) -> '麻阳苗族自治县教育局' where the text
    writes it so."""
    from .region import find_mentions

    lead = next((m for m in find_mentions(name) if m.start == 0), None)
    if lead is None or lead.full or lead.division.level != 3 or len(name) <= lead.end + 1:
        return None
    full = lead.division.name + name[lead.end:]
    k = view.norm.find(full, start, end)
    return (full, k) if k >= 0 else None


def complete_placed_unit(name: str, view: DocView, start: int, end: int) -> tuple[str, int] | None:
    """'黄马乡蚕茶卫生院' (a title's unit without its county) -> '南昌县黄马乡蚕茶卫生院' where the text writes it
    right after a county or city of the gazetteer, as its full name. (full name, its offset)."""
    from .region import find_mentions

    if len(name) < 4 or any(m.start == 0 for m in find_mentions(name)):
        return None
    norm = view.norm
    k = norm.find(name, start, end)
    while k >= 0:
        window = norm[max(start, k - 12):k]
        for m in find_mentions(window):
            if m.end == len(window) and m.full and m.division.level >= 2:
                return m.text + name, k - len(m.text)
        k = norm.find(name, k + 1, end)
    return None


def complete_placeless_unit(name: str, view: DocView, start: int, end: int) -> tuple[str, int] | None:
    """'中国共产主义青年团' (a title naming the organisation, not its branch) -> '中国共产主义青年团邵阳市北塔区委员会'
    where the text writes the name on with a place and a unit suffix right after it. (full name, its offset)."""
    from .region import find_mentions

    if len(name) < 4 or find_mentions(name):
        return None
    for m in re.finditer(re.escape(name) + r"(?P<ext>[\u4e00-\u9fff]{3,20}?" + UNIT_END + ")", view.norm[start:end]):
        ext = m.group("ext")
        places = find_mentions(ext)
        if places and places[0].start == 0 and places[0].full and not re.search(r"[的是在对于和]", ext):
            return name + ext, start + m.start()
    return None


# how a unit calls itself (我局, 我委 …) and the endings of names that can say so
_SELF_REFERENCE = {"局": ("局",), "委": ("委", "委员会"), "院": ("院",), "校": ("校", "学", "学校"), "中心": ("中心",),
                   "镇": ("镇", "镇人民政府", "镇政府"), "乡": ("乡", "乡人民政府", "乡政府"), "办": ("办", "办公室", "办事处"),
                   "厅": ("厅",), "站": ("站",), "队": ("队", "大队", "支队")}
# (never 我办理, 我队伍, 我院落)
_SELF_REF_RE = re.compile(r"我(" + "|".join(sorted(_SELF_REFERENCE, key=len, reverse=True)) + r")(?![理伍落])")


def fits_self_reference(name: str, text: str) -> bool:
    """A publisher's name can be the unit the text speaks as: a report that says 我局 throughout is no
    '某县人民政府' that merely hosts the page (the portal's 来源 line)."""
    said = {m.group(1) for m in _SELF_REF_RE.finditer(text[:6000])}
    if not said:
        return True
    return any(name.endswith(end) for ref in said for end in _SELF_REFERENCE[ref])
