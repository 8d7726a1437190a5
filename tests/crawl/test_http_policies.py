"""HttpClient policies on loopback: the connect-time address guard, robots.txt per RFC 9309, host limits."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import selfeval.crawl.http as http
from selfeval.crawl.guard import UnsafeURL, check_url
from selfeval.crawl.http import ClientPolicy, HttpClient

from tests.crawl.portals import Response, TrsPortal


def _client(portal, **kw) -> tuple[HttpClient, list[float]]:
    sleeps: list[float] = []
    policy = ClientPolicy(user_agent="selfeval-test/1", allow_hosts=["127.0.0.1"], allow_private=True,
                          requests_per_second=1000, timeout_s=2, **kw)
    return HttpClient(policy, sleep=sleeps.append), sleeps


@pytest.fixture
def portal():
    with TrsPortal(n=12) as p:
        yield p


def test_connect_time_guard_refuses_even_when_the_precheck_is_fooled(portal, monkeypatch):
    """DNS rebinding: the name passed the check, then resolves inward at connect time. No socket is opened."""
    monkeypatch.setattr(http, "check_url", lambda *a, **k: None)  # the URL-level check is fooled
    client = HttpClient(ClientPolicy(user_agent="t", allow_hosts=["127.0.0.1"], allow_private=False,
                                     respect_robots=False), sleep=lambda s: None)
    res = client.get(portal.url("/zwgk/jxzp/index.html"))
    assert res.error and res.error.startswith("connect refused") and "127.0.0.1" in res.error
    assert res.attempts == 1 and client.connect_log == [] and portal.hits() == []


def test_private_networks_narrow_allow_private():
    check_url("http://127.0.0.1:1/", [], allow_private=True, private_networks=["127.0.0.0/8"])
    with pytest.raises(UnsafeURL, match="outside"):
        check_url("http://10.0.0.1/", [], allow_private=True, private_networks=["127.0.0.0/8"])
    for target in ("http://169.254.169.254/", "http://[fe80::1]/", "http://0.0.0.0/", "http://[::ffff:169.254.169.254]/"):
        with pytest.raises(UnsafeURL):
            check_url(target, [], allow_private=True)  # link-local / metadata never, whatever the source says


@pytest.mark.parametrize("status,verdict,allowed", [(404, "allow-all", True), (503, "disallow-all", False),
                                                    (200, "parsed", False)])
def test_robots_txt_rfc9309(portal, status, verdict, allowed):
    portal.special["/robots.txt"] = Response(status, b"User-agent: *\nDisallow: /zwgk/\n", "text/plain")
    client, _ = _client(portal, max_retries=1)
    res = client.get(portal.url("/zwgk/jxzp/index.html"))
    assert client.robots_snapshot()[portal.base]["verdict"] == verdict
    assert res.ok is allowed
    if not allowed:
        assert "robots.txt" in res.error and "/zwgk/jxzp/index.html" not in [p for _m, p, _s in portal.hits()]


def test_cached_robots_is_reused_without_a_request(portal):
    client, _ = _client(portal)
    client.get(portal.url("/zwgk/jxzp/index.html"))
    snap = client.robots_snapshot()
    portal.reset_log()
    second, _ = _client(portal)
    for origin, s in snap.items():
        second.seed_robots(origin, s)
    second.get(portal.url("/zwgk/jxzp/index.html"))
    assert [p for _m, p, _s in portal.hits()] == ["/zwgk/jxzp/index.html"]


def test_retry_after_beyond_the_cap_is_not_waited_for(portal):
    portal.faults["/zwgk/jxzp/index.html"] = ["429:3600"]
    client, sleeps = _client(portal)
    res = client.get(portal.url("/zwgk/jxzp/index.html"))
    assert not res.ok and "Retry-After 3600" in res.error and sleeps == []


def test_per_host_concurrency_cap(portal):
    active, peak, lock = [0], [0], threading.Lock()
    original = portal.route

    def slow_route(*args):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return original(*args)

    portal.route = slow_route
    client, _ = _client(portal, concurrency=2, respect_robots=False)
    urls = [portal.url(e.detail_path) for e in portal.entries]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(client.get, urls))
    assert all(r.ok for r in results)
    assert peak[0] <= 2 and client.limiter.max_in_flight["127.0.0.1"] <= 2


class _RawServer:
    """A loopback server that answers every request with a handler writing raw bytes to the socket."""

    def __init__(self, handler):
        import socket as _s
        self.sock = _s.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.handler = handler
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            if data.startswith(b"GET /robots.txt"):
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            else:
                self.handler(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.sock.close()


def test_trickling_body_with_content_length_stops_at_the_deadline():
    """1 byte a second with a Content-Length: the wall-clock cap holds although every read makes progress."""
    def trickle(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100000\r\n\r\n")
        for _ in range(60):
            conn.sendall(b"%")
            time.sleep(1)

    srv = _RawServer(trickle)
    try:
        client = HttpClient(ClientPolicy(user_agent="t", allow_hosts=["127.0.0.1"], allow_private=True,
                                         timeout_s=5, max_seconds=2, max_retries=0), sleep=lambda s: None)
        t0 = time.monotonic()
        res = client.get(f"http://127.0.0.1:{srv.port}/doc.pdf")
        assert time.monotonic() - t0 < 6
        assert res.error and "exceeded 2 s" in res.error
    finally:
        srv.close()


def test_gzip_bomb_list_page_is_refused_without_inflating_it():
    import gzip
    import resource

    bomb = gzip.compress(b"<html>" + b" " * (60 * 1024 * 1024) + b"</html>", 9)

    def serve(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
                     + f"Content-Length: {len(bomb)}\r\nConnection: close\r\n\r\n".encode() + bomb)

    srv = _RawServer(serve)
    try:
        client = HttpClient(ClientPolicy(user_agent="t", allow_hosts=["127.0.0.1"], allow_private=True,
                                         timeout_s=5, max_retries=0), sleep=lambda s: None)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        res = client.get(f"http://127.0.0.1:{srv.port}/list.html")
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        assert res.error and "body too large" in res.error and "decompressed page" in res.error
        assert grown_mb < 40, grown_mb
    finally:
        srv.close()
