"""Search at scale: the France Travail-compatible `/offres/search` over N offers, 1 and 8 clients.

Usage: python bench/search.py --database URL --offers N [--dev ../shared/data/dev]
                              [--clients 1,8] [--requests 60] [--workers 2] [--only TEXT]

The store (URL's database, created when missing) is built once and reused while it holds N
offers: the dev offers (France Travail JSON, one a line) are rendered as RSS items, read and
normalized by Relais (bench/load.py) and loaded through `store.copies.upsert_offer`, twice
over (the second round another company's offers elsewhere) with a tenth relayed by another
source; then they are replicated in SQL up to N offers, each copy with its own id, a place taken
from another dev offer, a date up to 400 days earlier, and one in ten expired (so that live
offers are a part of the table, as in a real store), with the seed's stored France Travail
document (its size and shape; its place and dates are the seed's). PostgreSQL only: the
replication is SQL.

Then `relais serve` answers on a loopback port and each request of the issue is sent by 1, 8
(… `--clients`) concurrent clients, each with its own bearer token (with the CPU time the
server's processes spent per request, which a busy machine's wall times hide, PostgreSQL's
own excluded); beside them, the bare SQL of a page of live offers newest first (the floor),
and EXPLAIN ANALYZE of the slowest request's page and count statements. Printed one figure a
line, `WHAT: VALUE UNIT`; the plans as `#` lines.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
import psutil
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import Connection, make_url

from store import access, documents, migrate, models
from store.db import engine_for, session_scope
from store.search import facets_statement, page_statement
from web.ft_api import build_query

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import copies_stream, load, normalized_pool  # noqa: E402 - bench/load.py

API = "/partenaire/offresdemploi/v2/offres/search"
REQUESTS = [
    "range=0-149",
    "typeContrat=CDI&range=0-149",
    "commune=69123&range=0-149",
    "commune=69123&distance=0&range=0-149",
    "motsCles=developpeur&typeContrat=CDI&departement=69",
    "motsCles=développeur&range=0-149",
    "range=3000-3149",
    "motsCles=developpeur&range=3000-3149",
]
FLOOR = (
    "SELECT {columns} FROM offers WHERE status = 'published' "
    "ORDER BY coalesce(posted_at, first_seen_at) DESC, id DESC LIMIT 150"
)
# Columns a replica takes from another seed offer: its place.
PLACE_COLUMNS = [
    "place_text", "place_match", "place_label", "place_insee_code", "place_commune_name",
    "place_postal_code", "place_departement_code", "place_departement_name",
    "place_region_code", "place_region_name", "place_country_code", "place_latitude",
    "place_longitude", "place_zone", "place_confidence",
]  # fmt: skip
CHUNK_ROUNDS = 40
EARLIER = "make_interval(days => (o.id * 31 + g * 17) % 400)"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_database(url: str) -> str:
    """Create URL's database when missing; the SQLAlchemy URL of it."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    target = make_url(url)
    if target.get_backend_name() != "postgresql":
        raise SystemExit(
            "bench/search.py réplique les offres en SQL PostgreSQL : donnez une URL postgresql://"
        )
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        ).first()
        if not found:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    return target.render_as_string(hide_password=False)


def offer_count(url: str) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(models.Offer)) or 0


def seed(url: str, dev: Path) -> None:
    """The dev offers through Relais's own path: read, normalized, loaded with dedup."""
    pool = []
    for name in ("ft_offers_dev.jsonl", "ft_offers_broad_dev.jsonl"):
        offers, _ = normalized_pool(dev / name)
        pool.extend(offers)
    stream = list(copies_stream(pool, 2 * len(pool), sources=10, duplicates=0.1))
    seconds, live, merged = load(url, stream, 10)
    log(f"seeded {live} live offers from {len(stream)} copies in {seconds:.0f} s ({merged} merged)")


def _saved_indexes(connection: Connection) -> None:
    connection.execute(
        text("CREATE TABLE IF NOT EXISTS bench_saved_indexes (name text PRIMARY KEY, ddl text)")
    )


def drop_indexes(connection: Connection) -> None:
    """Drop the offers' secondary indexes for the bulk insert, keeping their DDL to rebuild."""
    _saved_indexes(connection)
    rows = connection.execute(
        text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'offers' "
            "AND indexname <> 'pk_offers'"
        )
    ).all()
    for name, ddl in rows:
        connection.execute(
            text("INSERT INTO bench_saved_indexes VALUES (:n, :d) ON CONFLICT DO NOTHING"),
            {"n": name, "d": ddl},
        )
        connection.execute(text(f'DROP INDEX "{name}"'))


def restore_indexes(connection: Connection) -> None:
    """Rebuild the indexes a bulk insert dropped (also after an interrupted run)."""
    _saved_indexes(connection)
    connection.execute(text("SET maintenance_work_mem = '512MB'"))
    for name, ddl in connection.execute(text("SELECT name, ddl FROM bench_saved_indexes")).all():
        began = time.perf_counter()
        connection.execute(text(ddl.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)))
        connection.execute(text("DELETE FROM bench_saved_indexes WHERE name = :n"), {"n": name})
        log(f"index {name} built in {time.perf_counter() - began:.0f} s")


def replicate(url: str, target: int) -> None:
    """Copy the seed offers in SQL until the table holds `target` offers."""
    columns = [c.name for c in models.Offer.__table__.columns if c.name != "id"]
    override = {
        "external_id": "o.external_id || '-r' || g",
        "url": "o.url || '?r=' || g",
        "content_hash": "encode(sha256(convert_to(o.content_hash || g, 'UTF8')), 'hex')",
        "status": "CASE WHEN g % 10 = 0 THEN 'expired' ELSE 'published' END",
        "posted_at": f"coalesce(o.posted_at, o.first_seen_at) - {EARLIER}",
        "first_seen_at": f"o.first_seen_at - {EARLIER}",
        "merged_into_id": "NULL",
        "other_places": "'[]'::jsonb",
        # The seed's own document: a replica's place and dates differ from what it says, but
        # its size and shape are those of a real document, and writing a million documents
        # again (`store.documents.fill`: an UPDATE of every row, each generated search vector
        # made again) took longer than the rest of the build on a loaded 2-core machine.
        "ft_document": "o.ft_document",
        **{name: f"p.{name}" for name in PLACE_COLUMNS},
    }
    values = ", ".join(override.get(name, f"o.{name}") for name in columns)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP TABLE IF EXISTS bench_seeds, bench_places"))
        connection.execute(
            text(
                "CREATE TABLE bench_seeds AS SELECT * FROM offers "
                "WHERE status = 'published' AND external_id NOT LIKE '%-r%'"
            )
        )
        connection.execute(
            text(
                "CREATE TABLE bench_places AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, "
                f"{', '.join(PLACE_COLUMNS)} FROM bench_seeds"
            )
        )
        seeds = connection.execute(text("SELECT count(*) FROM bench_seeds")).scalar_one()
        drop_indexes(connection)
        have = connection.execute(text("SELECT count(*) FROM offers")).scalar_one()
        first_round = connection.execute(
            text(
                "SELECT coalesce(max(substring(external_id from '-r([0-9]+)$')::int), 0) + 1 "
                "FROM offers"
            )
        ).scalar_one()
        round_ = first_round
        while have < target:
            rounds = min(CHUNK_ROUNDS, -(-(target - have) // seeds))
            began = time.perf_counter()
            inserted = connection.execute(
                text(
                    f"INSERT INTO offers ({', '.join(columns)}) SELECT {values} "
                    "FROM bench_seeds o "
                    "CROSS JOIN generate_series(CAST(:first AS int), CAST(:last AS int)) AS g "
                    "JOIN bench_places p "
                    "ON p.n = (o.id * 7919 + g * 104729) % CAST(:places AS int) "
                    "LIMIT :limit"
                ),
                {
                    "first": round_,
                    "last": round_ + rounds - 1,
                    "places": seeds,
                    "limit": target - have,
                },
            ).rowcount
            have += inserted
            round_ += rounds
            log(f"replicated to {have} offers ({time.perf_counter() - began:.0f} s for {inserted})")
        restore_indexes(connection)
        connection.execute(text("DROP TABLE IF EXISTS bench_seeds, bench_places"))
        began = time.perf_counter()
        written = documents.fill(url)
        log(f"{written} documents written in {time.perf_counter() - began:.0f} s")
        connection.execute(text("VACUUM ANALYZE offers"))
    engine.dispose()


def build(url: str, offers: int, dev: Path) -> None:
    migrate.upgrade(url)
    with engine_for(url).begin() as connection:
        restore_indexes(connection)
    if offer_count(url) == 0:
        seed(url, dev)
    if offer_count(url) < offers:
        replicate(url, offers)
    log(f"store: {offer_count(url)} offers")


def tokens(url: str, count: int) -> list[str]:
    """Bearer tokens of `count` API clients."""
    issued = []
    with session_scope(url) as session:
        for number in range(count):
            client = access.add_client(session, f"bench-{time.time_ns()}-{number}")
            token = access.issue_token(session, client.client_id, client.client_secret)
            assert token is not None
            issued.append(token.access_token)
    return issued


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "RELAIS_DATABASE_URL": url}
    process = subprocess.Popen(
        [sys.executable, "-c", "from pipeline.cli import main; main()", "serve",
         "--port", str(port), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/", timeout=5)
            return process, base
        except httpx.HTTPError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("relais serve ne répond pas")


def server_cpu_seconds(process: subprocess.Popen[bytes]) -> float:
    """CPU seconds (user and system) spent so far by `relais serve` and its worker processes."""
    tree = psutil.Process(process.pid)
    total = 0.0
    for member in [tree, *tree.children(recursive=True)]:
        try:
            times = member.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def run_clients(base: str, request: str, bearer: list[str], per_client: int) -> dict[str, float]:
    """Send the request `per_client` times from each client at once; latencies and rate."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(bearer) + 1)

    def client(token: str) -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as http:
            http.get(API + "?" + request, timeout=120)  # warm the connection
            barrier.wait()
            for _ in range(per_client):
                began = time.perf_counter()
                response = http.get(API + "?" + request, timeout=120)
                took = time.perf_counter() - began
                with lock:
                    latencies.append(took)
                    if response.status_code not in (200, 206, 204):
                        failures.append(response.status_code)

    threads = [threading.Thread(target=client, args=(token,)) for token in bearer]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "p50": 1000 * statistics.median(ordered),
        "p99": 1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))],
        "rps": len(ordered) / elapsed,
        "failed": float(len(failures)),
    }


def floor(url: str, columns: str, runs: int = 30) -> float:
    """Median milliseconds of the bare SQL page of live offers, newest first."""
    engine = create_engine(url)
    times = []
    with engine.connect() as connection:
        for _ in range(runs):
            began = time.perf_counter()
            connection.execute(text(FLOOR.format(columns=columns))).all()
            times.append(time.perf_counter() - began)
    engine.dispose()
    return 1000 * statistics.median(times)


def explain(url: str, request: str) -> None:
    """EXPLAIN ANALYZE of the request's page and count statements, as `#` lines."""
    params: dict[str, str | None] = dict(parse_qsl(request))
    start, end = (int(n) for n in (params.pop("range", None) or "0-149").split("-"))
    query, _ = build_query(params)
    engine = create_engine(url)
    with engine.connect() as connection:
        # The planner's settings of a search (`store.search.time_limited`).
        connection.exec_driver_sql("SET LOCAL jit = off")
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        for name, statement in (
            ("page", page_statement(query, "postgresql", start, end)),
            ("count and facets", facets_statement(query, "postgresql")),
        ):
            compiled = statement.compile(
                dialect=engine.dialect, compile_kwargs={"render_postcompile": True}
            )
            plan = connection.exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS) " + str(compiled), compiled.params
            ).all()
            print(f"# EXPLAIN {name} of {request}")
            for (line,) in plan:
                print(f"#   {line}")
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True, help="postgresql://… (created if missing)")
    parser.add_argument("--offers", type=int, required=True)
    parser.add_argument("--dev", type=Path, default=Path("../shared/data/dev"))
    parser.add_argument("--clients", default="1,8", help="concurrent clients, comma-separated")
    parser.add_argument("--requests", type=int, default=60, help="per request and client count")
    parser.add_argument("--workers", type=int, default=2, help="relais serve's processes")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--only", default="", help="only the requests holding this text (e.g. commune=)"
    )
    args = parser.parse_args(argv)

    url = ensure_database(args.database)
    build(url, args.offers, args.dev)
    if args.build_only:
        return 0
    with session_scope(url) as session:
        live = session.scalar(select(func.count()).where(models.Offer.status == "published"))
    print(f"store offers: {offer_count(url)} offers")
    print(f"store live offers: {live} offers")
    print(f"floor page query (ids) p50: {floor(url, 'id'):.2f} ms")
    print(f"floor page query (whole rows) p50: {floor(url, '*'):.2f} ms")
    clients = [int(n) for n in args.clients.split(",")]
    bearer = tokens(url, max(clients))
    process, base = serve(url, args.workers)
    slowest: tuple[float, str] = (0.0, REQUESTS[0])
    try:
        for request in [r for r in REQUESTS if args.only in r]:
            for count in clients:
                per_client = max(5, args.requests // count)
                cpu = server_cpu_seconds(process)
                figures = run_clients(base, request, bearer[:count], per_client)
                # The server's own CPU per request: what a busy machine's wall times hide.
                figures["cpu"] = (
                    1000 * (server_cpu_seconds(process) - cpu) / ((per_client + 1) * count)
                )
                for what, key, unit in (
                    ("p50", "p50", "ms"), ("p99", "p99", "ms"), ("rps", "rps", "requests/s"),
                    ("server cpu", "cpu", "ms/request"),
                ):  # fmt: skip
                    print(f"search {request} c={count} {what}: {figures[key]:.1f} {unit}")
                if figures["failed"]:
                    print(f"search {request} c={count} failed: {figures['failed']:.0f} requests")
                if count == 1 and figures["p50"] > slowest[0]:
                    slowest = (figures["p50"], request)
                sys.stdout.flush()
    finally:
        process.terminate()
        process.wait(30)
    explain(url, slowest[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
