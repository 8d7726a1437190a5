"""OpenLineage datasets of the pipeline's stages, reported through the Airflow OpenLineage provider.

The provider turns a task's inlets/outlets into the run event's inputs/outputs. Which
URLs and tables a crawl or a batch touched is only known at run time, so tasks attach
them to themselves before they finish (`attach`), and the provider's listener reads them
when it emits the COMPLETE event.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

Pair = tuple[str, str]  # (namespace, name) as OpenLineage names datasets


def url_dataset(url: str) -> Pair:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}", parts.path or "/"


def raw_store_dataset(store_url: str | Path) -> Pair:
    """`s3://bucket/prefix` → (s3://bucket, prefix); a local path → (file, path)."""
    text = str(store_url)
    if "://" in text and not text.startswith("file://"):
        parts = urlsplit(text)
        return f"{parts.scheme}://{parts.netloc}", parts.path.lstrip("/") or "/"
    return "file", text.removeprefix("file://")


def warehouse_datasets(warehouse_url: str, tables: list[str]) -> list[Pair]:
    """Dataset names per the OpenLineage naming spec: postgres://host:port + db.schema.table; sqlite file path."""
    u = make_url(warehouse_url)
    if u.get_backend_name() == "postgresql":
        ns = f"postgres://{u.host or 'localhost'}:{u.port or 5432}"
        return [(ns, f"{u.database}.public.{t}") for t in tables]
    return [(f"sqlite://{u.database}", t) for t in tables]


def attach(task, lineage: dict) -> None:
    """Append the run's datasets to the task's inlets/outlets (read by the OpenLineage listener)."""
    from openlineage.client.event_v2 import Dataset

    inlets = list(getattr(task, "inlets", None) or [])
    outlets = list(getattr(task, "outlets", None) or [])
    inlets += [Dataset(namespace=ns, name=name) for ns, name in lineage.get("inputs", [])]
    outlets += [Dataset(namespace=ns, name=name) for ns, name in lineage.get("outputs", [])]
    task.inlets, task.outlets = inlets, outlets
