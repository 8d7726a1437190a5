"""The short variant of the chaos bench (bench/chaos.py --quick): ten fault modes of the fault portal (retried
5xx burst, reset, timeout, chunked slow loris, NAT64 redirect, path traversal, GBK labelled UTF-8, a pager
trap, an HTML bomb, a challenge page) plus the demo portal, three SIGKILLs of the crawl and process stages at
random moments, each followed by a re-run; the warehouse ends exactly as a clean run leaves it (issue 13)."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT
from tests.crawl.faultportal import QUICK

pytestmark = pytest.mark.e2e


@pytest.mark.timeout(300)
def test_kills_and_faults_lose_nothing(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import chaos
    finally:
        sys.path.remove(str(ROOT / "bench"))
    r = chaos.run_chaos(kills=3, rounds=1, seed=11, modes=QUICK, entries=36, workdir=tmp_path)
    line = chaos.summary_line(r)
    print("\n".join([*chaos.detail_lines(r), line]))
    assert r["kills"] == 3, (line, r["runs"])
    assert (r["lost"], r["duplicated"], r["stuck"]) == (0, 0, 0), (line, r["differs"], r["stuck_detail"])
    assert not r["differs"] and r["reports"] == r["reports_clean"] > 8, line  # the demo's 8 and the fault portal's
    assert r["faults_served"] == r["fault_modes"] == len(QUICK), r["unserved"]
    assert r["faults_recorded"] == r["faults_served"], r["unrecorded"]
    assert not r["crashes"] and not r["hung"], (r["crashes"], r["hung"])
    assert r["crawl_rss_mb"] < 1024, line  # the HTML bomb list page among them
    assert chaos.passed(r)
