"""Crawl runs and raw items: what each collection fetched, kept verbatim with its hash."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from store import models
from store.models import utcnow

BATCH = 500
BATCH_SIZE_VARIABLE = "RELAIS_BATCH_SIZE"


def batch_size() -> int:
    """Items normalized or loaded per transaction: `RELAIS_BATCH_SIZE`, else 500."""
    return max(1, int(os.environ.get(BATCH_SIZE_VARIABLE) or BATCH))


class FetchedRecord(Protocol):
    """One item as the crawl fetched it (see `spiders.runner`)."""

    @property
    def external_id(self) -> str: ...
    @property
    def payload(self) -> str: ...
    @property
    def content_type(self) -> str: ...
    @property
    def error(self) -> str | None: ...
    @property
    def fetch_url(self) -> str: ...
    @property
    def fetched_at(self) -> datetime: ...


def payload_hash(payload: str, error: str | None = None) -> str:
    """SHA-256 of a verbatim payload (and of its read error, which changes what it becomes)."""
    digest = hashlib.sha256(payload.encode("utf-8", "surrogatepass"))
    if error:
        digest.update(b"\0error\0" + error.encode())
    return digest.hexdigest()


@dataclass
class RawItemCounts:
    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates: int = 0


@dataclass(frozen=True)
class RunOwner:
    """The process that crawls and stores a run: its host, its pid, and when it started (which
    tells a pid reused by a later process apart)."""

    host: str
    pid: int
    started_at: datetime


def start_run(
    session: Session, source: models.Source, owner: RunOwner | None = None
) -> models.CrawlRun:
    """Open a crawl run for the source, owned by `owner` while it is "running"."""
    run = models.CrawlRun(source_id=source.id, url=source.url, status="running")
    if owner is not None:
        run.owner_host, run.owner_pid = owner.host, owner.pid
        run.owner_started_at = owner.started_at
    session.add(run)
    session.flush()
    return run


def owner_of(run: models.CrawlRun) -> RunOwner | None:
    """The process recorded as the run's owner, if one was (runs older than owners have none)."""
    if run.owner_host is None or run.owner_pid is None or run.owner_started_at is None:
        return None
    return RunOwner(run.owner_host, run.owner_pid, run.owner_started_at)


def running_runs(session: Session, source_id: int | None = None) -> list[models.CrawlRun]:
    """Runs still marked "running", of one source or of all, oldest first."""
    query = select(models.CrawlRun).where(models.CrawlRun.status == "running")
    if source_id is not None:
        query = query.where(models.CrawlRun.source_id == source_id)
    return list(session.scalars(query.order_by(models.CrawlRun.id)))


def abandon_run(run: models.CrawlRun) -> None:
    """Close a run whose process is gone as failed, saying so in French; the counters it had
    stored are kept, nothing it changed is undone (each step commits whole batches)."""
    owner = owner_of(run)
    who = f"le processus {owner.pid} sur {owner.host}" if owner else "son processus"
    run.status = "failed"
    run.error = (
        f"collecte interrompue : {who} s'est arrêté avant de la terminer "
        "(tué, ou machine redémarrée) ; la suivante reprend ce qui restait"
    )
    run.error_kind = "transient"
    run.complete = False
    run.finished_at = utcnow()


def store_raw_items(
    session: Session, run: models.CrawlRun, records: Iterable[FetchedRecord]
) -> RawItemCounts:
    """Upsert the fetched items by (source, external id); an unchanged hash writes nothing.

    New and changed items are marked pending for normalization; every item listed, changed or
    not, is marked as seen by the run. An id seen twice in one fetch keeps its first occurrence.
    An item another collection stored meanwhile is updated, not inserted twice (`ON CONFLICT`).
    """
    known = {
        external_id: digest
        for external_id, digest in session.execute(
            select(models.RawItem.external_id, models.RawItem.content_hash).where(
                models.RawItem.source_id == run.source_id
            )
        )
    }
    counts = RawItemCounts()
    seen: set[str] = set()
    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    payloads: dict[str, str] = {}
    unchanged: list[str] = []
    for record in records:
        if record.external_id in seen:
            counts.duplicates += 1
            continue
        seen.add(record.external_id)
        counts.seen += 1
        digest = payload_hash(record.payload, record.error)
        previous = known.get(record.external_id)
        if previous == digest:
            counts.unchanged += 1
            unchanged.append(record.external_id)
            if len(unchanged) >= BATCH:
                _mark_seen(session, run, unchanged)
                unchanged.clear()
            continue
        values = {
            "content_hash": digest,
            "content_type": record.content_type,
            "error": record.error,
            "fetch_url": record.fetch_url,
            "fetched_at": record.fetched_at,
            "crawl_run_id": run.id,
            "state": "pending",
            "normalized": None,
            "last_seen_run_id": run.id,
        }
        payloads[record.external_id] = record.payload
        if previous is None:
            counts.new += 1
            inserts.append(
                {"source_id": run.source_id, "external_id": record.external_id, **values}
            )
        else:
            counts.changed += 1
            updates.append({"b_external_id": record.external_id, **values})
        if len(payloads) >= BATCH:
            _write_items(session, run.source_id, inserts, updates, payloads)
    _write_items(session, run.source_id, inserts, updates, payloads)
    if unchanged:
        _mark_seen(session, run, unchanged)
    return counts


def _write_items(
    session: Session,
    source_id: int,
    inserts: list[dict[str, object]],
    updates: list[dict[str, object]],
    payloads: dict[str, str],
) -> None:
    """Write the new and changed items gathered so far, then their payloads; empty the lists."""
    if inserts:
        _insert_raw_items(session, inserts)
    if updates:
        _update_raw_items(session, source_id, updates)
    if payloads:
        _write_payloads(session, source_id, payloads)
    inserts.clear()
    updates.clear()
    payloads.clear()


def _write_payloads(session: Session, source_id: int, payloads: dict[str, str]) -> None:
    """Write the payloads of new or changed items (by external id; their rows written already):
    one `raw_payloads` row an item, replaced when the item changed."""
    ids = session.execute(
        select(models.RawItem.external_id, models.RawItem.id).where(
            models.RawItem.source_id == source_id,
            models.RawItem.external_id.in_(list(payloads)),
        )
    ).all()
    statement: postgresql.Insert | sqlite.Insert
    if session.get_bind().dialect.name == "postgresql":
        statement = postgresql.insert(models.RawPayload)
    else:
        statement = sqlite.insert(models.RawPayload)
    upsert = statement.on_conflict_do_update(
        index_elements=["raw_item_id"], set_={"payload": statement.excluded.payload}
    )
    session.execute(
        upsert, [{"raw_item_id": row_id, "payload": payloads[name]} for name, row_id in ids]
    )


def _insert_raw_items(session: Session, rows: list[dict[str, object]]) -> None:
    """Insert new items; one stored meanwhile under the same (source, external id) takes this
    fetch's values instead of failing the whole store on the unique constraint."""
    statement: postgresql.Insert | sqlite.Insert
    if session.get_bind().dialect.name == "postgresql":
        statement = postgresql.insert(models.RawItem)
    else:
        statement = sqlite.insert(models.RawItem)
    keys = set(rows[0]) - {"source_id", "external_id"}
    replaced = {key: statement.excluded[key] for key in sorted(keys)}
    upsert = statement.on_conflict_do_update(
        index_elements=["source_id", "external_id"], set_=replaced
    )
    session.execute(upsert, rows)


def _mark_seen(session: Session, run: models.CrawlRun, external_ids: list[str]) -> None:
    """Note that this run's fetch still lists these unchanged items."""
    session.execute(
        update(models.RawItem)
        .where(
            models.RawItem.source_id == run.source_id,
            models.RawItem.external_id.in_(external_ids),
        )
        .values(last_seen_run_id=run.id)
    )


def _update_raw_items(session: Session, source_id: int, rows: list[dict[str, object]]) -> None:
    statement = (
        update(models.RawItem.__table__)  # type: ignore[arg-type]
        .where(
            models.RawItem.source_id == source_id,
            models.RawItem.external_id == bindparam("b_external_id"),
        )
        .values({key: bindparam(key) for key in rows[0] if key != "b_external_id"})
    )
    session.connection().execute(statement, rows)


def pending_items(
    session: Session, source_id: int, state: str, *, payload: bool = True
) -> Iterator[list[models.RawItem]]:
    """Batches of the source's raw items in `state`, by id; each batch may be committed in turn.
    `payload=True` reads the batch's payloads with it (one more query a batch); `payload=False`
    leaves them unread (read on access), for steps that do not need them.
    """
    size = batch_size()
    last_id = 0
    query = select(models.RawItem)
    if payload:
        query = query.options(selectinload(models.RawItem.stored_payload))
    while True:
        batch = list(
            session.scalars(
                query.where(
                    models.RawItem.source_id == source_id,
                    models.RawItem.state == state,
                    models.RawItem.id > last_id,
                )
                .order_by(models.RawItem.id)
                .limit(size)
            )
        )
        if not batch:
            return
        last_id = batch[-1].id
        yield batch


def mark_loaded(session: Session, raw_item_ids: list[int]) -> None:
    """The items are offers now: mark them "loaded" and drop their normalized document, in one
    statement (the items loaded in this session see it too)."""
    if not raw_item_ids:
        return
    session.execute(
        update(models.RawItem)
        .where(models.RawItem.id.in_(raw_item_ids))
        .values(state="loaded", normalized=None)
        .execution_options(synchronize_session="evaluate")
    )


def finish_run(run: models.CrawlRun, status: str, *, complete: bool) -> None:
    """Close a run with its final status."""
    run.status = status
    run.complete = complete
    run.finished_at = utcnow()


def latest_runs(session: Session, source_id: int, limit: int = 10) -> list[models.CrawlRun]:
    """The source's most recent runs, newest first."""
    return list(
        session.scalars(
            select(models.CrawlRun)
            .where(models.CrawlRun.source_id == source_id)
            .order_by(models.CrawlRun.started_at.desc(), models.CrawlRun.id.desc())
            .limit(limit)
        )
    )
