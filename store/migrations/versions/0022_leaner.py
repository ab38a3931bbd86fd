"""A leaner store: dedup's lookup keys filed as 64-bit numbers instead of their text.

`dedup_keys.key` held each key's text (up to 255 characters, kept twice: in the table and in
its index; about ten keys a copy). It becomes the key's number, `store.copies.key_hash`: the
first 8 bytes of the SHA-256 digest of its UTF-8 text, read as a signed big-endian BIGINT.
Computed here in SQL on PostgreSQL (`sha256`, PostgreSQL 11 and later), which rewrites the
table and its indexes compactly; on SQLite by the same function in Python, registered on the
migration's connection, then the file is vacuumed.

Downgrade: the text of a key cannot be read back from its number, so each copy's keys are made
again from its document, as `store.copies.backfill` does (`normalizers.dedup.fingerprint`).

Revision ID: 0022_leaner
Revises: 0021_lean
Create Date: 2026-11-30 20:30:00
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_leaner"
down_revision: str | Sequence[str] | None = "0021_lean"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000

# `store.copies.key_hash` as of this revision, written out so the migration stands alone.
_POSTGRESQL_HASH = (
    "('x' || left(encode(sha256(convert_to(key, 'UTF8')), 'hex'), 16))::bit(64)::bigint"
)


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big", signed=True)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _vacuum() -> None:
    if _sqlite():
        with op.get_context().autocommit_block():
            op.execute("VACUUM")


def _swap_sqlite_key(new_type: sa.types.TypeEngine, fill: str, default: str) -> None:
    """Replace `dedup_keys.key` by a column of `new_type` filled by the SQL `fill` (of `key`),
    with ALTER statements only (SQLite 3.35 and later)."""
    op.drop_index("ix_dedup_keys_key", table_name="dedup_keys")
    op.add_column(
        "dedup_keys",
        sa.Column("key_moved", new_type, nullable=False, server_default=sa.text(default)),
    )
    op.execute(f"UPDATE dedup_keys SET key_moved = {fill}")
    op.execute("ALTER TABLE dedup_keys DROP COLUMN key")
    op.execute("ALTER TABLE dedup_keys RENAME COLUMN key_moved TO key")
    op.create_index("ix_dedup_keys_key", "dedup_keys", ["key"])


def upgrade() -> None:
    if _sqlite():
        connection = op.get_bind().connection.dbapi_connection
        connection.create_function("relais_key_hash", 1, _key_hash, deterministic=True)
        _swap_sqlite_key(sa.BigInteger(), "relais_key_hash(key)", "0")
    else:
        op.execute(f"ALTER TABLE dedup_keys ALTER COLUMN key TYPE bigint USING {_POSTGRESQL_HASH}")
    _vacuum()


def _file_keys_again(connection: sa.Connection) -> None:
    """Write each copy's keys, as text, from its document, BATCH copies at a time, through
    Relais's own reading of a copy (`store.copies.copy_offer`) and fingerprint."""
    from sqlalchemy.orm import Session

    from normalizers.dedup import fingerprint
    from store import models
    from store.copies import copy_offer

    session = Session(bind=connection)
    write = sa.text("INSERT INTO dedup_keys (offer_source_id, key) VALUES (:copy_id, :key)")
    last = 0
    while True:
        batch = session.scalars(
            sa.select(models.OfferSource)
            .where(models.OfferSource.id > last)
            .order_by(models.OfferSource.id)
            .limit(BATCH)
        ).all()
        if not batch:
            session.close()
            return
        last = batch[-1].id
        rows = [
            {"copy_id": copy.id, "key": key}
            for copy in batch
            for key in sorted(set(fingerprint(copy_offer(session, copy)).keys()))
        ]
        if rows:
            connection.execute(write, rows)
        session.expunge_all()


def downgrade() -> None:
    op.execute("DELETE FROM dedup_keys")
    if _sqlite():
        _swap_sqlite_key(sa.String(length=255), "''", "''")
    else:
        op.execute("ALTER TABLE dedup_keys ALTER COLUMN key TYPE varchar(255) USING ''")
    _file_keys_again(op.get_bind())
    _vacuum()
