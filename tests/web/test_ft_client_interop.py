"""A third-party France Travail client (PyPI `api-offres-emploi`) works against Relais unchanged.

Only its endpoint constants are pointed at a Relais served on loopback.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from offres_emploi import api as ft_client

from store import access
from store.db import session_scope
from tests.support.webserver import serving
from web.app import create_app


@pytest.fixture
def relais_api(
    catalogue: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> Iterator[ft_client.Api]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with session_scope() as session:
        created = access.add_client(session, "ft-client")
    with serving(create_app()) as base:
        v2 = f"{base}/partenaire/offresdemploi/v2"
        monkeypatch.setattr(
            ft_client, "ENDPOINT_ACCESS_TOKEN", f"{base}/connexion/oauth2/access_token"
        )
        monkeypatch.setattr(ft_client, "REFERENTIEL_ENDPOINT", f"{v2}/referentiel")
        monkeypatch.setattr(ft_client, "SEARCH_ENDPOINT", f"{v2}/offres/search")
        yield ft_client.Api(client_id=created.client_id, client_secret=created.client_secret)


def test_the_client_authenticates(relais_api: ft_client.Api) -> None:
    token = relais_api.get_token()
    assert token["access_token"] and token["expires_in"] == 1499


def test_the_client_pages_through_a_search_with_content_range(relais_api: ft_client.Api) -> None:
    first = relais_api.search(params={"range": "0-1"})
    second = relais_api.search(params={"range": "2-3"})
    assert first["Content-Range"] == {"first_index": "0", "last_index": "1", "max_results": "3"}
    assert second["Content-Range"] == {"first_index": "2", "last_index": "2", "max_results": "3"}
    titles = [o["intitule"] for o in first["resultats"] + second["resultats"]]
    assert titles == ["Développeur Python H/F", "Développeuse Java F/H", "Cariste H/F"]


def test_the_client_filters_like_at_france_travail(relais_api: ft_client.Api) -> None:
    found = relais_api.search(params={"typeContrat": "CDI", "departement": "69"})
    assert [o["intitule"] for o in found["resultats"]] == ["Développeur Python H/F"]


def test_the_client_reads_referentials(relais_api: ft_client.Api) -> None:
    contracts = relais_api.referentiel("typesContrats")
    assert {"code": "CDI", "libelle": "Contrat à durée indéterminée"} in contracts
