"""Find the documents a detail page links to, wherever real CMS pages hide them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

DOC_EXT = ("pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "zip", "rar", "ofd", "txt")
_EXT_RE = re.compile(r"\.(" + "|".join(DOC_EXT) + r")(?:$|[?#])", re.I)
_JS_CALL = re.compile(r"""['"]([^'"]+\.(?:""" + "|".join(DOC_EXT) + r"""))['"]""", re.I)
_DOWNFILE = re.compile(r"downfile\.jsp|/download\b|downloadfile|fileDownload|getfile", re.I)


@dataclass
class Attachment:
    url: str
    name: str


def _name_for(url: str, text: str) -> str:
    text = (text or "").strip()
    if text and _EXT_RE.search(text + "#"):
        return text
    path_name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    q = re.search(r"filename=([^&]+)", url)
    if q:
        path_name = unquote(q.group(1))
    if text:
        ext = _EXT_RE.search(path_name + "#")
        return f"{text}.{ext.group(1).lower()}" if ext and not text.lower().endswith(ext.group(1).lower()) else text
    return path_name


def _add_js_call(js: str, text: str, add) -> None:
    """`downloadFj('报告.pdf', './P020….pdf')`: path-like arguments are URLs, bare names are labels."""
    args = [m.group(1) for m in _JS_CALL.finditer(js)]
    paths = [a for a in args if "/" in a or a.startswith(("P0", "W0"))]
    names = [a for a in args if a not in paths]
    for path in paths or args[:1]:
        add(path, names[0] if names and paths else text)


def find_attachments(html: str, page_url: str) -> list[Attachment]:
    """Links with a document extension, JS download calls, iframe/embed viewers, downfile.jsp links."""
    soup = BeautifulSoup(html, "lxml")
    found: dict[str, Attachment] = {}

    def add(raw: str, text: str) -> None:
        raw = raw.strip()
        if not raw or raw.startswith(("mailto:", "#")):
            return
        url = urljoin(page_url, raw)
        if url.split("#")[0] == page_url.split("#")[0]:
            return
        found.setdefault(url, Attachment(url=url, name=_name_for(url, text)))

    for a in soup.find_all("a"):
        text = a.get_text(" ", strip=True) or a.get("title", "")
        href = a.get("href") or ""
        if href and not href.lower().startswith("javascript") and (_EXT_RE.search(href) or _DOWNFILE.search(href)):
            add(href, text)
        for attr in ("onclick", "href"):
            js = a.get(attr) or ""
            if "(" in js and (attr == "onclick" or js.lower().startswith("javascript")):
                _add_js_call(js, text, add)
    for tag in soup.find_all(["iframe", "embed", "object"]):
        src = tag.get("src") or tag.get("data") or ""
        m = re.search(r"(?:file|url)=([^&]+)", src)
        if m:
            src = unquote(m.group(1))
        if src and _EXT_RE.search(src):
            add(src, tag.get("title", ""))
    return list(found.values())
