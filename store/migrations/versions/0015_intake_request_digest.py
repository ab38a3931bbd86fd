"""Intake receipts remember which request their idempotency key was first used for, so that a key
reused for another request is refused instead of replaying an unrelated answer.

Revision ID: 0015_intake_digest
Revises: 0014_run_owner
Create Date: 2026-11-30 13:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_intake_digest"
down_revision: str | Sequence[str] | None = "0014_run_owner"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("intake_receipts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_digest", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("intake_receipts", schema=None) as batch_op:
        batch_op.drop_column("request_digest")
