"""Organizations' access tokens (stored hashed).

Revision ID: 0006_org_access
Revises: 0005
Create Date: 2026-11-22 06:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_org_access"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organization_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_tokens_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_organization_tokens_token_hash")),
    )
    with op.batch_alter_table("organization_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_tokens_organization_id"),
            ["organization_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("organization_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_tokens_organization_id"))
    op.drop_table("organization_tokens")
