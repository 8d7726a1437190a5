"""Source registry: portals configured as YAML data, validated by a schema."""

from selfeval.sources.registry import SourceConfig, SourceConfigError, load_sources

__all__ = ["SourceConfig", "SourceConfigError", "load_sources"]
