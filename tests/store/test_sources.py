"""Sources are registered once, found by name, paused, and picked when due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from store import sources as source_store
from store.db import session_scope
from tests.store.factories import register


def test_registration_creates_the_organization_once(database: str) -> None:
    with session_scope() as session:
        a = register(session, "acme-rss", organization="Acme")
        b = register(session, "acme-atom", organization="Acme")
        assert a.organization_id == b.organization_id


def test_the_same_url_cannot_be_registered_twice(database: str) -> None:
    with session_scope() as session:
        register(session, "acme", url="https://acme.example/jobs.rss")
        with pytest.raises(source_store.SourceExists, match="cette adresse"):
            register(session, "acme-again", url="https://acme.example/jobs.rss")


def test_a_new_source_is_due_at_once(database: str) -> None:
    with session_scope() as session:
        register(session)
        assert [s.name for s in source_store.due_sources(session)] == ["acme"]


def test_a_collected_source_is_due_again_after_its_schedule(database: str) -> None:
    now = datetime(2026, 11, 22, 10, tzinfo=UTC)
    with session_scope() as session:
        source = register(session, schedule_minutes=60)
        source_store.schedule_next(source, now)
        assert source_store.due_sources(session, now + timedelta(minutes=59)) == []
        assert source_store.due_sources(session, now + timedelta(minutes=60)) == [source]


def test_a_paused_source_is_never_due(database: str) -> None:
    with session_scope() as session:
        register(session)
        source_store.set_paused(session, "acme", True, "feed broken")
        assert source_store.due_sources(session) == []
