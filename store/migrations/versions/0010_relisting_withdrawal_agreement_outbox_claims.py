"""Offers listed again come back, held withdrawals wait for agreeing fetches, outbox claims.

- `offer_sources.unlisted`: the copy was withdrawn because its source's complete fetches stopped
  listing it; a fetch that lists it again brings it back. Copies withdrawn that way so far (their
  reason says "no longer listed") are marked, so that the next fetch listing them revives them.
- `held_withdrawals.agreeing_fetches`: how many complete fetches (the one that held it first)
  agree that the offer is gone; with the time since the hold, it decides when it applies.
- `outbox.claim_token`, `outbox.claimed_until`: a deliverer claims its entries for a while, so
  that two deliverers at once never send one entry twice.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 09:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("offer_sources", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("unlisted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        "UPDATE offer_sources SET unlisted = true "
        "WHERE status = 'withdrawn' AND status_reason LIKE 'no longer listed%'"
    )
    with op.batch_alter_table("held_withdrawals", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("agreeing_fetches", sa.Integer(), nullable=False, server_default="1")
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claim_token", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claim_token")
    with op.batch_alter_table("held_withdrawals", schema=None) as batch_op:
        batch_op.drop_column("agreeing_fetches")
    with op.batch_alter_table("offer_sources", schema=None) as batch_op:
        batch_op.drop_column("unlisted")
