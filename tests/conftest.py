"""Shared fixtures: isolated data dirs, the real demo portal, and a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pgserver import PgServer, pg_bin

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"  # copies of shared/corpus: the seeds and their truth.json


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def data_env(tmp_path, monkeypatch) -> Path:
    """A private SELFEVAL_DATA_DIR (and so a private SQLite warehouse) for one test."""
    data = tmp_path / "data"
    monkeypatch.setenv("SELFEVAL_DATA_DIR", str(data))
    monkeypatch.delenv("SELFEVAL_WAREHOUSE_URL", raising=False)
    monkeypatch.setenv("SELFEVAL_SOURCES", str(ROOT / "demo-sources"))
    return data


@pytest.fixture
def demo_portal(monkeypatch):
    from selfeval.demo.portal import serve

    with serve(port=0) as portal:
        monkeypatch.setenv("SELFEVAL_DEMO_BASE_URL", portal.url)
        yield portal


# --- PostgreSQL -------------------------------------------------------------------------------------

def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that reaches the PostgreSQL server, from the fixtures it uses (so `-m "not postgres"`
    gives a quick run without a server, and the marks cannot go stale)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        param = getattr(getattr(item, "callspec", None), "params", {}).get("warehouse_url")
        if names & {"pg_url", "pg_server"} or param == "postgresql":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    if pg_bin() is None:
        pytest.fail("PostgreSQL server binaries not found: scripts/setup.sh installs the Debian 'postgresql' package")
    server = PgServer(Path("/tmp") / f"selfeval-pg-{os.getpid()}").start()
    try:
        yield server
    finally:
        server.stop()


_counter = {"n": 0}


@pytest.fixture
def pg_url(pg_server) -> str:
    _counter["n"] += 1
    return pg_server.create_db(f"selfeval_test_{_counter['n']}_{int(time.time())}")


@pytest.fixture(params=["sqlite", "postgresql"])
def warehouse_url(request, tmp_path) -> str:
    """Each warehouse test runs on both dialects."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'wh.sqlite'}"
    return request.getfixturevalue("pg_url")


# --- Airflow ----------------------------------------------------------------------------------------

def airflow_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PATH": f"{ROOT / '.venv' / 'bin'}:{env.get('PATH', '')}",
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}?timeout=60",  # as airflow-env.sh
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "AIRFLOW__OPENLINEAGE__TRANSPORT": '{"type": "file", "log_file_path": "%s", "append": true}'
        % (home / "openlineage.jsonl"),
        "AIRFLOW__OPENLINEAGE__NAMESPACE": "selfeval-test",
        "SELFEVAL_SOURCES": str(ROOT / "demo-sources"),
    })
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def airflow_home(tmp_path_factory) -> Path:
    """A private AIRFLOW_HOME with a migrated SQLite metadata DB and the project's pools."""
    home = tmp_path_factory.mktemp("airflow_home")
    env = airflow_env(home)
    subprocess.run(["airflow", "db", "migrate"], env=env, check=True, capture_output=True)
    subprocess.run(["airflow", "pools", "import", str(ROOT / "airflow" / "pools.json")], env=env, check=True,
                   capture_output=True)
    return home


def run_dag_test(home: Path, dag_id: str, env_extra: dict[str, str], conf: str | None = None) -> str:
    cmd = ["airflow", "dags", "test", dag_id] + (["--conf", conf] if conf else [])
    proc = subprocess.run(cmd, env=airflow_env(home, **env_extra), capture_output=True, text=True, timeout=1200)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"airflow dags test {dag_id} failed:\n{out[-8000:]}"
    return out
