"""Offers keep whether their pay is gross or net (`salary_basis`: "brut", "net", or NULL when
the pay's words do not say), read from the text ("35 k€ bruts annuels", "1 500 € net/mois",
"gross", "before tax"). Offers stored before keep NULL until collected again: the exporters
then read a net pay from its text as before.

Downgrade: the column goes; the pay's text still says it.

Revision ID: 0026_salary_basis
Revises: 0025_search_indexes
Create Date: 2026-12-01 02:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026_salary_basis"
down_revision: str | Sequence[str] | None = "0025_search_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not a batch: SQLite adds and drops a column in place (3.35+), where a batch
# would rebuild the table and lose the expression index ix_offers_live_newest.
def upgrade() -> None:
    op.add_column("offers", sa.Column("salary_basis", sa.String(length=4), nullable=True))


def downgrade() -> None:
    op.drop_column("offers", "salary_basis")
