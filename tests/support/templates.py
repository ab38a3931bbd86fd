"""Migrated databases made once per test run and copied: a new database at a revision costs a
file copy (SQLite) or a `CREATE DATABASE ... TEMPLATE` (PostgreSQL) instead of every migration.

The first process of the run (an xdist worker, or pytest alone) that needs a revision migrates
a template to it under a file lock in the run's shared folder; the others wait for it, then copy
it. Each copy is a database of its own, as new as one migrated from empty: the migrations
themselves are still run from empty, once a run (and `tests/store/test_migrations.py` runs them
down and up again on a database of its own).
"""

from __future__ import annotations

import fcntl
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, text

from store import migrate
from store.db import engine_for


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def made_once(ready: Path, make: Callable[[], None]) -> None:
    """Run `make` unless a process of this run already did: `ready` is written when it ends."""
    with _locked(ready.with_name(ready.name + ".lock")):
        if not ready.exists():
            make()
            ready.write_text("ok\n")


class Templates:
    """Migrated template databases of one test run, kept in `folder` (shared by its processes)
    and, for PostgreSQL, as databases named after `tag` on the server of `postgres_url`."""

    def __init__(self, folder: Path, postgres_url: str, tag: str) -> None:
        self.folder = folder
        self.postgres_url = postgres_url
        self.tag = tag

    def _postgres_name(self, revision: str) -> str:
        return f"relais_tpl_{self.tag}_{revision}"[:63]

    def _server_url(self, name: str) -> str:
        return self.postgres_url.rsplit("/", 1)[0] + f"/{name}"

    def sqlite(self, path: Path, revision: str = "heads") -> str:
        """A new SQLite database file at `path`, migrated to `revision`; its URL."""
        template = self.folder / f"sqlite-{revision}.db"

        def make() -> None:
            template.unlink(missing_ok=True)  # what a process that died making it left
            url = f"sqlite:///{template}"
            migrate.upgrade(url, revision)
            engine_for(url).dispose()  # the last connection checkpoints and removes the WAL

        made_once(self.folder / f"sqlite-{revision}.ready", make)
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"

    def postgresql(self, prefix: str, revision: str = "heads") -> str:
        """A new PostgreSQL database named `prefix` and a random suffix, migrated to
        `revision`; its URL. `drop_postgresql` removes it."""
        template = self._postgres_name(revision)

        def make() -> None:
            url = self._server_url(template)
            with self._admin() as admin:
                admin.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
                admin.execute(text(f'CREATE DATABASE "{template}"'))
            with (self.folder / "postgresql-templates").open("a") as listed:
                listed.write(template + "\n")
            migrate.upgrade(url, revision)
            engine_for(url).dispose()  # a template may have no session open while it is copied

        made_once(self.folder / f"postgresql-{revision}.ready", make)
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self._admin() as admin:
            admin.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        return self._server_url(name)

    def drop_postgresql(self, url: str) -> None:
        """Remove a database `postgresql` made, closing this process's connections to it."""
        engine_for(url).dispose()
        name = url.rsplit("/", 1)[1]
        with self._admin() as admin:
            admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def remove(self) -> None:
        """Drop the run's PostgreSQL templates and delete its folder (once the run is over)."""
        listed = self.folder / "postgresql-templates"
        if listed.exists():
            with self._admin() as admin:
                for name in listed.read_text().split():
                    admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        shutil.rmtree(self.folder, ignore_errors=True)

    @contextmanager
    def _admin(self) -> Iterator[Connection]:
        engine = create_engine(self.postgres_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()
