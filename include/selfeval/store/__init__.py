"""Content-addressed raw store."""

from selfeval.store.raw import RawStore

__all__ = ["RawStore"]
