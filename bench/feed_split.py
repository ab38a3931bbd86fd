"""How fast feeds are split into items: a large well-formed RSS feed and Indeed feed, and the same
feeds with one fault, which takes the repairing path.

Usage: python bench/feed_split.py [--items N] [--runs R]

The feeds are generated (N items of about 1.5 KB each: accented titles, CDATA descriptions,
job fields in a namespace) and split with the extractors' `split_document`, the path a crawl
takes; each figure is the best of R runs. The well-formed feeds are also split with the fast
path turned off (every document read by the repairing reading, as before it existed), in the
same process, for a comparison the machine's load does not skew. Printed as `WHAT: VALUE UNIT`.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager

from spiders.extractors import Repairs, _xml, extractor_for, split_document

URL = "https://emplois.example.fr/flux.xml"
_DESCRIPTION = (
    "<p>Rejoignez notre atelier de Saint-Étienne : fabrication de pièces de précision, "
    "travail en équipe de 2x8, formation assurée.</p><ul><li>CAP ou BEP</li>"
    "<li>Expérience appréciée</li></ul>" * 4
)


def rss_feed(items: int, fault: bytes = b"") -> bytes:
    """A well-formed RSS 2.0 feed of `items` items; `fault` is written in the middle one."""
    parts = [
        b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        b'xmlns:job="https://relais.example/job"><channel><title>Offres</title>\n'
    ]
    for number in range(items):
        extra = fault if number == items // 2 else b""
        parts.append(
            f"<item><guid>offre-{number}</guid><title>Opérateur régleur H/F n°{number}</title>"
            f"<link>https://emplois.example.fr/offres/{number}</link>"
            f"<description><![CDATA[{_DESCRIPTION}]]></description>"
            f"<pubDate>Mon, 30 Nov 2026 09:00:00 GMT</pubDate>"
            f"<job:location>Saint-Étienne, 42000</job:location><job:contract>CDI</job:contract>"
            f"<job:salary>28 000 € brut annuel</job:salary></item>\n".encode()
            + extra
        )
    parts.append(b"</channel></rss>\n")
    return b"".join(parts)


def indeed_feed(items: int, fault: bytes = b"") -> bytes:
    """A well-formed Indeed-style feed of `items` jobs; `fault` is written in the middle one."""
    parts = [b'<?xml version="1.0" encoding="utf-8"?>\n<source><publisher>ATS</publisher>\n']
    for number in range(items):
        extra = fault if number == items // 2 else b""
        parts.append(
            f"<job><referencenumber>IND-{number}</referencenumber>"
            f"<title><![CDATA[Préparateur de commandes H/F n°{number}]]></title>"
            f"<date>2026-11-30</date><url>https://emplois.example.fr/offres/{number}</url>"
            f"<company>Durand et Fils</company><city>Saint-Étienne</city>"
            f"<postalcode>42000</postalcode><country>FR</country>"
            f"<description><![CDATA[{_DESCRIPTION}]]></description>"
            f"<jobtype>CDI</jobtype><salary>28 000 € brut annuel</salary></job>\n".encode()
            + extra
        )
    parts.append(b"</source>\n")
    return b"".join(parts)


@contextmanager
def repairing_reading_only() -> Iterator[None]:
    """Every document read by the repairing reading: the strict fast path is never tried."""
    strict_encoding = _xml.strict_encoding
    _xml.strict_encoding = lambda body, charset=None: None  # type: ignore[assignment]
    try:
        yield
    finally:
        _xml.strict_encoding = strict_encoding


def best_seconds(kind: str, body: bytes, runs: int) -> tuple[float, int]:
    """(best time of `runs` splits of `body`, items split)."""
    best, count = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        count = sum(1 for _ in split_document(extractor_for(kind), body, URL, Repairs()))
        best = min(best, time.perf_counter() - started)
    return best, count


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--items", type=int, default=20_000)
    arguments.add_argument("--runs", type=int, default=3)
    options = arguments.parse_args()
    cases = [
        ("rss well-formed", "rss", rss_feed(options.items)),
        ("rss one bare &", "rss", rss_feed(options.items, b"<!-- R&D -->R&D")),
        ("indeed well-formed", "indeed-xml", indeed_feed(options.items)),
        ("indeed one bare &", "indeed-xml", indeed_feed(options.items, b"R&D")),
    ]
    for what, kind, body in cases:
        seconds, count = best_seconds(kind, body, options.runs)
        megabytes = len(body) / 1_048_576
        print(f"{what} feed size: {megabytes:.1f} MiB")
        print(f"{what} items split: {count} items")
        print(f"{what} split time: {seconds:.3f} s")
        print(f"{what} throughput: {megabytes / seconds:.1f} MiB/s")
        if "well-formed" in what:
            with repairing_reading_only():
                slow, _ = best_seconds(kind, body, options.runs)
            print(f"{what} split time without the fast path: {slow:.3f} s")
            print(f"{what} speed-up of the fast path: {slow / seconds:.1f} x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
