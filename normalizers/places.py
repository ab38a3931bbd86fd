"""Place text read as an INSEE commune, a département, a région, a country or remote work."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from normalizers import referentials
from normalizers.place_names import (
    AREA_WORDS,
    AREAS,
    AREAS_OF_ONE_DEPARTEMENT,
    AREAS_OF_SEVERAL_DEPARTEMENTS,
    CITY_ADJECTIVES,
    COUNTRIES,
    FOREIGN_CITIES,
    FRANCE_WHOLE,
    LOCALITIES,
    NOT_A_NAME,
    REGION_ALIASES,
    ZONES,
)
from normalizers.referentials import Commune
from normalizers.text import collapse, name_key
from schemas import Place, PlaceMatch

MAX_TEXT_CHARS = 300
MAX_PLACES = 20
MAX_CONTEXT_CHARS = 5000
# Confidence of a commune read: named alone, chosen among namesakes by a clue given beside the
# place (a description, the company's address), or by population alone (then at most POPULATION_MAX,
# the more so as the chosen commune outweighs its namesakes).
CONTEXT_CONFIDENCE = 0.8
POPULATION_MIN, POPULATION_MAX = 0.3, 0.7
TOWN_OR_DEPARTEMENT_CONFIDENCE = POPULATION_MAX
"""A town whose name is also a département's ("Vienne"), read without a code: the town, as
people name towns in titles and after "à", but maybe the département."""
PARTIAL_CONFIDENCE = 0.5
"""At most this confidence for a place read from some words of a longer name that is no commune:
"Lyon Part-Dieu" is Lyon, "Saint-Quentin-en-Yvelines" is in the Yvelines, and less surely so."""

# Cities whose arrondissements are communes of the referential: (parent INSEE, code of n-th).
_CITY_DISTRICTS = {
    "PARIS": ("75056", range(1, 21), lambda n: f"751{n:02d}"),
    "LYON": ("69123", range(1, 10), lambda n: f"6938{n}"),
    "MARSEILLE": ("13055", range(1, 17), lambda n: f"132{n:02d}"),
}
_DISTRICT = re.compile(
    r"^(PARIS|LYON|MARSEILLE) (\d{1,2}) ?(?:E|EME|IEME|ER|ERE|EM|ST|ND|RD|TH)?"
    r"(?: (?:ARR|ARRT|ARRDT|ARRONDISSEMENT|DISTRICT))?$"
)
_DISTRICT_IN_PARENTHESES = re.compile(
    r"\b(Paris|Lyon|Marseille)\s*\(\s*(\d{1,2})\s*(e|er|ère|ème|eme|è|em|st|nd|rd|th)?"
    r"(\s*arr\w*\.?)?\s*\)",
    re.I,
)
_DISTRICT_INSEE = re.compile(r"^(751\d\d|6938\d|132\d\d)$")

_SEPARATORS = re.compile(r"\s+[-–—]\s+|[,;|/\n•]|\s[-–—](?=\S)|(?<=\S)[–—]\s|\s+(?:ou|or)\s+", re.I)
# Between places of a list: "Bordeaux ou Toulouse", "Paris, Lyon et Nantes", "Lille / Roubaix".
_LIST_SEPARATORS = re.compile(r"\s*[,;/|•\n+]\s*|\s+(?:ou|or|et|and|&)\s+", re.I)
_LETTER = re.compile(r"[^\W\d_]")
_ANYWHERE = re.compile(r"\b(?:ANYWHERE|WORK FROM ANYWHERE|PARTOUT)\b")
_CAPITALS = re.compile(r"\b[A-Z]{2,4}\b")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_POSTAL_CODE = re.compile(r"(?<![\dA-Z])(\d{5})(?![\dA-Z])")
_CEDEX = re.compile(r"\bCEDEX(?: \d{1,2})?\b")
_DEPARTEMENT_CODE = re.compile(r"^(\d{2}|2A|2B|97\d)$")
# Four digits beside a name: a resort's altitude ("Courchevel 1850") or a postal code of
# Switzerland, Belgium, Luxembourg, Austria or Denmark ("Genève 1201", "L-1234 Luxembourg"),
# never a French code: the name is read without them.
_FOUR_DIGITS = re.compile(r"(?:\b(?:CH|L|B|A|DK|AT|BE|LU) )?(?<![\dA-Z])\d{4}(?![\dA-Z])")
_LEADING_CODE = re.compile(r"^(\d{2}|2A|2B|97\d) (?=[A-Z])")
_TRAILING_CODE = re.compile(r"(?<=[A-Z]) (\d{2}|2A|2B|97\d)$")
_DEPARTEMENT_WORD = re.compile(r"^(?:DEPT|DPT|DEP|DEPARTEMENT|DEPARTMENT)$")
_STREET = re.compile(
    r"^(?:\d+ ?(?:BIS|TER|[A-D])? )?(?:RUE|AVENUE|AV|AVE|BD|BLVD|BOULEVARD|CHEMIN|CHE|ALLEE|"
    r"IMPASSE|IMP|PLACE|PL|QUAI|ROUTE|RTE|COURS|ZI|ZA|ZAC|ZONE|PARC|BP|CS|LIEU DIT|RESIDENCE|"
    r"BATIMENT|BAT|ETAGE|VOIE|SQUARE|PASSAGE|ESPLANADE|STREET|ROAD)\b .+"
)
_STRONG_REMOTE = re.compile(
    r"\b(?:FULL(?:Y)? ?REMOTE|100 ?(?:POURCENT |PERCENT )?(?:EN )?(?:REMOTE|TELETRAVAIL|DISTANCE)"
    r"|TELETRAVAIL (?:COMPLET|TOTAL|INTEGRAL|A 100|100|INTEGRAL|PERMANENT)|TOUT EN TELETRAVAIL"
    r"|(?:TOTALEMENT|ENTIEREMENT|100) A DISTANCE|REMOTE ONLY|FULL TELETRAVAIL|WORK FROM HOME"
    r"|WORK FROM ANYWHERE|TELETRAVAIL UNIQUEMENT)\b"
)
_REMOTE_WORD = re.compile(
    r"\b(?:REMOTE|TELETRAVAIL|TELE TRAVAIL|A DISTANCE|DISTANCIEL|HOME OFFICE|ANYWHERE|WFH)\b"
)
_PARTIAL_REMOTE = re.compile(
    r"\b(?:PARTIEL(?:LE)?|HYBRIDE?|HYBRID|POSSIBLE|PARTIAL|PARTIELLEMENT|OCCASIONNEL|JOURS?|DAYS?"
    r"|FLEX|FLEXIBLE|OPTIONNEL|OPTIONAL|AUTORISE|ACCEPTE)\b"
)
_ABBREVIATED = re.compile(r"\s[^\W\d_]{2,4}\.\s*$")
_DEPARTEMENT_PATTERN = re.compile(r"^(\d{2}|2A|2B|97\d)$")
_PARIS_DEPARTEMENT_LABEL = "75 - Paris (Dept.)"


@dataclass(frozen=True)
class _Index:
    """Everything a lookup needs, built once per process from the referentials."""

    names: dict[str, tuple[str, ...]]
    names_without_article: dict[str, tuple[str, ...]]
    former_names: dict[str, tuple[str, ...]]
    populations: dict[str, int]
    postal: dict[str, tuple[str, ...]]
    districts: dict[str, tuple[str, ...]]
    departements_by_key: dict[str, str]
    regions_by_key: dict[str, str]


def _without_article(key: str) -> str | None:
    for article in ("LE ", "LA ", "LES ", "L "):
        if key.startswith(article) and len(key) > len(article) + 2:
            return key[len(article) :]
    return None


@cache
def _index() -> _Index:
    communes = referentials.communes()
    names = referentials.communes_by_name_key()
    without_article: dict[str, list[str]] = {}
    for key, codes in names.items():
        short = _without_article(key)
        if short is not None:
            without_article.setdefault(short, []).extend(codes)
    districts = {
        parent: tuple(make(n) for n in numbers if make(n) in communes)
        for parent, numbers, make in _CITY_DISTRICTS.values()
    }
    district_codes = {code for codes in districts.values() for code in codes}
    postal: dict[str, list[str]] = {}
    for commune in communes.values():
        for code in commune.postal_codes:
            postal.setdefault(code, []).append(commune.insee)
    for code, insees in postal.items():  # "69004" is Lyon 4e, not also the whole of Lyon
        if any(insee in district_codes for insee in insees):
            postal[code] = [insee for insee in insees if insee not in districts]
    departements_by_key: dict[str, str] = {}
    for departement in referentials.departements().values():
        key = name_key(departement.name)
        departements_by_key[key] = departement.code
        first, _, rest = key.partition(" ")
        if first in ("HAUTE", "HAUTES", "HAUT", "BAS", "BASSE", "BASSES", "DEUX") and rest:
            departements_by_key[f"{rest} {first}"] = departement.code  # "Garonne (Haute)"
        if (short := _without_article(key)) is not None:
            departements_by_key[short] = departement.code
    regions_by_key = {name_key(r.name): r.code for r in referentials.regions().values()}
    regions_by_key.update(REGION_ALIASES)
    return _Index(
        names=dict(names),
        names_without_article={k: tuple(v) for k, v in without_article.items()},
        former_names=referentials.communes_by_former_name_key(),
        populations=referentials.commune_populations(),
        postal={k: tuple(v) for k, v in postal.items()},
        districts=districts,
        departements_by_key=departements_by_key,
        regions_by_key=regions_by_key,
    )


@dataclass
class _Clues:
    """What the text says, piece by piece."""

    postal_codes: list[str] = field(default_factory=list)
    departements: set[str] = field(default_factory=set)  # from codes: "69 - …", "(38)"
    named_departements: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    departement_only: bool = False  # "(Dept.)"
    commune_sets: list[set[str]] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)  # "Union européenne", "Monde"
    area: bool = False  # a named area of several communes ("La Défense")
    remote: bool = False  # a remote-work word is written
    capitals: set[str] = field(default_factory=set)  # short words written in capitals ("EU")
    compounds: set[str] = field(default_factory=set)  # names written as one hyphenated word
    # A commune read from some words of a longer name that is no commune ("Saint-Quentin" in
    # "Saint-Quentin-en-Yvelines"): how it was read (see `_partial_reading`).
    partial: _Partial | None = None
    coarse_confidence: float = 1.0  # of a département or région read from part of a name
    town_or_departement: bool = False  # a town's name that is also a département's ("Vienne")
    called_short: bool = False  # a town named by its first words only ("Thonon")
    short_confidence: float | None = None  # the most populous of such towns ("Boulogne")
    abbreviated: set[str] = field(default_factory=set)  # names ending in "Gen.", "Bains."


@dataclass(frozen=True)
class _Partial:
    """How a name that is no commune was read from runs of its words."""

    runs: tuple[frozenset[str], ...]  # the communes each run of words names ("Cergy", "Pontoise")
    loose: bool  # other words of the name are proper names, not "et alentours", "centre"
    compound: bool  # the name was written as one hyphenated word ("Marne-la-Vallée")
    confirmed: bool  # a postal code written beside it serves the commune read
    leading: bool  # one run, the first words, a commune's very name ("Annecy" in "Annecy-le-Vieux")
    head_of_others: bool  # that run also begins other communes' names ("Port", "Mont", "Val")


CORSICA_OLD_CODE = "20"
"""Corsica's département number before its split into Corse-du-Sud (2A) and Haute-Corse (2B) in
1976, still written beside Corsican towns ("Bastia (20)") and the first digits of their postal
codes (20000 Ajaccio, 20200 Bastia)."""


def departement_codes(code: str) -> set[str]:
    """The départements a written département number stands for: "20" (Corsica's old number)
    is both 2A and 2B, any other code itself ("74" → {"74"})."""
    return {"2A", "2B"} if code == CORSICA_OLD_CODE else {code}


def _postal_departements(postal_code: str) -> set[str]:
    if postal_code.startswith("20"):
        return {"2A", "2B"}
    if postal_code.startswith("97"):
        return {postal_code[:3]}
    return {postal_code[:2]}


def _segments(parts: list[str]) -> list[str]:
    """Pieces of the text, each naming one thing ("Saint-Martin-d'Hères (38)" → two)."""
    index = _index()
    pieces: list[str] = []
    for part in parts:
        for segment in _SEPARATORS.split(part[:MAX_TEXT_CHARS]):
            key = name_key(segment)
            if key in index.departements_by_key or key in index.regions_by_key:
                pieces.append(segment)  # "Garonne (Haute)" is one name
                continue
            pieces.extend(_PARENTHESES.findall(segment))
            pieces.append(_PARENTHESES.sub(" ", segment))
    return pieces


def _read_segment(segment: str, clues: _Clues) -> None:
    """Take the codes out of one piece of text and keep the name that remains."""
    key = _CEDEX.sub(" ", name_key(segment))
    if _REMOTE_WORD.search(key):  # "Paris (télétravail partiel)": the place is Paris
        key = _PARTIAL_REMOTE.sub(" ", _REMOTE_WORD.sub(" ", key))
    key = collapse(key)
    if not key:
        return
    if _DEPARTEMENT_WORD.match(key):
        clues.departement_only = True
        return
    clues.postal_codes.extend(_POSTAL_CODE.findall(key))
    key = collapse(_POSTAL_CODE.sub(" ", key))
    if key not in LOCALITIES:  # "Courchevel 1850", "Genève 1201", "CH-1201 Genève"
        key = collapse(_FOUR_DIGITS.sub(" ", key))
    if _DEPARTEMENT_CODE.match(key):
        clues.departements |= departement_codes(key)
        return
    names = _index().names
    if not key or (key not in names and _STREET.match(key)):
        return
    if key not in names and not _district(key):
        if code := _LEADING_CODE.match(key) or _TRAILING_CODE.search(key):
            clues.departements |= departement_codes(code.group(1))
            key = collapse(key.replace(code.group(0), " ", 1))
    if key and not key[0].isdigit():  # what is left of "12 bis, …" is no name
        clues.names.append(key)
        if _ABBREVIATED.search(segment):
            clues.abbreviated.add(key)
        for word in segment.split():
            if "-" in word.strip("-–"):
                clues.compounds.add(name_key(word))


def _district(key: str) -> str | None:
    match = _DISTRICT.match(key)
    if not match:
        return None
    _, numbers, make = _CITY_DISTRICTS[match.group(1)]
    number = int(match.group(2))
    return make(number) if number in numbers else None


def _communes_named(key: str, *, coded: bool = False) -> tuple[str, ...]:
    """Communes of that name, today's or former ("Cherbourg-Octeville" → Cherbourg-en-Cotentin,
    "Seynod" → Annecy). A name a commune bears today, or the first words of today's names, is
    that commune or those: the communes that bore it before join only when where it lies is
    written beside it (`coded`, see `_coded_beside`), which then tells them apart ("Pringy" is
    Pringy of Seine-et-Marne or of the Marne, "Pringy (74)" and "Pringy, Haute-Savoie" Annecy;
    "Boulogne", a village merged into Essarts-en-Bocage, is rather Boulogne-Billancourt or
    Boulogne-sur-Mer, and "Boulogne (85)" Essarts-en-Bocage)."""
    index = _index()
    if key in AREAS:
        return AREAS[key]
    found = index.names.get(key) or index.names_without_article.get(key)
    if not found and (short := _without_article(key)):
        found = index.names.get(short)
    former = index.former_names.get(key)
    if former and (coded or not (found or key in _compounds_by_first_words())):
        found = tuple(dict.fromkeys((*(found or ()), *former)))
    if key in LOCALITIES:  # "Val Thorens"; "Les Arcs" is a commune of the Var too
        found = tuple(dict.fromkeys((*(found or ()), LOCALITIES[key])))
    return found or ()


def _coded_beside(key: str, clues: _Clues) -> bool:
    """Whether the text writes, beside the name `key`, where it lies: a postal code, a
    département's number, or another piece naming a département or a région ("Pringy,
    Haute-Savoie")."""
    if clues.postal_codes or clues.departements:
        return True
    index = _index()
    return any(
        other != key and (other in index.departements_by_key or other in index.regions_by_key)
        for other in clues.names
    )


@cache
def _compounds_by_first_words() -> dict[str, tuple[str, ...]]:
    """INSEE codes of the communes whose compound name begins with the words of the key
    ("EVRY" → Évry-Courcouronnes, Évry-Grégy-sur-Yerre; arrondissements left out)."""
    districts = {code for codes in _index().districts.values() for code in codes}
    found: dict[str, list[str]] = {}
    for key, codes in _index().names.items():
        words = key.split(" ")
        for size in range(1, len(words)):
            for code in codes:
                if code not in districts:
                    found.setdefault(" ".join(words[:size]), []).append(code)
    return {key: tuple(codes) for key, codes in found.items()}


TOWN_POPULATION = 10_000
"""INSEE's threshold of a "ville moyenne" population band; a town this big is known by its
first words ("Évry", "Le Puy", "Romans"), a village is called by its whole name."""
TOWN_OUTWEIGHS = 10
"""How many times the namesakes' inhabitants together such a town must count."""


def _with_longer_namesakes(key: str, communes: tuple[str, ...]) -> tuple[str, ...]:
    """The communes named `key`, with the towns whose compound name begins with it and that far
    outweigh them (at least TOWN_POPULATION inhabitants and TOWN_OUTWEIGHS times the namesakes
    together, INSEE populations légales 2021): a town renamed or merged into a compound name
    ("Évry" became Évry-Courcouronnes in 2019, "Saint-Ouen" Saint-Ouen-sur-Seine in 2018), or
    long called short ("Le Puy"), is still called by its first words, so "Évry" is the Évry of
    the Yonne (391 inhabitants) or, more likely, Évry-Courcouronnes (Essonne, 66,177). The
    choice among them is then the namesakes' (a code, the context, else the population, with a
    confidence below 1)."""
    if not communes or key in AREAS:
        return communes
    populations = _index().populations
    together = sum(populations.get(code, 0) for code in communes)
    longer = tuple(
        code
        for code in _compounds_by_first_words().get(key, ())
        if populations.get(code, 0) >= max(TOWN_POPULATION, TOWN_OUTWEIGHS * together)
        and code not in communes
    )
    return (*communes, *longer) if longer else communes


def _town_called_short(key: str, *, abbreviated: bool = False) -> str | None:
    """The commune a name no commune bears stands for when it is the first words of compound
    names ("Thonon" → Thonon-les-Bains, "Evian" → Évian-les-Bains) and one of them is the only
    one or far outweighs the others (TOWN_OUTWEIGHS times their inhabitants together, and at
    least TOWN_POPULATION); an `abbreviated` last word ("St Julien en Gen.") may begin a word.
    None when nothing stands out ("Villeneuve", "Saint-Genis")."""
    if len(key) < 4 or key in NOT_A_NAME or key in _FILLER_WORDS:
        return None
    found = _compounds_by_first_words().get(key, ())
    if not found and abbreviated and len(key.rsplit(" ", 1)[-1]) >= 2 and " " in key:
        found = tuple(
            code for name, codes in _index().names.items() if name.startswith(key) for code in codes
        )
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    populations = _index().populations
    best = max(found, key=lambda code: (populations.get(code, 0), code))
    others = sum(populations.get(code, 0) for code in found if code != best)
    if populations.get(best, 0) >= max(TOWN_POPULATION, TOWN_OUTWEIGHS * others):
        return best
    return None


LOOSE_SHORT_HEADS = 10
"""At most this many communes' names may begin with a name written short for it to be read as
the most populous of them: "Boulogne" begins 5, "Villeneuve" 64 (a word, not a town)."""
LOOSE_SHORT_LEAD = 2
"""How many times the next town of TOWN_POPULATION inhabitants the most populous must count."""


def _town_called_short_loosely(key: str) -> tuple[str, float] | None:
    """(INSEE code, confidence) of the town a name no commune bears stands for when it is the
    first words of a few communes' names (at most LOOSE_SHORT_HEADS), among which the most
    populous is a town (TOWN_POPULATION) counting LOOSE_SHORT_LEAD times any other such town:
    "Boulogne" is Boulogne-Billancourt (121,000 inhabitants) rather than Boulogne-sur-Mer
    (40,000), at a confidence between POPULATION_MIN and PARTIAL_CONFIDENCE by its share of
    their inhabitants (INSEE populations légales 2021). A postal code or a département written
    beside the name decides instead ("Boulogne (62)", see `_shortened`). None otherwise."""
    words = key.split(" ")
    if (
        len(key) < 4
        or key in NOT_A_NAME
        or key in _FILLER_WORDS
        or words[0] in _ARTICLES  # "La Queue", "Le Pont": words, not towns called short
        or words[-1] in _PARTICLES  # "Villefranche sur": a name cut short, not called short
    ):
        return None
    found = _compounds_by_first_words().get(key, ())
    if not found or len(found) > LOOSE_SHORT_HEADS:
        return None
    populations = _index().populations
    towns = sorted(
        (code for code in found if populations.get(code, 0) >= TOWN_POPULATION),
        key=lambda code: (-populations.get(code, 0), code),
    )
    if not towns:
        return None
    if len(towns) > 1 and populations[towns[0]] < LOOSE_SHORT_LEAD * populations[towns[1]]:
        return None
    share = populations[towns[0]] / sum(populations.get(code, 0) for code in found)
    return towns[0], round(POPULATION_MIN + (PARTIAL_CONFIDENCE - POPULATION_MIN) * share, 2)


_COMPASS = frozenset({"NORD", "SUD", "EST", "OUEST"})


def _compass_departement(key: str) -> str | None:
    """The département of a compass part of it, as postings name a sector: "Nord Isère",
    "Secteur Sud Gironde", "Haute-Savoie Nord" (never a commune that the département's name
    happens to spell: "Sud Loire" is no call for Loiré, Maine-et-Loire)."""
    words = key.split(" ")
    while len(words) > 2 and words[0] in AREA_WORDS:
        words = words[1:]
    if len(words) < 2:
        return None
    if words[0] in _COMPASS:
        rest = " ".join(words[1:])
    elif words[-1] in _COMPASS:
        rest = " ".join(words[:-1])
    else:
        return None
    return _index().departements_by_key.get(rest)


def _region_after_word(key: str) -> str | None:
    """The région a name written after the word "région" stands for: "Région Rhône-Alpes" (a
    région before 2016, see REGION_ALIASES), "Région Occitanie"; None otherwise."""
    first, _, rest = key.partition(" ")
    if first != "REGION":
        return None
    for article in ("DE ", "DU ", "D "):
        rest = rest.removeprefix(article)
    return _index().regions_by_key.get(rest)


def region_named(text: str) -> str | None:
    """The code of the région `text` names, word for word: today's name, a région before 2016
    or an abbreviation ("Midi-Pyrénées" → "76", "PACA" → "93", see REGION_ALIASES), or either
    after the word "région" ("Région Rhône-Alpes" → "84"); None for any other text."""
    key = name_key(text)
    return _index().regions_by_key.get(key) or _region_after_word(key)


def commune_named_in(name: str, departement: str) -> str | None:
    """The INSEE code of the commune called `name`, word for word (today's name, a former one, a
    resort's or a lieu-dit's, see LOCALITIES), that lies in the département numbered
    `departement` ("Vannes", "56" → "56260"; "Bastia", "20" → "2B033": Corsica's old number); None
    when no commune of that name lies there, or several do."""
    key = name_key(name)
    if not key or key in _index().departements_by_key or key in _index().regions_by_key:
        return None
    found = {
        insee
        for insee in (*_communes_named(key, coded=True), *_index().districts.get(key, ()))
        if _commune_departement(insee) in departement_codes(departement)
    }
    return found.pop() if len(found) == 1 else None


def names_a_locality(text: str) -> bool:
    """Whether `text` is, word for word, a ski resort's or a lieu-dit's name (LOCALITIES), with
    or without its altitude: "Val Thorens", "Courchevel 1850", "Arc 1800"."""
    key = name_key(text)
    return key in LOCALITIES or collapse(_FOUR_DIGITS.sub(" ", key)) in LOCALITIES


def _area_departement(key: str) -> str | None:
    """The département of a big city's area: "Région lyonnaise", "Agglomération nantaise"."""
    first, _, rest = key.partition(" ")
    for article in ("DE ", "DU ", "D "):
        rest = rest.removeprefix(article)
    if first in AREA_WORDS and rest in CITY_ADJECTIVES:
        return CITY_ADJECTIVES[rest]
    return None


def _short_code_is_commune(key: str, communes: tuple[str, ...], clues: _Clues) -> bool:
    """A short word that is also a commune ("Eu", "Us"): the commune when written in lower case
    without remote work around it, or when a French code is written with it ("76 - EU")."""
    if not communes or len(key) > 4:
        return False
    if clues.departements or clues.postal_codes:
        return True
    return not clues.remote and key not in clues.capitals


def _read_name(key: str, clues: _Clues) -> None:
    """Decide what one name is: a commune, a département, a région, a country, or unknown."""
    index = _index()
    if district := _district(key):
        clues.commune_sets.append({district})
        return
    if key in FRANCE_WHOLE:
        clues.countries.add("FR")
        return
    if (region := _region_after_word(key)) and not clues.departements:
        clues.regions.add(region)  # "Région Rhône-Alpes", "région PACA"
        return
    if key in AREAS_OF_ONE_DEPARTEMENT and not clues.departements:  # "Chablais"
        clues.named_departements.add(AREAS_OF_ONE_DEPARTEMENT[key])
        return
    if key in AREAS_OF_SEVERAL_DEPARTEMENTS and not clues.departements:  # "(Antilles)"
        clues.named_departements.update(AREAS_OF_SEVERAL_DEPARTEMENTS[key])
        return
    if (area := _area_departement(key)) and not clues.departements:
        clues.named_departements.add(area)
        return
    if (
        key not in index.names
        and key not in index.regions_by_key  # "Nord-Pas-de-Calais" is a région, not the north
        and (area := _compass_departement(key))
        and (not clues.departements or area in clues.departements)
    ):
        clues.named_departements.add(area)
        clues.coarse_confidence = PARTIAL_CONFIDENCE
        return
    communes = _communes_named(key, coded=_coded_beside(key, clues))
    departement = index.departements_by_key.get(key)
    if departement and (not clues.departements or departement in clues.departements):
        chef_lieu = referentials.departements()[departement].chef_lieu_insee
        town = (
            None
            if clues.departement_only or clues.departements or chef_lieu in communes
            else _town_named(key)
        )  # "Paris" is the commune, surely
        if town:  # "Vienne" alone: the town of Isère rather than the département
            clues.commune_sets.append({town})
            clues.town_or_departement = True
            return
        if clues.departement_only or chef_lieu not in communes:  # "Paris" is the commune
            clues.named_departements.add(departement)
            return
    region = index.regions_by_key.get(key)
    if region and not clues.departements:
        clues.regions.add(region)
        return
    if key in COUNTRIES and not _short_code_is_commune(key, communes, clues):
        clues.countries.add(COUNTRIES[key][0])
        return
    if key in ZONES and not _short_code_is_commune(key, communes, clues):
        clues.zones.append(ZONES[key])
        return
    if communes:
        clues.area = clues.area or key in AREAS or (key in LOCALITIES and len(communes) > 1)
        clues.commune_sets.append(set(_with_longer_namesakes(key, communes)))
        return
    if (named := _territory_names().get(key)) is not None:  # "Suède", "Île Maurice", "Chili"
        clues.countries.add(named)
        return
    words = key.split(" ")
    for size in (3, 2, 1):  # "QUEBEC CANADA": a name followed by its country (not a code)
        country = " ".join(words[-size:])
        if len(words) > size and len(country) > 2 and country in COUNTRIES:
            clues.countries.add(COUNTRIES[country][0])
            _read_name(" ".join(words[:-size]), clues)
            return
    if words[-1] in ("CITY", "VILLE") and len(words) > 1:  # "Luxembourg City", "Monaco Ville"
        country = " ".join(words[:-1])
        if code := COUNTRIES.get(country, (None,))[0] or _territory_names().get(country):
            clues.countries.add(code)
            return
    if key in FOREIGN_CITIES:
        clues.countries.add(FOREIGN_CITIES[key])
        return
    if (departement := _departement_after_en(key)) and not clues.departements:
        clues.named_departements.add(departement)  # "Saint-Quentin-en-Yvelines"
        clues.coarse_confidence = PARTIAL_CONFIDENCE
        return
    if town := _town_called_short(key, abbreviated=key in clues.abbreviated):
        clues.commune_sets.append({town})  # "Thonon", "Evian", "St Julien en Gen."
        clues.called_short = True
        return
    if loosely := _town_called_short_loosely(key):
        clues.commune_sets.append({loosely[0]})  # "Boulogne": Boulogne-Billancourt, maybe
        clues.short_confidence = loosely[1]
        return
    clues.unresolved.append(key)


@cache
def _towns_named_as_departements() -> dict[str, tuple[str, str]]:
    """Département names (folded) that a town bears, to (the town's INSEE code, the département's
    code): "VIENNE" → Vienne (Isère, 31,051 inhabitants), Vienne (86); "MAYENNE" → Mayenne (53).
    Towns of at least TOWN_POPULATION inhabitants (INSEE populations légales 2021) only: "Allier"
    (a village of the Hautes-Pyrénées) stays the département."""
    index = _index()
    towns: dict[str, tuple[str, str]] = {}
    for key, departement in index.departements_by_key.items():
        for insee in index.names.get(key, ()):
            if index.populations.get(insee, 0) >= TOWN_POPULATION:
                towns[key] = (insee, departement)
    return towns


def _town_named(key: str) -> str | None:
    found = _towns_named_as_departements().get(key)
    return found[0] if found else None


def departement_a_town_is_named_after(text: str) -> str | None:
    """The code of the département whose name `text` is, when a town bears that name too
    ("Vienne" → "86": `resolve_place` reads the bare name as the town of Isère, and the
    département when "(86)", "(département)" or other places of the Vienne say so); None for
    any other text."""
    found = _towns_named_as_departements().get(name_key(text))
    return found[1] if found else None


def _departement_after_en(key: str) -> str | None:
    """The département a name that is no commune places itself in, French-style, by its last
    words after "en": "Saint-Quentin-en-Yvelines" (a ville nouvelle) is in the Yvelines."""
    head, found, tail = key.rpartition(" EN ")
    if not found or not head or head in _FILLER_WORDS:
        return None
    return _index().departements_by_key.get(tail)


def _commune_departement(insee: str) -> str:
    return referentials.communes()[insee].departement_code


def _filter(candidates: set[str], clues: _Clues) -> set[str]:
    """Keep the communes every clue agrees with; empty when the clues contradict the names."""
    communes = referentials.communes()
    index = _index()
    known_postal = [code for code in clues.postal_codes if code in index.postal]
    if known_postal:
        for parent, children in index.districts.items():
            if parent in candidates:
                candidates = candidates | set(children)
        postal = set(known_postal)
        matching = {c for c in candidates if postal & set(communes[c].postal_codes)}
        if any(c not in index.districts for c in matching):
            matching = {c for c in matching if c not in index.districts}
        if matching:
            candidates = matching
        else:  # "Saint-Paul, 40990": no Saint-Paul has that code, but its département is said
            known_postal = []
    departements = clues.departements | clues.named_departements
    if not departements and clues.postal_codes and not known_postal:
        departements = set().union(*(_postal_departements(p) for p in clues.postal_codes))
    if departements & {GUADELOUPE}:
        departements = departements | FORMERLY_GUADELOUPE  # "Saint-Martin (Guadeloupe)"
    if departements:
        candidates = {c for c in candidates if _commune_departement(c) in departements}
    if clues.regions:
        candidates = {c for c in candidates if communes[c].region_code in clues.regions}
    return candidates


GUADELOUPE = "971"
FORMERLY_GUADELOUPE = frozenset({"977", "978"})
"""Saint-Barthélemy (977) and Saint-Martin (978) were communes of Guadeloupe until they became
collectivités in 2007 (loi organique du 21 février 2007); their postal codes still begin with 971
(97133, 97150) and people still write "Saint-Martin (Guadeloupe)"."""


def _sub_names(key: str) -> list[tuple[int, int]]:
    """Spans (start, end) of shorter runs of words of a name, longest first."""
    words = key.split(" ")
    spans = []
    for size in range(min(len(words) - 1, 5), 0, -1):
        for start in range(len(words) - size + 1):
            run = " ".join(words[start : start + size])
            if len(run) >= 3 and run not in NOT_A_NAME and not run.isdigit():
                spans.append((start, start + size))
    return spans


# Words that may stand beside a commune's name without making another name: "Lyon et alentours",
# "Annecy centre", "secteur de Rennes", "Nantes Cedex".
_FILLER_WORDS = (
    NOT_A_NAME
    | AREA_WORDS
    | frozenset(
        """ET OU DE DU D LA LE L EN A AU SUR SOUS PRES PROCHE AUTOUR TOUT TOUTE TOUS CEDEX
        CENTRE VILLE PERIPHERIE QUARTIER CITY CENTER CENTRE DOWNTOWN NEAR AROUND AREA AND GREATER
        HYPER HYPERCENTRE LIMITROPHE LIMITROPHES ALENTOUR RAYON KM KMS""".split()
    )
)


_ARTICLES = frozenset({"LE", "LA", "LES", "L"})
_PARTICLES = _ARTICLES | frozenset(
    {"SUR", "SOUS", "DE", "DU", "DES", "D", "EN", "LEZ", "A", "AU", "AUX", "ST", "STE", "ET"}
)


def _communes_inside(key: str, clues: _Clues, within: set[str]) -> set[str]:
    """Communes named by runs of words of an unrecognised name ("LYON ET ALENTOURS"); how they
    were read is left in `clues.partial` (see `_partial_reading`).

    Runs are tried longest first and may not overlap; when they name different communes the
    result holds them all.
    """
    words = key.split(" ")
    taken: set[int] = set()
    found: set[str] = set()
    runs: list[frozenset[str]] = []
    leading = head_of_others = False
    for start, end in _sub_names(key):
        if taken & set(range(start, end)):
            continue
        run = " ".join(words[start:end])
        if start > 0 and words[start - 1] in _ARTICLES:
            continue  # "le Vieux" in "Annecy-le-Vieux" describes, it names no commune Vieux
        if words[start] in _ARTICLES and run not in _index().names:
            continue  # nor is "Le Vieux" the commune Vieux with an article it does not have
        named = _communes_named(run, coded=_coded_beside(key, clues))
        fitting = _filter(set(named), clues) if named else set()
        if within:
            fitting &= within
        if fitting:
            found |= fitting
            runs.append(frozenset(fitting))
            taken |= set(range(start, end))
            leading = start == 0 and run in _index().names
            head_of_others = run in _compounds_by_first_words()
    if found:
        rest = [word for number, word in enumerate(words) if number not in taken]
        clues.partial = _Partial(
            runs=tuple(runs),
            loose=any(word not in _FILLER_WORDS and not word.isdigit() for word in rest),
            compound=key in clues.compounds,
            confirmed=bool(within),
            leading=leading and len(runs) == 1,
            head_of_others=head_of_others,
        )
    return found


@cache
def _names_by_departement() -> dict[str, tuple[tuple[str, str], ...]]:
    """(name key, INSEE code) of each commune, by département."""
    by_departement: dict[str, list[tuple[str, str]]] = {}
    for insee, commune in referentials.communes().items():
        by_departement.setdefault(commune.departement_code, []).append(
            (name_key(commune.name), insee)
        )
    return {code: tuple(names) for code, names in by_departement.items()}


def _shortened(clues: _Clues, by_postal: set[str]) -> set[str]:
    """Communes whose full name begins with a name written short, inside the area a code says:
    "Boulogne (92)" is Boulogne-Billancourt, "Saint-Paul, 40990" Saint-Paul-lès-Dax. Without a
    postal code or a département, or when several communes begin so, nothing is guessed."""
    if clues.departement_only:
        return set()
    departements = clues.departements | clues.named_departements
    if not departements and clues.postal_codes:
        departements = set().union(*(_postal_departements(p) for p in clues.postal_codes))
    if not departements:
        return set()
    found: set[str] = set()
    index = _index()
    for key in clues.names:
        if len(key) < 3 or key in index.departements_by_key or key in index.regions_by_key:
            continue
        for code in departements:
            found |= {
                insee
                for name, insee in _names_by_departement().get(code, ())
                if name.startswith(key + " ")
            }
    if by_postal:  # "Saint-Paul, 40990": only the communes that code serves
        found &= by_postal
    return found if len(found) == 1 else set()  # "Saint-Jean (74)" is several: no guess


def _candidates(clues: _Clues) -> set[str]:
    index = _index()
    known_postal = [code for code in clues.postal_codes if code in index.postal]
    by_postal = {insee for code in known_postal for insee in index.postal[code]}
    if clues.commune_sets:
        candidates = set(clues.commune_sets[0])
        for other in clues.commune_sets[1:]:
            candidates = (candidates & other) or (candidates | other)
        return _filter(candidates, clues) or _shortened(clues, by_postal)
    for key in clues.unresolved:
        if found := _communes_inside(key, clues, by_postal):
            return found
    if found := _shortened(clues, by_postal):
        return found
    return _filter(by_postal, clues) if by_postal else set()


def _label(commune: Commune) -> str:
    """France Travail's wording: "69 - LYON 04", "42 - ST ETIENNE"."""
    if _DISTRICT_INSEE.match(commune.insee):
        city, number = commune.name.split(" ")[0], int(re.sub(r"\D", "", commune.name))
        return f"{commune.departement_code} - {name_key(city)} {number:02d}"
    return f"{commune.departement_code} - {name_key(commune.name)}"


def _administrative(departement_code: str | None, region_code: str | None) -> dict[str, str | None]:
    departements = referentials.departements()
    regions = referentials.regions()
    if departement_code and not _DEPARTEMENT_PATTERN.match(departement_code):
        departement_code = None
    departement = departements.get(departement_code) if departement_code else None
    if departement and not region_code:
        region_code = departement.region_code
    region = regions.get(region_code) if region_code else None
    return {
        "departement_code": departement_code,
        "departement_name": departement.name if departement else None,
        "region_code": region.code if region else None,
        "region_name": region.name if region else None,
    }


def _commune_place(
    text: str,
    insee: str,
    clues: _Clues,
    *,
    confidence: float = 1.0,
    candidates: list[str] | None = None,
) -> Place:
    commune = referentials.communes()[insee]
    postal_code = next(
        (code for code in clues.postal_codes if code in commune.postal_codes), commune.postal_code
    )
    return Place(
        text=text,
        match=PlaceMatch.COMMUNE,
        label=_label(commune),
        insee_code=commune.insee,
        commune_name=commune.name,
        postal_code=postal_code,
        country_code="FR",
        latitude=commune.latitude,
        longitude=commune.longitude,
        candidates=candidates or [],
        confidence=confidence,
        **_administrative(commune.departement_code, commune.region_code),
    )


def _namesake_place(text: str, candidates: set[str], clues: _Clues) -> Place:
    """Namesakes nothing tells apart: the most populous (INSEE populations légales), said so by a
    confidence between POPULATION_MIN and POPULATION_MAX, the namesakes kept as candidates."""
    populations = _index().populations
    best = max(candidates, key=lambda insee: (populations.get(insee, 0), insee))
    total = sum(populations.get(insee, 0) for insee in candidates)
    share = populations.get(best, 0) / total if total else 1 / len(candidates)
    confidence = round(POPULATION_MIN + (POPULATION_MAX - POPULATION_MIN) * share, 2)
    return _commune_place(text, best, clues, confidence=confidence, candidates=sorted(candidates))


def _ambiguous_place(text: str, candidates: set[str], clues: _Clues) -> Place:
    communes = referentials.communes()
    departements = {communes[c].departement_code for c in candidates}
    regions = {communes[c].region_code for c in candidates}
    shared_postal = [
        code
        for code in clues.postal_codes
        if all(code in communes[c].postal_codes for c in candidates)
    ]
    return Place(
        text=text,
        match=PlaceMatch.AMBIGUOUS,
        postal_code=shared_postal[0] if shared_postal else None,
        country_code="FR",
        candidates=sorted(candidates),
        confidence=round(1 / len(candidates), 2),
        **_administrative(
            departements.pop() if len(departements) == 1 else None,
            regions.pop() if len(regions) == 1 else None,
        ),
    )


def _open_to(clues: _Clues) -> tuple[str | None, str | None]:
    """(zone as a French name, ISO country code) a remote job is open to, when written."""
    if clues.zones:
        return clues.zones[0], None
    foreign = sorted(clues.countries - {"FR"})
    if len(foreign) == 1:
        return _country_name(foreign[0]), foreign[0]
    if foreign:
        return ", ".join(name for code in foreign if (name := _country_name(code))), None
    if "FR" in clues.countries:
        return "France", "FR"
    return None, None


def _country_name(code: str) -> str | None:
    """The French name of an ISO 3166 alpha-2 country code (Babel's CLDR names), or None."""
    return next((name for iso, name in COUNTRIES.values() if iso == code), None) or (
        _babel_territories("fr").get(code)
    )


@cache
def _babel_territories(language: str) -> dict[str, str]:
    """Babel's (CLDR) names of the countries (ISO 3166 alpha-2 codes) in `language`."""
    from babel import Locale

    return {
        code: name
        for code, name in Locale.parse(language).territories.items()
        if len(code) == 2 and code.isalpha() and code.isupper()
    }


@cache
def _territory_names() -> dict[str, str]:
    """Countries' French and English names (Babel's CLDR), folded as `name_key` folds them, to
    their ISO 3166 alpha-2 codes. Read only when no French commune has the name."""
    names: dict[str, str] = {}
    for language in ("en", "fr"):
        for code, name in _babel_territories(language).items():
            if code != "FR":
                names.setdefault(name_key(name), code)
    return names


FIELD_COUNTRY_LANGUAGES = ("fr", "en", "de", "es", "it", "nl", "pt")
"""Languages whose country names an address's country field is read in ("Deutschland",
"España", "Nederland"): those of the careers sites France's neighbours publish."""


@cache
def _field_country_names() -> dict[str, str]:
    """Country names in FIELD_COUNTRY_LANGUAGES (Babel's CLDR), folded, to ISO 3166 codes."""
    names: dict[str, str] = {}
    for language in FIELD_COUNTRY_LANGUAGES:
        for code, name in _babel_territories(language).items():
            names.setdefault(name_key(name), code)
    return names


def field_country(country: str | None) -> str | None:
    """The ISO 3166 alpha-2 code an address's country field names: a code ("US", "de", "FRA"
    is not read), or a country's name in FIELD_COUNTRY_LANGUAGES ("Deutschland", "Belgique",
    "United States"; Babel's CLDR names, and Relais's own COUNTRIES), else None."""
    if not country or not (key := name_key(country)):
        return None
    if len(key) == 2 and key in _babel_territories("fr"):
        return key
    return COUNTRIES.get(key, (None,))[0] or _field_country_names().get(key)


_FOREIGN_HEAD = re.compile(r"^(?:PRINCIPAUTE|GRAND DUCHE|CANTON|VILLE) (?:DE |DU |D )?")


def names_a_foreign_place(text: str) -> bool:
    """Whether `text` is, word for word, a country's or a big foreign city's name ("Monaco",
    "Principauté de Monaco", "Genève (Suisse)", "Luxembourg", "Andorre"), not a code ("IT",
    "US": a title's "Chef de projet - IT" is no country). Names that a French commune also bears
    are left out ("Valence", "Montréal"), as `resolve_place` reads them as the commune."""
    inner = _PARENTHESES.findall(text)
    key = name_key(_PARENTHESES.sub(" ", text))
    key = _FOREIGN_HEAD.sub("", key)
    if len(key) < 4 or key in _index().names:
        return False
    if inner and not all(names_a_foreign_place(part) for part in inner):
        return False
    code = COUNTRIES.get(key, (None,))[0] or FOREIGN_CITIES.get(key) or _territory_names().get(key)
    return code is not None and code != "FR"


def _remote_place(text: str, clues: _Clues) -> Place:
    zone, country = _open_to(clues)
    return Place(
        text=text, match=PlaceMatch.REMOTE, zone=zone, country_code=country, confidence=1.0
    )


def _coarse_place(text: str, clues: _Clues, remote: bool) -> Place:
    """No commune: the département, the région, the country, remote work, or nothing known."""
    departements = clues.named_departements or clues.departements
    if not departements and clues.postal_codes:
        departements = set().union(*(_postal_departements(p) for p in clues.postal_codes))
    departements = {d for d in departements if d in referentials.departements()}
    foreign = {c for c in clues.countries if c != "FR"}
    if foreign and not (departements or clues.regions or clues.commune_sets):
        return _country_place(text, clues, remote)
    if len(departements) == 1:
        code = departements.pop()
        departement = referentials.departements()[code]
        label = _PARIS_DEPARTEMENT_LABEL if code == "75" else f"{code} - {departement.name}"
        return Place(
            text=text,
            match=PlaceMatch.DEPARTEMENT,
            label=label,
            country_code="FR",
            confidence=clues.coarse_confidence,
            **_administrative(code, None),
        )
    regions = clues.regions or {referentials.departements()[d].region_code for d in departements}
    if len(regions) == 1:
        code = regions.pop()
        return Place(
            text=text,
            match=PlaceMatch.REGION,
            label=referentials.regions()[code].name,
            country_code="FR",
            confidence=1.0,
            **_administrative(None, code),
        )
    if remote:
        return _remote_place(text, clues)
    if clues.countries or departements or regions:
        return Place(
            text=text, match=PlaceMatch.COUNTRY, label="France", country_code="FR", confidence=1.0
        )
    return Place(text=text, match=PlaceMatch.UNKNOWN)


def _name_of_its_own(text: str, candidates: set[str], clues: _Clues, remote: bool) -> Place:
    """A name that is no commune but holds communes' names: a ville nouvelle, an agglomeration or
    a business district not in AREAS, or a commune nouvelle newer than the referential named
    after the communes it merged ("Oullins-Pierre-Bénite", 2024). It is none of the communes its
    words name in different départements ("La Marne", Loire-Atlantique, and "La Vallée",
    Charente-Maritime): then what the other clues say, or nothing. When each of several runs of its
    words names a commune of one same département, it lies there, most likely in the most populous
    of them (a commune nouvelle keeps the code of its seat, usually the largest): that commune at
    PARTIAL_CONFIDENCE, the others as candidates."""
    runs = clues.partial.runs if clues.partial else ()
    shared = set.intersection(
        *({_commune_departement(insee) for insee in run} for run in runs or ((),))
    )  # the départements holding a commune of each run
    if len(runs) > 1 and len(shared) == 1:
        candidates = {insee for insee in candidates if _commune_departement(insee) in shared}
        populations = _index().populations
        best = max(candidates, key=lambda insee: (populations.get(insee, 0), insee))
        return _commune_place(
            text, best, clues, confidence=PARTIAL_CONFIDENCE, candidates=sorted(candidates)
        )
    return _coarse_place(text, clues, remote)


def _fragment_names_it(candidates: set[str], clues: _Clues, partial: _Partial) -> bool:
    """Whether communes read from some words of a longer name that is no commune ("Lyon
    Part-Dieu", "Val Morin") are where the name lies: when its first words are a commune's
    very name that begins no other commune's name ("Morzine" in "Morzine Avoriaz", not "Port"
    in "Port Camargue", which begins Port-Vendres and Port-Louis too), when a département or a
    région written beside it agrees (the candidates were kept for it), or when each is a town of
    at least TOWN_POPULATION inhabitants (INSEE populations légales 2021: "Aéroport de Nice"). A
    village elsewhere that bears one of its words is a coincidence: "Val Morin" is not Le Val
    (Var)."""
    if clues.departements or clues.named_departements or clues.regions:
        return True
    if partial.leading and not partial.head_of_others:
        return True
    populations = _index().populations
    return all(populations.get(insee, 0) >= TOWN_POPULATION for insee in candidates)


def _country_place(text: str, clues: _Clues, remote: bool) -> Place:
    if remote:
        return _remote_place(text, clues)
    countries = clues.countries - {"FR"}
    code = sorted(countries)[0] if len(countries) == 1 else None
    if code is None:
        return Place(text=text, match=PlaceMatch.UNKNOWN)
    return Place(
        text=text,
        match=PlaceMatch.COUNTRY,
        label=_country_name(code),
        country_code=code,
        confidence=1.0,
    )


@lru_cache(maxsize=8192)
def _resolve_one(
    text: str | None,
    city: str | None,
    postal_code: str | None,
    region: str | None,
    country: str | None,
) -> Place:
    """One place from the text and the separate fields (see `resolve_place`); memoized."""
    parts = [collapse(part) for part in (text, city, postal_code, region, country) if part]
    parts = [part for part in parts if part]
    if not parts:
        return Place()
    written = collapse(text) if text and text.strip() else ", ".join(parts)
    joined = " ".join(parts)
    words = name_key(joined)
    strong_remote = _STRONG_REMOTE.search(words) is not None
    weak_remote = _REMOTE_WORD.search(words) is not None and not _PARTIAL_REMOTE.search(words)

    clues = _Clues(
        remote=strong_remote or _REMOTE_WORD.search(words) is not None,
        capitals=set(_CAPITALS.findall(joined[:MAX_TEXT_CHARS])),
    )
    if (code := field_country(country)) is not None:  # the field is a country, never a commune
        clues.countries.add(code)
        parts = [part for part in parts if part != collapse(country or "")]
    parts = [_without_foreign_codes(part, clues) for part in parts]
    for segment in _segments(parts):
        _read_segment(segment, clues)
    for key in clues.names:
        _read_name(key, clues)
    if clues.remote and not clues.zones and _ANYWHERE.search(words):
        clues.zones.append("Monde")
    if strong_remote:
        return _remote_place(written, clues)
    _drop_foreign_postal_codes(clues)
    french = clues.postal_codes or clues.departements or clues.named_departements
    if clues.zones and not (french or clues.commune_sets or clues.regions):
        if weak_remote:
            return _remote_place(written, clues)
        return Place(text=written, match=PlaceMatch.ZONE, zone=clues.zones[0], confidence=1.0)
    foreign = clues.countries - {"FR"}
    if foreign and not french:
        return _country_place(written, clues, weak_remote)
    candidates = _candidates(clues)
    partial = clues.partial
    if candidates and partial and not partial.confirmed:
        if (partial.compound and not partial.leading) or (
            len(partial.runs) > 1 and len(candidates) > 1
        ):
            return _name_of_its_own(written, candidates, clues, weak_remote)
        if partial.loose and not _fragment_names_it(candidates, clues, partial):
            return _coarse_place(written, clues, weak_remote)  # "Val Morin" is not Le Val (83)
        if partial.loose and len(candidates) == 1:
            return _commune_place(written, candidates.pop(), clues, confidence=PARTIAL_CONFIDENCE)
    if len(candidates) == 1:
        unsure = (clues.town_or_departement or clues.called_short) and not (
            clues.departements or clues.named_departements or clues.regions or clues.postal_codes
        )
        confidence = TOWN_OR_DEPARTEMENT_CONFIDENCE if unsure else 1.0
        coded = clues.departements or clues.named_departements or clues.postal_codes
        if clues.short_confidence is not None and not coded:
            confidence = clues.short_confidence
        return _commune_place(written, candidates.pop(), clues, confidence=confidence)
    if candidates and clues.area:
        return _ambiguous_place(written, candidates, clues)
    if candidates:
        return _namesake_place(written, candidates, clues)
    return _coarse_place(written, clues, weak_remote)


_US_STATES = frozenset(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC""".split()
)  # USPS state abbreviations
_US_ADDRESS = re.compile(
    r"(?P<town>[^\W\d_][^\W\d_ '.-]*(?:[ '.-]+[^\W\d_]+)*)\s*,\s*(?P<state>[A-Z]{2})\.?"
    r"(?:\s+(?P<zip>\d{5})(?:-\d{4})?)?(?![\w-])"
)
_US_STATE_AND_ZIP = re.compile(r"^\s*(?P<state>[A-Z]{2})\.?\s+\d{5}(?:-\d{4})?\s*$")
_UK_POSTCODE = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}(?![\w-])")
_CA_POSTCODE = re.compile(r"(?<![\w-])[A-Z]\d[A-Z] ?\d[A-Z]\d(?![\w-])")


def _without_foreign_codes(part: str, clues: _Clues) -> str:
    """`part` without the codes of a foreign address, whose country joins `clues`: a US state's
    abbreviation and ZIP code ("Allen, TX 75013": five digits that are no Paris 13e), a US state
    after a town no French commune is named after ("Austin, TX"), a British postcode ("London
    EC1A 1BB"), a Canadian one ("Montréal H2X 1Y4"). USPS abbreviations, Royal Mail and Canada
    Post formats; written in capitals as those services write them."""
    if "," in part:
        for match in _US_ADDRESS.finditer(part):
            if match["state"] not in _US_STATES:
                continue
            town = name_key(match["town"])
            if match["zip"] or not (_communes_named(town) or town in _index().departements_by_key):
                clues.countries.add("US")
                part = part.replace(match[0], match["town"], 1)
    if (alone := _US_STATE_AND_ZIP.match(part)) and alone["state"] in _US_STATES:
        clues.countries.add("US")  # "TX 75013", a title's last piece after "Allen,"
        return ""
    if _UK_POSTCODE.search(part):
        clues.countries.add("GB")
        part = _UK_POSTCODE.sub(" ", part)
    if _CA_POSTCODE.search(part):
        clues.countries.add("CA")
        part = _CA_POSTCODE.sub(" ", part)
    return part


def _drop_foreign_postal_codes(clues: _Clues) -> None:
    """Forget the postal codes that are no French ones: five digits written beside a foreign
    country ("Allen, 75013, US", "48565 Steinfurt, Deutschland", an address's country field)
    that no commune named beside them is served by, and codes La Poste does not know (base
    officielle des codes postaux) beside names no French commune bears ("48565 Steinfurt").
    A code a named commune confirms stays ("Annemasse, 74100, CH": the town is French)."""
    if not clues.postal_codes:
        return
    postal = _index().postal
    named = set().union(*clues.commune_sets) if clues.commune_sets else set()
    served = {insee for code in clues.postal_codes for insee in postal.get(code, ())}
    for parent, children in _index().districts.items():
        if parent in named:
            named |= set(children)
    if named & served:
        return
    abroad = bool(clues.countries - {"FR"}) and "FR" not in clues.countries
    unknown = not named and clues.unresolved and not any(c in postal for c in clues.postal_codes)
    if abroad or unknown:
        clues.postal_codes.clear()


_COMMON_WORD_DEPARTEMENTS = frozenset(
    {"MANCHE", "SOMME", "NORD", "CHER", "LOT", "VAR", "CREUSE", "VIENNE", "ORNE", "LOIRE"}
)
_PARENTHESIS_CODE = re.compile(r"\((\d{2}|2A|2B|97\d)\)")


@cache
def _context_names() -> tuple[tuple[str, str, str], ...]:
    """("region" or "departement", name key, code), régions first, longest names first within
    each, so that "Haute-Savoie" is not read as "Savoie" nor "Auvergne-Rhône-Alpes" as "Rhône"."""
    regions = sorted(
        (
            ("region", name_key(region.name), region.code)
            for region in referentials.regions().values()
        ),
        key=lambda entry: -len(entry[1]),
    )
    departements = sorted(
        (
            ("departement", key, departement.code)
            for departement in referentials.departements().values()
            if (key := name_key(departement.name)) not in _COMMON_WORD_DEPARTEMENTS
        ),
        key=lambda entry: -len(entry[1]),
    )
    return (*regions, *departements)


def _named_in(key: str) -> tuple[set[str], set[str]]:
    """(région codes, département codes) whose names the padded name key holds."""
    regions: set[str] = set()
    departements: set[str] = set()
    for kind, name, code in _context_names():
        if f" {name} " in key:
            (regions if kind == "region" else departements).add(code)
            key = key.replace(f" {name} ", " | ")
    return regions, departements


def _context_scores(candidates: list[str], context: str) -> dict[str, int]:
    """How strongly the context points at each namesake: a postal code of the commune, a postal
    code or a "(38)" of its département, its département's or its région's name."""
    context = context[:MAX_CONTEXT_CHARS]
    regions, departements = _named_in(f" {name_key(context)} ")
    postal_codes = set(_POSTAL_CODE.findall(context))
    postal_departements = set().union(*(_postal_departements(p) for p in postal_codes))
    written_codes = {
        departement
        for code in _PARENTHESIS_CODE.findall(context)
        for departement in departement_codes(code)
    }
    communes = referentials.communes()
    scores: dict[str, int] = {}
    for insee in candidates:
        commune = communes[insee]
        departement = commune.departement_code
        score = 4 if postal_codes & set(commune.postal_codes) else 0
        score += 2 * (departement in postal_departements) + 2 * (departement in written_codes)
        score += 2 * (departement in departements) + (commune.region_code in regions)
        scores[insee] = score
    return scores


def _prefer(place: Place, context: str | None) -> Place:
    """A commune chosen by population alone, chosen again by what the context says, if it does;
    so too a name of communes in several départements ("Les Arcs": the Var's commune or the
    resort of Bourg-Saint-Maurice, Savoie)."""
    if (
        not context
        or place.match not in (PlaceMatch.COMMUNE, PlaceMatch.AMBIGUOUS)
        or not place.candidates
        or (place.confidence or 0) >= CONTEXT_CONFIDENCE
        or (place.match == PlaceMatch.AMBIGUOUS and place.departement_code)
    ):
        return place
    scores = _context_scores(place.candidates, context)
    best = max(scores.values())
    winners = [insee for insee, score in scores.items() if score == best]
    if best == 0 or len(winners) != 1:
        return place
    clues = _Clues(postal_codes=[place.postal_code] if place.postal_code else [])
    return _commune_place(
        place.text or "",
        winners[0],
        clues,
        confidence=CONTEXT_CONFIDENCE,
        candidates=place.candidates,
    )


def _contains(outer: Place, inner: Place) -> bool:
    """Whether `inner` lies inside `outer` ("Lyon" inside "Auvergne-Rhône-Alpes", "Lyon 3e"
    inside "Lyon"), so that naming both names one place."""
    if outer.match == PlaceMatch.COUNTRY:
        return inner.match != PlaceMatch.COUNTRY and inner.country_code == outer.country_code
    if outer.match == PlaceMatch.REGION:
        return inner.match != PlaceMatch.REGION and inner.region_code == outer.region_code
    if outer.match == PlaceMatch.DEPARTEMENT:
        return inner.match in (PlaceMatch.COMMUNE, PlaceMatch.AMBIGUOUS) and (
            inner.departement_code == outer.departement_code
        )
    if outer.match == PlaceMatch.COMMUNE and inner.match == PlaceMatch.COMMUNE:
        parent = inner.insee_code and _parent_city(inner.insee_code)
        return parent is not None and parent == outer.insee_code
    return False


def _parent_city(insee: str) -> str | None:
    """The whole city of an arrondissement (69383 → 69123), None for another commune."""
    for parent, children in _index().districts.items():
        if insee in children:
            return parent
    return None


def _identity(place: Place) -> tuple[str, str | None]:
    return place.match.value, (
        place.insee_code
        or ",".join(place.candidates)
        or place.departement_code
        or place.region_code
        or place.country_code
        or place.zone
        or place.text
    )


def distinct_places(places: Iterable[Place]) -> list[Place]:
    """`places` in order without repeats (the same commune, département… named twice) and without
    missing ones; at most MAX_PLACES."""
    kept: list[Place] = []
    seen: set[tuple[str, str | None]] = set()
    for place in places:
        if place.match != PlaceMatch.MISSING and (identity := _identity(place)) not in seen:
            seen.add(identity)
            kept.append(place)
    return kept[:MAX_PLACES]


@lru_cache(maxsize=4096)
def _names_a_place(piece: str) -> bool:
    """Whether a piece of a list names a place by its whole name ("Roubaix", "Lyon 3e",
    "Isère"), rather than holding a place name among other words ("Tour First")."""
    clues = _Clues(capitals=set(_CAPITALS.findall(piece)))
    for segment in _segments([piece]):
        _read_segment(segment, clues)
    for key in clues.names:
        _read_name(key, clues)
    return bool(
        clues.commune_sets
        or clues.named_departements
        or clues.regions
        or clues.countries
        or clues.zones
    )


def _is_one_name(text: str) -> bool:
    """Whether the whole text, codes aside, is the name of one département, région or commune
    ("Indre et Loire (37)"), so that its "et" does not list two places."""
    key = collapse(re.sub(r"\b(?:\d{5}|\d{2}|2A|2B|97\d)\b", " ", name_key(text)))
    index = _index()
    return key in index.departements_by_key or key in index.regions_by_key or key in index.names


# What a place text writes around its places without naming another: "Secteur Aix/Marseille",
# "Luxembourg (frontalier, proche Thionville)", "Vienne (Isère)", "Bretagne (Rennes, Brest)".
_AREA_LEAD = re.compile(
    r"^\s*(?:secteurs?|zones?|bassins?|agglom[ée]rations?|agglo)\s*(?::\s*)?(?:de\s+|d['’]\s*)?"
    r"(?-i:(?=[A-ZÀ-ÖØ-Þ]))",
    re.I,
)
_NEARBY = re.compile(
    r"\s*\((?=[^()]*\b(?:proche|pr[èe]s|frontali[eè]re?s?|near|à\s+c[ôo]t[ée]|environs|alentours"
    r"|à\s+\d+\s*(?:km|min))\b)[^()]*\)",
    re.I,
)
_AREA_AND_LIST = re.compile(r"^\s*(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
_NAMED_IN_PARENTHESES = re.compile(r"\(([^()\d]{3,40})\)")


def _names_a_country(piece: str) -> bool:
    key = name_key(piece)
    return (key in COUNTRIES and len(key) > 2) or key in _territory_names()


def _without_nearby(text: str) -> str:
    """`text` without the places it says are only near ("Luxembourg (frontalier, proche
    Thionville)" is Luxembourg), unless nothing else is left."""
    rest = _NEARBY.sub("", text)
    return rest if _LETTER.search(rest) else text


def _named_departement_as_code(text: str) -> str:
    """A département's name in parentheses written as its number, as a code would be: "Vienne
    (Isère)" is "Vienne (38)", the commune of the Isère (names from the COG referential)."""

    def as_code(match: re.Match[str]) -> str:
        code = _index().departements_by_key.get(name_key(match[1]))
        return f"({code})" if code else match[0]

    return _NAMED_IN_PARENTHESES.sub(as_code, text) if "(" in text else text


@lru_cache(maxsize=4096)
def _resolve_list(
    text: str | None,
    city: str | None,
    postal_code: str | None,
    region: str | None,
    country: str | None,
) -> tuple[Place, ...]:
    """Every place a text lists (see `resolve_places`); memoized."""
    if text:
        text = _AREA_LEAD.sub("", _without_nearby(_named_departement_as_code(text)))
        inner = _AREA_AND_LIST.match(text)
        if inner and _LIST_SEPARATORS.search(inner["inner"]):  # "Bretagne (Rennes, Brest)"
            outer = _resolve_one(inner["outer"], None, None, None, None)
            if outer.match in (PlaceMatch.DEPARTEMENT, PlaceMatch.REGION, PlaceMatch.COUNTRY):
                text = inner["inner"]
    whole = _resolve_one(text, city, postal_code, region, country)
    if not text or whole.match == PlaceMatch.REMOTE:
        return (whole,)
    if whole.commune_name and re.search(r" (?:ET|OU) ", name_key(whole.commune_name)):
        return (whole,)  # "ST JEAN ET ST PAUL" is one commune
    if _is_one_name(text):
        return (whole,)  # "Indre et Loire", "Provence Alpes Côte d'Azur" is one place
    pieces = [collapse(piece) for piece in _LIST_SEPARATORS.split(text[:MAX_TEXT_CHARS])]
    pieces = [piece for piece in pieces if piece]
    if len(pieces) < 2:
        return (whole,)
    fields = ", ".join(part for part in (city, postal_code, region, country) if part)
    places: list[Place] = []
    for number, piece in enumerate(pieces):
        if not _LETTER.search(piece) or not _names_a_place(piece):
            continue  # a code alone, an address line: clues to the places beside them
        place = _resolve_one(piece, None, None, None, None)
        if place.match == PlaceMatch.REMOTE:
            return (whole,)  # "Paris, télétravail": the remote work is said of the place
        if place.match in (PlaceMatch.UNKNOWN, PlaceMatch.MISSING):
            continue
        others = ", ".join([*pieces[:number], *pieces[number + 1 :], fields])
        places.append(_prefer(place, others))
    communes = [p for p in places if p.match in (PlaceMatch.COMMUNE, PlaceMatch.AMBIGUOUS)]
    abroad = [p for p in places if p.match == PlaceMatch.COUNTRY and p.country_code != "FR"]
    if abroad and any(_names_a_country(piece) for piece in pieces):
        return (whole,)  # "Montréal, Canada": a town and its country, not a list
    listed = communes + abroad if communes else places  # "London or Paris": both, Paris first
    kept: list[Place] = []
    seen: set[tuple[str, str | None]] = set()
    for place in listed:
        if any(_contains(place, other) for other in listed if other is not place):
            continue
        if (identity := _identity(place)) not in seen:
            seen.add(identity)
            kept.append(place)
    if len(kept) < 2:
        return (whole,)
    return tuple(kept[:MAX_PLACES])


def resolve_places(
    text: str | None = None,
    *,
    city: str | None = None,
    postal_code: str | None = None,
    region: str | None = None,
    country: str | None = None,
    context: str | None = None,
) -> list[Place]:
    """Every place `text` lists, in the order written: "Bordeaux ou Toulouse", "Paris, Lyon et
    Nantes", "Lille / Roubaix", "Bordeaux (33) / Mérignac" give two or three places; a text naming
    one place ("Lyon, Auvergne-Rhône-Alpes, France", "12 rue X, 69002 Lyon") gives one.

    Each place is read as `resolve_place` reads one; the other places of the list and the
    separate fields help tell namesakes apart. Never empty: a missing text gives one `missing`
    place. At most MAX_PLACES places.
    """
    if text and "(" in text:
        text = write_out_districts(text)
    places = _resolve_list(
        text[:MAX_TEXT_CHARS] if text else text, city, postal_code, region, country
    )
    return [_town_or_departement(_prefer(place, context), context).model_copy() for place in places]


def write_out_districts(text: str) -> str:
    """`text` with its arrondissements in parentheses written after the city: "Paris (15e)" →
    "Paris 15e", "Lyon (3ème arr.)" → "Lyon 3e"; "Paris (75)", "Marseille (13)" stay."""
    return _DISTRICT_IN_PARENTHESES.sub(_district_written_out, text)


def _district_written_out(match: re.Match[str]) -> str:
    """ "Paris (15e)" as "Paris 15e"; "Paris (75)" and "Marseille (13)", the département's
    number, stay."""
    bare = not (match[3] or match[4])
    if int(match[2]) > MAX_DISTRICT_NUMBER or (bare and match[2] == "13"):
        return match[0]
    return f"{match[1]} {match[2]}e"


MAX_DISTRICT_NUMBER = 20
"""Paris has 20 arrondissements, Marseille 16, Lyon 9."""


def _town_or_departement(place: Place, context: str | None) -> Place:
    """A town read from a name that is also a département's ("Vienne"), read again as the
    département when the context points at it rather than at the town's own département (a
    "(86)", a 86xxx postal code, the région's name: `_context_scores`)."""
    if (
        not context
        or place.match != PlaceMatch.COMMUNE
        or place.confidence != TOWN_OR_DEPARTEMENT_CONFIDENCE
        or not (departement := departement_a_town_is_named_after(place.text or ""))
    ):
        return place
    town = _context_departement_score(place.departement_code or "", context)
    named = _context_departement_score(departement, context)
    if named > town:
        return resolve_place(f"{place.text} (département)")
    if town > named:
        return place.model_copy(update={"confidence": CONTEXT_CONFIDENCE})
    return place


def _context_departement_score(departement: str, context: str) -> int:
    """How strongly the context points at a département (see `_context_scores`)."""
    context = context[:MAX_CONTEXT_CHARS]
    regions, departements = _named_in(f" {name_key(context)} ")
    postal = set().union(*(_postal_departements(p) for p in _POSTAL_CODE.findall(context)))
    written = {
        code for found in _PARENTHESIS_CODE.findall(context) for code in departement_codes(found)
    }
    region = referentials.departements()[departement].region_code
    return (
        2 * (departement in postal)
        + 2 * (departement in written)
        + 2 * (departement in departements)
        + (region in regions)
    )


def resolve_place(
    text: str | None = None,
    *,
    city: str | None = None,
    postal_code: str | None = None,
    region: str | None = None,
    country: str | None = None,
    context: str | None = None,
) -> Place:
    """Recognise the place that `text` (and the separate fields, when given) describe; when the
    text lists several, the first one (`resolve_places` gives them all).

    A commune (an arrondissement of Paris, Lyon or Marseille when the text names one; a commune
    nouvelle when the text gives the former name of one of its communes déléguées) is matched with
    the help of every clue written: postal code (CEDEX ones too), département code or name,
    région, country. Namesakes ("Valence", "Saint-Priest") that these clues do not tell apart are
    told apart by `context` (other text of the offer, the company's address: a postal code, a
    "(26)", a département's or région's name), else the most populous commune (INSEE populations
    légales 2021) is taken with a confidence below 0.7 and the namesakes listed as `candidates`.
    A town renamed or merged into a compound name is a namesake of the villages of its old name
    ("Evry": Évry-Courcouronnes among Évry, Yonne; see `_with_longer_namesakes`). Corsica's old
    département number 20 (and postal codes 20xxx) agrees with 2A and 2B communes. A named area of
    several communes (AREAS: "La Défense", "Marne-la-Vallée", "La Plagne") is `ambiguous` with
    its communes as candidates, in their département when they share one; a ski resort or a
    lieu-dit of one commune (LOCALITIES: "Val Thorens", "Courchevel 1850") is that commune. A
    name that is no commune but holds communes' names is none of them unless they lie in one
    département (see `_name_of_its_own`), and a département its words name after "en"
    ("Bellevue-en-Yvelines") is its place: these, and a commune read beside other proper names
    ("Lyon Part-Dieu"), have PARTIAL_CONFIDENCE. Otherwise the place
    is a département ("Rhône", "Région lyonnaise"), a région ("Grand Paris"), a country, a zone
    ("EMEA"), `remote` work (with the zone or country it is open to: "Remote - EU"), a country
    when the text is a foreign address ("Allen, TX 75013", "London EC1A 1BB", "Genève 1201": see
    `_without_foreign_codes`), or `unknown`. A name no commune bears that begins a few communes'
    names is the most populous of them at a confidence of at most PARTIAL_CONFIDENCE ("Boulogne",
    see `_town_called_short_loosely`). `label` follows
    France Travail's wording ("69 - LYON 04"); `confidence` is 1 when the text names one place.
    """
    return resolve_places(
        text, city=city, postal_code=postal_code, region=region, country=country, context=context
    )[0]
