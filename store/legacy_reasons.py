"""History and withdrawal reasons stored in English by Relais before 2026-11-30, read in French.

Offer events (`offer_events.reason`) and copy statuses (`offer_sources.status_reason`) are
stored as sentences, not codes. Until commit 922e91c ("Offer history reasons in French") Relais
wrote them in English; rows written then are still in the database. `french_reason` rewrites
exactly the sentence shapes those versions wrote (store/copies.py, store/expiry.py,
pipeline/expire.py and pipeline/intake.py at 922e91c^) into the French that replaced them, at
display time; the stored rows are left as they are. Any other text (French already, or a
reason an operator typed) is returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: The words saying why two copies are the same offer (copies._REASON_WORDS), then and now.
_WORDS = {
    "apply link": "lien de candidature",
    "reference": "référence",
    "content": "contenu",
    "title, company, place and text": "intitulé, entreprise, lieu et texte",
}


def _words(text: str) -> str:
    near = re.fullmatch(r"(.+), (\d+%) alike", text)
    if near:
        return f"{_WORDS.get(near[1], near[1])}, semblables à {near[2]}"
    return _WORDS.get(text, text)


def _inner(text: str) -> str:
    return french_reason(text) or text


# Each shape an older version wrote, whole (re.fullmatch), and its French; the first that
# matches wins, so the nested shapes ("no longer on X: <reason>") come before the general one.
_SHAPES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"first seen on (.+)"), lambda m: f"vue d'abord sur {m[1]}"),
    (
        re.compile(r"also on (.+) \(same (.+)\)"),
        lambda m: f"aussi sur {m[1]} (même {_words(m[2])})",
    ),
    (
        re.compile(r"same offer as on (.+) \((.+)\)"),
        lambda m: f"même offre que sur {m[1]} ({_words(m[2])})",
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
        lambda m: f"plus sur {m[1]} : {_inner(m[2])}",
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
        lambda m: f"{_inner(m[1])} : c'est maintenant l'offre {m[2]}",
    ),
    (re.compile(r"(.+): was offer (\d+)"), lambda m: f"{_inner(m[1])} : était l'offre {m[2]}"),
]

# A copy's status change told on its offer: "{source}: {reason}" (copies.set_copy_status).
_SOURCE_AND_REASON = re.compile(r"([^:]+): (.+)")


def french_reason(reason: str | None) -> str | None:
    """`reason` in French when it is one of the English sentences older versions stored, else
    `reason` unchanged (None stays None)."""
    if not reason:
        return reason
    for shape, french in _SHAPES:
        found = shape.fullmatch(reason)
        if found:
            return french(found)
    found = _SOURCE_AND_REASON.fullmatch(reason)
    if found:
        inner = french_reason(found[2])
        if inner != found[2]:
            return f"{found[1]} : {inner}"
    return reason
