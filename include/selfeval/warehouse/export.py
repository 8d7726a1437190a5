"""`selfeval export`: the BI views as CSV or Parquet files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from selfeval.warehouse.db import get_engine
from selfeval.warehouse.views import VIEWS


def export_views(url: str, out_dir: Path, fmt: str = "csv", views: list[str] | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in views or list(VIEWS):
        if name not in VIEWS:
            raise KeyError(f"unknown view {name!r} (known: {', '.join(VIEWS)})")
        with get_engine(url).connect() as conn:
            frame = pd.read_sql_query(f"SELECT * FROM {name}", conn)
        path = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False, encoding="utf-8")
        elif fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        written.append(path)
    return written
