"""Canonical source URLs: every spelling of one address gives one key, different ones differ."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import insert, inspect, select

from store import migrate, models
from store.db import engine_for
from store.urls import canonical_url
from tests.conftest import TEMPLATES

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
def database_before_url_keys(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A new database at revision 0012, the one before the url keys, SQLite then PostgreSQL
    (a copy of the run's template at that revision; PostgreSQL's is dropped afterwards)."""
    if request.param == "sqlite":
        yield TEMPLATES.sqlite(tmp_path / "before.db", "0012")
        return
    url = TEMPLATES.postgresql("relais_urls", "0012")
    try:
        yield url
    finally:
        TEMPLATES.drop_postgresql(url)


def test_sources_registered_before_get_their_key_at_migration(
    database_before_url_keys: str,
) -> None:
    url = database_before_url_keys
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
