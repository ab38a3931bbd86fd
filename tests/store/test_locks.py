"""A source's collection lock excludes other processes, and dies with the process holding it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from store.locks import SourceBusy, source_lock

ROOT = Path(__file__).resolve().parents[2]
HANG = 60  # seconds: only to catch a hang

# Takes the lock of source argv[1], waiting argv[2] s; says "held" then keeps it argv[3] s.
_TAKER = """
import sys, time
from store.locks import SourceBusy, source_lock
try:
    with source_lock(int(sys.argv[1]), wait=float(sys.argv[2])):
        print("held", flush=True)
        time.sleep(float(sys.argv[3]))
except SourceBusy as busy:
    print("busy:", busy, flush=True)
"""


def _take(source_id: int, wait: float = 0, keep: float = 0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _TAKER, str(source_id), str(wait), str(keep)],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        text=True,
    )


def _answer(source_id: int) -> str:
    process = _take(source_id)
    output, _ = process.communicate(timeout=HANG)
    return output.strip()


def test_a_source_locked_by_one_process_is_busy_for_another(database: str) -> None:
    with source_lock(7):
        answer = _answer(7)
    assert answer.startswith("busy: une autre collecte de cette source est en cours")


def test_another_source_is_not_held_by_the_lock(database: str) -> None:
    with source_lock(7):
        assert _answer(8) == "held"


def test_a_released_lock_can_be_taken(database: str) -> None:
    with source_lock(7):
        pass
    assert _answer(7) == "held"


def test_the_lock_of_a_process_killed_minus_9_is_free_again(database: str) -> None:
    holder = _take(7, keep=HANG)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SourceBusy):
            with source_lock(7, wait=0):
                pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(HANG)
        with source_lock(7, wait=HANG):
            pass
    finally:
        holder.kill()
        holder.communicate()


def test_the_holder_enters_its_lock_again_without_waiting(database: str) -> None:
    with source_lock(7, wait=0), source_lock(7, wait=0):
        assert _answer(7).startswith("busy:")
    assert _answer(7) == "held"
