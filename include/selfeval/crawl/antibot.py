"""Recognise anti-bot challenge pages so they are never parsed as content.

We only detect and back off; defeating challenges is out of scope by policy.
Families seen on Chinese government portals: Ruishu (瑞数, HTTP 412/202 with a
`$_ts` script), Jiasule / Knownsec (HTTP 521 whose script assembles the
`__jsl_clearance` cookie), WZWS (网站卫士 `wzws_cid` / `wzwschallenge`), Tencent
EdgeOne (a small obfuscated script setting `EO_Bot_Ssid` / `__tst_status` and
reloading), plus generic slider captchas and cookie-and-reload stubs.
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
_COOKIE_RELOAD = re.compile(rb"document\.cookie\s*=.{0,2000}?location(?:\.href|\.reload|\s*=|\.replace)", re.I | re.S)
# Bytes that start a document, never a challenge (PDF, OLE2 .doc/.xls, ZIP .docx/.xlsx/.wps, RAR, OFD).
_DOC_MAGIC = (b"%PDF", b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"Rar!", b"\x7fELF")


def _visible_text_len(head: bytes) -> int:
    """Roughly how much human-readable text the page has outside scripts and tags."""
    no_script = re.sub(rb"<script.*?</script>", b"", head, flags=re.I | re.S)
    return len(re.sub(rb"<[^>]+>|\s+", b"", no_script))


def challenge_reason(status: int | None, body: bytes, headers: dict[str, str] | None = None) -> str | None:
    """Return a reason string if the response is a bot challenge, else None.

    Small bodies with challenge markers count at any status; 412/521 with a
    script-only body count even without a known marker; so does a tiny page
    whose only job is to set a cookie and reload.
    """
    if body.lstrip()[:8].startswith(_DOC_MAGIC):
        return None
    head = body[:20000]
    for name, pattern in _MARKERS:
        if pattern.search(head) and (len(body) < 60000 or status in (202, 412, 503, 521)):
            if name == "captcha" and status == 200 and len(body) > 8000:
                continue
            return f"anti-bot challenge ({name}) HTTP {status}"
    lower = head.lower()
    if status in (412, 521) and b"<script" in lower:  # 412: Ruishu's status, 521: Jiasule's
        name = "ruishu" if status == 412 else "jsl"
        return f"anti-bot challenge ({name}: script-only {status} page) HTTP {status}"
    server = (headers or {}).get("server", "")
    if status == 202 and b"<script" in lower and len(body) < 5000:
        return f"anti-bot challenge (202 script) HTTP {status} server={server}"
    if len(body) < 6000 and _COOKIE_RELOAD.search(head) and _visible_text_len(head) < 200:
        return f"anti-bot challenge (cookie-and-reload script) HTTP {status}"
    return None
