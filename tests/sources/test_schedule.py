"""Source schedules: presets are periods, cron expressions are calendars; the DAG, alerts and UI agree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from selfeval.sources import schedule
from selfeval.sources.registry import check_sources

MONDAY_0600 = "0 6 * * 1"  # 2024-09-02 is a Monday


def at(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2024, 9, day, hour, minute, tzinfo=UTC)


def test_cron_source_runs_when_its_cron_says_not_daily():
    last = at(2, 6, 5)  # crawled Monday 06:05
    hourly_ticks = [at(2, 7) + timedelta(hours=h) for h in range(24 * 8)]
    due = [t for t in hourly_ticks if schedule.is_due(MONDAY_0600, last, t)]
    assert due[0] == at(9, 6)  # the next Monday's 06:00 tick, not Tuesday's
    assert all(t >= at(9, 6) for t in due)


def test_cron_replay_over_a_month_crawls_once_per_firing():
    """Replaying a month of hourly DAG ticks, crawling whenever due, crawls exactly on each Monday."""
    last, crawls = None, []
    for h in range(24 * 30):
        tick = at(1) + timedelta(hours=h)
        if schedule.is_due(MONDAY_0600, last, tick):
            crawls.append(tick)
            last = tick + timedelta(minutes=3)
    assert crawls[0] == at(1)  # never crawled: due at once
    assert crawls[1:] == [at(2, 6), at(9, 6), at(16, 6), at(23, 6), at(30, 6)]


def test_presets_are_periods_with_early_tolerance():
    last = at(2, 13, 0)
    assert not schedule.is_due("@daily", last, at(3, 9))
    assert schedule.is_due("@daily", last, at(3, 11))  # 22 h >= 90 % of a day
    assert schedule.is_due("@weekly", last, at(9, 0)) and not schedule.is_due("@weekly", last, at(8, 0))
    assert schedule.is_due("@once", None, at(2)) and not schedule.is_due("@once", last, at(30))
    assert schedule.next_due("@once", last) is None


def test_silent_period_of_cron_is_its_firing_gap():
    assert schedule.period(MONDAY_0600, at(3)) == timedelta(weeks=1)
    assert schedule.period("*/15 * * * *", at(3)) == timedelta(minutes=15)
    assert schedule.period("@monthly") == timedelta(days=30)


def test_dag_fire_estimate_for_ui():
    assert schedule.first_fire_at_or_after("@hourly", at(2, 11), at(3, 6, 30)) == at(3, 7)
    assert schedule.first_fire_at_or_after("0 */6 * * *", at(2, 12), at(3, 7)) == at(3, 12)
    assert schedule.first_fire_at_or_after(None, at(2, 12), at(3, 7)) == at(3, 7)


@pytest.mark.parametrize("bad", ["61 * * * *", "@fortnightly", "every day", "* * * *"])
def test_invalid_schedules_are_config_errors(tmp_path, bad):
    (tmp_path / "cron-src.yaml").write_text(
        "id: cron-src\nname: n\nfamily: static_list\nstart_urls: ['https://a.gov.cn/']\n"
        f"schedule: {bad!r}\n", encoding="utf-8")
    _, problems = check_sources(tmp_path)
    assert [p.key for p in problems] == ["schedule"]


def test_select_sources_honours_cron(tmp_path, monkeypatch):
    """The crawl DAG's selection picks a cron source only at ticks after its cron fired."""
    from selfeval.pipeline.tasks import select_sources
    from selfeval.warehouse.db import session_scope
    from selfeval.warehouse.models import CrawlRun, Source

    src = tmp_path / "sources"
    src.mkdir()
    for sid, sched in (("weekly-cron", MONDAY_0600), ("daily", "@daily")):
        (src / f"{sid}.yaml").write_text(
            f"id: {sid}\nname: {sid}\nfamily: static_list\nstart_urls: ['https://{sid}.gov.cn/']\n"
            f"schedule: '{sched}'\n", encoding="utf-8")
    monkeypatch.setenv("SELFEVAL_SOURCES", str(src))
    monkeypatch.setenv("SELFEVAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SELFEVAL_WAREHOUSE_URL", raising=False)
    assert select_sources(now=at(2, 6)) == ["daily", "weekly-cron"]  # never crawled: both due
    from selfeval.settings import get_settings

    with session_scope(get_settings().warehouse_url) as s:
        for sid in ("weekly-cron", "daily"):
            s.add(Source(id=sid, name=sid, family="static_list", config={}, updated_at=at(2, 6)))
            s.flush()
            s.add(CrawlRun(source_id=sid, run_key=f"t/{sid}", dag_id="t", dag_run_id="t", task_id="t",
                           started_at=at(2, 6), finished_at=at(2, 6, 5), status="success"))
    assert select_sources(now=at(3, 6)) == ["daily"]
    assert select_sources(now=at(8, 23)) == ["daily"]
    assert select_sources(now=at(9, 6)) == ["daily", "weekly-cron"]
