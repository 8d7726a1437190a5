"""Find the documents a detail page links to, wherever real CMS pages hide them.

Seen in the wild: plain `<a href>` (often relative `./P0…`/`./W0…` TRS paths),
`onclick="downloadFj('name','./W0….pdf')"` and `window.open('…pdf')` calls,
`href="javascript:…('…pdf')"`, pdf.js viewers (`viewer.html?file=…`) in `<a>`,
`<iframe>`, `<embed>` or `<object>`, a viewer URL assigned in an inline script
(`var sPdfUrl = "/cms_files/….pdf"`, jpaas), Hanweb `downfile.jsp?filename=…`
and VSB `download.jsp?…wbfileid=…` links whose URL carries no extension, and
gkmlpt links with a `download="附件1.wps"` attribute naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

DOC_EXT = ("pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "zip", "rar", "7z", "ofd", "txt", "ceb")
_EXT_RE = re.compile(r"\.(" + "|".join(DOC_EXT) + r")(?:$|[?#])", re.I)
_JS_CALL = re.compile(r"""['"]([^'"\s]+\.(?:""" + "|".join(DOC_EXT) + r"""))['"]""", re.I)
_JS_NAMED = re.compile(r"""['"]([^'"]+\.(?:""" + "|".join(DOC_EXT) + r"""))['"]""", re.I)
_DOWNFILE = re.compile(r"downfile\.jsp|/download\b|downloadfile|fileDownload|getfile|download\.jsp", re.I)
_VIEWER = re.compile(r"(?:[?&])(?:file|url|src)=([^&#]+)", re.I)


@dataclass
class Attachment:
    url: str
    name: str


def has_doc_ext(text: str) -> bool:
    return bool(_EXT_RE.search((text or "") + "#"))


def _name_for(url: str, text: str) -> str:
    """Best file name: link text with an extension, else text + the URL's extension, else the URL's file name."""
    text = re.sub(r"\s+", " ", (text or "")).strip()
    if text and has_doc_ext(text):
        return text
    path_name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    q = re.search(r"filename=([^&]+)", url)
    if q:
        path_name = unquote(q.group(1))
    if text:
        ext = _EXT_RE.search(path_name + "#")
        return f"{text}.{ext.group(1).lower()}" if ext and not text.lower().endswith(ext.group(1).lower()) else text
    return path_name


def _score(name: str) -> int:
    return (2 if has_doc_ext(name) else 0) + (1 if re.search(r"[\u4e00-\u9fff]", name) else 0)


_JS_ARG = re.compile(r"""['"]([^'"]{1,500})['"]""")


def _add_js_call(js: str, text: str, add: Callable[[str, str], None]) -> None:
    """`downloadFj('报告.pdf', './P020….pdf')`: path-like arguments are URLs, bare names are labels.

    A download servlet argument needs no extension (`downloadFj('名称.doc','/system/_content/download.jsp?…')`):
    the named argument gives the file's name, the bytes give its type."""
    args = [m.group(1) for m in _JS_NAMED.finditer(js)]
    servlets = [a for a in (m.group(1) for m in _JS_ARG.finditer(js))
                if _DOWNFILE.search(a) and re.match(r"^(?:https?://|/|\./|\.\./)", a) and a not in args]
    paths = [a for a in args if "/" in a or re.match(r"^(?:P0|W0)\d", a)] + servlets
    names = [a for a in args if a not in paths]
    for path in paths or [a for a in args if not re.search(r"[\u4e00-\u9fff\s]", a)][:1]:
        add(path, names[0] if names and paths else text)


def _viewer_target(src: str) -> str:
    """`/pdfjs/web/viewer.html?file=/u/x.pdf` → `/u/x.pdf`; other URLs unchanged."""
    m = _VIEWER.search(src)
    if m and (has_doc_ext(unquote(m.group(1))) or _DOWNFILE.search(unquote(m.group(1)))):
        return unquote(m.group(1))
    return src


def _scan_links(soup: BeautifulSoup, add: Callable[[str, str], None]) -> None:
    for a in soup.find_all("a"):
        text = a.get_text(" ", strip=True)
        label = a.get("download") if has_doc_ext(a.get("download") or "") else None
        label = label or (text if has_doc_ext(text) else None) or a.get("title") or text
        href = (a.get("href") or "").strip()
        if href and not href.lower().startswith("javascript"):
            target = _viewer_target(href)
            if has_doc_ext(target) or _DOWNFILE.search(target):
                add(target, label)
        for attr in ("onclick", "href"):
            js = a.get(attr) or ""
            if "(" in js and (attr == "onclick" or js.lower().startswith("javascript")):
                _add_js_call(js, label, add)


def _scan_viewers(soup: BeautifulSoup, add: Callable[[str, str], None]) -> None:
    for tag in soup.find_all(["iframe", "embed", "object"]):
        src = _viewer_target(tag.get("src") or tag.get("data") or "")
        if src and (has_doc_ext(src) or _DOWNFILE.search(src)):
            add(src, tag.get("title", ""))


def _scan_scripts(soup: BeautifulSoup, add: Callable[[str, str], None]) -> None:
    """Inline scripts that assign a document path to a variable (the viewer loads it later)."""
    for script in soup.find_all("script"):
        if script.get("src"):
            continue
        for m in _JS_CALL.finditer(script.string or script.get_text() or ""):
            if "/" in m.group(1):
                add(m.group(1), "")


def find_attachments(html: str, page_url: str, scope: str | None = None) -> list[Attachment]:
    """Every document a detail page offers, deduplicated by URL, each with the best name seen.

    `scope` (a CSS selector, e.g. the article container) keeps sidebars and footers out.
    """
    soup = BeautifulSoup(html, "lxml")
    if scope:
        scoped = soup.select(scope)
        if scoped:
            soup = BeautifulSoup("".join(str(el) for el in scoped), "lxml")
    found: dict[str, Attachment] = {}
    page = page_url.split("#")[0]

    def add(raw: str, text: str) -> None:
        raw = raw.strip()
        if not raw or raw.startswith(("mailto:", "#", "data:")):
            return
        url = urljoin(page_url, raw).split("#")[0]
        if url == page or not url.startswith(("http://", "https://")):
            return
        att = Attachment(url=url, name=_name_for(url, text))
        if url not in found or _score(att.name) > _score(found[url].name):
            found[url] = att

    _scan_links(soup, add)
    _scan_viewers(soup, add)
    _scan_scripts(soup, add)
    return list(found.values())
