"""The SSRF guard: which addresses storyline may connect to, enforced where the socket is opened.

A URL's host name is resolved *here*, every address it resolves to is
checked, and the connection goes to the checked address itself.  Checking a
name and then letting the HTTP library resolve it again would leave a window
in which a hostile DNS server answers a public address to the check and
``127.0.0.1`` to the connection (DNS rebinding); there is no second lookup
to rebind.  Because every connection passes through :class:`GuardedBackend`,
every redirect hop to a new host is checked too.

Refused by default: loopback, private (RFC 1918, unique-local IPv6),
link-local (cloud metadata endpoints such as ``169.254.169.254`` live
there), multicast, unspecified, reserved and any other address that is not
globally routable, also when written as an IPv4-mapped IPv6 address.  The
setting ``allow_private_addresses`` lifts this for tests and intranet sources.

The two edges, name resolution and opening a TCP connection, are injected
(:class:`Network`): tests give a host name a public-looking address and route
that address to a server on the loopback interface, the way a network
namespace would, without any connection leaving the machine.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
Dialer = Callable[[str, int, float | None], httpcore.NetworkStream]

HINT = "set allow_private_addresses = true in the [storyline] settings to allow it"


class BlockedAddress(Exception):
    """A connection the guard refused; the message is one line for the user."""


def system_resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), in the resolver's order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for info in infos:
        seen[str(info[4][0]).split("%", 1)[0]] = None  # drop an IPv6 zone id ("fe80::1%eth0")
    return list(seen)


def direct_connect(address: str, port: int, timeout: float | None) -> httpcore.NetworkStream:
    """A TCP connection to exactly ``address`` (an IP address, never a name)."""
    return httpcore.SyncBackend().connect_tcp(address, port, timeout=timeout, socket_options=[])


@dataclass(frozen=True, slots=True)
class Network:
    """Name resolution and TCP connection: the two I/O edges of fetching."""

    resolve: Resolver = system_resolve
    connect: Dialer = direct_connect


def address_problem(address: str) -> str | None:
    """Why ``address`` must not be fetched from by default (``"a loopback address"``), or None."""
    ip: IPAddress = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (where cloud metadata services answer)"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a globally routable address"),
    )
    return next((why for bad, why in checks if bad), None)


def literal_address(host: str) -> str | None:
    """``host`` as an IP address string if it is one (``[::1]`` → ``::1``), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def check_addresses(host: str, addresses: Iterable[str]) -> None:
    """Raise :class:`BlockedAddress` if any address of ``host`` is not a public one."""
    for address in addresses:
        problem = address_problem(address)
        if problem is None:
            continue
        if literal_address(host) is not None:
            raise BlockedAddress(f"{address} is {problem}; {HINT}")
        raise BlockedAddress(f"{host} resolves to {address}, {problem}; {HINT}")


@dataclass(slots=True)
class GuardedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that resolves, checks and connects in one place."""

    network: Network = field(default_factory=Network)
    allow_private: bool = False
    connected: list[str] = field(default_factory=list)  # every address connected to, for the curious

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._addresses(host, port)
        if not self.allow_private:
            check_addresses(host, addresses)
        last: Exception | None = None
        for address in addresses:
            try:
                stream = self.network.connect(address, port, timeout)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            self.connected.append(address)
            return stream
        raise last or httpcore.ConnectError(f"cannot connect to {host}")

    def _addresses(self, host: str, port: int) -> list[str]:
        literal = literal_address(host)
        if literal is not None:
            return [literal]
        try:
            found = [str(ipaddress.ip_address(a)) for a in self.network.resolve(host, port)]
        except (OSError, UnicodeError, ValueError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {_reason(exc)}") from exc
        if not found:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        return found

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise BlockedAddress("unix sockets are never connected to")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own HTTP transport, with every connection made by a :class:`GuardedBackend`.

    Environment proxies are never used (``trust_env=False``): a proxy would
    connect on our behalf to addresses the guard never saw.
    """

    def __init__(self, backend: GuardedBackend, *, max_connections: int = 10) -> None:
        super().__init__(trust_env=False)
        # httpx has no public parameter for the network backend; its pool is
        # replaced by the same httpcore pool with ours (httpx 0.28/0.29).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=30.0,
            network_backend=backend,
        )
