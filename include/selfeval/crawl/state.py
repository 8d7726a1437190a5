"""Per-source crawl state kept between runs: in the warehouse (table `crawl_state`, written through the
`saver` that `selfeval.pipeline.crawl.load_state` gives it), so every Airflow worker of a scaled-out
deployment reads what the last crawl left, whichever worker ran it; without a saver, in
`SELFEVAL_DATA_DIR/state/<source_id>.json` (where versions before the table kept it: read once, when the
warehouse holds no state for the source yet).

The warehouse keeps what was *found* (discovered_item = the seen URLs,
source.watermark_date = the newest publish date); this file keeps what only the
crawler needs to be cheap and polite next time:

- `lists`: ETag / Last-Modified of each list page, replayed as a conditional GET;
- `starts`: per start URL whether the last crawl walked it to the end. Only then
  may a re-crawl trust "this page is known / 304" and stop paging; after an
  interrupted or failing crawl the next one walks every page again;
- `notes`: family discoveries per start URL (a gkmlpt sid);
- `robots`: robots.txt per origin, reused for up to 24 h (RFC 9309 2.4);
- `blocked`: anti-bot back-off (until when, how many times in a row, evidence).

Written in one statement (the file: temp file + rename) and only after the rows it describes are
committed, so a crash leaves an older, still-true state rather than a torn one.
Losing it costs one full crawl (and forgets an anti-bot back-off).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from selfeval.store.atomic import write_atomic

ROBOTS_TTL = timedelta(hours=24)
BLOCK_BASE = timedelta(hours=6)
BLOCK_CAP = timedelta(days=7)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class CrawlState:
    path: Path
    lists: dict[str, dict[str, str | None]] = field(default_factory=dict)
    starts: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)
    robots: dict[str, dict[str, Any]] = field(default_factory=dict)
    blocked: dict[str, Any] | None = None
    # where save() writes the payload instead of `path` (the warehouse row)
    saver: Callable[[dict[str, Any]], None] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def for_source(cls, data_dir: Path, source_id: str) -> CrawlState:
        return cls.load(Path(data_dir) / "state" / f"{source_id}.json")

    @classmethod
    def load(cls, path: Path) -> CrawlState:
        """The saved state, or an empty one if the file is missing or unreadable (costs one full crawl)."""
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls(path=path)
        return cls.from_payload(path, raw)

    @classmethod
    def from_payload(cls, path: Path, raw: dict[str, Any],
                     saver: Callable[[dict[str, Any]], None] | None = None) -> CrawlState:
        raw = raw if isinstance(raw, dict) else {}
        return cls(path=path, lists=raw.get("lists") or {}, starts=raw.get("starts") or {},
                   notes=raw.get("notes") or {}, robots=raw.get("robots") or {}, blocked=raw.get("blocked"),
                   saver=saver)

    def payload(self) -> dict[str, Any]:
        return {"lists": self.lists, "starts": self.starts, "notes": self.notes, "robots": self.robots,
                "blocked": self.blocked, "saved_at": _now().isoformat()}

    def save(self) -> None:
        payload = self.payload()
        if self.saver is not None:
            self.saver(payload)
            return
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True))

    # -- list pages -------------------------------------------------------------------------------
    def complete(self, start: str) -> bool:
        return bool(self.starts.get(start, {}).get("complete"))

    def validators(self) -> dict[str, tuple[str | None, str | None]]:
        return {url: (v.get("etag"), v.get("last_modified")) for url, v in self.lists.items()}

    def remember_page(self, url: str, headers: dict[str, str]) -> None:
        etag, lm = headers.get("etag"), headers.get("last-modified")
        if etag or lm:
            self.lists[url] = {"etag": etag, "last_modified": lm}
        else:
            self.lists.pop(url, None)

    def finish_start(self, start: str, complete: bool) -> None:
        self.starts[start] = {"complete": complete, "at": _now().isoformat()}

    # -- robots.txt -------------------------------------------------------------------------------
    def fresh_robots(self) -> dict[str, dict[str, Any]]:
        """Cached robots.txt younger than 24 h; an "unreachable" verdict is never reused."""
        out = {}
        for origin, snap in self.robots.items():
            try:
                age = _now() - datetime.fromisoformat(snap["fetched_at"])
            except (KeyError, ValueError, TypeError):
                continue
            if age < ROBOTS_TTL and snap.get("verdict") != "disallow-all":
                out[origin] = snap
        return out

    # -- anti-bot back-off ------------------------------------------------------------------------
    def backing_off(self) -> str | None:
        """Evidence and deadline if the source was challenged recently, else None."""
        if not self.blocked:
            return None
        until = datetime.fromisoformat(self.blocked["until"])
        if _now() >= until:
            return None
        return f"backing off until {until.isoformat(timespec='minutes')} after: {self.blocked.get('evidence')}"

    def record_block(self, evidence: str) -> None:
        """Back off 6 h, doubling for each consecutive challenged crawl, at most 7 days."""
        count = int((self.blocked or {}).get("count", 0)) + 1
        wait = min(BLOCK_CAP, BLOCK_BASE * 2 ** (count - 1))
        self.blocked = {"count": count, "evidence": evidence, "since": _now().isoformat(),
                        "until": (_now() + wait).isoformat()}

    def clear_block(self) -> None:
        self.blocked = None
