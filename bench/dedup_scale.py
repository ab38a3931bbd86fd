"""Dedup's candidate lookup in a big PostgreSQL store: its time a copy and its plan.

Usage: python bench/dedup_scale.py PATH_TO_FT_OFFERS.jsonl --database POSTGRESQL_DATABASE_URL
                                   [--scale 1000000] [--seed 10000] [--probes 300] [--reuse]

The store is grown quickly, the way bench/load.py's copies are made but in SQL: --seed copies of
PATH's offers (bench/load.py's `copies_stream`: a fifth of them relayed by another source) are
loaded through Relais's own path (`store.copies.upsert_offer`, batches of 500), then their
copies and dedup keys are doubled round after round, by SQL, up to --scale copies (the copies
of a round point at the seed's offers and read their document there: the lookup reads an offer
by its primary key only, and copies and keys are what it searches). Each round is other
companies' offers: a replicated key that names a company, a link, a reference or a content
hash gets the round's mark (its number, `store.copies.key_hash`, XORed with the round's), so it
stays as rare as in the seed; a key of a title or a text in a département without a company
("tk", "tu", "mk", "mu", found among the seed copies' fingerprints) is kept as it is, so that
such keys grow crowded as they would (the same job title in the same département, for thousands of
employers).

The database at URL is emptied (its schema dropped) and migrated first, and left as it is at
the end (drop it after; --reuse measures it again). Printed: the store's size, the time of
`find_duplicate`'s lookup for --probes offers of the seed as new copies of another source
(median, 99th percentile and slowest, a copy; with --old, revision 0019's lookup beside it),
and the lookup's plan (EXPLAIN ANALYZE) for the slowest one. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from normalizers.dedup import Fingerprint, fingerprint
from schemas import Offer
from store import copies
from store.db import engine_for, session_scope

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import copies_stream, load, normalized_pool  # noqa: E402 - bench/load.py

# Keys that stay shared between rounds (see the module's docstring); every other kind is marked.
_SHARED_KINDS = ("tk:", "tu:", "mk:", "mu:")


def _columns(connection: object, table: str, leave: set[str]) -> list[str]:
    rows = connection.execute(  # type: ignore[attr-defined]
        text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
            "AND is_generated = 'NEVER' ORDER BY ordinal_position"
        ),
        {"t": table},
    )
    return [name for (name,) in rows if name not in leave]


def shared_keys(stream: list[tuple[int, Offer]]) -> list[int]:
    """The numbers of the seed copies' keys of the kinds kept as they are between rounds."""
    return copies.key_hashes(
        key
        for _, offer in stream
        for key in fingerprint(offer).keys()
        if key.startswith(_SHARED_KINDS)
    )


def grow(url: str, scale: int, shared: list[int]) -> None:
    """Double the copies and their keys, round after round, until the store holds `scale`."""
    engine = engine_for(url)
    with engine.begin() as connection:
        copy_columns = _columns(
            connection, "offer_sources", {"id", "offer_id", "external_id", "document"}
        )
    round_ = 0
    while True:
        with engine.begin() as connection:
            count = connection.scalar(text("SELECT count(*) FROM offer_sources"))
            top = connection.scalar(text("SELECT max(id) FROM offer_sources"))
        if count >= scale:
            break
        round_ += 1
        began = time.perf_counter()
        with engine.begin() as connection:
            # A replica's document is its seed offer's row (NULL): the lookup never reads it.
            connection.execute(
                text(
                    f"INSERT INTO offer_sources (id, offer_id, external_id, document, "
                    f"{', '.join(copy_columns)}) "
                    f"SELECT id + :shift, offer_id, external_id || '~' || :r, NULL, "
                    f"{', '.join(copy_columns)} FROM offer_sources ORDER BY id LIMIT :limit"
                ),
                {"shift": top, "r": round_, "limit": scale - count},
            )
            connection.execute(
                text(
                    "INSERT INTO dedup_keys (offer_source_id, key) "
                    "SELECT k.offer_source_id + :shift, "
                    "CASE WHEN k.key = ANY(:shared) THEN k.key ELSE k.key # :mark END "
                    "FROM dedup_keys AS k "
                    "JOIN offer_sources AS c ON c.id = k.offer_source_id + :shift"
                ),
                {"shift": top, "shared": shared, "mark": copies.key_hash(f"~{round_}")},
            )
        print(
            f"   round {round_}: {min(scale, 2 * count)} copies, "
            f"{time.perf_counter() - began:.0f} s",
            flush=True,
        )
    with engine.begin() as connection:
        for table in ("offer_sources", "dedup_keys"):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE offers, offer_sources, dedup_keys"))


# The lookup as revision 0019 ran it, for comparison: the crowded keys left out by a subquery.
_OLD_LOOKUP = (
    "SELECT c.id, c.offer_id, c.dedup_company FROM offer_sources AS c "
    "JOIN offers AS o ON o.id = c.offer_id "
    "WHERE c.id IN (SELECT k.offer_source_id FROM dedup_keys AS k WHERE k.key IN ("
    "  SELECT t.key FROM dedup_keys AS t WHERE t.key IN :keys "
    "  GROUP BY t.key HAVING count(*) <= :crowd)) "
    "AND c.source_id != :source_id AND c.status = 'live' AND o.status = 'published' "
    "AND (c.dedup_departement IS NULL OR CAST(:departement AS text) IS NULL "
    "     OR c.dedup_departement = :departement) "
    "AND (c.dedup_contract IS NULL OR CAST(:contract AS text) IS NULL "
    "     OR c.dedup_contract = :contract) "
    "ORDER BY c.id"
)


def _old_lookup(session: Session, print_: Fingerprint, source_id: int, explain: bool) -> list:
    statement = text(("EXPLAIN ANALYZE " if explain else "") + _OLD_LOOKUP).bindparams(
        bindparam("keys", expanding=True)
    )
    return session.execute(
        statement,
        {
            "keys": copies.key_hashes(print_.probe_keys()),
            "crowd": copies.MAX_CANDIDATES_PER_KEY,
            "source_id": source_id,
            "departement": print_.departement,
            "contract": print_.contract,
        },
    ).all()


def _figures(what: str, timings: list[tuple[float, Fingerprint]]) -> Fingerprint:
    seconds = sorted(t for t, _ in timings)
    print(f"{what} p50: {1000 * statistics.median(seconds):.2f} ms/copy")
    print(f"{what} p99: {1000 * seconds[int(0.99 * (len(seconds) - 1))]:.2f} ms/copy")
    print(f"{what} max: {1000 * seconds[-1]:.2f} ms/copy")
    return max(timings, key=lambda pair: pair[0])[1]


def probe(url: str, pool: list[Offer], probes: int, sources: int, old: bool) -> None:
    """Time the lookup of `probes` seed offers as new copies of another source."""
    timings: list[tuple[float, Fingerprint]] = []
    before: list[tuple[float, Fingerprint]] = []
    step = max(1, len(pool) // probes)
    source_id = sources + 1
    with session_scope(url) as session:
        copies.lock_for_dedup(session)
        for offer in pool[::step][:probes]:
            print_ = fingerprint(offer)
            began = time.perf_counter()
            copies.find_duplicate(session, copies._NewCopy(source_id), print_)
            timings.append((time.perf_counter() - began, print_))
            if old:
                began = time.perf_counter()
                _old_lookup(session, print_, source_id, explain=False)
                before.append((time.perf_counter() - began, print_))
    if old:
        slowest_before = _figures("dedup lookup as of 0019", before)
        with session_scope(url) as session:
            print("   plan of the slowest, as of 0019:")
            for (line,) in _old_lookup(session, slowest_before, source_id, explain=True):
                print("   " + line)
    slowest = _figures("dedup lookup", timings)
    with session_scope(url) as session:
        print("   plan of the slowest:")
        for line in copies.explain_lookup(session, source_id, slowest):
            print("   " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="France Travail offers, one JSON object a line")
    parser.add_argument("--database", required=True, help="a PostgreSQL database URL (emptied)")
    parser.add_argument("--scale", type=int, default=1_000_000, help="copies in the end")
    parser.add_argument("--seed", type=int, default=10_000, help="copies loaded by Relais")
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--probes", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="the store is built already")
    parser.add_argument("--old", action="store_true", help="also time revision 0019's lookup")
    args = parser.parse_args(argv)

    pool, _ = normalized_pool(args.path)
    if not args.reuse:
        with engine_for(args.database).begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        stream = list(copies_stream(pool, args.seed, args.sources, 0.2))
        seconds, live, merged = load(args.database, stream, args.sources)
        print(f"seed: {len(stream)} copies, {live} live offers, {merged} merged, {seconds:.0f} s")
        grow(args.database, args.scale, shared_keys(stream))
    with engine_for(args.database).connect() as connection:
        for table in ("offers", "offer_sources", "dedup_keys"):
            rows = connection.scalar(text(f"SELECT count(*) FROM {table}"))
            print(f"{table}: {rows} rows")
        size = connection.scalar(text("SELECT pg_database_size(current_database())"))
        print(f"database: {size / 2**20:.0f} MiB")
    probe(args.database, pool, args.probes, args.sources, args.old)
    return 0


if __name__ == "__main__":
    sys.exit(main())
