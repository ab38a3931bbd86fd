"""Offers in the store: the flat row <-> `schemas.Offer` mapping and the reads.

Writing offers (one per offer, whatever the number of sources) is `store.copies`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any, get_origin

from pydantic import BaseModel
from sqlalchemy import Connection, delete, func, inspect, select
from sqlalchemy.orm import Session

from schemas.offers import Offer, OfferStatus, StoredOffer
from store import models

# Nested models of `Offer` whose fields are stored as `<field>_<subfield>` columns.
_GROUPS: dict[str, type[BaseModel]] = {}
for _name, _info in Offer.model_fields.items():
    if get_origin(_info.annotation) in (dict, list):  # kept whole, in one JSON column
        continue
    for _candidate in getattr(_info.annotation, "__args__", (_info.annotation,)):
        if isinstance(_candidate, type) and issubclass(_candidate, BaseModel):
            _GROUPS[_name] = _candidate
_COLUMN_OF_GROUP_FIELD = {"rome": {"code": "rome_code", "label": "rome_label"}}


def _column_name(group: str, field: str) -> str:
    return _COLUMN_OF_GROUP_FIELD.get(group, {}).get(field, f"{group}_{field}")


def offer_columns(offer: Offer) -> dict[str, Any]:
    """The column values of an offer row (everything but ids, status and life dates)."""
    data = offer.model_dump(mode="python", exclude={"source"})
    values: dict[str, Any] = {}
    for name, value in data.items():
        group = _GROUPS.get(name)
        if name == "other_places":
            values[name] = [place.model_dump(mode="json") for place in offer.other_places]
            continue
        if group is None:
            values[name] = str(value) if name in ("url", "apply_url") and value else value
            continue
        for field in group.model_fields:
            sub = value.get(field) if value else None
            values[_column_name(name, field)] = sub.value if isinstance(sub, StrEnum) else sub
    if values.get("place_candidates") is None:
        values["place_candidates"] = []
    values["fact_sources"] = {
        name: source.model_dump(mode="json") for name, source in offer.fact_sources.items()
    }
    # Which one is kept is written only when it is the text (offers stored before keep theirs)
    values["disagreements"] = [
        item.model_dump(mode="json", exclude_defaults=True) for item in offer.disagreements
    ]
    values["disagreement_count"] = len(offer.disagreements)
    return values


def offers_by_stored_columns(connection: Connection) -> Callable[[int], Offer | None]:
    """A reader of offers by id that gives `offer_from_row` of each while reading only the
    columns the `offers` table has now (a column the models add in a later revision reads as
    None): what a migration's upgrade or downgrade uses, where the table is not yet, or no
    longer, as the models say. The reader gives None for an id of no offer."""
    present = {column["name"] for column in inspect(connection).get_columns("offers")}
    table, sources = models.Offer.__table__, models.Source.__table__
    columns = [c for c in table.c if c.name in present]
    names: dict[int, str] = dict(connection.execute(select(sources.c.id, sources.c.name)).all())

    def read(offer_id: int) -> Offer | None:
        found = connection.execute(select(*columns).where(table.c.id == offer_id)).one_or_none()
        if found is None:
            return None
        row = models.Offer(**dict(found._mapping))
        row.source = models.Source(name=names[row.source_id])
        return offer_from_row(row)

    return read


def offer_from_row(row: models.Offer) -> Offer:
    """Rebuild the pydantic offer from its row."""
    data: dict[str, Any] = {"source": row.source.name}
    for name in Offer.model_fields:
        group = _GROUPS.get(name)
        if name == "source":
            continue
        if group is None:
            value = getattr(row, name)
            if value is None and name in ("fact_sources", "disagreements", "other_places"):
                continue  # stored before these were kept: the defaults (none)
            data[name] = value
            continue
        sub = {field: getattr(row, _column_name(name, field)) for field in group.model_fields}
        required = [f for f, info in group.model_fields.items() if info.is_required()]
        optional_group = type(None) in getattr(Offer.model_fields[name].annotation, "__args__", ())
        if optional_group and any(sub[f] is None for f in required):
            data[name] = None
        else:
            data[name] = {k: v for k, v in sub.items() if v is not None}
    return Offer.model_validate(data)


def place_rows(offer_id: int, other_places: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The `offer_places` rows of an offer's `other_places` documents, numbered from 1."""
    return [
        {
            "offer_id": offer_id,
            "position": position,
            "insee_code": place.get("insee_code"),
            "departement_code": place.get("departement_code"),
            "region_code": place.get("region_code"),
            "latitude": place.get("latitude"),
            "longitude": place.get("longitude"),
        }
        for position, place in enumerate(other_places or [], start=1)
    ]


def sync_other_places(session: Session, row: models.Offer) -> None:
    """Make the offer's `offer_places` rows those of its `other_places` documents (after any
    write of the row), so that searches find the offer in each of its places."""
    session.flush()
    session.execute(delete(models.OfferPlace).where(models.OfferPlace.offer_id == row.id))
    session.add_all(models.OfferPlace(**values) for values in place_rows(row.id, row.other_places))


def stored_offer(row: models.Offer) -> StoredOffer:
    """The stored offer with its id, status and life dates."""
    return StoredOffer(
        id=row.id,
        status=OfferStatus(row.status),
        first_seen_at=row.first_seen_at,
        updated_at=row.updated_at,
        merged_into=row.merged_into_id,
        offer=offer_from_row(row),
    )


def count_published(session: Session) -> int:
    """How many offers are live."""
    return (
        session.scalar(
            select(func.count()).where(models.Offer.status == OfferStatus.PUBLISHED.value)
        )
        or 0
    )


def fresh_offers(session: Session, *, limit: int = 50, offset: int = 0) -> list[StoredOffer]:
    """Live offers, the most recently published first (then the most recently collected)."""
    newest = func.coalesce(models.Offer.posted_at, models.Offer.first_seen_at)
    rows = session.scalars(
        select(models.Offer)
        .where(models.Offer.status == OfferStatus.PUBLISHED.value)
        .order_by(newest.desc(), models.Offer.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return [stored_offer(row) for row in rows]


MAX_OFFER_ID = 2**31 - 1
"""The largest id the offers table can hold (a 32-bit INTEGER on PostgreSQL)."""


def get_offer(session: Session, offer_id: int) -> StoredOffer | None:
    """One offer by id, whatever its status; None for an id no offer can have (below 1, or
    beyond MAX_OFFER_ID: the database would refuse the number itself)."""
    if not 1 <= offer_id <= MAX_OFFER_ID:
        return None
    row = session.get(models.Offer, offer_id)
    return stored_offer(row) if row is not None else None


def newest_datetime(offer: StoredOffer) -> datetime:
    """The date a reader should see as the offer's date: posted, else first seen."""
    return offer.offer.posted_at or offer.first_seen_at
