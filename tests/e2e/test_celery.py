"""Scale-out proven, not only declared (issue 14 item 11): both DAGs on CeleryExecutor, as docker-compose.yml
runs them, with every piece real and on loopback — Redis (Debian `redis-server`) as the broker, PostgreSQL as
the Airflow metadata DB, the Celery result backend and the warehouse, an S3 server (moto) as the raw store,
an api-server, a scheduler, a dag-processor and TWO Celery workers (`--concurrency 1` each).

The workers are two hosts in all that matters: each has its own hostname (the task instances' `hostname`)
and its own SELFEVAL_DATA_DIR, so a task that wrote a file another task (or the api-server) later reads
from the local disk breaks here. They share what the compose services share: the Airflow logs folder (the
`airflow-logs` volume), the broker, the databases and the raw store.

A 'Crawl now' run is triggered through the REST API (as the UI does); the asset-triggered process run it
causes must load the demo's 8 reports, and the task instances of the runs must have run on both workers."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests
from selfeval.warehouse.db import get_engine
from sqlalchemy import text

from tests.conftest import ROOT, free_port

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

WORKERS = ("worker-a", "worker-b")
TERMINAL = {"success", "failed"}


class Services:
    """Processes started in sessions of their own; stop() ends each whole process group, even on failure."""

    def __init__(self, logs: Path):
        self.logs = logs
        logs.mkdir(parents=True, exist_ok=True)
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
        with open(self.logs / f"{name}.log", "wb") as log:
            proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True, cwd=ROOT)
        self.procs[name] = proc
        return proc

    def check_alive(self) -> None:
        dead = {n: p.returncode for n, p in self.procs.items() if p.poll() is not None}
        assert not dead, f"services exited: {dead}\n{self.tails()}"

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text("utf-8", "replace") if path.exists() else ""

    def tails(self, chars: int = 2500) -> str:
        return "\n".join(f"----- {n}.log\n{self.log(n)[-chars:]}" for n in self.procs)

    def stop(self) -> None:
        """Airflow first (all at once), then the broker it acks to: SIGTERM, then SIGKILL what is left of each
        process group (a task's children, a hung leader)."""
        airflow = [p for n, p in self.procs.items() if n != "redis"]
        for group in (airflow, [p for n, p in self.procs.items() if n == "redis"]):
            for proc in group:
                _signal_group(proc, signal.SIGTERM)
            deadline = time.monotonic() + 30
            for proc in group:
                try:
                    proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    pass
                _signal_group(proc, signal.SIGKILL)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _wait(what: str, ok, services: Services, timeout: float, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        services.check_alive()
        try:
            value = ok()
        except (requests.RequestException, OSError, ValueError, KeyError):
            value = None
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}\n{services.tails()}")


@pytest.fixture
def services(tmp_path):
    s = Services(tmp_path / "logs")
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.mark.timeout(1500)
def test_both_dags_run_on_two_celery_workers(tmp_path, services, pg_server, s3_endpoint, monkeypatch):
    from selfeval.demo.portal import serve
    from selfeval.store import RawStore

    if shutil.which("redis-server") is None:
        pytest.fail("redis-server not found: scripts/setup.sh installs the Debian 'redis-server' package")
    t0 = time.monotonic()
    suffix = f"{os.getpid()}_{int(time.time())}"
    meta_url = pg_server.create_db(f"celery_airflow_{suffix}")
    warehouse_url = pg_server.create_db(f"celery_warehouse_{suffix}")
    api_port, redis_port, health_port = free_port(), free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    home = tmp_path / "airflow"
    home.mkdir()
    aws = {"AWS_ACCESS_KEY_ID": "minio-test", "AWS_SECRET_ACCESS_KEY": "minio-test-secret",
           "AWS_DEFAULT_REGION": "us-east-1", "SELFEVAL_S3_ENDPOINT_URL": s3_endpoint}
    for k, v in aws.items():
        monkeypatch.setenv(k, v)
    raw = RawStore("s3://selfeval-raw/raw")
    raw.fs.mkdir("selfeval-raw")

    # Redis as the compose file runs it, minus persistence
    (tmp_path / "redis").mkdir()
    services.start("redis", ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path / "redis")], os.environ.copy())

    with serve(port=0) as portal:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "SELFEVAL_", "AWS_"))}
        base.update(aws)
        base.update({
            "PATH": f"{ROOT / '.venv' / 'bin'}:{base.get('PATH', '')}",
            # this checkout's package (first), and tests.e2e.celery_hostname, the workers' hostname_callable
            "PYTHONPATH": f"{ROOT / 'include'}:{ROOT}",
            "AIRFLOW_HOME": str(home),  # one logs folder for all, like the compose `airflow-logs` volume
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": meta_url,
            # Airflow derives asyncpg (not in the lock) from a postgresql URL: psycopg is async too
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": meta_url,
            "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
            "AIRFLOW__CELERY__RESULT_BACKEND": f"db+{meta_url}",  # the scheme docker-compose.yml uses
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{api}/execution/",
            "AIRFLOW__API__BASE_URL": api,
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(64),  # scheduler signs, api-server checks
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
            "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "True",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_HOST": "127.0.0.1",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT": str(health_port),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
            "AIRFLOW__OPENLINEAGE__TRANSPORT": json.dumps({"type": "file", "append": True,
                                                           "log_file_path": str(home / "openlineage.jsonl")}),
            "AIRFLOW__OPENLINEAGE__NAMESPACE": "selfeval-celery-test",
            "SELFEVAL_SOURCES": str(ROOT / "demo-sources"),
            "SELFEVAL_DEMO_BASE_URL": portal.url,
            "SELFEVAL_WAREHOUSE_URL": warehouse_url,
            "SELFEVAL_RAW_STORE_URL": "s3://selfeval-raw/raw",
        })

        def env(name: str, **extra: str) -> dict[str, str]:  # every process its own local data dir
            return {**base, "SELFEVAL_DATA_DIR": str(tmp_path / "data" / name), **extra}

        for cmd in (["airflow", "db", "migrate"], ["airflow", "pools", "import", str(ROOT / "airflow/pools.json")]):
            out = subprocess.run(cmd, env=env("init"), capture_output=True, text=True, timeout=300)
            assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]

        services.start("api-server", ["airflow", "api-server", "--host", "127.0.0.1", "--port", str(api_port)], env("api-server"))
        services.start("scheduler", ["airflow", "scheduler"], env("scheduler"))
        services.start("dag-processor", ["airflow", "dag-processor"], env("dag-processor"))
        for name in WORKERS:
            services.start(name, ["airflow", "celery", "worker", "--concurrency", "1", "--celery-hostname",
                                  f"{name}@%h", "--pid", str(tmp_path / f"{name}.pid"), "--skip-serve-logs"],
                           env(name, AIRFLOW__CORE__HOSTNAME_CALLABLE="tests.e2e.celery_hostname.worker_hostname",
                               SELFEVAL_TEST_WORKER_HOSTNAME=name))

        _wait("the api-server", lambda: requests.get(f"{api}/api/v2/monitor/health", timeout=5).ok, services, 240)
        pw_file = home / "simple_auth_manager_passwords.json.generated"
        password = _wait("the generated password", lambda: json.loads(pw_file.read_text())["admin"], services, 60)
        token = requests.post(f"{api}/auth/token", json={"username": "admin", "password": password},
                              timeout=30).json()["access_token"]
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {token}"

        def get(path: str, **params) -> dict:
            r = s.get(f"{api}/api/v2/{path}", params=params, timeout=30)
            r.raise_for_status()
            return r.json()

        _wait("the scheduler's health endpoint (the compose healthcheck)",
              lambda: requests.get(f"http://127.0.0.1:{health_port}/health", timeout=5).ok, services, 180)
        for name in WORKERS:
            _wait(f"celery worker {name}", lambda n=name: " ready." in services.log(n), services, 180)
        for dag in ("selfeval_crawl", "selfeval_process"):
            _wait(f"{dag} parsed", lambda d=dag: s.patch(f"{api}/api/v2/dags/{d}", json={"is_paused": False},
                                                          timeout=30).ok, services, 240, every=2)
        started = time.monotonic()
        run = s.post(f"{api}/api/v2/dags/selfeval_crawl/dagRuns", timeout=30,
                     json={"logical_date": None, "conf": {"source_id": "demo-county", "force": True}}).json()
        run_id = run["dag_run_id"]

        def settled() -> dict | None:
            """All runs over, and a process run consumed the asset event of the triggered crawl run.
            (Unpausing the hourly crawl DAG also starts its scheduled run: that one is waited for too.)"""
            crawls = get("dags/selfeval_crawl/dagRuns")["dag_runs"]
            procs = get("dags/selfeval_process/dagRuns")["dag_runs"]
            states = {"crawl": {r["dag_run_id"]: r["state"] for r in crawls},
                      "process": {r["dag_run_id"]: r["state"] for r in procs}}
            if not (states["crawl"].get(run_id) in TERMINAL and procs
                    and all(st in TERMINAL for runs in states.values() for st in runs.values())):
                return None
            for r in procs:
                events = get(f"dags/selfeval_process/dagRuns/{r['dag_run_id']}/upstreamAssetEvents")
                if any(e.get("source_run_id") == run_id for e in events["asset_events"]):
                    return states
            return None

        states = _wait("the crawl run and the process run it triggers", settled, services, 900, every=3)
        elapsed = time.monotonic() - started
        assert set(states["crawl"].values()) == {"success"} and set(states["process"].values()) == {"success"}, \
            json.dumps(states) + "\n" + services.tails()

        # every task instance of these runs ran on one of the two workers, and both workers ran some
        ran_on: dict[str, list[str]] = {}
        for dag, runs in (("selfeval_crawl", states["crawl"]), ("selfeval_process", states["process"])):
            for rid in runs:
                for ti in get(f"dags/{dag}/dagRuns/{rid}/taskInstances")["task_instances"]:
                    if ti["state"] == "skipped" and not ti["hostname"]:
                        continue  # e.g. process_batch mapped over no batch: never sent to a worker
                    label = f"{dag}.{ti['task_id']}" + (f"[{ti['map_index']}]" if ti["map_index"] >= 0 else "")
                    ran_on.setdefault(ti["hostname"], []).append(f"{label} {ti['state']}")
        assert set(ran_on) == set(WORKERS), json.dumps(ran_on, indent=1)

        # the workers finish the Celery tasks (a task's tail runs after its state is reported): none failed
        def idle() -> dict | None:
            counts = {n: (services.log(n).count("] received"), services.log(n).count("] succeeded in"))
                      for n in WORKERS}
            return counts if all(r == ok for r, ok in counts.values()) else None

        _wait("the workers to finish their Celery tasks", idle, services, 90)

        # the api-server shows the log of a task that ran on a worker (the shared logs folder)
        log = json.dumps(get(f"dags/selfeval_crawl/dagRuns/{run_id}/taskInstances/crawl_source/logs/1",
                             map_index=0), ensure_ascii=False)
        assert "source demo-county: ok;" in log, log[-3000:]

    with get_engine(warehouse_url).connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM v_report")).scalar() == 8
        paths = [p for (p,) in conn.execute(text("SELECT storage_path FROM document_version"))]
        crawl_state = conn.execute(text("SELECT source_id FROM crawl_state")).scalars().all()
    assert paths and all(p.startswith("s3://selfeval-raw/raw/") for p in paths), paths
    # the crawl state is where the next crawl finds it on any worker, not on the disk of the one that ran
    assert crawl_state == ["demo-county"] and not list((tmp_path / "data").glob("*/state"))
    print(f"\ncelery e2e: runs done in {elapsed:.0f} s after the trigger, {time.monotonic() - t0:.0f} s in all; "
          f"task instances per worker: { {h: len(v) for h, v in sorted(ran_on.items())} }")
