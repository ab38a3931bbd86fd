"""An HTTP status as operators read it, in French: "HTTP 503 (service indisponible)"."""

from __future__ import annotations

HTTP_MEANINGS = {
    400: "requête refusée par le serveur",
    401: "identification demandée",
    403: "accès interdit",
    404: "page introuvable",
    405: "méthode refusée",
    406: "format refusé",
    408: "le serveur a attendu trop longtemps",
    410: "page supprimée",
    413: "requête trop grande",
    418: "requête refusée",
    422: "requête refusée",
    425: "trop tôt",
    429: "trop de requêtes",
    451: "indisponible pour raisons légales",
    500: "erreur interne du serveur",
    501: "non pris en charge par le serveur",
    502: "passerelle en erreur",
    503: "service indisponible",
    504: "la passerelle n'a pas eu de réponse à temps",
    522: "le serveur d'origine ne répond pas",
    524: "le serveur d'origine a mis trop de temps à répondre",
}
"""What an HTTP status means, in French (RFC 9110 status codes; 522/524 are Cloudflare's)."""


def http_status_message(status: int, retry_after: int | None = None) -> str:
    """ "HTTP 500 (erreur interne du serveur)", with the delay the server asked for, if any
    ("…, nouvel essai demandé dans 30 s (Retry-After)"); an unlisted 4xx or 5xx is said as
    a refused request or a server error."""
    meaning = HTTP_MEANINGS.get(status)
    if meaning is None and 400 <= status < 500:
        meaning = "requête refusée"
    elif meaning is None and status >= 500:
        meaning = "erreur du serveur"
    message = f"HTTP {status} ({meaning})" if meaning else f"HTTP {status}"
    if retry_after:
        message += f", nouvel essai demandé dans {retry_after} s (Retry-After)"
    return message
