"""Atomic file writes shared by every writer that other processes may read or write at the same moment.

A fixed temp name (`x.tmp`) is not enough: two task attempts running side by side (an Airflow retry beside an
attempt still alive, or two batches over the same document) would share it, and the second rename then finds
the temp file gone. Each write therefore gets its own temp file in the target's directory (same filesystem, so
the rename is atomic) and readers see either the old whole file or the new whole file, never a torn one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: bytes | str, *, prefix: str | None = None) -> None:
    """Write `data` to `target` through a private temp file and one rename; the temp file never outlives a
    failure. Text is written as UTF-8."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=prefix or f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
