"""Runtime configuration from `SELFEVAL_*` environment variables, with defaults.

The variable names are a contract used by ops tooling: extend, never rename.
Values are read at call time (not import time) so tests and the CLI can
change the environment between runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_USER_AGENT = "selfeval-crawler/0.1 (+https://example.invalid/selfeval; open-data research)"


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


def get_settings() -> Settings:
    """Read the environment now; `SELFEVAL_WAREHOUSE_URL` defaults to SQLite under the data dir."""
    data_dir = Path(os.environ.get("SELFEVAL_DATA_DIR") or "./data").resolve()
    url = os.environ.get("SELFEVAL_WAREHOUSE_URL") or f"sqlite:///{data_dir / 'warehouse.sqlite'}"
    sources = os.environ.get("SELFEVAL_SOURCES")
    return Settings(
        data_dir=data_dir,
        warehouse_url=url,
        sources=Path(sources).resolve() if sources else None,
        user_agent=os.environ.get("SELFEVAL_USER_AGENT") or DEFAULT_USER_AGENT,
        ocr=_bool(os.environ.get("SELFEVAL_OCR"), True),
        max_download_mb=int(os.environ.get("SELFEVAL_MAX_DOWNLOAD_MB") or 200),
        extract_timeout_s=float(os.environ.get("SELFEVAL_EXTRACT_TIMEOUT_S") or 300),
        raw_store=os.environ.get("SELFEVAL_RAW_STORE_URL") or None,
        max_attempts=max(1, int(os.environ.get("SELFEVAL_MAX_ATTEMPTS") or 5)),
    )
