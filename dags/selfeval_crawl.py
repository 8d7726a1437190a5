"""
### selfeval_crawl — discover and download 绩效自评 reports

Every run picks the enabled sources of the registry (`SELFEVAL_SOURCES`) whose own
`schedule` is due (or the one named in the `source_id` param), groups them by host (one
mapped task per host group, pool `selfeval_http`, so one portal is never crawled by two
tasks at once), crawls their list
pages, records every discovered URL in `discovered_item` (relevant or skipped, with
the reason) and downloads new documents into the raw store. It ends by updating the
`selfeval_raw_documents` asset, which triggers **selfeval_process**.

Params: `source_id` (crawl one source now), `force` (ignore schedules),
`recheck` (conditional-GET every known document to find changed versions), `full` (backfill:
walk every list page), `since` / `until` (download only items published in that window; the
others stay queued for later runs).
Logic lives in `selfeval.pipeline.tasks`; this file only wires tasks.
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import Asset, Param, dag, get_current_context, task
from selfeval.alerts.notifier import SelfevalNotifier
from selfeval.settings import task_defaults

RAW_DOCUMENTS = Asset(name="selfeval_raw_documents", uri="file:///selfeval/raw-documents")

DEFAULT_ARGS = {**task_defaults(timeout_min=180, retry_delay_min=2), "on_failure_callback": SelfevalNotifier()}


def _ctx():
    from selfeval.pipeline.context import RunContext

    return RunContext.from_airflow(get_current_context())


@dag(
    dag_id="selfeval_crawl",
    schedule="@hourly",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["selfeval", "crawl"],
    default_args=DEFAULT_ARGS,
    doc_md=__doc__,
    params={
        "source_id": Param(None, type=["null", "string"], description="crawl only this source"),
        "force": Param(False, type="boolean", description="crawl even if the source is not due"),
        "recheck": Param(False, type="boolean", description="re-check known documents for new versions"),
        "full": Param(False, type="boolean", description="backfill: walk every list page, not only new ones"),
        "since": Param(None, type=["null", "string"], format="date", description="download only items published on/after"),
        "until": Param(None, type=["null", "string"], format="date", description="download only items published on/before"),
    },
)
def selfeval_crawl():
    @task
    def select_sources() -> list[list[str]]:
        from selfeval.pipeline import tasks

        params = get_current_context()["params"]
        return tasks.host_groups(tasks.select_sources(params.get("source_id"), bool(params.get("force"))))

    @task(pool="selfeval_http", max_active_tis_per_dagrun=4)
    def crawl_source(source_ids: list[str]) -> list[dict]:
        """One host group: its sources one after the other (per-host politeness across sources)."""
        from selfeval.lineage import attach
        from selfeval.pipeline import tasks

        context = get_current_context()
        p = context["params"]
        results = tasks.crawl_group(source_ids, _ctx(), recheck=bool(p.get("recheck")), full=bool(p.get("full")),
                                    since=p.get("since"), until=p.get("until"))
        for result in results:
            attach(context["ti"].task, result["lineage"])  # OpenLineage inputs/outputs of this run
        return results

    @task(outlets=[RAW_DOCUMENTS], trigger_rule="all_done")
    def announce(results: list[dict]) -> dict:
        from selfeval.alerts.notifier import deliver
        from selfeval.pipeline import tasks

        # index by length: iterating the lazy XCom sequence asks for one past the end (a logged 404)
        results = [r for group in (results[i] for i in range(len(results))) if group for r in group]
        counts = tasks.summarise()
        counts["alerts_sent"] = deliver(tasks.source_alerts())  # blocked / failing / silent sources
        get_current_context()["outlet_events"][RAW_DOCUMENTS].extra = {
            "downloaded": sum(r["download"]["downloaded"] for r in results),
            "sources": [r["crawl"]["source_id"] for r in results],
        }
        return counts

    @task(retries=0, trigger_rule="all_done")
    def source_health(groups: list[list[str]] | None, results: list[dict]) -> str:
        """Fails the run (after every source was crawled and announced) when a source failed or is blocked,
        or its crawl_source task failed, so Airflow's own state shows it; one log line per source, and the
        run's one-line summary last."""
        from selfeval.pipeline import tasks

        results = [r for group in (results[i] for i in range(len(results))) if group for r in group]
        try:
            summary = tasks.run_health(results, groups)
        except tasks.SourcesUnhealthy as exc:
            print(f"selfeval_crawl: {exc.summary}")
            raise
        print(f"selfeval_crawl: {summary}")
        return summary

    groups = select_sources()
    crawled = crawl_source.expand(source_ids=groups)
    announce(crawled) >> source_health(groups, crawled)


selfeval_crawl()
