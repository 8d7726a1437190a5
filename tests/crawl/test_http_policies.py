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
