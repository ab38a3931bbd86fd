"""Intake receipts: what the intake answered to each idempotency key, so a retry changes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from store.models import Base, utcnow
from store.types import JSONDocument


class IntakeReceipt(Base):
    """One request an API client pushed, by its idempotency key, and the answer it got."""

    __tablename__ = "intake_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    api_client_id: Mapped[int] = mapped_column(ForeignKey("api_clients.id", ondelete="CASCADE"))
    idempotency_key: Mapped[str] = mapped_column(String(200))
    # sha256 (hex) of the request the key was first used for: method, reference and body.
    # NULL for receipts kept before keys were bound to their request (any request replays them).
    request_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("api_client_id", "idempotency_key"),)


def find_receipt(session: Session, api_client_id: int, key: str) -> IntakeReceipt | None:
    return session.scalars(
        select(IntakeReceipt).where(
            IntakeReceipt.api_client_id == api_client_id, IntakeReceipt.idempotency_key == key
        )
    ).one_or_none()


def keep_receipt(
    session: Session,
    api_client_id: int,
    key: str,
    status_code: int,
    response: dict[str, Any],
    request_digest: str | None = None,
) -> None:
    session.add(
        IntakeReceipt(
            api_client_id=api_client_id,
            idempotency_key=key,
            request_digest=request_digest,
            status_code=status_code,
            response=response,
        )
    )
