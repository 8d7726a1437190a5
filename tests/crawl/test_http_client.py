"""The HTTP client against a fault-injecting server on loopback: retries, Retry-After, caps, guards, challenges."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selfeval.crawl.guard import UnsafeURL, check_url
from selfeval.crawl.http import ClientPolicy, HttpClient


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def hit(self, path: str) -> int:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, code: int, body: bytes = b"ok", headers: dict | None = None, length: int | None = None):
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        n = self.server.hit(self.path)
        p = self.path
        if p == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n")
        if p == "/flaky":
            return self._send(503) if n <= 2 else self._send(200, b"finally")
        if p == "/ratelimited":
            return self._send(429, headers={"Retry-After": "7"}) if n == 1 else self._send(200, b"ok")
        if p == "/always500":
            return self._send(500)
        if p == "/big":
            return self._send(200, b"x" * 10, length=10_000_000)
        if p == "/truncated":
            self._send(200, b"short", length=1000)
            self.close_connection = True
            return None
        if p == "/challenge":
            return self._send(412, b"<html><script>$_ts=window['$_ts'];$_ts.nsd=1;</script></html>")
        if p == "/loop":
            return self._send(302, b"", headers={"Location": "/loop"})
        if p == "/offsite":
            return self._send(302, b"", headers={"Location": "http://evil.example/steal"})
        if p == "/slow":
            time.sleep(1.5)
            return self._send(200)
        if p == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304, b"")
            return self._send(200, b"doc", headers={"ETag": '"v1"'})
        return self._send(404, b"nope")


@pytest.fixture
def server():
    srv = FaultServer()
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()


def client(server, **kw) -> tuple[HttpClient, list[float]]:
    waits: list[float] = []
    policy = ClientPolicy(user_agent="selfeval-test/1", allow_hosts=["127.0.0.1"], allow_private=True,
                          requests_per_second=1000, timeout_s=kw.pop("timeout_s", 5), max_retries=3, **kw)
    return HttpClient(policy, sleep=waits.append), waits


def url(server, path):
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_5xx_burst_is_retried_with_backoff(server):
    c, waits = client(server)
    res = c.get(url(server, "/flaky"))
    assert res.ok and res.body == b"finally" and res.attempts == 3
    assert len(waits) == 2 and waits[1] > waits[0] * 0.6  # exponential with jitter


def test_retry_after_is_honoured(server):
    c, waits = client(server)
    res = c.get(url(server, "/ratelimited"))
    assert res.ok and waits == [7.0]


def test_persistent_failure_is_reported_not_raised(server):
    c, _ = client(server)
    res = c.get(url(server, "/always500"))
    assert not res.ok and res.error == "HTTP 500" and res.attempts == 4


def test_size_cap_and_truncation(server):
    c, _ = client(server, max_bytes=1_000_000)
    assert "too large" in c.get(url(server, "/big")).error
    res = c.get(url(server, "/truncated"))
    assert not res.ok and "truncated" in res.error


def test_challenge_page_is_blocked_without_retry(server):
    c, waits = client(server)
    res = c.get(url(server, "/challenge"))
    assert res.blocked and "ruishu" in res.blocked and not res.ok
    assert server.hits["/challenge"] == 1 and waits == []


def test_redirect_loop_and_offsite_redirect(server):
    c, _ = client(server)
    assert "too many redirects" in c.get(url(server, "/loop")).error
    res = c.get(url(server, "/offsite"))
    assert "redirect refused" in res.error and "evil.example" in res.error


def test_robots_disallow_and_timeout(server):
    c, _ = client(server, timeout_s=0.5)
    assert c.get(url(server, "/private/x")).error == "disallowed by robots.txt"
    assert "/private/x" not in server.hits
    res = c.get(url(server, "/slow"))
    assert not res.ok and "timeout" in res.error


def test_conditional_get(server):
    c, _ = client(server)
    first = c.get(url(server, "/etag"))
    second = c.get(url(server, "/etag"), etag=first.headers["etag"])
    assert second.not_modified and second.ok and second.body == b""


def test_loopback_refused_unless_source_allows(server):
    policy = ClientPolicy(user_agent="t", allow_hosts=["127.0.0.1"], allow_private=False)
    res = HttpClient(policy).get(url(server, "/flaky"))
    assert "refused address" in res.error
    assert server.hits == {}  # not even robots.txt was requested


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
                                    "http://[::1]/", "file:///etc/passwd", "ftp://x.gov.cn/a"])
def test_guard_refuses_inward_and_non_http(target):
    with pytest.raises(UnsafeURL):
        check_url(target, [], allow_private=False)


@pytest.mark.parametrize("addr", ["64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::c0a8:101", "2002:7f00:1::1",
                                  "2002:a9fe:a9fe::1", "2001:0:4136:e378:8000:63bf:80ff:fffe", "::7f00:1",
                                  "::a9fe:a9fe"])
def test_guard_refuses_private_ipv4_inside_ipv6_transition_forms(addr):
    import ipaddress

    from selfeval.crawl.guard import AddressPolicy

    assert AddressPolicy().refusal(ipaddress.ip_address(addr)) is not None


def test_guard_allows_a_global_ipv4_inside_nat64():
    import ipaddress

    from selfeval.crawl.guard import AddressPolicy

    assert AddressPolicy().refusal(ipaddress.ip_address("64:ff9b::808:808")) is None  # 8.8.8.8


@pytest.mark.parametrize("addr", ["64:ff9b::7f00:1", "64:ff9b:1::7f00:1", "2002:7f00:1::1", "::7f00:1",
                                  "64:ff9b::a00:1", "2001:0:4136:e378:8000:63bf:80ff:fffe"])
def test_transition_forms_refused_even_where_private_networks_are_allowed(addr):
    """A loopback test portal's source allows 127.0.0.0/8 (or every private range): NAT64/6to4/Teredo forms of
    those addresses still point at a translator's network, so they stay refused (chaos suite, issue 13)."""
    import ipaddress

    from selfeval.crawl.guard import AddressPolicy

    for policy in (AddressPolicy(True, ("127.0.0.0/8",)), AddressPolicy(True, ())):
        why = policy.refusal(ipaddress.ip_address(addr))
        assert why is not None and "transition" in why, (addr, policy, why)
    # the direct forms stay admitted where allowed
    assert AddressPolicy(True, ("127.0.0.0/8",)).refusal(ipaddress.ip_address("::ffff:127.0.0.1")) is None
    assert AddressPolicy(True, ("127.0.0.0/8",)).refusal(ipaddress.ip_address("127.0.0.1")) is None


def test_check_url_refuses_nat64_loopback_for_a_loopback_source():
    """Checked before any socket is opened, on the first URL and on every redirect hop."""
    for url in ("http://[64:ff9b::7f00:1]/x.pdf", "http://[2002:7f00:1::1]:8080/x.pdf"):
        with pytest.raises(UnsafeURL, match="transition"):
            check_url(url, ["127.0.0.1"], allow_private=True, private_networks=["127.0.0.0/8"])
