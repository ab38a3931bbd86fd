"""A crawl process dies with the collection that started it, even when that one is killed -9."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PARENT_PID_VARIABLE = "RELAIS_CRAWL_PARENT_PID"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_POLL_SECONDS = 1.0


def die_with_parent() -> None:
    """Make this process end when the process named by `RELAIS_CRAWL_PARENT_PID` ends.

    A crawl runs in its own session (so that an overrun kills its whole group), and a parent
    killed with SIGKILL cannot kill it: without this, it would crawl on, orphaned, and fill a
    work folder nobody reads. The robust way on Linux is `prctl(PR_SET_PDEATHSIG, SIGKILL)`
    (prctl(2)): the kernel kills this process as soon as its parent dies, whatever killed the
    parent. It is asked here, in the child, rather than in a `preexec_fn`, which is unsafe when
    the parent has threads (an Airflow task has). The parent may die before the call: the parent
    pid is then checked once more after it, and an orphan exits at once. Caveat of prctl: the
    signal follows the parent *thread* that started this process; `spiders.runner.run_crawl`
    waits for the crawl in that same thread, so that thread outlives it.

    Elsewhere than Linux, a daemon thread polls the parent pid every second instead. Without the
    variable (a crawl started by hand), nothing is done.
    """
    expected = os.environ.get(PARENT_PID_VARIABLE)
    if not expected or not expected.isdigit():
        return
    parent = int(expected)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the kernel was told to watch it
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_POLL_SECONDS)
    os._exit(1)
