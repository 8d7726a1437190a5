"""Publish dates from list rows, detail pages, JSON fields and URLs.

Impossible dates (before 1995, e.g. the 1970-01-01 of an unset timestamp, or in
the future) are rejected but the raw string is kept, so a bad value is visible
in `discovered_item.listed_date_raw` instead of silently becoming a date.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))  # portals publish in Beijing time
_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
]
_URL_DATES = [
    re.compile(r"[/_](?:t|P0|W0)?(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[_/.]|\d{6,})"),
    re.compile(r"/(?P<y>20\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
    re.compile(r"/art/(?P<y>20\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),  # Hanweb JCMS /art/2024/5/20/art_…
]
_META_DATE = re.compile(
    r"""<meta[^>]+name=["'](?:PubDate|pubdate|publishdate|firstpublishedtime|PublishTime)["'][^>]*"""
    r"""content=["']([^"']+)""", re.I)
_META_DATE_REV = re.compile(
    r"""<meta[^>]+content=["']([^"']+)["'][^>]*name=["'](?:PubDate|publishdate|firstpublishedtime)["']""", re.I)
_LABELLED = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|公开日期|日期|时间)\s*[:：]?\s*(?:</?\w+[^>]*>\s*)*"
                       r"((?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?)")


def plausible(d: date, today: date | None = None) -> bool:
    today = today or datetime.now(UTC).date()
    return date(1995, 1, 1) <= d <= today + timedelta(days=1)


def parse_date(text: str | None, today: date | None = None, last: bool = False) -> tuple[str | None, str | None]:
    """Return (ISO date or None if impossible/absent, raw matched string).

    `last=True` takes the last date in the text: in a list row the date column
    follows the title, which may itself contain a date.
    """
    if not text:
        return None, None
    for pattern in _PATTERNS:
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        m = matches[-1] if last else matches[0]
        raw = m.group(0).strip()
        try:
            d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None, raw
        return (d.isoformat() if plausible(d, today) else None), raw
    return None, None


def date_from_epoch(value: object, today: date | None = None) -> tuple[str | None, str | None]:
    """Unix seconds (or milliseconds) as Beijing-time date; 0/negative/future give (None, raw)."""
    if value is None or value == "":
        return None, None
    raw = str(value)
    try:
        num = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return parse_date(raw, today)
    if num > 1e11:  # milliseconds
        num /= 1000
    try:
        d = datetime.fromtimestamp(num, CHINA).date()
    except (OverflowError, OSError, ValueError):
        return None, raw
    return (d.isoformat() if plausible(d, today) else None), raw


def date_from_url(url: str) -> str | None:
    """`/202405/t20240520_123456.html`, `/2024-05-20/`, `/2024/0520/`, `/art/2024/5/20/`; month-only paths give no date."""
    for pattern in _URL_DATES:
        m = pattern.search(url)
        if not m:
            continue
        try:
            d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        return d.isoformat() if plausible(d) else None
    return None


def date_from_page(html: str) -> tuple[str | None, str | None]:
    """A detail page's publish date: `<meta name="PubDate">` (the national portal standard), else 发布时间/日期 text."""
    m = _META_DATE.search(html) or _META_DATE_REV.search(html)
    if m:
        iso, raw = parse_date(m.group(1))
        if iso:
            return iso, raw
    m = _LABELLED.search(html)
    if m:
        return parse_date(m.group(1))
    return None, None
