"""`make demo`: demo portal on a free loopback port → real Airflow DAG runs → SQLite warehouse → summary.

Runs `airflow dags test` for the crawl DAG and then the processing DAG (the asset
trigger is what the scheduler would do; `dags test` runs one DAG at a time), and
prints what this run added, so a second run visibly adds nothing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from selfeval.demo.portal import serve
from selfeval.pipeline.summary import format_counts, warehouse_counts
from selfeval.settings import get_settings
from selfeval.warehouse.db import upgrade


def run_dag(dag_id: str, env: dict[str, str], conf: str | None = None) -> float:
    """One real `airflow dags test` run; raises if the DAG run fails."""
    cmd = ["airflow", "dags", "test", dag_id]
    if conf:
        cmd += ["--conf", conf]
    started = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    state_line = next((ln for ln in proc.stdout.splitlines()[::-1] if "state" in ln.lower()), "")
    if proc.returncode != 0 or "failed" in state_line.lower():
        sys.stderr.write(proc.stdout[-6000:] + proc.stderr[-6000:])
        raise SystemExit(f"airflow dags test {dag_id} failed (exit {proc.returncode})")
    return elapsed


DEFAULT_PORT = 18765


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def demo_port(data_dir: Path) -> int:
    """The port of the previous demo run if free, else 18765, else any free port.

    Document URLs include the port, so reusing it keeps a second run's URLs identical and the
    second run loads nothing new (a new port would make every document a new URL).
    """
    remembered = data_dir / "demo-portal-port"
    candidates = [int(remembered.read_text())] if remembered.is_file() else []
    port = next((p for p in candidates + [DEFAULT_PORT] if _port_free(p)), 0)
    return port


def main() -> int:
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # SELFEVAL_DATA_DIR may name a directory not made yet
    upgrade(settings.warehouse_url)
    before = warehouse_counts(settings.warehouse_url)
    with serve(port=demo_port(settings.data_dir)) as portal:
        (settings.data_dir / "demo-portal-port").write_text(str(portal.port))
        env = dict(os.environ, SELFEVAL_DEMO_BASE_URL=portal.url)
        print(f"demo portal: {portal.url}/zwgk/czzj/jxzp/index.html", flush=True)
        t_crawl = run_dag("selfeval_crawl", env, '{"source_id": "demo-county", "force": true}')
        print(f"selfeval_crawl: ok in {t_crawl:.1f} s", flush=True)
    t_proc = run_dag("selfeval_process", env)
    print(f"selfeval_process: ok in {t_proc:.1f} s", flush=True)
    after = warehouse_counts(settings.warehouse_url)
    added = {k: after[k] - before.get(k, 0) for k in after}
    print("\nsummary (totals, and what this run added):")
    print(format_counts(after, before, url=settings.warehouse_url))
    if not any(added.values()):
        print("\nnothing new: this run loaded nothing and duplicated nothing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
