"""A leaner store: raw payloads, normalized documents, copies' documents and fingerprints are
kept compressed (`store.types.pack`: a marker byte, then zlib when longer than 256 bytes).

Each value is moved to a binary column in batches, then the old column is dropped: nothing is
lost, and a downgrade moves them back. SQLite is vacuumed after, so that its file shrinks.

Revision ID: 0019_packed
Revises: 0018_rejection_title
Create Date: 2026-11-30 13:20:00
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0019_packed"
down_revision: str | Sequence[str] | None = "0018_rejection_title"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
# (table, column, whether it is JSON, whether it may be NULL)
_COLUMNS = (
    ("raw_items", "payload", False, False),
    ("raw_items", "normalized", True, True),
    ("offer_sources", "document", True, True),
    ("offer_sources", "fingerprint", True, True),
)


# The packing of `store.types` as of this revision, written out so the migration stands alone.
def _pack(data: bytes) -> bytes:
    return b"z" + zlib.compress(data, 6) if len(data) > 256 else b"=" + data


def _unpack(stored: bytes) -> bytes:
    return zlib.decompress(stored[1:]) if stored[:1] == b"z" else stored[1:]


def _packed_text(value: Any) -> bytes | None:
    return None if value is None else _pack(value.encode("utf-8", "surrogatepass"))


def _packed_json(value: Any) -> bytes | None:
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _pack(text.encode("utf-8", "surrogatepass"))


def _unpacked_text(value: Any) -> str | None:
    return None if value is None else _unpack(bytes(value)).decode("utf-8", "surrogatepass")


def _unpacked_json(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(_unpack(bytes(value)).decode("utf-8", "surrogatepass"))


def _move(
    table: str,
    source: sa.ColumnClause[Any],
    target: sa.ColumnClause[Any],
    convert: Callable[[Any], Any],
) -> None:
    """Copy `source` into `target` converted, BATCH rows at a time, by id."""
    connection = op.get_bind()
    rows = sa.table(table, sa.column("id", sa.Integer), source, target)
    write = (
        sa.update(rows)
        .where(rows.c.id == sa.bindparam("row_id"))
        .values({target.name: sa.bindparam("value", type_=target.type)})
    )
    last = 0
    while True:
        batch = connection.execute(
            sa.select(rows.c.id, rows.c[source.name])
            .where(rows.c.id > last)
            .order_by(rows.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        last = batch[-1][0]
        connection.execute(write, [{"row_id": i, "value": convert(v)} for i, v in batch])


def _swap(table: str, column: str, new_type: Any, nullable: bool, convert: Any, old: Any) -> None:
    """Replace `column` by a column of `new_type` holding the converted values."""
    staging = f"{column}_moved"
    with op.batch_alter_table(table) as batch_op:
        batch_op.add_column(sa.Column(staging, new_type, nullable=True))
    _move(table, sa.column(column, old), sa.column(staging, new_type), convert)
    with op.batch_alter_table(table) as batch_op:
        batch_op.drop_column(column)
        batch_op.alter_column(staging, new_column_name=column, nullable=nullable)


def _vacuum() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.get_context().autocommit_block():
            op.execute("VACUUM")


def upgrade() -> None:
    for table, column, is_json, nullable in _COLUMNS:
        old = _JSON if is_json else sa.Text()
        convert = _packed_json if is_json else _packed_text
        _swap(table, column, sa.LargeBinary(), nullable, convert, old)
    _vacuum()


def downgrade() -> None:
    for table, column, is_json, nullable in _COLUMNS:
        new = _JSON if is_json else sa.Text()
        convert = _unpacked_json if is_json else _unpacked_text
        _swap(table, column, new, nullable, convert, sa.LargeBinary())
