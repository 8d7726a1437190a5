"""A throwaway PostgreSQL server (Debian `postgresql` binaries) for tests and benchmarks.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres`
user the Debian package creates. fsync is off: this server holds nothing durable.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path


def pg_bin() -> Path | None:
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / "initdb").exists():
            return base
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PgServer:
    def __init__(self, base: Path):
        found = pg_bin()
        if found is None:
            raise RuntimeError("PostgreSQL server binaries not found (Debian package 'postgresql'; "
                               "scripts/setup.sh installs it)")
        self.bin = found
        self.base = Path(base)
        self.port = _free_port()
        self.datadir = self.base / "pgdata"
        self.sockdir = self.base / "sock"

    def start(self) -> PgServer:
        self.sockdir.mkdir(parents=True, exist_ok=True)
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
        return self

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate",
                                     "stop"]), capture_output=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def create_db(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
