"""One offer, once: each source's copy of an offer, and the canonical offer they make together.

Every item a source lists is kept as a *copy* (`offer_sources`): the normalized offer as that
source gave it, its dedup fingerprint and whether the source still lists it. Copies that are the
same offer (same apply URL, same reference, same content, or near-identical text at the same
company and place) share one canonical `offers` row, whose content is the best copy's: the
employer's own over an intermediary's, then the most complete, then the earliest seen.

Each change of the canonical content is kept as a version, each change of its life as an event.
A wrong merge can be split; the split is remembered and the copies are never merged again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import String, bindparam, delete, insert, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from exporters.francetravail import stored_document
from normalizers.dedup import (
    DIRECT_EMPLOYER_KINDS,
    Fingerprint,
    Match,
    canonical_rank,
    companies_compatible,
    fingerprint,
    match,
)
from schemas.legacy_text import french_reason
from schemas.offers import Offer, OfferStatus
from schemas.readable import ReadableValueError
from store import history, models
from store.history import EventKind
from store.models import utcnow
from store.offers import offer_columns, offer_from_row, place_rows, sync_other_places


class CopyStatus(StrEnum):
    LIVE = "live"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class UpsertOutcome(StrEnum):
    NEW = "new"  # a new offer
    MERGED = "merged"  # a new copy of an offer already known from another source
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class UpsertResult:
    offer_id: int
    outcome: UpsertOutcome
    copy_id: int = 0
    # Every offer whose content or status changed: the routing of republication follows them.
    affected: tuple[int, ...] = field(default=())


# Beyond this many copies, a lookup key is too common to point at duplicates.
MAX_CANDIDATES_PER_KEY = 200

# An arbitrary constant: the PostgreSQL advisory lock that serializes dedup between loaders.
_DEDUP_LOCK = 0x52454C41

# On PostgreSQL, no statement of a load transaction may run longer than this many milliseconds
# (dedup's lookup takes a few at 1,000,000 copies; a bulk write of a batch, well under a second):
# a plan gone wrong fails the batch, which the next collection takes up again, instead of
# holding the dedup lock and a connection for minutes.
LOAD_STATEMENT_TIMEOUT_MS = 30_000


def lock_for_dedup(session: Session) -> None:
    """Hold the dedup lock until the transaction ends, so two loads never both create an offer.

    PostgreSQL: a transaction-level advisory lock, then LOAD_STATEMENT_TIMEOUT_MS for each of
    the transaction's statements. SQLite: a write statement, which takes the
    database's write lock now rather than at the first insert, after the candidates were read.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _DEDUP_LOCK})
        # After the lock: waiting for another load's batch is not a statement gone wrong.
        session.execute(text(f"SET LOCAL statement_timeout = {int(LOAD_STATEMENT_TIMEOUT_MS)}"))
        _keep_statistics(session)
    else:
        session.execute(text("UPDATE dedup_keys SET key = key WHERE 1 = 0"))


# The tables dedup's lookup reads, and how much of one may change before it is analyzed again.
_LOOKUP_TABLES = ("dedup_keys", "offer_sources", "offers")
_STALE_SHARE, _STALE_ROWS = 0.2, 1000

_STALE_STATISTICS = text(
    "SELECT 1 FROM pg_stat_user_tables WHERE relname IN :tables "
    "AND n_mod_since_analyze > greatest(:rows, :share * n_live_tup) LIMIT 1"
).bindparams(bindparam("tables", expanding=True))


def _keep_statistics(session: Session) -> None:
    """Analyze the lookup's tables when they grew a lot since PostgreSQL last did.

    Without statistics (a first import of many offers into a new database, faster than the
    autovacuum daemon) the planner scans whole tables for every copy's lookup: 30 ms a copy
    instead of a fraction of one. Checked once a load transaction; analyzing, a few times while
    the tables grow tenfold.
    """
    stale = session.execute(
        _STALE_STATISTICS,
        {"tables": list(_LOOKUP_TABLES), "rows": _STALE_ROWS, "share": _STALE_SHARE},
    ).first()
    if stale is not None:
        session.execute(text(f"ANALYZE {', '.join(_LOOKUP_TABLES)}"))


def copy_offer(session: Session, copy: models.OfferSource) -> Offer:
    """The offer as this copy's source gave it: its document, or, for the copy an offer is made
    of (whose document would be the offer row again, `document` NULL), the offer row."""
    if copy.document is not None:
        return Offer.model_validate(copy.document)
    row = session.get_one(models.Offer, copy.offer_id)
    return offer_from_row(row).model_copy(update={"source": _source_name(session, copy.source_id)})


def copy_document(session: Session, copy: models.OfferSource) -> dict[str, Any]:
    """`copy_offer` as JSON (`schemas.Offer` dumped in JSON mode)."""
    if copy.document is not None:
        return copy.document
    return copy_offer(session, copy).model_dump(mode="json")


def _keep_documents(session: Session, copies: list[models.OfferSource], row: models.Offer) -> None:
    """Give each copy that reads its document from the offer row (NULL `document`) its own,
    before the row is rewritten from another copy or the copies leave it."""
    for copy in copies:
        if copy.document is None and copy.offer_id == row.id:
            copy.document = copy_offer(session, copy).model_dump(mode="json")


def _source_facts(session: Session, source_id: int) -> tuple[str, str]:
    """(name, kind) of a source, read once per session."""
    cache: dict[int, tuple[str, str]] = session.info.setdefault("relais_sources", {})
    if source_id not in cache:
        source = session.get_one(models.Source, source_id)
        cache[source_id] = (source.name, source.kind)
    return cache[source_id]


def _source_kind(session: Session, source_id: int) -> str:
    return _source_facts(session, source_id)[1]


def _rank(session: Session, copy: models.OfferSource) -> tuple[Any, ...]:
    direct = _source_kind(session, copy.source_id) in DIRECT_EMPLOYER_KINDS
    return canonical_rank(
        copy_offer(session, copy), direct_employer=direct, first_seen_at=copy.first_seen_at
    )


def _dedup_columns(print_: Fingerprint) -> dict[str, str | None]:
    """The copy's filtering facts: what rules candidates out before their fingerprint is read."""
    company = print_.company[:255] if print_.company else None
    return {
        "dedup_departement": print_.departement,
        "dedup_contract": print_.contract,
        "dedup_company": company,
    }


def _set_fingerprint(copy: models.OfferSource, print_: Fingerprint) -> None:
    """Keep the columns the lookup filters on (the fingerprint itself is made again from the
    copy's document when it is a candidate)."""
    for name, value in _dedup_columns(print_).items():
        setattr(copy, name, value)


def key_hash(key: str) -> int:
    """The number a dedup lookup key is filed under (`dedup_keys.key`): the first 8 bytes of
    the SHA-256 digest (FIPS 180-4) of its UTF-8 text, read as a signed big-endian integer
    (SQL BIGINT, -2**63 to 2**63 - 1). A few bytes a key instead of its text (up to 255
    characters); two keys sharing a number only bring one more candidate, which `match`
    refuses as it refuses any other. Migration 0022 computes the same number in SQL."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big", signed=True)


def key_hashes(keys: Iterable[str]) -> list[int]:
    """The distinct `key_hash` numbers of keys, sorted."""
    return sorted({key_hash(key) for key in keys})


def _write_keys(session: Session, copy_id: int, print_: Fingerprint, *, replace: bool) -> None:
    """Write the copy's lookup keys at once, in one statement (the copy has its id)."""
    connection = session.connection()
    if replace:
        connection.execute(
            delete(models.DedupKey).where(models.DedupKey.offer_source_id == copy_id)
        )
    rows = [{"offer_source_id": copy_id, "key": key} for key in key_hashes(print_.keys())]
    if rows:
        connection.execute(insert(models.DedupKey), rows)


def _distinct_pairs(session: Session, copy_id: int) -> set[int]:
    """The copies an operator said are not the same offer as this one."""
    rows = session.execute(
        select(models.DedupDecision.first_copy_id, models.DedupDecision.second_copy_id).where(
            or_(
                models.DedupDecision.first_copy_id == copy_id,
                models.DedupDecision.second_copy_id == copy_id,
            )
        )
    )
    return {a if b == copy_id else b for a, b in rows}


# Statements on the table, not the mapped class: executed on the session's connection, they
# neither flush the session nor go through the ORM, which doubled their cost.
_COPIES = models.OfferSource.__table__


# How many copies each of a fingerprint's keys is filed under, counted no further than one past
# the crowd: a key most copies share (a boilerplate sentence, a common title in a big
# département) tells nothing and would cost a lot, and counting all of its copies would too.
# One capped index probe a key, whatever the store's size; `_crowd_counts` writes it for n keys.
@lru_cache(maxsize=64)
def _crowd_counts(keys: int) -> TextClause:
    return text(
        " UNION ALL ".join(
            f"SELECT key, offer_source_id FROM (SELECT key, offer_source_id FROM dedup_keys "
            f"WHERE key = :k{n} LIMIT :cap) AS p{n}"
            for n in range(keys)
        )
    )


# Those of the copies filed under keys that are not crowded that are live copies of other
# sources, by primary key, with their offers. The copies are given by id, not found by a
# subquery: PostgreSQL misjudged how many keys a `HAVING count(*) <= 200` subquery keeps (336
# expected, 5 found at 1,000,000 copies), and how many copies a list of keys brings (25,950
# expected, 30 found at 512,000), and scanned every copy instead (280 ms to 8 s a copy).
# Written once as text: it runs for every new copy, and building it with the expression
# language cost ten times what the database takes to answer it. It reads the company key, not
# the fingerprint: a template text shared by many employers brings many candidates, and
# making each one's fingerprint to refuse it on the company was the cost.
_CANDIDATES = (
    text(
        "SELECT c.id, c.offer_id, c.dedup_company FROM offer_sources AS c "
        "JOIN offers AS o ON o.id = c.offer_id "
        "WHERE c.id IN :ids "
        "AND c.source_id != :source_id AND c.status = :live AND o.status = :published "
        # What `match` would refuse anyway: a known département or contract that differs.
        "AND (c.dedup_departement IS NULL OR :departement IS NULL "
        "     OR c.dedup_departement = :departement) "
        "AND (c.dedup_contract IS NULL OR :contract IS NULL OR c.dedup_contract = :contract) "
        "ORDER BY c.id"
    )
    .bindparams(
        bindparam("ids", expanding=True),
        bindparam("departement", type_=String()),
        bindparam("contract", type_=String()),
    )
    .columns(_COPIES.c.id, _COPIES.c.offer_id, _COPIES.c.dedup_company)
)


def _flush_copies(session: Session) -> None:
    """Flush pending copies and offers, which a text statement would not see; nothing else."""
    pending = (*session.new, *session.dirty)
    if any(isinstance(obj, models.OfferSource | models.Offer) for obj in pending):
        session.flush()


class CopyIdentity(Protocol):
    """What dedup's lookup needs of a copy: its source, and its id and offer once it has them."""

    @property
    def source_id(self) -> int: ...
    @property
    def id(self) -> int | None: ...
    @property
    def offer_id(self) -> int | None: ...


@dataclass(frozen=True)
class _NewCopy:
    """A copy not written yet, as dedup's lookup sees it."""

    source_id: int
    id: int | None = None
    offer_id: int | None = None


def _uncrowded_copies(connection: Connection, keys: list[int]) -> list[int]:
    """The copies filed under keys (`key_hash` numbers) that at most MAX_CANDIDATES_PER_KEY
    copies are filed under."""
    rows = connection.execute(
        _crowd_counts(len(keys)),
        {"cap": MAX_CANDIDATES_PER_KEY + 1, **{f"k{n}": key for n, key in enumerate(keys)}},
    )
    by_key: dict[int, list[int]] = {}
    for key, copy_id in rows:
        by_key.setdefault(key, []).append(copy_id)
    return sorted({i for ids in by_key.values() if len(ids) <= MAX_CANDIDATES_PER_KEY for i in ids})


def _candidate_parameters(
    copy: CopyIdentity, print_: Fingerprint, ids: list[int]
) -> dict[str, Any]:
    return {
        "ids": ids,
        "source_id": copy.source_id,
        "live": CopyStatus.LIVE.value,
        "published": OfferStatus.PUBLISHED.value,
        "departement": print_.departement,
        "contract": print_.contract,
    }


def find_duplicate(
    session: Session, copy: CopyIdentity, print_: Fingerprint
) -> tuple[models.Offer, Match] | None:
    """The live offer of another source that this copy duplicates, with why; None if none."""
    keys = key_hashes(print_.probe_keys())
    if not keys:
        return None
    _flush_copies(session)
    connection = session.connection()
    ids = _uncrowded_copies(connection, keys)
    if not ids:
        return None
    candidates = connection.execute(_CANDIDATES, _candidate_parameters(copy, print_, ids)).all()
    refused = _distinct_pairs(session, copy.id) if copy.id else set()
    offers = {
        candidate_id: offer_id
        for candidate_id, offer_id, company in candidates
        if candidate_id not in refused
        and offer_id != copy.offer_id
        and companies_compatible(print_.company, company)
        and not _offer_refuses(session, offer_id, refused)
    }
    if not offers:
        return None
    best: tuple[int, Match] | None = None
    # Candidates without a document of their own read it from their offer's row: one
    # fingerprint an offer, made once (a fingerprint costs milliseconds, and the copies of a
    # crowded key can be many copies of few offers).
    row_prints: dict[int, Fingerprint] = {}
    # The candidates' rows in one query, not one a candidate.
    with session.no_autoflush:
        rows = session.scalars(
            select(models.OfferSource).where(models.OfferSource.id.in_(sorted(offers)))
        )
        by_id = {row.id: row for row in rows}
    for candidate_id in sorted(offers):
        candidate = by_id[candidate_id]
        if candidate.document is None:
            if candidate.offer_id not in row_prints:
                row_prints[candidate.offer_id] = fingerprint(copy_offer(session, candidate))
            candidate_print = row_prints[candidate.offer_id]
        else:
            candidate_print = fingerprint(copy_offer(session, candidate))
        found = match(print_, candidate_print)
        if found is not None and (best is None or found.score > best[1].score):
            best = (offers[candidate_id], found)
    if best is None:
        return None
    return session.get_one(models.Offer, best[0]), best[1]


def explain_lookup(session: Session, source_id: int, print_: Fingerprint) -> list[str]:
    """The plan of dedup's candidate lookup for a new copy of `source_id` with this fingerprint,
    as PostgreSQL ran it (EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN), one line a row."""
    connection = session.connection()
    ids = _uncrowded_copies(connection, key_hashes(print_.probe_keys()))
    prefix = "EXPLAIN QUERY PLAN " if connection.dialect.name == "sqlite" else "EXPLAIN ANALYZE "
    statement = text(prefix + _CANDIDATES.element.text).bindparams(
        bindparam("ids", expanding=True),
        bindparam("departement", type_=String()),
        bindparam("contract", type_=String()),
    )
    parameters = _candidate_parameters(_NewCopy(source_id), print_, ids or [0])
    return [
        " ".join(str(value) for value in row) for row in connection.execute(statement, parameters)
    ]


def _offer_refuses(session: Session, offer_id: int, refused: set[int]) -> bool:
    """Whether any copy of the offer was split from the copy being matched."""
    if not refused:
        return False
    ids = set(
        session.scalars(
            select(models.OfferSource.id).where(models.OfferSource.offer_id == offer_id)
        )
    )
    return bool(ids & refused)


def _copies(session: Session, offer_id: int) -> list[models.OfferSource]:
    return list(
        session.scalars(
            select(models.OfferSource)
            .where(models.OfferSource.offer_id == offer_id)
            .order_by(models.OfferSource.id)
        )
    )


def _status_of(copies: list[models.OfferSource]) -> OfferStatus:
    statuses = {c.status for c in copies}
    if CopyStatus.LIVE.value in statuses:
        return OfferStatus.PUBLISHED
    if statuses == {CopyStatus.EXPIRED.value}:
        return OfferStatus.EXPIRED
    return OfferStatus.WITHDRAWN


def refresh_offer(
    session: Session,
    row: models.Offer,
    *,
    source_id: int | None,
    reason: str | None = None,
) -> bool:
    """Make the offer the best of its copies again; record a version and events for changes.

    Returns whether its content or status changed.
    """
    session.flush()
    copies = _copies(session, row.id)
    if not copies:
        return False
    live = [c for c in copies if c.status == CopyStatus.LIVE.value]
    canonical = min(live or copies, key=lambda c: _rank(session, c))
    values = offer_columns(copy_offer(session, canonical))
    _keep_documents(session, [c for c in copies if c is not canonical], row)
    before = {name: getattr(row, name) for name in values}
    changes = history.changes_between(before, values)
    changes.pop("content_hash", None)
    now = utcnow()
    changed = False
    if changes or row.content_hash != values["content_hash"]:
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = now
        changed = True
        if "other_places" in changes:
            sync_other_places(session, row)
    if (row.source_id, row.external_id) != (canonical.source_id, canonical.external_id):
        row.source_id, row.external_id = canonical.source_id, canonical.external_id
    # The row is the canonical copy's document now: kept once, there.
    canonical.document = None
    if changes:
        history.add_version(session, row, changes, source_id)
    status = _status_of(copies)
    if status.value != row.status:
        row.status, row.status_changed_at = status.value, now
        kind = {
            OfferStatus.PUBLISHED: EventKind.PUBLISHED,
            OfferStatus.EXPIRED: EventKind.EXPIRED,
            OfferStatus.WITHDRAWN: EventKind.WITHDRAWN,
        }[status]
        history.add_event(session, row, kind, reason, source_id)
        changed = True
    elif changes:
        fields = ", ".join(sorted(changes))
        history.add_event(
            session, row, EventKind.UPDATED, reason or f"modifiée : {fields}", source_id
        )
    return changed


def _new_offer(session: Session, source_id: int, offer: Offer, now: datetime) -> models.Offer:
    row = models.Offer(
        source_id=source_id,
        status=OfferStatus.PUBLISHED.value,
        first_seen_at=now,
        updated_at=now,
        status_changed_at=now,
        **offer_columns(offer),
    )
    session.add(row)
    session.flush()
    if row.other_places:
        sync_other_places(session, row)
    history.add_version(session, row, {}, source_id, number=1)
    return row


def _first_seen_on(source_name: str) -> str:
    """The reason of a new offer's "published" event."""
    return f"vue d'abord sur {source_name}"


def _source_name(session: Session, source_id: int) -> str:
    return _source_facts(session, source_id)[0]


def upsert_offer(
    session: Session, source_id: int, offer: Offer, raw_item_id: int | None = None
) -> UpsertResult:
    """Keep the source's copy of the offer, and attach it to the offer it duplicates, if any.

    An unchanged copy writes nothing. The caller holds `lock_for_dedup` for the transaction
    when other loads may run at the same time (the collection's load does).
    """
    copy = copy_of(session, source_id, offer.external_id)
    now = utcnow()
    if copy is None:
        return _add_copy(session, source_id, offer, raw_item_id, now)
    return _upsert_known(session, copy, offer, raw_item_id, now)


@dataclass(frozen=True)
class IncomingCopy:
    """One item of a batch to keep: the normalized offer, its raw item, and the offer as JSON
    when the caller has it already (the normalize step's document), to spare dumping it again."""

    offer: Offer
    raw_item_id: int | None = None
    document: dict[str, Any] | None = None


@dataclass
class _NewOffer:
    """A new copy that duplicates nothing: a new offer, written with the batch's others."""

    position: int
    offer: Offer
    copy: dict[str, Any]
    keys: list[int]  # `key_hash` numbers


def upsert_offers(
    session: Session, source_id: int, items: list[IncomingCopy]
) -> list[UpsertResult]:
    """`upsert_offer` for a batch of the source's items, with the same outcomes, in their order.

    What a first collection mostly brings, new copies that duplicate no offer, is written with
    one multi-row statement per table for the whole batch (offers, copies, their dedup keys,
    places, first versions and "published" events) instead of several flushes an item; the
    source's copies are read in one query. A new copy that duplicates another source's offer,
    and a copy the source had already, go through `upsert_offer`'s steps one by one. The batch's
    own new copies never are dedup candidates for one another (dedup matches copies of other
    sources only), so writing them at the end of the batch changes no match. The caller holds
    `lock_for_dedup` for the transaction. ValueError if an external id comes twice.
    """
    ids = [item.offer.external_id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError("an external id comes twice in the batch")
    known = _copies_by_external_id(session, source_id, ids)
    results: list[UpsertResult | None] = [None] * len(items)
    fresh: list[_NewOffer] = []
    now = utcnow()
    for position, item in enumerate(items):
        offer = item.offer
        copy = known.get(offer.external_id)
        if copy is not None:
            results[position] = _upsert_known(session, copy, offer, item.raw_item_id, now)
            continue
        print_ = fingerprint(offer)
        duplicate = find_duplicate(session, _NewCopy(source_id), print_)
        if duplicate is None:
            keys = key_hashes(print_.keys())
            # The new offer's row is this copy's document (see `copy_offer`): none to make.
            values = _copy_values(source_id, offer, item.raw_item_id, now, print_, document={})
            fresh.append(_NewOffer(position, offer, {**values, "document": None}, keys))
            continue
        values = _copy_values(source_id, offer, item.raw_item_id, now, print_, item.document)
        copy = models.OfferSource(**values)
        results[position] = _join_offer(session, copy, print_, duplicate)
    for new, result in zip(fresh, _insert_new_offers(session, source_id, fresh, now), strict=True):
        results[new.position] = result
    return [result for result in results if result is not None]


def _copies_by_external_id(
    session: Session, source_id: int, external_ids: list[str]
) -> dict[str, models.OfferSource]:
    """The source's copies of these items, by external id, in one query (see `copy_of`)."""
    if not external_ids:
        return {}
    with session.no_autoflush:
        rows = session.scalars(
            select(models.OfferSource).where(
                models.OfferSource.source_id == source_id,
                models.OfferSource.external_id.in_(external_ids),
            )
        )
        return {row.external_id: row for row in rows}


def _upsert_known(
    session: Session,
    copy: models.OfferSource,
    offer: Offer,
    raw_item_id: int | None,
    now: datetime,
) -> UpsertResult:
    """`upsert_offer` for a copy the source already had."""
    if copy.content_hash == offer.content_hash and (
        copy.status == CopyStatus.LIVE.value or _stays_expired(copy, offer, now)
    ):
        return UpsertResult(copy.offer_id, UpsertOutcome.UNCHANGED, copy.id)
    return _update_copy(session, copy, offer, raw_item_id, now)


def _stays_expired(copy: models.OfferSource, offer: Offer, now: datetime) -> bool:
    """Whether an expired copy collected again stays expired: its deadline has still passed
    (`store.expiry.expire_arrived_past_deadline` expired it as it arrived, or the hourly step
    since)."""
    return (
        copy.status == CopyStatus.EXPIRED.value
        and offer.valid_through is not None
        and offer.valid_through < now
    )


_OFFERS = models.Offer.__table__


def _insert_new_offers(
    session: Session, source_id: int, fresh: list[_NewOffer], now: datetime
) -> list[UpsertResult]:
    """Write the new offers of a batch and everything that comes with each, one statement a
    table: what `_new_offer` and `_add_copy` write for one, for all of them."""
    if not fresh:
        return []
    connection = session.connection()
    published = OfferStatus.PUBLISHED.value
    offer_rows = [
        {
            "source_id": source_id,
            "status": published,
            "first_seen_at": now,
            "updated_at": now,
            "status_changed_at": now,
            **offer_columns(new.offer),
        }
        for new in fresh
    ]
    for row in offer_rows:  # what the ORM writes itself (`models._keep_document`)
        row["ft_document"] = stored_document(row)
    offer_ids = _insert_returning_ids(connection, _OFFERS, offer_rows)
    copy_rows = [
        {**new.copy, "offer_id": offer_id} for new, offer_id in zip(fresh, offer_ids, strict=True)
    ]
    copy_ids = _insert_returning_ids(connection, _COPIES, copy_rows)
    keys = [
        {"offer_source_id": copy_id, "key": key}
        for new, copy_id in zip(fresh, copy_ids, strict=True)
        for key in new.keys
    ]
    if keys:
        connection.execute(insert(models.DedupKey), keys)
    places = [
        values
        for row, offer_id in zip(offer_rows, offer_ids, strict=True)
        for values in place_rows(offer_id, row["other_places"])
    ]
    if places:
        connection.execute(insert(models.OfferPlace), places)
    connection.execute(
        insert(models.OfferVersion),
        [
            {
                "offer_id": offer_id,
                "version": 1,
                "created_at": now,
                "source_id": source_id,
                "content_hash": row["content_hash"],
                "changes": {},
            }
            for row, offer_id in zip(offer_rows, offer_ids, strict=True)
        ],
    )
    reason = _first_seen_on(_source_name(session, source_id))
    connection.execute(
        insert(models.OfferEvent),
        [
            {
                "offer_id": offer_id,
                "created_at": now,
                "kind": EventKind.PUBLISHED.value,
                "status": published,
                "reason": reason,
                "source_id": source_id,
            }
            for offer_id in offer_ids
        ],
    )
    return [
        UpsertResult(offer_id, UpsertOutcome.NEW, copy_id, (offer_id,))
        for offer_id, copy_id in zip(offer_ids, copy_ids, strict=True)
    ]


def _insert_returning_ids(connection: Any, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the rows (of one source, each external id once) in multi-row statements; their
    new ids, in the rows' order. Matched by external id: asking the database to return them in
    order would make SQLite insert one row a statement."""
    statement = insert(table).returning(table.c.id, table.c.external_id)
    ids = {external_id: row_id for row_id, external_id in connection.execute(statement, rows)}
    return [ids[row["external_id"]] for row in rows]


def _copy_values(
    source_id: int,
    offer: Offer,
    raw_item_id: int | None,
    now: datetime,
    print_: Fingerprint,
    document: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The column values of a new copy (all but its offer); `document`: the offer as JSON,
    when the caller has it already."""
    return {
        "source_id": source_id,
        "external_id": offer.external_id,
        "raw_item_id": raw_item_id,
        "content_hash": offer.content_hash,
        "url": str(offer.url) if offer.url else None,
        "first_seen_at": now,
        "last_changed_at": now,
        "status": CopyStatus.LIVE.value,
        "status_changed_at": now,
        "document": document if document is not None else offer.model_dump(mode="json"),
        "valid_through": offer.valid_through,
        **_dedup_columns(print_),
    }


def _add_copy(
    session: Session, source_id: int, offer: Offer, raw_item_id: int | None, now: datetime
) -> UpsertResult:
    print_ = fingerprint(offer)
    copy = models.OfferSource(**_copy_values(source_id, offer, raw_item_id, now, print_))
    duplicate = find_duplicate(session, copy, print_)
    name = _source_name(session, source_id)
    if duplicate is None:
        row = _new_offer(session, source_id, offer, now)
        copy.offer_id = row.id
        copy.document = None  # the new offer's row is its document (see `copy_offer`)
        session.add(copy)
        session.flush()
        _write_keys(session, copy.id, print_, replace=False)
        history.add_event(session, row, EventKind.PUBLISHED, _first_seen_on(name), source_id)
        return UpsertResult(row.id, UpsertOutcome.NEW, copy.id, (row.id,))
    return _join_offer(session, copy, print_, duplicate)


def _join_offer(
    session: Session,
    copy: models.OfferSource,
    print_: Fingerprint,
    duplicate: tuple[models.Offer, Match],
) -> UpsertResult:
    """Attach a new copy to the live offer of another source it duplicates."""
    source_id = copy.source_id
    name = _source_name(session, source_id)
    row, found = duplicate
    copy.offer_id = row.id
    session.add(copy)
    session.flush()
    _write_keys(session, copy.id, print_, replace=False)
    history.add_event(
        session, row, EventKind.MERGED, f"aussi sur {name} (même {_reason_words(found)})", source_id
    )
    if _outranks(session, copy, row):
        refresh_offer(session, row, source_id=source_id)
    return UpsertResult(row.id, UpsertOutcome.MERGED, copy.id, (row.id,))


def _outranks(session: Session, copy: models.OfferSource, row: models.Offer) -> bool:
    """Whether a copy joining a live offer would become its canonical copy."""
    joining = _source_kind(session, copy.source_id) in DIRECT_EMPLOYER_KINDS
    holding = _source_kind(session, row.source_id) in DIRECT_EMPLOYER_KINDS
    if joining != holding:  # the employer's own copy comes first, whatever the rest
        return joining
    canonical = copy_of(session, row.source_id, row.external_id)
    if canonical is None or canonical.offer_id != row.id:
        return True
    return _rank(session, copy) < _rank(session, canonical)


_REASON_WORDS = {
    "apply_url": "lien de candidature",
    "reference": "référence",
    "content": "contenu",
    "near": "intitulé, entreprise, lieu et texte",
}


def _reason_words(found: Match) -> str:
    words = _REASON_WORDS.get(found.reason, found.reason)
    return words if found.reason != "near" else f"{words}, semblables à {found.score:.0%}"


def _update_copy(
    session: Session,
    copy: models.OfferSource,
    offer: Offer,
    raw_item_id: int | None,
    now: datetime,
) -> UpsertResult:
    was_live = copy.status == CopyStatus.LIVE.value
    revived = not was_live and not _stays_expired(copy, offer, now)
    print_ = fingerprint(offer)
    filed = session.scalars(
        select(models.DedupKey.key).where(models.DedupKey.offer_source_id == copy.id)
    )
    keys_changed = set(filed) != set(key_hashes(print_.keys()))
    copy.content_hash = offer.content_hash
    copy.raw_item_id = raw_item_id
    copy.url = str(offer.url) if offer.url else None
    copy.last_changed_at = now
    copy.document = offer.model_dump(mode="json")
    copy.valid_through = offer.valid_through
    if revived:
        copy.status, copy.status_reason, copy.status_changed_at = CopyStatus.LIVE.value, None, now
        copy.unlisted = False
    _set_fingerprint(copy, print_)
    if keys_changed:
        _write_keys(session, copy.id, print_, replace=True)
    row = session.get_one(models.Offer, copy.offer_id)
    name = _source_name(session, copy.source_id)
    affected = [row.id]
    if len(_copies(session, row.id)) == 1:
        # An offer seen on one source only may have become the duplicate of another.
        duplicate = find_duplicate(session, copy, print_)
        if duplicate is not None:
            target, found = duplicate
            _absorb(session, row, target, f"même offre que sur {name} ({_reason_words(found)})")
            refresh_offer(session, target, source_id=copy.source_id)
            return UpsertResult(target.id, UpsertOutcome.MERGED, copy.id, (row.id, target.id))
    reason = f"de nouveau publiée par {name}" if revived else None
    refresh_offer(session, row, source_id=copy.source_id, reason=reason)
    return UpsertResult(row.id, UpsertOutcome.UPDATED, copy.id, tuple(affected))


def _absorb(session: Session, absorbed: models.Offer, target: models.Offer, reason: str) -> None:
    """Move every copy of `absorbed` to `target`; `absorbed` leaves the catalogue as merged."""
    moved = _copies(session, absorbed.id)
    _keep_documents(session, moved, absorbed)
    for copy in moved:
        copy.offer_id = target.id
    now = utcnow()
    absorbed.status, absorbed.status_changed_at = OfferStatus.MERGED.value, now
    absorbed.merged_into_id = target.id
    target.first_seen_at = min(target.first_seen_at, absorbed.first_seen_at)
    history.add_event(
        session, absorbed, EventKind.MERGED, f"{reason} : c'est maintenant l'offre {target.id}"
    )
    history.add_event(session, target, EventKind.MERGED, f"{reason} : était l'offre {absorbed.id}")


def set_copy_status(
    session: Session,
    copy: models.OfferSource,
    status: CopyStatus,
    reason: str,
    *,
    unlisted: bool = False,
) -> bool:
    """Change whether a source lists its copy; the offer follows. Returns whether it changed.

    `unlisted`: the copy is withdrawn because its source no longer lists it, so that a fetch
    listing it again brings it back (`store.expiry.reconcile`).
    """
    if copy.status == status.value:
        return False
    copy.status, copy.status_reason, copy.status_changed_at = status.value, reason, utcnow()
    copy.unlisted = unlisted and status is CopyStatus.WITHDRAWN
    row = session.get_one(models.Offer, copy.offer_id)
    name = _source_name(session, copy.source_id)
    changed = refresh_offer(session, row, source_id=copy.source_id, reason=f"{name} : {reason}")
    if not changed and status is not CopyStatus.LIVE:
        # Still live through another source: say so in the offer's history all the same.
        history.add_event(
            session, row, EventKind.UPDATED, f"plus sur {name} : {reason}", copy.source_id
        )
    return changed


def copy_of(session: Session, source_id: int, external_id: str) -> models.OfferSource | None:
    """The source's copy of the item it knows as `external_id`.

    Without a flush first: a copy is flushed as soon as it is added, and neither its source nor
    its external id ever changes, so what is pending (events, versions) cannot change the answer.
    """
    with session.no_autoflush:
        return session.scalars(
            select(models.OfferSource).where(
                models.OfferSource.source_id == source_id,
                models.OfferSource.external_id == external_id,
            )
        ).one_or_none()


class SplitError(ReadableValueError):
    """The split asked for cannot be done (unknown copy, the offer's only copy…)."""


def split_copy(session: Session, offer_id: int, copy_id: int, reason: str) -> models.Offer:
    """Detach a wrongly merged copy into an offer of its own; never merge them again."""
    row = session.get(models.Offer, offer_id)
    if row is None:
        raise SplitError(f"aucune offre {offer_id}")
    copies = _copies(session, offer_id)
    copy = next((c for c in copies if c.id == copy_id), None)
    if copy is None:
        raise SplitError(f"l'offre {offer_id} n'a pas de copie {copy_id}")
    if len(copies) == 1:
        raise SplitError(
            f"la copie {copy_id} est la seule copie de l'offre {offer_id} : rien à séparer"
        )
    for other in copies:
        if other.id != copy.id:
            first, second = sorted((other.id, copy.id))
            session.add(
                models.DedupDecision(
                    first_copy_id=first, second_copy_id=second, decision="distinct", reason=reason
                )
            )
    now = utcnow()
    offer = copy_offer(session, copy)
    new = _new_offer(session, copy.source_id, offer, now)
    new.first_seen_at = copy.first_seen_at
    copy.offer_id = new.id
    name = _source_name(session, copy.source_id)
    history.add_event(
        session, new, EventKind.SPLIT, f"séparée de l'offre {row.id} : {reason}", copy.source_id
    )
    history.add_event(
        session, row, EventKind.SPLIT, f"la copie de {name} est l'offre {new.id} : {reason}", None
    )
    refresh_offer(session, new, source_id=copy.source_id)
    refresh_offer(session, row, source_id=None)
    return new


@dataclass(frozen=True)
class CopyView:
    """One source's copy of an offer, as pages and the CLI show it ("also on …")."""

    id: int
    source: str
    external_id: str
    status: str
    status_reason: str | None
    url: str | None
    attribution: str
    first_seen_at: datetime
    canonical: bool


def copies_of(session: Session, offer_id: int) -> list[CopyView]:
    """The copies of an offer, the canonical one first."""
    row = session.get_one(models.Offer, offer_id)
    views = []
    for copy in _copies(session, offer_id):
        views.append(
            CopyView(
                id=copy.id,
                source=_source_name(session, copy.source_id),
                external_id=copy.external_id,
                status=copy.status,
                status_reason=french_reason(copy.status_reason),
                url=copy.url,
                attribution=(
                    row.attribution if copy.document is None else copy.document.get("attribution")
                )
                or _source_name(session, copy.source_id),
                first_seen_at=copy.first_seen_at,
                canonical=(copy.source_id, copy.external_id) == (row.source_id, row.external_id),
            )
        )
    return sorted(views, key=lambda v: (not v.canonical, v.id))


def backfill(session: Session) -> int:
    """File again the copies that have no dedup key (kept before dedup, or before its keys
    last changed): their keys and the columns the lookup filters on, from their document."""
    done = 0
    unfiled = (
        ~select(models.DedupKey.id)
        .where(models.DedupKey.offer_source_id == models.OfferSource.id)
        .exists()
    )
    for copy in session.scalars(select(models.OfferSource).where(unfiled)).all():
        offer = copy_offer(session, copy)
        print_ = fingerprint(offer)
        copy.valid_through = offer.valid_through
        _set_fingerprint(copy, print_)
        _write_keys(session, copy.id, print_, replace=True)
        done += 1
    return done


def live_copies(session: Session, source_id: int) -> Iterable[models.OfferSource]:
    """The copies the source lists today."""
    return session.scalars(
        select(models.OfferSource).where(
            models.OfferSource.source_id == source_id,
            models.OfferSource.status == CopyStatus.LIVE.value,
        )
    )
