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
    # the JWT secret keys HS512: at least the hash's 64 bytes (a shorter one warns on every token)
    assert len(made["AIRFLOW_JWT_SECRET"]) >= 64
    assert problems({**made, "AIRFLOW_JWT_SECRET": "x" * 40}) == ["AIRFLOW_JWT_SECRET is shorter than 64 characters"]


def _driver(url: str) -> str:
    """The DB-API module a SQLAlchemy URL loads: postgresql+psycopg:// -> psycopg, postgresql:// -> psycopg2."""
    scheme = url.split("://")[0].removeprefix("db+")  # Celery's database result backend prefix
    return scheme.split("+")[1] if "+" in scheme else {"postgresql": "psycopg2"}[scheme]


def test_metadata_driver_is_locked_and_scheduler_health_is_served():
    env = _compose()["services"]["airflow-scheduler"]["environment"]
    lock = (ROOT / "requirements.lock").read_text()
    # the sync and async metadata engines and the Celery result backend: without SQL_ALCHEMY_CONN_ASYNC Airflow
    # derives postgresql+asyncpg, and db+postgresql:// loads psycopg2; neither is in the lock
    for key in ("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC",
                "AIRFLOW__CELERY__RESULT_BACKEND"):
        assert key in env, key
        driver = _driver(env[key])
        assert re.search(rf"^{driver}==", lock, re.M), f"{key}: {driver} not in requirements.lock"
        assert "postgres:5432/airflow" in env[key], key
    assert env["AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"] == "True"
    assert "8974/health" in str(_compose()["services"]["airflow-scheduler"]["healthcheck"]["test"])


def test_async_metadata_url_builds_an_async_engine():
    from sqlalchemy.ext.asyncio import create_async_engine

    url = _compose()["services"]["airflow-scheduler"]["environment"]["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"]
    engine = create_async_engine(re.sub(r"\$\{[^}]*\}", "pw", url))  # imports the driver; connects to nothing
    assert engine.dialect.is_async


def test_logs_volume_and_execution_api_shared_by_every_airflow_service():
    """A task's log is written by the worker that ran it and read by the api-server: one logs volume for all.
    Workers reach the api-server's execution API with tokens signed by the scheduler: one JWT secret."""
    compose = _compose()
    assert "airflow-logs" in compose["volumes"]
    shared = None
    for name in (*AIRFLOW_SERVICES, "airflow-init"):
        svc = compose["services"][name]
        assert "airflow-logs:/opt/airflow/logs" in svc["volumes"], name
        env = svc["environment"]
        mine = (env["AIRFLOW__API_AUTH__JWT_SECRET"], env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"],
                env["AIRFLOW__CELERY__BROKER_URL"], env["AIRFLOW__CORE__EXECUTOR"])
        shared = shared or mine
        assert mine == shared, name
    assert shared[1].startswith("http://airflow-apiserver:8080/"), shared[1]


def test_locked_celery_runs_the_providers_worker():
    """celery 5.7 dropped celery.backends.database.retry, which the locked provider imports: `airflow celery
    worker` died at start (the Celery e2e test caught it). The modules a worker loads must import."""
    import importlib

    for module in ("airflow.providers.celery.executors.celery_executor_utils",
                   "airflow.providers.celery.executors.celery_executor"):
        importlib.import_module(module)
    lock = (ROOT / "requirements.lock").read_text()
    assert re.search(r"^redis==", lock, re.M), "the Redis broker needs the redis client"
