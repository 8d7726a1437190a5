"""The one HTTP client every crawl request goes through.

It owns politeness (robots.txt per RFC 9309, per-host rate and concurrency
limits, Retry-After, exponential backoff with jitter, identifying User-Agent),
safety (scheme, host allow-list checked on every redirect hop, SSRF guard after
DNS resolution *and again at connect time*, body size and time caps) and
recognition of anti-bot challenges. It never raises for HTTP problems: the
outcome is a FetchResult with a reason, so every failure can be recorded.
"""

from __future__ import annotations

import email.utils
import random
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection as u3conn

from selfeval.crawl.antibot import challenge_reason
from selfeval.crawl.guard import AddressPolicy, UnsafeURL, check_url, vetted_address
from selfeval.crawl.ratelimit import HostLimiter

RETRY_STATUS = {429, 500, 502, 503, 504}
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
_START_TAG = re.compile(rb"<[A-Za-z]")


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
    method: str = "GET"
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
    max_page_bytes: int = 8 * 1024 * 1024  # HTML/JSON/text pages (decompressed): a list page is never bigger
    # elements of one page: the largest real portal pages hold ~4,000, a 10,000-link list ~40,000; 8 MB of
    # `<p>` (30 KB gzipped) would be 2.8 million, 1.2 GB and half a minute in the HTML parser
    max_page_tags: int = 200_000
    max_seconds: float = 600.0
    max_redirects: int = 5
    respect_robots: bool = True
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 60.0
    concurrency: int = 2
    private_networks: tuple[str, ...] = ()

    @property
    def addresses(self) -> AddressPolicy:
        return AddressPolicy(self.allow_private, tuple(self.private_networks))


class RefusedAddress(NewConnectionError):
    """Raised by the guarded connection instead of opening a socket to a refused address."""


class _GuardedMixin:
    """Resolve, vet and connect to the vetted IP itself, so DNS cannot change between check and connect."""

    address_policy: AddressPolicy = AddressPolicy()
    connect_log: list[tuple[str, str, int]] | None = None

    def _new_conn(self) -> socket.socket:  # mirrors urllib3's, plus the guard
        host = self._dns_host  # type: ignore[attr-defined]
        try:
            ip = vetted_address(host, self.port, self.address_policy)  # type: ignore[attr-defined]
        except UnsafeURL as exc:
            raise RefusedAddress(self, str(exc)) from exc
        if self.connect_log is not None:
            self.connect_log.append((host, ip, self.port))  # type: ignore[attr-defined]
        try:
            return u3conn.create_connection((ip, self.port), self.timeout,  # type: ignore[attr-defined]
                                            source_address=self.source_address,  # type: ignore[attr-defined]
                                            socket_options=self.socket_options)  # type: ignore[attr-defined]
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {host} timed out") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc


class GuardedAdapter(HTTPAdapter):
    """A requests adapter whose connections pass the address guard at connect time."""

    def __init__(self, policy: AddressPolicy, connect_log: list[tuple[str, str, int]], **kw: Any):
        self._policy, self._log = policy, connect_log
        super().__init__(**kw)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        attrs = {"address_policy": self._policy, "connect_log": self._log}
        http_conn = type("GuardedHTTPConnection", (_GuardedMixin, HTTPConnection), attrs)
        https_conn = type("GuardedHTTPSConnection", (_GuardedMixin, HTTPSConnection), attrs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}),
        }


def _abort_read(resp: requests.Response, expired: threading.Event) -> None:
    """Watchdog: past the deadline, shut the socket so a read blocked on a trickling server returns."""
    expired.set()
    conn = getattr(resp.raw, "_connection", None)
    sock = getattr(conn, "sock", None)
    try:
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
        resp.close()
    except OSError:
        pass


def markup_bomb(body: bytes, cap: int) -> str | None:
    """Why a page is refused before any HTML parser sees it: more than `cap` elements (an HTML bomb, often
    a small gzip body), else None. Cheap: a byte count first, the exact count only past it."""
    if body.count(b"<") <= cap:
        return None
    n = sum(1 for _ in _START_TAG.finditer(body))
    if n <= cap:
        return None
    return f"HTML bomb: {n} elements in {len(body)} bytes (> {cap}): not parsed"


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
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _is_refusal(exc: BaseException) -> str | None:
    """The guard's message if a requests exception was caused by a refused address."""
    seen: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        cur = todo.pop()
        if not isinstance(cur, BaseException) or cur in seen:
            continue
        seen.append(cur)
        if isinstance(cur, RefusedAddress):
            cause = cur.__cause__
            return str(cause) if cause else str(cur)
        todo.extend([getattr(cur, "reason", None), cur.__cause__, cur.__context__, *cur.args])
    return None


@dataclass
class RobotsEntry:
    """robots.txt of one origin: parsed rules plus what to persist between runs."""

    parser: Any
    text: str
    status: int | None
    fetched_at: datetime
    verdict: str  # "parsed" | "allow-all" | "disallow-all"
    error: str | None = None  # why robots.txt could not be read (connection refused, timeout, …)

    def snapshot(self) -> dict[str, Any]:
        return {"text": self.text, "status": self.status, "verdict": self.verdict,
                "fetched_at": self.fetched_at.isoformat()}


def _network_reason(error: str | None) -> str:
    """A network error in a few words an operator recognises."""
    e = (error or "").lower()
    for needle, words in (("refused", "connection refused"), ("timed out", "connection timed out"),
                          ("timeout", "connection timed out"), ("name or service", "host name not found"),
                          ("nodename", "host name not found"), ("reset", "connection reset"),
                          ("refusing", "address refused by the network guard")):
        if needle in e:
            return words
    return (error or "no response")[:120]


class HttpClient:
    def __init__(self, policy: ClientPolicy, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.policy = policy
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = policy.user_agent
        self.connect_log: list[tuple[str, str, int]] = []
        pool = max(4, policy.concurrency * 2)
        adapter = GuardedAdapter(policy.addresses, self.connect_log, pool_connections=pool, pool_maxsize=pool)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.limiter = HostLimiter(policy.requests_per_second, concurrency=policy.concurrency)
        self._robots: dict[str, RobotsEntry] = {}
        self._robots_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self.sleep = sleep
        self.requests_made = 0
        self.retries = 0
        self.log: list[FetchResult] = []
        self.robots_log: list[FetchResult] = []

    # -- robots ---------------------------------------------------------------
    def seed_robots(self, origin: str, snapshot: dict[str, Any]) -> None:
        """Reuse a robots.txt fetched by an earlier run (RFC 9309 allows caching up to 24 h)."""
        from protego import Protego

        text = snapshot.get("text") or ""
        verdict = snapshot.get("verdict") or "parsed"
        fetched = datetime.fromisoformat(snapshot["fetched_at"])
        self._robots[origin] = RobotsEntry(Protego.parse(text), text, snapshot.get("status"), fetched, verdict)

    def robots_snapshot(self) -> dict[str, dict[str, Any]]:
        return {origin: entry.snapshot() for origin, entry in self._robots.items()}

    def _fetch_robots(self, origin: str) -> RobotsEntry:
        """RFC 9309 2.3.1: 2xx parse; 4xx allow all; 5xx or unreachable disallow all."""
        from protego import Protego

        res = self._with_retries(origin + "/robots.txt", {}, "GET", None)
        self.robots_log.append(res)
        status = res.status
        if res.blocked:  # the pages will be challenged too; that is reported there, as "blocked"
            verdict, text = "allow-all", ""
        elif status is not None and 200 <= status < 300 and res.error is None:
            verdict, text = "parsed", res.body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
        elif status is not None and 400 <= status < 500:
            verdict, text = "allow-all", ""
        else:
            verdict, text = "disallow-all", "User-agent: *\nDisallow: /\n"
        return RobotsEntry(Protego.parse(text), text, status, datetime.now(UTC), verdict, res.error)

    def robots_refusal(self, url: str) -> str | None:
        """None if robots.txt allows `url`, else the reason it is not fetched."""
        if not self.policy.respect_robots:
            return None
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            entry = self._robots.get(origin)
            if entry is None:
                entry = self._robots[origin] = self._fetch_robots(origin)
        if entry.parser.can_fetch(url, self.policy.user_agent):
            return None
        if entry.verdict == "disallow-all":
            if entry.status is None:  # no answer at all: say what happened, not "disallowed"
                return f"host unreachable: {_network_reason(entry.error)}"
            return f"disallowed by robots.txt (robots.txt answered HTTP {entry.status}; RFC 9309: assume disallow)"
        return "disallowed by robots.txt"

    def robots_allows(self, url: str) -> bool:
        return self.robots_refusal(url) is None

    # -- requests -------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            method: str = "GET", data: dict | bytes | None = None, content_type: str | None = None) -> FetchResult:
        """Fetch with retries; conditional when etag/last_modified are given. Never raises for HTTP trouble.

        `data` is a POST's form (a dict) or its encoded body (bytes, e.g. a JSON object) whose type
        `content_type` names."""
        started = time.monotonic()
        try:
            check_url(url, self.policy.allow_hosts, self.policy.allow_private, self.policy.private_networks)
        except UnsafeURL as exc:
            return self._done(FetchResult(url=url, method=method, error=str(exc)), started)
        refusal = self.robots_refusal(url)
        if refusal:
            return self._done(FetchResult(url=url, method=method, error=refusal), started)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if content_type:
            headers["Content-Type"] = content_type
        res = self._with_retries(url, headers, method, data)
        if res.error is None and res.status is not None and res.status >= 400 and not res.blocked:
            res.error = f"HTTP {res.status}"
        return self._done(res, started)

    def _with_retries(self, url: str, headers: dict[str, str], method: str, data: dict | bytes | None) -> FetchResult:
        """Retry transient failures: Retry-After when the server gives one, else exponential backoff with jitter."""
        attempt = 0
        while True:
            attempt += 1
            res = self._request_once(url, headers, method=method, data=data)
            res.attempts = attempt
            retry = res.status in RETRY_STATUS or (res.error is not None and res.error.startswith("transient"))
            if res.blocked or not retry or attempt > self.policy.max_retries:
                return res
            wait = _retry_after(res.headers.get("retry-after")) if res.status in (429, 503) else None
            if wait is not None and wait > self.policy.backoff_cap_s:
                res.error = f"HTTP {res.status}: Retry-After {wait:.0f} s exceeds the {self.policy.backoff_cap_s:.0f} s cap"
                return res
            if wait is None:
                wait = min(self.policy.backoff_cap_s, self.policy.backoff_base_s * 2 ** (attempt - 1))
                wait *= random.uniform(0.5, 1.5)
            with self._count_lock:
                self.retries += 1
            self.sleep(min(wait, self.policy.backoff_cap_s))

    def _done(self, res: FetchResult, started: float) -> FetchResult:
        res.duration_ms = int((time.monotonic() - started) * 1000)
        res.fetched_at = datetime.now(UTC)
        with self._count_lock:
            self.log.append(res)
        return res

    def _request_once(self, url: str, headers: dict[str, str], method: str = "GET",
                      data: dict | bytes | None = None) -> FetchResult:
        """One request, following redirects by hand so every hop passes the guard."""
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            try:
                check_url(current, self.policy.allow_hosts, self.policy.allow_private, self.policy.private_networks)
            except UnsafeURL as exc:
                return FetchResult(url=url, final_url=current, method=method, error=f"redirect refused: {exc}"
                                   if current != url else str(exc))
            host = urlsplit(current).hostname or ""
            with self.limiter.slot(host):
                with self._count_lock:
                    self.requests_made += 1
                outcome = self._send(url, current, headers, method, data)
            if isinstance(outcome, FetchResult):
                return outcome
            current, method, data = outcome
        return FetchResult(url=url, final_url=current, method=method,
                           error=f"too many redirects (> {self.policy.max_redirects})")

    def _send(self, url: str, current: str, headers: dict[str, str], method: str,
              data: dict | bytes | None) -> FetchResult | tuple[str, str, dict | bytes | None]:
        """Send one HTTP request; a redirect returns the next (url, method, data) instead of a result."""
        try:
            resp = self.session.request(method, current, headers=headers, data=data, stream=True,
                                        allow_redirects=False, timeout=self.policy.timeout_s)
        except requests.Timeout as exc:
            return FetchResult(url=url, final_url=current, method=method,
                               error=f"transient: timeout ({exc.__class__.__name__})")
        except requests.ConnectionError as exc:
            refused = _is_refusal(exc)
            if refused:
                return FetchResult(url=url, final_url=current, method=method, error=f"connect refused: {refused}")
            return FetchResult(url=url, final_url=current, method=method,
                               error=f"transient: connection error ({_network_reason(str(exc))})")
        except requests.RequestException as exc:
            return FetchResult(url=url, final_url=current, method=method, error=f"request failed: {exc}")
        with resp:
            hdrs = {k.lower(): v for k, v in resp.headers.items()}
            if resp.status_code in (301, 302, 303, 307, 308) and "location" in hdrs:
                if resp.status_code == 303 or (resp.status_code in (301, 302) and method == "POST"):
                    method, data = "GET", None
                return urljoin(current, hdrs["location"]), method, data
            body, error = self._read_body(resp, hdrs)
        res = FetchResult(url=url, final_url=current, status=resp.status_code, headers=hdrs, body=body,
                          error=error, not_modified=resp.status_code == 304, method=method)
        if error is None:
            res.blocked = challenge_reason(resp.status_code, body, hdrs)
            if res.blocked:
                res.error = res.blocked
        return res

    def _read_body(self, resp: requests.Response, hdrs: dict[str, str]) -> tuple[bytes, str | None]:
        """The body, within the size cap (a small one for pages: a gzip bomb of a list page is refused
        before it fills memory) and within a wall-clock deadline that a watchdog enforces even while a
        read blocks on a server sending one byte a second."""
        ctype = (hdrs.get("content-type") or "").lower()
        page = ctype.startswith(("text/", "application/json", "application/xhtml", "application/xml"))
        cap = min(self.policy.max_bytes, self.policy.max_page_bytes) if page else self.policy.max_bytes
        declared = hdrs.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap and "content-encoding" not in hdrs:
            return b"", f"body too large: Content-Length {declared} > {cap}"
        chunks: list[bytes] = []
        size = 0
        expired = threading.Event()
        watchdog = threading.Timer(self.policy.max_seconds, _abort_read, (resp, expired))
        watchdog.daemon = True
        watchdog.start()
        try:
            for chunk in resp.iter_content(16384):
                size += len(chunk)
                if size > cap:
                    return b"", f"body too large: > {cap} bytes" + (" (decompressed page)" if page else "")
                if expired.is_set():
                    break
                chunks.append(chunk)
        except (requests.ConnectionError, requests.Timeout) as exc:
            if expired.is_set():
                return b"", f"download exceeded {self.policy.max_seconds:.0f} s"
            kind = "truncated body" if "IncompleteRead" in str(exc) else "body interrupted"
            return b"", f"transient: {kind} ({size} bytes received: {exc.__class__.__name__})"
        except requests.RequestException as exc:
            if expired.is_set():
                return b"", f"download exceeded {self.policy.max_seconds:.0f} s"
            kind = "truncated body" if "IncompleteRead" in str(exc) else "body read failed"
            return b"", f"transient: {kind} ({size} bytes received: {exc.__class__.__name__})"
        except (OSError, ValueError, AttributeError) as exc:  # the watchdog closed the socket under the read
            if expired.is_set():
                return b"", f"download exceeded {self.policy.max_seconds:.0f} s"
            return b"", f"transient: body read failed ({size} bytes received: {exc.__class__.__name__})"
        finally:
            watchdog.cancel()
        if expired.is_set():
            return b"", f"download exceeded {self.policy.max_seconds:.0f} s"
        body = b"".join(chunks)
        if declared and declared.isdigit() and resp.status_code == 200 and len(body) < int(declared) \
                and "content-encoding" not in hdrs:
            return b"", f"transient: truncated body ({len(body)} of {declared} bytes)"
        if page or body.lstrip()[:1] == b"<":  # markup, whatever the Content-Type says
            bomb = markup_bomb(body, self.policy.max_page_tags)
            if bomb:
                return b"", bomb
        return body, None
