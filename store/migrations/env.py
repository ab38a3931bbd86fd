"""Alembic environment: migrations run on the engine Relais itself uses."""

from __future__ import annotations

import warnings
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import JSON
from sqlalchemy.exc import SAWarning

import store.access  # noqa: F401 - its tables belong to the metadata
import store.intake  # noqa: F401
import store.organizations  # noqa: F401
import store.publishing  # noqa: F401
import store.sessions  # noqa: F401
from store import fulltext
from store.db import database_url, make_engine
from store.migrate import include_object
from store.models import Base
from store.types import UTCDateTime

config = context.config
target_metadata = Base.metadata

# SQLite's batch migrations reflect the tables that a changed table refers to: SQLAlchemy cannot
# reflect the expression index of live offers newest first (store.fulltext, migration 0016), says
# so, and leaves it alone in the database. Not a fault, nothing for the person running Relais.
warnings.filterwarnings(
    "ignore", message="Skipped unsupported reflection of expression-based index", category=SAWarning
)


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write project column types as plain SQLAlchemy ones, so migrations stand alone."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, JSON):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return 'sa.JSON().with_variant(postgresql.JSONB(), "postgresql")'
    return False


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        render_item=render_item,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
            if connection.dialect.name == "sqlite":
                # A batch migration rebuilding `offers` drops its triggers: put them back.
                fulltext.repair_sqlite_triggers(connection)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
