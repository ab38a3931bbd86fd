"""Offers in several places: the other places of an offer, the zone a place is open to, and how
sure the place's reading is.

`offers.other_places` keeps the other places as documents (`schemas.Place`); `offer_places` holds
their codes and points so that searches and thread filters find an offer in each of its places.
Offers stored before this revision have one place and keep it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 09:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place_zone", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("place_confidence", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("other_places", _JSON, nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.alter_column("other_places", server_default=None)
    op.create_table(
        "offer_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("insee_code", sa.String(length=5), nullable=True),
        sa.Column("departement_code", sa.String(length=3), nullable=True),
        sa.Column("region_code", sa.String(length=2), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_places_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_places")),
    )
    with op.batch_alter_table("offer_places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offer_places_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_offer_places_insee_code"), ["insee_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offer_places_departement_code"), ["departement_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("offer_places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offer_places_departement_code"))
        batch_op.drop_index(batch_op.f("ix_offer_places_insee_code"))
        batch_op.drop_index(batch_op.f("ix_offer_places_offer_id"))
    op.drop_table("offer_places")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_column("other_places")
        batch_op.drop_column("place_confidence")
        batch_op.drop_column("place_zone")
