"""Each offer's stored France Travail document (`models.Offer.ft_document`): written, read back.

The ORM writes it with the offer (`models._keep_document`), `store.copies`'s bulk insert with its
rows; offers copied in SQL, or stored before the column existed, have none until `fill`.
A document is made once, by the exporter of its day: a change to what
`exporters.francetravail.from_columns` writes (or to the referentials it reads) ships with a
migration that empties the column (`UPDATE offers SET ft_document = NULL`), and
`store.migrate.upgrade` then writes every document again. About 1 KB an offer (0.7 KB as
PostgreSQL stores it, at 100,000 offers of the dev data).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from exporters.francetravail import DOCUMENT_COLUMNS, stored_document
from store import models
from store.db import session_scope

FILL_BATCH = 1000

_OFFERS = models.Offer.__table__


def _columns() -> list[Any]:
    return [_OFFERS.c.id, *(_OFFERS.c[name] for name in DOCUMENT_COLUMNS)]


def built(session: Session, offer_ids: Iterable[int]) -> dict[int, bytes]:
    """The documents of these offers made from their columns now (those without a stored one,
    or any), by offer id; an id with no offer is left out."""
    wanted = list(offer_ids)
    if not wanted:
        return {}
    rows = session.execute(select(*_columns()).where(_OFFERS.c.id.in_(wanted))).mappings()
    return {row["id"]: stored_document(row) for row in rows}


def fill(url: str | None = None, batch: int = FILL_BATCH) -> int:
    """Write the document of every offer that has none, `batch` offers a transaction (each
    found through `ix_offers_ft_document_missing`); the number written. Run by
    `store.migrate.upgrade` after the migrations; cheap when every offer has its own."""
    written = 0
    while True:
        with session_scope(url) as session:
            missing = select(_OFFERS.c.id).where(_OFFERS.c.ft_document.is_(None))
            ids = list(session.scalars(missing.order_by(_OFFERS.c.id).limit(batch)))
            documents = built(session, ids)
            if documents:
                session.execute(
                    update(_OFFERS)
                    .where(_OFFERS.c.id == bindparam("offer_id"))
                    .values(ft_document=bindparam("document")),
                    [{"offer_id": key, "document": value} for key, value in documents.items()],
                )
        written += len(documents)
        if len(ids) < batch:
            return written


def page_documents(session: Session, rows: Sequence[Any]) -> list[bytes]:
    """The stored documents of a page's rows (each with `id` and `ft_document`), in order;
    those not written yet are made from their offers' columns."""
    missing = [row["id"] for row in rows if row["ft_document"] is None]
    made = built(session, missing)
    return [row["ft_document"] or made[row["id"]] for row in rows]
