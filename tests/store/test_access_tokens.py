"""The bearer token check the search API runs: the client's id and other values in one statement."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, literal

from store import access
from store.db import engine_for, session_scope
from store.models import utcnow


def test_a_live_token_gives_its_client_id_and_the_values_asked_in_one_statement(
    database: str,
) -> None:
    with session_scope(database) as session:
        client = access.add_client(session, "lecteur")
        token = access.issue_token(session, client.client_id, client.client_secret)
        assert token is not None
        client_id = access.client_for_token(session, token.access_token).id  # type: ignore[union-attr]
    seen: list[str] = []
    engine = engine_for(database)
    listener = lambda *args: seen.append(args[2])  # noqa: E731 - (conn, cursor, statement, …)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with session_scope(database) as session:
            found = access.client_id_for_token(session, token.access_token, literal(7))
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert found == (client_id, (7,))
    assert len(seen) == 1


def test_an_unknown_expired_or_revoked_token_gives_none_and_still_the_values(
    database: str,
) -> None:
    with session_scope(database) as session:
        client = access.add_client(session, "lecteur")
        token = access.issue_token(session, client.client_id, client.client_secret)
        assert token is not None
    later = utcnow() + access.TOKEN_LIFETIME + timedelta(seconds=1)
    with session_scope(database) as session:
        assert access.client_id_for_token(session, "inconnu", literal(7)) == (None, (7,))
        expired = access.client_id_for_token(session, token.access_token, now=later)
        assert expired == (None, ())
        assert access.revoke_client(session, "lecteur")
    with session_scope(database) as session:
        assert access.client_id_for_token(session, token.access_token) == (None, ())
