"""API clients of the France-Travail-compatible API: client credentials and bearer tokens.

Secrets and tokens are never stored: a client secret is kept as a salted scrypt hash, a token
as its SHA-256 (tokens are long random strings, so a fast hash is enough).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, Select, String, bindparam, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from schemas.readable import ReadableValueError
from store.models import Base, utcnow

TOKEN_LIFETIME = timedelta(seconds=1499)  # what France Travail's own tokens last
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class ApiClient(Base):
    """A service allowed to read the API (and, with the intake scope, to push offers)."""

    __tablename__ = "api_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    scopes: Mapped[str] = mapped_column(String(200), default="api_offresdemploiv2")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class ApiToken(Base):
    """A bearer token handed out by the token endpoint, known only by its hash."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    api_client_id: Mapped[int] = mapped_column(
        ForeignKey("api_clients.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    client: Mapped[ApiClient] = relationship()


class ClientExists(ReadableValueError):
    """An API client of that name already exists."""


@dataclass(frozen=True)
class NewClient:
    """What the operator hands to the integrator, once: the secret is not kept."""

    name: str
    client_id: str
    client_secret: str


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    scope: str


def _hash_secret(secret: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _secret_matches(secret: str, stored: str) -> bool:
    _, salt, _ = stored.split("$")
    return hmac.compare_digest(_hash_secret(secret, bytes.fromhex(salt)), stored)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_client(session: Session, name: str, scopes: str = "api_offresdemploiv2") -> NewClient:
    """Create an API client; its secret is returned here and nowhere else."""
    if session.scalars(select(ApiClient).where(ApiClient.name == name)).first():
        raise ClientExists(f"un client d'API nommé {name!r} existe déjà")
    client_id = "relais_" + secrets.token_hex(12)
    secret = secrets.token_urlsafe(32)
    session.add(
        ApiClient(name=name, client_id=client_id, secret_hash=_hash_secret(secret), scopes=scopes)
    )
    session.flush()
    return NewClient(name=name, client_id=client_id, client_secret=secret)


def authenticate_client(session: Session, client_id: str, client_secret: str) -> ApiClient | None:
    """The unrevoked client these credentials are right for, or None (the same work either
    way: no timing hint about which client ids exist)."""
    client = session.scalars(select(ApiClient).where(ApiClient.client_id == client_id)).first()
    if client is None or client.revoked_at is not None:
        _hash_secret(client_secret)
        return None
    return client if _secret_matches(client_secret, client.secret_hash) else None


def issue_token(
    session: Session, client_id: str, client_secret: str, now: datetime | None = None
) -> IssuedToken | None:
    """A new bearer token for valid, unrevoked credentials; None otherwise."""
    client = authenticate_client(session, client_id, client_secret)
    if client is None:
        return None
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            api_client_id=client.id, token_hash=_token_hash(token), expires_at=now + TOKEN_LIFETIME
        )
    )
    return IssuedToken(token, int(TOKEN_LIFETIME.total_seconds()), client.scopes)


def client_for_token(session: Session, token: str, now: datetime | None = None) -> ApiClient | None:
    """The client a live bearer token belongs to, or None (one statement: the token and its
    client together, as every API request asks it)."""
    return session.scalars(
        _CLIENT_OF_TOKEN, {"token_hash": _token_hash(token), "now": now or utcnow()}
    ).first()


def client_id_for_token(
    session: Session, token: str, *also: ColumnElement[Any], now: datetime | None = None
) -> tuple[int | None, tuple[Any, ...]]:
    """The id of the client a live bearer token belongs to (None when the token is unknown,
    expired or its client revoked), and the values of the expressions `also`, selected in the
    same statement (one row, whatever the token): for a request that needs nothing else of
    the client, and may have its own settings to make in the same round trip (the search's
    time limit, `store.search.time_limit_settings`). No ORM object is made."""
    row = session.execute(
        _client_id_statement(also), {"token_hash": _token_hash(token), "now": now or utcnow()}
    ).one()
    return row[0], tuple(row[1:])


@lru_cache(maxsize=16)
def _client_id_statement(also: tuple[ColumnElement[Any], ...]) -> Select[Any]:
    """The statement of `client_id_for_token`, built once for the same expressions."""
    return select(_CLIENT_ID_OF_TOKEN, *also)


# Built once: every API request runs it (`client_for_token`, `client_id_for_token`).
_CLIENT_ID_OF_TOKEN = (
    select(ApiClient.id)
    .join(ApiToken, ApiToken.api_client_id == ApiClient.id)
    .where(
        ApiToken.token_hash == bindparam("token_hash"),
        ApiToken.expires_at > bindparam("now", type_=ApiToken.expires_at.type),
        ApiClient.revoked_at.is_(None),
    )
    .limit(1)
    .scalar_subquery()
)
_CLIENT_OF_TOKEN = (
    select(ApiClient)
    .join(ApiToken, ApiToken.api_client_id == ApiClient.id)
    .where(
        ApiToken.token_hash == bindparam("token_hash"),
        ApiToken.expires_at > bindparam("now", type_=ApiToken.expires_at.type),
        ApiClient.revoked_at.is_(None),
    )
)


def list_clients(session: Session) -> list[ApiClient]:
    return list(session.scalars(select(ApiClient).order_by(ApiClient.name)))


def revoke_client(session: Session, name: str) -> bool:
    """Revoke a client and so every token it holds and every operator page session opened with
    it; False when there is no such client."""
    from store.sessions import revoke_client_sessions

    client = session.scalars(select(ApiClient).where(ApiClient.name == name)).first()
    if client is None:
        return False
    client.revoked_at = utcnow()
    revoke_client_sessions(session, client.id)
    return True
