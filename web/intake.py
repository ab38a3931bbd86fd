"""The FT-style intake: authenticated API clients create, update and withdraw offers here."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pipeline import intake
from store import access
from web.ft_api import BASE, COMMON_ERRORS, Client

router = APIRouter(tags=["Dépôt"], responses=COMMON_ERRORS)


class IntakeReceipt(BaseModel):
    """Ce qu'est devenue une offre déposée : son identifiant ici, la référence de l'expéditeur,
    son état."""

    id: str | None = None
    reference: str
    status: str


class IntakeRejection(BaseModel):
    """Une offre déposée qui ne peut pas être publiée, avec toutes ses raisons."""

    reference: str
    status: str
    reasons: list[dict[str, Any]]


PUSH_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": IntakeReceipt, "description": "Mise à jour, ou le même contenu de nouveau."},
    201: {"model": IntakeReceipt, "description": "Créée."},
    422: {
        "model": IntakeRejection,
        "description": "Refusée : les raisons nomment les champs à corriger, ou disent que "
        "la clé `Idempotency-Key` a déjà servi à une autre requête.",
    },
}
WITHDRAW_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": IntakeReceipt, "description": "Retirée (ou déjà retirée)."},
    404: {"model": IntakeReceipt, "description": "Aucune offre sous cette référence."},
    422: {
        "model": IntakeRejection,
        "description": "La clé `Idempotency-Key` a déjà servi à une autre requête (code "
        "`idempotency_key_reused`).",
    },
}
REFERENCE = re.compile(r"^[A-Za-z0-9._:-]{1,200}$")


def pusher(client: Client) -> access.ApiClient:
    """Only clients given the intake scope may push."""
    if "intake" not in client.scopes.split():
        raise HTTPException(403, "Ce client n'a pas le droit de déposer des offres (scope intake).")
    return client


Pusher = Annotated[access.ApiClient, Depends(pusher)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


def _reference(value: str) -> str:
    if not REFERENCE.match(value):
        raise HTTPException(
            400, "La référence contient des caractères non admis (A-Z a-z 0-9 . _ : -)."
        )
    return value


def _answer(answer: intake.IntakeAnswer) -> JSONResponse:
    return JSONResponse(answer.body, status_code=answer.status_code)


@router.put(
    f"{BASE}/intake/offres/{{reference}}",
    responses=PUSH_RESPONSES,
    summary="Déposer ou mettre à jour une offre",
    description="Crée ou met à jour une offre, au format France Travail v2, sous la référence "
    "de l'expéditeur.",
)
async def put_offer(
    reference: str,
    client: Pusher,
    offer: Annotated[dict[str, Any], Body()],
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Create or update an offer, in France Travail v2 shape, under the sender's reference."""
    answer = await run_in_threadpool(intake.receive, client.id, _reference(reference), offer, key)
    return _answer(answer)


@router.post(
    f"{BASE}/intake/offres",
    responses=PUSH_RESPONSES,
    summary="Déposer une offre",
    description="Crée une offre ; sa référence est le champ `id` du corps.",
)
async def post_offer(
    client: Pusher, offer: Annotated[dict[str, Any], Body()], key: IdempotencyKey = None
) -> JSONResponse:
    """Create an offer; its reference is the `id` field of the body."""
    reference = _reference(str(offer.get("id") or ""))
    answer = await run_in_threadpool(intake.receive, client.id, reference, offer, key)
    return _answer(answer)


@router.delete(
    f"{BASE}/intake/offres/{{reference}}",
    responses=WITHDRAW_RESPONSES,
    summary="Retirer une offre",
    description="Retire une offre : elle quitte les pages de la communauté et toutes les "
    "cibles de diffusion.",
)
async def delete_offer(reference: str, client: Pusher, key: IdempotencyKey = None) -> JSONResponse:
    """Withdraw an offer: it leaves the community pages and every target."""
    answer = await run_in_threadpool(intake.withdraw, client.id, _reference(reference), key)
    return _answer(answer)
