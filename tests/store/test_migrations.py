"""Migrations run up from empty and down again on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    JSON,
    MetaData,
    column,
    insert,
    inspect,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from normalizers.dedup import fingerprint
from store import copies, db, fulltext, migrate, models
from store import runs as run_store
from store.db import engine_for, session_scope
from store.models import Base
from store.offers import get_offer, offer_columns
from store.types import pack, unpack
from tests.conftest import TEMPLATES
from tests.store.factories import Record, offer, offer_row, source_row


def test_migrated_database_has_every_table(database: str) -> None:
    tables = set(inspect(engine_for(database)).get_table_names())
    assert {table.name for table in Base.metadata.sorted_tables} <= tables


def test_migrations_match_the_models(database: str) -> None:
    with engine_for(database).connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"include_object": migrate.include_object}),
            Base.metadata,
        )
    assert differences == []


def test_database_is_at_the_head_revision(database: str) -> None:
    assert migrate.current_revision(database) == migrate.head_revision()


def test_downgrade_to_base_and_back_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    migrate.upgrade(url)
    migrate.downgrade(url, "base")
    assert "offers" not in inspect(engine_for(url)).get_table_names()
    migrate.upgrade(url)
    assert "offers" in inspect(engine_for(url)).get_table_names()


@contextmanager
def _database_at(kind: str, revision: str, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of `kind` ("sqlite" or "postgresql") at `revision`, copied from
    the run's template at that revision (tests/support/templates.py); PostgreSQL's is dropped
    after the block."""
    if kind == "sqlite":
        yield TEMPLATES.sqlite(tmp_path / "store.db", revision)
        return
    url = TEMPLATES.postgresql("relais_migrations", revision)
    try:
        yield url
    finally:
        TEMPLATES.drop_postgresql(url)


# A store as revision 0018 kept it: payloads as text, documents and fingerprints as JSON.
_BEFORE_PACKING = "0018_rejection_title"
_PAYLOAD = "<job><title><![CDATA[Développeur·se Python H/F]]></title>" + "<p>Missions…</p>" * 200
_DOCUMENT = {"title": "Développeur·se Python H/F", "description_text": "Missions… " * 200}
_FINGERPRINT = {"content_key": "abc", "keys": ["t:developpeur python"] * 30}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_before_packing(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database migrated up to the revision before packing, holding one item and copy."""
    with _database_at(request.param, _BEFORE_PACKING, tmp_path) as url:
        yield from _filled_before_packing(url)


def _filled_before_packing(url: str) -> Iterator[str]:
    now = datetime.now(UTC)
    json_type = JSON().with_variant(JSONB(), "postgresql")
    with engine_for(url).begin() as connection:
        tables = MetaData()
        tables.reflect(connection, only=["sources", "crawl_runs", "raw_items", "offers"])
        connection.execute(insert(tables.tables["sources"]), source_row(now))
        connection.execute(
            insert(tables.tables["crawl_runs"]),
            {"id": 1, "source_id": 1, "status": "ok", "started_at": now, "complete": True,
             "url": "https://ats.example/jobs.rss", "bytes_received": 0, "items_seen": 1,
             "items_new": 1, "items_changed": 0, "items_unchanged": 0, "items_rejected": 0,
             "offers_new": 1, "offers_updated": 0, "offers_unchanged": 0,
             "offers_withdrawn": 0, "offers_held": 0, "notes": []},
        )  # fmt: skip
        raw_items = table(
            "raw_items", *(column(n) for n in ("id", "source_id", "external_id", "content_hash",
            "content_type", "fetch_url", "fetched_at", "crawl_run_id", "first_seen_at", "state",
            "payload")), column("normalized", json_type),
        )  # fmt: skip
        connection.execute(
            insert(raw_items),
            {"id": 1, "source_id": 1, "external_id": "job-1", "content_hash": "0" * 64,
             "content_type": "application/rss+xml", "fetch_url": "https://ats.example/jobs.rss",
             "fetched_at": now, "crawl_run_id": 1, "first_seen_at": now, "state": "normalized",
             "payload": _PAYLOAD, "normalized": _DOCUMENT},
        )  # fmt: skip
        connection.execute(
            insert(tables.tables["offers"]), offer_row(now, "job-1", "Développeur·se Python H/F")
        )
        copies = table(
            "offer_sources", *(column(n) for n in ("id", "offer_id", "source_id", "external_id",
            "content_hash", "first_seen_at", "last_changed_at", "status", "status_changed_at",
            "unlisted")), column("document", json_type), column("fingerprint", json_type),
        )  # fmt: skip
        connection.execute(
            insert(copies),
            {"id": 1, "offer_id": 1, "source_id": 1, "external_id": "job-1",
             "content_hash": "0" * 64, "first_seen_at": now, "last_changed_at": now,
             "status": "live", "status_changed_at": now, "unlisted": False,
             "document": _DOCUMENT, "fingerprint": _FINGERPRINT},
        )  # fmt: skip
    try:
        yield url
    finally:
        engine_for(url).dispose()


def test_packing_keeps_every_payload_and_document(store_before_packing: str) -> None:
    migrate.upgrade(store_before_packing, _BEFORE_LEAN)
    with engine_for(store_before_packing).connect() as connection:
        item = connection.execute(text("SELECT payload, normalized FROM raw_items")).one()
        copy = connection.execute(text("SELECT document, fingerprint FROM offer_sources")).one()
    payload, *documents = (unpack(bytes(value)) for value in (*item, *copy))
    kept = (payload.decode(), *(json.loads(document) for document in documents))
    assert kept == (_PAYLOAD, _DOCUMENT, _DOCUMENT, _FINGERPRINT)


def test_packing_stores_a_long_payload_in_a_fraction_of_its_size(
    store_before_packing: str,
) -> None:
    migrate.upgrade(store_before_packing)
    with engine_for(store_before_packing).connect() as connection:
        stored = connection.scalar(text("SELECT payload FROM raw_payloads WHERE raw_item_id = 1"))
    assert len(stored) < len(_PAYLOAD.encode()) / 3


def test_unpacking_gives_the_store_back_as_it_was(store_before_packing: str) -> None:
    # Up to the packing only: the fixture's document is no offer row's (see the lean store's).
    migrate.upgrade(store_before_packing, _BEFORE_LEAN)
    migrate.downgrade(store_before_packing, _BEFORE_PACKING)
    with engine_for(store_before_packing).connect() as connection:
        payload = connection.scalar(text("SELECT payload FROM raw_items WHERE id = 1"))
        document = connection.scalar(
            select(column("document", JSON().with_variant(JSONB(), "postgresql"))).select_from(
                table("offer_sources")
            )
        )
    assert (payload, document) == (_PAYLOAD, _DOCUMENT)


# A store as revision 0020 kept it: every copy with its document, the canonical one's the offer
# row again, and a fingerprint each.
_BEFORE_LEAN = "0020_offer_start"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_before_lean(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database at the revision before the lean store, holding one offer seen on two
    sources."""
    with _database_at(request.param, _BEFORE_LEAN, tmp_path) as url:
        yield from _filled_before_lean(url)


_EMPLOYERS = offer(
    "job-1",
    "Développeur·se Python H/F",
    source="ats",
    description_text="Missions… " * 200,
    description_html="<p>Missions…</p>" * 200,
)
_RELAYED = offer(
    "relay-9", "Développeur Python (H/F)", source="relay", description_text="Missions… " * 190
)


def _packed(document: dict[str, object]) -> bytes:
    return pack(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())


def _filled_before_lean(url: str) -> Iterator[str]:
    now = datetime.now(UTC)
    with engine_for(url).begin() as connection:
        tables = MetaData()
        tables.reflect(connection, only=["sources", "offers", "offer_sources"])
        relay = {**source_row(now), "id": 2, "name": "relay", "url": "https://relay.example/"}
        connection.execute(insert(tables.tables["sources"]), [source_row(now), relay])
        connection.execute(
            insert(tables.tables["offers"]),
            {**offer_columns(_EMPLOYERS), "id": 1, "source_id": 1, "status": "published",
             "first_seen_at": now, "updated_at": now, "status_changed_at": now},
        )  # fmt: skip
        connection.execute(
            insert(tables.tables["offer_sources"]),
            [
                {"id": number, "offer_id": 1, "source_id": number, "external_id": item.external_id,
                 "content_hash": item.content_hash, "first_seen_at": now, "last_changed_at": now,
                 "status": "live", "status_changed_at": now, "unlisted": False,
                 "document": _packed(item.model_dump(mode="json")),
                 "fingerprint": _packed(fingerprint(item).to_json())}
                for number, item in ((1, _EMPLOYERS), (2, _RELAYED))
            ],
        )  # fmt: skip
    try:
        yield url
    finally:
        engine_for(url).dispose()


def test_the_lean_store_reads_every_copy_as_its_source_gave_it(store_before_lean: str) -> None:
    migrate.upgrade(store_before_lean)
    with session_scope(store_before_lean) as session:
        read = [
            copies.copy_offer(session, session.get_one(models.OfferSource, number))
            for number in (1, 2)
        ]
    assert read == [_EMPLOYERS, _RELAYED]


def test_the_lean_store_keeps_the_offer_rows_content_once(store_before_lean: str) -> None:
    migrate.upgrade(store_before_lean)
    with engine_for(store_before_lean).connect() as connection:
        kept = (
            connection.execute(text("SELECT id FROM offer_sources WHERE document IS NOT NULL"))
            .scalars()
            .all()
        )
        columns = {c["name"] for c in inspect(connection).get_columns("offer_sources")}
    assert (kept, "fingerprint" in columns) == ([2], False)


def test_the_lean_store_still_shows_the_offer(store_before_lean: str) -> None:
    migrate.upgrade(store_before_lean)
    with session_scope(store_before_lean) as session:
        stored = get_offer(session, 1)
    assert stored is not None and stored.offer == _EMPLOYERS


def test_leaving_the_lean_store_gives_every_copy_its_document_back(
    store_before_lean: str,
) -> None:
    migrate.upgrade(store_before_lean)
    migrate.downgrade(store_before_lean, _BEFORE_LEAN)
    with engine_for(store_before_lean).connect() as connection:
        stored = (
            connection.execute(text("SELECT document FROM offer_sources ORDER BY id"))
            .scalars()
            .all()
        )
    documents = [json.loads(unpack(bytes(value))) for value in stored]
    assert documents == [_EMPLOYERS.model_dump(mode="json"), _RELAYED.model_dump(mode="json")]


# A store as revision 0021 kept it: dedup's lookup keys as their text.
_BEFORE_LEANER = "0021_lean"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_before_leaner(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database at the revision before the leaner store, holding one offer of source
    "ats" filed under its keys' text, and a second source, "relay"."""
    with _database_at(request.param, _BEFORE_LEANER, tmp_path) as url:
        yield from _filled_before_leaner(url)


def _filled_before_leaner(url: str) -> Iterator[str]:
    now = datetime.now(UTC)
    print_ = fingerprint(_EMPLOYERS)
    with engine_for(url).begin() as connection:
        tables = MetaData()
        tables.reflect(connection, only=["sources", "offers", "offer_sources", "dedup_keys"])
        relay = {**source_row(now), "id": 2, "name": "relay", "url": "https://relay.example/"}
        connection.execute(insert(tables.tables["sources"]), [source_row(now), relay])
        connection.execute(
            insert(tables.tables["offers"]),
            {**offer_columns(_EMPLOYERS), "id": 1, "source_id": 1, "status": "published",
             "description_html": pack(_EMPLOYERS.description_html.encode()),
             "first_seen_at": now, "updated_at": now, "status_changed_at": now},
        )  # fmt: skip
        connection.execute(
            insert(tables.tables["offer_sources"]),
            # Its id (1) from the sequence, which the next copy's insert moves on from.
            {"offer_id": 1, "source_id": 1, "external_id": _EMPLOYERS.external_id,
             "content_hash": _EMPLOYERS.content_hash, "first_seen_at": now,
             "last_changed_at": now, "status": "live", "status_changed_at": now,
             "unlisted": False, "document": None, "dedup_departement": print_.departement,
             "dedup_contract": print_.contract, "dedup_company": print_.company},
        )  # fmt: skip
        connection.execute(
            insert(tables.tables["dedup_keys"]),
            [{"offer_source_id": 1, "key": key} for key in sorted(set(print_.keys()))],
        )
    try:
        yield url
    finally:
        engine_for(url).dispose()


def test_the_leaner_store_files_each_key_as_its_number(store_before_leaner: str) -> None:
    migrate.upgrade(store_before_leaner)
    with engine_for(store_before_leaner).connect() as connection:
        filed = connection.execute(text("SELECT key FROM dedup_keys ORDER BY key")).scalars().all()
    assert filed == copies.key_hashes(fingerprint(_EMPLOYERS).keys())


def test_the_leaner_store_still_merges_the_same_offer_from_another_source(
    store_before_leaner: str,
) -> None:
    migrate.upgrade(store_before_leaner)
    relayed = _EMPLOYERS.model_copy(update={"source": "relay", "external_id": "relay-1"})
    with session_scope(store_before_leaner) as session:
        copies.lock_for_dedup(session)
        result = copies.upsert_offer(session, 2, relayed)
    assert (result.outcome, result.offer_id) == (copies.UpsertOutcome.MERGED, 1)


def test_leaving_the_leaner_store_files_the_keys_as_text_again(store_before_leaner: str) -> None:
    migrate.upgrade(store_before_leaner)
    migrate.downgrade(store_before_leaner, _BEFORE_LEANER)
    with engine_for(store_before_leaner).connect() as connection:
        filed = connection.execute(text("SELECT key FROM dedup_keys ORDER BY key")).scalars().all()
    assert filed == sorted(set(fingerprint(_EMPLOYERS).keys()))


def _found_by(url: str, word: str) -> list[int]:
    with session_scope(url) as session:
        dialect = session.get_bind().dialect.name
        match = fulltext.matches(dialect, [word], models.Offer.id)
        return list(session.scalars(select(models.Offer.id).where(match)))


def test_the_leaner_store_still_shows_the_offers_whole_description(
    store_before_leaner: str,
) -> None:
    migrate.upgrade(store_before_leaner)
    with session_scope(store_before_leaner) as session:
        stored = get_offer(session, 1)
    assert stored is not None and stored.offer.description_text == _EMPLOYERS.description_text


def test_the_leaner_store_still_finds_an_offer_by_a_word_of_its_description(
    store_before_leaner: str,
) -> None:
    migrate.upgrade(store_before_leaner)
    assert _found_by(store_before_leaner, "missions") == [1]


def test_an_offer_edited_in_the_leaner_store_is_found_by_its_new_words_only(
    store_before_leaner: str,
) -> None:
    migrate.upgrade(store_before_leaner)
    with session_scope(store_before_leaner) as session:
        session.get_one(models.Offer, 1).description_text = "Soudure à l'arc sur chantier."
    found = (_found_by(store_before_leaner, "soudure"), _found_by(store_before_leaner, "missions"))
    assert found == ([1], [])


def test_leaving_the_leaner_store_gives_the_description_back_as_text(
    store_before_leaner: str,
) -> None:
    migrate.upgrade(store_before_leaner)
    migrate.downgrade(store_before_leaner, _BEFORE_LEANER)
    with engine_for(store_before_leaner).connect() as connection:
        stored = connection.scalar(text("SELECT description_text FROM offers WHERE id = 1"))
    assert stored == _EMPLOYERS.description_text


def test_leaving_the_leaner_store_still_finds_an_offer_by_a_word_of_its_description(
    store_before_leaner: str,
) -> None:
    migrate.upgrade(store_before_leaner)
    migrate.downgrade(store_before_leaner, _BEFORE_LEANER)
    assert _found_by(store_before_leaner, "missions") == [1]


# A store as revision 0023 kept it: each raw item's payload in its own row.
_BEFORE_PAYLOADS = "0023_search_doc"
_SHORT_PAYLOAD = "<job><title>Soudeur H/F</title></job>"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_before_payloads(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database at the revision before the payload table, holding two raw items of
    source "ats": job-1 (a long payload, compressed) and job-2 (a short one, kept as it is)."""
    with _database_at(request.param, _BEFORE_PAYLOADS, tmp_path) as url:
        yield from _filled_before_payloads(url)


def _filled_before_payloads(url: str) -> Iterator[str]:
    now = datetime.now(UTC)
    with engine_for(url).begin() as connection:
        tables = MetaData()
        tables.reflect(connection, only=["sources", "crawl_runs", "raw_items"])
        connection.execute(insert(tables.tables["sources"]), source_row(now))
        connection.execute(
            insert(tables.tables["crawl_runs"]),
            {"id": 1, "source_id": 1, "status": "ok", "started_at": now, "complete": True,
             "url": "https://ats.example/jobs.rss", "bytes_received": 0, "items_seen": 2,
             "items_new": 2, "items_changed": 0, "items_unchanged": 0, "items_rejected": 0,
             "offers_new": 0, "offers_updated": 0, "offers_unchanged": 0,
             "offers_withdrawn": 0, "offers_held": 0, "notes": []},
        )  # fmt: skip
        connection.execute(
            insert(tables.tables["raw_items"]),
            [
                {"id": number, "source_id": 1, "external_id": f"job-{number}",
                 "content_hash": "0" * 64, "content_type": "application/rss+xml",
                 "fetch_url": "https://ats.example/jobs.rss", "fetched_at": now,
                 "crawl_run_id": 1, "first_seen_at": now, "state": "loaded",
                 "payload": pack(payload.encode())}
                for number, payload in ((1, _PAYLOAD), (2, _SHORT_PAYLOAD))
            ],
        )  # fmt: skip
    try:
        yield url
    finally:
        engine_for(url).dispose()


def _payloads(url: str) -> dict[str, str]:
    with session_scope(url) as session:
        return {item.external_id: item.payload for item in session.scalars(select(models.RawItem))}


def test_the_payload_table_keeps_every_items_payload(store_before_payloads: str) -> None:
    migrate.upgrade(store_before_payloads)
    assert _payloads(store_before_payloads) == {"job-1": _PAYLOAD, "job-2": _SHORT_PAYLOAD}


def test_an_item_changed_after_the_payload_table_is_read_as_fetched_again(
    store_before_payloads: str,
) -> None:
    migrate.upgrade(store_before_payloads)
    with session_scope(store_before_payloads) as session:
        run = session.get_one(models.CrawlRun, 1)
        fetched = Record("job-2", "<job><title>Soudeur TIG H/F</title></job>")
        run_store.store_raw_items(session, run, [fetched])
    assert _payloads(store_before_payloads)["job-2"] == fetched.payload


def test_leaving_the_payload_table_gives_each_item_its_payload_back(
    store_before_payloads: str,
) -> None:
    migrate.upgrade(store_before_payloads)
    migrate.downgrade(store_before_payloads, _BEFORE_PAYLOADS)
    with engine_for(store_before_payloads).connect() as connection:
        rows = connection.execute(text("SELECT external_id, payload FROM raw_items")).all()
    kept = {external_id: unpack(bytes(payload)).decode() for external_id, payload in rows}
    assert kept == {"job-1": _PAYLOAD, "job-2": _SHORT_PAYLOAD}


def _page_size(url: str) -> int:
    with engine_for(url).connect() as connection:
        return int(connection.exec_driver_sql("PRAGMA page_size").scalar_one())


def test_an_sqlite_store_of_small_pages_is_rewritten_with_larger_ones(tmp_path: Path) -> None:
    path = tmp_path / "small-pages.db"
    with closing(sqlite3.connect(path)) as connection:  # as Relais made it before revision 0024
        connection.execute("PRAGMA page_size=4096")
        connection.execute("PRAGMA journal_mode=WAL")
    url = f"sqlite:///{path}"
    migrate.upgrade(url, _BEFORE_PAYLOADS)
    before = _page_size(url)
    engine_for(url).dispose()
    migrate.upgrade(url)
    assert (before, _page_size(url)) == (4096, db.SQLITE_PAGE_SIZE)


def test_the_search_vector_is_kept_in_its_offers_row_on_postgresql(database: str) -> None:
    if database.startswith("sqlite"):
        pytest.skip("SQLite's full-text index is a table of its own (offers_fts)")
    with engine_for(database).connect() as connection:
        storage = connection.execute(
            text(
                "SELECT attstorage FROM pg_attribute "
                "WHERE attrelid = 'offers'::regclass AND attname = 'search_vector'"
            )
        ).scalar_one()
    assert storage == "m"  # MAIN: compressed in the row, out of it only as a last resort


_BEFORE_PACKED_FACTS = "0027_search_place_dates"
_FACTS = {
    "place": {"origin": "field", "confidence": 1.0, "text": "Lyon 3e", "field": "place"},
    "contract": {"origin": "text", "confidence": 0.8, "text": "CDI " * 100, "field": None},
}
_ALTERNATIVES = [{"code": "M1805", "label": "Études et développement informatique"}]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_before_packed_facts(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database at the revision before packed facts, holding offer 1 with its fact
    sources (long enough to be compressed) and ROME alternatives as JSON, and offer 2 with
    neither."""
    with _database_at(request.param, _BEFORE_PACKED_FACTS, tmp_path) as url:
        now = datetime.now(UTC)
        with engine_for(url).begin() as connection:
            tables = MetaData()
            tables.reflect(connection, only=["sources", "offers"])
            connection.execute(insert(tables.tables["sources"]), source_row(now))
            # Both descriptions are packed on SQLite at that revision, the HTML only on PostgreSQL.
            empty = pack(b"")
            texts = {
                "description_html": empty,
                "description_text": empty if request.param == "sqlite" else "",
            }
            first = {
                **offer_row(now, "job-1", "Développeur H/F"),
                **texts,
                "fact_sources": _FACTS,
                "rome_alternatives": _ALTERNATIVES,
            }
            second = {
                **offer_row(now, "job-2", "Soudeur H/F"),
                **texts,
                "id": 2,
                "fact_sources": None,
                "rome_alternatives": None,
            }
            connection.execute(insert(tables.tables["offers"]), [first, second])
        try:
            yield url
        finally:
            engine_for(url).dispose()


def _facts(url: str) -> dict[str, tuple[object, object]]:
    with session_scope(url) as session:
        return {
            row.external_id: (row.fact_sources, row.rome_alternatives)
            for row in session.scalars(select(models.Offer))
        }


def test_packed_facts_keep_every_offers_facts(store_before_packed_facts: str) -> None:
    migrate.upgrade(store_before_packed_facts)
    assert _facts(store_before_packed_facts) == {
        "job-1": (_FACTS, _ALTERNATIVES),
        "job-2": (None, None),
    }
    with engine_for(store_before_packed_facts).connect() as connection:
        stored = connection.execute(text("SELECT fact_sources FROM offers WHERE id = 1")).scalar()
    assert bytes(stored)[:1] == b"z"
    assert len(bytes(stored)) < len(json.dumps(_FACTS)) / 4


def test_leaving_packed_facts_gives_them_back_as_json(store_before_packed_facts: str) -> None:
    migrate.upgrade(store_before_packed_facts)
    migrate.downgrade(store_before_packed_facts, _BEFORE_PACKED_FACTS)
    with engine_for(store_before_packed_facts).connect() as connection:
        json_type = JSON().with_variant(JSONB(), "postgresql")
        rows = connection.execute(
            select(
                column("external_id"),
                column("fact_sources", json_type),
                column("rome_alternatives", json_type),
            ).select_from(table("offers"))
        ).all()
    assert {name: (facts, others) for name, facts, others in rows} == {
        "job-1": (_FACTS, _ALTERNATIVES),
        "job-2": (None, None),
    }
