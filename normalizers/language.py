"""The language an offer is written in, told by its most common little words; no model."""

from __future__ import annotations

import re
from collections import Counter

from normalizers.memo import text_memo

MAX_TEXT_CHARS = 5_000
MIN_SCORE = 2.0
"""A language's score below this and the text is too short to say (see `detect_language`)."""
MIN_LEAD = 1.5
"""The first language must score this many times the second."""

# Frequent function words of each language, written without accents, and, for French and
# English (the languages of nearly every offer Relais reads), the plain words of a job ad
# (pay, hours, months, days) so that a short ad of a few sentences is told too.
_MARKERS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "le la les des du de un une est et vous nous pour dans sur avec au aux ce cette ces qui "
        "que votre vos notre nos sont etre ou pas plus son ses leur poste entreprise chez "
        "recherche recherchons recrute cherche serez sera selon lieu contrat salaire brut net "
        "mensuel annuel heures heure horaires semaine semaines mois jours journee pourvoir "
        "temps plein partiel remuneration prime primes embauche possibilite equipe debutant "
        "accepte profil missions exigee exigees exige souhaitee souhaite obligatoire stage "
        "alternance apprentissage demarrage candidature postuler taux hebdomadaires "
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
        "lundi mardi mercredi jeudi vendredi samedi dimanche en par leurs tres tant afin aussi "
        "mais "
        "ainsi entre sans sous vers chaque tout tous toute toutes dont ils elle elles sein aupres "
        "nombreuses nombreux".split()
    ),
    "en": frozenset(
        "the and you we for with our your are is of to in on will be this that as an at by "
        "from have can team role who which looking join skills salary gross per year month "
        "months week weeks hours hour days day full part time permanent contract start "
        "location remote required requirements responsibilities benefits apply please must "
        "rate daily annual yearly experienced working work job "
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday it or not all their they has was "
        "been about into what would if its more also other within across".split()
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
# A word counts for each language it belongs to, shared out between them: "poste" is worth 1
# to French, "la" 1/3 to each of French, Spanish and Italian.
_WEIGHTS: dict[bytes, tuple[tuple[str, float], ...]] = {}
for _language, _markers in _MARKERS.items():
    for _word in _markers:
        _WEIGHTS.setdefault(_word.encode("ascii"), ())
        _WEIGHTS[_word.encode("ascii")] += ((_language, 1.0),)
_WEIGHTS = {
    word: tuple((language, 1.0 / len(owners)) for language, _ in owners)
    for word, owners in _WEIGHTS.items()
}
# Read as Latin-1 bytes: every letter of a word is one (other characters, "?" once encoded,
# only part words), and accents are dropped by a byte table.
_WORD = re.compile(rb"[a-z\xe0-\xf6\xf8-\xff]+")
_ACCENTS = bytes.maketrans(
    "àâäéèêëîïôöùûüçñ".encode("latin-1"), "aaaeeeeiioouuucn".encode("latin-1")
)


@text_memo
def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the language `text` is written in ("fr", "en", …), or None.

    Each common function word of French, English, German, Spanish, Italian, Dutch and
    Portuguese (and, for French and English, the plain words of a job ad: pay, hours, months,
    weekdays) scores for the languages it belongs to, a word of k languages 1/k to each. The
    best language is told when it scores at least `MIN_SCORE` and `MIN_LEAD` times the
    second; otherwise (a few words, or as much of two languages) None. Only the first
    `MAX_TEXT_CHARS` characters are read. Memoized (`normalizers.memo`).
    """
    if not text:
        return None
    # Accents are dropped from the whole text: the same words, since a letter and its
    # unaccented form are both letters.
    lowered = text[:MAX_TEXT_CHARS].lower().encode("latin-1", "replace").translate(_ACCENTS)
    counts = Counter(_WORD.findall(lowered))
    scores: dict[str, float] = {}
    for word, count in counts.items():
        for language, weight in _WEIGHTS.get(word, ()):
            scores[language] = scores.get(language, 0.0) + weight * count
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best, score = ranked[0]
    if score < MIN_SCORE:
        return None
    if len(ranked) > 1 and score < MIN_LEAD * ranked[1][1]:
        return None
    return best
