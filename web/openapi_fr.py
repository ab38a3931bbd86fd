"""The OpenAPI description's schema titles in French, its component keys left as they are.

FastAPI and pydantic title every schema after its Python name ("AccessToken", "Body_access_token_
…", "HTTPValidationError") and every property after its field name ("Expires In"); Swagger UI
(/docs) shows these titles in its models. `french_titles` rewrites them once the description is
built: components keep their keys (clients and `$ref`s use them), properties their names.
"""

from __future__ import annotations

from typing import Any

from schemas.validation_fr import FIELD_LABELS

#: Each component of the description (its key, as FastAPI names it) and its French title.
SCHEMA_TITLES = {
    "AccessToken": "Jeton d'accès",
    "Body_access_token_connexion_oauth2_access_token_post": "Demande de jeton",
    "CommuneRadius": "Commune et rayon",
    "DryRun": "Essai à blanc",
    "FtError": "Erreur au format France Travail",
    "FtOffers": "Page d'offres au format France Travail",
    "HTTPValidationError": "Requête invalide",
    "IntakeReceipt": "Accusé de dépôt",
    "IntakeRejection": "Offre déposée refusée",
    "LastRun": "Dernière collecte",
    "OAuthError": "Erreur d'authentification (OAuth2)",
    "OfferPreview": "Aperçu d'une offre",
    "PauseRequest": "Demande de mise en pause",
    "RegistrationResult": "Résultat de l'inscription",
    "RejectionPreview": "Aperçu d'un refus",
    "RejectionReasonView": "Raison d'un refus",
    "SourceDefaults": "Valeurs par défaut d'une source",
    "SourceKind": "Type de source",
    "SourceRequest": "Source à inscrire",
    "SourceView": "Source inscrite",
    "Thread": "Fil thématique",
    "ThreadFilter": "Filtre d'un fil",
    "ValidationError": "Champ invalide",
}

#: Each property of the API's bodies in a reader's words: the labels of the settings and
#: threads' fields (schemas.validation_fr.FIELD_LABELS), and those only the API has.
PROPERTY_TITLES = FIELD_LABELS | {
    # OAuth2 (web.deps, RFC 6749)
    "access_token": "jeton d'accès",
    "token_type": "type de jeton",
    "expires_in": "durée de vie (secondes)",
    "grant_type": "type d'autorisation",
    "client_secret": "secret client",
    "error": "erreur",
    "error_description": "description de l'erreur",
    # France Travail's bodies (web.ft_api)
    "codeHttp": "code HTTP",
    "message": "message",
    "resultats": "résultats",
    "filtresPossibles": "filtres possibles",
    # intake (web.intake)
    "id": "identifiant",
    "status": "statut",
    "reasons": "raisons",
    # registration, dry run and sources (schemas.registration)
    "created": "créée par cette requête",
    "detected": "type détecté, et pourquoi",
    "source": "source",
    "would_import": "offres qui seraient importées",
    "would_reject": "éléments qui seraient refusés",
    "offers": "offres",
    "rejections": "refus",
    "field": "champ",
    "code": "code",
    "paused": "en pause",
    "paused_reason": "raison de la pause",
    "last_run": "dernière collecte",
    "next_run_at": "prochaine collecte",
    "offers_live": "offres en ligne",
    "rejected": "éléments refusés",
    "started_at": "début",
    "http_status": "statut HTTP",
    "reason": "raison",
    # FastAPI's own validation error (fastapi.openapi.utils)
    "detail": "détail",
    "loc": "emplacement",
    "msg": "message",
    "type": "type d'erreur",
    "input": "valeur reçue",
    "ctx": "contexte",
}


def french_titles(document: dict[str, Any]) -> dict[str, Any]:
    """`document` (an OpenAPI description as FastAPI builds it), changed in place and returned:
    each component titled from SCHEMA_TITLES (its key when missing), each property from
    PROPERTY_TITLES (its name when missing), and the titles FastAPI derives from Python names
    for parameters and responses ("Response List Sources Api V1 Sources Get") removed, Swagger
    UI naming these by their parameter name or their model."""
    for key, schema in document.get("components", {}).get("schemas", {}).items():
        schema["title"] = SCHEMA_TITLES.get(key, key)
        _title_properties(schema)
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            _untitle(operation)
    return document


def _title_properties(schema: Any) -> None:
    """Titles every property of `schema` and of the schemas nested in it."""
    if isinstance(schema, list):
        for item in schema:
            _title_properties(item)
    if not isinstance(schema, dict):
        return
    for name, value in (schema.get("properties") or {}).items():
        if isinstance(value, dict):
            value["title"] = PROPERTY_TITLES.get(name, name)
    for key, value in schema.items():
        if key != "title":
            _title_properties(value if key != "properties" else list(value.values()))


def _untitle(node: Any) -> None:
    """Removes every schema title under `node` (a title is a string; a property called "title"
    is a schema, and stays)."""
    if isinstance(node, list):
        for item in node:
            _untitle(item)
    elif isinstance(node, dict):
        if isinstance(node.get("title"), str):
            del node["title"]
        for value in node.values():
            _untitle(value)
