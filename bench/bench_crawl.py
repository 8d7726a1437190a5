"""Requests per source: a full crawl against the ideal, and a re-crawl of the unchanged portal, per CMS family.

Runs the real crawl + download stages (`selfeval.pipeline.crawl.crawl_source`,
`selfeval.pipeline.download.download_source`) against the loopback test portals
of `tests/crawl/portals.py` (36 items over 3-4 list pages each), each with its own
SQLite warehouse and state file in a temp dir, and counts the requests the
portal served (robots.txt included).

The full crawl is compared with the ideal: what a perfect crawler requests, taken
from the portal's own truth (`Portal.ideal_requests`), not from the crawler: every
list request, the detail page of every relevant item and of every title that
cannot tell (决算公开: its page is looked at), unless the listing names its
documents, and every document to store. Goal: requests/ideal <= 1.05; requests a
family makes beyond the ideal are broken down by kind (robots.txt, list, detail,
document) so the cause shows. The goal for a re-crawl is at most 1.1 requests per
list column: a 304 on page 1 (static families), or page 1 alone when every item on
it is already known (POST/JSON families). Each family also prints its recall
(stored documents of the reports a person would find, over all of them) and how
many off-topic documents were stored.

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

GOAL = 1.1  # re-crawl requests per list column
IDEAL_GOAL = 1.05  # full-crawl requests over the ideal
KINDS = ("robots.txt", "list", "detail", "document")


def _portals() -> dict:
    from tests.crawl.portals import FAMILY_PORTALS

    # the bench keeps one jsearch variant (the JSON answer; the HTML-configured one is the same crawl)
    return {k: v for k, v in FAMILY_PORTALS.items() if k != "search-jsearch-html"}


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
            made = _by_kind(portal)
            ideal = portal.ideal_requests()
            stored = _stored(settings.warehouse_url, source.id)
            expected = set(portal.expected_documents())
            found, off_topic = len(stored & expected), len(stored & portal.off_topic_urls())
            portal.reset_log()
            started = time.monotonic()
            _run(source, settings)
            again, again_s = len(portal.hits()), time.monotonic() - started
    return {"family": name, "items": len(portal.entries), "columns": columns, "full": full, "full_s": full_s,
            "recrawl": again, "recrawl_s": again_s, "per_column": again / columns,
            "recall": found / len(expected) if expected else 1.0, "expected": len(expected), "off_topic": off_topic,
            "ideal": sum(ideal.values()), "made": made, "ideal_by_kind": ideal}


def _by_kind(portal) -> dict[str, int]:
    """The portal's logged requests counted by kind (robots.txt, list, detail, document)."""
    counts = dict.fromkeys(KINDS, 0)
    for _method, path, _status in portal.hits():
        counts[portal.request_kind(path)] += 1
    return counts


def beyond_ideal(row: dict) -> str:
    """Where a family's full crawl exceeds the ideal, by kind ("+1 robots.txt, +1 list"), or "none"."""
    extra = [f"{row['made'][k] - row['ideal_by_kind'].get(k, 0):+d} {k}" for k in KINDS
             if row["made"][k] != row["ideal_by_kind"].get(k, 0)]
    return ", ".join(extra) or "none"


def _stored(url: str, source_id: str) -> set[str]:
    """Document URLs the crawl stored for the source."""
    from selfeval.warehouse.db import get_engine
    from sqlalchemy import text

    with get_engine(url).connect() as conn:
        return {r[0] for r in conn.execute(text("SELECT url FROM document WHERE source_id = :s"), {"s": source_id})}


def main(argv: list[str]) -> int:
    portals = _portals()
    names = argv or list(portals)
    rows = [bench_family(n, portals[n]) for n in names]
    print(f"{'family':<20} {'items':>5} {'columns':>7} {'recall':>11} {'off-topic':>9} {'full crawl':>10} {'ideal':>5} "
          f"{'full/ideal':>10} {'re-crawl':>8} {'re-crawl/column':>15} {'full s':>7} {'re s':>6}")
    for r in rows:
        recall = f"{r['recall']:.2f} ({r['expected']})"
        print(f"{r['family']:<20} {r['items']:>5} {r['columns']:>7} {recall:>11} {r['off_topic']:>9} {r['full']:>10} "
              f"{r['ideal']:>5} {r['full'] / r['ideal']:>10.3f} {r['recrawl']:>8} {r['per_column']:>15.2f} "
              f"{r['full_s']:>7.2f} {r['recrawl_s']:>6.2f}")
    print("\nfull crawl beyond the ideal, by kind of request:")
    for r in rows:
        print(f"  {r['family']:<20} {beyond_ideal(r)}{'   (above the goal)' if r['full'] / r['ideal'] > IDEAL_GOAL else ''}")
    print("  robots.txt is one request per host and crawl and is needed: the crawler honours robots.txt (RFC 9309)"
          " before its first page; the ideal leaves it out")
    total_cols = sum(r["columns"] for r in rows)
    ratio = sum(r["recrawl"] for r in rows) / total_cols
    full_ratio = sum(r["full"] for r in rows) / sum(r["recrawl"] for r in rows)
    worst = max(rows, key=lambda r: r["full"] / r["ideal"])
    recall = sum(r["recall"] * r["expected"] for r in rows) / max(1, sum(r["expected"] for r in rows))
    print(f"\nrecall of the reports a person clicking through would find: {recall:.3f}; "
          f"off-topic documents stored: {sum(r['off_topic'] for r in rows)}")
    print(f"full crawl: requests/ideal {sum(r['full'] for r in rows) / sum(r['ideal'] for r in rows):.3f} over all "
          f"families, at most {worst['full'] / worst['ideal']:.3f} ({worst['family']}) (goal <= {IDEAL_GOAL} per family)")
    print(f"re-crawl: {ratio:.2f} requests per list column (goal <= {GOAL}); "
          f"a full crawl costs {full_ratio:.0f}x the requests of a re-crawl")
    ideal_met = all(r["full"] / r["ideal"] <= IDEAL_GOAL for r in rows)
    return 0 if ratio <= GOAL and recall == 1.0 and ideal_met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
