"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 03:19:50.966280
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("name", name=op.f("uq_organizations_name")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("schedule_minutes", sa.Integer(), nullable=False),
        sa.Column(
            "defaults", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column(
            "threads", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("paused_reason", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("schedule_minutes > 0", name=op.f("ck_sources_schedule_positive")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_sources_organization_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("name", name=op.f("uq_sources_name")),
    )
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sources_next_run_at"), ["next_run_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sources_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("error_kind", sa.String(length=20), nullable=True),
        sa.Column("bytes_received", sa.Integer(), nullable=False),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.Column("items_new", sa.Integer(), nullable=False),
        sa.Column("items_changed", sa.Integer(), nullable=False),
        sa.Column("items_unchanged", sa.Integer(), nullable=False),
        sa.Column("items_rejected", sa.Integer(), nullable=False),
        sa.Column("offers_new", sa.Integer(), nullable=False),
        sa.Column("offers_updated", sa.Integer(), nullable=False),
        sa.Column("offers_unchanged", sa.Integer(), nullable=False),
        sa.Column("normalized_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_crawl_runs_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_runs")),
    )
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_crawl_runs_source_id_started_at"),
            ["source_id", "started_at"],
            unique=False,
        )

    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description_html", sa.Text(), nullable=False),
        sa.Column("description_text", sa.Text(), nullable=False),
        sa.Column("company_name", sa.String(length=200), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("place_match", sa.String(length=16), nullable=False),
        sa.Column("place_label", sa.String(length=200), nullable=True),
        sa.Column("place_insee_code", sa.String(length=5), nullable=True),
        sa.Column("place_commune_name", sa.String(length=200), nullable=True),
        sa.Column("place_postal_code", sa.String(length=5), nullable=True),
        sa.Column("place_departement_code", sa.String(length=3), nullable=True),
        sa.Column("place_departement_name", sa.String(length=100), nullable=True),
        sa.Column("place_region_code", sa.String(length=2), nullable=True),
        sa.Column("place_region_name", sa.String(length=100), nullable=True),
        sa.Column("place_country_code", sa.String(length=2), nullable=True),
        sa.Column("place_latitude", sa.Float(), nullable=True),
        sa.Column("place_longitude", sa.Float(), nullable=True),
        sa.Column(
            "place_candidates",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("rome_code", sa.String(length=5), nullable=True),
        sa.Column("rome_label", sa.String(length=300), nullable=True),
        sa.Column("rome_appellation_code", sa.String(length=10), nullable=True),
        sa.Column("rome_appellation_label", sa.String(length=300), nullable=True),
        sa.Column("rome_confidence", sa.Float(), nullable=True),
        sa.Column("contract_text", sa.Text(), nullable=True),
        sa.Column("contract_type_contrat", sa.String(length=3), nullable=True),
        sa.Column("contract_type_contrat_label", sa.String(length=100), nullable=True),
        sa.Column("contract_duration_value", sa.Integer(), nullable=True),
        sa.Column("contract_duration_unit", sa.String(length=8), nullable=True),
        sa.Column("contract_nature", sa.String(length=100), nullable=True),
        sa.Column("contract_working_time_text", sa.Text(), nullable=True),
        sa.Column("contract_full_time", sa.Boolean(), nullable=True),
        sa.Column("contract_hours_per_week", sa.Float(), nullable=True),
        sa.Column("salary_text", sa.Text(), nullable=True),
        sa.Column("salary_minimum", sa.Float(), nullable=True),
        sa.Column("salary_maximum", sa.Float(), nullable=True),
        sa.Column("salary_period", sa.String(length=8), nullable=True),
        sa.Column("salary_currency", sa.String(length=3), nullable=True),
        sa.Column("salary_months", sa.Float(), nullable=True),
        sa.Column("experience_text", sa.Text(), nullable=True),
        sa.Column("remote_text", sa.Text(), nullable=True),
        sa.Column("category_text", sa.Text(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source_updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_through", sa.DateTime(timezone=True), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("apply_url", sa.Text(), nullable=True),
        sa.Column("attribution", sa.String(length=300), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_offers_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
        sa.UniqueConstraint(
            "source_id", "external_id", name=op.f("uq_offers_source_id_external_id")
        ),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offers_contract_type_contrat"), ["contract_type_contrat"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offers_place_departement_code"), ["place_departement_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offers_place_insee_code"), ["place_insee_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_offers_rome_code"), ["rome_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_offers_status_posted_at"), ["status", "posted_at"], unique=False
        )

    op.create_table(
        "raw_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("fetch_url", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column(
            "normalized", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"],
            ["crawl_runs.id"],
            name=op.f("fk_raw_items_crawl_run_id_crawl_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_raw_items_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raw_items")),
        sa.UniqueConstraint(
            "source_id", "external_id", name=op.f("uq_raw_items_source_id_external_id")
        ),
    )
    with op.batch_alter_table("raw_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_raw_items_crawl_run_id_state"), ["crawl_run_id", "state"], unique=False
        )

    op.create_table(
        "offer_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=False),
        sa.Column("raw_item_id", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_sources_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["raw_item_id"],
            ["raw_items.id"],
            name=op.f("fk_offer_sources_raw_item_id_raw_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_offer_sources_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_sources")),
        sa.UniqueConstraint(
            "source_id", "external_id", name=op.f("uq_offer_sources_source_id_external_id")
        ),
    )
    with op.batch_alter_table("offer_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offer_sources_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_offer_sources_raw_item_id"), ["raw_item_id"], unique=False
        )

    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("raw_item_id", sa.Integer(), nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=False),
        sa.Column(
            "reasons", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"],
            ["crawl_runs.id"],
            name=op.f("fk_rejections_crawl_run_id_crawl_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["raw_item_id"],
            ["raw_items.id"],
            name=op.f("fk_rejections_raw_item_id_raw_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_rejections_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejections")),
        sa.UniqueConstraint("raw_item_id", name=op.f("uq_rejections_raw_item_id")),
    )
    with op.batch_alter_table("rejections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rejections_source_id"), ["source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rejections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rejections_source_id"))

    op.drop_table("rejections")
    with op.batch_alter_table("offer_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offer_sources_raw_item_id"))
        batch_op.drop_index(batch_op.f("ix_offer_sources_offer_id"))

    op.drop_table("offer_sources")
    with op.batch_alter_table("raw_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_raw_items_crawl_run_id_state"))

    op.drop_table("raw_items")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offers_status_posted_at"))
        batch_op.drop_index(batch_op.f("ix_offers_rome_code"))
        batch_op.drop_index(batch_op.f("ix_offers_place_insee_code"))
        batch_op.drop_index(batch_op.f("ix_offers_place_departement_code"))
        batch_op.drop_index(batch_op.f("ix_offers_contract_type_contrat"))

    op.drop_table("offers")
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crawl_runs_source_id_started_at"))

    op.drop_table("crawl_runs")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sources_organization_id"))
        batch_op.drop_index(batch_op.f("ix_sources_next_run_at"))

    op.drop_table("sources")
    op.drop_table("organizations")
