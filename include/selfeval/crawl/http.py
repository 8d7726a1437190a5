"""The one HTTP client every crawl request goes through.

It owns politeness (robots.txt, per-host rate limit, Retry-After, backoff with
jitter, identifying User-Agent), safety (scheme, host allow-list checked on
every redirect hop, SSRF guard after DNS resolution, body size and time caps)
and recognition of anti-bot challenges. It never raises for HTTP problems: the
outcome is a FetchResult with a reason, so every failure can be recorded.
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import requests

from selfeval.crawl.antibot import challenge_reason
from selfeval.crawl.guard import UnsafeURL, check_url
from selfeval.crawl.ratelimit import HostLimiter

RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class FetchResult:
    url: str
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    duration_ms: int = 0
    attempts: int = 0
    error: str | None = None
    not_modified: bool = False
    blocked: str | None = None  # challenge reason
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and (200 <= self.status < 300 or self.not_modified)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@dataclass
class ClientPolicy:
    user_agent: str
    allow_hosts: list[str]
    allow_private: bool = False
    requests_per_second: float = 1.0
    timeout_s: float = 30.0
    max_retries: int = 3
    max_bytes: int = 200 * 1024 * 1024
    max_seconds: float = 600.0
    max_redirects: int = 5
    respect_robots: bool = True
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 60.0


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class HttpClient:
    def __init__(self, policy: ClientPolicy, session: requests.Session | None = None, sleep=time.sleep):
        self.policy = policy
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = policy.user_agent
        self.limiter = HostLimiter(policy.requests_per_second)
        self._robots: dict[str, object] = {}
        self.sleep = sleep
        self.requests_made = 0
        self.log: list[FetchResult] = []

    # -- robots ---------------------------------------------------------------
    def robots_allows(self, url: str) -> bool:
        if not self.policy.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            from protego import Protego

            res = self._request_once(origin + "/robots.txt", {}, count_robots=True)
            text = res.body.decode("utf-8", "replace") if res.status == 200 and not res.blocked else ""
            self._robots[origin] = Protego.parse(text)
        return self._robots[origin].can_fetch(url, self.policy.user_agent)

    # -- requests -------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            method: str = "GET", data: dict | None = None) -> FetchResult:
        """Fetch with retries; conditional when etag/last_modified are given."""
        started = time.monotonic()
        try:
            check_url(url, self.policy.allow_hosts, self.policy.allow_private)
        except UnsafeURL as exc:
            return self._done(FetchResult(url=url, error=str(exc)), started)
        if not self.robots_allows(url):
            return self._done(FetchResult(url=url, error="disallowed by robots.txt"), started)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            attempt += 1
            res = self._request_once(url, headers, method=method, data=data)
            res.attempts = attempt
            if res.blocked or attempt > self.policy.max_retries:
                break
            retry = res.status in RETRY_STATUS or (res.error is not None and res.error.startswith("transient"))
            if not retry:
                break
            wait = _retry_after(res.headers.get("retry-after")) if res.status in (429, 503) else None
            if wait is None:
                wait = min(self.policy.backoff_cap_s, self.policy.backoff_base_s * 2 ** (attempt - 1))
                wait *= random.uniform(0.5, 1.5)
            self.sleep(min(wait, self.policy.backoff_cap_s))
        if res.error is None and res.status is not None and res.status >= 400 and not res.blocked:
            res.error = f"HTTP {res.status}"
        return self._done(res, started)

    def _done(self, res: FetchResult, started: float) -> FetchResult:
        res.duration_ms = int((time.monotonic() - started) * 1000)
        res.fetched_at = datetime.now(UTC)
        self.log.append(res)
        return res

    def _request_once(self, url: str, headers: dict[str, str], method: str = "GET", data: dict | None = None,
                      count_robots: bool = False) -> FetchResult:
        """One request, following redirects by hand so every hop passes the guard."""
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            try:
                check_url(current, self.policy.allow_hosts, self.policy.allow_private)
            except UnsafeURL as exc:
                return FetchResult(url=url, final_url=current, error=f"redirect refused: {exc}")
            self.limiter.acquire(urlsplit(current).hostname or "")
            self.requests_made += 1
            try:
                resp = self.session.request(method, current, headers=headers, data=data, stream=True,
                                            allow_redirects=False, timeout=self.policy.timeout_s)
            except requests.Timeout as exc:
                return FetchResult(url=url, final_url=current, error=f"transient: timeout ({exc.__class__.__name__})")
            except requests.ConnectionError as exc:
                return FetchResult(url=url, final_url=current, error=f"transient: connection error ({exc.__class__.__name__})")
            except requests.RequestException as exc:
                return FetchResult(url=url, final_url=current, error=f"request failed: {exc}")
            with resp:
                hdrs = {k.lower(): v for k, v in resp.headers.items()}
                if resp.status_code in (301, 302, 303, 307, 308) and "location" in hdrs:
                    current = urljoin(current, hdrs["location"])
                    if resp.status_code == 303:
                        method, data = "GET", None
                    continue
                body, error = self._read_body(resp, hdrs)
            res = FetchResult(url=url, final_url=current, status=resp.status_code, headers=hdrs, body=body,
                              error=error, not_modified=resp.status_code == 304)
            if error is None:
                res.blocked = challenge_reason(resp.status_code, body, hdrs)
                if res.blocked:
                    res.error = res.blocked
            return res
        return FetchResult(url=url, final_url=current, error=f"too many redirects (> {self.policy.max_redirects})")

    def _read_body(self, resp: requests.Response, hdrs: dict[str, str]) -> tuple[bytes, str | None]:
        declared = hdrs.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
            return b"", f"body too large: Content-Length {declared} > {self.policy.max_bytes}"
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.policy.max_seconds
        try:
            for chunk in resp.iter_content(65536):
                size += len(chunk)
                if size > self.policy.max_bytes:
                    return b"", f"body too large: > {self.policy.max_bytes} bytes"
                if time.monotonic() > deadline:
                    return b"", f"download exceeded {self.policy.max_seconds:.0f} s"
                chunks.append(chunk)
        except (requests.ConnectionError, requests.Timeout) as exc:
            return b"", f"transient: body interrupted ({exc.__class__.__name__})"
        except requests.RequestException as exc:
            kind = "truncated body" if "IncompleteRead" in str(exc) else "body read failed"
            return b"", f"transient: {kind} ({size} bytes received: {exc.__class__.__name__})"
        body = b"".join(chunks)
        if declared and declared.isdigit() and resp.status_code == 200 and len(body) < int(declared) \
                and "content-encoding" not in hdrs:
            return b"", f"transient: truncated body ({len(body)} of {declared} bytes)"
        return body, None
