"""`make airflow` (scripts/airflow-up.sh) gives a running Airflow in which a 'Crawl now' run (the REST call the
UI makes) completes, and the asset-triggered process DAG loads the reports, with no further step (issue 14
item 3). Runs on free ports with a private AIRFLOW_HOME and data directory."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time

import pytest
import requests

from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.e2e


def test_make_airflow_runs_a_crawl_now_end_to_end(tmp_path):
    port, demo_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "SELFEVAL_"))}
    env.update({"AIRFLOW_HOME": str(tmp_path / "airflow"), "SELFEVAL_DATA_DIR": str(tmp_path / "data"),
                "AIRFLOW_PORT": str(port), "SELFEVAL_DEMO_PORT": str(demo_port)})
    up = ROOT / "scripts" / "airflow-up.sh"
    try:
        out = subprocess.run(["bash", str(up)], env=env, capture_output=True, text=True, timeout=400)
        assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
        assert f"http://127.0.0.1:{port}" in out.stdout and "login:        admin / " in out.stdout
        password = out.stdout.split("login:        admin / ")[1].split()[0]
        base = f"http://127.0.0.1:{port}"
        token = requests.post(f"{base}/auth/token", json={"username": "admin", "password": password},
                              timeout=30).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        for dag in ("selfeval_crawl", "selfeval_process"):
            assert requests.get(f"{base}/api/v2/dags/{dag}", headers=auth, timeout=30).json()["is_paused"] is False
        for _ in range(3):  # a server error is what a user retries by pressing the button again
            posted = requests.post(f"{base}/api/v2/dags/selfeval_crawl/dagRuns", headers=auth, timeout=30,
                                   json={"logical_date": None, "conf": {"source_id": "demo-county", "force": True}})
            if posted.status_code < 500:
                break
            time.sleep(5)
        run = posted.json()
        assert "dag_run_id" in run, (posted.status_code, posted.text[:3000],
                                     (tmp_path / "airflow" / "run" / "api-server.log").read_text()[-3000:])
        deadline = time.monotonic() + 300
        states = {}
        while time.monotonic() < deadline:
            crawl = requests.get(f"{base}/api/v2/dags/selfeval_crawl/dagRuns/{run['dag_run_id']}", headers=auth,
                                 timeout=30).json()["state"]
            procs = requests.get(f"{base}/api/v2/dags/selfeval_process/dagRuns", headers=auth, timeout=30).json()
            states = {"crawl": crawl, "process": [r["state"] for r in procs["dag_runs"]]}
            if crawl == "success" and "success" in states["process"] and "running" not in states["process"] \
                    and "queued" not in states["process"]:
                break
            time.sleep(3)
        assert states.get("crawl") == "success" and "success" in states["process"], json.dumps(states)
        # the task logs say what each source did, at INFO (issue 14 item 4: the crawl_source log was empty)
        logs = f"{base}/api/v2/dags/selfeval_crawl/dagRuns/{run['dag_run_id']}/taskInstances"
        crawl_log = json.dumps(requests.get(f"{logs}/crawl_source/logs/1", params={"map_index": 0}, headers=auth,
                                            timeout=30).json(), ensure_ascii=False)
        assert "source demo-county: ok;" in crawl_log, crawl_log[-3000:]
        health_log = json.dumps(requests.get(f"{logs}/source_health/logs/1", headers=auth, timeout=30).json())
        assert "1 source(s) crawled, 0 failing or blocked" in health_log, health_log[-3000:]
        con = sqlite3.connect(tmp_path / "data" / "warehouse.sqlite")
        assert con.execute("SELECT COUNT(*) FROM v_report").fetchone()[0] == 8
        con.close()
    finally:
        subprocess.run(["bash", str(up), "stop"], env=env, capture_output=True, timeout=60)
