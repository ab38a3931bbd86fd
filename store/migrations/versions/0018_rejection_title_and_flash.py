"""Rejections keep the item's title and reference, so that people are told which offer it is;
web sessions keep the message to show after an action (a flash), instead of the URL.

Revision ID: 0018_rejection_title
Revises: 0017_run_notes
Create Date: 2026-11-30 13:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_rejection_title"
down_revision: str | Sequence[str] | None = "0017_run_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rejections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("reference", sa.String(length=200), nullable=True))
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("flash", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_column("flash")
    with op.batch_alter_table("rejections", schema=None) as batch_op:
        batch_op.drop_column("reference")
        batch_op.drop_column("title")
