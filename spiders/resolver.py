"""A DNS resolver for the reactor that hands out only public (or allowlisted) addresses."""

# Twisted's HostnameEndpoint connects to exactly the addresses its resolver reports, and it sends
# IP literals through the resolver too (tests/spiders/test_resolver.py checks it), so filtering
# here means the connection uses the checked address: no DNS-rebinding gap between check and use.

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from twisted.internet.interfaces import (
    IAddress,
    IHostnameResolver,
    IResolutionReceiver,
)
from zope.interface import implementer

from spiders.addresses import AllowedHosts, address_problem, allowlist_hint, parse_allowed_hosts

if TYPE_CHECKING:
    from twisted.internet.base import DelayedCall

logger = logging.getLogger(__name__)


class ResolutionLog:
    """What went wrong resolving names, so a failed lookup can be told apart from a refused one."""

    def __init__(self) -> None:
        self._refused: dict[str, str] = {}
        self._timed_out: set[str] = set()

    def note_refused(self, host: str, reason: str) -> None:
        self._refused.setdefault(host.lower(), reason)

    def note_timed_out(self, host: str) -> None:
        self._timed_out.add(host.lower())

    def refusal(self, host: str) -> str | None:
        """The first refusal noted for `host`, e.g. "10.0.0.7 est une adresse privée ; …"."""
        return self._refused.get(host.lower())

    def timed_out(self, host: str) -> bool:
        return host.lower() in self._timed_out

    def clear(self) -> None:
        self._refused.clear()
        self._timed_out.clear()


RESOLUTIONS = ResolutionLog()
"""Refusals and timeouts of this process (a crawl runs alone in its process)."""


@implementer(IResolutionReceiver)
class _GuardingReceiver:
    """Passes on the public addresses of one resolution and ends it at the DNS timeout."""

    def __init__(
        self,
        receiver: Any,  # an IResolutionReceiver (zope interfaces are untyped for mypy)
        host: str,
        port: int,
        allowed: AllowedHosts,
        reactor: Any,
        timeout: float,
    ) -> None:
        self._receiver = receiver
        self._host = host
        self._port = port
        self._allowed = allowed
        self._reactor = reactor
        self._timeout = timeout
        self._timer: DelayedCall | None = None
        self._done = False

    def resolutionBegan(self, resolution: Any) -> None:
        self._receiver.resolutionBegan(resolution)
        if self._timeout and not self._done:
            self._timer = self._reactor.callLater(self._timeout, self._timed_out)

    def addressResolved(self, address: Any) -> None:
        if self._done:
            return
        ip = str(getattr(address, "host", ""))
        problem = address_problem(ip) if ip else "pas une adresse IP"
        if problem is None or self._allowed.admits(self._host, self._port):
            self._receiver.addressResolved(address)
            return
        shown = f"{ip} est" if ip == self._host else f"{self._host} désigne {ip},"
        hint = allowlist_hint(self._host, self._port)
        RESOLUTIONS.note_refused(self._host, f"{shown} {problem} ; {hint}")
        logger.warning("refused address %s for %s: %s", ip, self._host, problem)

    def resolutionComplete(self) -> None:
        if self._done:
            return
        self._done = True
        if self._timer is not None and self._timer.active():
            self._timer.cancel()
        self._receiver.resolutionComplete()

    def _timed_out(self) -> None:
        if self._done:
            return
        RESOLUTIONS.note_timed_out(self._host)
        self._timer = None
        self.resolutionComplete()


@implementer(IHostnameResolver)
class GuardedResolver:
    """IPv4 and IPv6 name resolution that drops non-public addresses of non-allowlisted hosts.

    Installed with Scrapy's TWISTED_DNS_RESOLVER setting; reads RELAIS_ALLOWED_HOSTS and
    DNS_TIMEOUT from the settings.
    """

    def __init__(
        self,
        reactor: Any,
        allowed: AllowedHosts,
        timeout: float,
        upstream: Any = None,
    ) -> None:
        self.reactor = reactor
        self.allowed = allowed
        self.timeout = timeout
        self.upstream: Any = upstream or reactor.nameResolver  # an IHostnameResolver

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        settings = crawler.settings
        return cls(
            reactor,
            parse_allowed_hosts(settings.get("RELAIS_ALLOWED_HOSTS")),
            settings.getfloat("DNS_TIMEOUT"),
        )

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def resolveHostName(
        self,
        resolutionReceiver: Any,
        hostName: str,
        portNumber: int = 0,
        addressTypes: Sequence[type[IAddress]] | None = None,
        transportSemantics: str = "TCP",
    ) -> Any:
        guard = _GuardingReceiver(
            resolutionReceiver, hostName, portNumber, self.allowed, self.reactor, self.timeout
        )
        return self.upstream.resolveHostName(
            guard, hostName, portNumber, addressTypes, transportSemantics
        )
