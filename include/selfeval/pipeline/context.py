"""Who is running a stage: the Airflow task instance or a CLI call. Lineage columns come from here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class RunContext:
    dag_id: str
    dag_run_id: str
    task_id: str
    try_number: int = 1
    map_index: int = -1

    @classmethod
    def cli(cls, task_id: str = "cli") -> RunContext:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        return cls(dag_id="cli", dag_run_id=f"cli__{stamp}__{os.getpid()}", task_id=task_id)

    @classmethod
    def from_airflow(cls, context: dict) -> RunContext:
        """Build from an Airflow task context (duck-typed; Airflow is not imported here)."""
        ti = context["ti"]
        return cls(
            dag_id=ti.dag_id,
            dag_run_id=ti.run_id,
            task_id=ti.task_id,
            try_number=int(getattr(ti, "try_number", 1) or 1),
            map_index=int(getattr(ti, "map_index", -1) if getattr(ti, "map_index", None) is not None else -1),
        )

    def key(self, *parts: object) -> str:
        """Idempotency key for rows written by this task (same task re-run → same key)."""
        base = [self.dag_id, self.dag_run_id, self.task_id, str(self.map_index)]
        return "/".join(base + [str(p) for p in parts])
