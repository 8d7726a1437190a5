"""The family registry: `@family("vsb")` on an adapter makes a CMS family known to the whole project.

A family is one module: its adapter (start URL → list pages, newest first), and optionally the name of
its options block in the source YAML (`options="search"` → `search:`), a function listing its start
points (default: the start URLs) and a `check` of a source's configuration. The source schema accepts
exactly the registered names and runs the family's `check`, so adding a family is one file plus its test
(and an import line in `families/__init__`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfeval.sources.schema import SourceConfig

OPTION_BLOCKS = ("hanweb", "gkmlpt", "search")
"""Source YAML keys that hold one family's options (each family owns at most one)."""


@dataclass(frozen=True)
class Family:
    name: str
    adapter: Callable[..., Any]
    options: str | None = None
    start_points: Callable[[SourceConfig], list[str]] | None = None
    check: Callable[[SourceConfig], None] | None = None

    def starts(self, source: SourceConfig) -> list[str]:
        """The columns to crawl, each stopped early on its own: the start URLs unless the family says."""
        return self.start_points(source) if self.start_points else list(source.start_urls)


FAMILIES: dict[str, Family] = {}


def family(name: str, *, options: str | None = None, start_points: Callable[[SourceConfig], list[str]] | None = None,
           check: Callable[[SourceConfig], None] | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated adapter as CMS family `name`."""
    if options is not None and options not in OPTION_BLOCKS:
        raise ValueError(f"family {name!r}: unknown options block {options!r} (one of {OPTION_BLOCKS})")

    def register(adapter: Callable[..., Any]) -> Callable[..., Any]:
        if name in FAMILIES and FAMILIES[name].adapter is not adapter:
            raise ValueError(f"CMS family {name!r} is registered twice")
        FAMILIES[name] = Family(name, adapter, options, start_points, check)
        return adapter

    return register


def known() -> dict[str, Family]:
    """Every registered family (importing the package registers the built-in ones)."""
    import selfeval.crawl.families  # noqa: F401  (registration happens on import)

    return FAMILIES


def get_family(name: str) -> Family:
    try:
        return known()[name]
    except KeyError:
        raise NotImplementedError(f"CMS family {name!r} has no adapter (known: {', '.join(sorted(FAMILIES))})") \
            from None


def check_source(source: SourceConfig) -> None:
    """The family exists, options blocks of other families are not set, and the family's own check holds."""
    fam = get_family(source.family)
    foreign = [b for b in OPTION_BLOCKS if b in source.model_fields_set and b != fam.options]
    if foreign:
        raise ValueError(f"options block {foreign[0]!r} does not apply to family {source.family!r}")
    if fam.check:
        fam.check(source)
