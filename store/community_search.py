"""The criteria only the community pages' search uses (a thread, remote work), and the choices
its form offers (what the offers of a scope hold)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from schemas.offers import OfferStatus, RemoteMode
from store import models

REMOTE_FULL = "full"  # no workplace to go to
REMOTE_SOME = "some"  # some days away, or all of them


def remote_condition(remote: str) -> ColumnElement[bool]:
    """Offers with remote work: REMOTE_FULL, fully remote (said so, or placed nowhere but
    "remote"); REMOTE_SOME, fully remote or hybrid. Raises ValueError for another value."""
    offer = models.Offer
    full = or_(offer.place_match == "remote", offer.remote_mode == RemoteMode.FULL.value)
    if remote == REMOTE_FULL:
        return full
    if remote == REMOTE_SOME:
        return or_(full, offer.remote_mode == RemoteMode.HYBRID.value)
    raise ValueError(f"unknown remote filter {remote!r}")


def in_thread(thread_id: int) -> ColumnElement[bool]:
    """The offer is published in this community thread."""
    from store.publishing import ThreadOffer  # publishing builds on store.search, which uses this

    return exists().where(
        ThreadOffer.thread_id == thread_id, ThreadOffer.offer_id == models.Offer.id
    )


def community_conditions(thread_id: int | None, remote: str | None) -> list[ColumnElement[bool]]:
    """The conditions of `OfferQuery.thread_id` and `OfferQuery.remote` (none when unset)."""
    where: list[ColumnElement[bool]] = []
    if thread_id is not None:
        where.append(in_thread(thread_id))
    if remote:
        where.append(remote_condition(remote))
    return where


SCOPE_COLUMNS: dict[str, Any] = {
    "typeContrat": models.Offer.contract_type_contrat,
    "departement": models.Offer.place_departement_code,
    "rome": models.Offer.rome_code,
}


def scope_counts(
    session: Session, thread_id: int | None = None
) -> dict[str, list[tuple[str, int]]]:
    """What the live offers (of the thread, when given) hold, for the search form's choices:
    `{"typeContrat": [("CDI", 12), …], "departement": [("69", 3), …] (main place only),
    "rome": [("M1805", 2), …]}`, each sorted by value, values never None."""
    where = [
        models.Offer.status == OfferStatus.PUBLISHED.value,
        *community_conditions(thread_id, None),
    ]
    counts = {}
    for name, column in SCOPE_COLUMNS.items():
        rows = session.execute(
            select(column, func.count())
            .where(*where, column.is_not(None))
            .group_by(column)
            .order_by(column)
        )
        counts[name] = [(str(value), int(count)) for value, count in rows]
    return counts
