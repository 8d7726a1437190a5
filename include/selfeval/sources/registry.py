"""Load and validate the source registry (a YAML file or a directory of them).

Errors are collected, not raised one by one, so `selfeval sources check` can
print every problem with `file:key` at once.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from selfeval.sources.schema import SourceConfig

log = logging.getLogger(__name__)
_VAR = re.compile(r"\$\{([A-Z0-9_]+)\}")


@dataclass
class SourceProblem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.key}: {self.message}"


class SourceConfigError(ValueError):
    def __init__(self, problems: list[SourceProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
    return [path]


def _expand(value: Any, file: str, key: str, problems: list[SourceProblem]) -> Any:
    """Replace `${VAR}` from the environment; a missing variable is a problem, not an empty string."""
    if isinstance(value, str):

        def repl(m: re.Match) -> str:
            if m.group(1) not in os.environ:
                problems.append(SourceProblem(file, key, f"environment variable {m.group(1)} is not set"))
                return m.group(0)
            return os.environ[m.group(1)].rstrip("/")

        return _VAR.sub(repl, value)
    if isinstance(value, list):
        return [_expand(v, file, f"{key}[{i}]", problems) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _expand(v, file, f"{key}.{k}" if key else str(k), problems) for k, v in value.items()}
    return value


MAX_FILE_BYTES = 1_000_000  # a source file is a few hundred bytes; a bigger one is a mistake or an attack
MAX_ALIASES = 50  # YAML anchors are fine; an alias bomb (billion laughs) is not
MAX_NODES = 20_000  # values in one source after anchors are expanded


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses more than MAX_ALIASES alias references (exponential expansion)."""

    aliases = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} YAML aliases (alias bomb?)")
        return super().compose_node(parent, index)


def _size(value: Any, limit: int) -> int:
    """Number of values in a loaded document, counting shared (aliased) parts each time; stops past `limit`."""
    n, stack = 0, [value]
    while stack and n <= limit:
        v = stack.pop()
        n += 1
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return n


def _documents(file: Path, problems: list[SourceProblem]) -> list[tuple[str, dict]]:
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            problems.append(SourceProblem(str(file), "-", f"file larger than {MAX_FILE_BYTES} bytes"))
            return []
        loaded = list(yaml.load_all(file.read_text(encoding="utf-8"), Loader=_BoundedLoader))  # noqa: S506 (safe)
        for doc in loaded:
            if _size(doc, MAX_NODES) > MAX_NODES:
                raise yaml.YAMLError(f"more than {MAX_NODES} values once anchors are expanded (alias bomb?)")
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(SourceProblem(str(file), "-", f"cannot read YAML: {exc}"))
        return []
    out: list[tuple[str, dict]] = []
    for doc in loaded:
        if doc is None:
            continue
        items = doc.get("sources") if isinstance(doc, dict) and "sources" in doc else [doc]
        if not isinstance(items, list):
            problems.append(SourceProblem(str(file), "sources", "must be a list"))
            continue
        for i, item in enumerate(items):
            prefix = f"sources[{i}]" if len(items) > 1 or "sources" in (doc or {}) else ""
            if not isinstance(item, dict):
                problems.append(SourceProblem(str(file), prefix or "-", "a source must be a mapping"))
                continue
            out.append((prefix, item))
    return out


def validate_file(file: Path) -> tuple[list[SourceConfig], list[SourceProblem]]:
    problems: list[SourceProblem] = []
    sources: list[SourceConfig] = []
    for prefix, raw in _documents(file, problems):
        before = len(problems)
        expanded = _expand(raw, str(file), prefix, problems)
        if len(problems) > before:
            continue
        try:
            cfg = SourceConfig.model_validate(expanded)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"])
                key = f"{prefix}.{loc}" if prefix else loc
                problems.append(SourceProblem(str(file), key or "-", err["msg"]))
            continue
        if not cfg.allow_hosts:
            cfg.allow_hosts = sorted({urlsplit(u).hostname or "" for u in cfg.start_urls})
        sources.append(cfg)
    return sources, problems


def check_sources(path: Path) -> tuple[list[SourceConfig], list[SourceProblem]]:
    """Validate every YAML under `path`; duplicate ids are problems too."""
    if not path.exists():
        return [], [SourceProblem(str(path), "-", "source registry path does not exist")]
    sources: list[SourceConfig] = []
    problems: list[SourceProblem] = []
    seen: dict[str, str] = {}
    for file in _yaml_files(path):
        found, probs = validate_file(file)
        problems.extend(probs)
        for cfg in found:
            if cfg.id in seen:
                problems.append(SourceProblem(str(file), "id", f"duplicate source id {cfg.id!r} (also in {seen[cfg.id]})"))
                continue
            seen[cfg.id] = str(file)
            sources.append(cfg)
    return sources, problems


def load_sources(path: Path | None = None, *, strict: bool = False) -> list[SourceConfig]:
    """Load the registry from `path` or `SELFEVAL_SOURCES` (default `./sources`).

    One broken file must not stop every crawl: by default its sources are skipped and each problem is logged
    (`sources check` prints them, the crawl DAG alerts on them); `strict=True` raises instead."""
    if path is None:
        from selfeval.settings import get_settings

        path = get_settings().sources or Path("sources").resolve()
    sources, problems = check_sources(Path(path))
    if problems and strict:
        raise SourceConfigError(problems)
    for p in problems:
        log.warning("source registry: %s (skipped)", p)
    return sources


def get_source(source_id: str, path: Path | None = None) -> SourceConfig:
    for cfg in load_sources(path):
        if cfg.id == source_id:
            return cfg
    raise KeyError(f"unknown source id {source_id!r}")
