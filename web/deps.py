"""Request dependencies: a database session for the app's database, the API client's token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlows
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, OAuth2
from sqlalchemy.orm import Session

from store import access
from store.db import session_scope


def db(request: Request) -> Iterator[Session]:
    """A session on the offers database (RELAIS_DATABASE_URL, else the SQLite default)."""
    with session_scope() as session:
        yield session


Db = Annotated[Session, Depends(db, scope="function")]
"""The request's session, committed when the handler returns and before the response is sent:
a client that holds a new token, or a 201, finds it stored; a failed commit is a 500, not a
success the database never kept. (FastAPI's default scope would commit after sending.)"""


TOKEN_URL = "/connexion/oauth2/access_token?realm=/partenaire"
"""France Travail's token endpoint, realm included (ft_api.access_token)."""

API_SCOPES = {
    "api_offresdemploiv2": "Lire les offres (API Offres d'emploi v2).",
    "intake": "Déposer et retirer des offres.",
    "operator": "Piloter les sources et les fils thématiques.",
}
"""The scopes an API client may be given (`relais clients add --scopes`); the token carries
those of its client, whatever the request asks."""

CLIENT_CREDENTIALS = OAuth2(
    flows=OAuthFlows(
        clientCredentials=OAuthFlowClientCredentials(tokenUrl=TOKEN_URL, scopes=API_SCOPES)
    ),
    scheme_name="oauth2",
    description="Identifiant et secret du client d'API (HTTP Basic ou corps du formulaire), "
    "échangés contre un jeton bearer valable 1 499 secondes, comme chez France Travail.",
    auto_error=False,
)
"""The OpenAPI `oauth2` scheme: its client-credentials flow is what /docs' "Authorize" uses."""

BEARER = HTTPBearer(
    scheme_name="bearer",
    description="Un jeton déjà obtenu : celui d'un client d'API, ou le jeton d'une "
    "organisation (API d'inscription des sources).",
    auto_error=False,
)
"""The OpenAPI `bearer` scheme: a token obtained elsewhere, pasted as is."""


async def documented_token(
    _oauth2: Annotated[str | None, Security(CLIENT_CREDENTIALS)],
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> None:
    """Declares, on each route that depends on it, that either scheme above is accepted (the
    OpenAPI description lists them as alternatives); the token itself is checked by the
    route's own dependency (bearer_client, registration_api.authenticated). Asynchronous: it
    does nothing, so FastAPI runs it in its loop instead of sending it to a worker thread."""


def bearer_client(request: Request, session: Session) -> access.ApiClient:
    """The API client whose live bearer token the request carries, or a 401."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    client = access.client_for_token(session, token.strip()) if scheme.lower() == "bearer" else None
    if client is None:
        raise unauthorized()
    return client


def unauthorized() -> HTTPException:
    """The 401 of a request without a live bearer token."""
    return HTTPException(
        status_code=401,
        detail="Un jeton bearer valide est demandé : "
        "obtenez-en un à /connexion/oauth2/access_token.",
        headers={"WWW-Authenticate": 'Bearer realm="/partenaire"'},
    )
