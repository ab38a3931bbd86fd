"""Pydantic's validation errors told in French, naming each setting by its French label.

Pydantic writes its messages in English ("Field required"); recruiters and operators read
French. Each error is translated from its stable `type` and `ctx` (the error types are listed
at https://docs.pydantic.dev/latest/errors/validation_errors/), never from its English text.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

FIELD_LABELS = {
    "settings": "réglages",
    "name": "nom de la source",
    "kind": "type de source",
    "url": "adresse (URL)",
    "organization": "organisation",
    "schedule_minutes": "intervalle entre deux collectes (minutes)",
    "defaults": "valeurs par défaut",
    "threads": "fils de diffusion",
    "max_age_days": "âge maximal des offres (jours)",
    "recheck_after_days": "revérification après (jours)",
    "company_name": "nom de l'entreprise",
    "place": "lieu",
    "contract": "contrat",
    "board": "identifiant du compte",
    "api_base": "racine de l'API",
    "page_size": "taille des pages",
    "details": "lire chaque annonce",
    "discovery": "mode de découverte",
    "follow": "motif des liens d'offres",
    "pagination": "motif des pages suivantes",
    "max_pages": "nombre maximal de pages",
    "links": "sélecteur des liens d'offres",
    "next": "sélecteur de la page suivante",
    "container": "sélecteur de l'annonce",
    "fields": "sélecteurs des champs",
    "title": "intitulé",
    "description": "description",
    "company": "entreprise",
    "working_time": "temps de travail",
    "salary": "salaire",
    "experience": "expérience",
    "remote": "télétravail",
    "category": "catégorie",
    "reference": "référence",
    "posted_at": "date de publication",
    "valid_through": "date de clôture",
    "apply_url": "adresse de candidature",
    "client_id": "identifiant client",
    "client_secret_env": "variable d'environnement du secret",
    "token_url": "adresse du jeton",
    "scope": "scope OAuth2",
    "query": "paramètres de recherche",
    "shard_by_departement": "découper par département",
    # a community thread (schemas.threads)
    "slug": "adresse du fil",
    "filter": "filtre",
    "domaines": "domaines ROME",
    "metiers": "métiers ROME",
    "communes": "communes",
    "insee_code": "code INSEE",
    "radius_km": "rayon (km)",
    "departements": "départements",
    "regions": "régions",
    "types_contrat": "types de contrat",
    "keywords": "mots-clés",
    # an offer as an extractor reads it (schemas.source_offer.SourceOffer)
    "external_id": "identifiant de l'offre",
    "company_address": "adresse de l'entreprise",
    "city": "ville",
    "postal_code": "code postal",
    "region": "région",
    "country": "pays",
    "other_places": "autres lieux",
    "updated_at": "date de mise à jour",
    "start_date": "date de début",
    "start": "date de début (prise de poste)",
    "contact": "contact",
}
"""Each setting or registration field (schemas.sources) and each field of a community thread
and its filter (schemas.threads) in a recruiter's or operator's words."""

_SENTENCES = {
    "missing": "obligatoire, absent",
    "extra_forbidden": "réglage inconnu pour ce type de source",
    "string_type": "une chaîne de caractères est attendue",
    "string_too_short": "trop court (au moins {min_length} caractère(s))",
    "string_too_long": "trop long (au plus {max_length} caractères)",
    "string_pattern_mismatch": "forme refusée (motif attendu : {pattern})",
    "url_parsing": "adresse illisible",
    "url_type": "une adresse (URL) est attendue",
    "url_scheme": "schéma d'adresse refusé (attendu : {expected_schemes})",
    "url_too_long": "adresse trop longue (au plus {max_length} caractères)",
    "int_type": "un nombre entier est attendu",
    "int_parsing": "un nombre entier est attendu",
    "int_from_float": "un nombre entier est attendu, sans décimales",
    "float_type": "un nombre est attendu",
    "float_parsing": "un nombre est attendu",
    "bool_type": "oui ou non (true ou false) est attendu",
    "bool_parsing": "oui ou non (true ou false) est attendu",
    "greater_than": "doit être supérieur à {gt}",
    "greater_than_equal": "doit valoir au moins {ge}",
    "less_than": "doit être inférieur à {lt}",
    "less_than_equal": "doit valoir au plus {le}",
    "dict_type": "un objet JSON est attendu",
    "model_type": "un objet JSON est attendu",
    "model_attributes_type": "un objet JSON est attendu",
    "list_type": "une liste est attendue",
    "too_short": "trop peu d'éléments (au moins {min_length})",
    "too_long": "trop d'éléments (au plus {max_length})",
    "literal_error": "valeur refusée (valeurs possibles : {expected})",
    "enum": "valeur refusée (valeurs possibles : {expected})",
    "json_invalid": "JSON illisible",
}


def field_label(location: Sequence[str | int]) -> str:
    """A location such as ("fields", "title") as a reader names it: "sélecteurs des champs >
    intitulé (fields.title)"; list positions count from 1; a field without a label (one the
    model does not know) is named as given."""
    if not location:
        return FIELD_LABELS["settings"]
    words = [
        f"n° {part + 1}" if isinstance(part, int) else FIELD_LABELS.get(part, part)
        for part in location
    ]
    path = ".".join(map(str, location))
    named = " > ".join(words)
    return path if named == path else f"{named} ({path})"


def french_message(error: Mapping[str, Any]) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as a French phrase, without
    its location. Our own validators' messages (value_error, custom types) are French already
    and pass through; an unknown type falls back to "valeur refusée (<type>)"."""
    kind = str(error.get("type", ""))
    context = dict(error.get("ctx") or {})
    if kind in ("value_error", "assertion_error") and "error" in context:
        return str(context["error"])
    if kind == "value_error" and error.get("msg"):
        # Without its ctx: an error Relais raised itself (French), or pydantic's "Value error,
        # {error}" around one of our validators' French messages.
        return str(error["msg"]).removeprefix("Value error, ")
    sentence = _SENTENCES.get(kind)
    if sentence is None:
        return error["msg"] if _is_ours(kind) else f"valeur refusée ({kind})"
    # pydantic joins a list of choices with English words ("'http' or 'https'").
    context = {
        key: value.replace("' or '", "' ou '") if isinstance(value, str) else _number(value)
        for key, value in context.items()
    }
    try:
        return sentence.format(**context)
    except (KeyError, IndexError):
        return sentence.split(" (")[0]


def _number(value: Any) -> Any:
    """A bound as a person writes it: 200, not 200.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _is_ours(kind: str) -> bool:
    """Custom errors raised by schemas.sources (PydanticCustomError) carry French text."""
    return kind in ("settings", "url_without_scheme")


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation holds (`HtmlFields`, `HtmlFields | None`), or None."""
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for arg in get_args(annotation) if (m := _model_in(arg))), None)


def accepted_names(model: type[BaseModel], location: Sequence[str | int]) -> list[str] | None:
    """The names `model` accepts beside the last part of `location` (("fields", "start") →
    HtmlFields' names: title, description, …), in the model's order; None when the location
    leads to no model."""
    current: type[BaseModel] = model
    for part in location[:-1]:
        if isinstance(part, int):
            return None
        field = current.model_fields.get(part)
        found = _model_in(field.annotation) if field is not None else None
        if found is None:
            return None
        current = found
    return [field.alias or name for name, field in current.model_fields.items()]


def _with_accepted_names(
    error: Mapping[str, Any], message: str, model: type[BaseModel] | None
) -> str:
    """An unknown setting's message followed by the names accepted there ("réglages acceptés :
    title, description, …"), or saying there are none."""
    if model is None or error.get("type") != "extra_forbidden":
        return message
    names = accepted_names(model, tuple(error["loc"]))
    if names is None:
        return message
    if not names:
        return f"{message} (ce type n'a aucun réglage)"
    return f"{message} (réglages acceptés : {', '.join(names)})"


def french_problems(
    errors: Sequence[Mapping[str, Any]], model: type[BaseModel] | None = None
) -> list[tuple[str, str]]:
    """Each error of a ValidationError as (the field's label, the French message); with the
    `model` validated, an unknown setting's message lists the names accepted there."""
    return [
        (
            field_label(tuple(error["loc"])),
            _with_accepted_names(error, french_message(error), model),
        )
        for error in errors
    ]


def _model_named(title: str) -> type[BaseModel] | None:
    """The Relais model whose class is named `title` (a ValidationError's title), or None."""
    from schemas.base import StrictModel

    pending: list[type[BaseModel]] = [StrictModel]
    while pending:
        model = pending.pop()
        if model.__name__ == title:
            return model
        pending.extend(model.__subclasses__())
    return None


def french_validation(error: ValidationError) -> str:
    """A pydantic ValidationError as one French line for people: each problem as "label :
    message", joined by "; " (e.g. "identifiant de l'offre (external_id) : trop court (au
    moins 1 caractère(s))"); never pydantic's English, its input values or its links. An
    unknown setting names the settings accepted beside it ("… : réglage inconnu pour ce type
    de source (réglages acceptés : title, description, …)")."""
    problems = french_problems(error.errors(), _model_named(error.title))
    return "; ".join(f"{label} : {message}" for label, message in problems)


def french_reason_of(error: Exception) -> str:
    """`error` as French words for people: a ValidationError translated by
    `french_validation`; any other error's own message (Relais raises French ones)."""
    return french_validation(error) if isinstance(error, ValidationError) else str(error)
