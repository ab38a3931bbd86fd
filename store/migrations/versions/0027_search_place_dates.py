"""A search by place sorts its page from the place indexes alone: on PostgreSQL the live
offers' commune, département and coordinates indexes include the offer's dates (`posted_at`,
`first_seen_at`) beside its id, so that the page's (id, date) pairs come from index-only scans
and only the page's rows are read (`store.search._placed_ids`). Before, the page read the row
of every match to sort them: 15,204 rows, 730 ms for Lyon and 10 km at 593,000 offers.
SQLite keeps its indexes (it reads the rows there either way).

Revision ID: 0027_search_place_dates
Revises: 0026_salary_basis
Create Date: 2026-12-01 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027_search_place_dates"
down_revision: str | Sequence[str] | None = "0026_salary_basis"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("status = 'published'")
PLACES = {
    "ix_offers_live_place_insee_code": ["place_insee_code"],
    "ix_offers_live_place_departement_code": ["place_departement_code"],
    "ix_offers_place_latitude_place_longitude": ["place_latitude", "place_longitude"],
}


def _rebuild(include: list[str]) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, columns in PLACES.items():
        op.drop_index(name, table_name="offers")
        op.create_index(
            name,
            "offers",
            columns,
            postgresql_where=LIVE,
            postgresql_include=include,
            sqlite_where=LIVE,
        )


def upgrade() -> None:
    _rebuild(["id", "posted_at", "first_seen_at"])


def downgrade() -> None:
    _rebuild(["id"])
