"""Politeness across workers: one crawl at a time per host, whichever machine runs it.

Inside one crawl Scrapy keeps to one request at a time per host (`CONCURRENT_REQUESTS_PER_DOMAIN`
and the download delay in spiders/settings.py). Two sources on the same host crawled at once by
two Celery workers would double that, so a crawl first takes its host's slot:

- on PostgreSQL, a session-level advisory lock keyed by the host, held on a connection of its
  own for the whole crawl; PostgreSQL frees it when that connection ends, even when the worker is
  killed outright, so a dead worker never keeps a host locked;
- on SQLite (one machine by nature), an exclusive `flock` on a file under `var/host-locks/`,
  which the kernel frees when the process dies.

A crawl waiting for its host waits in its task (bounded by the task's execution timeout); the
order in which waiting crawls go is PostgreSQL's, or the kernel's: nothing of our own schedules.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import text

from store import models
from store.db import database_url, engine_for, session_scope, var_dir

log = logging.getLogger(__name__)

# First half of the two-int advisory lock key: "RELA", so host slots never meet other locks.
_HOST_LOCK_CLASS = 0x52454C41


def host_key(url: str) -> str:
    """The host a URL's politeness slot is named after: its lowercased hostname ('' if none)."""
    return (urlsplit(url).hostname or "").lower()


def _lock_id(host: str) -> int:
    """A signed 32-bit number for `host` (the second half of the advisory lock key)."""
    return int.from_bytes(hashlib.sha256(host.encode()).digest()[:4], "big", signed=True)


@contextmanager
def host_slot(url: str, database: str | None = None) -> Iterator[None]:
    """Hold the cluster-wide crawl slot of `url`'s host for the block.

    `database` is the store's URL (`RELAIS_DATABASE_URL` or the SQLite default when None):
    PostgreSQL takes an advisory lock, SQLite a file lock (see the module's docstring). Blocks
    until the slot is free.
    """
    host = host_key(url)
    url_of_store = database or database_url()
    engine = engine_for(url_of_store)
    if engine.dialect.name == "postgresql":
        key = {"cls": _HOST_LOCK_CLASS, "id": _lock_id(host)}
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            taken = connection.execute(text("SELECT pg_try_advisory_lock(:cls, :id)"), key).scalar()
            if not taken:
                log.info("another crawl of %s is running: waiting for it", host)
                connection.execute(text("SELECT pg_advisory_lock(:cls, :id)"), key)
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:cls, :id)"), key)
        return
    folder = var_dir() / "host-locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{_lock_id(host) & 0xFFFFFFFF:08x}.lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("another crawl of %s is running: waiting for it", host)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


P = ParamSpec("P")
R = TypeVar("R")


def one_crawl_per_host(crawl: Callable[P, R]) -> Callable[P, R]:
    """Run `crawl(source_id, …)` holding the slot of the source's host (see `host_slot`)."""

    @functools.wraps(crawl)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        source_id = kwargs.get("source_id", args[0] if args else None)
        with session_scope() as session:
            url = session.get_one(models.Source, source_id).url
        with host_slot(url):
            return crawl(*args, **kwargs)

    return wrapper
