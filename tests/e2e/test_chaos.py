"""The short variant of the chaos bench (bench/chaos.py): stages killed at random moments while two loopback
portals misbehave in 22 ways; the warehouse ends exactly as a clean run leaves it (issue 13)."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


def test_kills_and_faults_lose_nothing(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import chaos
    finally:
        sys.path.remove(str(ROOT / "bench"))
    r = chaos.run_chaos(kills=4, seed=11, workdir=tmp_path)
    line = chaos.summary_line(r)
    assert r["kills"] >= 1, line
    assert (r["lost"], r["duplicated"], r["stuck"], r["differs"]) == (0, 0, 0, []), (line, r["runs"])
    assert r["faults_recorded"] == r["faults_total"] == len(chaos.NEVER_SUCCEED), line
    assert r["fault_modes"] >= 20 and r["reports"] == 8
    assert r["max_rss_mb"] < 1024, line
