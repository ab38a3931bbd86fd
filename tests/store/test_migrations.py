"""Migrations run up from empty and down again on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from store import migrate
from store.db import engine_for
from store.models import Base


def test_migrated_database_has_every_table(database: str) -> None:
    tables = set(inspect(engine_for(database)).get_table_names())
    assert {table.name for table in Base.metadata.sorted_tables} <= tables


def test_migrations_match_the_models(database: str) -> None:
    with engine_for(database).connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"include_object": migrate.include_object}),
            Base.metadata,
        )
    assert differences == []


def test_database_is_at_the_head_revision(database: str) -> None:
    assert migrate.current_revision(database) == migrate.head_revision()


def test_downgrade_to_base_and_back_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    migrate.upgrade(url)
    migrate.downgrade(url, "base")
    assert "offers" not in inspect(engine_for(url)).get_table_names()
    migrate.upgrade(url)
    assert "offers" in inspect(engine_for(url)).get_table_names()
