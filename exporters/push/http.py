"""The outbound HTTP client for pushes: the same address rules as the crawl's fetch path.

The host is resolved here and the connection made to the checked address itself, so a name
that resolves to a private or loopback address is refused unless RELAIS_ALLOWED_HOSTS admits it.
TLS still verifies the certificate against the host name. Redirects are not followed.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from spiders.addresses import AllowedHosts, address_problem, parse_allowed_hosts

USER_AGENT = "RelaisBot/0.1 (+https://github.com/relais-jobs/relais)"


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to public addresses, or to hosts the allowlist admits."""

    def __init__(self, allowed: AllowedHosts) -> None:
        self.allowed = allowed

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as error:
            raise httpcore.ConnectError(f"DNS lookup failed for {host}: {error}") from error
        admitted = self.allowed.admits(host, port)
        problems = []
        for info in infos:
            ip = str(info[4][0])
            problem = address_problem(ip)
            if problem is None or admitted:
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            problems.append(f"{ip}, {problem}")
        raise httpcore.ConnectError(f"refused: {host} resolves to {'; '.join(problems)}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the guarded backend underneath."""

    def __init__(self, allowed: AllowedHosts) -> None:
        super().__init__(retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(allowed),
        )


def guarded_client(allowed_hosts: str | None = None, timeout: float = 30.0) -> httpx.Client:
    """An httpx client for pushes; `allowed_hosts` defaults to RELAIS_ALLOWED_HOSTS."""
    text = allowed_hosts if allowed_hosts is not None else os.environ.get("RELAIS_ALLOWED_HOSTS")
    return httpx.Client(
        transport=GuardedTransport(parse_allowed_hosts(text)),
        timeout=httpx.Timeout(timeout, connect=10.0),
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
        trust_env=False,
    )
