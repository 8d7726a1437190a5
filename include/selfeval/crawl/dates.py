"""Publish dates from list rows, detail pages and URLs; impossible dates are rejected, the raw string kept."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
]
_URL_DATES = [
    re.compile(r"[/_](?:t|P0|W0)?(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[_/.]|\d{6,})"),
    re.compile(r"/(?P<y>20\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
]


def plausible(d: date, today: date | None = None) -> bool:
    today = today or datetime.now(UTC).date()
    return date(1995, 1, 1) <= d <= today + timedelta(days=1)


def parse_date(text: str | None, today: date | None = None) -> tuple[str | None, str | None]:
    """Return (ISO date or None if impossible/absent, raw matched string)."""
    if not text:
        return None, None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            raw = m.group(0).strip()
            try:
                d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                return None, raw
            return (d.isoformat() if plausible(d, today) else None), raw
    return None, None


def date_from_url(url: str) -> str | None:
    """`/202405/t20240520_123456.html`, `/2024-05-20/`, `/2024/0520/`; month-only paths give no date."""
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
