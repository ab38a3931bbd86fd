"""store.db: one engine per database URL, shared by every session of the process."""

from pathlib import Path
from typing import Any

from sqlalchemy import event, text

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
