"""The operators' API: community threads and the state of the outbox (scope `operator`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from pipeline.publish import create_thread
from pipeline.thread_filters import ThreadFilterError, checked_filter
from schemas.threads import Thread
from store import access
from store import publishing as pub
from web.deps import Db
from web.ft_api import Client

router = APIRouter(prefix="/api/v1", tags=["Opérateurs"])


def operator(client: Client) -> access.ApiClient:
    """Only clients given the operator scope may steer threads and see the outbox."""
    if "operator" not in client.scopes.split():
        raise HTTPException(403, "Ce client d'API n'a pas le droit d'opérateur (scope operator).")
    return client


Operator = Annotated[access.ApiClient, Depends(operator)]


@router.get(
    "/threads",
    summary="Lister les fils",
    description="Tous les fils thématiques, avec leur filtre.",
    response_description="Les fils.",
)
def list_threads(client: Operator, session: Db) -> list[dict[str, Any]]:
    """Every community thread with its filter."""
    return [row.model().model_dump(mode="json") for row in pub.list_threads(session)]


@router.post(
    "/threads",
    status_code=201,
    summary="Créer un fil",
    description="Crée un fil thématique ; les offres publiées qu'il retient lui sont aussitôt "
    "envoyées.",
    response_description="Le fil créé, et le nombre d'offres mises en file (`queued`).",
)
async def add_thread(thread: Thread, client: Operator) -> JSONResponse:
    """Create a thread; live offers that match are queued for it at once."""
    try:
        thread = thread.model_copy(update={"filter": checked_filter(thread.filter)})
    except ThreadFilterError as error:
        raise HTTPException(422, str(error)) from error
    try:
        queued = await run_in_threadpool(create_thread, thread)
    except ValueError as error:
        raise HTTPException(409, str(error)) from error
    return JSONResponse({**thread.model_dump(mode="json"), "queued": queued}, status_code=201)


@router.get(
    "/outbox",
    summary="File d'envoi",
    description="Pour chaque cible : les envois en attente, en échec (avec la dernière "
    "erreur) et faits.",
    response_description="L'état de la file, cible par cible.",
)
def outbox(client: Operator, session: Db) -> list[dict[str, Any]]:
    """Per target: entries pending, failing (with the latest error) and delivered."""
    return [
        {
            **asdict(row),
            "next_attempt_at": row.next_attempt_at.isoformat() if row.next_attempt_at else None,
        }
        for row in pub.outbox_status(session)
    ]
