"""The registration API: an organization registers and steers its own sources (bearer token).

An organization's token (`relais orgs add NAME`) sees and changes only that organization's
sources and offers; another organization's source is answered 404, as if it did not exist.
An API client with the operator scope sees and steers every source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.register import RegistrationError, SourceTaken, dry_run, register, source_view
from schemas.base import StrictModel
from schemas.registration import DryRun, RegistrationResult, SourceRequest, SourceView
from schemas.rejections import explain, offer_label
from store import access, models, organizations, quarantine
from store.db import session_scope
from web.deps import Db, documented_token

router = APIRouter(prefix="/api/v1", tags=["Inscription des sources"])

Responses = dict[int | str, dict[str, Any]]
UNAUTHORIZED: Responses = {401: {"description": "Aucun jeton, ou un jeton expiré ou révoqué."}}
NOT_FOUND: Responses = {
    404: {"description": "Aucune source de ce nom parmi celles que le jeton peut voir."}
}


@dataclass(frozen=True)
class Principal:
    """Who is asking: an organization (its id and name), or an operator (sees everything)."""

    organization_id: int | None
    organization: str | None

    @property
    def operator(self) -> bool:
        return self.organization_id is None


def principal_for_token(token: str) -> Principal | None:
    """The organization or operator a bearer token stands for, or None."""
    with session_scope() as session:
        organization = organizations.organization_for_token(session, token)
        if organization is not None:
            return Principal(organization.id, organization.name)
        client = access.client_for_token(session, token)
        if client is not None and "operator" in client.scopes.split():
            return Principal(None, None)
    return None


def authenticated(
    request: Request, _declared: Annotated[None, Depends(documented_token)]
) -> Principal:
    """The request's principal, from `Authorization: Bearer TOKEN`, or a 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    principal = principal_for_token(token.strip()) if scheme.lower() == "bearer" else None
    if principal is None:
        raise HTTPException(
            status_code=401,
            detail="Un jeton d'organisation valide "
            "(ou le jeton bearer d'un opérateur) est demandé.",
            headers={"WWW-Authenticate": 'Bearer realm="relais"'},
        )
    return principal


Caller = Annotated[Principal, Depends(authenticated)]


def visible_sources(session: Session, principal: Principal) -> list[models.Source]:
    """The sources the principal may see, by name."""
    query = select(models.Source).order_by(models.Source.name)
    if not principal.operator:
        query = query.where(models.Source.organization_id == principal.organization_id)
    return list(session.scalars(query))


def visible_source(session: Session, principal: Principal, name: str) -> models.Source:
    """The named source if the principal may see it; a 404 otherwise, whoever owns it."""
    source = session.scalars(select(models.Source).where(models.Source.name == name)).first()
    if source is None or (
        not principal.operator and source.organization_id != principal.organization_id
    ):
        raise HTTPException(status_code=404, detail=f"Aucune source nommée {name!r}.")
    return source


def _unprocessable(error: RegistrationError) -> RequestValidationError:
    return RequestValidationError(
        [
            {"type": "value_error", "loc": ("body", *p.location), "msg": p.message, "input": None}
            for p in error.problems
        ]
    )


@router.post(
    "/sources",
    status_code=201,
    responses={
        200: {"description": "L'adresse était déjà inscrite : cette source, inchangée."},
        409: {"description": "Une autre organisation a déjà inscrit cette adresse."},
        **UNAUTHORIZED,
    },
    summary="Inscrire une source",
    description="Inscrit une source par son adresse ; son type est détecté s'il n'est pas "
    "donné.\n\nInscrire de nouveau une adresse renvoie la source existante (200), jamais "
    "une deuxième. Les erreurs nomment le champ fautif et pourquoi (422, `detail[].loc`).",
    response_description="La source créée.",
)
def register_source(
    request: SourceRequest, caller: Caller, response: Response
) -> RegistrationResult:
    """Register a source by its URL; the kind is detected unless given.

    Registering a URL again returns the existing source (200), never a second one. Errors
    name the field at fault and why (422, `detail[].loc`).
    """
    try:
        result = register(request, caller.organization)
    except RegistrationError as error:
        raise _unprocessable(error) from None
    except SourceTaken as error:
        raise HTTPException(status_code=409, detail=str(error)) from None
    if not result.created:
        response.status_code = 200
    return result


@router.post(
    "/sources/dry-run",
    responses=UNAUTHORIZED,
    summary="Essayer une source à blanc",
    description="Lit la source une fois et dit ce qui serait importé et ce qui serait "
    "refusé, avec les raisons ; rien n'est enregistré. `error` dit pourquoi la source "
    "elle-même n'a pas pu être lue.",
    response_description="Le résultat de l'essai.",
)
def dry_run_source(request: SourceRequest, caller: Caller) -> DryRun:
    """Fetch the source once and say what would be imported and what rejected, with the
    reasons; nothing is stored. `error` says why the source itself could not be read."""
    try:
        return dry_run(request)
    except RegistrationError as error:
        raise _unprocessable(error) from None


@router.get(
    "/sources",
    responses=UNAUTHORIZED,
    summary="Lister ses sources",
    description="Les sources de l'organisation du jeton (un opérateur : toutes).",
    response_description="Les sources.",
)
def list_sources(caller: Caller, session: Db) -> list[SourceView]:
    """The caller's sources (an operator: every source)."""
    return [source_view(session, source) for source in visible_sources(session, caller)]


@router.get(
    "/sources/{name}",
    responses={**UNAUTHORIZED, **NOT_FOUND},
    summary="Lire une source",
    description="Une source : son état, sa dernière collecte, ses offres publiées, ses "
    "éléments en quarantaine.",
    response_description="La source.",
)
def show_source(name: str, caller: Caller, session: Db) -> SourceView:
    """One source: state, last collection, live offers, items in quarantine."""
    return source_view(session, visible_source(session, caller, name))


class PauseRequest(StrictModel):
    reason: str | None = Field(
        default=None, max_length=500, description="Pourquoi, pour les autres."
    )


@router.post(
    "/sources/{name}/pause",
    responses={**UNAUTHORIZED, **NOT_FOUND},
    summary="Mettre une source en pause",
    description="Arrête de collecter la source jusqu'à sa reprise.",
    response_description="La source, en pause.",
)
def pause_source(
    name: str,
    caller: Caller,
    session: Db,
    pause: Annotated[PauseRequest | None, Body()] = None,
) -> SourceView:
    """Stop collecting the source until it is resumed."""
    source = visible_source(session, caller, name)
    source.paused = True
    source.paused_reason = (pause.reason if pause else None) or "mise en pause par son organisation"
    return source_view(session, source)


@router.post(
    "/sources/{name}/resume",
    responses={**UNAUTHORIZED, **NOT_FOUND},
    summary="Reprendre une source",
    description="Collecte de nouveau la source à son rythme.",
    response_description="La source, reprise.",
)
def resume_source(name: str, caller: Caller, session: Db) -> SourceView:
    """Collect the source again on its schedule."""
    source = visible_source(session, caller, name)
    source.paused, source.paused_reason = False, None
    return source_view(session, source)


@router.get(
    "/sources/{name}/offers",
    responses={**UNAUTHORIZED, **NOT_FOUND},
    summary="Offres d'une source",
    description="Les offres publiées de la source, les plus récemment mises à jour d'abord.",
    response_description="Les offres.",
)
def source_offers(name: str, caller: Caller, session: Db) -> list[dict[str, Any]]:
    """The source's live offers, the most recently updated first."""
    source = visible_source(session, caller, name)
    rows = session.scalars(
        select(models.Offer)
        .where(models.Offer.source_id == source.id, models.Offer.status == "published")
        .order_by(models.Offer.updated_at.desc(), models.Offer.id.desc())
        .limit(500)
    )
    return [
        {
            "id": row.id,
            "external_id": row.external_id,
            "title": row.title,
            "url": row.url,
            "updated_at": row.updated_at.isoformat(),
        }
        for row in rows
    ]


@router.get(
    "/sources/{name}/rejections",
    responses={**UNAUTHORIZED, **NOT_FOUND},
    summary="Refus d'une source",
    description="Les éléments de la source en quarantaine, chacun avec toutes ses raisons : "
    "`field` et `code`, stables, pour les programmes, et `explication`, la phrase en "
    "français qui dit quoi changer à la source ; `libelle` nomme l'élément par son "
    "intitulé et sa référence.",
    response_description="Les éléments en quarantaine.",
)
def source_rejections(name: str, caller: Caller, session: Db) -> list[dict[str, Any]]:
    """The source's items in quarantine, each with every reason: its stable `field` and `code`
    for programs, and `explication`, the French sentence that says what to change at the source
    (`schemas.rejections.explain`); `libelle` names the item by its title and reference."""
    source = visible_source(session, caller, name)
    return [
        {
            "id": row.id,
            "external_id": row.external_id,
            "title": row.title,
            "reference": row.reference,
            "libelle": offer_label(row.title, row.reference, row.external_id),
            "reasons": [{**reason, "explication": explain(reason)} for reason in row.reasons],
            "created_at": row.created_at.isoformat(),
        }
        for row in quarantine.open_rejections(session, source.id, limit=500)
    ]
