"""A lean store: each offer's content kept once, nothing kept that Relais makes again.

- The copy an offer row is made of (its canonical copy: same source, external id and content
  hash as the row) no longer keeps its document, which was the row again: `document` becomes
  NULL, read from the row (`store.copies.copy_offer`). Other copies keep theirs.
- `offer_sources.fingerprint` is dropped: dedup makes a candidate's fingerprint again from its
  document (the lookup keys stay, in `dedup_keys`, and the columns the lookup filters on).
- Loaded raw items lose any normalized document left over (the load empties it).

SQLite is vacuumed after, so that its file shrinks. PostgreSQL reuses the freed space for new
rows; to give it back to the system at once, an operator runs `VACUUM FULL` on the tables
(`offer_sources`, `raw_items`; it locks each table while it runs) or `pg_repack`.

Downgrade: the column comes back empty and the documents are written back from the offer
rows; `relais init` of that revision makes the fingerprints again (its backfill).

Revision ID: 0020_lean
Revises: 0019_packed
Create Date: 2026-11-30 16:40:00
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0020_lean"
down_revision: str | Sequence[str] | None = "0019_packed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000

# A copy is its offer row's own when the row was made from it: same source, same external id,
# same content (`store.copies.refresh_offer` writes the row from the canonical copy).
_CANONICAL = (
    "EXISTS (SELECT 1 FROM offers AS o WHERE o.id = offer_sources.offer_id "
    "AND o.source_id = offer_sources.source_id AND o.external_id = offer_sources.external_id "
    "AND o.content_hash = offer_sources.content_hash)"
)


def _vacuum() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.get_context().autocommit_block():
            op.execute("VACUUM")


def upgrade() -> None:
    op.execute(
        f"UPDATE offer_sources SET document = NULL WHERE document IS NOT NULL AND {_CANONICAL}"
    )
    with op.batch_alter_table("offer_sources") as batch_op:
        batch_op.drop_column("fingerprint")
    op.execute(
        "UPDATE raw_items SET normalized = NULL WHERE state = 'loaded' AND normalized IS NOT NULL"
    )
    _vacuum()


# The packing of `store.types` as of this revision, written out so the migration stands alone.
def _pack(data: bytes) -> bytes:
    return b"z" + zlib.compress(data, 6) if len(data) > 256 else b"=" + data


def _documents_from_rows(connection: sa.Connection) -> None:
    """Write back the documents of the copies that read theirs from the offer row, BATCH at a
    time, through Relais's own mapping of a row to an offer (`store.offers.offer_from_row`)."""
    from sqlalchemy.orm import Session

    from store import models
    from store.offers import offer_from_row

    session = Session(bind=connection)
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, offer_id FROM offer_sources WHERE document IS NULL AND id > :last "
                "ORDER BY id LIMIT :batch"
            ),
            {"last": last, "batch": BATCH},
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        values: list[dict[str, Any]] = []
        for copy_id, offer_id in rows:
            row = session.get(models.Offer, offer_id)
            if row is None:
                continue
            document = offer_from_row(row).model_dump(mode="json")
            text_ = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            values.append({"copy_id": copy_id, "document": _pack(text_.encode("utf-8"))})
        if values:
            connection.execute(
                sa.text(
                    "UPDATE offer_sources SET document = :document WHERE id = :copy_id"
                ).bindparams(sa.bindparam("document", type_=sa.LargeBinary())),
                values,
            )
        session.expunge_all()


def downgrade() -> None:
    with op.batch_alter_table("offer_sources") as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.LargeBinary(), nullable=True))
    _documents_from_rows(op.get_bind())
