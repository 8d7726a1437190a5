"""URL safety: http(s) only, host allow-list, and no inward targets (SSRF) unless allowed.

Two layers use the same address rule: `check_url` refuses a URL before any
request (and on every redirect hop), and `vetted_address` is called again by the
HTTP connection itself right before it opens a socket, so a DNS answer that
changes between the check and the connect (rebinding) cannot reach an inward
address either.

`allow_private_network` (for loopback test portals and intranet mirrors) admits
loopback and RFC 1918 / ULA addresses, optionally narrowed to `private_networks`,
but only directly: an IPv6 transition form (NAT64 `64:ff9b::7f00:1`, 6to4, Teredo,
IPv4-compatible) carrying a non-global IPv4 is refused always, since a translator
would connect to that address on its own network, not ours.
Link-local addresses, cloud metadata endpoints, multicast, unspecified and
reserved ranges are refused always: no real portal lives there.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"),
             ipaddress.ip_address("100.100.100.200")}  # AWS/GCP/Azure, AWS IPv6, Alibaba Cloud


_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_V4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(addr: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 transition form carries (a NAT64/6to4/Teredo gateway would connect to them)."""
    out: list[ipaddress.IPv4Address] = []
    if addr.sixtofour is not None:
        out.append(addr.sixtofour)
    if addr.teredo is not None:
        out.extend(addr.teredo)
    if any(addr in n for n in _NAT64) or (addr in _V4_COMPATIBLE and int(addr) > 1):
        out.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    return out


class UnsafeURL(Exception):
    """The URL must not be requested; the message says why."""


@dataclass(frozen=True)
class AddressPolicy:
    """Which resolved addresses a client may connect to."""

    allow_private: bool = False
    private_networks: tuple[str, ...] = field(default_factory=tuple)  # empty: every private range

    def refusal(self, addr: IPAddress) -> str | None:
        """Why `addr` is refused, or None if it may be connected to."""
        if isinstance(addr, ipaddress.IPv6Address):
            if addr.ipv4_mapped is not None:
                addr = addr.ipv4_mapped
            else:
                for v4 in embedded_ipv4(addr):  # NAT64, 6to4, Teredo, IPv4-compatible: judged as the IPv4 inside
                    if not v4.is_global:
                        # a translator connects to it on *its* side: never the loopback or private network a
                        # source may allow, so no `allow_private_network` admits it
                        why = AddressPolicy().refusal(v4) or "non-global address"
                        return f"{why} (embedded in {addr}, an IPv6 transition address)"
                    why = self.refusal(v4)
                    if why is not None:
                        return f"{why} (embedded in {addr})"
        if addr in _METADATA:
            return "cloud metadata address"
        if addr.is_link_local:
            return "link-local address"
        if addr.is_multicast or addr.is_unspecified:
            return "multicast/unspecified address"
        if addr.is_global:
            return None
        if not self.allow_private:
            return "private/loopback address"
        if not (addr.is_private or addr.is_loopback):
            return "non-global reserved address"
        if self.private_networks and not any(addr in ipaddress.ip_network(n, strict=False)
                                             for n in self.private_networks):
            return f"private address outside {list(self.private_networks)}"
        return None


def _host_allowed(host: str, allow_hosts: Sequence[str]) -> bool:
    host = host.lower().rstrip(".")
    for allowed in allow_hosts:
        allowed = allowed.lower().lstrip("*.").rstrip(".")
        if host == allowed or host.endswith("." + allowed):
            return True
    return False


def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses `host` resolves to (an IP literal resolves to itself without DNS)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise UnsafeURL(f"cannot resolve {host}: {exc}") from exc
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def vetted_address(host: str, port: int, policy: AddressPolicy) -> str:
    """The first resolved address of `host` the policy admits; UnsafeURL if any is refused.

    Refusing when *any* answer is inward (not just the first) closes the trick of a
    name that resolves to one public and one metadata address.
    """
    addrs = resolve(host, port)
    for addr in addrs:
        why = policy.refusal(addr)
        if why:
            raise UnsafeURL(f"refused address {addr} for host {host} ({why})")
    return str(addrs[0])


def check_url(url: str, allow_hosts: Sequence[str], allow_private: bool = False,
              private_networks: Sequence[str] = ()) -> None:
    """Raise UnsafeURL unless `url` may be fetched. Resolves DNS to catch names pointing inward."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"refused scheme {parts.scheme!r}: {url}")
    host = parts.hostname
    if not host:
        raise UnsafeURL(f"no host in {url}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURL(f"bad port in {url}") from exc
    policy = AddressPolicy(allow_private, tuple(private_networks))
    if _is_ip_literal(host):  # the address is the stronger reason (metadata!), and needs no DNS
        vetted_address(host, port, policy)
    if allow_hosts and not _host_allowed(host, allow_hosts):
        raise UnsafeURL(f"host {host} not in the source allow-list {list(allow_hosts)}")
    vetted_address(host, port, policy)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
