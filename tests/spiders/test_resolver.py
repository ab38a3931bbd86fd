"""The guarded resolver drops non-public answers, IP literals included, on the real reactor."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

import pytest
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.task import Clock

from spiders.addresses import parse_allowed_hosts
from spiders.resolver import RESOLUTIONS, GuardedResolver
from tests.support.loopback import LoopbackSite


class Receiver:
    """Collects what a resolution reports."""

    def __init__(self) -> None:
        self.addresses: list[str] = []
        self.complete = 0

    def resolutionBegan(self, resolution: Any) -> None:  # noqa: N802 - Twisted's name
        pass

    def addressResolved(self, address: Any) -> None:  # noqa: N802
        self.addresses.append(address.host)

    def resolutionComplete(self) -> None:  # noqa: N802
        self.complete += 1


class Upstream:
    """Answers every name with fixed addresses; `finish=False` never completes (a stuck DNS)."""

    def __init__(self, *hosts: str, finish: bool = True) -> None:
        self.hosts = hosts
        self.finish = finish

    def resolveHostName(  # noqa: N802
        self, receiver: Any, name: str, port: int = 0, *args: Any, **kwargs: Any
    ) -> Any:
        receiver.resolutionBegan(object())
        for host in self.hosts:
            kind = IPv6Address if ":" in host else IPv4Address
            receiver.addressResolved(kind("TCP", host, port))
        if self.finish:
            receiver.resolutionComplete()
        return receiver


def resolve(resolver: GuardedResolver, name: str, port: int = 80) -> Receiver:
    receiver = Receiver()
    resolver.resolveHostName(receiver, name, port)
    return receiver


@pytest.fixture(autouse=True)
def _fresh_log() -> None:
    RESOLUTIONS.clear()


def test_public_addresses_pass_and_private_ones_are_dropped() -> None:
    resolver = GuardedResolver(Clock(), parse_allowed_hosts(""), 5, Upstream("10.0.0.7", "8.8.8.8"))
    assert resolve(resolver, "jobs.example.org").addresses == ["8.8.8.8"]


def test_a_name_with_only_private_addresses_resolves_to_nothing_and_says_why() -> None:
    resolver = GuardedResolver(Clock(), parse_allowed_hosts(""), 5, Upstream("10.0.0.7"))
    receiver = resolve(resolver, "intranet.example.org")
    assert (receiver.addresses, receiver.complete) == ([], 1)
    assert (RESOLUTIONS.refusal("intranet.example.org") or "").startswith(
        "intranet.example.org désigne 10.0.0.7, une adresse privée ; pour l'autoriser "
        "(site de test, intranet), ajoutez intranet.example.org:"
    )


def test_ipv6_transition_forms_are_dropped() -> None:
    resolver = GuardedResolver(Clock(), parse_allowed_hosts(""), 5, Upstream("::ffff:127.0.0.1"))
    assert resolve(resolver, "mapped.example.org").addresses == []


def test_an_allowlisted_host_and_port_keep_their_private_addresses() -> None:
    allowed = parse_allowed_hosts("feeds.internal:8080")
    resolver = GuardedResolver(Clock(), allowed, 5, Upstream("10.0.0.7"))
    assert resolve(resolver, "feeds.internal", 8080).addresses == ["10.0.0.7"]
    assert resolve(resolver, "feeds.internal", 8081).addresses == []


def test_a_stuck_lookup_ends_at_the_dns_timeout() -> None:
    clock = Clock()
    resolver = GuardedResolver(clock, parse_allowed_hosts(""), 5, Upstream(finish=False))
    receiver = resolve(resolver, "slow.example.org")
    clock.advance(4.9)
    assert receiver.complete == 0
    clock.advance(0.2)
    assert receiver.complete == 1
    assert RESOLUTIONS.timed_out("slow.example.org")


_AGENT_SCRIPT = textwrap.dedent(
    """
    import sys
    from twisted.internet import asyncioreactor
    asyncioreactor.install()
    from twisted.internet import defer, reactor
    from twisted.web.client import Agent
    from spiders.addresses import parse_allowed_hosts
    from spiders.resolver import GuardedResolver

    GuardedResolver(reactor, parse_allowed_hosts(sys.argv[1]), 5.0).install_on_reactor()

    @defer.inlineCallbacks
    def main():
        for url in sys.argv[2:]:
            try:
                response = yield Agent(reactor).request(b"GET", url.encode())
                print(f"HTTP {response.code}")
            except Exception as error:
                print(type(error).__name__)
        reactor.stop()

    reactor.callWhenRunning(main)
    reactor.run()
    """
)


def test_ip_literals_go_through_the_resolver_on_the_real_reactor() -> None:
    """Twisted's HostnameEndpoint resolves IP literals too, so the guard sees every connection."""
    refused, allowed = LoopbackSite().start(), LoopbackSite().start()
    try:
        refused.add("/ping", "pong")
        allowed.add("/ping", "pong")
        urls = [
            f"http://127.0.0.1:{refused.port}/ping",
            f"http://2130706433:{refused.port}/ping",  # 127.0.0.1 written as one number
            f"http://[::ffff:127.0.0.1]:{refused.port}/ping",
            f"http://127.0.0.1:{allowed.port}/ping",
        ]
        run = subprocess.run(
            [sys.executable, "-c", _AGENT_SCRIPT, allowed.host, *urls],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert run.stdout.split() == ["DNSLookupError"] * 3 + ["HTTP", "200"], run.stderr
        assert refused.requests == []
        assert len(allowed.requests) == 1
    finally:
        refused.stop()
        allowed.stop()
