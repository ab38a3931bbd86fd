"""A leaner store: dedup's lookup keys filed as 64-bit numbers instead of their text,
offers' plain-text descriptions compressed on SQLite, and PostgreSQL's search vectors without
word positions.

`dedup_keys.key` held each key's text (up to 255 characters, kept twice: in the table and in
its index; about ten keys a copy). It becomes the key's number, `store.copies.key_hash`: the
first 8 bytes of the SHA-256 digest of its UTF-8 text, read as a signed big-endian BIGINT.
Computed here in SQL on PostgreSQL (`sha256`, PostgreSQL 11 and later), which rewrites the
table and its indexes compactly; on SQLite by the same function in Python, registered on the
migration's connection, then the file is vacuumed.

On SQLite, `offers.description_text` (about 2 KB an offer, half of an offer row) is kept
packed like `description_html` (`store.types.pack`); the full-text triggers read it through
`relais_search_document`, which unpacks it (`store.fulltext.search_document`), so the FTS5
index stays as it is. PostgreSQL keeps it as text: its generated `search_vector` reads it, and
TOAST already compresses long values.

PostgreSQL's `offers.search_vector` (about 2.5 KB an offer) is generated again through
`strip`, which leaves out where each word stands (about 1 KB an offer less): keyword search
asks whether an offer holds words (`&`, `|` of `store.fulltext.matches`), never how near or in
which order, and ranks nothing by them. The column is made again (the table is rewritten) with
its GIN index.

Downgrade: the text of a key cannot be read back from its number, so each copy's keys are made
again from its document, as `store.copies.backfill` does (`normalizers.dedup.fingerprint`).

Revision ID: 0022_leaner
Revises: 0021_lean
Create Date: 2026-11-30 20:30:00
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from typing import Any

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


# The packing of `store.types` as of this revision, written out so the migration stands alone.
def _pack(data: bytes) -> bytes:
    return b"z" + zlib.compress(data, 6) if len(data) > 256 else b"=" + data


def _unpack(stored: bytes) -> bytes:
    return zlib.decompress(stored[1:]) if stored[:1] == b"z" else stored[1:]


def _packed_text(value: Any) -> bytes:
    return _pack((value or "").encode("utf-8", "surrogatepass"))


def _unpacked_text(value: Any) -> str:
    return _unpack(bytes(value)).decode("utf-8", "surrogatepass")


_FTS_TRIGGERS = ("offers_fts_insert", "offers_fts_update", "offers_fts_delete")


def _swap_sqlite_description(new_type: Any, convert: Any, default: str) -> None:
    """Replace SQLite's `offers.description_text` by a column of `new_type` holding the
    converted values, BATCH rows at a time, with ALTER statements only (rebuilding `offers`
    would drop its expression indexes). The full-text triggers name the column: they are
    dropped meanwhile and made again after (`store.fulltext.repair_sqlite_triggers`, which
    makes them only where the FTS5 table is); the index itself is unchanged, since the text is."""
    from store import fulltext

    connection = op.get_bind()
    for name in _FTS_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.add_column(
        "offers",
        sa.Column("description_moved", new_type, nullable=False, server_default=sa.text(default)),
    )
    last = 0
    write = sa.text("UPDATE offers SET description_moved = :value WHERE id = :row_id").bindparams(
        sa.bindparam("value", type_=new_type)
    )
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, description_text FROM offers WHERE id > :last ORDER BY id LIMIT :batch"
            ),
            {"last": last, "batch": BATCH},
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        connection.execute(write, [{"row_id": i, "value": convert(v)} for i, v in rows])
    op.execute("ALTER TABLE offers DROP COLUMN description_text")
    op.execute("ALTER TABLE offers RENAME COLUMN description_moved TO description_text")
    fulltext.repair_sqlite_triggers(connection)


def _search_vector(expression: str) -> None:
    """Make PostgreSQL's `offers.search_vector` again as `expression` of the offer's
    to_tsvector (`{}`), with its GIN index (as revision 0016 made them)."""
    from store import fulltext

    vector = (
        f"to_tsvector('{fulltext.CONFIGURATION}'::regconfig, {fulltext.postgresql_document_sql()})"
    )
    op.execute(f"DROP INDEX IF EXISTS {fulltext.POSTGRESQL_INDEX}")
    op.execute("ALTER TABLE offers DROP COLUMN search_vector")
    op.execute(
        "ALTER TABLE offers ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"({expression.format(vector)}) STORED"
    )
    op.execute(f"CREATE INDEX {fulltext.POSTGRESQL_INDEX} ON offers USING gin (search_vector)")


def upgrade() -> None:
    if _sqlite():
        connection = op.get_bind().connection.dbapi_connection
        connection.create_function("relais_key_hash", 1, _key_hash, deterministic=True)
        _swap_sqlite_key(sa.BigInteger(), "relais_key_hash(key)", "0")
        _swap_sqlite_description(sa.LargeBinary(), _packed_text, "X'3d'")  # X'3d': "" packed
    else:
        op.execute(f"ALTER TABLE dedup_keys ALTER COLUMN key TYPE bigint USING {_POSTGRESQL_HASH}")
        _search_vector("strip({})")
    _vacuum()


def _file_keys_again(connection: sa.Connection) -> None:
    """Write each copy's keys, as text, from its document, BATCH copies at a time, through
    Relais's own reading of an offer row (`store.offers.offer_from_row`) and fingerprint.

    Rows are read with the columns the table has at this revision only: the models may carry
    columns a later revision adds (read as None here), so no ORM query of the whole row."""
    from normalizers.dedup import fingerprint
    from schemas import Offer
    from store import models
    from store.offers import offers_by_stored_columns

    read_offer = offers_by_stored_columns(connection)
    copies = models.OfferSource.__table__
    names = dict(connection.execute(sa.text("SELECT id, name FROM sources")).all())
    write = sa.text("INSERT INTO dedup_keys (offer_source_id, key) VALUES (:copy_id, :key)")

    def offer_of(copy: sa.Row[Any]) -> Offer:
        if copy.document is not None:
            return Offer.model_validate(copy.document)
        offer = read_offer(copy.offer_id)
        assert offer is not None  # a copy's offer_id is a foreign key
        return offer.model_copy(update={"source": names[copy.source_id]})

    last = 0
    while True:
        batch = connection.execute(
            sa.select(copies.c.id, copies.c.offer_id, copies.c.source_id, copies.c.document)
            .where(copies.c.id > last)
            .order_by(copies.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        last = batch[-1].id
        rows = [
            {"copy_id": copy.id, "key": key}
            for copy in batch
            for key in sorted(set(fingerprint(offer_of(copy)).keys()))
        ]
        if rows:
            connection.execute(write, rows)


def downgrade() -> None:
    op.execute("DELETE FROM dedup_keys")
    if _sqlite():
        _swap_sqlite_key(sa.String(length=255), "''", "''")
    else:
        op.execute("ALTER TABLE dedup_keys ALTER COLUMN key TYPE varchar(255) USING ''")
        _search_vector("{}")
    # While the offer rows are as the models read them (SQLite: descriptions packed).
    _file_keys_again(op.get_bind())
    if _sqlite():
        _swap_sqlite_description(sa.Text(), _unpacked_text, "''")
    _vacuum()
