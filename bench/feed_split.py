"""How fast feeds are split into items: a large well-formed RSS feed and Indeed feed, and the same
feeds with one fault, which takes the repairing path; and, with --memory, how much memory a
split and a whole crawl of a big Indeed-style feed take.

Usage: python bench/feed_split.py [--items N] [--runs R]
       python bench/feed_split.py --memory 100000 1000000 [--dev-dir ../shared/data/dev]
                                  [--no-crawl] [--in-memory]

The feeds are generated (N items of about 1.5 KB each: accented titles, CDATA descriptions,
job fields in a namespace) and split with the extractors' `split_document`, the path a crawl
takes; each figure is the best of R runs. The well-formed feeds are also split with the fast
path turned off (every document read by the repairing reading, as before it existed), in the
same process, for a comparison the machine's load does not skew. Printed as `WHAT: VALUE UNIT`.

--memory N…: for each N, an Indeed-style feed of N offers is built from the France Travail offers
of the dev files, replicated (bench/ingest.py's `build_feed`: each round after the first is
another company's offer, with its own reference), in a temporary folder deleted after. Each
measure runs in a fresh process, whose peak resident memory (ru_maxrss) is printed:
- split from file: `split_document` of the feed's Path, as a crawl and `relais normalize` read a
  feed stored on disk (every record built, then dropped);
- split in memory (with --in-memory): the same split of the feed's bytes read whole, as before
  feeds were written to disk (the body alone is the feed's size);
- crawl: `python -m spiders.crawl` of the feed served by a loopback server through the real fetch
  path (the body written to disk, split, items.jsonl written), its process's peak.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spiders.extractors import Repairs, _xml, extractor_for, split_document  # noqa: E402

DEFAULT_DEV = ROOT.parent / "shared" / "data" / "dev"

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


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def build_indeed_feed(dev_dir: Path, offers: int, path: Path) -> None:
    """bench/ingest.py's feed of `offers` dev offers replicated, each dev offer rendered once."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import ingest

    rendered: dict[str, object] = {}
    render = ingest.source_offer

    def source_offer(ft: dict[str, object]) -> object:
        key = str(ft["id"])
        if key not in rendered:
            rendered[key] = render(ft)
        return rendered[key]

    ingest.source_offer = source_offer  # type: ignore[assignment]
    ingest.build_feed(dev_dir, offers, path)


def measure_split(path: Path, in_memory: bool) -> None:
    """Split the feed at `path` (from its file, or its bytes read whole); print offers and peak."""
    extractor = extractor_for("indeed-xml", max_items=10**8)
    body: bytes | Path = path.read_bytes() if in_memory else path
    count = sum(1 for _ in split_document(extractor, body, URL, Repairs()))
    print(f"offers {count}")
    print(f"peak {_peak_mib():.1f}")


class _FileHandler(BaseHTTPRequestHandler):
    """Serves the one feed file (FEED_FILE) at every path but robots.txt, from disk."""

    protocol_version = "HTTP/1.1"
    feed: Path

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        self.send_header("Content-Length", str(self.feed.stat().st_size))
        self.end_headers()
        with self.feed.open("rb") as file:
            shutil.copyfileobj(file, self.wfile, 1024 * 1024)

    def log_message(self, format: str, *args: object) -> None:
        return


def measure_crawl(path: Path, workdir: Path) -> None:
    """Crawl the feed served from `path` on loopback; print offers, seconds and its peak."""
    from spiders.runner import run_crawl

    handler = type("Handler", (_FileHandler,), {"feed": path})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    began = time.perf_counter()
    try:
        result = run_crawl(
            "indeed-xml",
            f"http://{host}/indeed.xml",
            workdir=workdir,
            timeout=7200,
            allowed_hosts=host,
            settings={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False},
        )
    finally:
        server.shutdown()
    if result.report.status != "ok":
        raise SystemExit(f"the crawl failed: {result.report.error}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"offers {result.report.items}")
    print(f"seconds {time.perf_counter() - began:.1f}")
    print(f"cpu {children.ru_utime + children.ru_stime:.1f}")
    print(f"peak {_peak_mib(resource.RUSAGE_CHILDREN):.1f}")


def _in_fresh_process(*arguments: str) -> dict[str, str]:
    """Run this script with `arguments` in a new process; its `NAME VALUE` lines."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    output = subprocess.run(
        [sys.executable, __file__, *arguments],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout
    return dict(line.split(" ", 1) for line in output.splitlines() if " " in line)


def memory(sizes: list[int], dev_dir: Path, crawl: bool, in_memory: bool) -> None:
    """Peak memory of a split (and a crawl) of feeds of `sizes` offers: `WHAT: VALUE UNIT`."""
    peaks: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="relais-bench-bigfeed-") as folder:
        for size in sizes:
            feed = Path(folder) / f"indeed-{size}.xml"
            build_indeed_feed(dev_dir, size, feed)
            print(f"feed {size}: {feed.stat().st_size / 2**20:.0f} MiB", flush=True)
            measures = [("split from file", ("--measure-split", str(feed)))]
            if in_memory:
                measures.append(("split in memory", ("--measure-split-in-memory", str(feed))))
            if crawl:
                crawl_dir = Path(folder) / f"crawl-{size}"
                measures.append(("crawl", ("--measure-crawl", str(feed), str(crawl_dir))))
            for what, arguments in measures:
                figures = _in_fresh_process(*arguments)
                peak = float(figures["peak"])
                peaks.setdefault(what, []).append(peak)
                print(f"{what} {size} offers: {figures['offers']} offers", flush=True)
                if "seconds" in figures:
                    print(f"{what} {size} time: {figures['seconds']} s", flush=True)
                    print(f"{what} {size} cpu time: {figures['cpu']} s", flush=True)
                print(f"{what} {size} peak memory: {peak:.0f} MiB", flush=True)
            shutil.rmtree(Path(folder) / f"crawl-{size}", ignore_errors=True)
            feed.unlink()
    if len(sizes) > 1:
        for what, values in peaks.items():
            growth = (values[-1] / values[0] - 1) * 100
            print(f"{what} peak memory growth {sizes[0]} to {sizes[-1]}: {growth:+.1f} %")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--items", type=int, default=20_000)
    arguments.add_argument("--runs", type=int, default=3)
    arguments.add_argument("--memory", type=int, nargs="+", metavar="OFFERS")
    arguments.add_argument("--dev-dir", type=Path, default=DEFAULT_DEV)
    arguments.add_argument("--no-crawl", action="store_true", help="with --memory: split only")
    arguments.add_argument(
        "--in-memory", action="store_true", help="with --memory: also split the bytes read whole"
    )
    arguments.add_argument("--measure-split", type=Path, help=argparse.SUPPRESS)
    arguments.add_argument("--measure-split-in-memory", type=Path, help=argparse.SUPPRESS)
    arguments.add_argument("--measure-crawl", type=Path, nargs=2, help=argparse.SUPPRESS)
    options = arguments.parse_args()
    if options.measure_split or options.measure_split_in_memory:
        measure_split(
            options.measure_split or options.measure_split_in_memory,
            in_memory=options.measure_split is None,
        )
        return
    if options.measure_crawl:
        measure_crawl(*options.measure_crawl)
        return
    if options.memory:
        memory(options.memory, options.dev_dir, not options.no_crawl, options.in_memory)
        return
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
