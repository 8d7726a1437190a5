"""What a detail page contributes, decided without touching the warehouse.

Shared by the crawl stage (which records the outcome) and `selfeval crawl
--dry-run` (which prints it), so both apply the same rules:
- a "detail" URL that answers with document bytes is itself the document;
- a list title cut short (`…绩效自...`) is judged again on the page's own title;
- attachments are kept when their name is relevant, or when the article is
  relevant and the name is not excluded; a relevant article without kept
  attachments is itself the report (its HTML is stored);
- a container (e.g. 决算公开) is only worth the attachments whose names are relevant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selfeval.crawl.attachments import Attachment, find_attachments
from selfeval.crawl.dates import date_from_page
from selfeval.crawl.families.base import ListedItem, clean_title
from selfeval.crawl.http import FetchResult
from selfeval.crawl.relevance import Verdict, judge, keyword
from selfeval.sources.schema import SourceConfig
from selfeval.textdecode import decode_bytes

_DOC_TYPES = ("application/pdf", "application/msword", "application/vnd.", "application/zip",
              "application/x-rar", "application/octet-stream", "application/ofd")
_DOC_MAGIC = (b"%PDF", b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"Rar!")
_ARTICLE_TITLE = re.compile(r"""<meta[^>]+name=["']ArticleTitle["'][^>]*content=["']([^"']+)""", re.I)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_HEADING = re.compile(r"""<div[^>]+class=["'][^"']*(?:content-title|article-title|title)[^"']*["'][^>]*>\s*"""
                      r"<h[1-4][^>]*>(.*?)</h[1-4]>", re.I | re.S)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_SITE_SUFFIX = re.compile(r"\s*[-_|–—]\s*[^-_|–—]{2,30}$")


@dataclass
class KeptAttachment:
    attachment: Attachment
    keep: bool
    reason: str
    score: float | None = None  # the title scorer's p(report) of its name, when the scorer decided


@dataclass
class DetailOutcome:
    kind: str  # expanded | article | skipped | document
    reason: str
    title: str | None = None  # the page's own title when the listed one was cut short
    date: str | None = None
    date_raw: str | None = None
    attachments: list[KeptAttachment] = field(default_factory=list)
    page_score: float | None = None  # the classifier's p(self-evaluation) on the page text, when it was asked

    @property
    def kept(self) -> list[Attachment]:
        return [k.attachment for k in self.attachments if k.keep]


def judge_source(title: str, source: SourceConfig) -> Verdict:
    return judge(title, source.relevance.include, source.relevance.exclude)


def excluded(name: str, source: SourceConfig) -> bool:
    """The name carries one of the source's exclude keywords."""
    return keyword(name, source.relevance.exclude) is not None


def judge_listed(item: ListedItem, source: SourceConfig) -> Verdict:
    """The list-level verdict; a cut-short title that is not plainly off-topic is checked on its page."""
    verdict = judge_source(item.title, source)
    if not verdict.relevant and item.truncated and not excluded(item.title, source):
        return Verdict(False, "title cut short on the list: judged on the detail page", maybe_container=True)
    return verdict


def is_document_response(res: FetchResult) -> bool:
    """Bytes (or a Content-Type) of a document, not an HTML page."""
    ctype = (res.content_type or "").lower()
    return res.body.lstrip()[:8].startswith(_DOC_MAGIC) or (
        any(ctype.startswith(t) for t in _DOC_TYPES) and not res.body.lstrip()[:1] == b"<")


def page_title(html: str) -> str | None:
    """The article's own title: ArticleTitle meta, an `<h1>` or title-block heading, else `<title>` minus the site name."""
    for pattern in (_ARTICLE_TITLE, _H1, _HEADING):
        m = pattern.search(html)
        if m and clean_title(m.group(1)):
            return clean_title(m.group(1))
    m = _TITLE.search(html)
    return clean_title(_SITE_SUFFIX.sub("", m.group(1))) or None if m else None


def page_verdict(res: FetchResult, url: str):
    """The document classifier on a detail page's article text (for titles the scorer called 'maybe')."""
    from selfeval.extract.html import extract_html
    from selfeval.understand import classify_document

    try:
        return classify_document(extract_html(res.body, res.final_url or url))
    except Exception:  # an unparsable page stays undecided: the item is skipped with its list reason
        return None


def judge_attachments(attachments: list[Attachment], relevant: bool, parent_title: str,
                      source: SourceConfig) -> list[KeptAttachment]:
    out = []
    for att in attachments:
        v = judge_source(att.name, source)
        keep = v.relevant or (relevant and not excluded(att.name, source))
        reason = (v.reason if v.relevant else f"attachment of relevant item {parent_title!r}") if keep \
            else f"attachment: {v.reason}"
        out.append(KeptAttachment(att, keep, reason, v.score))
    return out


def expand_detail(res: FetchResult, item: ListedItem, verdict: Verdict, source: SourceConfig) -> DetailOutcome:
    """Classify a fetched detail page (res.ok) and its attachments."""
    if is_document_response(res):
        return DetailOutcome("document", f"detail URL serves a document ({res.content_type})")
    html, _ = decode_bytes(res.body, res.content_type)
    date, date_raw = date_from_page(html)
    relevant, title = verdict.relevant, None
    if not relevant and item.truncated:
        full = page_title(html)
        if full and judge_source(full, source).relevant:
            relevant, title = True, full
    atts = find_attachments(html, res.final_url or item.url, source.detail.content)
    judged = judge_attachments(atts, relevant, title or item.title, source)
    n_kept = sum(k.keep for k in judged)
    page = None  # the page text is judged only for a title the scorer could not call
    if n_kept:
        kind, reason = "expanded", f"{n_kept} attachment(s) queued; {verdict.reason}"
    elif relevant:
        kind, reason = "article", "the page body is the report"
    elif verdict.maybe_container and (page := page_verdict(res, item.url)) is not None and page.is_self_eval:
        kind, reason = "article", f"the page text reads as a self-evaluation: {'; '.join(page.reasons)[:200]}"
    elif item.truncated:
        kind, reason = "skipped", f"no self-evaluation keyword in the page title {page_title(html)!r}"
    else:
        kind, reason = "skipped", "container without self-evaluation attachments"
    page_score = round(1.0 - page.scores["other"], 4) if page is not None and "other" in (page.scores or {}) else None
    return DetailOutcome(kind, reason, title, date, date_raw, judged, page_score)
