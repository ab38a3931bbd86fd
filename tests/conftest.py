"""Shared fixtures: isolated Airflow and Relais state, real databases, a loopback site."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_STATE = Path(tempfile.mkdtemp(prefix="relais-tests-"))
# The run's shared folder (migrated templates): made by the first process, pytest itself, whose
# environment the xdist workers inherit; that process removes it when the run ends.
_RUN_VARIABLE = "RELAIS_TESTS_RUN_DIR"
_RUN_OWNER = _RUN_VARIABLE not in os.environ
if _RUN_OWNER:
    os.environ[_RUN_VARIABLE] = tempfile.mkdtemp(prefix="relais-tests-run-")
RUN_DIR = Path(os.environ[_RUN_VARIABLE])

# Before anything imports Airflow: the project's airflow.cfg, with the tests' own metadata DB.
os.environ["AIRFLOW_HOME"] = str(ROOT)
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_STATE / 'airflow.db'}"
os.environ["AIRFLOW__LOGGING__BASE_LOG_FOLDER"] = str(_STATE / "airflow-logs")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["RELAIS_VAR_DIR"] = str(_STATE / "var")
os.environ.pop("RELAIS_DATABASE_URL", None)
os.environ.pop("RELAIS_ALLOWED_HOSTS", None)

POSTGRES_URL = os.environ.get(
    "RELAIS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

from sqlalchemy import create_engine, text  # noqa: E402

import store.access  # noqa: E402, F401 - its tables are emptied between tests too
import store.intake  # noqa: E402, F401
import store.organizations  # noqa: E402, F401
import store.publishing  # noqa: E402, F401
import store.sessions  # noqa: E402, F401
from store.db import engine_for  # noqa: E402
from store.models import Base  # noqa: E402
from tests.support.loopback import LoopbackSite  # noqa: E402
from tests.support.templates import Templates  # noqa: E402

TEMPLATES = Templates(RUN_DIR, POSTGRES_URL, RUN_DIR.name.rsplit("-", 1)[-1].lower())


def _postgres_admin_engine():  # type: ignore[no-untyped-def]
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # noqa: BLE001 - any failure means the server is not usable
        pytest.fail(
            f"PostgreSQL is required by the tests and is not reachable at {POSTGRES_URL}: {error}\n"
            "Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
            pytrace=False,
        )
    return engine


def pytest_unconfigure(config: pytest.Config) -> None:
    if _RUN_OWNER:
        TEMPLATES.remove()


@pytest.fixture(scope="session")
def sqlite_database() -> str:
    """A migrated SQLite database file for this test session (a copy of the run's template)."""
    return TEMPLATES.sqlite(_STATE / "relais-sqlite.db")


@pytest.fixture(scope="session")
def postgresql_database() -> Iterator[str]:
    """A migrated PostgreSQL database created for this test session (from the run's template)
    and dropped after it."""
    _postgres_admin_engine().dispose()
    url = TEMPLATES.postgresql("relais_test")
    try:
        yield url
    finally:
        TEMPLATES.drop_postgresql(url)


def _empty(url: str) -> None:
    engine = engine_for(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """An empty, migrated database, SQLite then PostgreSQL; RELAIS_DATABASE_URL points to it."""
    url: str = request.getfixturevalue(f"{request.param}_database")
    _empty(url)
    monkeypatch.setenv("RELAIS_DATABASE_URL", url)
    return url


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackSite]:
    """A loopback HTTP site, explicitly allowed through the fetch path's address guard."""
    server = LoopbackSite().start()
    monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", server.host)
    try:
        yield server
    finally:
        server.stop()
