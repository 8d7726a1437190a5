"""Recognise anti-bot challenge pages so they are never parsed as content.

We only detect and back off; defeating challenges is out of scope by policy.
"""

from __future__ import annotations

import re

_MARKERS: list[tuple[str, re.Pattern[bytes]]] = [
    ("edgeone", re.compile(rb"EO_Bot_Ssid|__tst_status|EdgeOne", re.I)),
    ("ruishu", re.compile(rb"\$_ts\s*=|\$_ts\.|_\$[a-zA-Z]{2}\(|FuckCookie", re.I)),
    ("wzws", re.compile(rb"wzws_cid|WZWS|wzwschallenge|wzwsrid", re.I)),
    ("jsl", re.compile(rb"__jsl_clearance|__jsluid", re.I)),
    ("captcha", re.compile(rb"slide[_-]?captcha|geetest|\xe5\xae\x89\xe5\x85\xa8\xe9\xaa\x8c\xe8\xaf\x81", re.I)),
]


def challenge_reason(status: int | None, body: bytes, headers: dict[str, str] | None = None) -> str | None:
    """Return a reason string if the response is a bot challenge, else None.

    Small bodies with challenge markers count at any status; 412/521 with a
    script-only body count even without a known marker.
    """
    head = body[:20000]
    for name, pattern in _MARKERS:
        if pattern.search(head) and (len(body) < 60000 or status in (202, 412, 503, 521)):
            if name == "captcha" and status == 200 and len(body) > 8000:
                continue
            return f"anti-bot challenge ({name}) HTTP {status}"
    if status in (412, 521) and b"<script" in head.lower():
        return f"anti-bot challenge (script-only {status}) HTTP {status}"
    server = (headers or {}).get("server", "") if headers else ""
    if status == 202 and b"<script" in head.lower() and len(body) < 5000:
        return f"anti-bot challenge (202 script) HTTP {status} server={server}"
    return None
