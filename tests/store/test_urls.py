"""Canonical source URLs: every spelling of one address gives one key, different ones differ."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import insert, inspect, select, text

from store import migrate, models
from store.db import engine_for
from store.urls import canonical_url
from tests.conftest import POSTGRES_URL, _postgres_admin_engine

CANONICAL = "https://orgb.example/flux/orgb.xml"


@pytest.mark.parametrize(
    "spelling",
    [
        "https://orgb.example/flux/orgb.xml?",
        "https://orgb.example/flux/orgb.xml#frag",
        "https://orgb.example/flux//orgb.xml",
        "https://orgb.example/flux/orgb.xml?utm_source=x&utm_medium=mail",
        "https://orgb.example/flux/orgb.xml?fbclid=abc&gclid=def",
        "https://orgb.example/flux/%6Frgb.xml",
        "HTTPS://OrgB.EXAMPLE/flux/orgb.xml",
        "https://orgb.example:443/flux/orgb.xml",
        "https://orgb.example/flux/./autre/../orgb.xml",
    ],
)
def test_spellings_of_one_address_share_its_key(spelling: str) -> None:
    assert canonical_url(spelling) == CANONICAL


def test_the_default_http_port_is_dropped() -> None:
    assert canonical_url("http://orgb.example:80/x") == "http://orgb.example/x"


def test_parameter_order_does_not_matter() -> None:
    assert canonical_url("https://a.example/f?b=2&a=1") == canonical_url(
        "https://a.example/f?a=1&b=2"
    )


@pytest.mark.parametrize(
    "other",
    [
        "https://orgb.example/flux/orgb.xml?page=2",
        "https://orgb.example/Flux/orgb.xml",
        "http://orgb.example/flux/orgb.xml",
        "https://orgb.example:8443/flux/orgb.xml",
    ],
)
def test_different_addresses_keep_different_keys(other: str) -> None:
    assert canonical_url(other) != CANONICAL


def test_a_non_web_address_is_its_own_key() -> None:
    assert canonical_url("intake:relais_abc") == "intake:relais_abc"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A database with no table yet, SQLite then PostgreSQL (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'before.db'}"
        return
    admin = _postgres_admin_engine()
    name = f"relais_urls_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        engine_for(url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_sources_registered_before_get_their_key_at_migration(empty_database: str) -> None:
    url = empty_database
    migrate.upgrade(url, "0012")  # the revision before the url keys
    engine = engine_for(url)
    columns = {column["name"] for column in inspect(engine).get_columns("sources")}
    assert "url_key" not in columns
    sources = models.Source.__table__
    with engine.begin() as connection:
        connection.execute(
            insert(sources).values(
                name="orgb",
                kind="rss",
                url="https://OrgB.example/flux//orgb.xml?utm_source=x",
                schedule_minutes=60,
                defaults={},
                settings={},
                threads=[],
                paused=False,
                created_at=models.utcnow(),
                updated_at=models.utcnow(),
            )
        )
    migrate.upgrade(url)
    with engine.connect() as connection:
        assert connection.scalar(select(sources.c.url_key)) == CANONICAL
