"""One crawl at a time per host across processes: PostgreSQL advisory lock, SQLite file lock."""

from __future__ import annotations

import threading

from pipeline.politeness import host_slot

# Hang catcher: a slot freed is taken within milliseconds; this only bounds a broken lock.
HANG = 120.0


def _second_crawl_waits(database: str, first_url: str, second_url: str) -> list[str]:
    """Hold `first_url`'s slot, start a crawl of `second_url`, release; return what happened."""
    events: list[str] = []
    held = threading.Event()
    second_in = threading.Event()

    def second() -> None:
        held.wait(HANG)
        with host_slot(second_url, database):
            events.append("second in")
            second_in.set()

    thread = threading.Thread(target=second)
    thread.start()
    with host_slot(first_url, database):
        events.append("first in")
        held.set()
        # Give the second crawl the time to try (it gets in at once if nothing holds it back).
        second_in.wait(5)
        events.append("first out")
    thread.join(HANG)
    return events


def test_a_second_crawl_of_the_same_host_waits_for_the_first(database: str) -> None:
    events = _second_crawl_waits(
        database, "http://jobs.example.org/a.rss", "http://JOBS.example.org:8080/b.rss"
    )

    assert events == ["first in", "first out", "second in"]


def test_crawls_of_two_hosts_run_side_by_side(database: str) -> None:
    events = _second_crawl_waits(
        database, "http://jobs.example.org/a.rss", "http://careers.example.com/b.rss"
    )

    assert events == ["first in", "second in", "first out"]
