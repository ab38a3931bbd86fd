"""Where each fact of an offer was read, and the facts its fields and its text disagree on.

Offers stored before this revision have no fact sources (NULL, read as none) and no
disagreements; they get them the next time their content changes.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 10:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fact_sources", _JSON, nullable=True))
        batch_op.add_column(sa.Column("disagreements", _JSON, nullable=True))
        batch_op.add_column(
            sa.Column("disagreement_count", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_column("disagreement_count")
        batch_op.drop_column("disagreements")
        batch_op.drop_column("fact_sources")
