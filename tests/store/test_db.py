"""store.db: one engine per database URL, shared by every session of the process."""

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import NullPool

from store.db import engine_for, session_scope


def test_a_session_runs_on_the_engine_of_its_url_after_many_other_databases(tmp_path: Path) -> None:
    # A process that opened more databases than the engine cache holds (tests, the CLI's
    # --database, the cluster's two stores) must still run a session on the engine that
    # engine_for gives for its URL, so that listeners on that engine see its statements
    # (migrations and the health check open engines without a session).
    url = f"sqlite:///{tmp_path / 'watched.db'}"
    with session_scope(url) as session:
        session.execute(text("SELECT 1"))
    for n in range(12):
        with engine_for(f"sqlite:///{tmp_path / f'other{n}.db'}").connect() as connection:
            connection.execute(text("SELECT 1"))
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    engine = engine_for(url)
    event.listen(engine, "before_cursor_execute", record)
    try:
        with session_scope(url) as session:
            session.execute(text("SELECT 42"))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert seen == ["SELECT 42"]


def test_a_connection_in_use_is_not_pinged_and_an_idle_dead_one_is_replaced(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No round trip of its own at each checkout (a busy server checks connections out all the
    # time); a connection idle for longer than PING_AFTER_IDLE_SECONDS is tested first, and
    # one the database closed meanwhile is replaced: the session still works.
    engine = engine_for(database)
    pings: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        pings.append(statement)

    with session_scope(database) as session:
        session.execute(text("SELECT 2"))
    event.listen(engine, "before_cursor_execute", record)
    try:
        with session_scope(database) as session:
            session.execute(text("SELECT 2"))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert pings == ["SELECT 2"]  # SQLAlchemy's pre-ping would have run "SELECT 1" first
    if not database.startswith("postgresql"):
        return
    with session_scope(database) as session:
        backend = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    killer = create_engine(engine.url, poolclass=NullPool)
    with killer.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    killer.dispose()
    monkeypatch.setattr("store.db.PING_AFTER_IDLE_SECONDS", 0.0)
    with session_scope(database) as session:
        assert session.execute(text("SELECT 3")).scalar_one() == 3
