"""One collection of a source at a time, across processes: a lock per source, held while it runs.

PostgreSQL: a session-level advisory lock (two-key form: a namespace and the source id) on a
connection kept for the lock's life; the server frees it when that connection closes, so also when
its process is killed. SQLite: an exclusive `flock` (the `filelock` library) on a file beside the
database, which the kernel frees when its process dies; a SQLite database is a local file, so every
process sharing it shares the lock files.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from schemas.readable import ReadableError, ReadableValueError
from store.db import database_url, engine_for, var_dir

log = logging.getLogger(__name__)

LOCK_WAIT_VARIABLE = "RELAIS_SOURCE_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 60.0  # seconds
_POLL_INTERVAL = 0.2  # seconds between two attempts
# First key of the two-key advisory locks held by collections (any 32-bit integer of our own).
_COLLECT_LOCK_SPACE = 0x52454C  # "REL"

# Locks this process holds, by (database URL, source id, thread): a step called inside another
# step of the same collection (`relais collect` runs crawl, normalize and load under one lock)
# enters again instead of waiting for itself.
_held: dict[tuple[str, int, int], int] = {}
_held_guard = threading.Lock()

_WAITING = "source %d : une autre collecte de cette source est en cours, attente (%g s au plus)"


class SourceBusy(ReadableError):
    """Another collection of the source held its lock for longer than this one would wait."""

    def __init__(self, source_id: int, waited: float) -> None:
        self.source_id = source_id
        self.waited = waited
        super().__init__(
            f"une autre collecte de cette source est en cours (attendu {waited:g} s) : "
            "celle-ci est ignorée"
        )


def lock_wait() -> float:
    """Seconds a collection waits for another one of the same source: `RELAIS_SOURCE_LOCK_WAIT`,
    else 60. Raises ValueError (in French) when the variable is not a number."""
    value = os.environ.get(LOCK_WAIT_VARIABLE)
    if not value:
        return DEFAULT_LOCK_WAIT
    try:
        return max(0.0, float(value))
    except ValueError:
        raise ReadableValueError(
            f"{LOCK_WAIT_VARIABLE} doit être un nombre de secondes, pas {value!r}"
        ) from None


def lock_folder(engine: Engine) -> Path:
    """Where the lock files of a SQLite database are: `NAME.locks/` beside its file
    (`var/locks/` for an in-memory database)."""
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        folder = var_dir() / "locks"
    else:
        path = Path(database).resolve()
        folder = path.with_name(f"{path.name}.locks")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def source_lock(source_id: int, *, wait: float | None = None) -> Iterator[None]:
    """Hold the collection lock of source `source_id` for the block.

    Waits up to `wait` seconds (default `lock_wait()`) when another process or thread holds it,
    then raises SourceBusy. Entered again by the thread that holds it, it does not wait.
    """
    url = database_url()
    key = (url, source_id, threading.get_ident())
    with _held_guard:
        depth = _held.get(key, 0)
        if depth:
            _held[key] = depth + 1
    if not depth:
        engine = engine_for(url)
        seconds = lock_wait() if wait is None else wait
        if engine.dialect.name == "postgresql":
            release = _advisory_lock(engine, source_id, seconds)
        else:
            path = lock_folder(engine) / f"source-{source_id}.lock"
            release = _file_lock(path, source_id, seconds)
        with _held_guard:
            _held[key] = 1
    try:
        yield
    finally:
        with _held_guard:
            _held[key] -= 1
            last = _held[key] == 0
            if last:
                del _held[key]
        if last:
            release()


def _advisory_lock(engine: Engine, source_id: int, wait: float) -> Callable[[], None]:
    keys = {"space": _COLLECT_LOCK_SPACE, "source": source_id}
    connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        deadline = time.monotonic() + wait
        told = False
        while not connection.scalar(text("SELECT pg_try_advisory_lock(:space, :source)"), keys):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SourceBusy(source_id, wait)
            if not told:
                log.warning(_WAITING, source_id, wait)
                told = True
            time.sleep(min(_POLL_INTERVAL, remaining))
    except BaseException:
        connection.close()
        raise

    def release() -> None:
        # A broken connection has lost the lock with it: nothing more to free.
        with contextlib.suppress(DBAPIError):
            connection.execute(text("SELECT pg_advisory_unlock(:space, :source)"), keys)
        connection.close()

    return release


def _file_lock(path: Path, source_id: int, wait: float) -> Callable[[], None]:
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.warning(_WAITING, source_id, wait)
        try:
            lock.acquire(timeout=wait, poll_interval=_POLL_INTERVAL)
        except Timeout:
            raise SourceBusy(source_id, wait) from None
    return lock.release
