"""Searches and batches that read no row they do not need: a source's raw items in a state, by
id; the live offers' ids by place; the search vector in its offer's row.

- `raw_items (source_id, state, id)`: each batch of `store.runs.pending_items` (the normalize
  and load steps) is an index walk, instead of a read of every item of the source (its unique
  key gives the source only).
- The live offers' place indexes (`store.models.LIVE_PLACE_INDEXES`): a search by commune,
  département or radius finds the offers' ids from the index alone. On PostgreSQL each index
  is partial (live offers) and includes the id; the commune and département ones replace the
  plain indexes of every offer, which only the search read. SQLite's indexes hold their rows'
  ids already: there, only the commune and département ones become partial.
- PostgreSQL keeps each offer's search vector in its row (storage MAIN: compressed, moved out
  of the row only when nothing else can be), where it was moved out with the longest columns
  (storage EXTENDED, the default): a keyword search that walks the newest offers and tests
  each one's vector read five pages an offer (the row, the TOAST index and chunks), now one
  (100,000 offers, a page at item 3,000 of `développeur`: 68,164 buffers, 540-620 ms, then
  13,886 buffers, 220-290 ms, on a machine at load 15-19). Rows take it as they are written
  again; `VACUUM FULL offers` moves them all at once.

Revision ID: 0025_search_indexes
Revises: 0024_raw_payloads
Create Date: 2026-12-01 02:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025_search_indexes"
down_revision: str | Sequence[str] | None = "0024_raw_payloads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("status = 'published'")
# Plain indexes replaced: (name, column).
PLAIN = [
    ("ix_offers_place_insee_code", "place_insee_code"),
    ("ix_offers_place_departement_code", "place_departement_code"),
]
# Live place indexes: name, columns, made by this revision (True) or kept from before (False).
LIVE_PLACES = [
    ("ix_offers_live_place_insee_code", ["place_insee_code"], True),
    ("ix_offers_live_place_departement_code", ["place_departement_code"], True),
    ("ix_offers_place_latitude_place_longitude", ["place_latitude", "place_longitude"], False),
]


def _live_index(name: str, columns: list[str], include: list[str]) -> None:
    op.create_index(
        name,
        "offers",
        columns,
        postgresql_where=LIVE,
        postgresql_include=include,
        sqlite_where=LIVE,
    )


def upgrade() -> None:
    op.create_index("ix_raw_items_source_id_state_id", "raw_items", ["source_id", "state", "id"])
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name, columns, new in LIVE_PLACES:
        if new or postgresql:
            if not new:
                op.drop_index(name, table_name="offers")
            _live_index(name, columns, ["id"])
    for name, _column in PLAIN:
        op.drop_index(name, table_name="offers")
    if postgresql:
        op.execute("ALTER TABLE offers ALTER COLUMN search_vector SET STORAGE MAIN")


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("ALTER TABLE offers ALTER COLUMN search_vector SET STORAGE EXTENDED")
    for name, column in PLAIN:
        op.create_index(name, "offers", [column])
    for name, columns, new in LIVE_PLACES:
        if new or postgresql:
            op.drop_index(name, table_name="offers")
            if not new:
                _live_index(name, columns, [])
    op.drop_index("ix_raw_items_source_id_state_id", table_name="raw_items")
