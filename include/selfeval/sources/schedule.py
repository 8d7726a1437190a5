"""When a source is due: the one reading of a source's `schedule` for the crawl DAG, the alerts and the UI.

The crawl DAG ticks on its own (frequent) schedule; each tick crawls only the sources that are due. Two kinds
of source schedule exist, and they mean different things on purpose:

* a **preset** (`@hourly` … `@yearly`) is a *period*: crawl again once that much time has passed since the
  last successful crawl, whenever the DAG next ticks (90 % of the period, so a tick a few minutes early does
  not skip a whole period);
* a **cron expression** is a *calendar*: crawl at the first DAG tick after each time the cron fires. A source
  with `0 6 * * 1` is crawled once every Monday morning, never on other days.

`@once` is crawled until it succeeds once. Periods: a month is 30 days and a year 365; the silent-source alert
uses the same periods (`period`), so the UI, the alerts and the DAG can never disagree.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from croniter import croniter

PRESET_PERIODS: dict[str, timedelta] = {
    "@hourly": timedelta(hours=1), "@daily": timedelta(days=1), "@weekly": timedelta(weeks=1),
    "@monthly": timedelta(days=30), "@yearly": timedelta(days=365),
}
PRESETS = frozenset(PRESET_PERIODS) | {"@once"}
EARLY = 0.9  # a preset source is due after 90 % of its period


class ScheduleError(ValueError):
    """A schedule that is neither a known preset nor a valid 5-field cron expression."""


def check(schedule: str) -> str:
    """The schedule unchanged, or ScheduleError saying what is wrong with it (used by the source schema)."""
    if schedule.startswith("@"):
        if schedule not in PRESETS:
            raise ScheduleError(f"unknown preset {schedule!r} (one of {', '.join(sorted(PRESETS))})")
        return schedule
    if len(schedule.split()) != 5:
        raise ScheduleError(f"not a 5-field cron expression: {schedule!r}")
    if not croniter.is_valid(schedule):
        raise ScheduleError(f"invalid cron expression: {schedule!r}")
    return schedule


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _cron_after(schedule: str, moment: datetime) -> datetime:
    """The first time the cron fires strictly after `moment` (cron is read in UTC)."""
    return _utc(croniter(schedule, _utc(moment)).get_next(datetime))


def next_due(schedule: str, last_success: datetime | None, now: datetime | None = None) -> datetime | None:
    """The earliest time the source is due again; None when it never will be (`@once`, done)."""
    now = _utc(now or datetime.now(UTC))
    if last_success is None:
        return now
    last_success = _utc(last_success)
    if schedule == "@once":
        return None
    if schedule in PRESET_PERIODS:
        return last_success + PRESET_PERIODS[schedule] * EARLY
    return _cron_after(schedule, last_success)


def is_due(schedule: str, last_success: datetime | None, now: datetime | None = None) -> bool:
    """True when a DAG tick at `now` should crawl a source last crawled successfully at `last_success`."""
    now = _utc(now or datetime.now(UTC))
    due = next_due(schedule, last_success, now)
    return due is not None and due <= now


def period(schedule: str, now: datetime | None = None) -> timedelta:
    """The expected time between two crawls (for 'silent for N periods'): a preset's period, or the gap
    between the cron's next two firings after `now`; `@once` and unknown schedules count as a day."""
    if schedule in PRESET_PERIODS:
        return PRESET_PERIODS[schedule]
    if schedule.startswith("@"):
        return timedelta(days=1)
    first = _cron_after(schedule, now or datetime.now(UTC))
    return _cron_after(schedule, first) - first


def first_fire_at_or_after(schedule: str | None, tick: datetime, due: datetime) -> datetime:
    """The first firing of a DAG schedule, known to fire at `tick`, that is not before `due` (UI estimate).
    A preset DAG schedule steps by its period; a cron one is walked; anything else gives `due` itself."""
    tick, due = _utc(tick), _utc(due)
    if schedule in PRESET_PERIODS:
        step = PRESET_PERIODS[schedule]
        n = max(0, -((tick - due) // step))  # ceil((due - tick) / step)
        return tick + step * n
    if not schedule or schedule.startswith("@") or not croniter.is_valid(schedule):
        return due
    if tick >= due:
        return tick
    return _cron_after(schedule, due - timedelta(seconds=1))
