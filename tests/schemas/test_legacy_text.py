"""Crawl errors and pause reasons older versions stored in English read in French: each shape
those versions wrote (git history of spiders/ and pipeline/autopause.py), one case each."""

from __future__ import annotations

import re

import pytest

from schemas.legacy_text import french_error
from schemas.rejections import explain

# (what an older version stored, what a person reads now)
STORED = [
    ("HTTP 500 Internal Server Error", "HTTP 500 (erreur interne du serveur)"),
    ("HTTP 404 Not Found", "HTTP 404 (page introuvable)"),
    ("HTTP 418 I'm a Teapot", "HTTP 418 (requête refusée)"),
    ("HTTP 599", "HTTP 599 (erreur du serveur)"),
    ("HTTP 500 from the server", "HTTP 500 (erreur interne du serveur)"),
    (
        "HTTP 503 Service Unavailable (Retry-After: 120 s)",
        "HTTP 503 (service indisponible), nouvel essai demandé dans 120 s (Retry-After)",
    ),
    (
        "HTTP 304 Not Modified to a request that was not conditional",
        "HTTP 304 (non modifié) en réponse à une requête qui n'était pas conditionnelle",
    ),
    ("response body over the 32 MiB limit", "la réponse dépasse la limite de 32 Mio"),
    ("unknown failure", "échec inconnu"),
    ("forbidden by robots.txt", "interdit par robots.txt"),
    (
        "forbidden by robots.txt: https://a.example/jobs",
        "interdit par robots.txt : https://a.example/jobs",
    ),
    ("too many redirects (more than 5)", "trop de redirections (plus de 5)"),
    ("request ignored: whatever", "requête abandonnée : whatever"),
    (
        "download of https://a.example/f.xml was cancelled",
        "le téléchargement de https://a.example/f.xml a été annulé",
    ),
    ("timed out after 30 s", "pas de réponse après 30 s"),
    ("DNS lookup timed out for a.example", "la recherche DNS de a.example n'a pas abouti à temps"),
    (
        "DNS lookup failed for a.example",
        "le nom a.example est introuvable (recherche DNS échouée)",
    ),
    ("connection refused by a.example:8080", "connexion refusée par a.example:8080"),
    (
        "TLS error with a.example: certificate verify failed",
        "erreur TLS (certificat ou chiffrement) avec a.example : certificate verify failed",
    ),
    (
        "connection to a.example lost before the whole response came: Connection lost.",
        "connexion à a.example perdue avant la fin de la réponse : Connection lost.",
    ),
    (
        "download failed: ValueError: boom",
        "échec du téléchargement : ValueError : boom",
    ),
    (
        "redirect loop: https://a.example/ -> https://a.example/",
        "boucle de redirections : https://a.example/ -> https://a.example/",
    ),
    ("refused: http:///x has no host", "refusé : http:///x n'a pas de nom d'hôte"),
    (
        "refused: http://a.example:99999/ has an invalid port",
        "refusé : http://a.example:99999/ a un port invalide",
    ),
    (
        "refused: only http and https URLs are fetched, not ftp:",
        "refusé : seules les adresses http et https sont lues, pas ftp:",
    ),
    (
        "refused: 127.0.0.1 is a loopback address",
        "refusé : 127.0.0.1 est une adresse de bouclage (loopback)",
    ),
    (
        "refused: ::ffff:10.0.0.1 is an IPv4-mapped form of 10.0.0.1, a private address",
        "refusé : ::ffff:10.0.0.1 est une forme IPv4-mapped de 10.0.0.1, une adresse privée",
    ),
    (
        "refused: intranet.example resolves to 10.0.0.7, which is a private address",
        "refusé : intranet.example désigne 10.0.0.7, une adresse privée",
    ),
    (
        "refused: a.example answered from 192.168.1.2, a private address",
        "refusé : a.example a répondu depuis 192.168.1.2, une adresse privée",
    ),
    (
        "robots.txt unreadable: HTTP 500 Internal Server Error; RFC 9309 says to assume every "
        "page of a.example is disallowed until it can be read",
        "robots.txt illisible : HTTP 500 Internal Server Error ; la RFC 9309 demande de tenir "
        "toutes les pages de a.example pour interdites tant qu'il ne peut pas être lu",
    ),
    ("only 3 of 5 items were written", "seuls 3 éléments sur 5 ont été enregistrés"),
    (
        "the crawl stopped (shutdown) before 2 of its pages were read",
        "la collecte s'est arrêtée (shutdown) avant que 2 de ses pages soient lues",
    ),
    ("no spider for source kind 'gopher'", "aucun spider pour le type de source 'gopher'"),
    (
        "the spider could not be started (see crawl.log)",
        "la collecte n'a pas pu démarrer (voir crawl.log)",
    ),
    (
        "the token endpoint answered without an access_token",
        "le service des jetons a répondu sans access_token",
    ),
    (
        "could not read https://a.example/p2: KeyError: 'x'",
        "lecture impossible de https://a.example/p2 : KeyError : 'x'",
    ),
    (
        "could not read the document: XMLSyntaxError: bad",
        "lecture du document impossible : XMLSyntaxError : bad",
    ),
    (
        "posting #3 is a JSON list, not an object",
        "la publication n° 3 est un list JSON, pas un objet",
    ),
    (
        "the crawl ended without reading the document (shutdown)",
        "la collecte s'est terminée sans lire le document (shutdown)",
    ),
    (
        "item is 2.5 MiB, over the 1 MiB limit per item; stored truncated",
        "l'élément fait 2.5 Mio, au-delà de la limite de 1 Mio par élément ; gardé tronqué",
    ),
    (
        "paused automatically after 3 failed runs in a row (last error: HTTP 404 Not Found); "
        "resume it once fixed: relais sources resume acme",
        "mise en pause automatiquement après 3 collectes échouées de suite (dernière erreur : "
        "HTTP 404 (page introuvable)) ; une fois la source réparée, reprenez-la : "
        "relais sources resume acme",
    ),
    ("paused by its organization", "mise en pause par son organisation"),
    ("XML not well-formed: the document is empty", "XML mal formé : le document est vide"),
    (
        "XML not well-formed: line 3, column 9: Opening and ending tag mismatch",
        "XML mal formé : ligne 3, colonne 9 : Opening and ending tag mismatch",
    ),
    (
        "the document holds more than 5000 items, the limit",
        "le document contient plus de 5000 éléments, la limite",
    ),
    (
        "not an RSS or Atom feed: the root element is <html>",
        "pas un flux RSS ou Atom : l'élément racine est <html>, et non <rss>, <rdf:RDF> ou <feed>",
    ),
    (
        "not a Greenhouse answer: no 'jobs' list in the JSON object",
        "pas une réponse Greenhouse : pas de liste 'jobs' dans l'objet JSON",
    ),
    (
        "no element matches the container 'article.job'",
        "aucun élément ne correspond au conteneur 'article.job'",
    ),
    (
        "the selector 'h1[' cannot be used: bad selector",
        "le sélecteur 'h1[' est inutilisable : bad selector",
    ),
    ("payload is a JSON list, not an object", "le contenu est un list JSON, pas un objet"),
    (
        "item does not make an offer: 1 validation error for SourceOffer\ntitle\n  String "
        "should have at least 1 character [type=string_too_short, input_value='', "
        "input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v"
        "/string_too_short",
        "l'élément ne fait pas une offre : intitulé (title) : trop court",
    ),
    (
        "la page ne fait pas une offre : 1 validation error for SourceOffer\ntitle\n  Field "
        "required [type=missing, input_value={}, input_type=dict]",
        "la page ne fait pas une offre : intitulé (title) : obligatoire, absent",
    ),
    (
        "not an RSS item or Atom entry: <div>",
        "pas un élément RSS ni une entrée Atom : <div>",
    ),
    (
        "refused: the sitemap carries a DTD (XXE / entity expansion)",
        "refusé : le plan de site porte une DTD (XXE, expansion d'entités)",
    ),
    (
        "ft: the secret is missing: set the environment variable FT_SECRET",
        "ft : le secret manque : définissez la variable d'environnement FT_SECRET",
    ),
    ("offer 12 is gone", "l'offre 12 n'existe plus"),
    ("thread dev no longer exists", "le fil dev n'existe plus"),
    (
        "the intake refused our credentials: HTTP 401",
        "le dépôt a refusé nos identifiants : HTTP 401 (identification demandée)",
    ),
    (
        "POST https://a.example/hook: HTTP 503 busy",
        "POST https://a.example/hook : HTTP 503 (service indisponible) busy",
    ),
]


@pytest.mark.parametrize(("stored", "read"), STORED, ids=[s for s, _ in STORED])
def test_an_english_error_of_an_older_version_reads_in_french(stored: str, read: str) -> None:
    assert french_error(stored) == read


@pytest.mark.parametrize(
    "text",
    [
        "HTTP 500 (erreur interne du serveur)",
        "fermé pour travaux",
        "refusé : 10.0.0.1 est une adresse privée",
    ],
)
def test_a_french_or_typed_text_is_left_as_it_is(text: str) -> None:
    assert french_error(text) == text


def test_every_http_status_phrase_python_gave_reads_in_french() -> None:
    from http import HTTPStatus

    english = [
        french_error(f"HTTP {status.value} {status.phrase}")
        for status in HTTPStatus
        if status.value >= 400
    ]
    assert [
        text for text in english if not re.fullmatch(r"HTTP \d{3} \([^A-Z]+\)", text or "")
    ] == []


def test_an_unreadable_item_in_quarantine_quotes_its_english_detail_in_french() -> None:
    reason = {
        "field": "item",
        "code": "unreadable",
        "message": "posting #2 is a JSON list, not an object",
    }
    assert "la publication n° 2 est un list JSON, pas un objet" in explain(reason)
