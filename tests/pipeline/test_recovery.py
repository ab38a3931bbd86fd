"""Runs and work folders of a process that is gone are found, and only those."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
import pytest
from sqlalchemy import select

from pipeline.recovery import (
    close_abandoned_runs,
    crawl_workdir,
    current_owner,
    owner_is_gone,
    remove_abandoned_workdirs,
)
from store import models
from store import runs as run_store
from store.db import session_scope
from store.runs import RunOwner
from tests.store.factories import register


@pytest.fixture(scope="module")
def ended_owner() -> RunOwner:
    """The owner of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=-1)
    started_at = datetime.fromtimestamp(psutil.Process(process.pid).create_time(), UTC)
    process.communicate(b"")
    return replace(current_owner(), pid=process.pid, started_at=started_at)


def test_this_process_is_not_gone() -> None:
    assert not owner_is_gone(current_owner())


def test_an_ended_process_is_gone(ended_owner: RunOwner) -> None:
    assert owner_is_gone(ended_owner)


def test_a_pid_now_used_by_a_later_process_is_gone() -> None:
    earlier = current_owner()
    assert owner_is_gone(replace(earlier, started_at=earlier.started_at - timedelta(hours=1)))


def test_a_process_of_another_host_is_not_judged_gone(ended_owner: RunOwner) -> None:
    assert not owner_is_gone(replace(ended_owner, host="another-host.example"))


def _run(source_name: str, owner: RunOwner | None) -> int:
    with session_scope() as session:
        source = session.scalars(select(models.Source).where(models.Source.name == source_name))
        return run_store.start_run(session, source.one(), owner).id


def _status(run_id: int) -> str:
    with session_scope() as session:
        return session.get_one(models.CrawlRun, run_id).status


@pytest.fixture
def two_sources(database: str) -> tuple[int, int]:
    with session_scope() as session:
        return register(session, "acme").id, register(session, "globex").id


def test_a_run_of_another_source_whose_process_is_gone_is_closed(
    two_sources: tuple[int, int], ended_owner: RunOwner
) -> None:
    run_id = _run("globex", ended_owner)
    with session_scope() as session:
        (closed,) = close_abandoned_runs(session, locked_source_id=two_sources[0])
        assert closed.id == run_id
    assert _status(run_id) == "failed"


def test_a_run_of_another_source_whose_process_lives_is_left_running(
    two_sources: tuple[int, int],
) -> None:
    run_id = _run("globex", current_owner())
    with session_scope() as session:
        assert close_abandoned_runs(session, locked_source_id=two_sources[0]) == []
    assert _status(run_id) == "running"


def test_a_running_run_of_the_locked_source_is_closed_whatever_its_host(
    two_sources: tuple[int, int], ended_owner: RunOwner
) -> None:
    run_id = _run("acme", replace(ended_owner, host="another-host.example"))
    with session_scope() as session:
        close_abandoned_runs(session, locked_source_id=two_sources[0])
    with session_scope() as session:
        run = session.get_one(models.CrawlRun, run_id)
        assert (run.status, run.error) == (
            "failed",
            f"collecte interrompue : le processus {ended_owner.pid} sur another-host.example "
            "s'est arrêté avant de la terminer (tué, ou machine redémarrée) ; la suivante reprend "
            "ce qui restait",
        )


def test_the_work_folder_of_an_ended_process_is_removed(
    tmp_path: Path, ended_owner: RunOwner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_VAR_DIR", str(tmp_path))
    with crawl_workdir(12, ended_owner) as folder:
        (folder / "items.jsonl").write_text("{}\n")
        assert remove_abandoned_workdirs() == [folder]
        assert not folder.exists()


def test_the_work_folder_of_a_live_process_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_VAR_DIR", str(tmp_path))
    with crawl_workdir(12) as folder:
        assert remove_abandoned_workdirs() == []
        assert folder.exists()
