"""The operators' page: every source's health, fill rates, the quarantine; pause, resume, replay.

An operator signs in with the credentials of an API client made with `relais api-clients add
NAME --operator`; the browser then holds a session id (store.sessions) in an HttpOnly,
SameSite=Strict cookie, ended at sign-out and when the client is revoked.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from schemas.rejections import explain, offer_label
from store import access, health, models, reports, sessions
from store import quarantine as store_quarantine
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
from web.ratelimit import SignInAttempts, TooManyAttempts
from web.rome_coding import rome_view

COOKIE = "relais_operateur"
templates.env.filters["plain_reason"] = explain
router = APIRouter(prefix="/operateur", include_in_schema=False)


def _is_operator(request: Request) -> bool:
    holder = session_holder(request, COOKIE)
    return holder is not None and holder.operator


def _to_login() -> RedirectResponse:
    return RedirectResponse("/operateur/connexion", status_code=303)


@router.get("/connexion", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return templates.TemplateResponse(request, "operator_login.html", {"error": None})


@router.post("/connexion", response_class=HTMLResponse)
def login(
    request: Request,
    client_id: Annotated[str, Form()] = "",
    client_secret: Annotated[str, Form()] = "",
) -> Response:
    """Check an operator client's credentials and open a session; the cookie holds its id."""
    same_origin(request)
    address = request.client.host if request.client else "inconnue"
    attempts: SignInAttempts = request.app.state.sign_in_attempts
    try:
        attempts.check(client_id.strip(), address)
    except TooManyAttempts as error:
        return templates.TemplateResponse(
            request,
            "operator_login.html",
            {"error": f"Trop d'échecs de connexion : réessayez dans {error.retry_after} secondes."},
            status_code=429,
            headers={"Retry-After": str(error.retry_after)},
        )
    with session_scope() as session:
        client = access.authenticate_client(session, client_id.strip(), client_secret.strip())
        session_id = (
            sessions.open_operator_session(session, client)
            if client is not None and "operator" in client.scopes.split()
            else None
        )
    if client is None:
        attempts.failed(client_id.strip(), address)
    if session_id is None:
        return templates.TemplateResponse(
            request,
            "operator_login.html",
            {"error": "Identifiants refusés, ou client sans le rôle opérateur."},
            status_code=401,
        )
    response = RedirectResponse("/operateur", status_code=303)
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
def operator_page(request: Request) -> Response:
    """Every source's last run, error budget and next run; fill rates; the offers whose ROME
    code is uncertain, with the next best métiers; the quarantine."""
    if not _is_operator(request):
        return _to_login()
    with session_scope() as session:
        sources = health.all_health(session)
        names = {row.id: row.name for row in session.scalars(select(models.Source))}
        rejections = [
            {
                "id": row.id,
                "source": names.get(row.source_id, "?"),
                "external_id": row.external_id,
                "label": offer_label(row.title, row.reference, row.external_id),
                "reasons": row.reasons,
                "since": row.created_at,
            }
            for row in store_quarantine.open_rejections(session, limit=100)
        ]
        uncertain = [
            {
                "id": row.id,
                "title": row.title,
                "source": names.get(row.source_id, "?"),
                "rome": rome_view(row),
            }
            for row in reports.uncertain_rome_offers(session, limit=100)
        ]
        context = {
            "uncertain_rome": uncertain,
            "sources": sources,
            "rates": health.fill_rates(session),
            "rejections": rejections,
            "budget_runs": health.ERROR_BUDGET_RUNS,
            "notice": take_flash(request, COOKIE),
        }
    return templates.TemplateResponse(request, "operator.html", context)


def _source(session: Session, name: str) -> models.Source:
    source = session.scalars(select(models.Source).where(models.Source.name == name)).first()
    if source is None:
        raise HTTPException(status_code=404, detail="Cette source n'existe pas.")
    return source


@router.post("/sources/{name}/pause")
def pause(request: Request, name: str, reason: Annotated[str, Form()] = "") -> Response:
    same_origin(request)
    if not _is_operator(request):
        return _to_login()
    with session_scope() as session:
        source = _source(session, name)
        source.paused = True
        source.paused_reason = reason.strip() or "mise en pause par un opérateur"
    return RedirectResponse("/operateur", status_code=303)


@router.post("/sources/{name}/reprise")
def resume(request: Request, name: str) -> Response:
    same_origin(request)
    if not _is_operator(request):
        return _to_login()
    with session_scope() as session:
        source = _source(session, name)
        source.paused, source.paused_reason = False, None
    return RedirectResponse("/operateur", status_code=303)


@router.post("/sources/{name}/rejouer")
async def replay(request: Request, name: str) -> Response:
    """Replay the source's quarantine with the current code and settings."""
    same_origin(request)
    if not await run_in_threadpool(_is_operator, request):
        return _to_login()
    from pipeline.replay import replay as run_replay
    from store.sources import SourceNotFound

    try:
        outcomes = await run_in_threadpool(run_replay, name)
    except SourceNotFound:
        raise HTTPException(status_code=404, detail="Cette source n'existe pas.") from None
    released = sum(outcome.released for outcome in outcomes)
    replayed = sum(outcome.replayed for outcome in outcomes)
    await run_in_threadpool(flash, request, COOKIE, replay_notice(name, replayed, released))
    return RedirectResponse("/operateur", status_code=303)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number <= 1 else plural}"


def replay_notice(name: str, replayed: int, released: int) -> str:
    """What a replay of source `name`'s quarantine did, in French with agreed plurals."""
    if replayed == 0:
        return f"Source {name} : rien à rejouer, sa quarantaine est vide."
    said = f"Source {name} : {_count(replayed, 'élément rejoué', 'éléments rejoués')}"
    kept = replayed - released
    if released == 0:
        refused = "il n'est pas encore accepté" if replayed == 1 else "aucun n'est encore accepté"
        return f"{said} ; {refused}."
    if kept == 0:
        return f"{said}, {'il est' if replayed == 1 else 'tous sont'} maintenant accepté" + (
            "." if replayed == 1 else "s."
        )
    accepted = "est maintenant accepté" if released == 1 else "sont maintenant acceptés"
    stays = "reste" if kept == 1 else "restent"
    return f"{said} : {released} {accepted}, {kept} {stays} en quarantaine."
