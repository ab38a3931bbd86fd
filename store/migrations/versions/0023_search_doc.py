"""Each offer's France Travail document, kept as compact JSON bytes beside its columns
(`offers.ft_document`, `exporters.francetravail.stored_document`): a search page of the France
Travail-compatible API is joined from these bytes instead of being built again from a dozen
columns at each request.

Offers stored before this revision have none (NULL): `store.migrate.upgrade` writes them after
the migrations (`store.documents.fill`), with the exporter of the running version; until then a
page builds the missing ones from the columns. A partial index finds the offers still without.

Revision ID: 0023_search_doc
Revises: 0022_leaner
Create Date: 2026-11-30 23:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023_search_doc"
down_revision: str | Sequence[str] | None = "0022_leaner"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ALTER TABLE, no batch: SQLite adds and drops the column in place, where a batch would
# rebuild the table and lose the expression index ix_offers_live_newest.


def upgrade() -> None:
    op.add_column("offers", sa.Column("ft_document", sa.LargeBinary(), nullable=True))
    op.create_index(
        "ix_offers_ft_document_missing",
        "offers",
        ["id"],
        postgresql_where=sa.text("ft_document IS NULL"),
        sqlite_where=sa.text("ft_document IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_offers_ft_document_missing", table_name="offers")
    op.drop_column("offers", "ft_document")
