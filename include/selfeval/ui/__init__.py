"""Operator UI over the warehouse: sources, reports, lineage, quarantine.

Query and rendering logic only; `plugins/selfeval_ui.py` mounts `create_app()` in
the Airflow 3 api-server. Nothing here imports Airflow.
"""

from __future__ import annotations

from selfeval.ui.app import MOUNT_PREFIX, create_app
from selfeval.ui.queries import DagInfo

__all__ = ["MOUNT_PREFIX", "DagInfo", "create_app"]
