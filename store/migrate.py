"""Alembic migrations, run from code: `relais init` and the tests bring a database to head."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from store import fulltext
from store.db import database_url, engine_for

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """Alembic configuration pointing at the project's migrations and at `url`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "heads") -> None:
    """Apply every migration up to `revision`; at the head, then write the stored France
    Travail document of every offer that has none (`store.documents.fill`)."""
    command.upgrade(alembic_config(url), revision)
    if revision in ("head", "heads"):
        from store import documents

        documents.fill(url)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    """Revert migrations down to `revision`."""
    command.downgrade(alembic_config(url), revision)


def current_revision(url: str | None = None) -> str | None:
    """The revision the database is at (several joined by '+'), or None when never migrated."""
    with engine_for(url or database_url()).connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return "+".join(sorted(heads)) or None


def head_revision() -> str | None:
    """The newest revision shipped with this version of Relais."""
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    return "+".join(sorted(heads)) or None


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Whether autogenerate compares this object with the models: not the full-text index each
    database maintains itself (`store.fulltext`), which the models do not describe."""
    if type_ == "table" and name and name.startswith(fulltext.HIDDEN_TABLE_PREFIX):
        return False
    if type_ == "column" and (getattr(obj.table, "name", None), name) in fulltext.HIDDEN_COLUMNS:
        return False
    return not (type_ == "index" and name == fulltext.POSTGRESQL_INDEX)
