"""
### selfeval_process — extract, validate and load downloaded documents

Triggered by the `selfeval_raw_documents` asset (updated by **selfeval_crawl**), or
manually. Upgrades the warehouse schema, splits pending document versions into
batches (never one task per document), and for each batch extracts text and
tables, reads the fields with evidence, applies the validation rules and loads
the reports in one transaction. Quarantined reports are loaded with
`validation_status='quarantined'`; failed extractions are recorded and retried.

Params: `batch_size`, `source_id` (process only that source's documents), `document_id`
(re-process one document: its versions are re-queued and re-loaded in place, by natural key).
Logic lives in `selfeval.pipeline.tasks`; this file only wires tasks.
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import Asset, Param, dag, get_current_context, task
from selfeval.alerts.notifier import SelfevalNotifier
from selfeval.settings import task_defaults

RAW_DOCUMENTS = Asset(name="selfeval_raw_documents", uri="file:///selfeval/raw-documents")
WAREHOUSE_REPORTS = Asset(name="selfeval_warehouse_reports", uri="file:///selfeval/warehouse/report")

DEFAULT_ARGS = {**task_defaults(timeout_min=120, retry_delay_min=1), "on_failure_callback": SelfevalNotifier()}


@dag(
    dag_id="selfeval_process",
    schedule=[RAW_DOCUMENTS],
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["selfeval", "process"],
    default_args=DEFAULT_ARGS,
    doc_md=__doc__,
    params={
        "batch_size": Param(20, type="integer", minimum=1, maximum=500),
        "source_id": Param(None, type=["null", "string"], description="only this source's documents"),
        "document_id": Param(None, type=["null", "integer"], description="re-process this document"),
    },
)
def selfeval_process():
    @task
    def plan() -> list[list[int]]:
        from selfeval.pipeline import tasks

        params = get_current_context()["params"]
        return tasks.plan_batches(int(params.get("batch_size") or 20), params.get("source_id"),
                                  params.get("document_id"))

    @task(pool="selfeval_extract", max_active_tis_per_dagrun=2)
    def process_batch(version_ids: list[int]) -> dict:
        from selfeval.lineage import attach
        from selfeval.pipeline import tasks
        from selfeval.pipeline.context import RunContext

        context = get_current_context()
        result = tasks.process(version_ids, RunContext.from_airflow(context))
        attach(context["ti"].task, result["lineage"])  # OpenLineage inputs/outputs of this run
        return result

    @task(outlets=[WAREHOUSE_REPORTS], trigger_rule="all_done")
    def summarise(planned: list[list[int]] | None, results: list[dict]) -> dict:
        """Counts, and the run's one-line summary last; fails the run when a batch failed after its retries."""
        from selfeval.pipeline import tasks

        counts = tasks.summarise()
        done = [r for r in (results[i] for i in range(len(results))) if r]  # see selfeval_crawl.announce
        counts["this_run"] = {k: sum(r[k] for r in done) for k in ("documents", "reports", "failed")}
        try:
            print(f"selfeval_process: {tasks.process_verdict(planned, done, counts)}")
        except tasks.BatchesFailed as exc:
            print(f"selfeval_process: {exc.summary}")
            raise
        return counts

    planned = plan()
    summarise(planned, process_batch.expand(version_ids=planned))


selfeval_process()
