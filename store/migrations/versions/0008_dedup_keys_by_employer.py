"""Dedup keys filed by employer: each copy's company key in a column, so dedup rules candidates
out without reading their fingerprint, and the keys made again.

Copies were filed under keys every employer's copies shared (a common title in a département, a
template text); the keys now separate copies that name their employer from those that do not.
Their fingerprints and keys are dropped here and made again from each copy's document by
`relais init` (store.copies.backfill).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 10:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("offer_sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dedup_company", sa.String(length=255), nullable=True))
    op.execute("DELETE FROM dedup_keys")
    op.execute("UPDATE offer_sources SET fingerprint = NULL")


def downgrade() -> None:
    # The keys of this revision mean nothing to the last one: `relais init` makes them again.
    op.execute("DELETE FROM dedup_keys")
    op.execute("UPDATE offer_sources SET fingerprint = NULL")
    with op.batch_alter_table("offer_sources", schema=None) as batch_op:
        batch_op.drop_column("dedup_company")
