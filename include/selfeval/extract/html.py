"""Saved portal pages (HTML) and plain text files.

Bytes are decoded by `selfeval.textdecode` (the crawler's decoder too). Only the article body is kept: known
CMS containers first, else the block with the most paragraph text; navigation, footers
and scripts never reach the page text. Tables become TAB-separated lines and `tables`.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from selfeval.textdecode import declared_charset, decode_bytes
from selfeval.textnorm import clean_extracted_text

from ..model import ExtractedDocument, Page, Table
from .base import lib_version
from .tables import grid_from_cells

CONTAINERS = (
    "div.article-content", ".TRS_UEDITOR", ".TRS_Editor", "#UCAP-CONTENT", "#zoom", ".pages_content",
    ".Custom_UnionStyle", "#ivs_content", ".view_content", "#content", ".article_con", ".content", "article",
)
DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "nav", "footer", "header", "select",
    "button", "input", "textarea", "svg", "object", "embed", "map", "canvas", "head", "title",
)
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "table", "tr", "tbody",
    "thead", "tfoot", "caption", "body", "html", "aside", "details", "summary", "fieldset", "o:p",
}
_WS = re.compile(r"[ \t\r\n\f\v]+")
_CONTENTISH = re.compile(r"content|article|zoom|detail|text|news_con|con_con|wzcon|main-txt", re.I)
_CHROME = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|topbar|sidebar|share|toolbar|friend-?link|links?$", re.I)
PUBDATE_NAMES = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "published_time", "dc.date")
MAX_LINKS = 300


# --------------------------------------------------------------------------- metadata


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """<meta name|property|http-equiv = content> as a lower-cased-key dict (first wins)."""
    out: dict[str, str] = {}
    for m in soup.find_all("meta"):
        key = m.get("name") or m.get("property") or m.get("http-equiv") or m.get("itemprop")
        val = m.get("content")
        if isinstance(key, str) and isinstance(val, str):
            out.setdefault(key.strip().lower(), val.strip())
    return out


def _title(soup: BeautifulSoup, metas: dict[str, str]) -> str | None:
    """ArticleTitle meta, then og:title, then <title>."""
    for key in ("articletitle", "og:title", "title"):
        if metas.get(key):
            return clean_extracted_text(metas[key]).strip()
    if soup.title and soup.title.get_text(strip=True):
        return clean_extracted_text(_WS.sub(" ", soup.title.get_text())).strip()
    return None


def _links(soup: BeautifulSoup, base: str | None) -> list[dict[str, str]]:
    """Anchor texts and hrefs (list pages link to the reports the crawler wants)."""
    out = []
    for a in soup.find_all("a", href=True):
        text = _WS.sub(" ", a.get_text(" ", strip=True)).strip()
        href = a["href"].strip()
        if len(text) >= 4 and not href.lower().startswith(("javascript:", "#", "mailto:")):
            out.append({"text": clean_extracted_text(text), "href": urljoin(base, href) if base else href})
            if len(out) >= MAX_LINKS:
                break
    return out


# --------------------------------------------------------------------------- body


def _text_len(el: Tag) -> int:
    return len(_WS.sub("", el.get_text()))


def _link_len(el: Tag) -> int:
    return sum(len(_WS.sub("", a.get_text())) for a in el.find_all("a"))


def _content_score(el: Tag) -> tuple[int, float]:
    """(non-link text length, link density) of an element."""
    total = _text_len(el)
    links = _link_len(el)
    return total - links, (links / total if total else 1.0)


def _best(cands: list[Tag], min_text: int, max_density: float) -> Tag | None:
    """The candidate with the most non-link text, if it has enough and is not a link list."""
    best, best_len = None, min_text - 1
    for el in cands:
        length, density = _content_score(el)
        if density <= max_density and length > best_len:
            best, best_len = el, length
    return best


def _data_table_text(tbl: Tag | None, seen: dict[int, int]) -> int:
    """The text length of a table with at least two rows of two filled cells (a form, or a page-layout grid
    of nav | content), 0 for any other table: one minor cell of it is never the article (a 自评表 pasted as
    the page body has a long 目标 cell). Cached per table: every cell of a big table asks."""
    if tbl is None:
        return 0
    key = id(tbl)
    if key not in seen:
        rows = 0
        for tr in tbl.find_all("tr"):
            filled = sum(1 for c in tr.find_all(["td", "th"], recursive=False) if _WS.sub("", c.get_text()))
            rows += filled >= 2
            if rows >= 2:
                break
        seen[key] = _text_len(tbl) if rows >= 2 else 0
    return seen[key]


def _densest(body: Tag) -> Tag | None:
    """The element whose direct paragraph-like children carry the most non-link text."""
    best, best_score = None, 0
    tables: dict[int, int] = {}
    for el in [body, *body.find_all(["div", "td", "section", "article", "main", "span", "font"])]:
        if el.name == "td" and 2 * _text_len(el) < _data_table_text(el.find_parent("table"), tables):
            continue  # one cell among many of a data table (a layout table's content cell holds most text)
        score = 0
        for ch in el.children:
            if isinstance(ch, NavigableString) and not isinstance(ch, Comment):
                score += len(_WS.sub("", str(ch)))
            elif isinstance(ch, Tag) and ch.name in ("p", "br", "span", "font", "strong", "b", "h1", "h2", "h3", "table"):
                score += max(0, _text_len(ch) - 2 * _link_len(ch))
        if score > best_score:
            best, best_score = el, score
    return best if best_score >= 200 else None


def _drop_chrome(body: Tag) -> None:
    """Remove navigation-like blocks (menus, breadcrumbs, footers) before a whole-body fallback."""
    for el in body.find_all(True, attrs={"class": _CHROME}) + body.find_all(True, attrs={"id": _CHROME}):
        if el.parent is not None:
            el.decompose()


def find_body(soup: BeautifulSoup) -> tuple[Tag, str]:
    """Article container and how it was found: a CMS selector, 'generic', 'densest' or 'body'."""
    for sel in CONTAINERS:
        try:
            found = soup.select(sel)
        except Exception:  # noqa: BLE001 - soupsieve rejects odd selectors on odd trees
            continue
        el = _best(found, 60, 0.5)
        if el is not None:
            blocks = found if sel in SPLIT_EDITORS else _siblings(found, el)
            return _joined_blocks(soup, blocks) or el, sel
    generic = soup.find_all(True, attrs={"class": _CONTENTISH}) + soup.find_all(True, attrs={"id": _CONTENTISH})
    el = _best(generic, 100, 0.4)
    if el is not None:
        return _joined_blocks(soup, _siblings(generic, el)) or el, "generic"
    body = soup.body or soup
    el = _densest(body)
    if el is not None:
        return el, "densest"
    _drop_chrome(body)
    return body, "body"


def _dropped(tag: Tag) -> bool:
    """A DROP_TAGS element is no content, except an HTML5 <article>'s own <header> (its headline and date, not the
    site's)."""
    return not (tag.name == "header" and tag.find_parent("article") is not None)


# a TRS page may hold its article in several editor blocks (the prose, then the form and the conclusion)
SPLIT_EDITORS = (".TRS_UEDITOR", ".TRS_Editor")


def _siblings(found: list[Tag], best: Tag) -> list[Tag]:
    """The matches beside the best one under the same parent, not link lists: an article a template split into
    several content blocks (the prose, then the conclusion: `<div class="content">` twice), never a sidebar's."""
    return [el for el in found if el.parent is best.parent and _content_score(el)[1] <= 0.5]


def _joined_blocks(soup: BeautifulSoup, found: list[Tag]) -> Tag | None:
    """The article's editor blocks in page order as one container, when there are several with text of their own
    (none inside another); None for one block."""
    blocks = [el for el in found if _content_score(el)[0] >= 20 and not any(o is not el and el in o.descendants
                                                                             for o in found)]
    if len(blocks) < 2:
        return None
    wrap = soup.new_tag("div")
    blocks[0].insert_before(wrap)  # in the page where the first block stood: what precedes the article stays before it
    for el in blocks:
        wrap.append(el.extract())
    return wrap


_META_LABEL = re.compile(r"索引号|发布机构|发文机关|发布日期|发布时间|成文日期|文号|信息来源|来源[:：]|公开日期|发文日期|主题分类")


def _metadata_blocks(soup: BeautifulSoup, body: Tag) -> list[str]:
    """The page's metadata block(s) outside the article container (a TRS page's 索引号 | 发布机构 | 发布日期 table
    above '.TRS_Editor'), as text lines put before the article: the smallest elements naming two labels or more,
    so 发布机构 and 发布日期 reach the understanding as a portal's page shows them."""
    # the article's own elements and the elements around it (which hold it) are never the block
    skip = {id(t) for t in body.find_all(True)} | {id(body)} | {id(t) for t in body.parents}
    out: list[str] = []
    for el in soup.find_all(["table", "div", "ul", "p", "span", "dl"]):
        if id(el) in skip:
            continue
        text = el.get_text(" ", strip=True)
        if len(text) > 600 or len(set(_META_LABEL.findall(text))) < 2:
            continue
        if any(len(set(_META_LABEL.findall(c.get_text(" ", strip=True)))) >= 2
               for c in el.find_all(["table", "div", "ul", "p", "span", "dl"])):
            continue  # a smaller element holds the block
        r = _Renderer()
        r.walk(el)
        r.newline()
        out += r.lines
    return out[:40]


# the article's info line, one label or none (`<span>发布时间：2024-06-18</span>`, `来源：某局　2024-06-18`,
# `[ 2024-06-18 ]`, an old ASP page's `作者：admin　来源：…　发布时间：2024-6-18　点击数：356`)
_INFO_DATE = re.compile(r"(?:20\d\d[-/.年]\d{1,2}[-/.月]\d{1,2})")
_INFO_LABEL = re.compile(r"(?:发布|公开|发表|更新|信息|發佈|發布|公開|發表|資訊)?(?:日期|时间|時間)\s*[:：]|"
                         r"(?:发布|發佈|發布)\s*[:：]|(?:来源|來源)\s*[:：]|^\W{0,3}20\d\d")
# an element a CMS or WeChat names for the posting time (`<em id="publish_time">`, `class="pubdate"`)
_PUBTIME_NAME = re.compile(r"publish_?time|publish-?date|pub_?date|pub-?time|pubtime|post-?date|fbsj|fbrq|fbtime",
                           re.I)
_INFO_TAGS = ["div", "p", "span", "td", "em", "li", "dd", "small", "font", "h5", "h6"]


class _ArticlePlace:
    """Where the article container sits in the page: document order (what comes before it) and the element two
    levels up that holds it and its headline and info line. Built once per page for the head-line readers."""

    def __init__(self, soup: BeautifulSoup, body: Tag) -> None:
        self.order = {id(t): k for k, t in enumerate(soup.find_all(True))}
        self.start = self.order.get(id(body), len(self.order))
        parent = body.parent
        self.near = parent.parent if parent is not None and parent.parent is not None else parent

    def before(self, el: Tag) -> bool:
        return self.order.get(id(el), self.start) < self.start


def _named(el: Tag, pattern: re.Pattern[str]) -> bool:
    """The element's id or class says what it holds (`em#publish_time`, `h1.article-title`)."""
    return any(pattern.search(v) for v in (el.get("id") or "", " ".join(el.get("class") or [])))


def _info_lines(soup: BeautifulSoup, place: _ArticlePlace) -> list[str]:
    """The posting date printed before the article container with a single label or none (the info line under
    the headline), which `_metadata_blocks` leaves (it wants two labels): the smallest short element before the
    article naming a date label and a date, or named for the posting time. Later elements (related-article lists
    with their own dates) never count, and neither do links."""
    found: list[Tag] = []
    for el in soup.find_all(_INFO_TAGS):
        if not place.before(el) or el.find_parent(["a", "li"]) is not None:
            continue  # after the article, a link, or an item of a list (a sidebar's dated links)
        text = el.get_text(" ", strip=True)
        if not text or len(text) > 200 or not _INFO_DATE.search(text):
            continue
        named = _named(el, _PUBTIME_NAME)
        label = _INFO_LABEL.search(text)
        if not (named or label):
            continue
        if not named and label.group(0).lstrip()[:1].isdigit() and (place.near is None or place.near not in el.parents):
            continue  # a bare date ('[ 2024-06-18 ]') only beside the article, under its headline
        if found and found[-1] in el.parents:
            continue
        found = [f for f in found if f not in el.parents] + [el]
    return [_WS.sub(" ", f.get_text(" ", strip=True)) for f in found[-1:]]


_HEADLINE_NAME = re.compile(r"title|^bt$|tit$|headline|heading", re.I)


def _headline(place: _ArticlePlace, title: str) -> list[str]:
    """The article's headline when the CMS prints it above the article container (`<h1 class="article-title">`
    over `.article-content`): the last heading before the article and beside it, which the page's <title> names
    or which names a report, so the text opens with its title as a reader sees it."""
    if place.near is None:
        return []
    key = _WS.sub("", title)
    best = None
    for el in place.near.find_all(["h1", "h2", "h3", "div", "p", "span", "td"]):
        if not place.before(el) or el.find_parent("a") is not None or el.find("a") is not None:
            continue
        if el.name not in ("h1", "h2", "h3") and not _named(el, _HEADLINE_NAME):
            continue
        text = _WS.sub(" ", el.get_text(" ", strip=True))
        flat = _WS.sub("", text)
        if 6 <= len(flat) <= 120 and (flat in key or re.search(r"报告|自评|绩效|评价|情况|表$", flat)):
            best = text
    return [best] if best else []


def _meta_date_line(metas: dict[str, str]) -> list[str]:
    """A `<meta name="PubDate">`-like tag as a labelled line, for pages that print the posting date nowhere else."""
    key = next((k for k in PUBDATE_NAMES if metas.get(k)), None)
    return [f"{key}: {metas[key]}"] if key else []


class _Renderer:
    """DOM -> lines of text, with data tables rendered as TAB rows and collected."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.tables: list[Table] = []
        self.anchors: list[list[list[int]]] = []

    def newline(self) -> None:
        line = "".join(self.cur).strip(" ")
        if line:
            self.lines.append(line)
        self.cur = []

    def walk(self, node, depth: int = 0, pre: bool = False) -> None:
        if isinstance(node, Comment | CData | Declaration | Doctype | ProcessingInstruction):
            return
        if isinstance(node, NavigableString):
            s = str(node)
            self.cur.append(s if pre else _WS.sub(" ", s))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name in DROP_TAGS and _dropped(node):
            return
        if name == "br":
            self.newline()
            return
        if name == "table" and not node.find("table"):
            self.newline()
            self.table(node)
            return
        block = name in BLOCK_TAGS or name in ("td", "th")
        if block:
            self.newline()
        if depth > 300:
            self.cur.append(_WS.sub(" ", node.get_text(" ")))
        else:
            for ch in node.children:
                self.walk(ch, depth + 1, pre or name == "pre")
        if block:
            self.newline()

    def table(self, tbl: Tag) -> None:
        rows: list[list[tuple[str, int, int]]] = []
        for tr in tbl.find_all("tr"):
            cells = []
            for td in tr.find_all(["td", "th"], recursive=False):
                sub = _Renderer()
                for ch in td.children:
                    sub.walk(ch)
                sub.newline()
                text = "\n".join(sub.lines)
                cells.append((text, _int_attr(td, "rowspan"), _int_attr(td, "colspan")))
            if cells:
                rows.append(cells)
        if not rows:
            return
        starts: list[list[int]] = []
        grid, anchors = grid_from_cells(rows, starts)
        if any(any(c.strip() for c in r) for r in grid):
            self.tables.append(grid)
            self.anchors.append(starts)
        for r in anchors:
            if any(c.strip() for c in r):
                self.lines.append("\t".join(r))


def _int_attr(td: Tag, name: str) -> int:
    try:
        return max(1, int(str(td.get(name, "1")).strip() or 1))
    except ValueError:
        return 1


def page_kind(raw: str) -> str | None:
    """Known non-content pages: bot challenges and server default pages."""
    if "EO_Bot_Ssid" in raw or "__tst_status" in raw:
        return "bot_challenge"
    if re.search(r"<title>\s*IIS Windows Server\s*</title>", raw[:2000], re.I):
        return "server_default_page"
    return None


def extract_html(data: bytes, base_url: str | None = None) -> ExtractedDocument:
    """Article body text and tables of an HTML page, with title and publish date hints."""
    raw, encoding = decode_bytes(data)
    soup = BeautifulSoup(raw, "lxml")
    metas = _metas(soup)
    meta: dict = {"encoding": encoding, "declared_charset": declared_charset(data)}
    pub = next((metas[k] for k in PUBDATE_NAMES if metas.get(k)), None)
    if pub:
        meta["publish_date"] = pub
    for key in ("sitename", "columnname", "contentsource", "sitedomain", "keywords", "description"):
        if metas.get(key):
            meta[key] = metas[key]
    warnings: list[str] = []
    kind = page_kind(raw)
    if kind:
        meta["page_kind"] = kind
        warnings.append(f"not a content page: {kind}")
    title = _title(soup, metas)
    meta["links"] = _links(soup, base_url)
    for tag in soup.find_all(DROP_TAGS):
        if _dropped(tag):
            tag.decompose()
    body, how = find_body(soup)
    meta["body_selector"] = how
    head_lines: list[str] = []
    if how != "body":  # the page's head lines outside the article container
        place = _ArticlePlace(soup, body)
        head_lines = _metadata_blocks(soup, body)
        if title and _WS.sub("", title)[:12] not in _WS.sub("", body.get_text())[:400]:
            head_lines = _headline(place, title) + head_lines
        if not any(_INFO_DATE.search(line) for line in head_lines):
            head_lines += _info_lines(soup, place)
    for el in body.find_all(_INFO_TAGS):
        if _named(el, _PUBTIME_NAME):
            el.name = "div"  # a posting-time element inside the article (WeChat's em#publish_time): its own line
    r = _Renderer()
    r.walk(body)
    r.newline()
    if not any(_INFO_DATE.search(line) for line in head_lines + r.lines[:5]):
        head_lines += _meta_date_line(metas)
    text = clean_extracted_text("\n".join(head_lines + r.lines))
    tables = [[[clean_extracted_text(c) for c in row] for row in t] for t in r.tables]
    meta["table_anchors"] = [r.anchors]
    return ExtractedDocument(
        format="html",
        pages=[Page(1, text, tables)],
        engine=f"beautifulsoup4 {lib_version('beautifulsoup4')}+lxml {lib_version('lxml')}",
        title_hint=title,
        warnings=warnings,
        meta=meta,
    )


def extract_txt(data: bytes) -> ExtractedDocument:
    """A plain text file as one page."""
    text, encoding = decode_bytes(data)
    return ExtractedDocument(
        format="txt",
        pages=[Page(1, clean_extracted_text(text), [])],
        engine="text",
        meta={"encoding": encoding},
    )
