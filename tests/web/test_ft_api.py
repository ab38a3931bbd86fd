"""The France-Travail-compatible API, as an existing FT client uses it."""

from __future__ import annotations

import base64
from datetime import timedelta
from urllib.parse import quote_plus

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from starlette.types import Message, Receive, Scope, Send

from schemas.offers import (
    Contract,
    Experience,
    ExperienceRequirement,
    Place,
    PlaceMatch,
    RomeCoding,
    Salary,
    SalaryPeriod,
)
from store import access, migrate, models
from store.copies import upsert_offer
from store.db import session_scope
from store.sources import get_source
from tests.store.factories import offer
from tests.web.catalogue import NOW, RENNES
from web.app import create_app

API = "/partenaire/offresdemploi/v2"


@pytest.fixture
def client(catalogue: dict[str, int]) -> TestClient:
    """An HTTP client holding a valid bearer token."""
    http = TestClient(create_app())
    with session_scope() as session:
        created = access.add_client(session, "partner")
    token = http.post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={"grant_type": "client_credentials", "client_id": created.client_id,
              "client_secret": created.client_secret, "scope": "api_offresdemploiv2"},
    ).json()["access_token"]  # fmt: skip
    http.headers["Authorization"] = f"Bearer {token}"
    return http


def _ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [item["intitule"] for item in response.json()["resultats"]]


def test_token_endpoint_gives_a_bearer_token_with_its_lifetime(database: str) -> None:
    http = TestClient(create_app())
    with session_scope() as session:
        created = access.add_client(session, "partner")
    response = http.post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={"grant_type": "client_credentials", "client_id": created.client_id,
              "client_secret": created.client_secret},
    )  # fmt: skip
    body = response.json()
    assert response.status_code == 200
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 1499)


def test_a_token_is_stored_before_the_client_receives_it(database: str) -> None:
    # A client uses its token at once: the token must be committed when the response leaves.
    app = create_app()
    tokens_stored_when_sent: list[int] = []

    async def watching(scope: Scope, receive: Receive, send: Send) -> None:
        async def watched_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                with session_scope() as session:
                    count = select(func.count()).select_from(access.ApiToken)
                    tokens_stored_when_sent.append(session.scalar(count) or 0)
            await send(message)

        await app(scope, receive, watched_send)

    with session_scope() as session:
        created = access.add_client(session, "partner")
    response = TestClient(watching).post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={"grant_type": "client_credentials", "client_id": created.client_id,
              "client_secret": created.client_secret},
    )  # fmt: skip
    assert response.status_code == 200 and tokens_stored_when_sent == [1]


def test_a_wrong_secret_gets_no_token(database: str) -> None:
    http = TestClient(create_app())
    with session_scope() as session:
        created = access.add_client(session, "partner")
    response = http.post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={"grant_type": "client_credentials", "client_id": created.client_id,
              "client_secret": "guess"},
    )  # fmt: skip
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


def _basic(client_id: str, client_secret: str) -> dict[str, str]:
    pair = f"{quote_plus(client_id)}:{quote_plus(client_secret)}".encode()
    return {"Authorization": "Basic " + base64.b64encode(pair).decode()}


def test_the_token_endpoint_takes_the_credentials_in_a_basic_header(database: str) -> None:
    # RFC 6749, section 2.3.1: what OAuth2 libraries and Swagger UI's "Authorize" send.
    http = TestClient(create_app())
    with session_scope() as session:
        created = access.add_client(session, "partner")
    response = http.post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={"grant_type": "client_credentials"},
        headers=_basic(created.client_id, created.client_secret),
    )
    assert response.status_code == 200 and response.json()["token_type"] == "Bearer"


def test_a_wrong_secret_in_a_basic_header_gets_no_token(database: str) -> None:
    http = TestClient(create_app())
    with session_scope() as session:
        created = access.add_client(session, "partner")
    response = http.post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={"grant_type": "client_credentials"},
        headers=_basic(created.client_id, "guess"),
    )
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


@pytest.mark.parametrize("header", ["Basic !!!", "Basic " + base64.b64encode(b"no-colon").decode()])
def test_an_unreadable_basic_header_is_a_clear_400(database: str, header: str) -> None:
    response = TestClient(create_app()).post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": header},
    )
    assert response.status_code == 400
    assert "Authorization Basic illisible" in response.json()["error_description"]


def test_credentials_in_both_the_header_and_the_form_are_refused(database: str) -> None:
    http = TestClient(create_app())
    with session_scope() as session:
        created = access.add_client(session, "partner")
    response = http.post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={"grant_type": "client_credentials", "client_id": created.client_id,
              "client_secret": created.client_secret},
        headers=_basic(created.client_id, created.client_secret),
    )  # fmt: skip
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


def test_the_api_refuses_requests_without_a_token(catalogue: dict[str, int]) -> None:
    response = TestClient(create_app()).get(f"{API}/offres/search")
    assert response.status_code == 401
    assert "jeton bearer" in response.json()["message"]


def test_a_revoked_client_loses_its_tokens(client: TestClient) -> None:
    with session_scope() as session:
        access.revoke_client(session, "partner")
    assert client.get(f"{API}/offres/search").status_code == 401


def test_search_returns_newest_first_and_200_when_complete(client: TestClient) -> None:
    response = client.get(f"{API}/offres/search")
    assert response.status_code == 200
    assert response.headers["Content-Range"] == "offres 0-2/3"
    assert _ids(response) == ["Développeur Python H/F", "Développeuse Java F/H", "Cariste H/F"]


def test_a_partial_range_is_206_with_content_range(client: TestClient) -> None:
    response = client.get(f"{API}/offres/search", params={"range": "1-1"})
    assert response.status_code == 206
    assert response.headers["Content-Range"] == "offres 1-1/3"
    assert _ids(response) == ["Développeuse Java F/H"]


def test_nothing_matching_is_204(client: TestClient) -> None:
    assert client.get(f"{API}/offres/search", params={"motsCles": "boulanger"}).status_code == 204


@pytest.mark.parametrize(
    "params, message",
    [
        ({"range": "0-150"}, "150"),
        ({"range": "10-2"}, "inférieur"),
        ({"range": "abc"}, "p-d"),
        ({"commune": "99999"}, "99999"),
        ({"publieeDepuis": "2"}, "publieeDepuis"),
        ({"minCreationDate": "2026-01-01T00:00:00Z"}, "ensemble"),
        ({"sort": "2"}, "commune"),
        ({"natureContrat": "ZZ"}, "ZZ"),
        ({"experience": "4"}, "experience"),
        ({"nimporte": "quoi"}, "nimporte"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client: TestClient, params, message) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{API}/offres/search", params=params)
    assert response.status_code == 400
    assert message in response.json()["message"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"motsCles": "python"}, ["Développeur Python H/F"]),
        # Either gender: "développeur" finds the Développeuse too (store.fulltext.gender_forms).
        ({"motsCles": "developpeur"}, ["Développeur Python H/F", "Développeuse Java F/H"]),
        ({"motsCles": "DÉVELOPPEURS"}, ["Développeur Python H/F", "Développeuse Java F/H"]),
        ({"motsCles": "developpeurs,java"}, ["Développeuse Java F/H"]),
        ({"motsCles": "developpeurs,rust"}, []),
        ({"codeROME": "N1101"}, ["Cariste H/F"]),
        ({"appellation": "38971"}, ["Développeur Python H/F", "Développeuse Java F/H"]),
        ({"domaine": "M18"}, ["Développeur Python H/F", "Développeuse Java F/H"]),
        ({"grandDomaine": "N"}, ["Cariste H/F"]),
        ({"departement": "35"}, ["Cariste H/F"]),
        ({"region": "84"}, ["Développeur Python H/F", "Développeuse Java F/H"]),
        ({"typeContrat": "CDI"}, ["Développeur Python H/F"]),
        ({"tempsPlein": "false"}, ["Développeuse Java F/H", "Cariste H/F"]),
        ({"natureContrat": "E1", "typeContrat": "CDD"}, ["Développeuse Java F/H", "Cariste H/F"]),
        ({"publieeDepuis": "7"}, ["Développeur Python H/F", "Développeuse Java F/H"]),
        ({"commune": "69383", "distance": "0"}, ["Développeur Python H/F"]),
        ({"commune": "69123", "distance": "0"}, ["Développeur Python H/F"]),
        (
            {"commune": "69123", "distance": "10"},
            ["Développeur Python H/F", "Développeuse Java F/H"],
        ),
        ({"origineOffre": "1"}, []),
        ({"experience": "1"}, ["Développeuse Java F/H"]),
        ({"experience": "2"}, ["Développeur Python H/F"]),
        ({"experience": "3"}, ["Cariste H/F"]),
    ],
)
def test_search_filters(client: TestClient, params, expected) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{API}/offres/search", params=params)
    assert (_ids(response) if response.status_code != 204 else []) == expected


def test_creation_date_window(client: TestClient) -> None:
    low = (NOW - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    high = (NOW - timedelta(hours=36)).strftime("%Y-%m-%dT%H:%M:%SZ")
    response = client.get(
        f"{API}/offres/search", params={"minCreationDate": low, "maxCreationDate": high}
    )
    assert _ids(response) == ["Développeuse Java F/H"]


def test_sort_by_distance_puts_the_nearest_first(client: TestClient) -> None:
    response = client.get(
        f"{API}/offres/search", params={"commune": "69266", "distance": "20", "sort": "2"}
    )
    assert _ids(response) == ["Développeuse Java F/H", "Développeur Python H/F"]


def test_possible_filters_count_the_matching_offers(client: TestClient) -> None:
    facets = client.get(f"{API}/offres/search").json()["filtresPossibles"]
    contracts = next(f for f in facets if f["filtre"] == "typeContrat")["agregation"]
    assert contracts == [
        {"valeurPossible": "CDD", "nbResultats": 2},
        {"valeurPossible": "CDI", "nbResultats": 1},
    ]


def test_one_offer_by_id(client: TestClient, catalogue: dict[str, int]) -> None:
    body = client.get(f"{API}/offres/{catalogue['cariste-rennes']}").json()
    assert (body["id"], body["romeCode"], body["lieuTravail"]["commune"]) == (
        str(catalogue["cariste-rennes"]), "N1101", "35238",
    )  # fmt: skip


def test_an_unknown_offer_is_404(client: TestClient) -> None:
    assert client.get(f"{API}/offres/nope").status_code == 404


@pytest.mark.parametrize(
    "name, sample",
    [
        ("communes", {"code": "69383", "codePostal": "69003", "codeDepartement": "69"}),
        ("departements", {"code": "69", "libelle": "Rhône"}),
        ("regions", {"code": "84", "libelle": "Auvergne-Rhône-Alpes"}),
        ("metiers", {"code": "M1805", "libelle": None}),
        ("domaines", {"code": "M18", "libelle": None}),
        ("appellations", {"code": None, "libelle": None}),
        ("typesContrats", {"code": "CDI", "libelle": "Contrat à durée indéterminée"}),
        ("naturesContrats", {"code": "E2", "libelle": "Contrat apprentissage"}),
    ],
)
def test_referentials(client: TestClient, name: str, sample: dict[str, str | None]) -> None:
    items = client.get(f"{API}/referentiel/{name}").json()
    assert len(items) > 0
    wanted = {key: value for key, value in sample.items() if value is not None}
    assert any(wanted.items() <= item.items() for item in items), items[:3]


def test_an_unknown_referential_is_404(client: TestClient) -> None:
    assert client.get(f"{API}/referentiel/planetes").status_code == 404


def test_an_openapi_description_is_served(database: str) -> None:
    paths = TestClient(create_app()).get("/openapi.json").json()["paths"]
    assert f"{API}/offres/search" in paths and "/connexion/oauth2/access_token" in paths


def test_the_openapi_description_declares_the_client_credentials_and_bearer_schemes(
    database: str,
) -> None:
    schema = TestClient(create_app()).get("/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    flow = schemes["oauth2"]["flows"]["clientCredentials"]
    assert flow["tokenUrl"] == "/connexion/oauth2/access_token?realm=/partenaire"
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    search = schema["paths"][f"{API}/offres/search"]["get"]
    assert search["security"] == [{"oauth2": []}, {"bearer": []}]
    assert "security" not in schema["paths"]["/connexion/oauth2/access_token"]["post"]


def _store_offer_in_rennes_or_toulouse() -> None:
    toulouse = Place(
        text="Toulouse", match=PlaceMatch.COMMUNE, label="31 - TOULOUSE", insee_code="31555",
        departement_code="31", region_code="76", latitude=43.6007, longitude=1.4328,
    )  # fmt: skip
    item = offer("tech-two-places", "Technicien réseau H/F", place=RENNES, other_places=[toulouse])
    with session_scope() as session:
        upsert_offer(session, get_source(session, "acme").id, item)


@pytest.mark.parametrize(
    "params",
    [
        {"departement": "31"},
        {"region": "76"},
        {"commune": "31555", "distance": "0"},
        {"commune": "31555", "distance": "10"},
    ],
)
def test_search_finds_an_offer_by_its_other_place(client: TestClient, params) -> None:  # type: ignore[no-untyped-def]
    _store_offer_in_rennes_or_toulouse()
    response = client.get(f"{API}/offres/search", params=params)
    assert _ids(response) == ["Technicien réseau H/F"]


def _description() -> dict:  # type: ignore[type-arg]
    return TestClient(create_app()).get("/openapi.json").json()  # type: ignore[no-any-return]


def test_the_description_lists_every_error_of_the_search(database: str) -> None:
    answers = _description()["paths"][f"{API}/offres/search"]["get"]["responses"]
    assert {"200", "204", "206", "400", "401", "403", "414", "429"} <= set(answers)
    assert "422" not in answers  # a malformed request is a 400 in FT's shape here
    assert answers["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/FtError")
    assert "Retry-After" in answers["429"]["headers"]


def test_the_description_gives_the_feeds_their_content_types(database: str) -> None:
    paths = _description()["paths"]
    assert list(paths["/fils/{slug}.rss"]["get"]["responses"]["200"]["content"]) == [
        "application/rss+xml"
    ]
    assert list(paths["/fils/{slug}.atom"]["get"]["responses"]["200"]["content"]) == [
        "application/atom+xml"
    ]
    assert list(paths["/flux/indeed.xml"]["get"]["responses"]["200"]["content"]) == [
        "application/xml"
    ]


def _store_offers_of_every_shape() -> None:
    """Offers whose France Travail documents take each branch: remote or unknown place, salary
    with or without FT's wording, no ROME code, a duration, odd hours, each kind of contact,
    no link or an application link only, no publication date, a source update date."""
    shapes = [
        {"place": Place(text="Télétravail", match=PlaceMatch.REMOTE)},
        {"place": Place(), "posted_at": None, "company_name": None},
        {"salary": Salary(text="35 à 40 k€", minimum=35000, maximum=40000,
                          period=SalaryPeriod.YEAR, currency="EUR", months=12.5)},
        {"salary": Salary(text="selon profil")},
        {"salary": Salary(text="15 $/h", minimum=15, period=SalaryPeriod.HOUR, currency="USD")},
        {"rome": None, "contract": Contract(text="CDD 6 mois", type_contrat="CDD",
                                           duration_value=6, duration_unit="mois",
                                           hours_per_week=35.5, full_time=True)},
        {"contract": Contract(type_contrat="MIS", duration_value=10, duration_unit="jour",
                              nature="Contrat apprentissage",
                              working_time_text="Horaires variables")},
        {"contact": "Écrire à jobs@acme.example", "url": None,
         "apply_url": "https://acme.example/postuler"},
        {"contact": "Appeler le 04 72 00 00 00", "url": None},
        {"contact": "Se présenter à l'accueil",
         "source_updated_at": NOW - timedelta(hours=5)},
        {"experience": Experience(text="Quelques années souhaitées")},
        {"experience": Experience(requirement=ExperienceRequirement.DESIRED, months=18),
         "rome": RomeCoding(code="M1805", label="Études et développement informatique",
                            appellation_code="38971", confidence=0.4)},
    ]  # fmt: skip
    with session_scope() as session:
        source = get_source(session, "acme")
        assert source is not None
        for number, fields in enumerate(shapes):
            upsert_offer(session, source.id, offer(f"shape-{number}", f"Poste {number}", **fields))


def test_each_offer_of_a_search_page_is_the_offer_s_own_document(client: TestClient) -> None:
    # The search builds its page from the columns, the one-offer route from the stored offer:
    # a client reading either must get the same document.
    _store_offers_of_every_shape()
    page = client.get(f"{API}/offres/search").json()["resultats"]
    assert len(page) == 15
    for document in page:
        assert client.get(f"{API}/offres/{document['id']}").json() == document


def test_a_search_page_shows_an_offer_as_it_stands_after_a_change(client: TestClient) -> None:
    # Each offer's document is stored beside it: a change to the offer must change it too.
    with session_scope() as session:
        source = get_source(session, "acme")
        assert source is not None
        upsert_offer(session, source.id, offer("moving", "Soudeur H/F"))
    with session_scope() as session:
        source = get_source(session, "acme")
        assert source is not None
        changed = offer(
            "moving", "Soudeur confirmé H/F", salary=Salary(text="2 000 € par mois",
            minimum=2000, period=SalaryPeriod.MONTH, currency="EUR"),
        )  # fmt: skip
        upsert_offer(session, source.id, changed)
    page = client.get(f"{API}/offres/search", params={"motsCles": "soudeur"}).json()["resultats"]
    assert [document["intitule"] for document in page] == ["Soudeur confirmé H/F"]
    assert page[0] == client.get(f"{API}/offres/{page[0]['id']}").json()


def _forget_documents() -> None:
    """As a store copied in SQL, or written before documents were kept: none stored."""
    with session_scope() as session:
        session.execute(update(models.Offer).values(ft_document=None))


def test_an_offer_without_a_stored_document_is_shown_whole(client: TestClient) -> None:
    _store_offers_of_every_shape()
    before = client.get(f"{API}/offres/search").json()
    _forget_documents()
    assert client.get(f"{API}/offres/search").json() == before


def test_upgrading_the_store_writes_the_missing_documents(client: TestClient) -> None:
    _store_offers_of_every_shape()
    before = client.get(f"{API}/offres/search").json()
    _forget_documents()
    migrate.upgrade()
    with session_scope() as session:
        missing = session.scalar(select(func.count()).where(models.Offer.ft_document.is_(None)))
    assert missing == 0
    assert client.get(f"{API}/offres/search").json() == before
