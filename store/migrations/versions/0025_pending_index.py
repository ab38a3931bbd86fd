"""A source's raw items in a state, by id (`store.runs.pending_items`, the normalize and load
steps' batches): an index on (source_id, state, id), so that each batch is an index walk
instead of a read of every item of the source (its unique key gives the source only).

Revision ID: 0025_pending_index
Revises: 0024_raw_payloads
Create Date: 2026-12-01 02:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0025_pending_index"
down_revision: str | Sequence[str] | None = "0024_raw_payloads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_raw_items_source_id_state_id", "raw_items", ["source_id", "state", "id"])


def downgrade() -> None:
    op.drop_index("ix_raw_items_source_id_state_id", table_name="raw_items")
