"""URL safety: http(s) only, host allow-list, and no private/loopback targets (SSRF) unless allowed."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeURL(Exception):
    """The URL must not be requested; the message says why."""


def _host_allowed(host: str, allow_hosts: list[str]) -> bool:
    host = host.lower().rstrip(".")
    for allowed in allow_hosts:
        allowed = allowed.lower().lstrip("*.").rstrip(".")
        if host == allowed or host.endswith("." + allowed):
            return True
    return False


def check_url(url: str, allow_hosts: list[str], allow_private: bool = False) -> None:
    """Raise UnsafeURL unless `url` may be fetched. Resolves DNS to catch names pointing inward."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"refused scheme {parts.scheme!r}: {url}")
    host = parts.hostname
    if not host:
        raise UnsafeURL(f"no host in {url}")
    if allow_hosts and not _host_allowed(host, allow_hosts):
        raise UnsafeURL(f"host {host} not in the source allow-list {allow_hosts}")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise UnsafeURL(f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        inward = addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved \
            or addr.is_multicast or addr.is_unspecified or str(addr) == "169.254.169.254"
        if inward and not allow_private:
            raise UnsafeURL(f"refused address {addr} for host {host} (private/loopback/link-local)")
