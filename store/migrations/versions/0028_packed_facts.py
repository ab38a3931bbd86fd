"""Offers' provenance of facts and ROME alternatives kept compressed.

`offers.fact_sources` (where each fact of the offer was read: about 500 bytes of JSON an offer,
half of them the same keys again) and `offers.rome_alternatives` (the ROME coder's other
candidates) are read and written whole by Relais, never queried inside by SQL: they become
packed JSON (`store.types.CompressedJSON`: zlib above 256 bytes), as the copies' documents
are. On 10,000 offers of an Indeed-style feed: 502 + 119 bytes an offer on SQLite, 218 + 87
packed.

SQLite is vacuumed after, so that its file shrinks; PostgreSQL reuses the freed space.

Downgrade: the columns are JSON again (JSONB on PostgreSQL), with the same values.

Revision ID: 0028_packed_facts
Revises: 0027_search_place_dates
Create Date: 2026-12-01 05:40:00
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0028_packed_facts"
down_revision: str | Sequence[str] | None = "0027_search_place_dates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000
_COLUMNS = ("fact_sources", "rome_alternatives")


# The packing of `store.types` as of this revision, written out so the migration stands alone.
def _pack(data: bytes) -> bytes:
    return b"z" + zlib.compress(data, 6) if len(data) > 256 else b"=" + data


def _unpack(stored: bytes) -> bytes:
    return zlib.decompress(stored[1:]) if stored[:1] == b"z" else stored[1:]


def _packed(value: Any) -> bytes | None:
    if isinstance(value, str):  # SQLite gives JSON as its text
        value = json.loads(value)
    if value is None:  # SQL NULL, or a JSON null: NULL
        return None
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _pack(text.encode("utf-8", "surrogatepass"))


def _unpacked(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(_unpack(bytes(value)).decode("utf-8", "surrogatepass"))


def _swap(name: str, new_type: Any, convert: Callable[[Any], Any]) -> None:
    """Replace `offers.<name>` by a nullable column of `new_type` holding the converted values,
    BATCH rows at a time. ALTER statements only (SQLite >= 3.35): rebuilding `offers` would
    drop its full-text triggers and expression indexes."""
    connection = op.get_bind()
    moved = f"{name}_moved"
    op.add_column("offers", sa.Column(moved, new_type, nullable=True))
    write = sa.text(f"UPDATE offers SET {moved} = :value WHERE id = :row_id").bindparams(
        sa.bindparam("value", type_=new_type)
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                f"SELECT id, {name} FROM offers WHERE id > :last AND {name} IS NOT NULL "
                "ORDER BY id LIMIT :batch"
            ),
            {"last": last, "batch": BATCH},
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        connection.execute(write, [{"row_id": i, "value": convert(v)} for i, v in rows])
    op.execute(f"ALTER TABLE offers DROP COLUMN {name}")
    op.execute(f"ALTER TABLE offers RENAME COLUMN {moved} TO {name}")


def _vacuum() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.get_context().autocommit_block():
            op.execute("VACUUM")


def upgrade() -> None:
    for name in _COLUMNS:
        _swap(name, sa.LargeBinary(), _packed)
    _vacuum()


def downgrade() -> None:
    json_type = sa.JSON().with_variant(JSONB(), "postgresql")
    for name in _COLUMNS:
        _swap(name, json_type, _unpacked)
