"""The language an offer is written in, told by its most common little words; no model."""

from __future__ import annotations

import re
from collections import Counter

MAX_TEXT_CHARS = 5_000
MIN_HITS = 3
"""Fewer telling words than this and the text is too short to say."""
MIN_LEAD = 1.5
"""The first language must have this many times the hits of the second."""

# Frequent function words of each language, written without accents.
_MARKERS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "le la les des du un une est et vous nous pour dans sur avec au aux ce cette qui que "
        "votre vos notre nos sont etre ou pas plus son ses leur poste entreprise".split()
    ),
    "en": frozenset(
        "the and you we for with our your are is of to in on will be this that as an at by "
        "from have can team role who which".split()
    ),
    "de": frozenset(
        "der die das und ist mit sie wir fur ein eine den dem zu auf bei von sich nicht auch "
        "werden ihre unser unsere".split()
    ),
    "es": frozenset(
        "el la los las y es con para por una un del se que en su sus como mas nuestro nuestra "
        "trabajo empresa".split()
    ),
    "it": frozenset(
        "il lo la gli le e di che per con una un del della nel sono si come nostro nostra "
        "lavoro azienda".split()
    ),
    "nl": frozenset(
        "de het een en van is met voor je wij we op te zijn niet ook bij naar onze jouw".split()
    ),
    "pt": frozenset(
        "o a os as e de do da em um uma para com por que se nao mais nosso nossa voce trabalho "
        "empresa".split()
    ),
}
# Only the words that belong to one language tell it ("de", "la", "en" belong to several).
_TELLING = {
    word: language
    for language, markers in _MARKERS.items()
    for word in markers
    if sum(word in other for other in _MARKERS.values()) == 1
}
# Read as Latin-1 bytes: every letter of a word is one (other characters, "?" once encoded,
# only part words), and accents are dropped by a byte table.
_WORD = re.compile(rb"[a-z\xe0-\xf6\xf8-\xff]+")
_ACCENTS = bytes.maketrans(
    "àâäéèêëîïôöùûüçñ".encode("latin-1"), "aaaeeeeiioouuucn".encode("latin-1")
)
_TELLING_BYTES = {word.encode("ascii"): language for word, language in _TELLING.items()}


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the language `text` is written in ("fr", "en", …), or None.

    Counts the common function words of French, English, German, Spanish, Italian, Dutch and
    Portuguese; None when the text is too short or too mixed to tell.
    """
    if not text:
        return None
    # Accents are dropped from the whole text: the same words, since a letter and its
    # unaccented form are both letters.
    lowered = text[:MAX_TEXT_CHARS].lower().encode("latin-1", "replace").translate(_ACCENTS)
    hits = Counter(map(_TELLING_BYTES.get, _WORD.findall(lowered)))
    hits.pop(None, None)  # the words that tell no language
    ranked = hits.most_common(2)
    if not ranked or ranked[0][1] < MIN_HITS:
        return None
    if len(ranked) > 1 and ranked[0][1] < MIN_LEAD * ranked[1][1]:
        return None
    return ranked[0][0]
