"""Quarantine replay: read rejected items again with the current code and source settings.

After a fix (a normalizer, a source's defaults, a selector), the stored payloads of open
rejections are read again by `pipeline.collect.read_raw_item`; those that now make an offer
leave quarantine and are loaded by `pipeline.collect.load_run`, the others keep their (new)
reasons.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import select

from pipeline.collect import LoadOutcome, load_run, read_raw_item
from pipeline.logcontext import bind as bind_log_fields
from pipeline.logcontext import log_context
from schemas.rejections import Rejection
from store import models, quarantine
from store import sources as source_store
from store.db import session_scope

log = logging.getLogger(__name__)


@dataclass
class ReplayOutcome:
    """What replaying one source's quarantine did."""

    source: str
    replayed: int = 0
    released: int = 0
    still_rejected: list[str] = field(default_factory=list)  # external ids
    load: LoadOutcome | None = None


def _open_rejections(
    source_name: str | None, rejection_ids: list[int] | None
) -> list[tuple[int, int]]:
    """(rejection id, source id) of the open rejections asked for."""
    with session_scope() as session:
        query = select(models.Rejection.id, models.Rejection.source_id).where(
            models.Rejection.resolved_at.is_(None)
        )
        if source_name:
            query = query.where(
                models.Rejection.source_id == source_store.get_source(session, source_name).id
            )
        if rejection_ids:
            query = query.where(models.Rejection.id.in_(rejection_ids))
        return [(row.id, row.source_id) for row in session.execute(query.order_by("id"))]


def replay(
    source_name: str | None = None, rejection_ids: list[int] | None = None
) -> list[ReplayOutcome]:
    """Replay the open rejections of one source, or the given ones, or all; per source, what
    left quarantine and what stays."""
    by_source: dict[int, list[int]] = {}
    for rejection_id, source_id in _open_rejections(source_name, rejection_ids):
        by_source.setdefault(source_id, []).append(rejection_id)
    outcomes = []
    for source_id, ids in by_source.items():
        with log_context():
            outcomes.append(_replay_source(source_id, ids))
    return outcomes


def _replay_source(source_id: int, rejection_ids: list[int]) -> ReplayOutcome:
    with session_scope() as session:
        source = session.get_one(models.Source, source_id)
        bind_log_fields(source=source.name)
        outcome = ReplayOutcome(source=source.name)
        last_run_id = 0
        for rejection_id in rejection_ids:
            rejection = session.get_one(models.Rejection, rejection_id)
            raw = session.get_one(models.RawItem, rejection.raw_item_id)
            result = read_raw_item(source, raw)
            outcome.replayed += 1
            if isinstance(result, Rejection):
                quarantine.quarantine(session, raw, result)
                outcome.still_rejected.append(raw.external_id)
                continue
            raw.state = "normalized"
            raw.normalized = result.model_dump(mode="json")
            quarantine.release(session, raw)
            outcome.released += 1
            last_run_id = max(last_run_id, raw.crawl_run_id)
    if outcome.released:
        # load_run loads every normalized item of the run's source: the ones just released.
        outcome.load = load_run(last_run_id)
    log.info(
        "replay %s: %d replayed, %d released, %d still rejected",
        outcome.source,
        outcome.replayed,
        outcome.released,
        len(outcome.still_rejected),
    )
    return outcome
