"""Engines and sessions for the offers database, SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session

from store.fulltext import register_sqlite_functions

DATABASE_URL_VARIABLE = "RELAIS_DATABASE_URL"


def project_root() -> Path:
    """The checkout Relais runs from (where `var/` lives), or the working directory."""
    here = Path(__file__).resolve().parents[1]
    return here if (here / "pyproject.toml").exists() else Path.cwd()


def var_dir() -> Path:
    """Where Relais keeps its local state: `RELAIS_VAR_DIR`, else `var/` in the project."""
    path = Path(os.environ.get("RELAIS_VAR_DIR") or project_root() / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """`RELAIS_DATABASE_URL` if set, else an SQLite file under `var/`."""
    url = os.environ.get(DATABASE_URL_VARIABLE)
    if url:
        return url
    return f"sqlite:///{var_dir() / 'relais.db'}"


# SQLite's page size for a new database, in bytes. An offer row (about 3.3 KB: its description
# twice, compressed, and some 80 columns) fills most of a 4 KB page, SQLite's default, leaving
# the rest unused, or spills into overflow pages; 16 KB pages hold four or five rows and waste
# about a tenth as much (10,000 real offers: 6.7 KB an offer instead of 7.5; 32 KB pages gain
# another 1 %). Migration 0024 moves an existing database to it.
SQLITE_PAGE_SIZE = 16384


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    register_sqlite_functions(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Before WAL, which fixes it: a new database's pages (an existing one keeps its own).
    cursor.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# A pooled connection idle for longer than this is tested (`SELECT 1`) before it is handed out;
# one in use more often is not: under load, each checkout would otherwise cost a round trip to
# the database (SQLAlchemy's `pool_pre_ping` tests every checkout).
PING_AFTER_IDLE_SECONDS = 10.0


def _checked_in(_dbapi_connection: Any, record: Any) -> None:
    record.info["relais_idle_since"] = time.monotonic()


def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Test a connection that sat idle in the pool for more than `PING_AFTER_IDLE_SECONDS`
    (the database may have closed it meanwhile); a dead one is replaced by a fresh connection
    (`DisconnectionError`: the pool retries the checkout)."""
    idle_since = record.info.get("relais_idle_since")
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
        return
    try:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT 1")
        finally:
            cursor.close()
        dbapi_connection.rollback()
    except Exception as error:  # noqa: BLE001 - any failure means the connection is gone
        raise exc.DisconnectionError() from error


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets foreign keys, WAL, a busy timeout and the function its
    full-text index needs (`store.fulltext`). A pooled connection is tested before use only
    after `PING_AFTER_IDLE_SECONDS` idle (not at each checkout: a round trip per request)."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url)
    event.listen(engine, "checkin", _checked_in)
    event.listen(engine, "checkout", _checked_out)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One shared engine per URL in this process."""
    return make_engine(url)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on error.

    The session is bound to ``engine_for(url)`` itself, so that code observing that engine
    (events, pool) sees every statement even after the engine cache turned over.
    """
    session = Session(engine_for(url or database_url()), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
