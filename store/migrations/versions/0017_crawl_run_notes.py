"""Crawl runs keep the notes of their crawl: what reading a broken feed repaired ("encodage
déclaré utf-8, lu comme windows-1252…", "12 entités non définies…"), or why it stopped early,
in French, for the operator page and `relais status`.

Revision ID: 0017_run_notes
Revises: 0016_fulltext
Create Date: 2026-11-30 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017_run_notes"
down_revision: str | Sequence[str] | None = "0016_fulltext"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notes", _JSON, nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.alter_column("notes", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_column("notes")
