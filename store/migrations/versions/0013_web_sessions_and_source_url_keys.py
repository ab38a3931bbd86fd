"""Page sessions kept server-side, and each source's canonical URL for one URL, one source.

`web_sessions` holds the recruiters' and operators' sign-in sessions by the hash of their id
(the browser no longer holds a token). `sources.url_key` is the canonical form of the source's
URL (store.urls); it is computed here for the sources already registered, so that a new
registration is compared with them canonically too. Two sources registered before under two
spellings of one URL keep working; neither is removed.

Revision ID: 0013_sessions_url_keys
Revises: 0012
Create Date: 2026-11-30 09:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.urls import canonical_url

revision: str = "0013_sessions_url_keys"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_hash", sa.String(length=64), nullable=False),
        sa.Column("organization_token_id", sa.Integer(), nullable=True),
        sa.Column("api_client_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["api_client_id"],
            ["api_clients.id"],
            name=op.f("fk_web_sessions_api_client_id_api_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_token_id"],
            ["organization_tokens.id"],
            name=op.f("fk_web_sessions_organization_token_id_organization_tokens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("session_hash", name=op.f("uq_web_sessions_session_hash")),
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_web_sessions_api_client_id"), ["api_client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_web_sessions_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_web_sessions_organization_token_id"),
            ["organization_token_id"],
            unique=False,
        )

    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("url_key", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_sources_url_key"), ["url_key"], unique=False)

    connection = op.get_bind()
    sources = sa.table("sources", sa.column("id", sa.Integer), sa.column("url", sa.Text),
                       sa.column("url_key", sa.Text))  # fmt: skip
    for source_id, url in connection.execute(sa.select(sources.c.id, sources.c.url)).all():
        connection.execute(
            sources.update().where(sources.c.id == source_id).values(url_key=canonical_url(url))
        )


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sources_url_key"))
        batch_op.drop_column("url_key")

    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_sessions_organization_token_id"))
        batch_op.drop_index(batch_op.f("ix_web_sessions_expires_at"))
        batch_op.drop_index(batch_op.f("ix_web_sessions_api_client_id"))

    op.drop_table("web_sessions")
