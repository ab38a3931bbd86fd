"""Join the two lines of 0006: dedup, history and expiry; organizations' access tokens.

Revision ID: 0007
Revises: 0006_dedup, 0006_org_access
Create Date: 2026-11-22 07:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0007"
down_revision: str | Sequence[str] | None = ("0006_dedup", "0006_org_access")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the two revisions touch different tables."""


def downgrade() -> None:
    """Nothing to change."""
