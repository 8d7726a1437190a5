"""Shared fixtures: isolated data dirs, the real demo portal, and a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


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
    monkeypatch.setenv("SELFEVAL_SOURCES", str(ROOT / "sources"))
    return data


@pytest.fixture
def demo_portal(monkeypatch):
    from selfeval.demo.portal import serve

    with serve(port=0) as portal:
        monkeypatch.setenv("SELFEVAL_DEMO_BASE_URL", portal.url)
        yield portal


# --- PostgreSQL -------------------------------------------------------------------------------------

def _pg_bin() -> Path | None:
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / "initdb").exists():
            return base
    return None


def _as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: drop to the `postgres` user the Debian package creates."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PgServer:
    def __init__(self, base: Path):
        self.bin = _pg_bin()
        self.base = base
        self.port = free_port()
        self.datadir = base / "pgdata"
        self.sockdir = base / "sock"

    def start(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        self.sockdir.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres")
            shutil.chown(self.sockdir, "postgres")
        subprocess.run(_as_postgres([str(self.bin / "initdb"), "-D", str(self.datadir), "-U", "postgres",
                                     "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                       check=True, capture_output=True)
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.datadir), "-w", "-t", "60",
                                     "-l", str(self.base / "pg.log"), "-o",
                                     f"-p {self.port} -k {self.sockdir} -c listen_addresses=127.0.0.1 "
                                     "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                                     "start"]), check=True, capture_output=True)

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate",
                                     "stop"]), capture_output=True)

    def create_db(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory) -> Iterator[PgServer]:
    if _pg_bin() is None:
        pytest.fail("PostgreSQL server binaries not found: scripts/setup.sh installs the Debian 'postgresql' package")
    base = Path("/tmp") / f"selfeval-pg-{os.getpid()}"
    server = PgServer(base)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


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
