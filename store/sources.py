"""Sources and organizations in the store: registration, lookup, pause, and which are due."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from schemas.readable import ReadableLookupError, ReadableValueError
from schemas.sources import SourceDefaults, SourceKind, SourceRegistration
from store import models
from store.models import utcnow
from store.urls import canonical_url

# Sources of this kind receive pushes through the intake (France Travail v2 JSON): never crawled.
INTAKE_KIND = "intake"


class SourceNotFound(ReadableLookupError):
    """No source has that name."""


class SourceExists(ReadableValueError):
    """A source with that name, or that URL, is already registered."""


def get_or_create_organization(session: Session, name: str) -> models.Organization:
    """The organization of that name, created if new."""
    organization = session.scalars(
        select(models.Organization).where(models.Organization.name == name)
    ).one_or_none()
    if organization is None:
        organization = models.Organization(name=name)
        session.add(organization)
        session.flush()
    return organization


def source_for_url(session: Session, url: str) -> models.Source | None:
    """The source registered under `url` however it was spelled (store.urls), or None."""
    return session.scalars(
        select(models.Source).where(models.Source.url_key == canonical_url(url))
    ).first()


def add_source(session: Session, registration: SourceRegistration) -> models.Source:
    """Register a source; the same name, or the same URL however spelled, twice is refused."""
    url = str(registration.url)
    clash = session.scalars(
        select(models.Source).where(
            or_(
                models.Source.name == registration.name,
                models.Source.url_key == canonical_url(url),
            )
        )
    ).first()
    if clash is not None:
        what = "ce nom" if clash.name == registration.name else "cette adresse"
        raise SourceExists(f"une source avec {what} est déjà enregistrée : {clash.name}")
    organization = (
        get_or_create_organization(session, registration.organization)
        if registration.organization
        else None
    )
    source = models.Source(
        name=registration.name,
        kind=registration.kind.value,
        url=url,
        organization=organization,
        schedule_minutes=registration.schedule_minutes,
        defaults=registration.defaults.model_dump(exclude_none=True),
        settings=dict(registration.settings),
        threads=list(registration.threads),
        max_age_days=registration.max_age_days,
        recheck_after_days=registration.recheck_after_days,
        paused=False,
        next_run_at=None,
    )
    session.add(source)
    session.flush()
    return source


def get_source(session: Session, name: str) -> models.Source:
    """The source of that name, or SourceNotFound."""
    source = session.scalars(select(models.Source).where(models.Source.name == name)).one_or_none()
    if source is None:
        raise SourceNotFound(f"aucune source ne s'appelle « {name} »")
    return source


def list_sources(session: Session) -> list[models.Source]:
    """Every source, by name."""
    return list(session.scalars(select(models.Source).order_by(models.Source.name)))


def set_paused(
    session: Session, name: str, paused: bool, reason: str | None = None
) -> models.Source:
    """Pause or resume a source; a paused source is never collected."""
    source = get_source(session, name)
    source.paused = paused
    source.paused_reason = reason if paused else None
    return source


def due_sources(session: Session, now: datetime | None = None) -> list[models.Source]:
    """Sources not paused whose next collection time has come (or that were never collected)."""
    now = now or utcnow()
    return list(
        session.scalars(
            select(models.Source)
            .where(
                models.Source.paused.is_(False),
                models.Source.kind != INTAKE_KIND,
                or_(models.Source.next_run_at.is_(None), models.Source.next_run_at <= now),
            )
            .order_by(models.Source.next_run_at.is_not(None), models.Source.next_run_at)
        )
    )


def schedule_next(source: models.Source, ran_at: datetime) -> None:
    """Record a collection and set when the source is due again."""
    source.last_run_at = ran_at
    source.next_run_at = ran_at + timedelta(minutes=source.schedule_minutes)


def registration_of(source: models.Source) -> SourceRegistration:
    """The registration a stored source was made from."""
    return SourceRegistration(
        name=source.name,
        kind=SourceKind(source.kind),
        url=source.url,
        organization=source.organization.name if source.organization else None,
        schedule_minutes=source.schedule_minutes,
        defaults=SourceDefaults.model_validate(source.defaults or {}),
        settings=dict(source.settings or {}),
        threads=list(source.threads or []),
        max_age_days=source.max_age_days,
        recheck_after_days=source.recheck_after_days,
    )
