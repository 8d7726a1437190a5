"""Runtime configuration: every `SELFEVAL_*` environment variable is read here, and only here.

The variable names are a contract used by ops tooling: extend, never rename. Values are read at call
time (`get_settings()`), never at import time, so tests, the CLI and Airflow tasks can change the
environment between runs. `ENV_VARS` lists every variable with its default and meaning; the README's
configuration table is tested against it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

DEFAULT_USER_AGENT = "selfeval-crawler/0.1 (+https://example.invalid/selfeval; open-data research)"

OCR_ENGINES: tuple[str, ...] = ("rapidocr", "tesseract")
"""Values of SELFEVAL_OCR_ENGINE; the first is the default (chosen by bench/bench_ocr.py's figures)."""


@dataclass(frozen=True)
class Limits:
    """Caps that turn hostile or absurd input into an ExtractionError instead of a hang.

    Each is overridden by `SELFEVAL_<FIELD>` (upper case), or per call with
    `extract_file(..., limits=Limits(...))`.
    """

    max_file_mb: float = 300.0  # input file size
    max_pages: int = 2000  # PDF pages
    max_zip_members: int = 2000
    max_unzipped_mb: float = 512.0  # declared and actual, per archive / OOXML package
    max_zip_ratio: float = 400.0  # compression ratio of a single large member
    max_archive_depth: int = 2  # zip inside zip inside zip ...
    max_sheet_cells: int = 2_000_000
    ocr_max_pages: int = 60
    ocr_dpi: int = 200
    soffice_timeout_s: float = 90.0

    @classmethod
    def from_env(cls) -> Limits:
        """Defaults overridden by SELFEVAL_MAX_PAGES and friends (unparseable values are ignored)."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"SELFEVAL_{f.name.upper()}")
            if raw:
                try:
                    values[f.name] = int(float(raw)) if f.type == "int" else float(raw)
                except ValueError:
                    pass
        return replace(cls(), **values)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    warehouse_url: str
    sources: Path | None
    user_agent: str
    ocr: bool
    max_download_mb: int
    extract_timeout_s: float

    raw_store: str | None = None
    max_attempts: int = 5  # tries of one item/download/extraction before it stays failed (reset by retry)
    s3_endpoint_url: str | None = None
    pdf_tables: str = "pdfium"  # or "pdfplumber" (the reference engine)
    lo_profiles: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "selfeval-lo")
    silent_periods: int = 3
    task_retries: int = 2
    task_timeout_min: int | None = None  # None: each DAG's own default
    alert_base_url: str = "http://localhost:8080"  # the Airflow UI as alert readers reach it (links in alerts)
    ocr_engine: str = OCR_ENGINES[0]
    ocr_threads: int = 1  # get_settings() defaults it to the cores this process may use
    limits: Limits = field(default_factory=Limits)

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def raw_store_url(self) -> str:
        """`SELFEVAL_RAW_STORE_URL` (e.g. s3://selfeval-raw/ on MinIO) or the local `<data dir>/raw`."""
        return self.raw_store or str(self.raw_dir)


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() not in {"0", "false", "no", "off"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name}={raw!r} is not a whole number") from exc


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, which a container or taskset narrows; not the
    machine's count, so a pinned worker does not oversubscribe)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def _choice(name: str, choices: tuple[str, ...]) -> str:
    """The variable's value (case-insensitive) if it is one of `choices`, the first choice if unset."""
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return choices[0]
    if raw not in choices:
        raise ValueError(f"{name}={os.environ.get(name)!r} is not one of: {', '.join(choices)}")
    return raw


def get_settings() -> Settings:
    """Read the environment now; `SELFEVAL_WAREHOUSE_URL` defaults to SQLite under the data dir."""
    env = os.environ.get
    data_dir = Path(env("SELFEVAL_DATA_DIR") or "./data").resolve()
    url = env("SELFEVAL_WAREHOUSE_URL") or f"sqlite:///{data_dir / 'warehouse.sqlite'}"
    sources = env("SELFEVAL_SOURCES")
    return Settings(
        data_dir=data_dir,
        warehouse_url=url,
        sources=Path(sources).resolve() if sources else None,
        user_agent=env("SELFEVAL_USER_AGENT") or DEFAULT_USER_AGENT,
        ocr=_bool(env("SELFEVAL_OCR"), True),
        max_download_mb=_int("SELFEVAL_MAX_DOWNLOAD_MB", 200),
        extract_timeout_s=float(env("SELFEVAL_EXTRACT_TIMEOUT_S") or 300),
        raw_store=env("SELFEVAL_RAW_STORE_URL") or None,
        max_attempts=max(1, _int("SELFEVAL_MAX_ATTEMPTS", 5)),
        s3_endpoint_url=env("SELFEVAL_S3_ENDPOINT_URL") or None,
        pdf_tables="pdfplumber" if (env("SELFEVAL_PDF_TABLES") or "").lower() == "pdfplumber" else "pdfium",
        lo_profiles=Path(env("SELFEVAL_LO_PROFILES") or Path(tempfile.gettempdir()) / "selfeval-lo"),
        silent_periods=max(1, _int("SELFEVAL_SILENT_PERIODS", 3)),
        task_retries=max(0, _int("SELFEVAL_TASK_RETRIES", 2)),
        task_timeout_min=_int("SELFEVAL_TASK_TIMEOUT_MIN", 0) or None,
        # links in alerts: this variable, else Airflow's own [api] base_url when set in the environment
        alert_base_url=(env("SELFEVAL_ALERT_BASE_URL") or env("AIRFLOW__API__BASE_URL")
                        or "http://localhost:8080").strip().rstrip("/"),
        ocr_engine=_choice("SELFEVAL_OCR_ENGINE", OCR_ENGINES),
        ocr_threads=max(1, _int("SELFEVAL_OCR_THREADS", usable_cores())),
        limits=Limits.from_env(),
    )


ENV_VARS: tuple[str, ...] = (
    "SELFEVAL_WAREHOUSE_URL", "SELFEVAL_DATA_DIR", "SELFEVAL_SOURCES", "SELFEVAL_OCR", "SELFEVAL_USER_AGENT",
    "SELFEVAL_MAX_DOWNLOAD_MB", "SELFEVAL_EXTRACT_TIMEOUT_S", "SELFEVAL_MAX_ATTEMPTS", "SELFEVAL_RAW_STORE_URL",
    "SELFEVAL_S3_ENDPOINT_URL", "SELFEVAL_PDF_TABLES", "SELFEVAL_LO_PROFILES", "SELFEVAL_SILENT_PERIODS",
    "SELFEVAL_TASK_RETRIES", "SELFEVAL_TASK_TIMEOUT_MIN", "SELFEVAL_ALERT_BASE_URL", "SELFEVAL_OCR_ENGINE",
    "SELFEVAL_OCR_THREADS",
) + tuple(f"SELFEVAL_{f.name.upper()}" for f in fields(Limits))
"""Every variable `get_settings()` reads (the README's configuration table must list each)."""


def task_defaults(timeout_min: int, retry_delay_min: float) -> dict:
    """The Airflow `default_args` both DAGs share (minus the failure callback, which needs Airflow): retries
    with exponential backoff, and an `execution_timeout` so a hung task is killed and retried instead of
    holding its pool slot for ever (`SELFEVAL_TASK_TIMEOUT_MIN` overrides the DAG's own `timeout_min`)."""
    from datetime import timedelta

    settings = get_settings()
    return {
        "owner": "selfeval-data-eng",
        "retries": settings.task_retries,
        "retry_delay": timedelta(minutes=retry_delay_min),
        "retry_exponential_backoff": 2.0,
        "execution_timeout": timedelta(minutes=settings.task_timeout_min or timeout_min),
    }
