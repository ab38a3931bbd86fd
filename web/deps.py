"""Request dependencies: a database session for the app's database, the API client's token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
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


def bearer_client(request: Request, session: Session) -> access.ApiClient:
    """The API client whose live bearer token the request carries, or a 401."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    client = access.client_for_token(session, token.strip()) if scheme.lower() == "bearer" else None
    if client is None:
        raise HTTPException(
            status_code=401,
            detail="Un jeton bearer valide est demandé : "
            "obtenez-en un à /connexion/oauth2/access_token.",
            headers={"WWW-Authenticate": 'Bearer realm="/partenaire"'},
        )
    return client
