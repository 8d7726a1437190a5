"""`selfeval export`: the BI views as CSV, Excel or Parquet files an analyst can open as they are.

* CSV is UTF-8 **with a BOM**, so Excel on a Chinese Windows opens it without mojibake;
* XLSX (one sheet per view) for those who never want to see an encoding question;
* Parquet with a **fixed schema taken from the models**: timestamps are timestamps, amounts floats, years
  integers and flags booleans, even for an empty view (an empty `v_quarantine` still has typed columns).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from selfeval.warehouse.db import get_engine
from selfeval.warehouse.models import Base
from selfeval.warehouse.views import VIEW_COLUMNS, VIEWS

FORMATS = ("csv", "xlsx", "parquet")

# view column -> (table, column) of the models where the name differs; counts are integers, times timestamps
SOURCE_COLUMN = {
    "report_id": ("report", "id"), "document_url": ("document", "url"),
    "document_sha256": ("document_version", "sha256"), "rule_values": ("validation_result", "values"),
    "last_success_at": ("crawl_run", "finished_at"), "last_crawl_at": ("crawl_run", "started_at"),
}
COUNT_COLUMNS = {"crawl_runs", "failed_runs", "items_found", "items_failed", "documents"}
TABLE_ORDER = ("report", "indicator", "validation_result", "document", "document_version", "crawl_run", "source")


class UnknownView(KeyError):
    """A view name that the warehouse does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


def column_type(view: str, column: str) -> Any:
    """The SQLAlchemy type of a view column, from the model column it shows."""
    if column in COUNT_COLUMNS:
        return sa.Integer()
    tables = Base.metadata.tables
    if column in SOURCE_COLUMN:
        table, name = SOURCE_COLUMN[column]
        return tables[table].c[name].type
    for table in TABLE_ORDER:
        if column in tables[table].c:
            return tables[table].c[column].type
    return sa.Text()


def arrow_schema(view: str):
    """The pyarrow schema of a view: one typed field per column, in the view's order."""
    import pyarrow as pa

    def arrow(t: Any) -> Any:
        if isinstance(t, sa.DateTime):
            return pa.timestamp("us", tz="UTC")
        if isinstance(t, sa.Boolean):
            return pa.bool_()
        if isinstance(t, sa.Integer):
            return pa.int64()
        if isinstance(t, (sa.Float, sa.Numeric)):
            return pa.float64()
        return pa.string()  # text, dates as written (YYYY-MM-DD), JSON as its text

    return pa.schema([pa.field(c, arrow(column_type(view, c))) for c in VIEW_COLUMNS[view]])


def _typed(frame: pd.DataFrame, view: str) -> pd.DataFrame:
    """The frame with the model's types (SQLite hands views back as text and floats)."""
    import json

    out = frame.copy()
    for col in VIEW_COLUMNS[view]:
        if col not in out.columns:
            out[col] = None
        t = column_type(view, col)
        s = out[col]
        if isinstance(t, sa.DateTime):
            out[col] = pd.to_datetime(s, utc=True, errors="coerce", format="mixed")
        elif isinstance(t, sa.Boolean):
            out[col] = s.map(lambda v: None if v is None or v != v else bool(v)).astype("boolean")
        elif isinstance(t, sa.Integer):
            out[col] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif isinstance(t, (sa.Float, sa.Numeric)):
            out[col] = pd.to_numeric(s, errors="coerce").astype("float64")
        else:
            out[col] = s.map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                             else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                             if isinstance(v, (dict, list)) else str(v)).astype("object")
    return out[list(VIEW_COLUMNS[view])]


def read_view(url: str, view: str) -> pd.DataFrame:
    if view not in VIEWS:
        raise UnknownView(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    with get_engine(url).connect() as conn:
        frame = pd.read_sql_query(sa.text(f"SELECT * FROM {view}"), conn)
    return _typed(frame, view)


def export_views(url: str, out_dir: Path, fmt: str = "csv", views: list[str] | None = None) -> list[Path]:
    """Write each view (default: all) to `out_dir`; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    names = list(views or VIEWS)
    for name in names:
        if name not in VIEWS:
            raise UnknownView(f"unknown view {name!r} (known: {', '.join(VIEWS)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = {name: read_view(url, name) for name in names}
    if fmt == "xlsx":
        path = out_dir / "selfeval.xlsx"
        with pd.ExcelWriter(path, engine="xlsxwriter") as xl:
            for name, frame in frames.items():
                _for_excel(frame).to_excel(xl, sheet_name=name[:31], index=False)
        return [path]
    written = []
    for name, frame in frames.items():
        path = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False, encoding="utf-8-sig")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pandas(frame, schema=arrow_schema(name), preserve_index=False), path)
        written.append(path)
    return written


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones: timestamps are written as UTC wall time."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_convert("UTC").dt.tz_localize(None)
    return out
