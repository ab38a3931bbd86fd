"""Sentences Relais stored in English before 2026-11-30, read in French at display time.

Two families of stored sentences, each with its function; the rows are left as they are, and any
other text (French already, or typed by an operator) is returned unchanged.

- `french_error`: a failed run's error (`crawl_runs.error`), a source's pause reason
  (`sources.paused_reason`), the message of an unreadable item in quarantine
  (`rejections.reasons[].message`) and a delivery error of the outbox (`outbox.last_error`).
  Until commits 0f60e4f ("Fetch errors, refusals and kind detection in French"), 1f8e612,
  ecaff85, 5ada4c0 and the French autopause, Relais wrote them in English; the shapes are those
  of spiders/failures.py, middlewares.py, resolver.py, robots.py, addresses.py, crawl.py,
  feeds.py, paged.py, francetravail.py, extractors/_json.py and _xml.py, pipeline/autopause.py,
  pipeline/publish.py and exporters/push/ before those commits.
- `french_reason`: an offer's history and withdrawal reasons (`offer_events.reason`,
  `offer_sources.status_reason`). Until commit 922e91c ("Offer history reasons in French")
  Relais wrote them in English; the shapes are those of store/copies.py, store/expiry.py,
  pipeline/expire.py and pipeline/intake.py at 922e91c^.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from http import HTTPStatus

from schemas.http_status import http_status_message
from schemas.validation_fr import field_label, french_message

#: What an address is, as spiders/addresses.address_problem said it then and says it now.
_ADDRESS_PROBLEMS = {
    "a local-use NAT64 address": "une adresse NAT64 d'usage local",
    "an unspecified address": "une adresse non spécifiée",
    "a loopback address": "une adresse de bouclage (loopback)",
    "a link-local address": "une adresse lien-local",
    "a multicast address": "une adresse multicast",
    "a carrier-grade NAT (shared) address": "une adresse partagée de NAT d'opérateur (CGNAT)",
    "a private address": "une adresse privée",
    "a reserved address": "une adresse réservée",
    "a non-public address": "une adresse non publique",
    "not an IP address": "pas une adresse IP",
}
_ADDRESS_FORMS = {
    "an IPv4-mapped form": "une forme IPv4-mapped",
    "a NAT64 form": "une forme NAT64",
    "a 6to4 form": "une forme 6to4",
    "a Teredo form": "une forme Teredo",
}
_FORM_OF = re.compile(r"(.+?) of (\S+), (.+)")

#: What a setting of an html source was called in its refusal ("the selector 'h1' cannot…").
_NAMED = {
    "selector": "le sélecteur",
    "pattern": "le motif",
    "regular expression": "l'expression régulière",
}

#: The sizes older versions wrote ("32 MiB", "100 bytes"), in French units.
_UNITS = {"GiB": "Gio", "MiB": "Mio", "KiB": "Kio", "bytes": "octets"}

#: Every reason phrase Python's http.HTTPStatus gave ("Internal Server Error"…), which
#: spiders/failures.http_error wrote after the code; "from the server" was written by hand.
_PHRASES = "|".join(
    sorted({re.escape(status.phrase) for status in HTTPStatus} | {"from the server"}, key=len)[::-1]
)


#: A sentence shape (matched whole) and how to say it in French.
_Shape = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _problem(text: str) -> str:
    """An address problem ("a private address", "an IPv4-mapped form of 10.0.0.1, a private
    address") in French."""
    if text in _ADDRESS_PROBLEMS:
        return _ADDRESS_PROBLEMS[text]
    nested = _FORM_OF.fullmatch(text)
    if nested and nested[1] in _ADDRESS_FORMS:
        return f"{_ADDRESS_FORMS[nested[1]]} de {nested[2]}, {_problem(nested[3])}"
    return text


def _size(text: str) -> str:
    return re.sub(r"\b(GiB|MiB|KiB|bytes)\b", lambda unit: _UNITS[unit[1]], text)


def _http(found: re.Match[str]) -> str:
    retry = found["retry"]
    return http_status_message(int(found["status"]), int(retry) if retry else None)


_PYDANTIC = re.compile(r"\d+ validation errors? for \w+\n(.*)", re.DOTALL)
_PYDANTIC_ERROR = re.compile(r"  (.*?) \[type=(\w+)")


def _pydantic(text: str) -> str:
    """pydantic's English ValidationError text ("1 validation error for SourceOffer\ntitle\n
    String should have at least 1 character [type=string_too_short, …]"), as the extractors
    quoted it, said in French from each error's type: "intitulé (title) : trop court"."""
    found = _PYDANTIC.fullmatch(text.strip())
    if not found:
        return text
    problems, location = [], ""
    for line in found[1].splitlines():
        error = _PYDANTIC_ERROR.match(line)
        if error:
            message = french_message({"type": error[2], "msg": error[1]})
            problems.append(f"{field_label(location.split('.')) if location else ''} : {message}")
        elif line and not line.startswith(" "):
            location = line.strip()
    return " ; ".join(problem.strip(" :") for problem in problems) or text


def _inner_error(text: str) -> str:
    return french_error(text) or text


# Each error shape an older version wrote, whole (re.fullmatch), and its French; the first that
# matches wins.
_ERROR_SHAPES: list[_Shape] = [
    (
        re.compile(
            rf"HTTP (?P<status>\d{{3}})(?: (?:{_PHRASES}))?(?: \(Retry-After: (?P<retry>\d+) s\))?"
        ),
        _http,
    ),
    (
        re.compile(r"HTTP 304 Not Modified to a request that was not conditional"),
        lambda m: "HTTP 304 (non modifié) en réponse à une requête qui n'était pas conditionnelle",
    ),
    (
        re.compile(r"response body over the (.+) limit"),
        lambda m: f"la réponse dépasse la limite de {_size(m[1])}",
    ),
    (re.compile(r"unknown failure"), lambda m: "échec inconnu"),
    (re.compile(r"forbidden by robots\.txt"), lambda m: "interdit par robots.txt"),
    (re.compile(r"forbidden by robots\.txt: (.+)"), lambda m: f"interdit par robots.txt : {m[1]}"),
    (
        re.compile(r"too many redirects \(more than (\d+)\)"),
        lambda m: f"trop de redirections (plus de {m[1]})",
    ),
    (re.compile(r"request ignored: (.+)"), lambda m: f"requête abandonnée : {m[1]}"),
    (
        re.compile(r"download of (.+) was cancelled"),
        lambda m: f"le téléchargement de {m[1]} a été annulé",
    ),
    (re.compile(r"timed out after (\S+) s"), lambda m: f"pas de réponse après {m[1]} s"),
    (
        re.compile(r"DNS lookup timed out for (.+)"),
        lambda m: f"la recherche DNS de {m[1]} n'a pas abouti à temps",
    ),
    (
        re.compile(r"DNS lookup failed for (.+)"),
        lambda m: f"le nom {m[1]} est introuvable (recherche DNS échouée)",
    ),
    (re.compile(r"connection refused by (.+)"), lambda m: f"connexion refusée par {m[1]}"),
    (
        re.compile(r"TLS error with (.+?): (.+)"),
        lambda m: f"erreur TLS (certificat ou chiffrement) avec {m[1]} : {m[2]}",
    ),
    (
        re.compile(r"connection to (.+?) lost before the whole response came: (.*)"),
        lambda m: f"connexion à {m[1]} perdue avant la fin de la réponse : {m[2]}",
    ),
    (
        re.compile(r"download failed: (.+)"),
        lambda m: f"échec du téléchargement : {m[1].replace(': ', ' : ', 1)}",
    ),
    (re.compile(r"redirect loop: (.+)"), lambda m: f"boucle de redirections : {m[1]}"),
    (re.compile(r"refused: (.+) has no host"), lambda m: f"refusé : {m[1]} n'a pas de nom d'hôte"),
    (
        re.compile(r"refused: (.+) has an invalid port"),
        lambda m: f"refusé : {m[1]} a un port invalide",
    ),
    (
        re.compile(r"refused: only http and https URLs are fetched, not (.+)"),
        lambda m: f"refusé : seules les adresses http et https sont lues, pas {m[1]}",
    ),
    (
        re.compile(r"refused: (\S+) answered from (\S+), (.+)"),
        lambda m: f"refusé : {m[1]} a répondu depuis {m[2]}, {_problem(m[3])}",
    ),
    (
        re.compile(r"refused: (\S+) resolves to (\S+), which is (.+)"),
        lambda m: f"refusé : {m[1]} désigne {m[2]}, {_problem(m[3])}",
    ),
    (re.compile(r"refused: (\S+) is (.+)"), lambda m: f"refusé : {m[1]} est {_problem(m[2])}"),
    (
        re.compile(
            r"robots\.txt unreadable: (.+); RFC 9309 says to assume every page of (\S+) is "
            r"disallowed until it can be read"
        ),
        lambda m: (
            f"robots.txt illisible : {m[1]} ; la RFC 9309 demande de tenir toutes les "
            f"pages de {m[2]} pour interdites tant qu'il ne peut pas être lu"
        ),
    ),
    (
        re.compile(r"the crawl stopped \((.+)\) before (\d+) of its pages were read"),
        lambda m: f"la collecte s'est arrêtée ({m[1]}) avant que {m[2]} de ses pages soient lues",
    ),
    (
        re.compile(r"no spider for source kind (.+)"),
        lambda m: f"aucun spider pour le type de source {m[1]}",
    ),
    (
        re.compile(r"only (\d+) of (\d+) items were written"),
        lambda m: f"seuls {m[1]} éléments sur {m[2]} ont été enregistrés",
    ),
    (
        re.compile(r"the spider could not be started \(see crawl\.log\)"),
        lambda m: "la collecte n'a pas pu démarrer (voir crawl.log)",
    ),
    (
        re.compile(r"the token endpoint answered without an access_token"),
        lambda m: "le service des jetons a répondu sans access_token",
    ),
    (
        re.compile(r"could not read the document: (.+)"),
        lambda m: f"lecture du document impossible : {m[1].replace(': ', ' : ', 1)}",
    ),
    (
        re.compile(r"could not read (\S+): (.+)"),
        lambda m: f"lecture impossible de {m[1]} : {m[2].replace(': ', ' : ', 1)}",
    ),
    (
        re.compile(r"posting #(\d+) is a JSON (\w+), not an object"),
        lambda m: f"la publication n° {m[1]} est un {m[2]} JSON, pas un objet",
    ),
    (
        re.compile(r"the crawl ended without reading the document \((.+)\)"),
        lambda m: f"la collecte s'est terminée sans lire le document ({m[1]})",
    ),
    (
        re.compile(r"item is (\S+) MiB, over the (\S+) MiB limit per item; stored truncated"),
        lambda m: (
            f"l'élément fait {m[1]} Mio, au-delà de la limite de {m[2]} Mio par élément ; "
            "gardé tronqué"
        ),
    ),
    # What the extractors said of a document or an item (spiders/extractors, spiders/discovery).
    (
        re.compile(r"XML not well-formed: the document is empty"),
        lambda m: "XML mal formé : le document est vide",
    ),
    (
        re.compile(r"(?:XML|payload is) not well-formed(?: XML)?: line (\d+), column (\d+): (.*)"),
        lambda m: f"XML mal formé : ligne {m[1]}, colonne {m[2]} : {m[3]}",
    ),
    (
        re.compile(
            r"refused: the document's DTD declares entities \((.*)\); entity declarations are "
            r"not accepted \(XXE / entity expansion\)"
        ),
        lambda m: (
            f"refusé : la DTD du document déclare des entités ({m[1]}) ; les déclarations "
            "d'entités ne sont pas acceptées (protection XXE et expansion d'entités)"
        ),
    ),
    (
        re.compile(r"refused: the sitemap carries a DTD \(XXE / entity expansion\)"),
        lambda m: "refusé : le plan de site porte une DTD (XXE, expansion d'entités)",
    ),
    (
        re.compile(r"the document holds more than (\d+) items, the limit"),
        lambda m: f"le document contient plus de {m[1]} éléments, la limite",
    ),
    (
        re.compile(r"the page holds more than (\d+) job postings, the limit"),
        lambda m: f"la page contient plus de {m[1]} offres, la limite",
    ),
    (
        re.compile(r"the sitemap lists more than (\d+) URLs, the limit"),
        lambda m: f"le plan de site liste plus de {m[1]} adresses, la limite",
    ),
    (
        re.compile(r"gzipped sitemap cannot be read: (.+)"),
        lambda m: f"plan de site compressé (gzip) illisible : {m[1]}",
    ),
    (
        re.compile(r"gzipped sitemap expands past (\d+) MiB, the limit"),
        lambda m: f"le plan de site décompressé dépasse {m[1]} Mio, la limite",
    ),
    (
        re.compile(r"not a sitemap: the root element is <(.+)>"),
        lambda m: f"pas un plan de site : l'élément racine est <{m[1]}>",
    ),
    (
        re.compile(r"not an RSS or Atom feed: the root element is <(.+)>"),
        lambda m: (
            f"pas un flux RSS ou Atom : l'élément racine est <{m[1]}>, et non <rss>, "
            "<rdf:RDF> ou <feed>"
        ),
    ),
    (
        re.compile(r"not a France Travail search answer: no 'resultats' list"),
        lambda m: "pas une réponse de recherche France Travail : pas de liste 'resultats'",
    ),
    (
        re.compile(r"not an? (.+) answer: expected a JSON object with (.+)"),
        lambda m: f"pas une réponse {m[1]} : un objet JSON avec {m[2]} est attendu",
    ),
    (
        re.compile(r"not an? (.+) answer: no (.+) list in the JSON object"),
        lambda m: f"pas une réponse {m[1]} : pas de liste {m[2]} dans l'objet JSON",
    ),
    (
        re.compile(r"not an? (.+) answer: (.+) is not a list"),
        lambda m: (
            f"pas une réponse {m[1]} : "
            f"{'le document' if m[2] == 'the document' else m[2]} n'est pas une liste"
        ),
    ),
    (
        re.compile(r"no element matches the container (.+)"),
        lambda m: f"aucun élément ne correspond au conteneur {m[1]}",
    ),
    (
        re.compile(r"the html source's selectors are not usable: (.+)", re.DOTALL),
        lambda m: f"les sélecteurs de la source html sont inutilisables : {_pydantic(m[1])}",
    ),
    (
        re.compile(r"the (selector|pattern|regular expression) (.+) cannot be used: (.+)"),
        lambda m: f"{_NAMED[m[1]]} {m[2]} est inutilisable : {m[3]}",
    ),
    (
        re.compile(
            r"(l'élément ne fait pas une offre|la page ne fait pas une offre|les sélecteurs de la "
            r"source html sont inutilisables) : (\d+ validation errors? for .+)",
            re.DOTALL,
        ),
        lambda m: f"{m[1]} : {_pydantic(m[2])}",
    ),
    (
        re.compile(r"(item|job|posting) does not make an offer: (.+)", re.DOTALL),
        lambda m: f"l'élément ne fait pas une offre : {_pydantic(m[2])}",
    ),
    (
        re.compile(r"page does not make an offer: (.+)", re.DOTALL),
        lambda m: f"la page ne fait pas une offre : {_pydantic(m[1])}",
    ),
    (
        re.compile(r"not a schema\.org JobPosting: @type is (.+)"),
        lambda m: f"pas une offre schema.org JobPosting : @type vaut {m[1]}",
    ),
    (
        re.compile(r"not an Indeed-style <job>: <(.+)>"),
        lambda m: f"pas un <job> au format Indeed : <{m[1]}>",
    ),
    (
        re.compile(r"not an RSS item or Atom entry: <(.+)>"),
        lambda m: f"pas un élément RSS ni une entrée Atom : <{m[1]}>",
    ),
    (re.compile(r"payload carries a DTD; refused"), lambda m: "le contenu porte une DTD ; refusé"),
    (
        re.compile(r"payload holds no microdata JobPosting \(itemscope itemtype=JobPosting\)"),
        lambda m: (
            "le contenu ne porte aucune offre JobPosting en microdonnées "
            "(itemscope itemtype=JobPosting)"
        ),
    ),
    (
        re.compile(r"feedparser found no item in the payload: (.*)"),
        lambda m: f"feedparser ne trouve aucun élément dans le contenu : {m[1]}",
    ),
    (
        re.compile(r"payload is a JSON (\w+), not an object"),
        lambda m: f"le contenu est un {m[1]} JSON, pas un objet",
    ),
    (re.compile(r"payload is not JSON: (.+)"), lambda m: f"le contenu n'est pas du JSON : {m[1]}"),
    (
        re.compile(
            r"paused automatically after (\d+) failed runs in a row \(last error: (.*)\); "
            r"resume it once fixed: (relais sources resume \S+)"
        ),
        lambda m: (
            f"mise en pause automatiquement après {m[1]} "
            f"{'collectes échouées' if m[1] != '1' else 'collecte échouée'} de suite "
            f"(dernière erreur : {'inconnue' if m[2] == 'unknown' else _inner_error(m[2])}) ; "
            f"une fois la source réparée, reprenez-la : {m[3]}"
        ),
    ),
    (
        re.compile(r"(.+?): the secret is missing: set the environment variable (.+)"),
        lambda m: f"{m[1]} : le secret manque : définissez la variable d'environnement {m[2]}",
    ),
    (re.compile(r"thread (\S+) no longer exists"), lambda m: f"le fil {m[1]} n'existe plus"),
    (re.compile(r"offer (\d+) is gone"), lambda m: f"l'offre {m[1]} n'existe plus"),
    (
        re.compile(r"the intake refused our credentials: HTTP (\d{3})"),
        lambda m: f"le dépôt a refusé nos identifiants : {http_status_message(int(m[1]))}",
    ),
    (
        re.compile(r"((?:GET|POST|PUT|DELETE) \S+): HTTP (\d{3})(?: (.*))?", re.DOTALL),
        lambda m: f"{m[1]} : {http_status_message(int(m[2]))} {m[3] or ''}".strip(),
    ),
    (re.compile(r"paused by its organization"), lambda m: "mise en pause par son organisation"),
    (re.compile(r"paused by an operator"), lambda m: "mise en pause par un opérateur"),
    (re.compile(r"paused"), lambda m: "en pause"),
    (re.compile(r"crawl failed"), lambda m: "collecte échouée"),
]


def french_error(text: str | None) -> str | None:
    """`text` in French when it is one of the English sentences older versions stored for a
    failed run, a paused source or an unreadable item, else `text` unchanged (None stays
    None). "HTTP 500 Internal Server Error" -> "HTTP 500 (erreur interne du serveur)"."""
    if not text:
        return text
    return _rewrite(_ERROR_SHAPES, text.strip()) or text


def _rewrite(shapes: list[_Shape], text: str) -> str | None:
    """The French of the first of `shapes` that matches the whole of `text`, else None."""
    for shape, french in shapes:
        found = shape.fullmatch(text)
        if found:
            return french(found)
    return None


#: The words saying why two copies are the same offer (copies._REASON_WORDS), then and now.
_SAME_WORDS = {
    "apply link": "lien de candidature",
    "reference": "référence",
    "content": "contenu",
    "title, company, place and text": "intitulé, entreprise, lieu et texte",
}


def _same_words(text: str) -> str:
    near = re.fullmatch(r"(.+), (\d+%) alike", text)
    if near:
        return f"{_SAME_WORDS.get(near[1], near[1])}, semblables à {near[2]}"
    return _SAME_WORDS.get(text, text)


def _inner_reason(text: str) -> str:
    return french_reason(text) or text


# Each history reason shape an older version wrote, whole (re.fullmatch), and its French; the
# first that matches wins, so the nested shapes ("no longer on X: <reason>") come before the
# general one.
_REASON_SHAPES: list[_Shape] = [
    (re.compile(r"first seen on (.+)"), lambda m: f"vue d'abord sur {m[1]}"),
    (
        re.compile(r"also on (.+) \(same (.+)\)"),
        lambda m: f"aussi sur {m[1]} (même {_same_words(m[2])})",
    ),
    (
        re.compile(r"same offer as on (.+) \((.+)\)"),
        lambda m: f"même offre que sur {m[1]} ({_same_words(m[2])})",
    ),
    (
        re.compile(r"listed again by the source \((.+)\)"),
        lambda m: f"de nouveau publiée par la source ({m[1]})",
    ),
    (re.compile(r"listed again by (.+)"), lambda m: f"de nouveau publiée par {m[1]}"),
    (
        re.compile(r"no longer listed \((\d+) complete fetches agree, (.+)\)"),
        lambda m: f"plus publiée ({m[1]} collectes complètes concordent, {m[2]})",
    ),
    (
        re.compile(r"no longer listed by the source \((.+)\)"),
        lambda m: f"plus publiée par la source ({m[1]})",
    ),
    (re.compile(r"valid until (\d{4}-\d\d-\d\d)"), lambda m: f"valable jusqu'au {m[1]}"),
    (
        re.compile(r"older than (\d+) days, the source's maximum age"),
        lambda m: f"plus vieille que {m[1]} jours, l'âge maximal de la source",
    ),
    (
        re.compile(r"the apply page answers (\d+)"),
        lambda m: f"la page de candidature répond {m[1]}",
    ),
    (re.compile(r"withdrawn by (.+)"), lambda m: f"retirée par {m[1]}"),
    (re.compile(r"pushed again"), lambda m: "de nouveau déposée"),
    (re.compile(r"changed: (.+)"), lambda m: f"modifiée : {m[1]}"),
    (
        re.compile(r"no longer on (.+?): (.+)"),
        lambda m: f"plus sur {m[1]} : {_inner_reason(m[2])}",
    ),
    (
        re.compile(r"split from offer (\d+): (.+)"),
        lambda m: f"séparée de l'offre {m[1]} : {m[2]}",
    ),
    (
        re.compile(r"(.+)'s copy is offer (\d+): (.+)"),
        lambda m: f"la copie de {m[1]} est l'offre {m[2]} : {m[3]}",
    ),
    (
        re.compile(r"(.+): now offer (\d+)"),
        lambda m: f"{_inner_reason(m[1])} : c'est maintenant l'offre {m[2]}",
    ),
    (
        re.compile(r"(.+): was offer (\d+)"),
        lambda m: f"{_inner_reason(m[1])} : était l'offre {m[2]}",
    ),
]

# A copy's status change told on its offer: "{source}: {reason}" (copies.set_copy_status).
_SOURCE_AND_REASON = re.compile(r"([^:]+): (.+)")


def french_reason(reason: str | None) -> str | None:
    """An offer's history or withdrawal reason in French when it is one of the English
    sentences older versions stored, else `reason` unchanged (None stays None): "first seen on
    acme" -> "vue d'abord sur acme"."""
    if not reason:
        return reason
    french = _rewrite(_REASON_SHAPES, reason)
    if french is not None:
        return french
    found = _SOURCE_AND_REASON.fullmatch(reason)
    if found:
        inner = french_reason(found[2])
        if inner != found[2]:
            return f"{found[1]} : {inner}"
    return reason
