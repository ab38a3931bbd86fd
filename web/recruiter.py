"""The recruiters' page: an organization's sources, offers, rejections, and the form to register.

A recruiter signs in with the organization's token (`relais orgs add`); the browser then holds a
session id (store.sessions) in an HttpOnly, SameSite=Strict cookie, ended at sign-out and when
the token is rotated; the forms refuse posts from other sites.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from pipeline.register import (
    RegistrationError,
    SourceTaken,
    dry_run,
    register,
    source_view,
)
from schemas.registration import DryRun, SourceRequest
from schemas.rejections import explain, offer_label
from schemas.sources import SourceKind
from schemas.validation_fr import french_message
from store import models, organizations, reports, sessions
from store import publishing as pub
from store.db import session_scope
from web.cookies import (
    clear_session_cookie,
    end_session,
    flash,
    same_origin,
    session_holder,
    set_session_cookie,
    take_flash,
)
from web.pages import templates
from web.rome_coding import rome_view

COOKIE = "relais_espace"
router = APIRouter(prefix="/espace", include_in_schema=False)

FORM_MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "url_parsing": "Ce n'est pas une adresse web valide (https://…).",
    "url_scheme": "Seules les adresses http et https sont acceptées.",
    "int_parsing": "Indiquez un nombre entier de minutes.",
    "greater_than_equal": "Au moins {ge}.",
    "less_than_equal": "Au plus {le}.",
    "string_pattern_mismatch": "Lettres, chiffres, point, tiret et souligné seulement.",
    "string_too_long": "Trop long (au plus {max_length} caractères).",
}
STATUS_LABELS = {
    "ok": "réussie",
    "not_modified": "rien de nouveau",
    "failed": "échec",
    "running": "en cours",
}


_NO_THREAD = "elle n'entre dans aucun fil régional ou départemental"


def place_note(offer: models.Offer) -> str | None:
    """Why a live offer reaches no regional or departmental thread, and what to write at the
    source so that it does; None when its place is precise enough (or it is fully remote).

    Threads filter on the commune, département or région recognised in the INSEE referential
    (`schemas.threads.ThreadFilter`); a missing, unknown, ambiguous or too broad place has none.
    """
    text = offer.place_text or ""
    match offer.place_match:
        case "missing":
            return (
                f"Aucun lieu indiqué : {_NO_THREAD}. Indiquez dans votre flux la commune du poste "
                "(avec son code postal), ou donnez un lieu par défaut à la source."
            )
        case "unknown":
            return (
                f"Lieu « {text} » non reconnu : {_NO_THREAD}. Écrivez la commune du poste, par "
                "exemple « 69003 Lyon » ou « Villeurbanne (69) »."
            )
        case "ambiguous":
            return (
                f"Lieu « {text} » ambigu (plusieurs communes portent ce nom) : {_NO_THREAD}. "
                "Ajoutez le code postal ou le département."
            )
        case "country" | "zone":
            return (
                f"Lieu « {text} » trop large : {_NO_THREAD}. Indiquez la commune du poste, ou "
                "précisez qu'il s'agit d'un poste en télétravail complet."
            )
    return None


def plain_reason(reason: dict[str, Any]) -> str:
    """A quarantine reason in a recruiter's words (`schemas.rejections.explain`)."""
    return explain(reason)


templates.env.filters["plain_reason"] = plain_reason
templates.env.filters["run_status"] = lambda status: STATUS_LABELS.get(status, status)


def _signed_in(request: Request) -> sessions.SessionHolder | None:
    holder = session_holder(request, COOKIE)
    return holder if holder is not None and not holder.operator else None


def _to_login() -> RedirectResponse:
    return RedirectResponse("/espace/connexion", status_code=303)


@router.get("/connexion", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return templates.TemplateResponse(request, "recruiter_login.html", {"error": None})


@router.post("/connexion", response_class=HTMLResponse)
def login(request: Request, token: Annotated[str, Form()] = "") -> Response:
    """Check the organization's token and open a session; the cookie holds its id."""
    same_origin(request)
    with session_scope() as session:
        live = organizations.live_token(session, token.strip())
        session_id = sessions.open_organization_session(session, live) if live else None
    if session_id is None:
        return templates.TemplateResponse(
            request,
            "recruiter_login.html",
            {"error": "Ce jeton n'est pas valide : vérifiez-le ou demandez-en un nouveau."},
            status_code=401,
        )
    response = RedirectResponse("/espace", status_code=303)
    set_session_cookie(response, request, COOKIE, session_id)
    return response


@router.post("/deconnexion")
def logout(request: Request) -> Response:
    """End the session: its id is worth nothing afterwards, wherever it was copied."""
    same_origin(request)
    end_session(request, COOKIE)
    response = _to_login()
    clear_session_cookie(response, COOKIE)
    return response


@router.get("", response_class=HTMLResponse)
def recruiter_page(request: Request) -> Response:
    """The organization's sources, live offers, rejected items and where offers went."""
    principal = _signed_in(request)
    if principal is None:
        return _to_login()
    with session_scope() as session:
        sources = list(
            session.scalars(
                select(models.Source)
                .where(models.Source.organization_id == principal.organization_id)
                .order_by(models.Source.name)
            )
        )
        ids = [source.id for source in sources]
        names = {source.id: source.name for source in sources}
        context = {
            "organization": principal.organization,
            "sources": [source_view(session, source) for source in sources],
            "offers": [
                {
                    "id": o.id,
                    "title": o.title,
                    "source": names[o.source_id],
                    "updated": o.updated_at,
                    "rome": rome_view(o),
                    "place_note": place_note(o),
                }
                for o in reports.live_offers(session, ids)
            ],
            "rejections": [
                {
                    "label": offer_label(r.title, r.reference, r.external_id),
                    "external_id": r.external_id,
                    "source": names[r.source_id],
                    "reasons": r.reasons,
                    "since": r.created_at,
                }
                for r in reports.open_rejections(session, ids)
            ],
            "republication": reports.republication(session, ids),
            "notice": take_flash(request, COOKIE),
        }
    return templates.TemplateResponse(request, "recruiter.html", context)


def _steer(request: Request, name: str, paused: bool) -> Response:
    same_origin(request)
    principal = _signed_in(request)
    if principal is None:
        return _to_login()
    with session_scope() as session:
        source = session.scalars(
            select(models.Source).where(
                models.Source.name == name,
                models.Source.organization_id == principal.organization_id,
            )
        ).first()
        if source is None:
            raise HTTPException(status_code=404, detail="Cette source n'existe pas.")
        source.paused = paused
        source.paused_reason = "mise en pause par son organisation" if paused else None
    return RedirectResponse("/espace", status_code=303)


@router.post("/sources/{name}/pause")
def pause(request: Request, name: str) -> Response:
    return _steer(request, name, True)


@router.post("/sources/{name}/reprise")
def resume(request: Request, name: str) -> Response:
    return _steer(request, name, False)


def _threads() -> list[tuple[str, str]]:
    with session_scope() as session:
        return [(row.slug, row.title) for row in pub.list_threads(session)]


def _form_page(
    request: Request,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    check: DryRun | None = None,
    status_code: int = 200,
) -> Response:
    return templates.TemplateResponse(
        request,
        "recruiter_form.html",
        {
            "values": values,
            "errors": errors or {},
            "check": check,
            "kinds": [kind.value for kind in SourceKind],
            "threads": _threads(),
        },
        status_code=status_code,
    )


@router.get("/sources/nouvelle", response_class=HTMLResponse)
def registration_form(request: Request) -> Response:
    if _signed_in(request) is None:
        return _to_login()
    return _form_page(request, {"kind": "auto", "schedule_minutes": "60", "threads": []})


def _form_field(location: tuple[Any, ...]) -> str:
    if not location:
        return "url"
    if location[0] == "defaults" and len(location) > 1:
        return str(location[1])
    return str(location[0])


def _form_message(problem: dict[str, Any]) -> str:
    template = FORM_MESSAGES.get(problem["type"])
    if template is None:
        return french_message(problem)
    return template.format(**(problem.get("ctx") or {}))


@router.post("/sources/nouvelle", response_class=HTMLResponse)
def submit_registration(
    request: Request,
    url: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "auto",
    name: Annotated[str, Form()] = "",
    schedule_minutes: Annotated[str, Form()] = "60",
    company_name: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    contract: Annotated[str, Form()] = "",
    settings: Annotated[str, Form()] = "",
    threads: Annotated[list[str] | None, Form()] = None,
    action: Annotated[str, Form()] = "register",
) -> Response:
    """Check (dry run) or register the source; errors are shown beside their fields."""
    same_origin(request)
    principal = _signed_in(request)
    if principal is None:
        return _to_login()
    values = {
        "url": url,
        "kind": kind,
        "name": name,
        "schedule_minutes": schedule_minutes,
        "company_name": company_name,
        "place": place,
        "contract": contract,
        "settings": settings,
        "threads": threads or [],
    }
    errors: dict[str, str] = {}
    try:
        parsed_settings = json.loads(settings) if settings.strip() else {}
        if not isinstance(parsed_settings, dict):
            raise ValueError
    except ValueError:
        errors["settings"] = 'Un objet JSON est attendu, par exemple {"board": "acme"}.'
        parsed_settings = {}
    try:
        given = {"url": url, "kind": kind, "name": name, "schedule_minutes": schedule_minutes}
        defaults = {"company_name": company_name, "place": place, "contract": contract}
        source_request = SourceRequest.model_validate(
            {
                **{key: value.strip() for key, value in given.items() if value.strip()},
                "defaults": {
                    key: value.strip() for key, value in defaults.items() if value.strip()
                },
                "settings": parsed_settings,
                "threads": threads or [],
            }
        )
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            errors.setdefault(_form_field(tuple(problem["loc"])), _form_message(dict(problem)))
    if errors:
        return _form_page(request, values, errors, status_code=422)
    try:
        if action == "check":
            return _form_page(request, values, check=dry_run(source_request))
        result = register(source_request, principal.organization)
    except RegistrationError as error:
        for fault in error.problems:
            errors.setdefault(_form_field(fault.location), fault.message)
        return _form_page(request, values, errors, status_code=422)
    except SourceTaken:
        errors["url"] = "Cette adresse est déjà enregistrée par une autre organisation."
        return _form_page(request, values, errors, status_code=422)
    name = result.source.name
    flash(
        request,
        COOKIE,
        f"Source {name} enregistrée : elle sera collectée à sa prochaine échéance."
        if result.created
        else f"Cette adresse était déjà enregistrée : c'est la source {name}.",
    )
    return RedirectResponse("/espace", status_code=303)
