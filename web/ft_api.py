"""A France Travail "Offres d'emploi v2"-compatible API over the aggregated offers.

Existing FT clients work unchanged apart from their base URL: OAuth2 client credentials at
`/connexion/oauth2/access_token?realm=/partenaire`, then `/partenaire/offresdemploi/v2/…` with a
bearer token, FT's search parameters, `range=p-d` paging with 206 and `Content-Range`.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Annotated, Any
from urllib.parse import unquote_plus

import orjson
from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from exporters.francetravail import search_item, stored_to_francetravail
from normalizers.referentials import communes
from schemas.offers import OfferStatus
from store import access, documents
from store.db import session_scope
from store.models import utcnow
from store.offers import get_offer
from store.search import (
    Around,
    OfferQuery,
    SearchTimeout,
    mark_time_limited,
    search_rows,
    time_limit_settings,
)
from web.deps import Db, bearer_client, documented_token, unauthorized
from web.ft_referentials import NATURE_CODES, referential
from web.ratelimit import SignInAttempts, TooManyAttempts, too_many

NATURE_OF_LABEL = {label: code for code, label in NATURE_CODES.items()}

BASE = "/partenaire/offresdemploi/v2"
MAX_PAGE = 150
MAX_START = 3000
MAX_END = 3149
PUBLISHED_SINCE_DAYS = {1, 3, 7, 14, 31}
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 100
OFFER_ID = re.compile(r"[0-9]{1,12}")


class FtError(BaseModel):
    """Le corps d'erreur de France Travail : le code HTTP et un message qui dit quoi corriger."""

    codeHttp: int = Field(description="Le code HTTP de la réponse, répété.")  # noqa: N815
    message: str = Field(description="Ce qui n'a pas été, en français.")


class OAuthError(BaseModel):
    """Le corps d'erreur de l'adresse des jetons (RFC 6749, section 5.2)."""

    error: str = Field(description="`invalid_request`, `invalid_client`, `unsupported_grant_type`…")
    error_description: str = Field(description="Ce qui n'a pas été, en français.")


LONG_TARGET = "L'adresse et ses paramètres sont plus longs que le serveur ne l'accepte."


def _error(description: str, model: type[BaseModel] = FtError) -> dict[str, Any]:
    return {"model": model, "description": description}


RATE_LIMITED_HEADERS = {
    "Retry-After": {
        "description": "Secondes à attendre avant de réessayer.",
        "schema": {"type": "integer"},
    }
}
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("Un paramètre manque, est inconnu ou mal formé ; le message le nomme."),
    401: {
        **_error("Aucun jeton bearer, ou un jeton expiré ou révoqué."),
        "headers": {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}},
    },
    403: _error("Le client du jeton n'a pas le droit (scope) que demande cette adresse."),
    414: _error(LONG_TARGET),
    429: {
        **_error("Trop de requêtes : attendez le nombre de secondes de `Retry-After`."),
        "headers": RATE_LIMITED_HEADERS,
    },
}
NOT_FOUND_ERROR: dict[int | str, dict[str, Any]] = {
    404: _error("Cette offre ou ce référentiel n'existe pas.")
}
RANGE_HEADERS = {
    "Content-Range": {
        "description": "`offres p-d/total` ; le total est exact jusqu'à 3 150 offres "
        "(aussi loin que va `range`), au-delà c'est l'estimation de PostgreSQL.",
        "schema": {"type": "string"},
    },
    "Accept-Range": {
        "description": "`offres 150` : au plus 150 offres par page.",
        "schema": {"type": "string"},
    },
}

router = APIRouter(tags=["France Travail v2"], responses=COMMON_ERRORS)


def is_api_path(path: str) -> bool:
    return path.startswith(("/partenaire/", "/connexion/", "/api/"))


def is_francetravail_path(path: str) -> bool:
    """The routes where errors take France Travail's JSON shape."""
    return path.startswith(("/partenaire/", "/connexion/"))


STATUS_MESSAGES = {
    404: "Cette adresse n'existe pas dans l'API.",
    405: "Cette méthode n'est pas acceptée à cette adresse.",
}


def error_response(error: StarletteHTTPException) -> Response:
    """FT's error shape: the HTTP code and a message a developer can act on (in French; the
    router's own 404 and 405 get a French message too)."""
    if isinstance(error.detail, dict):
        body = error.detail
    else:
        message = str(error.detail)
        if not isinstance(error, HTTPException):  # raised by the router, in English
            message = STATUS_MESSAGES.get(error.status_code, message)
        body = {"codeHttp": error.status_code, "message": message}
    return JSONResponse(body, status_code=error.status_code, headers=error.headers)


VALIDATION_MESSAGES = {
    "missing": "obligatoire",
    "dict_type": "un objet JSON est attendu",
    "model_attributes_type": "un objet JSON est attendu",
    "json_invalid": "JSON illisible",
    "string_type": "une chaîne de caractères est attendue",
    "list_type": "une liste est attendue",
    "int_parsing": "un nombre entier est attendu",
    "int_type": "un nombre entier est attendu",
    "string_too_long": "trop long",
}


def invalid_request_response(error: RequestValidationError) -> Response:
    """A malformed request on FT's routes: a 400 in FT's shape naming each faulty field."""
    faults = [
        f"{'.'.join(str(part) for part in fault.get('loc', ()))} : "
        + VALIDATION_MESSAGES.get(fault.get("type", ""), f"valeur refusée ({fault.get('type')})")
        for fault in error.errors()
    ]
    message = "Requête mal formée : " + "; ".join(faults)
    return JSONResponse({"codeHttp": 400, "message": message}, status_code=400)


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def authenticated(
    request: Request, session: Db, _declared: Annotated[None, Depends(documented_token)]
) -> access.ApiClient:
    """The client of the request's bearer token, or a 401 (its schemes: deps.documented_token)."""
    return bearer_client(request, session)


Client = Annotated[access.ApiClient, Depends(authenticated)]


TOKEN_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("Mauvais `realm` ou `grant_type`, ou formulaire mal formé.", OAuthError),
    401: _error("Client inconnu ou révoqué, ou secret erroné.", OAuthError),
    414: _error(LONG_TARGET),
    429: {
        **_error("Trop d'essais manqués pour ce client ou cette adresse IP.", OAuthError),
        "headers": RATE_LIMITED_HEADERS,
    },
}


class AccessToken(BaseModel):
    """Un jeton bearer et sa durée de vie."""

    access_token: str
    token_type: str = Field(description="Toujours `Bearer`.")
    expires_in: int = Field(description="Durée de vie du jeton, en secondes.")
    scope: str


def _basic_credentials(header: str) -> tuple[str, str] | None:
    """(client_id, client_secret) from an `Authorization: Basic` header value, None when the
    header is absent or of another scheme; a 400 when it cannot be read. Each part is
    form-urlencoded before base64 (RFC 6749, section 2.3.1)."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        decoded = ""
    client_id, colon, client_secret = decoded.partition(":")
    if not colon:
        raise HTTPException(
            400,
            {
                "error": "invalid_request",
                "error_description": "En-tête Authorization Basic illisible : base64 de "
                "« identifiant:secret » attendu.",
            },
        )
    return unquote_plus(client_id), unquote_plus(client_secret)


@router.post(
    "/connexion/oauth2/access_token",
    tags=["OAuth2"],
    response_model=AccessToken,
    responses=TOKEN_ERRORS,
    summary="Obtenir un jeton",
    description="OAuth2, flux *client credentials* : échange l'identifiant et le secret d'un "
    "client d'API contre un jeton bearer.\n\nLes identifiants viennent dans le formulaire "
    "(comme chez France Travail) ou dans un en-tête `Authorization: Basic` (RFC 6749, "
    "section 2.3.1, qu'emploient les clients OAuth2 et cette page) ; pas dans les deux.",
    response_description="Le jeton.",
)
def access_token(
    request: Request,
    session: Db,
    realm: Annotated[str | None, Query(description="Toujours `/partenaire`.")] = None,
    grant_type: Annotated[str, Form()] = "",
    client_id: Annotated[str, Form()] = "",
    client_secret: Annotated[str, Form()] = "",
    scope: Annotated[str, Form()] = "",
) -> dict[str, Any]:
    """OAuth2 client credentials: trade an API client's id and secret for a bearer token.

    The credentials come in the form (France Travail's way) or in an `Authorization: Basic`
    header (RFC 6749, section 2.3.1, which every OAuth2 client and Swagger UI use); not both."""
    basic = _basic_credentials(request.headers.get("Authorization", ""))
    if basic is not None:
        if client_id or client_secret:
            raise HTTPException(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "Identifiants reçus deux fois : donnez-les dans "
                    "l'en-tête Authorization ou dans le formulaire, pas les deux.",
                },
            )
        client_id, client_secret = basic
    if realm != "/partenaire":
        raise HTTPException(
            400,
            {
                "error": "invalid_request",
                "error_description": "Le paramètre realm vaut /partenaire.",
            },
        )
    if grant_type != "client_credentials":
        raise HTTPException(
            400,
            {
                "error": "unsupported_grant_type",
                "error_description": "Seul grant_type=client_credentials est accepté.",
            },
        )
    address = request.client.host if request.client else "inconnue"
    attempts: SignInAttempts = request.app.state.sign_in_attempts
    try:
        attempts.check(client_id, address)
    except TooManyAttempts as error:
        raise too_many(
            error,
            {
                "error": "temporarily_unavailable",
                "error_description": "Trop d'échecs pour ce client ou cette adresse : "
                f"réessayez dans {error.retry_after} secondes.",
            },
        ) from None
    issued = access.issue_token(session, client_id, client_secret)
    if issued is None:
        attempts.failed(client_id, address)
        raise HTTPException(
            401,
            {
                "error": "invalid_client",
                "error_description": "Client inconnu ou révoqué, ou secret erroné.",
            },
        )
    return {
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
        "scope": issued.scope,
    }


def _split(value: str | None, name: str, limit: int | None = None) -> list[str]:
    items = [item.strip() for item in (value or "").split(",") if item.strip()]
    if limit is not None and len(items) > limit:
        raise bad_request(f"Le paramètre {name} accepte au plus {limit} valeurs.")
    return items


def _range(value: str | None) -> tuple[int, int]:
    if value is None:
        return 0, MAX_PAGE - 1
    match = re.fullmatch(r"(\d+)-(\d+)", value.strip())
    if not match:
        raise bad_request("Le paramètre range doit être de la forme p-d, par exemple 0-149.")
    start, end = int(match[1]), int(match[2])
    if start > end:
        raise bad_request("Dans range=p-d, p doit être inférieur ou égal à d.")
    if end - start + 1 > MAX_PAGE:
        raise bad_request(f"Le range demandé dépasse {MAX_PAGE} offres.")
    if start > MAX_START or end > MAX_END:
        raise bad_request(
            f"La position de départ est au plus {MAX_START} et la fin au plus {MAX_END}."
        )
    return start, end


def _date(value: str, name: str) -> datetime:
    try:
        return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=utcnow().tzinfo)
    except ValueError:
        raise bad_request(
            f"Le paramètre {name} doit être de la forme yyyy-MM-ddTHH:mm:ssZ."
        ) from None


def _bool(value: str | None, name: str) -> bool | None:
    if value is None:
        return None
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise bad_request(f"Le paramètre {name} vaut true ou false.")


def _int(value: str | None, name: str, allowed: set[int] | None = None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or (allowed is not None and int(value) not in allowed):
        choices = f" parmi {sorted(allowed)}" if allowed else ""
        raise bad_request(f"Le paramètre {name} doit être un entier{choices}.")
    return int(value)


def build_query(params: dict[str, str | None]) -> tuple[OfferQuery, bool]:
    """Turn FT's search parameters into a query; False as second value when nothing can match."""
    keywords = _split(params.get("motsCles"), "motsCles", MAX_KEYWORDS)
    if any(len(word) < 2 for word in keywords):
        raise bad_request("Chaque mot-clé de motsCles doit faire au moins 2 caractères.")
    if any(len(word) > MAX_KEYWORD_LENGTH for word in keywords):
        raise bad_request(
            f"Chaque mot-clé de motsCles fait au plus {MAX_KEYWORD_LENGTH} caractères."
        )
    known = communes()
    codes = _split(params.get("commune"), "commune", 5)
    for code in codes:
        if code not in known:
            raise bad_request(f"Le code commune {code} n'existe pas.")
    distance = _int(params.get("distance"), "distance")
    distance = 10 if distance is None else distance
    around = []
    for code in codes:
        latitude, longitude = known[code].latitude, known[code].longitude
        if distance > 0 and latitude is not None and longitude is not None:
            around.append(Around(latitude, longitude, float(distance)))
    created_after = created_before = None
    low, high = params.get("minCreationDate"), params.get("maxCreationDate")
    if (low is None) != (high is None):
        raise bad_request("minCreationDate et maxCreationDate s'utilisent ensemble.")
    if low and high:
        created_after, created_before = (
            _date(low, "minCreationDate"),
            _date(high, "maxCreationDate"),
        )
    since = _int(params.get("publieeDepuis"), "publieeDepuis", PUBLISHED_SINCE_DAYS)
    if since is not None:
        created_after = max(filter(None, [created_after, utcnow() - timedelta(days=since)]))
    sort = _int(params.get("sort"), "sort", {0, 1, 2})
    if sort == 2 and not codes:
        raise bad_request("Le tri par distance (sort=2) demande le paramètre commune.")
    natures = _split(params.get("natureContrat"), "natureContrat")
    unknown = [code for code in natures if code not in NATURE_CODES]
    if unknown:
        raise bad_request(f"Nature de contrat inconnue : {', '.join(unknown)}.")
    origin = _int(params.get("origineOffre"), "origineOffre", {1, 2})
    query = OfferQuery(
        keywords=keywords,
        rome_codes=_split(params.get("codeROME"), "codeROME", 200),
        appellation_codes=_split(params.get("appellation"), "appellation", 200),
        domaine=params.get("domaine") or None,
        grand_domaine=params.get("grandDomaine") or None,
        communes=codes,
        around=around,
        departements=_split(params.get("departement"), "departement", 5),
        region=params.get("region") or None,
        types_contrat=_split(params.get("typeContrat"), "typeContrat"),
        natures_contrat=[NATURE_CODES[code] for code in natures],
        full_time=_bool(params.get("tempsPlein"), "tempsPlein"),
        experience=_int(params.get("experience"), "experience", {1, 2, 3}),
        created_after=created_after,
        created_before=created_before,
        sort_by_distance=sort == 2,
    )
    return query, origin != 1  # every Relais offer comes from a partner site (origine 2)


# What a search page reads of each offer: its stored France Travail document and its
# description (`exporters.francetravail.search_item`).
PAGE_COLUMNS = ("ft_document", "description_text")

SEARCH_PARAMETERS = [
    "range", "motsCles", "codeROME", "appellation", "domaine", "grandDomaine", "commune",
    "distance", "departement", "region", "typeContrat", "natureContrat", "tempsPlein", "experience",
    "minCreationDate", "maxCreationDate", "publieeDepuis", "origineOffre", "sort",
]  # fmt: skip


def _documented(name: str, description: str | None = None) -> dict[str, Any]:
    parameter: dict[str, Any] = {
        "name": name,
        "in": "query",
        "required": False,
        "schema": {"type": "string", "title": name},
    }
    if description:
        parameter["description"] = description
    return parameter


# The search's parameters as /docs shows them (OpenAPI), the others named in its description.
DOCUMENTED_PARAMETERS = [
    _documented("range", "p-d, 150 offres au plus"),
    _documented("motsCles", "Mots-clés séparés par des virgules"),
    _documented("codeROME"),
    _documented("commune", "Codes INSEE, 5 au plus"),
    _documented("distance", "Rayon en km autour de la commune (10)"),
    _documented("departement"),
    _documented("typeContrat"),
]


class FtOffers(BaseModel):
    """Une page d'offres au format de France Travail, et le nombre d'offres de chaque filtre
    possible."""

    resultats: list[dict[str, Any]]
    filtresPossibles: list[dict[str, Any]]  # noqa: N815


@router.get(
    f"{BASE}/offres/search",
    response_model=FtOffers,
    responses={
        200: {"description": "Toutes les offres trouvées.", "headers": RANGE_HEADERS},
        206: {
            "model": FtOffers,
            "description": "Une partie des offres trouvées (`range` p-d).",
            "headers": RANGE_HEADERS,
        },
        204: {"description": "Aucune offre trouvée, ou `range` commence après la dernière."},
        503: _error("La recherche a dépassé son temps : précisez-la ou réessayez."),
    },
    summary="Rechercher des offres",
    description="Recherche avec les paramètres de France Travail : ceux ci-dessous, et "
    "`appellation`, `domaine`, `grandDomaine`, `region`, `natureContrat`, `tempsPlein`, "
    "`experience`, `minCreationDate`, `maxCreationDate`, `publieeDepuis`, `origineOffre`, "
    "`sort`.",
    openapi_extra={"parameters": DOCUMENTED_PARAMETERS},
)
async def search_offers(
    request: Request, _declared: Annotated[None, Depends(documented_token)]
) -> Response:
    """Search offers with France Travail's parameters (SEARCH_PARAMETERS, documented by
    DOCUMENTED_PARAMETERS), read from the query string as they come: none is declared to
    FastAPI, which would convert and validate each of them again at every request.

    The token, the parameters and the search are handled by one call in a worker thread
    (`answer_search`): a request costs one hop from the event loop, not one per dependency."""
    return await run_in_threadpool(
        answer_search, request.headers.get("Authorization", ""), request.query_params
    )


def answer_search(authorization: str, query_params: Mapping[str, str]) -> Response:
    """The response to a search: a 401 without a live bearer token in `authorization` (the
    `Authorization` header's value), a 400 for a bad parameter, a 503 past the search's time
    limit, else the page (200, 206 or 204) with its `Content-Range`.

    One transaction on PostgreSQL: the token's client and the search's settings
    (`store.search.time_limit_settings`) in one statement, then the page and the count (and
    facets); the page is joined from the offers' stored documents
    (`exporters.francetravail.search_item`), no offer object is built."""
    with session_scope() as session:
        postgresql = session.get_bind().dialect.name == "postgresql"
        scheme, _, token = authorization.partition(" ")
        client_id = None
        if scheme.lower() == "bearer":
            settings = time_limit_settings() if postgresql else ()
            client_id, _ = access.client_id_for_token(session, token.strip(), *settings)
            if postgresql:
                mark_time_limited(session)
        if client_id is None:
            raise unauthorized()
        return _search_page(session, query_params)


def _search_page(session: Session, query_params: Mapping[str, str]) -> Response:
    unknown = [name for name in query_params if name not in SEARCH_PARAMETERS]
    if unknown:
        raise bad_request(f"Paramètre inconnu : {', '.join(sorted(unknown))}.")
    params = {name: query_params.get(name) for name in SEARCH_PARAMETERS}
    start, end = _range(params["range"])
    query, can_match = build_query(params)
    if not can_match:
        return Response(status_code=204)
    try:
        result = search_rows(session, query, start, end, PAGE_COLUMNS)
        stored = documents.page_documents(session, result.rows)
    except SearchTimeout:
        raise HTTPException(
            503,
            "La recherche a pris trop de temps : précisez-la (mots-clés, lieu, contrat) "
            "ou réessayez.",
            headers={"Retry-After": "5"},
        ) from None
    if result.total == 0 or start >= result.total:
        return Response(status_code=204)
    last = min(end, result.total - 1)
    offers = b",".join(
        [
            search_item(row["id"], row["description_text"], document)
            for row, document in zip(result.rows, stored, strict=True)
        ]
    )
    facets = [
        {
            "filtre": name,
            "agregation": [
                {
                    "valeurPossible": NATURE_OF_LABEL.get(v, v) if name == "natureContrat" else v,
                    "nbResultats": n,
                }
                for v, n in values
            ],
        }
        for name, values in result.facets.items()
    ]
    body = b'{"resultats":[%b],"filtresPossibles":%b}' % (offers, orjson.dumps(facets))
    complete = start == 0 and last == result.total - 1
    headers = {
        "Content-Range": f"offres {start}-{last}/{result.total}",
        "Accept-Range": f"offres {MAX_PAGE}",
    }
    return Response(
        body,
        status_code=200 if complete else 206,
        headers=headers,
        media_type="application/json",
    )


@router.get(
    f"{BASE}/offres/{{offer_id}}",
    responses=NOT_FOUND_ERROR,
    summary="Lire une offre",
    description="Une offre au format de France Travail.",
    response_description="L'offre.",
)
def read_offer(offer_id: str, client: Client, session: Db) -> dict[str, Any]:
    """One offer in France Travail's shape."""
    found = OFFER_ID.fullmatch(offer_id)
    stored = get_offer(session, int(offer_id)) if found else None
    if stored is None or stored.status != OfferStatus.PUBLISHED:
        raise HTTPException(404, f"Aucune offre {offer_id} en ligne.")
    return stored_to_francetravail(stored)


@router.get(
    f"{BASE}/referentiel/{{name}}",
    responses=NOT_FOUND_ERROR,
    summary="Lire un référentiel",
    description="Un référentiel : `appellations`, `metiers`, `domaines`, `grandsDomaines`, "
    "`communes`, `departements`, `regions`, `typesContrats`, `naturesContrats`.",
    response_description="Les entrées du référentiel.",
)
def read_referential(name: str, client: Client) -> list[dict[str, Any]]:
    """A referential: appellations, metiers, domaines, grandsDomaines, communes, departements,
    regions, typesContrats, naturesContrats."""
    items = referential(name)
    if items is None:
        raise HTTPException(404, f"Le référentiel {name} n'existe pas ici.")
    return items
