"""The collection steps: crawl a source, normalize what it fetched, load the offers.

The `collect_offers` DAG maps these over due sources; `relais collect` calls them in turn.
Each step takes ids, reads and writes the store, and can run again after a crash.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy.orm import Session

from normalizers.offer import Normalized, RunNotes, SourceContext, normalize_noted
from pipeline.autopause import pause_if_failing
from pipeline.faults import fault_message
from pipeline.logcontext import bind as bind_log_fields
from pipeline.logcontext import in_crawl_context, in_run_context
from pipeline.politeness import one_crawl_per_host
from pipeline.recovery import (
    close_abandoned_runs,
    crawl_workdir,
    current_owner,
    remove_abandoned_workdirs,
)
from pipeline.route import Router, route_offers
from schemas.offers import Offer
from schemas.rejections import Rejection, RejectionReason
from schemas.sources import SourceDefaults
from schemas.validation_fr import french_reason_of
from spiders.extractors import FeedError, ItemError, extractor_for
from spiders.report import CrawlReport
from spiders.runner import run_crawl
from store import expiry, models, quarantine
from store import runs as run_store
from store import sources as source_store
from store.copies import IncomingCopy, UpsertOutcome, lock_for_dedup, upsert_offers
from store.db import session_scope, var_dir
from store.locks import SourceBusy, source_lock
from store.models import utcnow

log = logging.getLogger(__name__)

CRAWL_TIMEOUT_VARIABLE = "RELAIS_CRAWL_TIMEOUT"


@dataclass(frozen=True)
class SourceRef:
    """What travels between tasks: a source's id and name, never its data."""

    source_id: int
    name: str


@dataclass(frozen=True)
class CrawlOutcome:
    """How one crawl ended."""

    run_id: int
    source: str
    status: str  # "ok", "not_modified", "failed", or "skipped" (another collect was running)
    error: str | None = None
    error_kind: str | None = None  # "transient" (worth retrying) or "permanent"
    http_status: int | None = None
    items_new: int = 0
    items_changed: int = 0
    items_unchanged: int = 0

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass(frozen=True)
class NormalizeOutcome:
    run_id: int
    source: str
    normalized: int
    rejected: int


@dataclass(frozen=True)
class LoadOutcome:
    run_id: int
    source: str
    new: int
    updated: int
    unchanged: int
    merged: int = 0  # new copies of offers already known from another source
    withdrawn: int = 0  # no longer listed by a complete fetch
    held: int = 0  # withdrawals held by the mass-deletion guard
    relisted: int = 0  # withdrawn, then listed again unchanged: live again


@dataclass
class CollectResult:
    """One source's whole collection, as `relais collect` reports it."""

    source: str
    crawl: CrawlOutcome
    normalize: NormalizeOutcome | None = None
    load: LoadOutcome | None = None
    errors: list[str] = field(default_factory=list)
    paused: str | None = None  # why the source is paused, when its failures paused it

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def due_sources() -> list[SourceRef]:
    """Sources whose collection is due now, not paused."""
    with session_scope() as session:
        return [SourceRef(s.id, s.name) for s in source_store.due_sources(session)]


def source_ref(name: str) -> SourceRef:
    """The reference of the source of that name (SourceNotFound otherwise)."""
    with session_scope() as session:
        source = source_store.get_source(session, name)
        return SourceRef(source.id, source.name)


@dataclass(frozen=True)
class CollectionSummary:
    """What one collection of several sources added, and which sources it could not collect."""

    # source name -> (new offers, updated offers (those listed again included), withdrawn offers)
    changed: dict[str, tuple[int, int, int]]
    failed: dict[str, str]  # source name -> why, in an operator's words


def summarize(source_ids: list[int], since: datetime) -> CollectionSummary:
    """Sum up the latest crawl run of each source started, or finished, at or after `since`.

    A source skipped because another collect held it counts that other collect's run once it
    has finished, and neither as changed nor as failed while it is still running.
    """
    changed: dict[str, tuple[int, int, int]] = {}
    failed: dict[str, str] = {}
    with session_scope() as session:
        for source_id in source_ids:
            source = session.get_one(models.Source, source_id)
            latest = run_store.latest_runs(session, source_id, 1)
            run = latest[0] if latest else None
            # A run this collection did not start, still going or finished since it started.
            concurrent = (
                run is not None
                and run.started_at < since
                and (run.finished_at is None or run.finished_at >= since)
            )
            if run is None or (run.started_at < since and not concurrent):
                failed[source.name] = "not crawled"
            elif concurrent and run.status != "failed" and run.loaded_at is None:
                continue  # another collect of the source is under way and reports it
            elif run.status == "failed":
                failed[source.name] = run.error or "crawl failed"
            elif run.loaded_at is None:
                failed[source.name] = "crawled but not loaded: see its normalize and load tasks"
            elif run.offers_new or run.offers_updated or run.offers_withdrawn:
                changed[source.name] = (run.offers_new, run.offers_updated, run.offers_withdrawn)
    return CollectionSummary(changed=changed, failed=failed)


def _crawl_timeout() -> float:
    return float(os.environ.get(CRAWL_TIMEOUT_VARIABLE, "600"))


def http_cache_dir(source_id: int) -> Path:
    """Where a source's pages are kept between crawls, for conditional GETs page by page."""
    return var_dir() / "http-cache" / f"source-{source_id}"


@in_crawl_context
def crawl_source(source_id: int) -> CrawlOutcome:
    """Fetch a source in its own Scrapy process and keep every new or changed item verbatim.

    A failed fetch (network, HTTP error, malformed document) is recorded in the crawl run and
    changes nothing else: items of an incomplete fetch are discarded, stored offers stay.
    One collection of a source at a time (`store.locks`): when another one holds the source
    for longer than `RELAIS_SOURCE_LOCK_WAIT`, this one is "skipped" and records no run. Runs
    and work folders left by a killed collection are closed and removed first
    (`pipeline.recovery`). A crash or an interruption closes the run as failed.
    """
    try:
        with source_lock(source_id):
            return _crawl_locked(source_id)
    except SourceBusy as busy:
        return _skipped(source_id, busy)


def _skipped(source_id: int, busy: SourceBusy) -> CrawlOutcome:
    with session_scope() as session:
        name = session.get_one(models.Source, source_id).name
    log.warning("crawl %s : %s", name, busy)
    return CrawlOutcome(run_id=0, source=name, status="skipped", error=str(busy))


@one_crawl_per_host  # then its host's slot, cluster-wide (pipeline.politeness)
def _crawl_locked(source_id: int) -> CrawlOutcome:
    owner = current_owner()
    with session_scope() as session:
        for abandoned in close_abandoned_runs(session, source_id):
            log.warning("run %d: %s", abandoned.id, abandoned.error)
        source = session.get_one(models.Source, source_id)
        run = run_store.start_run(session, source, owner)
        kind, url, etag, last_modified = source.kind, source.url, source.etag, source.last_modified
        source_settings = dict(source.settings or {})
        run_id, name = run.id, source.name
    bind_log_fields(source=name, run=run_id)
    remove_abandoned_workdirs()
    log.info("crawl %s: fetching %s (%s)", name, url, kind)
    try:
        report, counts = _fetch_and_store(
            source_id, run_id, owner, kind, url, etag, last_modified, source_settings
        )
    except BaseException as error:
        _close_interrupted_run(run_id, error)
        raise
    for note in report.notes:
        log.warning("crawl %s: %s", name, note)

    outcome = CrawlOutcome(
        run_id=run_id,
        source=name,
        status=report.status,
        error=report.error,
        error_kind=report.error_kind,
        http_status=report.http_status,
        items_new=counts.new,
        items_changed=counts.changed,
        items_unchanged=counts.unchanged,
    )
    if outcome.failed:
        log.error("crawl %s failed (%s): %s", name, report.error_kind, report.error)
    else:
        log.info(
            "crawl %s: %s, %d new, %d changed, %d unchanged items%s",
            name,
            report.status,
            counts.new,
            counts.changed,
            counts.unchanged,
            f", {counts.duplicates} repeated ids ignored" if counts.duplicates else "",
        )
    return outcome


def _fetch_and_store(
    source_id: int,
    run_id: int,
    owner: run_store.RunOwner,
    kind: str,
    url: str,
    etag: str | None,
    last_modified: str | None,
    source_settings: dict[str, object],
) -> tuple[CrawlReport, run_store.RawItemCounts]:
    with crawl_workdir(run_id, owner) as workdir:
        result = run_crawl(
            kind,
            url,
            workdir=workdir,
            etag=etag,
            last_modified=last_modified,
            timeout=_crawl_timeout(),
            source_settings=source_settings,
            cache_dir=http_cache_dir(source_id),
        )
        report = result.report
        with session_scope() as session:
            source = session.get_one(models.Source, source_id)
            run = session.get_one(models.CrawlRun, run_id)
            run.http_status = report.http_status
            run.bytes_received = report.bytes_received
            run.error = report.error
            run.error_kind = report.error_kind
            run.notes = list(report.notes)
            counts = run_store.RawItemCounts()
            if report.status == "ok":
                counts = run_store.store_raw_items(session, run, result.iter_records())
                source.etag, source.last_modified = report.etag, report.last_modified
            elif report.status == "not_modified":
                source.etag = report.etag or source.etag
                source.last_modified = report.last_modified or source.last_modified
            run.items_seen = counts.seen
            run.items_new, run.items_changed = counts.new, counts.changed
            run.items_unchanged = counts.unchanged
            run_store.finish_run(run, report.status, complete=report.complete)
            source_store.schedule_next(source, run.started_at)
    return report, counts


def _close_interrupted_run(run_id: int, error: BaseException) -> None:
    """Close as failed a run whose crawl or store raised (its transaction was rolled back)."""
    try:
        with session_scope() as session:
            run = session.get_one(models.CrawlRun, run_id)
            if run.status == "running":
                run_store.finish_run(run, "failed", complete=False)
                run.error = f"collecte interrompue : {fault_message(error)}"[:2000]
                run.error_kind = "transient"
    except Exception:  # noqa: BLE001 - the original error matters more; the next start closes it
        log.exception("run %d could not be closed as failed", run_id)


def source_context(source: models.Source, base_url: str | None = None) -> SourceContext:
    """What the normalizers need to know of the source an item came from."""
    host = urlsplit(source.url).hostname or source.url
    owner = source.organization.name if source.organization else None
    return SourceContext(
        source=source.name,
        attribution=f"{owner} · {host}" if owner else host,
        defaults=SourceDefaults.model_validate(source.defaults or {}),
        base_url=base_url or source.url,
        fetched_at=None,
    )


def read_raw_item(source: models.Source, raw: models.RawItem) -> Offer | Rejection:
    """Turn one stored payload into an offer, or a rejection that says why not."""
    return read_raw_item_noted(source, raw).result


def read_raw_item_noted(source: models.Source, raw: models.RawItem) -> Normalized:
    """Turn one stored payload into an offer, or a rejection that says why not, with what the
    normalizer noted of it (`normalizers.offer.Normalized`)."""
    if raw.error:
        return Normalized(
            Rejection(
                source=source.name,
                external_id=raw.external_id,
                reasons=[RejectionReason(field="item", code="unreadable", message=raw.error)],
            )
        )
    try:
        # What an intake receives is France Travail v2 JSON, read like the FT API's offers.
        kind = "francetravail" if source.kind == source_store.INTAKE_KIND else source.kind
        extractor = extractor_for(kind, settings=source.settings or {})
        item = extractor.read(raw.payload, raw.fetch_url)
    except (ItemError, FeedError, ValidationError) as error:
        return Normalized(
            Rejection(
                source=source.name,
                external_id=raw.external_id,
                reasons=[
                    RejectionReason(
                        field="item", code="unreadable", message=french_reason_of(error)[:500]
                    )
                ],
            )
        )
    context = replace(source_context(source, raw.fetch_url), fetched_at=raw.fetched_at)
    return normalize_noted(item, context)


def _source_of_run(run_id: int) -> int:
    with session_scope() as session:
        return session.get_one(models.CrawlRun, run_id).source_id


def _normalize_batch(
    session: Session, source: models.Source, batch: list[models.RawItem], noted: RunNotes
) -> tuple[list[tuple[models.RawItem, Offer]], int]:
    """Normalize a batch of pending raw items: the offers they make, with their items, and how
    many were rejected. A rejected item is marked so and goes to quarantine; the rejections of
    the others are resolved, in one statement for the batch."""
    offers: list[tuple[models.RawItem, Offer]] = []
    rejected = 0
    for raw in batch:
        reading = read_raw_item_noted(source, raw)
        noted.add(raw.external_id, reading)
        result = reading.result
        if isinstance(result, Rejection):
            raw.state = "rejected"
            quarantine.quarantine(session, raw, result)
            rejected += 1
            summary = result.summary()
            log.warning("item %s of %s rejected: %s", raw.external_id, source.name, summary)
        else:
            offers.append((raw, result))
    quarantine.release_items(session, [raw.id for raw, _ in offers])
    return offers, rejected


def _add_notes(run: models.CrawlRun, noted: RunNotes) -> None:
    earlier = list(run.notes or [])
    run.notes = earlier + [note for note in noted.notes() if note not in earlier]


@in_run_context
def normalize_run(run_id: int) -> NormalizeOutcome:
    """Normalize every pending raw item of the run's source; rejects go to quarantine.

    Each normalized offer is kept in its raw item (`RawItem.normalized`) for `load_run`, a step
    of its own in the DAG (`relais collect` runs both at once: `normalize_and_load_run`).
    Holds the source's collection lock (SourceBusy after `RELAIS_SOURCE_LOCK_WAIT`); each batch
    commits with the run's count of rejections so far. What the normalizer noted of the items
    (offers kept without a publication date after their collection) is added to the run's
    notes, once for the run (`normalizers.offer.RunNotes`).
    """
    normalized = rejected = 0
    noted = RunNotes()
    with source_lock(_source_of_run(run_id)), session_scope() as session:
        run = session.get_one(models.CrawlRun, run_id)
        source = run.source
        for batch in run_store.pending_items(session, source.id, "pending"):
            offers, batch_rejected = _normalize_batch(session, source, batch, noted)
            for raw, offer in offers:
                raw.state = "normalized"
                raw.normalized = offer.model_dump(mode="json")
            normalized += len(offers)
            run.items_rejected += batch_rejected
            rejected += batch_rejected
            session.commit()
        run.normalized_at = utcnow()
        _add_notes(run, noted)
        name = source.name
    log.info("normalize %s: %d offers, %d rejected", name, normalized, rejected)
    return NormalizeOutcome(run_id, name, normalized, rejected)


def _count_offers(run: models.CrawlRun, counts: Counter[UpsertOutcome]) -> None:
    run.offers_new += counts[UpsertOutcome.NEW]
    run.offers_updated += counts[UpsertOutcome.UPDATED] + counts[UpsertOutcome.MERGED]
    run.offers_unchanged += counts[UpsertOutcome.UNCHANGED]


def _load_batch(
    session: Session,
    run: models.CrawlRun,
    router: Router,
    incoming: list[IncomingCopy],
    raw_item_ids: list[int],
) -> Counter[UpsertOutcome]:
    """Keep a batch of offers of the run's source, route what changed, mark the items loaded
    and count the outcomes in the run; the caller holds `lock_for_dedup` and commits."""
    upserted = upsert_offers(session, run.source_id, incoming)
    batch_counts = Counter(result.outcome for result in upserted)
    # Kept, but never published: an offer whose deadline has passed expires as it comes.
    expired = expiry.expire_arrived_past_deadline(
        session, [result.copy_id for result in upserted], utcnow()
    )
    affected = [i for result in upserted for i in result.affected] + expired
    # In the same transaction as the changes: the outbox never misses one.
    route_offers(session, affected, router)
    run_store.mark_loaded(session, raw_item_ids)
    _count_offers(run, batch_counts)
    return batch_counts


def _load_normalized(
    session: Session, run: models.CrawlRun, router: Router
) -> Counter[UpsertOutcome]:
    """Load the source's items left "normalized" (by `normalize_run`), batch by batch."""
    counts: Counter[UpsertOutcome] = Counter()
    for batch in run_store.pending_items(session, run.source_id, "normalized", payload=False):
        lock_for_dedup(session)
        incoming = [
            IncomingCopy(Offer.model_validate(raw.normalized), raw.id, raw.normalized)
            for raw in batch
        ]
        counts += _load_batch(session, run, router, incoming, [raw.id for raw in batch])
        session.commit()
    return counts


def _finish_load(
    session: Session, run: models.CrawlRun, router: Router, counts: Counter[UpsertOutcome]
) -> LoadOutcome:
    """Withdraw what a complete fetch no longer lists (within the mass-deletion guard), close
    the run's load and say what it did."""
    lock_for_dedup(session)
    reconciled = expiry.reconcile(session, run)
    route_offers(session, reconciled.affected, router)
    # An offer listed again is back in the catalogue: a change, like an update.
    run.offers_updated += reconciled.relisted
    run.loaded_at = utcnow()
    outcome = LoadOutcome(
        run.id,
        run.source.name,
        new=counts[UpsertOutcome.NEW],
        updated=counts[UpsertOutcome.UPDATED],
        unchanged=counts[UpsertOutcome.UNCHANGED],
        merged=counts[UpsertOutcome.MERGED],
        withdrawn=reconciled.withdrawn,
        held=reconciled.held,
        relisted=reconciled.relisted,
    )
    return outcome


def _log_load(outcome: LoadOutcome) -> None:
    log.info(
        "load %s: %d new, %d updated, %d unchanged, %d also on other sources, "
        "%d listed again, %d withdrawn, %d withdrawals held",
        outcome.source,
        outcome.new,
        outcome.updated,
        outcome.unchanged,
        outcome.merged,
        outcome.relisted,
        outcome.withdrawn,
        outcome.held,
    )
    if outcome.held:
        log.warning("load %s: withdrawals held by the mass-deletion guard", outcome.source)


@in_run_context
def load_run(run_id: int) -> LoadOutcome:
    """Keep the normalized items of the run's source as offers, batch by batch, then withdraw
    what a complete fetch no longer lists (within the mass-deletion guard).

    Each batch commits its offers, their republication routing, the items' "loaded" state and
    the run's counts together: a load killed half-way resumes where it stopped, without
    duplicates or losses, and the killed run keeps the counts of what it did. Holds the
    source's collection lock (SourceBusy after `RELAIS_SOURCE_LOCK_WAIT`).
    """
    with source_lock(_source_of_run(run_id)), session_scope() as session:
        run = session.get_one(models.CrawlRun, run_id)
        router = Router(session)
        counts = _load_normalized(session, run, router)
        outcome = _finish_load(session, run, router, counts)
    _log_load(outcome)
    return outcome


@in_run_context
def normalize_and_load_run(run_id: int) -> tuple[NormalizeOutcome, LoadOutcome]:
    """`normalize_run` then `load_run`, batch by batch in one pass: each batch of pending items
    is normalized and loaded in the same transaction, its offers handed from one step to the
    other in memory. The normalized documents are never written to the raw items nor read
    back (PostgreSQL kept each of those rewrites as a dead row version, about 1.3 KB an offer
    of a first collection, and dumping, compressing, reading and validating them again cost
    CPU for nothing). Items left "normalized" by an earlier `normalize_run` are
    loaded after. Same outcomes, counts, notes and crash safety as the two steps (a batch is
    normalized and loaded, or not at all); holds the source's collection lock.
    """
    normalized = rejected = 0
    noted = RunNotes()
    counts: Counter[UpsertOutcome] = Counter()
    with source_lock(_source_of_run(run_id)), session_scope() as session:
        run = session.get_one(models.CrawlRun, run_id)
        source = run.source
        router = Router(session)
        for batch in run_store.pending_items(session, source.id, "pending"):
            offers, batch_rejected = _normalize_batch(session, source, batch, noted)
            if offers:
                lock_for_dedup(session)
                incoming = [IncomingCopy(offer, raw.id) for raw, offer in offers]
                counts += _load_batch(session, run, router, incoming, [r.id for r, _ in offers])
            normalized += len(offers)
            run.items_rejected += batch_rejected
            rejected += batch_rejected
            session.commit()
        run.normalized_at = utcnow()
        _add_notes(run, noted)
        counts += _load_normalized(session, run, router)
        name = source.name
        load = _finish_load(session, run, router, counts)
    log.info("normalize %s: %d offers, %d rejected", name, normalized, rejected)
    _log_load(load)
    return NormalizeOutcome(run_id, name, normalized, rejected), load


def collect_source(ref: SourceRef) -> CollectResult:
    """Crawl, normalize and load one source, the way one mapped branch of the DAG does: a source
    whose latest crawls all failed is paused (`pipeline.autopause`). The three steps hold the
    source's collection lock together; when another collection keeps it longer than
    `RELAIS_SOURCE_LOCK_WAIT`, the result is "skipped", saying why."""
    try:
        with source_lock(ref.source_id):
            return _collect_locked(ref)
    except SourceBusy as busy:
        return CollectResult(source=ref.name, crawl=_skipped(ref.source_id, busy))


def _collect_locked(ref: SourceRef) -> CollectResult:
    crawl = crawl_source(ref.source_id)
    result = CollectResult(source=ref.name, crawl=crawl)
    if crawl.failed:
        result.errors.append(crawl.error or "collecte échouée")
        result.paused = pause_if_failing(ref.source_id)
        return result
    result.normalize, result.load = normalize_and_load_run(crawl.run_id)
    return result


def collect(source_name: str | None = None) -> list[CollectResult]:
    """Collect the named source now, or every due source; one failing source stops no other."""
    refs = [source_ref(source_name)] if source_name else due_sources()
    results = []
    for ref in refs:
        try:
            results.append(collect_source(ref))
        except Exception as error:  # noqa: BLE001 - one source's crash must not stop the others
            log.error("collect %s crashed", ref.name)  # its traceback: fault_message
            message = fault_message(error)
            failed = CrawlOutcome(run_id=0, source=ref.name, status="failed", error=message)
            results.append(CollectResult(source=ref.name, crawl=failed, errors=[message]))
    return results
