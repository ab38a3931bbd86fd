"""A lean store: each offer's content kept once, nothing kept that Relais makes again.

- The copy an offer row is made of (its canonical copy: same source, external id and content
  hash as the row) no longer keeps its document, which was the row again: `document` becomes
  NULL, read from the row (`store.copies.copy_offer`). Other copies keep theirs.
- `offer_sources.fingerprint` is dropped: dedup makes a candidate's fingerprint again from its
  document (the lookup keys stay, in `dedup_keys`, and the columns the lookup filters on).
- Loaded raw items lose any normalized document left over (the load empties it).
- `offers.description_html`, shown whole and never searched by SQL, is kept compressed
  (`store.types.pack`, as revision 0019 did for payloads). `description_text` stays as it is:
  both databases' full-text indexes read it.

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

revision: str = "0021_lean"
down_revision: str | Sequence[str] | None = "0020_offer_start"
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


def _unpack(stored: bytes) -> bytes:
    return zlib.decompress(stored[1:]) if stored[:1] == b"z" else stored[1:]


def _swap_description(new_type: Any, convert: Any, default: str) -> None:
    """Replace `offers.description_html` by a column of `new_type` holding the converted
    values, BATCH rows at a time. ALTER statements only (SQLite >= 3.35): rebuilding `offers`
    would drop its full-text triggers and expression indexes."""
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    # SQLite adds a NOT NULL column only with a default; PostgreSQL is told after the fill.
    op.add_column(
        "offers",
        sa.Column(
            "description_moved",
            new_type,
            nullable=not sqlite,
            server_default=sa.text(default) if sqlite else None,
        ),
    )
    last = 0
    write = sa.text("UPDATE offers SET description_moved = :value WHERE id = :row_id").bindparams(
        sa.bindparam("value", type_=new_type)
    )
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, description_html FROM offers WHERE id > :last ORDER BY id LIMIT :batch"
            ),
            {"last": last, "batch": BATCH},
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        connection.execute(write, [{"row_id": i, "value": convert(v)} for i, v in rows])
    op.execute("ALTER TABLE offers DROP COLUMN description_html")
    op.execute("ALTER TABLE offers RENAME COLUMN description_moved TO description_html")
    if not sqlite:
        op.alter_column("offers", "description_html", nullable=False)


def _packed_text(value: Any) -> bytes:
    return _pack((value or "").encode("utf-8", "surrogatepass"))


def _unpacked_text(value: Any) -> str:
    return _unpack(bytes(value)).decode("utf-8", "surrogatepass")


def upgrade() -> None:
    op.execute(
        f"UPDATE offer_sources SET document = NULL WHERE document IS NOT NULL AND {_CANONICAL}"
    )
    with op.batch_alter_table("offer_sources") as batch_op:
        batch_op.drop_column("fingerprint")
    op.execute(
        "UPDATE raw_items SET normalized = NULL WHERE state = 'loaded' AND normalized IS NOT NULL"
    )
    _swap_description(sa.LargeBinary(), _packed_text, "X'3d'")  # X'3d': "" packed
    _vacuum()


# The packing of `store.types` as of this revision, written out so the migration stands alone.
def _pack(data: bytes) -> bytes:
    return b"z" + zlib.compress(data, 6) if len(data) > 256 else b"=" + data


def _documents_from_rows(connection: sa.Connection) -> None:
    """Write back the documents of the copies that read theirs from the offer row, BATCH at a
    time, through Relais's own mapping of a row to an offer (`store.offers.offer_from_row`)."""
    from store.offers import offers_by_stored_columns

    read_offer = offers_by_stored_columns(connection)
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
            offer = read_offer(offer_id)
            if offer is None:
                continue
            document = offer.model_dump(mode="json")
            text_ = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            values.append({"copy_id": copy_id, "document": _pack(text_.encode("utf-8"))})
        if values:
            connection.execute(
                sa.text(
                    "UPDATE offer_sources SET document = :document WHERE id = :copy_id"
                ).bindparams(sa.bindparam("document", type_=sa.LargeBinary())),
                values,
            )


def downgrade() -> None:
    with op.batch_alter_table("offer_sources") as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.LargeBinary(), nullable=True))
    # While the offer rows are as the models read them (description compressed).
    _documents_from_rows(op.get_bind())
    _swap_description(sa.Text(), _unpacked_text, "''")
