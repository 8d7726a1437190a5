"""Content-addressed raw store: bytes are kept once, under their sha256, on a local disk or any
fsspec filesystem (S3 / MinIO in production) through the same API.

Layout `<root>/ab/cd/<sha256>` keeps directories small. Local writes go to a temp file and are
renamed into place, so a killed download never leaves a partial object under a valid key; object
stores write whole objects atomically anyway.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import fsspec

from selfeval.store.atomic import write_atomic


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def storage_options_from_env() -> dict:
    """S3-compatible endpoint (MinIO) from `SELFEVAL_S3_ENDPOINT_URL`; credentials from the AWS_* variables."""
    from selfeval.settings import get_settings

    endpoint = get_settings().s3_endpoint_url
    return {"client_kwargs": {"endpoint_url": endpoint}} if endpoint else {}


class RawStore:
    def __init__(self, root: str | Path, storage_options: dict | None = None):
        self.url = str(root)
        self.local = "://" not in self.url or self.url.startswith("file://")
        opts = storage_options if storage_options is not None else ({} if self.local else storage_options_from_env())
        self.fs, self.base = fsspec.core.url_to_fs(self.url, **opts)
        self.protocol = self.fs.protocol if isinstance(self.fs.protocol, str) else self.fs.protocol[0]
        self.root = Path(self.base) if self.local else None  # kept for local callers

    def _key(self, sha256: str) -> str:
        return f"{self.base.rstrip('/')}/{sha256[:2]}/{sha256[2:4]}/{sha256}"

    def uri_for(self, sha256: str) -> str:
        """What `document_version.storage_path` records: a local path, or `s3://bucket/…`."""
        key = self._key(sha256)
        return key if self.local else f"{self.protocol}://{key}"

    def path_for(self, sha256: str) -> Path:
        if not self.local:
            raise ValueError(f"{self.url} is not a local store")
        return Path(self._key(sha256))

    def exists(self, sha256: str) -> bool:
        return self.fs.exists(self._key(sha256))

    def put(self, data: bytes) -> tuple[str, str]:
        digest = sha256_bytes(data)
        key = self._key(digest)
        if not self.fs.exists(key):
            if self.local:
                write_atomic(Path(key), data, prefix=".part-")
            else:
                self.fs.pipe_file(key, data)
        return digest, self.uri_for(digest)

    def get(self, sha256: str) -> bytes:
        return self.fs.cat_file(self._key(sha256))

    @contextmanager
    def local_path(self, sha256: str) -> Iterator[Path]:
        """A local file with the bytes, for engines that need a path (LibreOffice, pdfium)."""
        if self.local:
            yield Path(self._key(sha256))
            return
        with tempfile.TemporaryDirectory(prefix="selfeval-raw-") as tmp:
            path = Path(tmp) / sha256
            path.write_bytes(self.get(sha256))
            yield path
