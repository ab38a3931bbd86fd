"""Sign-in sessions of the recruiters' and operators' pages, known only by their hash.

A browser holds a random session id, never a token: the id is kept as its SHA-256, lives
SESSION_LIFETIME at most, ends at sign-out, and ends with what it was opened with: the
organization token (revoked or rotated with `relais orgs token`) or the operator's API client
(revoked with `relais api-clients revoke`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, Text, delete, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from store.access import ApiClient, _token_hash
from store.models import Base, utcnow
from store.organizations import OrganizationToken

SESSION_LIFETIME = timedelta(hours=8)
"""A working day: past it the recruiter or operator signs in again."""


class WebSession(Base):
    """A signed-in browser: an organization's (through its token) or an operator's."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_hash: Mapped[str] = mapped_column(String(64), unique=True)
    organization_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization_tokens.id", ondelete="CASCADE"), index=True
    )
    api_client_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_clients.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    revoked_at: Mapped[datetime | None]
    # A message to show once, on the next page of this session, after an action (a "flash").
    flash: Mapped[str | None] = mapped_column(Text)

    organization_token: Mapped[OrganizationToken | None] = relationship()
    api_client: Mapped[ApiClient | None] = relationship()


@dataclass(frozen=True)
class SessionHolder:
    """Who a live session stands for: an organization (id and name), or an operator."""

    organization_id: int | None
    organization: str | None

    @property
    def operator(self) -> bool:
        return self.organization_id is None


def _open(session: Session, now: datetime | None, **holder: int) -> str:
    session_id = secrets.token_urlsafe(32)
    now = now or utcnow()
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))  # worth nothing now
    session.add(
        WebSession(
            session_hash=_token_hash(session_id),
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
            **holder,
        )
    )
    session.flush()
    return session_id


def open_organization_session(
    session: Session, token: OrganizationToken, now: datetime | None = None
) -> str:
    """A new session id for a recruiter who signed in with the organization's `token`."""
    return _open(session, now, organization_token_id=token.id)


def open_operator_session(session: Session, client: ApiClient, now: datetime | None = None) -> str:
    """A new session id for an operator who signed in with `client`'s credentials."""
    return _open(session, now, api_client_id=client.id)


def session_holder(
    session: Session, session_id: str, now: datetime | None = None
) -> SessionHolder | None:
    """Who the session id stands for, or None: unknown, expired, signed out, or opened with a
    token or client revoked since."""
    row = session.scalars(
        select(WebSession).where(
            WebSession.session_hash == _token_hash(session_id),
            WebSession.revoked_at.is_(None),
            WebSession.expires_at > (now or utcnow()),
        )
    ).one_or_none()
    if row is None:
        return None
    if row.organization_token is not None:
        token = row.organization_token
        if token.revoked_at is not None:
            return None
        return SessionHolder(token.organization_id, token.organization.name)
    client = row.api_client
    if client is None or client.revoked_at is not None or "operator" not in client.scopes.split():
        return None
    return SessionHolder(None, None)


FLASH_MAX_CHARS = 2000


def set_flash(session: Session, session_id: str, message: str) -> None:
    """Keep `message` (French, written by Relais itself) for the session's next page.

    Messages after an action travel this way, never in the URL, so that nobody can make a
    link that shows a text of their choosing. Longer than FLASH_MAX_CHARS is cut.
    """
    session.execute(
        update(WebSession)
        .where(WebSession.session_hash == _token_hash(session_id))
        .values(flash=message[:FLASH_MAX_CHARS])
    )


def take_flash(session: Session, session_id: str) -> str | None:
    """The session's pending message, if any, and forget it (it shows once)."""
    row = session.scalars(
        select(WebSession).where(WebSession.session_hash == _token_hash(session_id))
    ).one_or_none()
    if row is None or row.flash is None:
        return None
    message, row.flash = row.flash, None
    return message


def close_session(session: Session, session_id: str) -> None:
    """Sign out: the session id is worth nothing from now on."""
    session.execute(
        update(WebSession)
        .where(WebSession.session_hash == _token_hash(session_id), WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_organization_sessions(session: Session, organization_id: int) -> int:
    """End every open session of the organization (at token rotation); how many."""
    tokens = select(OrganizationToken.id).where(
        OrganizationToken.organization_id == organization_id
    )
    result = session.execute(
        update(WebSession)
        .where(WebSession.organization_token_id.in_(tokens), WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)


def revoke_client_sessions(session: Session, client_id: int) -> int:
    """End every open session opened with the API client (at its revocation); how many."""
    result = session.execute(
        update(WebSession)
        .where(WebSession.api_client_id == client_id, WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)
