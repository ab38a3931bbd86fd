"""Organizations' access tokens: created once, shown once, stored as their SHA-256 only."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from schemas.readable import ReadableLookupError, ReadableValueError
from store import models
from store.access import _token_hash
from store.models import Base, utcnow

TOKEN_PREFIX = "relais_org_"


class OrganizationToken(Base):
    """A long-lived token an organization's recruiters use for the API and their page."""

    __tablename__ = "organization_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    organization: Mapped[models.Organization] = relationship()


class OrganizationExists(ReadableValueError):
    """An organization of that name already holds a token."""


class OrganizationNotFound(ReadableLookupError):
    """No organization has that name."""


@dataclass(frozen=True)
class IssuedOrganizationToken:
    """What the operator hands to the organization, once: the token is not kept."""

    organization: str
    token: str


def _issue(session: Session, organization: models.Organization) -> IssuedOrganizationToken:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(OrganizationToken(organization_id=organization.id, token_hash=_token_hash(token)))
    session.flush()
    return IssuedOrganizationToken(organization.name, token)


def _active_tokens(session: Session, organization_id: int) -> list[OrganizationToken]:
    return list(
        session.scalars(
            select(OrganizationToken).where(
                OrganizationToken.organization_id == organization_id,
                OrganizationToken.revoked_at.is_(None),
            )
        )
    )


def add_organization(session: Session, name: str) -> IssuedOrganizationToken:
    """Create an organization (or adopt one made by `sources add --org`) and issue its token.

    Refused when the organization already holds a live token: rotate it with `new_token`.
    """
    organization = session.scalars(
        select(models.Organization).where(models.Organization.name == name)
    ).one_or_none()
    if organization is None:
        organization = models.Organization(name=name)
        session.add(organization)
        session.flush()
    elif _active_tokens(session, organization.id):
        raise OrganizationExists(
            f"l'organisation {name!r} a déjà un jeton : `relais orgs token {name}` le remplace"
        )
    return _issue(session, organization)


def new_token(session: Session, name: str) -> IssuedOrganizationToken:
    """Revoke the organization's tokens, and so every page session opened with them, and issue
    a new one."""
    from store.sessions import revoke_organization_sessions

    organization = get_organization(session, name)
    for token in _active_tokens(session, organization.id):
        token.revoked_at = utcnow()
    revoke_organization_sessions(session, organization.id)
    return _issue(session, organization)


def get_organization(session: Session, name: str) -> models.Organization:
    """The organization of that name, or OrganizationNotFound."""
    organization = session.scalars(
        select(models.Organization).where(models.Organization.name == name)
    ).one_or_none()
    if organization is None:
        raise OrganizationNotFound(f"aucune organisation nommée {name!r}")
    return organization


def live_token(session: Session, token: str) -> OrganizationToken | None:
    """The live (unrevoked) organization token row of that value, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return session.scalars(
        select(OrganizationToken).where(
            OrganizationToken.token_hash == _token_hash(token),
            OrganizationToken.revoked_at.is_(None),
        )
    ).one_or_none()


def organization_for_token(session: Session, token: str) -> models.Organization | None:
    """The organization a live token belongs to, or None."""
    row = live_token(session, token)
    return row.organization if row is not None else None


@dataclass(frozen=True)
class OrganizationSummary:
    name: str
    sources: int
    has_token: bool
    created_at: datetime


def list_organizations(session: Session) -> list[OrganizationSummary]:
    """Every organization with its number of sources and whether it holds a live token."""
    sources = dict(
        session.execute(
            select(models.Source.organization_id, func.count()).group_by(
                models.Source.organization_id
            )
        ).all()
    )
    with_token = set(
        session.scalars(
            select(OrganizationToken.organization_id).where(OrganizationToken.revoked_at.is_(None))
        )
    )
    return [
        OrganizationSummary(org.name, sources.get(org.id, 0), org.id in with_token, org.created_at)
        for org in session.scalars(select(models.Organization).order_by(models.Organization.name))
    ]
