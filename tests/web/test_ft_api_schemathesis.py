"""Schemathesis against the France-Travail-compatible API served on loopback: generated
requests (valid and invalid) get no server error and answers conform to the OpenAPI description.

The run is bounded (MAX_EXAMPLES per operation, on each database); source registration is not
part of it (those routes fetch the URLs they are given)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from store import access
from store.db import session_scope
from tests.support.webserver import serving

MAX_EXAMPLES = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def served_api(catalogue: dict[str, int]) -> Iterator[tuple[str, str]]:
    """The app on loopback over the test catalogue, and a bearer token allowed to push."""
    from web.app import create_app

    with session_scope() as session:
        created = access.add_client(session, "schemathesis", "api_offresdemploiv2 intake")
        issued = access.issue_token(session, created.client_id, created.client_secret)
    assert issued is not None
    with serving(create_app()) as url:
        yield url, issued.access_token


def _operations(url: str) -> list[Any]:
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    included = schema.include(path_regex=r"^/(partenaire|connexion)/")
    return [result.ok() for result in included.get_all_operations()]


@pytest.mark.timeout(600)
def test_the_francetravail_api_conforms_to_its_description(served_api: tuple[str, str]) -> None:
    url, token = served_api
    headers = {"Authorization": f"Bearer {token}"}
    operations = _operations(url)
    assert len(operations) >= 7  # token, search, offer, referential, intake put/post/delete

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def conforms(case: Any) -> None:
            case.call_and_validate(base_url=url, headers=headers, checks=CHECKS, timeout=30)

        conforms()
