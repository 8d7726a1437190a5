"""A run's last task states what went wrong earlier in the run, so Airflow's own run state shows it (Airflow
judges a run by its leaf tasks only): a failing or blocked source, a crawl or process task that failed after
its retries (issue 14 item 4). Plain functions: no Airflow needed."""

from __future__ import annotations

import logging

import pytest
from selfeval.pipeline.tasks import BatchesFailed, SourcesUnhealthy, process_verdict, run_health


def _result(sid: str, errors=(), items=3, blocked=None) -> dict:
    crawl = {"source_id": sid, "pages": 1, "items_seen": items, "items_new": 1, "relevant_new": 1,
             "errors": list(errors), "blocked": blocked}
    return {"crawl": crawl, "download": {"downloaded": 1, "unchanged": 0, "failed": 0, "blocked": None},
            "requests": 4}


def test_healthy_run_is_one_line_and_every_source_is_logged(caplog):
    with caplog.at_level(logging.INFO, logger="selfeval.pipeline.tasks"):
        assert run_health([_result("a"), _result("b")], [["a"], ["b"]]) == \
            "2 source(s) crawled, 0 failing or blocked"
    assert [r.getMessage().split(";")[0] for r in caplog.records] == ["source a: ok", "source b: ok"]
    assert all(r.levelno == logging.INFO for r in caplog.records)


def test_failing_blocked_and_lost_sources_fail_the_run():
    results = [_result("ok-one"), _result("refused", errors=["http://x/: host unreachable: connection refused"],
                                          items=0), _result("walled", blocked="anti-bot challenge (edgeone)")]
    with pytest.raises(SourcesUnhealthy) as exc:
        # host group [lost, ok-two]: its crawl_source task failed after its retries, so it left no result
        run_health(results, [["ok-one"], ["refused"], ["walled"], ["lost", "ok-two"]])
    assert exc.value.summary == "5 source(s) crawled, 4 failing or blocked (refused, walled, lost, ok-two)"
    assert "connection refused" in str(exc.value) and "crawl_source task of host group lost, ok-two" in str(exc.value)
    with pytest.raises(SourcesUnhealthy, match="select_sources failed"):
        run_health([], None)
    assert run_health([], []) == "0 source(s) crawled, 0 failing or blocked"


def test_a_failed_batch_fails_the_process_run():
    done = [{"documents": 20, "reports": 18, "failed": 1}, {"documents": 5, "reports": 5, "failed": 0}]
    counts = {"reports_current": 40, "reports_quarantined": 2}
    assert process_verdict([[1], [2]], done, counts) == (
        "25 document version(s) processed in 2 batch(es): 23 report(s) loaded, 1 failed; "
        "warehouse: 40 current report(s), 2 quarantined")
    with pytest.raises(BatchesFailed, match="1 of 3 batch"):
        process_verdict([[1], [2], [3]], done, counts)
    with pytest.raises(BatchesFailed, match="plan failed"):
        process_verdict(None, [], counts)
