"""Which addresses a crawl may connect to, and the RELAIS_ALLOWED_HOSTS parser."""

from __future__ import annotations

import pytest

from spiders.addresses import AllowedHosts, address_problem, is_public_address, parse_allowed_hosts


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("93.184.215.14", None),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("2a01:cb00::1", None),
        ("127.0.0.1", "une adresse de bouclage (loopback)"),
        ("127.8.9.10", "une adresse de bouclage (loopback)"),
        ("::1", "une adresse de bouclage (loopback)"),
        ("10.0.0.7", "une adresse privée"),
        ("172.16.0.1", "une adresse privée"),
        ("172.31.255.254", "une adresse privée"),
        ("192.168.1.1", "une adresse privée"),
        ("169.254.169.254", "une adresse lien-local"),
        ("100.64.0.1", "une adresse partagée de NAT d'opérateur (CGNAT)"),
        ("0.0.0.0", "une adresse non spécifiée"),
        ("::", "une adresse non spécifiée"),
        ("224.0.0.1", "une adresse multicast"),
        ("ff02::1", "une adresse multicast"),
        (
            "::ffff:127.0.0.1",
            "une forme IPv4-mapped de 127.0.0.1, une adresse de bouclage (loopback)",
        ),
        ("::ffff:10.0.0.1", "une forme IPv4-mapped de 10.0.0.1, une adresse privée"),
        ("64:ff9b::7f00:1", "une forme NAT64 de 127.0.0.1, une adresse de bouclage (loopback)"),
        ("64:ff9b::a9fe:a9fe", "une forme NAT64 de 169.254.169.254, une adresse lien-local"),
        ("2002:7f00:1::", "une forme 6to4 de 127.0.0.1, une adresse de bouclage (loopback)"),
        ("2002:a00:1::1", "une forme 6to4 de 10.0.0.1, une adresse privée"),
        ("fc00::1", "une adresse privée"),
        ("fd12:3456::1", "une adresse privée"),
        ("fe80::1", "une adresse lien-local"),
        ("fe80::1%eth0", "une adresse lien-local"),
        ("240.0.0.1", "une adresse privée"),
        ("192.0.2.10", "une adresse privée"),
    ],
)
def test_address_rules(address: str, problem: str | None) -> None:
    assert address_problem(address) == problem
    assert is_public_address(address) is (problem is None)


def test_transition_forms_of_public_addresses_are_public() -> None:
    assert is_public_address("::ffff:8.8.8.8")
    assert is_public_address("64:ff9b::808:808")


def test_not_an_address_is_an_error() -> None:
    with pytest.raises(ValueError):
        is_public_address("example.org")


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        (None, AllowedHosts()),
        ("", AllowedHosts()),
        (" , ", AllowedHosts()),
        ("localhost", AllowedHosts(frozenset({"localhost"}))),
        ("127.0.0.1:8080", AllowedHosts(with_port=frozenset({("127.0.0.1", 8080)}))),
        (
            "Feeds.Internal. , 10.0.0.7:443",
            AllowedHosts(frozenset({"feeds.internal"}), frozenset({("10.0.0.7", 443)})),
        ),
        ("[::1]:8000", AllowedHosts(with_port=frozenset({("::1", 8000)}))),
        ("[::1]", AllowedHosts(frozenset({"::1"}))),
        ("::1", AllowedHosts(frozenset({"::1"}))),
    ],
)
def test_allowlist_parsing(text: str | None, allowed: AllowedHosts) -> None:
    assert parse_allowed_hosts(text) == allowed


@pytest.mark.parametrize("entry", ["host:", "host:http", "host:70000", ":80", "[::1", "[::1]8080"])
def test_allowlist_rejects_malformed_entries(entry: str) -> None:
    with pytest.raises(ValueError, match="entrée de RELAIS_ALLOWED_HOSTS invalide"):
        parse_allowed_hosts(entry)


def test_host_entry_admits_every_port_and_host_port_entry_only_its_port() -> None:
    allowed = parse_allowed_hosts("localhost, 127.0.0.1:8080")
    assert allowed.admits("LOCALHOST", 1234)
    assert allowed.admits("127.0.0.1", 8080)
    assert not allowed.admits("127.0.0.1", 8081)
    assert not allowed.admits("127.0.0.2", 8080)


def test_ipv6_entries_match_bracketed_and_bare_hosts() -> None:
    allowed = parse_allowed_hosts("[::1]:8000")
    assert allowed.admits("[::1]", 8000)
    assert allowed.admits("0:0:0:0:0:0:0:1", 8000)
