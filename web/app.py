"""The Relais web application: community pages and the France-Travail-compatible API."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from pipeline.faults import fault_reference
from schemas.validation_fr import field_label, french_message
from store.search import SearchTimeout
from web import (
    api_docs,
    ft_api,
    intake,
    operator_api,
    operator_page,
    pages,
    recruiter,
    registration_api,
    threads,
)
from web.openapi_fr import french_titles
from web.ratelimit import SignInAttempts
from web.security import SecurityHeaders, TargetLengthLimit

HERE = Path(__file__).resolve().parent


API_DESCRIPTION = """\
Relais collecte les offres d'emploi publiées par les entreprises d'un territoire (flux RSS et
Atom, sites carrières, logiciels de recrutement) et les republie.

- **France Travail v2** : les mêmes adresses, paramètres et réponses que l'API Offres d'emploi
  v2 de France Travail (`/partenaire/offresdemploi/v2/…`) ; un client écrit pour France Travail
  lit Relais en changeant l'adresse de base.
- **Dépôt** : déposer, mettre à jour et retirer ses offres au format France Travail.
- **Inscription des sources** : une organisation inscrit ses flux et sites carrières, les essaie
  à blanc et suit leurs collectes et leurs refus.
- **Opérateurs** : les fils thématiques et la file d'envoi.

**Se connecter** : le bouton « Se connecter », puis l'identifiant et le secret d'un client
d'API (schéma `oauth2`, flux *client credentials*), ou un jeton déjà obtenu (schéma
`bearer`). Les droits (scopes) : `api_offresdemploiv2` pour lire, `intake` pour déposer,
`operator` pour piloter.

Les messages d'erreur sont en français, comme les boutons et intitulés de cette page
(« Essayer », « Exécuter », « Réponses »…).
"""


#: The response descriptions FastAPI writes itself (fastapi.openapi.utils), in French.
FASTAPI_WORDS = {
    "Successful Response": "Réponse réussie.",
    "Validation Error": "Requête invalide : `detail` nomme chaque champ fautif et pourquoi.",
}


def create_app() -> FastAPI:
    """The app; it serves the database RELAIS_DATABASE_URL names (read at each request).

    Failed sign-ins are counted in the store RELAIS_RATE_LIMIT_STORAGE names (memory by
    default: each app its own counts)."""
    app = FastAPI(
        title="Relais",
        summary="Les offres d'emploi des entreprises d'un territoire, compatibles France Travail.",
        description=API_DESCRIPTION,
        version="0.1.0",
        docs_url=None,  # web.api_docs serves /docs from Relais' own copy of Swagger UI
        redoc_url=None,
    )
    app.state.sign_in_attempts = SignInAttempts()
    app.add_middleware(TargetLengthLimit, api_path=ft_api.is_api_path)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    api_docs.install(app)
    app.include_router(pages.router)
    app.include_router(threads.router)
    app.include_router(ft_api.router)
    app.include_router(intake.router)
    app.include_router(operator_api.router)
    app.include_router(registration_api.router)
    app.include_router(recruiter.router)
    app.include_router(operator_page.router)

    def openapi() -> dict[str, Any]:
        """FastAPI's description, its own response descriptions in French (FASTAPI_WORDS), its
        schemas titled in French (web.openapi_fr), less the 422 it lists on France Travail's
        routes, where a malformed request is a 400 in FT's shape
        (ft_api.invalid_request_response)."""
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            for path, operations in schema["paths"].items():
                for operation in operations.values():
                    for response in operation["responses"].values():
                        default = response.get("description")
                        response["description"] = FASTAPI_WORDS.get(default, default)
                if ft_api.is_francetravail_path(path):
                    for operation in operations.values():
                        if "HTTPValidationError" in str(operation["responses"].get("422")):
                            del operation["responses"]["422"]
            app.openapi_schema = french_titles(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(HTTPException)
    async def _errors(request: Request, error: HTTPException) -> Response:
        if ft_api.is_api_path(request.url.path):
            return ft_api.error_response(error)
        return await pages.error_page(request, error)

    @app.exception_handler(Exception)
    async def _fault(request: Request, error: Exception) -> Response:
        # A fault of Relais: never Starlette's "Internal Server Error" nor the error's English;
        # a French page (or FT-shaped body) with the reference of its logged traceback.
        reference = fault_reference(error)
        message = (
            f"Erreur interne de Relais (référence {reference}) : réessayez dans un moment ; si "
            "elle revient, signalez cette référence à l'équipe du site."
        )
        return await _errors(request, HTTPException(500, message))

    @app.exception_handler(SearchTimeout)
    async def _too_long(request: Request, error: SearchTimeout) -> Response:
        # A search the database cancelled (store.search.STATEMENT_TIMEOUT_MS): a French 503 that
        # asks the reader to narrow it, never a 500; the other requests are unaffected.
        message = (
            "La recherche a pris trop de temps : précisez-la (mots-clés, lieu, contrat) "
            "ou réessayez dans quelques secondes."
        )
        return await _errors(request, HTTPException(503, message, headers={"Retry-After": "5"}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        if ft_api.is_francetravail_path(request.url.path):
            return ft_api.invalid_request_response(error)
        # FastAPI's shape ({"detail": [{loc, msg, type, …}]}), each msg said in French, and
        # `label`: the field as a person names it ("filtre > métiers ROME > n° 1 (…)").
        problems = [
            {**problem, "label": _field_label(problem["loc"]), "msg": french_message(problem)}
            for problem in error.errors()
        ]
        return JSONResponse({"detail": jsonable_encoder(problems)}, status_code=422)

    return app


def _field_label(location: Sequence[Any]) -> str:
    """A request error's location in French, without where in the request it was (body, query)."""
    if location and location[0] in ("body", "query", "path", "header", "cookie"):
        location = location[1:]
    return field_label(tuple(location)) if location else "requête"


app = create_app()
