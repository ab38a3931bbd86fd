"""Crawl runs name the process that owns them, so that a run abandoned by a killed process is
found and closed at the next start.

Revision ID: 0014_run_owner
Revises: 0013_sessions_url_keys
Create Date: 2026-11-30 09:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_run_owner"
down_revision: str | Sequence[str] | None = "0013_sessions_url_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_host", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("owner_pid", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("owner_started_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index("ix_crawl_runs_status", ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_crawl_runs_status")
        batch_op.drop_column("owner_started_at")
        batch_op.drop_column("owner_pid")
        batch_op.drop_column("owner_host")
