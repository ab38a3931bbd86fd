"""When the job starts: the words, the day read and "dès que possible" (`schemas.StartDate`).

Offers stored before this revision have no start (NULL); they get one the next time their
content changes.

Revision ID: 0020_offer_start
Revises: 0019_packed
Create Date: 2026-11-30 17:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_offer_start"
down_revision: str | Sequence[str] | None = "0019_packed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, no batch: SQLite (3.35 and later) adds and drops these columns in place,
# where a batch would rebuild the table and lose the expression index ix_offers_live_newest.


def upgrade() -> None:
    op.add_column("offers", sa.Column("start_text", sa.Text(), nullable=True))
    op.add_column("offers", sa.Column("start_day", sa.Date(), nullable=True))
    op.add_column("offers", sa.Column("start_immediate", sa.Boolean(), nullable=True))


def downgrade() -> None:
    op.drop_column("offers", "start_immediate")
    op.drop_column("offers", "start_day")
    op.drop_column("offers", "start_text")
