"""Registration by an organization: one URL, its kind detected or chosen, never twice.

The registration API and the recruiters' form both call `register` and `dry_run`; every
refusal is a `RegistrationError` naming the field at fault and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.check import CheckResult, check_source, complete_settings, detect_kind
from schemas.legacy_text import french_error
from schemas.registration import (
    DryRun,
    LastRun,
    OfferPreview,
    RegistrationResult,
    RejectionPreview,
    RejectionReasonView,
    SourceRequest,
    SourceView,
)
from schemas.sources import SourceDefaults, SourceKind, SourceRegistration
from schemas.validation_fr import french_message
from spiders.detect import Detection
from store import models
from store import publishing as pub
from store import runs as run_store
from store import sources as source_store
from store.db import session_scope


@dataclass(frozen=True)
class Problem:
    """One field at fault (a path such as ("settings", "board")) and why."""

    location: tuple[str | int, ...]
    message: str


class RegistrationError(ValueError):
    """The request cannot make a source; `problems` say which fields and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            "; ".join(f"{'.'.join(map(str, p.location))}: {p.message}" for p in problems)
        )
        self.problems = problems


class SourceTaken(ValueError):
    """The URL is registered already, by another organization."""


Detector = Callable[[str], Detection]


def source_view(session: Session, source: models.Source) -> SourceView:
    """A source as its organization sees it: state, last run, live offers, quarantine."""
    runs = run_store.latest_runs(session, source.id, 1)
    live = session.scalar(
        select(func.count()).where(
            models.Offer.source_id == source.id, models.Offer.status == "published"
        )
    )
    rejected = session.scalar(
        select(func.count()).where(
            models.Rejection.source_id == source.id, models.Rejection.resolved_at.is_(None)
        )
    )
    return SourceView(
        name=source.name,
        kind=source.kind,
        url=source.url,
        organization=source.organization.name if source.organization else None,
        schedule_minutes=source.schedule_minutes,
        defaults=SourceDefaults.model_validate(source.defaults or {}),
        settings=dict(source.settings or {}),
        threads=list(source.threads or []),
        paused=source.paused,
        paused_reason=french_error(source.paused_reason),
        last_run=LastRun(
            started_at=runs[0].started_at,
            status=runs[0].status,
            http_status=runs[0].http_status,
            error=french_error(runs[0].error),
        )
        if runs
        else None,
        next_run_at=source.next_run_at,
        offers_live=live or 0,
        rejected=rejected or 0,
    )


def _existing(session: Session, url: str, organization_id: int | None) -> RegistrationResult | None:
    source = source_store.source_for_url(session, url)
    if source is None:
        return None
    if organization_id is not None and source.organization_id != organization_id:
        raise SourceTaken("cette adresse est déjà enregistrée par une autre organisation")
    return RegistrationResult(created=False, source=source_view(session, source))


def _free_name(session: Session, url: str) -> str:
    parts = urlsplit(url)
    path = [p for p in parts.path.split("/") if p and "." not in p][:1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join([parts.hostname or "source", *path]))
    base = base.strip("-._")[:70] or "source"
    taken = set(
        session.scalars(select(models.Source.name).where(models.Source.name.startswith(base)))
    )
    name, counter = base, 2
    while name in taken:
        name, counter = f"{base}-{counter}", counter + 1
    return name


def _thread_problems(session: Session, threads: list[str]) -> list[Problem]:
    return [
        Problem(("threads", index), f"il n'y a pas de fil {slug!r}")
        for index, slug in enumerate(threads)
        if pub.get_thread(session, slug) is None
    ]


def _resolve_kind(
    request: SourceRequest, detector: Detector
) -> tuple[str, str, dict[str, object], list[str]]:
    url, settings = str(request.url), dict(request.settings)
    if request.kind != "auto":
        return request.kind, url, settings, []
    detection = detector(url)
    if detection.kind is None:
        raise RegistrationError(
            [
                Problem(
                    ("kind",),
                    "impossible de reconnaître le type de cette source ("
                    + "; ".join(detection.reasons)
                    + ") : choisissez-le",
                )
            ]
        )
    return detection.kind, detection.url, {**detection.settings, **settings}, detection.reasons


def register(
    request: SourceRequest,
    organization: str | None,
    *,
    detector: Detector = detect_kind,
) -> RegistrationResult:
    """Register the source for `organization` (None: an operator's, unowned), or return it
    when its URL is registered already. Raises RegistrationError or SourceTaken."""
    with session_scope() as session:
        owner = (
            source_store.get_or_create_organization(session, organization) if organization else None
        )
        owner_id = owner.id if owner else None
        found = _existing(session, str(request.url), owner_id)
        if found is not None:
            return found
        problems = _thread_problems(session, list(request.threads))
        if problems:
            raise RegistrationError(problems)
    kind, url, settings, reasons = _resolve_kind(request, detector)
    settings = complete_settings(kind, url, settings)
    with session_scope() as session:
        found = _existing(session, url, owner_id)
        if found is not None:
            return found
        name = request.name or _free_name(session, url)
        try:
            registration = SourceRegistration(
                name=name,
                kind=SourceKind(kind),
                url=url,
                organization=organization,
                schedule_minutes=request.schedule_minutes,
                defaults=request.defaults,
                settings=settings,
                threads=list(request.threads),
            )
        except ValidationError as error:
            raise RegistrationError(
                [
                    Problem(tuple(p["loc"]) or ("settings",), french_message(p))
                    for p in error.errors(include_url=False)
                ]
            ) from None
        try:
            source = source_store.add_source(session, registration)
        except source_store.SourceExists as error:
            raise RegistrationError([Problem(("name",), str(error))]) from None
        return RegistrationResult(
            created=True, detected=reasons, source=source_view(session, source)
        )


def _dry_run_view(result: CheckResult) -> DryRun:
    return DryRun(
        kind=result.kind,
        url=result.url,
        settings=result.settings,
        detected=result.detection.reasons if result.detection else [],
        error=result.error,
        would_import=len(result.offers),
        would_reject=len(result.rejections),
        offers=[
            OfferPreview(
                external_id=offer.external_id,
                title=offer.title,
                company_name=offer.company_name,
                place=offer.place.label or offer.place.text,
                contract=offer.contract.type_contrat or offer.contract.text,
                url=str(offer.url or offer.apply_url) if offer.url or offer.apply_url else None,
            )
            for offer in result.offers
        ],
        rejections=[
            RejectionPreview(
                external_id=rejection.external_id,
                title=rejection.title,
                reference=rejection.reference,
                reasons=[
                    RejectionReasonView(field=r.field, code=r.code, message=r.message)
                    for r in rejection.reasons
                ],
            )
            for rejection in result.rejections
        ],
    )


def dry_run(request: SourceRequest) -> DryRun:
    """Fetch the source once and say what would be imported and rejected; store nothing."""
    with session_scope() as session:
        problems = _thread_problems(session, list(request.threads))
    if problems:
        raise RegistrationError(problems)
    result = check_source(str(request.url), request.kind, dict(request.settings), request.defaults)
    return _dry_run_view(result)
