"""What a collection killed mid-way (kill -9, an out-of-memory kill, a reboot) leaves behind, found
and cleaned up by the next one: runs still marked "running", and crawl work folders.

A run belongs to the process that crawls and stores it: the CLI's `relais collect`, or the Airflow
task process of the `crawl` task (not the scheduler, nor the worker that forked it). Its host, pid
and start time are recorded with the run and encoded in the name of its work folder, so that a
later start on the same host can tell whether that process still exists.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psutil
from sqlalchemy.orm import Session

from store import models
from store import runs as run_store
from store.db import var_dir
from store.runs import RunOwner

log = logging.getLogger(__name__)

# Two readings of one process's start time may differ by a clock step; a pid reused by a later
# process cannot have started within this many seconds of the first one and still own a run.
_START_TOLERANCE_SECONDS = 1.0
# A work folder from before owners were recorded is left this long (no crawl lasts a day).
_LEGACY_FOLDER_AGE_SECONDS = 24 * 3600

_WORKDIR = re.compile(r"crawl-(?P<run>\d+)-(?P<host>.+)-(?P<pid>\d+)-(?P<started>\d+)-[a-z0-9_]+")
_LEGACY_WORKDIR = re.compile(r"crawl-\d+-[a-z0-9_]{8}")


def _host() -> str:
    """This host's name, in the characters a folder name keeps."""
    return re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname())


def current_owner() -> RunOwner:
    """This process, as the owner of the runs it starts."""
    started = psutil.Process().create_time()
    return RunOwner(_host(), os.getpid(), datetime.fromtimestamp(started, UTC))


def owner_is_gone(owner: RunOwner) -> bool:
    """Whether the owning process no longer exists: no such pid on this host, a zombie, or a
    pid now used by a process that started at another time. A process of another host cannot
    be seen from here: False."""
    if owner.host != _host():
        return False
    try:
        process = psutil.Process(owner.pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return True
        started = process.create_time()
    except psutil.NoSuchProcess:
        return True
    except psutil.AccessDenied:  # another user's live process
        return False
    return abs(started - owner.started_at.timestamp()) > _START_TOLERANCE_SECONDS


def close_abandoned_runs(session: Session, locked_source_id: int) -> list[models.CrawlRun]:
    """Mark failed, with a French reason, the runs whose process is gone; returns them.

    The caller holds the collection lock of `locked_source_id` (`store.locks.source_lock`): a run
    of that source still "running" cannot have a live owner, which held that lock for as long
    as the run ran, whatever host it was on. Runs of other sources are closed when their owner
    was on this host and is gone. Their counters are kept.
    """
    abandoned = []
    for run in run_store.running_runs(session):
        owner = run_store.owner_of(run)
        if run.source_id == locked_source_id or (owner is not None and owner_is_gone(owner)):
            run_store.abandon_run(run)
            abandoned.append(run)
    return abandoned


def _folder_prefix(run_id: int, owner: RunOwner) -> str:
    started_ms = round(owner.started_at.timestamp() * 1000)
    return f"crawl-{run_id}-{owner.host}-{owner.pid}-{started_ms}-"


@contextmanager
def crawl_workdir(run_id: int, owner: RunOwner | None = None) -> Iterator[Path]:
    """A fresh work folder for the crawl of run `run_id` under `var/`, removed at the end of the
    block; its name says which process owns it, for `remove_abandoned_workdirs`."""
    prefix = _folder_prefix(run_id, owner or current_owner())
    with tempfile.TemporaryDirectory(
        prefix=prefix, dir=var_dir(), ignore_cleanup_errors=True
    ) as folder:
        yield Path(folder)


def _folder_owner(name: str) -> RunOwner | None:
    match = _WORKDIR.fullmatch(name)
    if match is None:
        return None
    started = datetime.fromtimestamp(int(match["started"]) / 1000, UTC)
    return RunOwner(match["host"], int(match["pid"]), started)


def remove_abandoned_workdirs(root: Path | None = None) -> list[Path]:
    """Remove the crawl work folders whose process is gone (on this host); returns them.

    A folder from before owners were named in folders is removed once a day old.
    """
    root = root or var_dir()
    removed = []
    for folder in root.glob("crawl-*"):
        if not folder.is_dir():
            continue
        owner = _folder_owner(folder.name)
        if owner is not None:
            gone = owner_is_gone(owner)
        else:
            try:
                age = time.time() - folder.stat().st_mtime
            except FileNotFoundError:
                continue
            gone = _LEGACY_WORKDIR.fullmatch(folder.name) is not None and (
                age > _LEGACY_FOLDER_AGE_SECONDS
            )
        if gone:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
            log.warning("dossier de travail abandonné supprimé : %s", folder)
    return removed
