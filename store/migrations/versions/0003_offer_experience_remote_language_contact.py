"""Offers keep the experience, remote work and language read from their text, and a contact.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("experience_requirement", sa.String(length=1), nullable=True))
        batch_op.add_column(sa.Column("experience_months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("remote_mode", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("remote_days_per_week", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("language", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("contact", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_column("contact")
        batch_op.drop_column("language")
        batch_op.drop_column("remote_days_per_week")
        batch_op.drop_column("remote_mode")
        batch_op.drop_column("experience_months")
        batch_op.drop_column("experience_requirement")
