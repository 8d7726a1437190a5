"""docker-compose.yml cannot run here (no Docker engine): check its shape instead."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_and_executor():
    services = _compose()["services"]
    for name in ("postgres", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"):
        assert name in services, name
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] in ("LocalExecutor", "CeleryExecutor")
    assert env["SELFEVAL_WAREHOUSE_URL"].startswith("postgresql")
    assert "postgres" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]


def test_pins_same_airflow_as_lock():
    lock = (ROOT / "requirements.lock").read_text()
    version = re.search(r"^apache-airflow==([\d.]+)", lock, re.M).group(1)
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert f"apache/airflow:{version}-" in dockerfile
    assert _compose()["services"]["airflow-scheduler"]["image"].endswith(version)


def test_mounts_project_folders():
    for name in ("airflow-scheduler", "airflow-dag-processor", "airflow-apiserver"):
        volumes = _compose()["services"][name]["volumes"]
        sources = {v.split(":")[0] for v in volumes}
        assert {"./dags", "./plugins", "./include"} <= sources, (name, volumes)
        for v in volumes:
            host = v.split(":")[0]
            if host.startswith("./"):
                assert (ROOT / host).exists(), f"{name} mounts missing {host}"
