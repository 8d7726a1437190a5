"""docker-compose.yml cannot run here (no Docker engine): check its shape, its variables and its mounts."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
AIRFLOW_SERVICES = ("airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer",
                    "airflow-worker")


def _compose() -> dict:
    return yaml.safe_load(COMPOSE_TEXT)


def _env_example() -> dict[str, str]:
    out = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            k, _, v = line.partition("=")
            out[k.strip()] = v
    return out


def test_services_executor_and_healthchecks():
    services = _compose()["services"]
    for name in (*AIRFLOW_SERVICES, "postgres", "redis", "marquez", "minio", "airflow-init"):
        assert name in services, name
    for name in (*AIRFLOW_SERVICES, "postgres", "redis", "marquez", "minio"):
        assert "healthcheck" in services[name], f"{name} has no healthcheck"
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
    assert env["SELFEVAL_WAREHOUSE_URL"].startswith("postgresql+psycopg://")
    assert "postgres:5432/airflow" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert env["SELFEVAL_RAW_STORE_URL"].startswith("s3://") and "minio" in env["SELFEVAL_S3_ENDPOINT_URL"]
    assert '"http"' in env["AIRFLOW__OPENLINEAGE__TRANSPORT"] and "marquez" in env["AIRFLOW__OPENLINEAGE__TRANSPORT"]


def test_every_variable_is_defined_in_env_example():
    body = "\n".join(ln for ln in COMPOSE_TEXT.splitlines() if not ln.lstrip().startswith("#"))
    used = set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+)(?::[?-][^}]*)?\}", body))
    defined = _env_example()
    assert used, "compose uses no variables?"
    assert used <= set(defined), f"not in .env.example: {sorted(used - set(defined))}"
    init = (ROOT / "docker/postgres-init.sh").read_text()
    for var in re.findall(r"\$\{([A-Z0-9_]+)\}", init):
        assert var in _compose()["services"]["postgres"]["environment"] or var.startswith("POSTGRES_"), var


def test_pins_same_airflow_as_lock():
    lock = (ROOT / "requirements.lock").read_text()
    version = re.search(r"^apache-airflow==([\d.]+)", lock, re.M).group(1)
    assert f"apache/airflow:{version}-" in (ROOT / "docker/Dockerfile").read_text()
    assert _compose()["services"]["airflow-scheduler"]["image"].endswith(version)
    assert re.search(r"^apache-airflow-providers-celery==", lock, re.M), "CeleryExecutor needs the celery provider"


def test_mounts_project_folders():
    for name in AIRFLOW_SERVICES:
        volumes = _compose()["services"][name]["volumes"]
        sources = {v.split(":")[0] for v in volumes}
        assert {"./dags", "./plugins", "./include", "./sources"} <= sources, (name, volumes)
        for v in volumes:
            host = v.split(":")[0]
            if host.startswith("./"):
                assert (ROOT / host).exists(), f"{name} mounts missing {host}"


def test_secrets_are_guarded_and_only_the_ui_is_published_on_loopback():
    services = _compose()["services"]
    for var in ("POSTGRES_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET", "MINIO_ROOT_PASSWORD"):
        assert "${" + var + ":?" in COMPOSE_TEXT, f"{var} has no ${{VAR:?}} guard"
    published = {name: svc["ports"] for name, svc in services.items() if svc.get("ports")}
    assert list(published) == ["airflow-apiserver"], published
    assert published["airflow-apiserver"][0].startswith("${AIRFLOW_UI_BIND:-127.0.0.1}:")
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS"] == "False"
    assert "deploycheck" in services["airflow-init"]["command"]


def test_deploycheck_refuses_placeholders_and_generates_working_secrets(tmp_path):
    from selfeval.deploycheck import SECRETS, generate, problems

    example = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            k, _, v = line.partition("=")
            example[k] = v
    assert {p.split()[0] for p in problems(example)} >= set(SECRETS)  # the example as shipped never starts
    made = dict(ln.split("=", 1) for ln in generate(ROOT / ".env.example").splitlines() if "=" in ln and not ln.startswith("#"))
    assert problems(made) == []
    assert made["AIRFLOW_ADMIN_USER"] == example["AIRFLOW_ADMIN_USER"]  # non-secrets kept


def test_metadata_driver_is_locked_and_scheduler_health_is_served():
    env = _compose()["services"]["airflow-scheduler"]["environment"]
    lock = (ROOT / "requirements.lock").read_text()
    driver = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].split("://")[0].split("+")[1]
    assert re.search(rf"^{driver}==", lock, re.M), f"{driver} not in requirements.lock"
    assert env["AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"] == "True"
    assert "8974/health" in str(_compose()["services"]["airflow-scheduler"]["healthcheck"]["test"])
