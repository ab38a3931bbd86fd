"""Which IP addresses a crawl may connect to, and the allowlist that admits local hosts."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")


def _as_address(ip: str | IPAddress) -> IPAddress:
    if isinstance(ip, str):
        return ipaddress.ip_address(ip.strip("[]").split("%", 1)[0])
    return ip


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 transition form carries, with the form's name."""
    if ip.ipv4_mapped is not None:
        return "une forme IPv4-mapped", ip.ipv4_mapped
    if ip in _NAT64:
        return "une forme NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return "une forme 6to4", ip.sixtofour
    if ip.teredo is not None:
        return "une forme Teredo", ip.teredo[1]
    return None


def address_problem(ip: str | IPAddress) -> str | None:
    """Why a crawl must not connect to `ip` ("une adresse privée"), or None when it is public.

    IPv6 transition forms (IPv4-mapped, NAT64, 6to4, Teredo) are judged by the IPv4 address
    they carry. Raises ValueError when `ip` is not an IP address.
    """
    address = _as_address(ip)
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            form, inner = embedded
            problem = address_problem(inner)
            return f"{form} de {inner}, {problem}" if problem else None
        if address in _NAT64_LOCAL:
            return "une adresse NAT64 d'usage local"
    if address.is_unspecified:
        return "une adresse non spécifiée"
    if address.is_loopback:
        return "une adresse de bouclage (loopback)"
    if address.is_link_local:
        return "une adresse lien-local"
    if address.is_multicast:
        return "une adresse multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in _CGNAT:
        return "une adresse partagée de NAT d'opérateur (CGNAT)"
    if address.is_private:
        return "une adresse privée"
    if address.is_reserved:
        return "une adresse réservée"
    if not address.is_global:
        return "une adresse non publique"
    return None


def is_public_address(ip: str | IPAddress) -> bool:
    """True when `ip` is a globally routable address a crawl may connect to."""
    return address_problem(ip) is None


def ip_literal(host: str) -> IPAddress | None:
    """The address when `host` is written as an IP literal (`10.0.0.1`, `[::1]`), else None."""
    try:
        return _as_address(host)
    except ValueError:
        return None


def _normalize_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    literal = ip_literal(host)
    return str(literal) if literal is not None else host


@dataclass(frozen=True)
class AllowedHosts:
    """Hosts admitted even when they resolve to a loopback or private address."""

    any_port: frozenset[str] = frozenset()
    with_port: frozenset[tuple[str, int]] = frozenset()

    def admits(self, host: str, port: int) -> bool:
        """True when `host` (a name or an IP literal) on `port` is on the allowlist."""
        normalized = _normalize_host(host)
        return normalized in self.any_port or (normalized, port) in self.with_port

    def __bool__(self) -> bool:
        return bool(self.any_port or self.with_port)


def _split_entry(entry: str) -> tuple[str, int | None]:
    if entry.startswith("["):
        host, bracket, rest = entry[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise ValueError(
                f"entrée de RELAIS_ALLOWED_HOSTS invalide {entry!r} : [ipv6] ou [ipv6]:port attendu"
            )
        port_text = rest[1:] if rest else None
    elif entry.count(":") == 1:
        host, _, port_text = entry.partition(":")
    else:  # a plain name, an IPv4 literal or a bare IPv6 literal: no port
        host, port_text = entry, None
    if not host:
        raise ValueError(f"entrée de RELAIS_ALLOWED_HOSTS invalide {entry!r} : pas de nom d'hôte")
    if port_text is None:
        return host, None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(
            f"entrée de RELAIS_ALLOWED_HOSTS invalide {entry!r} : le port doit être un nombre "
            "de 1 à 65535"
        )
    return host, int(port_text)


def parse_allowed_hosts(text: str | None) -> AllowedHosts:
    """Parse `RELAIS_ALLOWED_HOSTS`: comma-separated `host`, `host:port`, `[ipv6]:port` entries.

    A `host` entry admits every port of that host, a `host:port` entry that port only.
    Raises ValueError on a malformed entry, naming it.
    """
    any_port: set[str] = set()
    with_port: set[tuple[str, int]] = set()
    for raw in (text or "").split(","):
        entry = raw.strip()
        if not entry:
            continue
        host, port = _split_entry(entry)
        if port is None:
            any_port.add(_normalize_host(host))
        else:
            with_port.add((_normalize_host(host), port))
    return AllowedHosts(frozenset(any_port), frozenset(with_port))


ALLOWED_HOSTS_VARIABLE = "RELAIS_ALLOWED_HOSTS"


def allowlist_hint(host: str, port: int | None) -> str:
    """How to let the crawls reach `host`: the RELAIS_ALLOWED_HOSTS entry to add, in French."""
    literal = ip_literal(host)
    shown = f"[{literal}]" if isinstance(literal, ipaddress.IPv6Address) else host.lower()
    entry = f"{shown}:{port}" if port else shown
    return (
        f"pour l'autoriser (site de test, intranet), ajoutez {entry} à {ALLOWED_HOSTS_VARIABLE} "
        "(liste séparée par des virgules) dans l'environnement de relais et d'Airflow"
    )


_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa")


def refusal_notice(url: str, allowed: AllowedHosts) -> str | None:
    """Why the crawls will refuse `url` and how to allow it, said before anything is fetched;
    None when nothing tells so yet.

    Judged without any DNS query: an IP-literal host that is not public, or a name reserved for
    local networks (localhost, *.local, *.internal, *.home.arpa; RFC 6761, RFC 6762, RFC 8375).
    Other names are checked at fetch time, on the address they resolve to.
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return None
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        return None
    if allowed.admits(host, port or 0):
        return None
    literal = ip_literal(host)
    if literal is not None:
        problem = address_problem(literal)
        what = f"{literal} est {problem}" if problem else None
    elif host.lower() == "localhost" or host.lower().endswith(_LOCAL_NAMES[1:]):
        what = f"{host} est un nom réservé aux réseaux locaux"
    else:
        what = None
    if what is None:
        return None
    return f"les collectes refuseront cette adresse : {what} ; {allowlist_hint(host, port)}."
