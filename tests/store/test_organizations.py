"""Organizations' tokens: shown once, stored hashed, revocable, each bound to its organization."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from store import organizations
from store.db import session_scope
from store.sources import get_or_create_organization


def test_a_token_is_stored_only_as_its_hash(database: str) -> None:
    with session_scope() as session:
        issued = organizations.add_organization(session, "Acme")
    with session_scope() as session:
        stored = session.scalars(select(organizations.OrganizationToken.token_hash)).all()
    assert issued.token.startswith(organizations.TOKEN_PREFIX)
    assert len(stored) == 1 and issued.token not in stored[0]


def test_a_token_stands_for_its_organization(database: str) -> None:
    with session_scope() as session:
        acme = organizations.add_organization(session, "Acme")
        organizations.add_organization(session, "Fournil")
    with session_scope() as session:
        found = organizations.organization_for_token(session, acme.token)
        assert found is not None and found.name == "Acme"


def test_an_unknown_token_stands_for_nobody(database: str) -> None:
    with session_scope() as session:
        organizations.add_organization(session, "Acme")
        assert organizations.organization_for_token(session, "relais_org_nope") is None
        assert organizations.organization_for_token(session, "") is None


def test_an_organization_with_a_token_is_not_added_twice(database: str) -> None:
    with session_scope() as session:
        organizations.add_organization(session, "Acme")
    with session_scope() as session, pytest.raises(organizations.OrganizationExists):
        organizations.add_organization(session, "Acme")


def test_an_organization_made_by_sources_add_gets_its_first_token(database: str) -> None:
    with session_scope() as session:
        get_or_create_organization(session, "Acme")
    with session_scope() as session:
        issued = organizations.add_organization(session, "Acme")
        assert organizations.organization_for_token(session, issued.token) is not None


def test_a_new_token_revokes_the_old_one(database: str) -> None:
    with session_scope() as session:
        old = organizations.add_organization(session, "Acme")
    with session_scope() as session:
        new = organizations.new_token(session, "Acme")
    with session_scope() as session:
        assert organizations.organization_for_token(session, old.token) is None
        assert organizations.organization_for_token(session, new.token) is not None
