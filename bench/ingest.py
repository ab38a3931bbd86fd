"""How fast Relais takes in an Indeed-style XML feed, against a bare lxml parse of the same feed.

Usage: python bench/ingest.py [FEED] [--offers 10000] [--dev-dir ../shared/data/dev]
                              [--database POSTGRESQL_SERVER_URL] [--skip-sqlite]
                              [--skip-postgresql]

FEED is an Indeed-style XML feed (`<source><job>…</job></source>`). Without one, a feed of
--offers offers is built from the France Travail offers of the dev files (each rendered as
text, the way bench/quality.py renders them, then cycled: each round after the first is
another company's offer elsewhere, with its own reference, so that every job is a distinct
offer) and written to a temporary file.

Printed, one figure a line as `WHAT: VALUE UNIT`, in offers per second of CPU time (steady on a
busy machine, where wall-clock time is not) but for the collect's wall-clock figure:
- bare lxml iterparse: the `<job>` elements read with their children's text, then cleared
  (the floor: what parsing alone costs);
- Relais's extractor: `IndeedExtractor.split` over the body, then `read` of each payload;
- normalize_offer: each SourceOffer the extractor read, normalized;
- collect on SQLite and on PostgreSQL: a first `relais collect` of the feed (`pipeline.collect`)
  into a new migrated database, served by a loopback HTTP server and fetched through the real
  fetch path (its own Scrapy process), end to end in wall-clock time (and per CPU second of
  Relais's processes, the database server's left out: on a busy machine, the steadier one);
each also as a ratio to the bare parse (how many times its CPU time an offer); then the peak
resident memory of this process and of the crawl processes, and the store's bytes per offer
(the database's size on disk after the collect, divided by the offers it holds). Figures only;
nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree
from sqlalchemy import create_engine, func, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import source_offer  # noqa: E402 - bench/quality.py, beside this file

DEFAULT_DEV = ROOT.parent / "shared" / "data" / "dev"
FEED_URL = "https://ats.example.fr/feeds/indeed.xml"


def _pick(key: str, choices: int) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") % choices


def _dev_offers(dev_dir: Path) -> list[dict[str, Any]]:
    offers = []
    for path in sorted(dev_dir.glob("ft_offers*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            offers += [json.loads(line) for line in lines if line.strip()]
    return offers


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def job_element(ft: dict[str, Any], round_: int) -> str:
    """One France Travail offer as an Indeed `<job>`; rounds after the first are another
    company's offer with its own reference and link."""
    offer = source_offer(ft)
    reference = ft["id"] if round_ == 0 else f"{ft['id']}-{round_}"
    company = offer.company
    url = offer.url or f"https://ats.example.fr/offres/{ft['id']}"
    if round_:
        company = f"Groupe {_pick(f'{reference}company', 10**6):06d}"
        url = f"https://{company.lower().replace(' ', '-')}.example/offres/{ft['id']}"
    lieu = ft.get("lieuTravail") or {}
    description = "".join(
        f"<p>{escape(part)}</p>" for part in (offer.description or "").split("\n") if part
    )
    fields = {
        "title": offer.title,
        "date": offer.posted_at,
        "referencenumber": reference,
        "url": url,
        "company": company,
        "city": offer.place,
        "postalcode": lieu.get("codePostal"),
        "country": "FR",
        "description": description,
        "salary": offer.salary,
        "jobtype": offer.contract,
        "experience": offer.experience,
        "category": (ft.get("secteurActiviteLibelle") or None),
    }
    children = "".join(
        f"<{name}>{_cdata(str(value))}</{name}>" for name, value in fields.items() if value
    )
    return f"<job>{children}</job>\n"


def build_feed(dev_dir: Path, offers: int, path: Path) -> None:
    """Write an Indeed-style feed of `offers` jobs made from the dev files to `path`."""
    pool = _dev_offers(dev_dir)
    with path.open("w", encoding="utf-8") as feed:
        feed.write('<?xml version="1.0" encoding="utf-8"?>\n<source>\n')
        feed.write(
            "<publisher>Bench</publisher><publisherurl>https://ats.example.fr</publisherurl>\n"
        )
        for number in range(offers):
            feed.write(job_element(pool[number % len(pool)], number // len(pool)))
        feed.write("</source>\n")


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def bare_parse(path: Path) -> tuple[int, float]:
    """(jobs, CPU seconds): lxml iterparse of every `<job>` with its children's text."""
    began = time.process_time()
    count = 0
    for _, job in etree.iterparse(str(path), events=("end",), tag="job"):
        {child.tag: child.text for child in job}
        count += 1
        job.clear()
        while job.getprevious() is not None:
            del job.getparent()[0]
    return count, time.process_time() - began


def extract(path: Path) -> tuple[list[Any], float]:
    """(SourceOffers, CPU seconds): Relais's Indeed extractor, split then read."""
    from spiders.extractors.indeed import IndeedExtractor

    extractor = IndeedExtractor(max_items=10**8)
    body = path.read_bytes()
    began = time.process_time()
    offers = [
        extractor.read(record.payload, FEED_URL) for record in extractor.split(body, FEED_URL)
    ]
    return offers, time.process_time() - began


def normalize(offers: list[Any]) -> float:
    """CPU seconds to normalize every SourceOffer (the referentials loaded first, not timed)."""
    from normalizers.offer import SourceContext, normalize_offer
    from schemas import SourceDefaults

    context = SourceContext(
        source="bench", attribution="bench", defaults=SourceDefaults(), base_url=FEED_URL
    )
    normalize_offer(offers[0], context)
    began = time.process_time()
    for offer in offers:
        normalize_offer(offer, context)
    return time.process_time() - began


def _fresh_postgresql(server: str) -> str:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"relais_bench_ingest_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.rsplit("/", 1)[0] + f"/{name}"


def _drop_postgresql(server: str, url: str) -> None:
    from store.db import engine_for

    engine_for(url).dispose()
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        name = url.rsplit("/", 1)[1]
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _store_bytes(url: str) -> tuple[int, dict[str, int]]:
    """The database's size on disk and each table's share of it: the SQLite file after a WAL
    checkpoint and a VACUUM (what an operator gets back by running it; shares by `dbstat`), or
    every table of PostgreSQL's public schema with its indexes and TOAST
    (`pg_total_relation_size`), after a VACUUM (dead rows left by the load's rewrites are free
    space PostgreSQL reuses, not data)."""
    from store.db import engine_for

    engine = engine_for(url)
    if engine.dialect.name == "sqlite":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            checkpointed = Path(url.removeprefix("sqlite:///")).stat().st_size
            _figure("store sqlite file before VACUUM", checkpointed, "bytes")
            connection.execute(text("VACUUM"))
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            tables: dict[str, int] = {}
            try:
                rows = connection.execute(
                    text(
                        "SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat AS d "
                        "LEFT JOIN sqlite_master AS m ON m.name = d.name GROUP BY 1"
                    )
                ).all()
                tables = {name: int(size) for name, size in rows}
            except Exception:  # an SQLite built without dbstat: the total only
                pass
            return Path(url.removeprefix("sqlite:///")).stat().st_size, tables
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM"))
        connection.execute(text("CHECKPOINT"))
        rows = connection.execute(
            text(
                "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class AS c "
                "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r'"
            )
        ).all()
    tables = {name: int(size) for name, size in rows}
    return sum(tables.values()), tables


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the crawl processes)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def collect_into(url: str, feed: Path) -> tuple[int, float, float, tuple[int, dict[str, int]]]:
    """(offers, seconds, CPU seconds of Relais's processes, store bytes): a first
    `relais collect` of the feed into `url`."""
    from pipeline.collect import collect
    from schemas.sources import SourceKind, SourceRegistration
    from store import migrate, models
    from store.db import session_scope
    from store.sources import add_source
    from tests.support.loopback import LoopbackSite

    migrate.upgrade(url)
    os.environ["RELAIS_DATABASE_URL"] = url
    site = LoopbackSite().start()
    os.environ["RELAIS_ALLOWED_HOSTS"] = site.host
    try:
        feed_url = site.add("/indeed.xml", feed.read_bytes())
        with session_scope() as session:
            registration = SourceRegistration(
                name="bench-indeed",
                kind=SourceKind.INDEED_XML,
                url=feed_url,
            )
            add_source(session, registration)
        began, cpu = time.perf_counter(), _cpu_seconds()
        (result,) = collect("bench-indeed")
        seconds = time.perf_counter() - began
        cpu = _cpu_seconds() - cpu
    finally:
        site.stop()
    if result.crawl.failed:
        raise SystemExit(f"the collect failed: {result.crawl.error}")
    with session_scope() as session:
        offers = session.scalar(select(func.count()).select_from(models.Offer)) or 0
    return offers, seconds, cpu, _store_bytes(url)


def _figure(what: str, value: float, unit: str, digits: int = 0) -> None:
    print(f"{what}: {value:.{digits}f} {unit}", flush=True)


def _peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("feed", nargs="?", type=Path, help="an Indeed-style XML feed")
    parser.add_argument("--offers", type=int, default=10_000, help="jobs of the built feed")
    parser.add_argument("--dev-dir", type=Path, default=DEFAULT_DEV)
    parser.add_argument(
        "--database",
        default=os.environ.get(
            "RELAIS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
        help="a PostgreSQL server URL; a database is created there and dropped after",
    )
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgresql", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="relais-bench-ingest-") as workdir:
        os.environ.setdefault("RELAIS_VAR_DIR", str(Path(workdir) / "var"))
        feed = args.feed
        if feed is None:
            feed = Path(workdir) / "indeed.xml"
            build_feed(args.dev_dir, args.offers, feed)
        _figure("feed", feed.stat().st_size / 2**20, "MiB", 1)
        jobs, bare_seconds = bare_parse(feed)
        bare = _rate(jobs, bare_seconds)
        _figure("feed jobs", jobs, "offers")
        _figure("bare lxml iterparse", bare, "offers/s")
        offers, extract_seconds = extract(feed)
        _figure("extractor", _rate(len(offers), extract_seconds), "offers/s")
        _figure("extractor ratio", extract_seconds / bare_seconds, "x bare parse", 1)
        normalize_seconds = normalize(offers)
        _figure("normalize_offer", _rate(len(offers), normalize_seconds), "offers/s")
        _figure("normalize_offer ratio", normalize_seconds / bare_seconds, "x bare parse", 1)
        del offers
        targets = []
        if not args.skip_sqlite:
            targets.append(("sqlite", f"sqlite:///{Path(workdir) / 'bench.db'}"))
        if not args.skip_postgresql:
            targets.append(("postgresql", _fresh_postgresql(args.database)))
        for name, url in targets:
            try:
                count, seconds, cpu, (size, tables) = collect_into(url, feed)
            finally:
                if name == "postgresql":
                    _drop_postgresql(args.database, url)
            _figure(f"collect {name}", _rate(count, seconds), "offers/s")
            _figure(
                f"collect {name} ratio",
                (cpu / count) / (bare_seconds / jobs),
                "x bare parse",
                1,
            )
            _figure(f"collect {name} cpu", _rate(count, cpu), "offers/s of CPU")
            _figure(f"collect {name} offers", count, "offers")
            _figure(f"store {name}", size / max(count, 1), "bytes/offer")
            for table, table_size in sorted(tables.items(), key=lambda pair: -pair[1]):
                if table_size:
                    _figure(f"store {name} {table}", table_size / max(count, 1), "bytes/offer")
        _figure("peak memory (this process)", _peak_mib(resource.RUSAGE_SELF), "MiB")
        _figure("peak memory (crawl process)", _peak_mib(resource.RUSAGE_CHILDREN), "MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
