"""Serve the demo county portal (`site/`) over real HTTP on loopback with the standard library.

Behaves like a typical TRS WCM portal behind nginx: correct Content-Type per file, Content-Length,
Last-Modified and ETag with conditional GET (304), HEAD, 301 for a directory without its slash,
404 for anything missing. Per-path extra headers (a `Content-Disposition` with a percent-encoded
Chinese file name, a `charset=gb2312` page) come from `site/_headers.json`, which, like every
`_*`/`.*` path and `manifest.json`, is never served.

    with serve() as portal:            # port 0: a free port
        requests.get(portal.url + "/zwgk/czzj/jxzp/index.html")

`site_dir` lets tests serve a copy of the site (e.g. to add items for incremental crawls); files
are read on each request, so edits to the served directory show up at once.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import ipaddress
import json
import posixpath
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITE_DIR = Path(__file__).resolve().parent / "site"
# The demo's entry in the source registry (the repository's sources/ folder).
DEMO_SOURCE_YAML = Path(__file__).resolve().parents[3] / "demo-sources" / "demo-county.yaml"
COLUMN_PATH = "/zwgk/czzj/jxzp/index.html"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css",
    ".js": "application/javascript",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
    ".rar": "application/x-rar-compressed",
}
HIDDEN_NAMES = {"manifest.json"}


def demo_source_text(base_url: str) -> str:
    """The demo source YAML with `${SELFEVAL_DEMO_BASE_URL}` filled in (no trailing slash)."""
    return DEMO_SOURCE_YAML.read_text("utf-8").replace("${SELFEVAL_DEMO_BASE_URL}", base_url.rstrip("/"))


@dataclass
class _Entry:
    body: bytes
    etag: str
    mtime: int


class _Handler(BaseHTTPRequestHandler):
    server_version = "nginx"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    server: _PortalServer

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - base class signature
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def do_GET(self) -> None:  # noqa: N802
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(head=True)

    def _send_simple(self, status: HTTPStatus, head: bool, extra: dict[str, str] | None = None) -> None:
        body = (f"<html><head><title>{status.value} {status.phrase}</title></head><body>"
                f"<center><h1>{status.value} {status.phrase}</h1></center><hr><center>nginx</center>"
                "</body></html>\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self.server.record(self.command, self.path, status.value)

    def _resolve(self, url_path: str) -> tuple[Path | None, str | None]:
        """(file, None), (None, redirect_location) or (None, None) for not found."""
        root = self.server.site_dir
        clean = posixpath.normpath(unquote(url_path))
        if not clean.startswith("/"):
            return None, None
        parts = [p for p in clean.split("/") if p]
        if any(p.startswith((".", "_")) for p in parts) or (len(parts) == 1 and parts[0] in HIDDEN_NAMES):
            return None, None
        target = root.joinpath(*parts) if parts else root
        try:
            target = target.resolve()
            target.relative_to(root)
        except (OSError, ValueError):
            return None, None
        if target.is_dir():
            if not url_path.endswith("/"):
                return None, url_path + "/"
            target = target / "index.html"
        if not target.is_file():
            return None, None
        return target, None

    def _serve(self, head: bool) -> None:
        url_path = urlsplit(self.path).path or "/"
        target, redirect = self._resolve(url_path)
        if redirect is not None:
            self._send_simple(HTTPStatus.MOVED_PERMANENTLY, head, {"Location": redirect})
            return
        if target is None:
            self._send_simple(HTTPStatus.NOT_FOUND, head)
            return
        entry = self.server.load(target)
        rel = "/" + target.relative_to(self.server.site_dir).as_posix()
        extra = self.server.extra_headers().get(rel, {})
        headers = {
            "Content-Type": CONTENT_TYPES.get(target.suffix.lower(), "application/octet-stream"),
            "Last-Modified": email.utils.formatdate(entry.mtime, usegmt=True),
            "ETag": entry.etag,
            "Cache-Control": "max-age=600",
        }
        headers.update(extra)
        if self._not_modified(entry):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            for key in ("Last-Modified", "ETag", "Cache-Control"):
                self.send_header(key, headers[key])
            self.end_headers()
            self.server.record(self.command, self.path, 304)
            return
        self.send_response(HTTPStatus.OK)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(entry.body)))
        self.end_headers()
        if not head:
            self.wfile.write(entry.body)
        self.server.record(self.command, self.path, 200)

    def _not_modified(self, entry: _Entry) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # takes precedence over If-Modified-Since (RFC 9110 13.2.2)
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or any(t.removeprefix("W/") == entry.etag for t in tags)
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims)
            except (TypeError, ValueError, IndexError):
                return False
            if since is None:
                return False
            return entry.mtime <= int(since.timestamp())
        return False


class _PortalServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], site_dir: Path, verbose: bool) -> None:
        self.site_dir = site_dir
        self.verbose = verbose
        self.requests: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()
        self._cache: dict[Path, tuple[tuple[int, int], _Entry]] = {}
        super().__init__(address, _Handler)

    def record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((method, path, status))

    def load(self, path: Path) -> _Entry:
        st = path.stat()
        key = (st.st_mtime_ns, st.st_size)
        with self._lock:
            hit = self._cache.get(path)
        if hit and hit[0] == key:
            return hit[1]
        body = path.read_bytes()
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}-{len(body):x}"'
        entry = _Entry(body=body, etag=etag, mtime=int(st.st_mtime))
        with self._lock:
            self._cache[path] = (key, entry)
        return entry

    def extra_headers(self) -> dict[str, dict[str, str]]:
        conf = self.site_dir / "_headers.json"
        if not conf.is_file():
            return {}
        return json.loads(conf.read_text("utf-8")).get("paths", {})


@dataclass
class DemoPortal:
    """A running demo portal; `.url` has no trailing slash, e.g. `http://127.0.0.1:40123`."""

    host: str
    port: int
    site_dir: Path
    _server: _PortalServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def column_url(self) -> str:
        return self.url + COLUMN_PATH

    @property
    def requests(self) -> list[tuple[str, str, int]]:
        """(method, path, status) of every request served so far."""
        with self._server._lock:
            return list(self._server.requests)

    def source_yaml(self) -> str:
        return demo_source_text(self.url)

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()

    def __enter__(self) -> DemoPortal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _check_loopback(host: str) -> None:
    try:
        ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"the demo portal serves on loopback only, not {host!r}")


def _start(port: int, host: str, site_dir: Path | None, verbose: bool) -> _PortalServer:
    _check_loopback(host)
    root = Path(site_dir or SITE_DIR).resolve()
    if not (root / "index.html").is_file():
        raise FileNotFoundError(f"not a demo site (no index.html): {root}")
    return _PortalServer((host, port), root, verbose)


def serve(port: int = 0, host: str = "127.0.0.1", site_dir: Path | None = None,
          verbose: bool = False) -> DemoPortal:
    """Start the portal in a background thread and return at once; port 0 picks a free port."""
    server = _start(port, host, site_dir, verbose)
    thread = threading.Thread(target=server.serve_forever, name="demo-portal", daemon=True)
    thread.start()
    return DemoPortal(host=host, port=server.server_address[1], site_dir=server.site_dir,
                      _server=server, _thread=thread)


def main(port: int = 8000, host: str = "127.0.0.1", site_dir: Path | None = None) -> int:
    """Serve in the foreground until Ctrl-C (used by `selfeval demo-portal --port N`)."""
    server = _start(port, host, site_dir, verbose=True)
    url = f"http://{host}:{server.server_address[1]}"
    print(f"demo portal: {url}/  (绩效自评 column: {url}{COLUMN_PATH})", flush=True)
    print("press Ctrl-C to stop", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", flush=True)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Serve the selfeval demo county portal on loopback.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--site-dir", type=Path, default=None)
    ns = parser.parse_args()
    sys.exit(main(ns.port, ns.host, ns.site_dir))
