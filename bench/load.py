"""What dedup adds to ingest time in the real load path, at scale, on SQLite or PostgreSQL.

Usage: python bench/load.py PATH_TO_FT_OFFERS.jsonl [--scale 100000] [--sources 50]
                            [--duplicates 0.2] [--database URL]

The offers of PATH (France Travail "Offres d'emploi v2" JSON, one a line) are rendered as the
items of a careers site's RSS feed (text only, as bench/quality.py renders them), read by the
RSS extractor and normalized once (timed: the normalize part of ingest, as the collection's
normalize step spends it, extrapolated to the scale; fetching is left out). Then --scale copies
are built by cycling them: each round after the first is another company's offer elsewhere (so
rounds are distinct offers, not clones), spread over --sources sources, half of them employers'
ATS boards and half aggregator feeds, and a share (--duplicates) of the offers is sent again by
another source with the usual edits ("(H/F)" added, a sentence dropped, no reference).

Each copy goes through `store.copies.upsert_offer` in batches of 500 per transaction, as the
collection's load does, into a fresh migrated database: once with dedup (fingerprint, keys,
candidate lookup, match) and once without (dedup's functions replaced by no-ops, so the rest of
the load is the same). Printed: both load times, what dedup adds against normalize + load, and
how many offers the copies made. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pydantic import HttpUrl
from sqlalchemy import create_engine, func, select, text

from normalizers.dedup import Fingerprint
from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults
from schemas.sources import SourceKind, SourceRegistration
from spiders.extractors import extractor_for
from store import copies, migrate, models
from store.db import session_scope
from store.sources import add_source

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import source_offer  # noqa: E402 - bench/quality.py, beside this file

BATCH = 500
TARGET = 0.20
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")


def _pick(key: str, choices: int) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") % choices


def rss_item(ft: dict[str, Any]) -> str:
    """A France Travail offer as an RSS item of a careers site's feed (text, no codes)."""
    offer = source_offer(ft)  # the text bench/quality.py renders

    def tag(name: str, value: object) -> str:
        return f"<{name}>{escape(str(value))}</{name}>" if value else ""

    description = "".join(
        f"<p>{escape(part)}</p>" for part in (offer.description or "").split("\n") if part
    )
    return (
        "<item>"
        + tag("title", offer.title)
        + tag("link", offer.url or f"https://careers.example/offres/{ft['id']}")
        + tag("guid", ft["id"])
        + f"<description><![CDATA[{description}]]></description>"
        + tag("company", offer.company)
        + tag("location", offer.place)
        + tag("contract", offer.contract)
        + tag("salary", offer.salary)
        + tag("experience", offer.experience)
        + tag("pubDate", offer.posted_at)
        + "</item>"
    )


def normalized_pool(path: Path) -> tuple[list[Offer], float]:
    """The dev offers read as RSS items and normalized once, and the time an item took, the way
    the collection's normalize and load steps spend it: the extractor reads the stored item,
    `normalize_offer` makes the offer, which is kept as JSON and read back by the load."""
    url = "https://careers.example/offres.rss"
    context = SourceContext(
        source="bench", attribution="bench", defaults=SourceDefaults(), base_url=url
    )
    extractor = extractor_for("rss")
    with path.open(encoding="utf-8") as file:
        payloads = [rss_item(json.loads(line)) for line in file if line.strip()]
    normalize_offer(extractor.read(payloads[0], url), context)  # loads the referentials
    pool: list[Offer] = []
    began = time.perf_counter()
    for payload in payloads:
        result = normalize_offer(extractor.read(payload, url), context)
        if isinstance(result, Offer):
            pool.append(Offer.model_validate(result.model_dump(mode="json")))
    return pool, (time.perf_counter() - began) / len(payloads)


def _edited(offer: Offer, number: int) -> Offer:
    sentences = _SENTENCE.split(offer.description_text)
    if len(sentences) > 2:
        del sentences[number % len(sentences)]
    return offer.model_copy(
        update={
            "external_id": f"relay-{offer.external_id}",
            "title": f"{offer.title} (H/F)",
            "description_text": " ".join(sentences),
            "reference": None,
        }
    )


def copies_stream(
    pool: list[Offer], scale: int, sources: int, duplicates: float
) -> Iterator[tuple[int, Offer]]:
    """(source number, offer) pairs: `scale` copies in all, some of them relayed duplicates."""
    made = number = 0
    while made < scale:
        base = pool[number % len(pool)]
        round_ = number // len(pool)
        offer = base
        if round_:
            # Another company, elsewhere: another offer, not a copy.
            company = f"Groupe {_pick(f'{number}company', 10**6):06d}"
            slug = company.lower().replace(" ", "-")
            offer = base.model_copy(
                update={
                    "external_id": f"{base.external_id}-{round_}",
                    "company_name": company,
                    # Its own page and apply link, on that company's site.
                    "url": HttpUrl(f"https://{slug}.example/offres/{base.external_id}"),
                    "apply_url": (
                        HttpUrl(f"https://{slug}.example/postuler/{base.external_id}")
                        if base.apply_url
                        else None
                    ),
                    "place": pool[_pick(f"{number}place", len(pool))].place,
                    "content_hash": hashlib.sha256(
                        f"{base.content_hash}{round_}".encode()
                    ).hexdigest(),
                }
            )
        source = _pick(f"{number}source", sources)
        yield source, offer
        made += 1
        if made < scale and _pick(f"{number}dup", 1000) < duplicates * 1000:
            relay = _edited(offer, number)
            yield (
                (source + 1) % sources,
                relay.model_copy(
                    update={"content_hash": hashlib.sha256(relay.title.encode()).hexdigest()}
                ),
            )
            made += 1
        number += 1


@contextmanager
def dedup_disabled() -> Iterator[None]:
    """The load without dedup: no fingerprint worth the name, no keys, no candidates."""
    saved = (copies.fingerprint, copies._write_keys, copies.find_duplicate)
    copies.fingerprint = lambda offer: Fingerprint.from_json(  # type: ignore[assignment]
        {"content_key": offer.content_hash}
    )
    copies._write_keys = lambda session, copy_id, print_, replace: None  # type: ignore[assignment]
    copies.find_duplicate = lambda session, copy, print_: None  # type: ignore[assignment]
    try:
        yield
    finally:
        copies.fingerprint, copies._write_keys, copies.find_duplicate = saved  # type: ignore[assignment]


@contextmanager
def _fresh_database(url: str | None, workdir: Path, name: str) -> Iterator[str]:
    """A new database for one load: a SQLite file in workdir, or a PostgreSQL database of its own
    on the server at url (a unique name, so that two runs side by side never drop each other's
    store), dropped when the load is done."""
    if url is None:
        yield f"sqlite:///{workdir / name}.db"
        return
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    database = f"relais_bench_{name}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    database_url = url.rsplit("/", 1)[0] + f"/{database}"
    try:
        yield database_url
    finally:
        from store.db import engine_for

        engine_for(database_url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


def load(url: str, stream: list[tuple[int, Offer]], sources: int) -> tuple[float, int, int]:
    """Load the copies; returns (seconds, live offers, copies merged into another's offer)."""
    migrate.upgrade(url)
    with session_scope(url) as session:
        ids = []
        for number in range(sources):
            kind = SourceKind.GREENHOUSE if number % 2 == 0 else SourceKind.RSS
            settings = {"board": f"board{number}"} if kind is SourceKind.GREENHOUSE else {}
            registration = SourceRegistration(
                name=f"source-{number}",
                kind=kind,
                url=f"https://source{number}.example/jobs",  # type: ignore[arg-type]
                settings=settings,
            )
            ids.append(add_source(session, registration).id)
    merged = 0
    began = time.perf_counter()
    for start in range(0, len(stream), BATCH):
        with session_scope(url) as session:
            copies.lock_for_dedup(session)
            for source, offer in stream[start : start + BATCH]:
                result = copies.upsert_offer(session, ids[source], offer)
                merged += result.outcome is copies.UpsertOutcome.MERGED
    seconds = time.perf_counter() - began
    with session_scope(url) as session:
        live = session.scalar(select(func.count()).where(models.Offer.status == "published"))
    return seconds, live or 0, merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="France Travail offers, one JSON object a line")
    parser.add_argument("--scale", type=int, default=100_000, help="copies loaded")
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--duplicates", type=float, default=0.2, help="share relayed twice")
    parser.add_argument("--database", help="a PostgreSQL server URL (default: SQLite files)")
    args = parser.parse_args(argv)

    pool, normalize_seconds = normalized_pool(args.path)
    stream = list(copies_stream(pool, args.scale, args.sources, args.duplicates))
    relayed = sum(1 for _, offer in stream if offer.external_id.startswith("relay-"))
    print(
        f"Relais load with and without dedup: {len(stream)} copies ({relayed} relayed "
        f"duplicates) over {args.sources} sources, from {len(pool)} normalized dev offers"
    )
    normalize_total = normalize_seconds * len(stream)
    print(
        f"   read + normalize: {1000 * normalize_seconds:.2f} ms an item, extrapolated to "
        f"{len(stream)}: {normalize_total:.0f} s"
    )
    with tempfile.TemporaryDirectory(prefix="relais-bench-") as workdir:
        with dedup_disabled(), _fresh_database(args.database, Path(workdir), "plain") as plain_url:
            plain, plain_live, _ = load(plain_url, stream, args.sources)
        with _fresh_database(args.database, Path(workdir), "dedup") as dedup_url:
            with_dedup, live, merged = load(dedup_url, stream, args.sources)
    backend = "PostgreSQL" if args.database else "SQLite"
    print(f"   load without dedup ({backend}): {plain:.0f} s, {plain_live} live offers")
    print(
        f"   load with dedup ({backend}):    {with_dedup:.0f} s, {live} live offers, "
        f"{merged} copies joined an offer of another source"
    )
    added = (with_dedup - plain) / (normalize_total + plain)
    verdict = "met" if added < TARGET else "NOT MET"
    print(
        f"   dedup adds {with_dedup - plain:.0f} s to ingest (normalize + load "
        f"{normalize_total + plain:.0f} s): {100 * added:.1f} % (target < {TARGET:.0%}: {verdict})"
    )
    print(
        f"   per copy: load {1000 * plain / len(stream):.2f} ms without dedup, "
        f"{1000 * with_dedup / len(stream):.2f} ms with"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
