"""Requests per source: a full crawl, and a re-crawl of the unchanged portal, for each CMS family.

Runs the real crawl + download stages (`selfeval.pipeline.crawl.crawl_source`,
`selfeval.pipeline.download.download_source`) against the loopback test portals
of `tests/crawl/portals.py` (36 items over 4 list pages each), each with its own
SQLite warehouse and state file in a temp dir, and counts the requests the
portal served (robots.txt included). The goal for a re-crawl is at most 1.1
requests per list column: a 304 on page 1 (static families), or page 1 alone
when every item on it is already known (POST/JSON families).

    .venv/bin/python bench/bench_crawl.py            # all families
    .venv/bin/python bench/bench_crawl.py vsb css    # some of them
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL = 1.1


def _portals() -> dict:
    from tests.crawl.portals import CssPortal, GkmlptPortal, HanwebPortal, SearchPortal, TrsPortal, VsbPortal

    return {"static_list": TrsPortal, "hanweb_jcms": HanwebPortal, "vsb": VsbPortal, "gkmlpt": GkmlptPortal,
            "search-json": lambda: SearchPortal(fmt="json"), "search-html": lambda: SearchPortal(fmt="html"),
            "css": CssPortal}


def _run(source, settings) -> None:
    from selfeval.pipeline.context import RunContext
    from selfeval.pipeline.crawl import crawl_source, make_client
    from selfeval.pipeline.download import download_source

    client = make_client(source, settings, sleep=lambda _s: None)
    ctx = RunContext.cli("bench")
    crawl_source(source, settings, ctx, client=client)
    download_source(source, settings, ctx, client=client)


def bench_family(name: str, factory) -> dict:
    """(full, re-crawl) request counts of one family portal, in a private data dir."""
    from selfeval.settings import get_settings
    from selfeval.sources.schema import SourceConfig
    from selfeval.warehouse.db import upgrade

    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
        os.environ["SELFEVAL_DATA_DIR"] = tmp
        os.environ.pop("SELFEVAL_WAREHOUSE_URL", None)
        settings = get_settings()
        upgrade(settings.warehouse_url)
        with factory() as portal:
            source = SourceConfig.model_validate(portal.source())
            source.politeness.requests_per_second = 2000  # loopback: measure requests, not politeness waits
            columns = len(portal.start_paths()) * max(1, len(source.search.keywords) if source.family == "search"
                                                      else 1)
            started = time.monotonic()
            _run(source, settings)
            full, full_s = len(portal.hits()), time.monotonic() - started
            portal.reset_log()
            started = time.monotonic()
            _run(source, settings)
            again, again_s = len(portal.hits()), time.monotonic() - started
    return {"family": name, "items": len(portal.entries), "columns": columns, "full": full, "full_s": full_s,
            "recrawl": again, "recrawl_s": again_s, "per_column": again / columns}


def main(argv: list[str]) -> int:
    portals = _portals()
    names = argv or list(portals)
    rows = [bench_family(n, portals[n]) for n in names]
    print(f"{'family':<13} {'items':>5} {'columns':>7} {'full crawl':>10} {'re-crawl':>8} {'re-crawl/column':>15}"
          f" {'full s':>7} {'re s':>6}")
    for r in rows:
        print(f"{r['family']:<13} {r['items']:>5} {r['columns']:>7} {r['full']:>10} {r['recrawl']:>8} "
              f"{r['per_column']:>15.2f} {r['full_s']:>7.2f} {r['recrawl_s']:>6.2f}")
    total_cols = sum(r["columns"] for r in rows)
    ratio = sum(r["recrawl"] for r in rows) / total_cols
    full_ratio = sum(r["full"] for r in rows) / sum(r["recrawl"] for r in rows)
    print(f"\nre-crawl: {ratio:.2f} requests per list column (goal <= {GOAL}); "
          f"a full crawl costs {full_ratio:.0f}x the requests of a re-crawl")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
