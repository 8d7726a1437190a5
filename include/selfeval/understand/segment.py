"""Segment a page into chrome and content: navigation, the metadata block, the title, the article.

Report pages arrive as portals publish them: breadcrumbs (首页 > 政务公开 > …), a metadata block (索引号,
发布机构, 发布日期, 文号 — as `label: value` lines, as one line holding several pairs, or as `|` table
rows), share/print bars, then the title, then the article, and at the end related-link boxes and the
site footer.  Three things are read here, all on the normalised view so every value maps back to raw
evidence:

* `read_page_meta` — the metadata block.  发布机构/来源 and 发布日期 are evidence-carrying inputs for
  `department` (publisher, lowest rank) and `publish_date`; 索引号/文号 are kept for lineage.
* `content_bounds` — where the article body starts (after navigation and metadata) and ends (before
  related links and the footer), so a related-link title or a site name never becomes a report value.
* `find_title` — the report title: the best title-like line of the page head, not line 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selfeval.model import Evidence, ExtractedDocument
from selfeval.textnorm import DOC_EXT, find_spaced, fix_glyphs, fold, to_simplified

from . import vocabulary as V
from .evidence import DocView, norm_lines, soft_wrap
from .fields import (
    MONEY_UNIT_CELL,
    YEAR_TOKEN,
    Found,
    closes_unopened_bracket,
    looks_like_unit,
    norm_start,
    read_title,
)
from .numbers import DATE_RE, parse_date
from .region import find_mentions
from .tables import Cell, grids_from_page_tables
from .vocabulary import BRACKETED_PROJECT_NAME, LIST_BULLET, in_bullet_list

# --- the metadata block -------------------------------------------------------------------------------

_LABEL_OF = {lab: f for f, labs in V.META_LABELS.items() for lab in labs}
_LABEL_ALT = "|".join(sorted(map(re.escape, _LABEL_OF), key=len, reverse=True))
# a label starts the text, a line or a cell, or follows a separator; the value follows after ':' or '|'
# (a label also follows a time printed right before it: '发布时间:2021-10-26 17:11 来源:县财政局')
_LABEL_RE = re.compile(r"(?:(?<=^)|(?<=[\n|:·\-•\s【\[])|(?<=\d:\d\d)|(?<=[-/]\d\d))(?P<label>" + _LABEL_ALT + r")(?=\s*[\]】]?\s*(?:[:|]|\n|$))")
# ('[ 发布日期 ] | 2024-06-14 |': a label a CMS printed in brackets)
# a bare "日期"/"时间"/"来源" is a metadata label only with a colon or a pipe right after it
_WEAK = V.WEAK_META_LABELS
# unambiguous labels also count when a CMS printed them glued to their neighbours ('报告发布日期2023-04-20')
_GLUED_RE = re.compile(r"(?P<label>" + "|".join(sorted((re.escape(k) for k in _LABEL_OF if len(k) >= 3
                                                         and _LABEL_OF[k] in ("publish_date", "publisher", "index_no",
                                                                              "doc_no", "doc_date", "topic")),
                                                        key=len, reverse=True)) + r")")
_STRONG_LABELS = tuple(lab for lab in _LABEL_OF if lab not in _WEAK)
META_SCAN = 3000  # the metadata block sits in the page head


# how surely a date label names the page's posting date: 发布日期 over a bare 日期, over the document's own date
# (发文日期, 生成日期) and the CMS's record times, over an update time
_DATE_RANKS = ({"日期", "时间"}, {"发文日期", "发文时间", "生成日期", "创建时间", "添加时间", "录入时间", "上传时间",
                                                     "著录日期"},
               {"更新时间", "更新日期"})


def _date_rank(label: str) -> int:
    return next((k + 1 for k, labels in enumerate(_DATE_RANKS) if label in labels), 0)


@dataclass
class MetaValue:
    value: str
    evidence: Evidence
    label: str


@dataclass
class PageMeta:
    """What the page's metadata block states (normalised values with raw evidence)."""

    values: dict[str, MetaValue] = field(default_factory=dict)
    span: tuple[int, int] | None = None  # normalised extent of the block

    def get(self, name: str) -> str | None:
        v = self.values.get(name)
        return v.value if v else None

    def to_dict(self) -> dict[str, str]:
        return {k: v.value for k, v in self.values.items()}


def _meta_value(norm: str, start: int, stop: int) -> tuple[int, int]:
    """The value after a label: skip ':'/'|'/breaks, stop at '|', a line end or the next label."""
    i = start
    while i < stop and norm[i] in ":|\n -•]】":
        i += 1
    j = i
    while j < stop and norm[j] not in "|\n】]":
        j += 1
    while j > i and norm[j - 1] in " :[【":  # (the next label's opening bracket: '[有效性] [成文日期]')
        j -= 1
    return i, j


_POSTING_STAMP = re.compile(r"(?<!\d)(20\d\d)\s*[-/年.]\s*-?(\d{1,2})\s*[-/月.]\s*-?(\d{1,2})\s*日?\s*\d{1,2}:\d{2}")


def page_time_stamp(view: DocView, limit: int = 1500) -> MetaValue | None:
    """The first date printed with a time of day in a line of the page head's chrome ('2017-10-10 15:24:00', '县文化馆
    2023年06月26日 09:00 字号:大中小'): a CMS's posting stamp, for a page whose metadata block labels no date (a
    meeting's time inside a sentence is none).  Measured on dev pages, the first stamp was the labelled
    publication date 97 times in 101."""
    norm = view.norm
    m = next((m for m in _POSTING_STAMP.finditer(norm, 0, limit) if _chrome_line(norm, m)), None)
    if m is None:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return MetaValue(f"{y}-{mo:02d}-{d:02d}", view.evidence(m.start(), m.end()), "time stamp")


def _chrome_line(norm: str, m: re.Match[str]) -> bool:
    """The stamp sits in a line of page chrome, not in a sentence ('我局于2023年4月10日14:30组织召开自评会。')."""
    end = norm.find("\n", m.end())
    line = norm[norm.rfind("\n", 0, m.start()) + 1:end if end >= 0 else len(norm)]
    return len(line) <= 80 and not re.search(r"[。，,;；]", line) and norm[m.start() - 1:m.start()] not in ("于", "在", "至", "到")


def _finer_publisher(first: str, later: str) -> bool:
    """A later publisher line that names the page's unit better than the first: the first abbreviated ('湘管委'), or
    the government whose site it is ('发布机构 溆浦县人民政府') before the unit within it ('来源:溆浦县卢峰镇人民政府')."""
    if len(first) <= 4 < len(later) <= 40:
        return True
    place = first.removesuffix("人民政府")
    return place != first and len(place) >= 2 and later.startswith(place) and len(later) > len(first)


def read_page_meta(view: DocView, limit: int = META_SCAN) -> PageMeta:
    """The page's metadata block (索引号, 发布机构, 发布日期, 文号 …) from the head of the document."""
    norm = view.norm[:limit]
    body = norm.find("。")  # a weak label after the article's first sentence is the closing's ('日期:' under the unit)
    body = len(norm) if body < 0 else body
    hits = [m for m in _LABEL_RE.finditer(norm)
            if m.group("label") not in _WEAK or (m.start() < body and (
                re.match(r"\s*[:|]", norm[m.end():m.end() + 2]) or _alone(norm, m)))]
    taken = {m.start() for m in hits}
    hits += [m for m in _GLUED_RE.finditer(norm) if not any(abs(m.start() - t) < 2 for t in taken)]
    hits += [m for m in _GLUED_DATE_RE.finditer(norm) if not any(h.start() <= m.start() < h.end() for h in hits)
             and _after_label_on_line(norm, m, hits)]
    hits.sort(key=lambda m: m.start())
    meta = PageMeta()
    lo = hi = None
    for k, m in enumerate(hits):
        label = m.group("label")
        name = _LABEL_OF[label]
        stop = hits[k + 1].start() if k + 1 < len(hits) else len(norm)
        # the value must start on the label's line or the next one (form-style: label line, value line)
        vs, ve = _meta_value(norm, m.end(), stop)
        if vs >= ve or norm.count("\n", m.end(), vs) > 1:
            continue
        if "\n" in norm[m.end():vs]:
            # form style (label line, value line): only for a label alone on its line and a short value
            line_start = norm.rfind("\n", 0, m.start()) + 1
            if norm[line_start:m.start()].strip(" -•|[【") or ve - vs > 30:
                continue
        raw_val = norm[vs:ve].strip()
        value = _clean_meta(name, raw_val)
        if value is None:
            continue
        if name in meta.values and not (name == "publisher" and _finer_publisher(meta.values[name].value, value)) \
                and not (name == "publish_date" and _date_rank(label) < _date_rank(meta.values[name].label)):
            continue  # the first block wins (a body table may repeat a label); an abbreviated publisher (湘管委) or a
            # government's site naming its unit in 来源 not; a posting date beats a document's or an update's date
            # printed before it (发文日期 … 发布日期)
        cut = vs + len(norm[vs:ve]) - len(norm[vs:ve].lstrip())
        end = cut + len(value) if name not in ("publish_date", "doc_date") else ve
        meta.values[name] = MetaValue(value, view.evidence(cut, min(end, ve)), label)
        lo = m.start() if lo is None else min(lo, m.start())
        hi = ve if hi is None else max(hi, ve)
    for name, mv in _meta_from_cells(view, limit):
        if name not in meta.values:
            meta.values[name] = mv
    if "publish_date" not in meta.values:
        m = (_STAMP.search(norm[:1500]) or _CN_STAMP.search(norm[:1500]) or _CN_STAMP_EOL.search(norm[:1500])
             or _SOURCE_DATE.search(norm[:1500]))
        if m:  # '来源:新开镇 2022-09-28 20:14': a date with a clock time in the page head is its posting time
            meta.values["publish_date"] = MetaValue(parse_date(m) or "", view.evidence(m.start(), m.end()), "timestamp")
            if not meta.values["publish_date"].value or len(meta.values["publish_date"].value) != 10:
                del meta.values["publish_date"]
    if "publish_date" not in meta.values:
        m = _DATE_LINE.search(norm[:600])
        if m:  # '广西壮族自治区文化和旅游厅 | 2022-12-30', '编辑: 飞鸟 | 2019-07-11 |': the head's own date line
            iso = parse_date(m)
            if iso and len(iso) == 10 and iso != meta.get("doc_date"):  # never the cell of a 成文日期 row
                meta.values["publish_date"] = MetaValue(iso, view.evidence(m.start("y2"), m.end("d2")), "date line")
    if "publish_date" in meta.values and SHARING_COPY.search(norm[:1500]):
        del meta.values["publish_date"]  # a sharing site's upload time ('上传时间:2023-08-13') is no posting by the unit
    if lo is not None and hi is not None:
        meta.span = (lo, hi)
    return meta


def _meta_from_cells(view: DocView, limit: int) -> list[tuple[str, MetaValue]]:
    """Label/value pairs of a metadata table the extraction engine returned as cells ('发布\n机构' | '龙陵县勐\n糯镇人民\n政府'):
    a PDF of a portal page wraps every narrow cell, so the page text holds the label and its value broken over
    several lines, and a row's cells interleaved, where the text reader finds neither.  Only a table in the
    page head, only cells whose own text (wrapping removed) is a known label; evidence is the value cell."""
    doc = view.doc
    if not doc.pages or not doc.pages[0].tables:
        return []
    out: list[tuple[str, MetaValue]] = []
    for grid in grids_from_page_tables(ExtractedDocument(format=doc.format, pages=doc.pages[:1], engine=doc.engine,
                                                         meta=doc.meta)):
        for row in grid.rows:
            for label_cell, value_cell in zip(row, row[1:], strict=False):
                label = re.sub(r"\s+", "", to_simplified(label_cell.text)).rstrip(":：")
                name = _LABEL_OF.get(label)
                if name not in ("publisher", "publish_date", "doc_date", "index_no", "doc_no") or not value_cell.anchor:
                    continue
                span = _cell_span(doc.pages[0].text or "", value_cell, limit)
                value = _clean_meta(name, re.sub(r"\s+", "", to_simplified(value_cell.text)))
                if span is not None and value is not None and name not in {n for n, _ in out}:
                    ev = view.raw_evidence(value_cell.page, span[0], span[1], note="table cell")
                    out.append((name, MetaValue(value, ev, label)))
    return out


def _cell_span(raw: str, cell: Cell, limit: int) -> tuple[int, int] | None:
    """Where a cell's text sits in the page head: as located, or with any spacing between its characters (the
    table engine drops the spaces the text layer puts between digits and CJK: '2022\n年11' / '2022\n年 11')."""
    if cell.start is not None and cell.end is not None:
        return (cell.start, cell.end) if cell.start <= limit else None
    m = find_spaced(raw, cell.text, 0, limit)
    return (m.start(), m.end()) if m else None


# a document-sharing site's copy: its uploader, document number, '由会员分享' blurb or '…docx_第1页' page list
SHARING_COPY = re.compile(r"上传人[:：]|文档编号[:：]|由会员(?:上传)?分享|_第1页|下载文档前请自行甄别")


# an ISO date alone on its line (a CMS's article header cell), time optional
_DATE_LINE = re.compile(r"(?:^|\n)[\[【(]?(?P<y2>20\d\d)-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})(?P<y>)(?P<m>)(?P<d>)"
                        r"(?:\s?\d{1,2}:\d{2}(?::\d{2})?)?[\]】)]?(?=\n|$|\s*(?:来源|作者|浏览|点击|【))")


# '来源:门源县工业商务信息化局    时间:2023年11月13日': a weak date label the normaliser glued to the value before it
_GLUED_DATE_RE = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z)])(?P<label>时间|日期)(?=:\s*20\d\d)")


def _after_label_on_line(norm: str, m: re.Match[str], hits: list[re.Match[str]]) -> bool:
    """Another metadata label starts m's line (so '完成时间:2023年' in a sentence is never a posting date)."""
    line_start = norm.rfind("\n", 0, m.start()) + 1
    return any(line_start <= h.start() < m.start() and h.start() - line_start <= 2 for h in hits)


def _alone(norm: str, m: re.Match[str]) -> bool:
    """A weak label alone on its line, its value on the next ('- 日期' / '- 2023-05-29': a dt/dd list)."""
    line_start = norm.rfind("\n", 0, m.start()) + 1
    line_end = norm.find("\n", m.end())
    return (line_end >= 0 and not norm[line_start:m.start()].strip(" -•")
            and not norm[m.end():line_end].strip(" -•"))


_STAMP = re.compile(r"(?<!\d)(?P<y2>20\d\d)(?:[-/.]|年-)(?P<m2>\d{1,2})(?:[-/.]|月-)(?P<d2>\d{1,2})日?(?P<y>)(?P<m>)(?P<d>)\s?"
                    r"\d{1,2}:\d{2}")  # '2023-05-04 10:12', '2022年-03月-07日 11:14:00'
# a Chinese date with a clock time opening a line of the head: '2023年06月28日 10:20 来源:…' (never
# '我局于2023年4月10日14:30组织召开…' inside a sentence)
_CN_STAMP = re.compile(r"(?:^|(?<=\n)|(?<=[|【\[]))\s*(?P<y2>20\d\d)年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日(?P<y>)(?P<m>)(?P<d>)"
                       r"\s{0,3}\d{1,2}:\d{2}")
# a short head line ending in a Chinese date and clock time: WeChat's '原创 南华农业农村 2024年06月18日 10:20'
_CN_STAMP_EOL = re.compile(r"(?:^|(?<=\n))(?=[^\n]{0,45}(?:\n|$))[^\n。，,;；]{0,30}?\s?(?P<y2>20\d\d)年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日(?P<y>)(?P<m>)(?P<d>)"
                           r"\s{0,3}\d{1,2}:\d{2}(?=\s*(?:[\u4e00-\u9fff]{2,3}\s*)?(?:\n|$))")  # (WeChat may add the province)
# '来源:攸县林业局  2024-04-01': the posting date printed after the source, no clock time
_SOURCE_DATE = re.compile(r"来源:[^\n\d]{2,30}?\s*(?P<y2>20\d\d)-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})(?P<y>)(?P<m>)(?P<d>)(?=\s|$)")


def _clean_meta(name: str, raw: str) -> str | None:
    if name in ("publish_date", "doc_date"):
        m = DATE_RE.search(raw[:40])
        iso = parse_date(m) if m else None
        return iso if iso and len(iso) == 10 else None
    if re.match(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))", raw):
        return None  # a heading on the next line is no value
    if name == "publisher":
        # the value ends where the page's next control or label begins ('…水利局文字大小:[ ] 背景色:')
        v = re.split(r"(?:发布|浏览|点击|时间|日期|作者|编辑|字号|字体|文字大小|背景色|打印|分享|收藏|阅读|访问|"
                     r"责任|审核|来源|[【\[|]|\d{4}[-年/.])", raw)[0].strip(" :")
        if not v or len(v) > 40 or not re.search(r"[\u4e00-\u9fff]", v):
            return None
        return v
    v = raw.strip()
    if name == "doc_no" and (not re.search(r"[〔\[(（]\s*\d{4}\s*[〕\])）]|\d\s*号|号$|^[A-Za-z0-9\-/]+$", v)
                             or re.search(r"报告|自评|绩效", v)):
        return None  # an empty 文号 cell: the next line ('部门整体支出绩效自评表') is no number
    return v or None


# --- chrome and content ---------------------------------------------------------------------------------

NAV_WORDS = re.compile(
    r"首页|登录|注册|无障碍|长者模式|关怀版|适老|简体|繁体|繁體|English|移动版|手机版|智能问答|个人中心|站内搜索|"
    r"网站地图|当前位置|您的位置|你的位置|所在位置|现在的位置|位置:|>>|>|»|›|→|分享|打印|关闭|收藏|扫一扫|二维码|"
    r"微信|微博|字号|【大】|【中】|【小】|大中小|加入收藏|设为首页|返回顶部|上一篇|下一篇|浏览次数|点击数|"
    r"政务公开|政务服务|互动交流|政民互动|要闻动态|走进|信息公开目录|政府信息公开|公开指南|公开制度|依申请公开|"
    r"法定主动公开|网上办事|办事服务|新闻中心|机构概况|专题专栏"
)
END_MARKERS = re.compile(
    r"^(?:上一篇|下一篇|相关链接|相关文章|相关阅读|相关新闻|相关信息|相关稿件|延伸阅读|推荐阅读|热点新闻|【打印本页】|"
    r"【关闭窗口】|打印本页|关闭窗口|主办单位|主办:|承办单位|版权所有|网站标识码|网站识别码|技术支持|联系我们|网站地图|"
    r"扫一扫在手机|ICP备|[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新]ICP|公安备案|"
    r"[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新]公网安备|Copyright|copyright|©)"
)
# a toolbar line under the article, made only of its buttons ('分享到：微信 微博', '【字体：大 中 小】【打印】【关闭】',
# '收藏 打印 关闭', '[打印本页] [关闭窗口]'): the article ended above it
TOOLBAR = re.compile(
    r"^(?=.*(?:打印|关闭|收藏|分享|纠错|返回顶部))(?:[\s【】\[\]()|:·•,/]|打印本页|打印此页|打印|关闭窗口|关闭本页|"
    r"关闭|加入收藏|收藏本页|收藏|分享到|分享至|分享|微信|朋友圈|微博|QQ空间|QQ|字体|字号|文字大小|[大中小]|默认|"
    r"我要纠错|纠错|返回顶部|顶部|返回|保存|转发|扫一扫|在手机打开|当前页)+$")
REPORT_WORDS = re.compile(r"报告|自评|评价|绩效|决算|预算|说明|通知|公告|公示|情况|办法|方案|意见|总结|汇总|"
                          r"结果|自查|报表|表$")


# a document-sharing site's chrome around the document it mirrors: the page list ('…自评报告.docx_第3页' after the
# first, which may be all that names the document,
# '第3页 / 共15页'), the uploader line, the download bar and its '《….docx》由会员分享…请在…上搜索。' blurb
SHARING_CHROME = re.compile(
    rf"^(?:.{{1,90}}\.{DOC_EXT}_第(?!1页)\d{{1,4}}页|第\d{{1,4}}页\s*/\s*共\d{{1,4}}页|上传人[:：].*|"
    r"亲,该文档总共.*|下载资源|资源描述|(?:返回\s*)?下载\s*相关\s*举报|点击查看更多>*|《.{1,90}》由会员分享.*)$", re.I)


SHARED_DOC = re.compile(rf"《[.…·\s]*(?P<name>[^》\n]{{6,90}}?)(?:\.{DOC_EXT})?》由会员分享", re.I)
# page 1 of a run-together copy opens with the document's title ('1、兴化市新垛镇2013年…项目绩效评价自评报告詹大俊…')
PAGE_ONE_TITLE = re.compile(r"[^\n]{4,60}?(?:自评报告|评价报告|自评表|评价表|自评情况报告)")


def is_nav_line(text: str) -> bool:
    """A navigation / toolbar / breadcrumb line (short, made of menu words or separators)."""
    t = text.strip("•·- ")
    if not t or SHARING_CHROME.match(t) or re.match(r"(?:上一篇|下一篇|上一条|下一条)\s*[:：]?", t):
        return True  # ('上一篇:2023年度部门整体支出绩效自评报告': the link to the page before, whatever it names)
    if len(t) <= 6 and not re.search(r"\d{4}", t) and not REPORT_WORDS.search(t):
        return True
    if NAV_WORDS.search(t) and len(t) <= 60 and not re.search(r"自评报告|自评表|绩效评价报告", t):
        return True
    if SITE_NAME.search(t):
        return True  # the portal's own name or address ('开远市人民政府门户网站', 'www.fk.gov.cn')
    crumbs = re.sub(r"<[^<>]*>", "", t)  # '《关于印发<…办法>的通知》': a title inside a title, no breadcrumb
    if (re.match(r"^(?:>|»|›|→)", crumbs) or len(re.findall(r">|»|›|→", crumbs)) >= 2) and "。" not in t:
        return True  # a breadcrumb, or its tail after a wrapped '首页' ('>政府信息公开>…>预算决算')
    return bool(re.fullmatch(r"[\W\d_]+", t))


SITE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:门户网站|政府网站|政务网|政府网|信息网|信息公开网|网站)$|"
                       r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.cn|com\.cn|org\.cn|cn|com|net|org)/?$",
                       re.I)


@dataclass
class Bounds:
    start: int
    end: int
    title_line: tuple[int, int] | None = None


def content_bounds(view: DocView, meta: PageMeta | None = None) -> Bounds:
    """Normalised [start, end) of the article: after the head's navigation and metadata, before the first
    related-links / footer line of the tail.  Documents without chrome give the whole text."""
    norm = view.norm
    lines = norm_lines(norm)
    if not lines:
        return Bounds(0, len(norm))
    start = lines[0][0]
    # head: skip navigation lines and the metadata block (but never skip past a title-like line that
    # comes before the metadata: the title is often between the breadcrumbs and the block)
    k = 0
    while k < len(lines) and (k < 60 or SHARING_CHROME.match(lines[k][2])) and is_nav_line(lines[k][2]):
        k += 1
    if k < len(lines):
        start = lines[k][0]
    end = len(norm)
    for s, _e, text in lines:
        # (a toolbar only after the article's sentences, in the text's second half: a page head prints one too,
        # '字体:[] 打印 关闭' under the headline)
        if s > start + 200 and (END_MARKERS.match(text) or (s > (start + len(norm)) // 2 and TOOLBAR.match(text)
                                                             and norm.count("。", start, s) >= 2)):
            if "。" not in norm[start:s] and not re.search(r"(?:自评|评价|绩效)(?:报告|表)|决算(?:公开)?(?:说明|报告)", norm[start:s]):
                continue  # nothing of an article above it yet: a head's link bar ('网站地图 | 联系我们'), no footer
            end = s
            break
    return Bounds(start, end)


# --- the title ------------------------------------------------------------------------------------------

TITLE_END = re.compile(r"(?:报告|自评表|评价表|情况表|说明|报告书|自评|汇总表|目标表|申报表|通知|公告|公示|决算|预算|情况|"
                       r"决算公开|预算公开|自评结果|评价结果|结果公开|自评情况|绩效情况|总结|报表|表)$")
# a title's last word wrapped onto a line ('…自评报告' / '书', '…绩效自评' / '价报告')
EVAL_REPORT_LINE = re.compile(r"(?:整体)?(?:支出)?(?:绩效)?(?:自评|评价|自评价)(?:情况)?(?:报告|表)")
REPORT_NOUN_TAIL = re.compile(r"(?:的)?(?:价报告|报告书?|情况报告|工作报告|表)")
# the close of a bracket the title line opened ('…自评报告(标准化工作专项补助经费' / ')')
BRACKET_TAIL = re.compile(r"[^()\n]{0,14}\)(?:\(20\d\d年度?\))?")
YEAR_LINE = re.compile(r"[(（]\s*20\d\d\s*年度?\s*[)）]")  # '(2023年度)' alone under a title
_YEAR_AFTER = re.compile(YEAR_LINE.pattern + "$")  # the same, closing the title's line
YEAR_IN = re.compile(r"20\d\d\s*年")
NAME_LINE = re.compile(BRACKETED_PROJECT_NAME)  # the project's name on its own line under a title
GENERIC_FORM_HEADER = re.compile(r"(?:部门(?:\(单位\))?整体支出|单位整体支出|整体支出|项目支出|部门|单位|项目)?绩效(?:评价)?(?:自评|评价)(?:报告|表)")
TITLE_END_JUNK = re.compile(r"\s*(?:[\[【(（]\s*(?:点击下载|点击查看|下载附件|附件下载|下载)\s*[\]】)）]|"
                            rf"\.{DOC_EXT}(?:VIP)?|"  # ('….PDFVIP': a sharing site's badge)
                            r"\s*(?:文[号號]|索引[号號]|[发發]文字[号號]|[发發]布日期)\s*[:：])\s*$", re.I)
TITLE_START_JUNK = re.compile(r"^[-–—•·●▪]?\s*(?:附件\s*[\d一二三四五六七八九十]*(?:-\d+)?\s*[:：]?|(?:信息|文件|文章)?(?:名\s*称|标\s*题)\s*[:：]?\s*|"
                              r"文档介绍\s*[:：]\s*|手机(?:细览|浏览|版|阅读)\s*|第[一二三四五六七八九十]{1,3}部分\s*[:：]?\s*(?=[^\n:附]{0,40}?(?:自评报告|自评表|评价报告|自评情况报告)$)|[\u4e00-\u9fff]{2,30}(?:网站|门户)欢迎[你您]\s*[!！]\s*|"
                              r"[(（]\s*此件(?:公开发布|主动公开|依申请公开|不予公开|不公开|删减后公开)\s*[)）]\s*|"
                              # a cover's date run into the title of a flattened PDF: '2023年4月英德市司法局2022年度…'
                              r"20\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?=[^\d\s]{2,}?20\d\d\s*年)|"
                              # a CMS's year column run into the headline: '2022年度 丹棱县民政局2021年度…自查报告'
                              r"20\d\d\s*年度\s*(?=[\u4e00-\u9fff]{1,12}?(?:省|市|州|县|区|旗)[^\d\s]{1,30}?20\d\d\s*年))")
# ('第二部分 2022年度部门整体支出绩效自评报告': a report printed as a part of a page keeps its own name;
# '文档介绍:' is a sharing site's caption, '手机细览' a portal's link to its mobile view; '某区人民政府网站欢迎你!' a portal's greeting run into the headline;
# '(此件公开发布)' the disclosure mark a document carries, printed on a line of its own above the title)


SECTION_HEADING = re.compile(
    r"^(?:绩效目标分解下达情况|绩效目标完成情况(?:分析)?|基本情况|部门(?:\(单位\))?(?:基本)?(?:情况|概况)|项目(?:基本)?(?:情况|概况)|"
    r"自评结论|自评情况|存在的?问题(?:及原因)?(?:分析)?|改进(?:措施|意见|建议)|绩效自评结果|资金投入情况(?:分析)?|"
    r"总体绩效目标完成情况(?:分析)?|绩效指标完成情况(?:分析)?|偏离绩效目标的原因和下一步改进措施|其他需要说明的问题|"
    r"整体支出绩效情况|部门整体支出情况|评价结论|主要经验及做法|结果应用情况|(?:项目)?年度(?:总体)?目标完成情况)$"
)


@dataclass
class TitleCandidate:
    start: int  # normalised span of the title lines
    end: int
    text: str  # joined, folded
    score: float


FORM_HEAD_TERMS = re.compile(r"年度总体目标|总体目标(?:完成情况)?|预期目标|实际完成(?:情况|值)|[一二三]级指标|年度指标值|指标值|分值|得分|全年预算数|"
                             r"全年执行数|年初预算数|执行率|偏差原因")
FORM_LABEL_LINE = re.compile(r"^(?:填报(?:日期|单位|人)|评价(?:类型|单位|年度|方式|机构)|单位名称|部门(?:\(单位\))?(?:全称|名称)|"
                             r"主管部门|(?:项目)?实施单位|项目名称|联系(?:人|电话)|财政部门|审核意见|项目(?:承担)?单位|"
                             r"资金使用单位|报告(?:日期|时间))")
FULL_DATE = re.compile(r"20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|20\d\d[-/.]\d{1,2}[-/.]\d{1,2}")


# a document number on its own line ('溆农发〔2024〕12号') above the title: never part of it
DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[(（]20\d\d[〕\])）]\s*第?\d{1,4}号$")


def _title_score(text: str, pos: int, meta_span: tuple[int, int] | None) -> float:
    t = TITLE_START_JUNK.sub("", text.lstrip("•·●▪◆■◇□○ -–"))  # a list bullet is no part of a line
    if DOC_NUMBER_LINE.match(t) or DOC_NUMBER_LINE.match(text):
        return 0.0  # a document number ('溆农发〔2024〕12号') is no title
    if not (6 <= len(t) <= 80) or re.search(r"[。;]$", t) or is_nav_line(t):
        return 0.0
    if re.match(r"^(?:[一二三四五六七八九十]+[,，]?、|\(\s*[一二三四五六七八九十\d]+\s*\)|\d+[、.]|第[一二三四五六七八九十]+[章节条部])", t):
        return 0.0  # a numbered section heading ('一,、基本情况' as a converter left it)
    if re.search(rf"\.{DOC_EXT}(?=[\u4e00-\u9fff\d》])", t, re.I):
        return 0.0  # a row of attachment file names ('…决算公开表.xls部门预算项目支出绩效自评表.xlsx'), no title
    if t.startswith(_STRONG_LABELS) or re.search(r"\.{4,}|…{2,}|·{4,}", t):
        return 0.0  # a metadata line (索引号…), a table-of-contents line
    if FORM_LABEL_LINE.match(t) or FULL_DATE.search(t) or re.search(r"(?:局|厅|委|办)制$", t):
        return 0.0  # a cover form's label line (填报日期…), a dated line, the form's issuer ('承德市财政局制')
    own = bool(re.match(r"(?:本|我)(?:局|单位|部门|院|委|中心|办)(?:20\d\d|\d{2}年)", t)) and bool(TITLE_END.search(t))
    # ('本局2022年度部门整体支出绩效自评报告': a title naming its unit as the unit itself does)
    if (re.search(r"^(?:根据|按照|为了|为|现将|我|本|经|各|请|该|附件:|注:)", t) and not own) or t.count(",") > 1 or re.search(
            r"\d(?:\.\d+)?分$", t):  # '该项目自评得分85分': a statement of the score, no title
        return 0.0
    if re.match(r"\d(?!\d{3}\s*年)", t) and not re.match(r"(?:19|20)\d\d[\u4e00-\u9fff]", t):
        return 0.0  # a table row's scores ('3 2(特性指标70分)项目绩效'), not a year ('2022年度…')
    if LEAD_IN.search(t) or closes_unopened_bracket(t) or (wrapped_prose(t) and not TITLE_END.search(t)):
        return 0.0  # prose: '…现将…自评情况报告如下:', a wrapped line's tail '工作的通知》财预〔2023〕145号…'
    if ":" in t and not re.search(r"自评|报告", t):
        return 0.0
    if len(FORM_HEAD_TERMS.findall(t)) >= 2 or MONEY_UNIT_CELL.search(t):
        return 0.0  # a form's header cells run together ('年度总体目标预期目标实际完成情况', '项目资金(万元)年初预算数…')
    if SECTION_HEADING.match(t):
        return 0.0  # a report's own section heading whose number the page dropped ('绩效目标分解下达情况')
    s = 1.0
    if TITLE_END.search(_YEAR_AFTER.sub("", t)):  # ('…自评报告(2023年度)': its year after it)
        s += 2.0
    if re.search(r"自评|绩效", t):
        s += 2.0
    if re.search(rf"20\d\d|(?:{YEAR_TOKEN})年", t):
        s += 1.0
    if re.search(r"(?:局|委|办|院|所|站|中心|政府|委员会|办公室|馆|队|会|社|处|厅|部|校|街道|镇|乡)", t):
        s += 0.5
    if meta_span and pos > meta_span[1]:
        s += 0.5  # right under the metadata block
    return s


TOC_ENTRY = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
LEAD_IN = re.compile(r"如下|[:,](?:一|二|三|四|五|六|七|八|九|十)+、|[。;]\S")
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|\(\s*[一二三四五六七八九十\d]+\s*\)|\d+[、.．])")


def wrapped_prose(text: str) -> bool:
    """A line of running prose cut by the page width (a PDF or DOCX line): long, with commas, and no
    sentence end. The line after it continues the sentence and cannot start a title."""
    t = text.strip()
    if re.fullmatch(r"!?\[[^\]]*\]\([^)\s]*\)", t):
        return False  # an image's markdown ('![日间,照料,报告](/img/big_111.jpg)'): its alt words are no sentence
    return (len(t) >= 26 and bool(re.search(r"[,，、]", t)) and not re.search(r"[。;；:：!！?？.]$", t)
            and not is_nav_line(t) and not _LABEL_RE.search(t)
            and not re.search(rf"\.{DOC_EXT}$", t, re.I))  # an attachment's file name ('附件2、…报告.docx') ends no sentence


def _longest_cell(text: str) -> str:
    """A `|`-rendered table row's longest cell (a title row of a pipe table is '||标题||(2020年度)||')."""
    if "|" not in text:
        return text
    cells = [c.strip() for c in text.split("|") if c.strip()]
    return max(cells, key=len) if cells else ""


def _issuer_line(lines: list[tuple[int, int, str]], i: int, title: str) -> tuple[int, int, str] | None:
    """The issuing unit's line right above a '关于…' or a year-first title: an official document is headed
    '青川县司法局' / '关于2021年度…的自评报告', which reads as one title (the unit's name is short enough to pass for a menu
    line, so the title scan skipped it)."""
    if i == 0 or not re.match(rf"^(?:关于|(?:{YEAR_TOKEN})年)", title) or _whole_title(title, ""):
        return None  # '新邵县信访局' / '2020年度部门整体支出绩效自评报告' heads the same way (a title naming its own
        # unit, '2022年度合江县人民医院单位整体支出…报告', has none above it: '泸州医学院教学医院' is the site's banner)
    prev = lines[i - 1]
    if LIST_BULLET.match(prev[2]):
        return None  # the last link of a sidebar's bulleted list above the title
    name = fold(prev[2]).strip()
    core = re.sub(r"\([^()]{2,20}\)$", "", name)  # '中共湖南省委党校(湖南行政学院)': a unit with its second name
    if (SITE_NAME.search(name) or not looks_like_unit(core) or re.search(r"网站|门户|首页|位置", name)
            or name.startswith(_STRONG_LABELS)):
        return None  # '发布机构 保山市商务局': the page's metadata, not the document's heading
    return prev


def _wrapped_title(text: str, after: list[tuple[int, int, str]]) -> bool:
    """A short line that is the head of a title a narrow cell wrapped ('项目支出绩' / '效自评表'), not a menu item."""
    if after and _wrapped_unit(text, _longest_cell(after[0][2])):
        return True
    if not after or looks_like_unit(text) or re.match(r"^(?:附表|附件)|.*\d", text) or not re.search(r"[绩效自评]$", text):
        return False  # a unit line or an annex mark above a title is no part of a wrapped word
    joined = text + _longest_cell(after[0][2])
    return bool(re.search(r"自评|绩效", joined) and TITLE_END.search(joined)) and len(joined) <= 40


def _wrapped_unit(text: str, nxt: str) -> bool:
    """A PDF line that broke the unit's name of a title ('溆浦县' / '农业农村局2023年度…自评报告', '溆浦县农业' /
    '农村局…'): a short line opening with a division's name, completed by the next line into a unit and a title."""
    if not (2 <= len(text) <= 12) or not re.fullmatch(r"[\u4e00-\u9fff]+", text):
        return False
    if re.search(r"网站|门户|首页|网$", text):
        return False  # the site's name above the headline
    if looks_like_unit(text) and not (re.fullmatch(r"(?:中共|中国共产党)[\u4e00-\u9fff]{2,8}委|[\u4e00-\u9fff]{2,10}(?:镇|乡)", text)
                                      and not re.match(r"关于|[(（]?20\d\d", nxt)):
        return False  # '溆浦县农业农村局' / '2023年度…': the issuer's line above its title, not a broken name
    # ('中共沂水县委' / '宣传部2023年度…', '仪陇县新政镇' / '人民政府2023年度…': a party committee's or a township's
    # name broken before its last word)
    place = re.sub(r"^(?:中共|中国共产党)", "", text)
    if place and not any(m.start == 0 and m.full for m in find_mentions(place)):
        return False
    joined = text + nxt
    head = re.match(r"^(.{3,30}?)(?:关于|20\d\d|[(（]20\d\d)", joined)
    return bool(head and looks_like_unit(head.group(1)) and re.search(r"自评|绩效", joined) and TITLE_END.search(joined))


def _third_title_line(view: DocView, lines: list[tuple[int, int, str]], k: int, first: tuple[str, str], start: int,
                      meta_span: tuple[int, int] | None) -> tuple[str, float] | None:
    """The title a cover printed on three lines ('某局2023年度' / '部门整体支出' / '绩效自评报告'), line k ending it:
    (joined text, score), or None.  Three clean pieces of one title: no punctuation, bullet, menu word, report noun
    or attachment mark in the first two, neither of them a title alone, one year among the three (a headline over
    the report's own title names it twice)."""
    head, middle = first
    if k >= len(lines) or TITLE_END.search(head) or TITLE_END.search(head + middle) or view.in_pipe_row(lines[k][0]) \
            or view.page_of[lines[k][0]] != view.page_of[start] or re.search(r"[!！:：>»|,，。、;；\-—_〔\[•·●▪◆■]", head + middle) \
            or is_nav_line(head) or re.search(r"报告|自评表|评价表|附件", head + middle):
        return None
    t3 = _longest_cell(lines[k][2])
    if len(head + middle + t3) > 60 or NUMBERED.match(t3) or is_nav_line(t3) or FORM_LABEL_LINE.match(t3) \
            or re.match(r"[•·●▪◆■]", t3) \
            or not TITLE_END.search(t3) or sum(bool(YEAR_IN.search(x)) for x in (head, middle, t3)) > 1 \
            or _whole_title(t3, head + middle):
        return None
    return head + middle + t3, _title_score(head + middle + t3, start, meta_span)


def _narrow_cell_run(text: str, after: list[tuple[int, int, str]]) -> tuple[str, int] | None:
    """A title a narrow table cell wrapped every few characters ('2021' / '年度部' / '门整体' / '支出绩' / '效自评' /
    '情况报' / '告'): the run of short lines joined, when it ends as a title ends and names a self-evaluation.
    (joined text, end offset)."""
    if len(text) > 4:
        return None
    joined, best, widths = text, None, []
    for _s2, e2, t2 in after:
        if len(t2) > 4 or NUMBERED.match(t2):
            break  # the cell ends where a longer line or the first heading ('一、部') starts
        joined += t2
        widths.append(len(t2))
        # the cell's width cuts every line alike ('年度部' / '门整体' / …, its last line shorter); menu items
        # ('首页' / '政务公开' / '专项资金' / '绩效自评' / '报告') differ in length, each a whole word
        if (TITLE_END.search(joined) and re.search(r"自评|绩效", joined) and len(joined) >= 10
                and len(widths) >= 3 and len(set(widths[:-1])) == 1 and not NAV_WORD.search(joined)):
            best = (joined, e2)  # the longest such run: '…绩效自评' goes on to '…自评情况报告'
    return best


# a title at the start of a line the copy ran together with the report's first heading
RUN_TOGETHER_TITLE = re.compile(r"^(?:1、)?([^。;:,，]{6,60}?(?:自评报告|评价报告|自评表|自评情况报告)(?:\(20\d\d年度?\))?)"
                                r"(?=(?:\d{1,3}(?=一、))?一、|\(一\)|第一部分|项目摘要|为(?:了|进一步|确实|切实|全面|认真)|根据《|按照《|(?:评价类型|填报日期|填报单位|项目名称|单位名称|部门名称|"
                                r"主管部门|实施单位|评价方式|报告日期|总分)[:])")
NAV_WORD = re.compile(r"首页|主页|正文|当前位置|政务公开|信息公开|专题专栏|通知公告")
# metadata labels no title holds
META_CELL_WORDS = re.compile(r"索引号|发布机构|发布日期|发布时间|成文日期|发文字号|浏览量|浏览次数|主题分类|组配分类")


def _heads_no_title(lines: list[tuple[int, int, str]], i: int, text: str, meta_span: tuple[int, int] | None) -> bool:
    """Line i reads like a title's start but is none: a cover's date line ('2024年3月' above the title), or the
    attachment a page links above the report's own title ('附件:某局…自评表' over '某局…自评报告')."""
    if DATE_RE.fullmatch(text.strip()):
        return True
    return bool(re.match(r"^附件\s*[\d一二三四五六七八九十]*\s*:\s*\S", text) and i + 1 < len(lines)
                and re.search(r"报告$", lines[i + 1][2]) and _title_score(lines[i + 1][2], lines[i + 1][0], meta_span) > 0)


WELCOME_BANNER = re.compile(r"^(?:您好[,，!！]?)?欢迎(?:您)?(?:访问|来到|光临|进入|登录)")


def find_title(view: DocView, bounds: Bounds, meta: PageMeta | None = None, scan_lines: int = 40) -> TitleCandidate | None:
    """The report title among the first lines of the page: the best-scoring title-like line (joined with
    up to two continuation lines when the layout split it), preferring report words, a year and a unit."""
    norm = view.norm
    head_from = 0
    lines = [ln for ln in norm_lines(norm, head_from, min(len(norm), bounds.start + 4000))
             if not SHARING_CHROME.match(ln[2])][:scan_lines]  # a sharing site's page list is no line to count
    meta_span = meta.span if meta else None
    shared = SHARED_DOC.search(view.flat, 0, 3000)
    caption = fold(shared.group("name")) if shared else None  # a sharing site repeats the file's name as a caption
    best: TitleCandidate | None = None
    for i, (s, e, text) in enumerate(lines):
        is_caption = bool(caption) and re.sub(rf"(?:\.{DOC_EXT})?(?:_第1页)?$", "", text, flags=re.I) == caption
        if meta_span and s < meta_span[1] and e > meta_span[0] and (
                re.search(r"[:|]", text) or _LABEL_RE.search(text)):
            continue  # a line of the metadata block (a title line inside the block's span is kept)
        in_table = view.in_pipe_row(s)
        text = _longest_cell(text)
        if in_table and not re.search(r"绩效|自评|评价|报告", text):
            continue  # a table's cell ('实际完成情况' in a sheet's header row) is a title only naming the evaluation
        if i and len(text) <= 4 and len(lines[i - 1][2]) <= 4 and _narrow_cell_run(lines[i - 1][2], lines[i:i + 13]):
            continue  # inside a narrow cell's run: its first line is the candidate
        narrow = _narrow_cell_run(text, lines[i + 1:i + 14]) if not in_table else None
        if META_CELL_WORDS.search(text) or WELCOME_BANNER.match(text):
            continue  # the cells of a metadata table a layout broke up ('目录 绩效评价 发布日期'), or the site's
            # banner above the title ('欢迎访问某省档案馆网站!'): never a title
        if (is_nav_line(text) and narrow is None and not _wrapped_title(text, lines[i + 1:i + 2])) \
                or re.match(r"^[、,.:;)）]", text) or DOC_NUMBER_LINE.match(text) \
                or re.search(r"(?:局|厅|委|办)制$", text):
            continue  # a menu line, a wrapped sentence's tail, the form's issuer ('承德市财政局制') above the title
        if _heads_no_title(lines, i, text, meta_span):
            continue
        if i and not in_table and wrapped_prose(lines[i - 1][2]):
            continue  # the rest of a sentence the layout wrapped
        if _listed_attachment(lines, i, text):
            continue
        joined, end = text, e
        # (a long line, or a line the layout wrapped: '迎春镇学校2017年度专项资金绩效自评报告为确实做好2017年度专' / '项…')
        run_on = len(text) > 60 or (e < len(norm) and soft_wrap(norm, e))
        head = RUN_TOGETHER_TITLE.match(text) if run_on and not in_table else None
        if head is not None:  # '某校2022年项目支出绩效自评报告一、部门基本情况1.部门概况…': a copy run together
            # (a sharing site's first preview chunk '1、' before it is no section number)
            joined, s, end = head.group(1), s + head.start(1), s + head.end(1)
        if narrow is not None:  # '2021' / '年度部' / '门整体' / … / '告': a title a narrow cell wrapped line by line
            joined, end = narrow
        score = _title_score(joined, s, meta_span)
        # a title split over lines: '湘阴县2021年度部门(单位)整体支出' + '绩效评价自评报告' (never cells of
        # two table rows: '增强政府工作效率…' + '年度绩效指标')
        for j, (s2, e2, t2) in enumerate([] if in_table or is_caption else lines[i + 1:i + 3]):
            if view.in_pipe_row(s2) or view.page_of[s2] != view.page_of[s]:
                break  # (a title never runs on onto the next page: its evidence is one page's text)
            t2 = _longest_cell(t2)
            # '…自评报' + '告'; '…绩效自评' + '报告' (the line's end already reads as a title's end)
            tail = bool(REPORT_NOUN_TAIL.fullmatch(t2)) and bool(TITLE_END.search(joined)) and len(joined) >= 10
            # '…教育局2021年度部门预算' + '绩效自评报告': what was evaluated, then the report's name
            tail = tail or (bool(EVAL_REPORT_LINE.fullmatch(t2)) and bool(re.search(r"(?:预算|决算|支出|资金|项目|经费)$", joined))
                            and len(joined) >= 8)
            if joined.count("(") > joined.count(")") and BRACKET_TAIL.fullmatch(t2) and _HINT_REPORT.search(joined):
                joined, end = joined + t2, e2
                break
            if ((YEAR_LINE.fullmatch(t2) and not YEAR_IN.search(joined)) or NAME_LINE.fullmatch(t2)) \
                    and re.search(r"报告$", joined) and not GENERIC_FORM_HEADER.fullmatch(TITLE_START_JUNK.sub("", joined)):
                # '某局…自评报告' + '(2023年度)' or '(某某经费项目)': the year or the project's name printed under a
                # report's title (a form's header '州级预算部门整体支出绩效自评表' keeps it as the form's 年度 line)
                joined, end = joined + t2, e2
                break
            if DATE_RE.fullmatch(t2.strip()) or (len(joined) >= 4 and t2.startswith(joined)) or _whole_title(t2, joined):
                break  # a cover's date ('2024年3月') or a title repeating the unit line above it is no continuation
            completes = bool(TITLE_END.search(joined + t2)) and (not TITLE_END.search(joined) or tail)
            if (len(t2) > 40 or not re.search(r"[\u4e00-\u9fff]", t2) or NUMBERED.match(t2)
                    or re.search(r"[。;:]$", joined) or FORM_LABEL_LINE.match(t2) or DOC_NUMBER_LINE.match(t2)):
                break
            cand = joined + t2
            sc = _title_score(cand, s, meta_span) if not (is_nav_line(t2) and not completes) else float("-inf")
            if (sc > score or tail and sc >= score) and (not TITLE_END.search(TITLE_START_JUNK.sub("", joined)) or tail):
                joined, end, score = cand, e2, sc
                continue
            third = _third_title_line(view, lines, i + 2, (joined, t2), s, meta_span) if j == 0 else None
            if third is not None and third[1] > score:  # a cover's title on three lines: '某局2023年度' / '部门整体支出' /
                (joined, score), end = third, lines[i + 2][1]  # '绩效自评报告' (the middle line, a menu word alone, adds
            break  # nothing by itself)
        if score <= 0:
            continue
        score -= 0.05 * i + (1.0 if is_caption else 0.0)  # earlier lines win ties; the document's own heading wins
        # over the file name the sharing site captions it with
        if best is None or score > best.score + 1e-9:
            issuer = _issuer_line(lines, i, joined)
            if issuer is not None:  # '青川县司法局' / '关于…的自评报告': one title, as the document heads it
                s, joined = issuer[0], fold(issuer[2]) + joined
            ts, te = s, end
            if joined.startswith("《") and joined.endswith("》") and joined.count("《") == 1:
                joined, ts, te = joined[1:-1], s + 1, end - 1  # a title printed in book-title marks: '《某局…自评报告》'
            best = TitleCandidate(ts, te, TITLE_START_JUNK.sub("", joined), score)
    if best is None or best.score < 2.5:
        return None
    return best


# words no government title holds: what a hijacked mirror site splices into a copied page's headline
# ('中文字幕无码…_亚洲午夜免费小视频2022年度…', '乐山市民政局365体育网址,皇冠足球体育2024年度…')
_SPAM_STRONG = r"无码|人妻|午夜|在线观看|国产精品|中文字幕|体育网址|皇冠(?:足球|体育|网址)|博彩|百家乐|开户|娱乐平台|bet365|365bet|视频一区"
_SPAM_WEAK = r"(?!(?:19|20)\d\d)[0-9A-Za-z]{2,}|体育|足球|网址|官网|平台|视频|免费|精品|专区|亚洲|欧美|日韩|欧洲|久久|[在观]看|高清|小"
SPAM_WORDS = re.compile(_SPAM_STRONG, re.I)
_SPAM_TOKEN = re.compile(rf"(?P<strong>{_SPAM_STRONG})|{_SPAM_WEAK}", re.I)
_SPAM_SEP = re.compile(r"[\s_,，|｜、/-]*")
_SPAM_LEAD = re.compile(r"^[^\n]*[_|｜][^_|｜\n]*(?:视频|观看|在线看|专区|精品|字幕)")


def strip_spam(title: str) -> str:
    """The title without the words a hijacked mirror spliced into it: a leading run of '_'-joined spam phrases
    and any run around a word no government title holds."""
    t = title
    if SPAM_WORDS.search(t):
        lead = _SPAM_LEAD.match(t)
        if lead and _HINT_REPORT.search(t[lead.end():]):
            t = t[lead.end():]
        t = _without_spam_runs(t)
    return t if len(t) >= 6 and _HINT_REPORT.search(t) else title


def _without_spam_runs(t: str) -> str:
    """`t` less each run of spam words joined by separators that holds a word no government title holds (with
    the separators after it). Read token by token: one regex of repeated alternatives backtracked
    exponentially on a long run of letters and digits."""
    runs: list[list] = []  # [start, end, strong]
    for m in _SPAM_TOKEN.finditer(t):
        if runs and _SPAM_SEP.fullmatch(t, runs[-1][1], m.start()):
            runs[-1][1] = m.end()
            runs[-1][2] = runs[-1][2] or m.group("strong") is not None
        else:
            runs.append([m.start(), m.end(), m.group("strong") is not None])
    out, pos = [], 0
    for start, end, strong in runs:
        if strong:
            out.append(t[pos:start])
            pos = _SPAM_SEP.match(t, end).end()  # type: ignore[union-attr]
    return "".join(out) + t[pos:]


# --- everything the later stages need -------------------------------------------------------------------

_HINT_SPLIT = re.compile(r"\s*_\s*|\s+[-－—|｜]+\s+|(?<=[\u4e00-\u9fff)）])[-－|｜](?=[\u4e00-\u9fff])|\s*[>＞»]\s*|"
                         # '…自评报告 沛县人民政府': the site's name after a plain space
                         r"(?<=[报告表况果])\s+(?=[\u4e00-\u9fff]{2,20}(?:人民政府|政府|门户网站|网站|政府网|政务网)$)")


def clean_title_hint(hint: str | None) -> str | None:
    """The article part of a page <title>: '江门市审计局2023年度…自评报告_江门市人民政府门户网站' -> the report title
    (the first segment of at least 4 characters; portal, column and site names follow it)."""
    if not hint or not hint.strip():
        return None
    segs = [_HINT_ATTACH.sub("", x.strip()) for x in _HINT_SPLIT.split(hint) if x and x.strip()]
    segs = [x for x in segs if len(fold(x)) >= 4]
    # a site that prints '站名-栏目-标题' puts the article last: the segment naming a report wins over the site's name
    named = [x for x in segs if _HINT_REPORT.search(x)]
    if named:
        return max(named, key=len)
    return segs[0] if segs else hint.strip()


_HINT_ATTACH = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]\s*")
_HINT_REPORT = re.compile(r"自评|绩效|评价|报告|(?:情况|自评|评价|目标)表")


def _find_title_line(view: DocView, title: str) -> Found | None:
    """The title as a heading in the text: it starts a line (it may wrap onto the next lines)."""
    key = fold(title)
    if len(key) < 6:
        return None
    norm = view.norm
    idx = [i for i, ch in enumerate(norm) if ch != "\n"]
    flat = "".join(norm[i] for i in idx)
    k = flat.find(key)
    while k >= 0:
        s0 = idx[k]
        if s0 == 0 or norm[s0 - 1] == "\n":
            e0 = idx[k + len(key) - 1] + 1
            if e0 >= len(norm) or norm[e0] == "\n":
                return Found(fix_glyphs(title), view.evidence(s0, e0))
        k = flat.find(key, k + 1)
    return None


FORM_RUNON = re.compile(r"(?<=[表告况])\s*(?:[(（][^()（）]{0,14}[)）]\s*)?(?=项目名称|主管部门|填报单位|单位名称|实施单位|预算单位|"
                        r"部门名称|项目单位|预算部门|[(（]实施单位用[)）])")


def _raw_prefix_len(raw: str, value: str) -> int:
    """Length of the shortest prefix of `raw` that holds `value`'s characters (spaces aside); 0 if none does."""
    want = re.sub(r"\s+", "", value)
    got = 0
    for i, ch in enumerate(raw):
        if ch.isspace():
            continue
        if got < len(want) and fix_glyphs(ch) == want[got]:
            got += 1
            if got == len(want):
                return i + 1
        else:
            return 0
    return 0


def _title_found(view: DocView, cand: TitleCandidate) -> Found:
    """Value and evidence of a title candidate: the raw lines joined (whitespace and `|` cells dropped)."""
    ev = view.evidence(cand.start, cand.end)
    raw = ev.snippet
    if "|" in raw:
        cells = [c for c in raw.split("|") if c.strip()]
        cell = max(cells, key=lambda c: len(c.strip())) if cells else raw
        k = raw.find(cell)
        lead = len(cell) - len(cell.lstrip())
        cell = cell.strip()
        ev = Evidence(ev.page, ev.start + k + lead, ev.start + k + lead + len(cell), cell)
        raw = cell
    value = TITLE_START_JUNK.sub("", fix_glyphs(raw))
    if value != fix_glyphs(raw):  # evidence without the dropped '附件N:' prefix
        cut = len(raw) - len(raw.lstrip())
        lead = to_simplified(raw[cut:cut + 40])
        m = TITLE_START_JUNK.match(lead) if len(lead) == len(raw[cut:cut + 40]) else None
        if m:
            ev = Evidence(ev.page, ev.start + cut + m.end(), ev.end, raw[cut + m.end():])
    runon = FORM_RUNON.search(value)
    if runon and runon.start() >= 6:  # a PDF line running on into the form: '…自评表 (2020 年度) 项目名称 建档立卡…'
        value = value[:runon.start()].rstrip()
        k = _raw_prefix_len(ev.snippet, value)
        if k:
            ev = Evidence(ev.page, ev.start, ev.start + k, ev.snippet[:k])
    value = strip_spam(value)
    cut = _second_copy(value)
    if cut:  # '某局2021年度项目绩效自评报告(某经费)2021年度项目绩效自评报告(某经费)': a page's two headings run together
        k = _raw_prefix_len(ev.snippet, value[:cut])
        value = value[cut:]
        if k:
            k += len(ev.snippet[k:]) - len(ev.snippet[k:].lstrip())
            ev = Evidence(ev.page, ev.start + k, ev.end, ev.snippet[k:])
    tail = TITLE_END_JUNK.search(value)
    if tail and tail.start() >= 6:  # '…自评表[点击下载]', '…自评报告.pdf': a link's decoration, not the title
        value = value[:tail.start()]
        k = ev.snippet.rfind(TITLE_END_JUNK.search(ev.snippet).group(0)) if TITLE_END_JUNK.search(ev.snippet) else -1
        if k > 0:
            ev = Evidence(ev.page, ev.start, ev.start + k, ev.snippet[:k])
    return Found(value, ev)


_COPY_END = re.compile(r"(?:报告|自评表|评价表|情况表)(?P<note>[(（][^()（）]{1,30}[)）])?")
_COPY_LEAD = re.compile(r"[(（][^()（）]{1,30}[)）]|[^\n]*[-_|｜]")


def _second_copy(value: str) -> int:
    """Where the second of two copies of a title starts (0: one title). A page whose headline and heading both
    print the title gives it twice, the first perhaps with the unit before it or the site's name after it
    ('…自评报告云南省某厅-某站…自评报告'); the copies end alike (eight characters at least), and the second, less a
    bracketed note or a site name joined to it by a dash, is the title."""
    for m in _COPY_END.finditer(value):
        for e in (m.end(), m.start("note")) if m.group("note") else (m.end(),):
            if e >= len(value) - 8:
                return 0
            n = 0
            while n < e and value[e - 1 - n] == value[-1 - n]:
                n += 1
            if n >= 8:
                again = value.rfind(value[:e], e)
                if again > 0:  # the first copy once more, whatever stands between
                    return again
                lead = _COPY_LEAD.match(value, e)
                rest = value[lead.end():] if lead else value[e:]
                return len(value) - len(rest) if len(rest) >= 8 else 0
    return 0


@dataclass
class Segments:
    """A document cut into what the classifier and the field readers look at."""

    meta: PageMeta
    bounds: Bounds
    title: Found | None
    title_text: str  # folded title for classification ('' when none)
    head: str  # folded opening of the article (classification)
    body: str  # folded article


def segment(view: DocView, context: dict | None = None) -> Segments:
    """Metadata block, article bounds and title of a document."""
    context = context or {}
    meta = read_page_meta(view)
    bounds = content_bounds(view, meta)
    title = _pick_title(view, bounds, meta)
    if title is not None:
        ttext = fold(title.value)
    else:
        hint = clean_title_hint(view.doc.title_hint) or context.get("title") or ""
        ttext = fold(hint)
    body = view.norm[bounds.start:bounds.end]
    if meta.span and bounds.start <= meta.span[0] < bounds.start + 400:
        # the metadata block sits in the article's first lines: classify on what follows it
        head = view.norm[max(meta.span[1], bounds.start):bounds.end]
    else:
        head = body
    return Segments(meta, bounds, title, ttext, head[:HEAD_CHARS], body)


HEAD_CHARS = 1500


# page 1 starts right after the blurb ('…请在taowenge.com淘文阁网|…上搜索。'; the site's name may hold '|')
PAGE_ONE = re.compile(r"(?:[\s\S]{0,400}?上搜索。|[^\n]*\n)\s*1、")


def shared_doc_title(view: DocView) -> Found | None:
    """A sharing site's copy ('《X.docx》由会员分享…' then the document run together as '1、X项目名称:…2、…'): the
    title is the start of page 1 that spells the file's name. Up to one character in twelve may differ (the
    uploader's name says 2022 where the form says 2023; OCR gives 宝延 for 宝坻): the form's own spelling is
    kept. When page 1 does not open with the name, page 1's own title up to its first report noun, unless it
    is a notice about reports; None when page 1 does not follow the blurb."""
    flat = view.flat  # a PDF wraps the blurb and page 1's run-on line
    m = SHARED_DOC.search(flat, 0, 3000)
    if m is None:
        return None
    name = fold(m.group("name"))
    page = PAGE_ONE.match(flat, m.end())
    if page is None:
        return None
    s, e = page.end(), page.end() + len(name)
    got = flat[s:e]
    if (len(got) == len(name) and "\n" not in got and TITLE_END.search(got)
            and sum(a != b for a, b in zip(got, name, strict=True)) <= len(name) // 12):
        return Found(fix_glyphs(got), view.fev(s, e))
    # page 1 opens with a title other than the uploader's file name ('新垛一事一议…评价报告' uploaded, the form
    # titled '兴化市新垛镇2013年一事一议财政奖补项目绩效评价自评报告'): its first report noun ends it
    head = PAGE_ONE_TITLE.match(flat, s)
    if head is None or not re.search(r"绩效|自评", head.group(0)) or _title_score(head.group(0), 0, None) < 4:
        return None
    if re.match(r"关于(?:做好|开展|印发|报送|组织)", head.group(0)) or re.match(r"(?:的)?(?:编制|编写|撰写|工作|通知|模板|格式)",
                                                                          flat[head.end():head.end() + 6]):
        return None  # '关于做好2022年度…自评报告编制工作的通知': a notice about reports, not one
    return Found(fix_glyphs(head.group(0)), view.fev(head.start(), head.end()))


def _continues_prose(view: DocView, found: Found) -> bool:
    """A title-like line that goes on with the sentence the line above it began ('…等文件精神,广西壮' / '族自治区对2023年度
    …进行了绩效自评,现将自评情况'): the middle of wrapped prose, no title."""
    k = norm_start(view, found.evidence)
    if not k:
        return False
    prev_end = view.norm.rfind("\n", 0, k)
    if prev_end < 0:
        return False
    prev = view.norm[view.norm.rfind("\n", 0, prev_end) + 1:prev_end]
    return wrapped_prose(prev) and not TITLE_END.search(prev.strip())


def read_page_title(view: DocView, page: int = 0, first_line: int = 0) -> Found | None:
    """`read_title`, unless the lines it read go on with wrapped prose."""
    found = read_title(view, page, first_line)
    return None if found is None or _continues_prose(view, found) else found


# a form's title inside a run of text (a document site's copy: '…False False 附件: 项目支出绩效自评表 (2022年度) 项目名称
# …'), known by the year line or the first label cell right after it
_FORM_TITLE_IN_STREAM = re.compile(
    r"(?:附件\s*\d*\s*[:]?\s*)?(?P<t>[\u4e00-\u9fff]{0,24}?(?:部门整体支出|单位整体支出|整体支出|项目支出|部门预算项目支出|转移支付区域|区域)"
    r"绩效(?:自评|评价自评|目标自评|自评价)表)(?=\s*[(（]\s*20\d\d\s*年度?\s*[)）]|\s*(?:项目名称|部门(?:\(单位\))?名称|年度[:]))")


def _form_title_in_stream(view: DocView, reach: int = 1500) -> Found | None:
    """The title of a form whose text came as one stream of words, when no line of the page is a title."""
    flat = view.flat
    m = _FORM_TITLE_IN_STREAM.search(flat, 0, min(len(flat), reach))
    # (never an entry of a 决算's contents: '目录 … 十四、部门预算项目支出绩效自评表(2023年度)')
    if m is None or re.search(r"目\s*录", flat[:m.start()]) or re.search(r"[一二三四五六七八九十]{1,3}、\s*$", flat[:m.start("t")]):
        return None
    ev = view.fev(m.start("t"), m.end("t"))
    return Found(fix_glyphs(ev.snippet), ev)


_FILE_NAME = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar)\s*$", re.I)
RELATED_LINKS = re.compile(r"^(?:相关链接|相关文章|相关阅读|相关新闻|推荐阅读|延伸阅读|相关信息|相关文档(?:推荐)?|相关推荐|猜你喜欢|"
                           r"热门文档|相似文档)\s*[:]?|^(?:热点|热门|最新)(?:推荐|文章|新闻|信息|关注|发布|动态)\s*:\s*$")
DOWNLOADS = re.compile(r"(?:附件下载|下载附件|相关附件|附件)\s*[:]?\s*$")


# (the year first: a line starting with the rest of a unit a PDF line broke, '农村局2023年度…', continues the one above)
_UNIT_IN_TITLE = re.compile(r"^20\d\d\s*年度?[\u4e00-\u9fff()]{2,30}?(?:局|委员会|委|院|办公室|中心|政府|办事处|学校|中学|小学|"
                            r"医院|卫生院|馆|所|站|队|会)(?:本级)?(?:部门|单位)?(?:整体|项目)")


def _whole_title(line: str, above: str) -> bool:
    """The line is a whole title of its own, naming its unit ('2022年度合江县人民医院单位整体支出绩效自评报告'), under
    a line that is no part of it (a site's banner '泸州医学院教学医院'); a title's second line names no unit of its own
    ('某局' / '2022年度部门整体支出绩效自评报告')."""
    if not TITLE_END.search(line) or TITLE_END.search(above):
        return False
    if _UNIT_IN_TITLE.match(line):
        return True
    # (the unit first: '自贡市妇幼保健院2023年度整体支出绩效自评报告' under the hospital's other plate '四川省孕产妇危急重症
    # 救治中心', a unit's name itself; never '人民政府2023年度…' finishing the name a PDF line broke: '仪陇县新政镇')
    first = re.match(r"([\u4e00-\u9fff]{1,8}?(?:省|市|州|县|区|旗|盟)[\u4e00-\u9fff()]{2,24}?)20\d\d\s*年", line)
    return first is not None and looks_like_unit(first.group(1)) and looks_like_unit(above)


def _listed_attachment(lines: list[tuple[int, int, str]], i: int, text: str) -> bool:
    """Line i lists an attachment or a link, not the page's title: '第四部分 名词解释' / '附件:2024年度项目支出绩效自评表'
    or any 附件 line under '目录' (a table of contents), a file of the page's download list ('附件下载:' / '…决算公开表
    .xls' / '…自评报告.pdf'), or a link under '相关链接:'."""
    if RELATED_LINKS.match(text):
        return True
    if in_bullet_list([ln[2] for ln in lines], i, text):
        return True  # one link of a bulleted list (a sidebar's '· 城乡居民基本医疗保险参保缴费指南'), the page's title none
    if not i:
        return False
    prev = lines[i - 1][2]
    under_contents = any(re.fullmatch(r"目\s*录", ln[2]) for ln in lines[:i])
    if re.match(r"^附件", text) and (TOC_ENTRY.match(prev) or re.match(r"^附件", prev) or under_contents):
        return True
    if under_contents and re.match(r"^[一二三四五六七八九十]{1,3}、", text):
        return True  # '目录' / … / '十四、部门预算项目支出绩效自评表(2023年度)': an entry of the contents, a part's name
    heads = [k for k in range(max(0, i - 4), i) if RELATED_LINKS.match(lines[k][2])]
    if heads and (LIST_BULLET.match(text) or not any(LIST_BULLET.match(ln[2]) for ln in lines[heads[-1] + 1:i])):
        return True  # '相关链接:' / '某局2023年度部门决算', a sharing site's '相关文档推荐:…范本 | …填写说明': links to
        # other pages, their titles none of this one's
    return bool(_FILE_NAME.search(text) and (_FILE_NAME.search(prev) or DOWNLOADS.search(prev)))


def _pick_title(view: DocView, bounds: Bounds, meta: PageMeta) -> Found | None:
    """An HTML page's <title> where it heads a line of the text; else the best title line of the head; else
    the first-page title reader (documents: title lines joined, 附件N: dropped); else the hint metadata."""
    shared = shared_doc_title(view)
    if shared is not None:
        return shared
    hint = clean_title_hint(view.doc.title_hint)
    cand = find_title(view, bounds, meta)
    if hint and view.doc.format == "html":
        found = _find_title_line(view, hint)
        # the page's <title> where it heads a line, unless a line of the head names the report better
        # (a generic headline '绩效情况公开' above '溆浦县乡村振兴局2023年度…自评报告')
        if found is not None and (cand is None or _title_score(fold(found.value), 0, None) >= cand.score - 0.5):
            return found
    if cand is not None:
        return _title_found(view, cand)
    for p in range(min(2, len(view.doc.pages))):
        first = read_page_title(view, p)
        if first is not None:
            return first
    run_on = _form_title_in_stream(view)
    if run_on is not None:
        return run_on
    if hint and re.search(r"自评|绩效|报告|评价", hint):
        key = fold(hint)
        k = view.flat.find(key)
        if k >= 0:
            return Found(fix_glyphs(hint), view.fev(k, k + len(key)))
        return Found(fix_glyphs(hint), Evidence(1, 0, 0, "", note="context: document title metadata"))
    return None
