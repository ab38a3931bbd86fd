"""One offer, once: copies per source with their dedup keys, offer history, expiry and holds.

Revision ID: 0006_dedup
Revises: 0005
Create Date: 2026-11-22 06:21:06.951209
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_dedup"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "offer_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_events_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_offer_events_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_events")),
    )
    with op.batch_alter_table("offer_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offer_events_offer_id_created_at"),
            ["offer_id", "created_at"],
            unique=False,
        )

    op.create_table(
        "offer_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "changes", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_versions_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_offer_versions_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_versions")),
        sa.UniqueConstraint("offer_id", "version", name=op.f("uq_offer_versions_offer_id_version")),
    )
    op.create_table(
        "dedup_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_copy_id", sa.Integer(), nullable=False),
        sa.Column("second_copy_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "first_copy_id < second_copy_id", name=op.f("ck_dedup_decisions_ordered_pair")
        ),
        sa.ForeignKeyConstraint(
            ["first_copy_id"],
            ["offer_sources.id"],
            name=op.f("fk_dedup_decisions_first_copy_id_offer_sources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_copy_id"],
            ["offer_sources.id"],
            name=op.f("fk_dedup_decisions_second_copy_id_offer_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dedup_decisions")),
        sa.UniqueConstraint(
            "first_copy_id",
            "second_copy_id",
            name=op.f("uq_dedup_decisions_first_copy_id_second_copy_id"),
        ),
    )
    with op.batch_alter_table("dedup_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dedup_decisions_second_copy_id"), ["second_copy_id"], unique=False
        )

    op.create_table(
        "dedup_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_source_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_source_id"],
            ["offer_sources.id"],
            name=op.f("fk_dedup_keys_offer_source_id_offer_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dedup_keys")),
    )
    with op.batch_alter_table("dedup_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dedup_keys_key"), ["key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_dedup_keys_offer_source_id"), ["offer_source_id"], unique=False
        )

    op.create_table(
        "held_withdrawals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("offer_source_id", sa.Integer(), nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"],
            ["crawl_runs.id"],
            name=op.f("fk_held_withdrawals_crawl_run_id_crawl_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["offer_source_id"],
            ["offer_sources.id"],
            name=op.f("fk_held_withdrawals_offer_source_id_offer_sources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_held_withdrawals_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_withdrawals")),
        sa.UniqueConstraint("offer_source_id", name=op.f("uq_held_withdrawals_offer_source_id")),
    )
    with op.batch_alter_table("held_withdrawals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_held_withdrawals_source_id"), ["source_id"], unique=False
        )

    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("offers_withdrawn", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("offers_held", sa.Integer(), nullable=False, server_default="0")
        )

    with op.batch_alter_table("offer_sources", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), nullable=False, server_default="live")
        )
        batch_op.add_column(sa.Column("status_reason", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "status_changed_at",
                sa.DateTime(timezone=True),
                nullable=False,
                server_default=sa.func.current_timestamp(),
            )
        )
        batch_op.add_column(
            sa.Column(
                "document", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "fingerprint",
                sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("valid_through", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("dedup_departement", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("dedup_contract", sa.String(length=3), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_offer_sources_valid_through"), ["valid_through"], unique=False
        )

    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f("uq_offers_source_id_external_id"), type_="unique")
        batch_op.create_index(
            batch_op.f("ix_offers_merged_into_id"), ["merged_into_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offers_source_id_external_id"),
            ["source_id", "external_id"],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_offers_merged_into_id_offers"),
            "offers",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("raw_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seen_run_id", sa.Integer(), nullable=True))

    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_age_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recheck_after_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("attention", sa.Text(), nullable=True))

    # Offers so far had one copy each: the copy shares its offer's status, and the history of
    # every offer starts with its first version and its publication.
    op.execute(
        "UPDATE offer_sources SET status = 'withdrawn' WHERE offer_id IN "
        "(SELECT id FROM offers WHERE status = 'withdrawn')"
    )
    op.execute(
        "UPDATE offer_sources SET status = 'expired' WHERE offer_id IN "
        "(SELECT id FROM offers WHERE status = 'expired')"
    )
    op.execute(
        "INSERT INTO offer_versions "
        "(offer_id, version, created_at, source_id, content_hash, changes) "
        "SELECT id, 1, first_seen_at, source_id, content_hash, '{}' FROM offers"
    )
    op.execute(
        "INSERT INTO offer_events (offer_id, created_at, kind, status, source_id) "
        "SELECT id, first_seen_at, 'published', 'published', source_id FROM offers"
    )


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("attention")
        batch_op.drop_column("recheck_after_days")
        batch_op.drop_column("max_age_days")

    with op.batch_alter_table("raw_items", schema=None) as batch_op:
        batch_op.drop_column("last_seen_run_id")

    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_offers_merged_into_id_offers"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_offers_source_id_external_id"))
        batch_op.drop_index(batch_op.f("ix_offers_merged_into_id"))
        batch_op.create_unique_constraint(
            batch_op.f("uq_offers_source_id_external_id"), ["source_id", "external_id"]
        )
        batch_op.drop_column("merged_into_id")

    with op.batch_alter_table("offer_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offer_sources_valid_through"))
        batch_op.drop_column("dedup_contract")
        batch_op.drop_column("dedup_departement")
        batch_op.drop_column("checked_at")
        batch_op.drop_column("valid_through")
        batch_op.drop_column("fingerprint")
        batch_op.drop_column("document")
        batch_op.drop_column("status_changed_at")
        batch_op.drop_column("status_reason")
        batch_op.drop_column("status")

    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_column("offers_held")
        batch_op.drop_column("offers_withdrawn")

    with op.batch_alter_table("held_withdrawals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_held_withdrawals_source_id"))

    op.drop_table("held_withdrawals")
    with op.batch_alter_table("dedup_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dedup_keys_offer_source_id"))
        batch_op.drop_index(batch_op.f("ix_dedup_keys_key"))

    op.drop_table("dedup_keys")
    with op.batch_alter_table("dedup_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dedup_decisions_second_copy_id"))

    op.drop_table("dedup_decisions")
    op.drop_table("offer_versions")
    with op.batch_alter_table("offer_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offer_events_offer_id_created_at"))

    op.drop_table("offer_events")
