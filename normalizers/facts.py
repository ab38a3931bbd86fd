"""Each fact from its structured field or else from the offer's words; both kept if they differ.

A readable structured field wins. When it is missing, empty or unreadable (a place that is no
commune, pay without figures, a contract naming no type), the snippets `read_text_facts` found
in the title and description are read by the same normalizers; the source's registered defaults
come last. Every fact records where it was read (`FactSource`), and a labelled line or a title
that says something else than the structured field is kept as a `Disagreement`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache

from normalizers import referentials
from normalizers.contracts import (
    TYPE_LABELS,
    default_fits,
    internship_length,
    names_internship,
    parse_contract,
    period_length,
    states_working_time,
    type_by_default,
)
from normalizers.dates import PARIS
from normalizers.experience import parse_experience
from normalizers.places import (
    CONTEXT_CONFIDENCE,
    departement_a_town_is_named_after,
    departement_codes,
    distinct_places,
    names_a_foreign_place,
    names_a_locality,
    region_named,
    resolve_place,
    resolve_places,
)
from normalizers.rome_vocabulary import SYNONYMS
from normalizers.salary import parse_salary, states_a_piece_rate
from normalizers.start_date import parse_start_date, read_start_date
from normalizers.text import fold, name_key
from normalizers.text_facts import (
    COMPANY_PLACE_CONFIDENCE,
    LABEL_CONFIDENCE,
    SCALE_PAY,
    SENTENCE_CONFIDENCE,
    TITLE_CONFIDENCE,
    FactKind,
    TextFact,
    TextFacts,
    contract_type_clauses,
    contract_type_words,
    employer_places,
    names_only_a_contract,
    names_temporary_work,
    states_an_amount,
)
from schemas import (
    Contract,
    Place,
    PlaceMatch,
    Salary,
    SalaryPeriod,
    SourceDefaults,
    SourceOffer,
    StartDate,
)
from schemas.offers import (
    Disagreement,
    Experience,
    FactName,
    FactOrigin,
    FactSource,
    RemoteMode,
    RemoteWork,
)

FIELD_CONFIDENCE = 1.0
AMBIGUOUS_CONFIDENCE = 0.5
"""A place that fits several communes, none of them chosen by the text."""
DEFAULT_CONFIDENCE = 0.5
"""A source's registered default says where or how the company usually hires, not this offer."""
DESCRIPTION_FALLBACK_CONFIDENCE = 0.6
"""The older whole-description readings (a contract or experience stated somewhere in it)."""
DISAGREEMENT_CONFIDENCE = 0.8
"""Only snippets at least this sure (labelled lines, the title) can contradict a field."""
SALARY_TOLERANCE = 0.01

SNIPPET_CACHE_SIZE = 4096
"""Snippets repeat from one offer of a source to the next ("Lieu : Annecy", "CDI"): their
readings (frozen models) are kept for the next offer."""


@lru_cache(maxsize=SNIPPET_CACHE_SIZE)
def _place_of(text: str) -> Place:
    return resolve_place(text)


@lru_cache(maxsize=SNIPPET_CACHE_SIZE)
def _other_places_of(text: str) -> tuple[Place, ...]:
    """The places a snippet lists after its first ("Lieu : Bordeaux ou Toulouse")."""
    return tuple(resolve_places(text)[1:])


@lru_cache(maxsize=SNIPPET_CACHE_SIZE)
def _contract_of(text: str, working_time: str | None = None) -> Contract:
    return parse_contract(text, working_time=working_time)


@lru_cache(maxsize=SNIPPET_CACHE_SIZE)
def _salary_of(text: str) -> Salary | None:
    return parse_salary(text)


_FOUND_PLACES = frozenset({PlaceMatch.COMMUNE, PlaceMatch.AMBIGUOUS})
_COARSE_PLACES = frozenset({PlaceMatch.DEPARTEMENT, PlaceMatch.REGION, PlaceMatch.COUNTRY})


@dataclass
class ReadFacts:
    """The facts of one offer, where each was read, and the disagreements found."""

    place: Place = field(default_factory=Place)
    other_places: list[Place] = field(default_factory=list)
    contract: Contract = field(default_factory=Contract)
    salary: Salary | None = None
    experience: Experience = field(default_factory=Experience)
    start: StartDate | None = None
    sources: dict[FactName, FactSource] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)

    def record(
        self,
        name: FactName,
        origin: FactOrigin,
        confidence: float,
        text: str | None,
        field: str | None = None,
    ) -> None:
        """Keep where fact `name` was read: `text` the words read (a field's value as written),
        `field` the `SourceOffer` field read ("place", "salary"); a field snippet without one
        is a category (`category_facts`)."""
        if origin == FactOrigin.FIELD and field is None and text:
            field = "category"
        if text and origin in (FactOrigin.TITLE, FactOrigin.DESCRIPTION):
            text = excerpt(name, text)
        self.sources[name] = FactSource(
            origin=origin, confidence=round(confidence, 2), text=text, field=field
        )

    def disagree(
        self, name: FactName, field_value: str, fact: TextFact, kept: str = "field"
    ) -> None:
        """Keep that the field says `field_value` and snippet `fact` another thing; `kept`
        says which one the offer holds ("field", or "text" when the field says too little)."""
        self.disagreements.append(
            Disagreement(
                fact=name,
                field_value=field_value,
                text_value=fact.text,
                text_origin=FactOrigin(fact.origin),
                kept="text" if kept == "text" else "field",
            )
        )


# Markup a broken feed left in the text once its brackets were lost: "Besançon (25000)./p",
# "35 h./ppSalaire", "gross/year.nbsp;Start" (tags right after a sentence's end, entities).
_TAG_DEBRIS = re.compile(
    r"(?:^|(?<=[.!?;:)]))(?:/?(?:p|br|li|ul|ol|div|span|strong|em|b|i)\b/?)+(?=[A-ZÀ-Ý]|\s|$)"
    r"|(?:^|(?<=[.!?;:)]))(?:/?(?:p|br|li|ul|ol|div|span|strong|em|b|i)/?)+(?=[A-ZÀ-Ý])"
    r"|(?<![\w&])(?:nbsp|amp|quot|apos|lt|gt);"
)
_SPACES = re.compile(r" {2,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_STARTS_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def _states(name: FactName, sentence: str) -> bool:
    """Whether `sentence` states fact `name` by itself (the parsers' reading, cached)."""
    if name == "place":
        return _place_of(sentence).match in _FOUND_PLACES
    if name == "contract":
        return _contract_of(sentence).type_contrat is not None or names_internship(sentence)
    if name == "working_time":
        return states_working_time(sentence)
    if name == "salary":
        return _has_figures(_salary_of(sentence)) or _names_a_pay_without_figures(sentence)
    if name == "experience":
        return parse_experience(sentence).requirement is not None
    if name == "start":
        return read_start_date(sentence, now=_STARTS_DATE) is not None
    return False


def excerpt(name: FactName, text: str) -> str:
    """The words fact `name` was read in, as quoted to a person: `text` without the markup
    a broken feed left in it (`_TAG_DEBRIS`), and, when it runs over several sentences, only
    the first sentence that states the fact by itself (`_states`); `text` whole otherwise.
    "Horaires en 2x8. 12,10 € de l'heure." → "12,10 € de l'heure." for the pay."""
    cleaned = _SPACES.sub(" ", _TAG_DEBRIS.sub(" ", html.unescape(text))).strip() or text
    sentences = _SENTENCE_END.split(cleaned)
    if len(sentences) > 1:
        for sentence in sentences:
            if _states(name, sentence):
                return sentence
    return cleaned


def _origin(fact: TextFact) -> FactOrigin:
    return FactOrigin(fact.origin)


CATEGORY_CONFIDENCE = 0.75
"""A source's category ("CDI", "Temps plein", "Bordeaux"): a field, but not one made for the
fact, so below a labelled line (0.9) and the title (0.8), above a sentence (0.7)."""
_CATEGORY_SEPARATORS = re.compile(r"\s*[,;|]\s*|\s+/\s+")
_WORD_OF = re.compile(r"[^\W\d_]{3,}")


@cache
def _trade_words() -> frozenset[str]:
    """Words of the trades and sectors France Travail names (ROME grands domaines, domaines and
    métiers, in capitals with their accents: "Maçon" is a trade, "Mâcon" a place) and of the
    English job words Relais reads (`rome_vocabulary.SYNONYMS`): a category made only of them
    is a sector, not a place ("Hôtellerie", "Sales" are communes too)."""
    labels = [d.label for d in referentials.rome_grands_domaines().values()]
    labels += [d.label for d in referentials.rome_domaines().values()]
    labels += [m.label for m in referentials.rome_metiers().values()]
    labels += list(SYNONYMS) + list(SYNONYMS.values())
    return frozenset(word for label in labels for word in _WORD_OF.findall(label.upper()))


def category_facts(category: str | None) -> tuple[TextFact, ...]:
    """The facts a source's categories state (`SourceOffer.category`, RSS `<category>`
    values joined with ", "), at `CATEGORY_CONFIDENCE`: a contract ("CDI", "Stage",
    "Intérim") or a working time ("Temps plein", "35h") when the category is made only of a
    contract's words, else a place ("Bordeaux", "Pau (64)", "Gironde") when `resolve_place`
    reads it surely and its words are not a sector's or a trade's (`_trade_words`). Sectors
    ("Activités des agences de travail temporaire") give nothing; nor does no category."""
    facts = []
    for term in dict.fromkeys(_CATEGORY_SEPARATORS.split(category or "")):
        term = term.strip()
        if not term or len(term) > MAX_CATEGORY_CHARS:
            continue
        if not names_only_a_contract(term):
            sector = all(word in _trade_words() for word in _WORD_OF.findall(term.upper()))
            place = _place_of(term)
            if sector or (place.confidence or 0) < CONTEXT_CONFIDENCE:
                continue
            kind = FactKind.PLACE
        elif _contract_of(term).type_contrat or names_internship(term):
            kind = FactKind.CONTRACT
        elif states_working_time(term):
            kind = FactKind.WORKING_TIME
        else:
            continue
        facts.append(TextFact(kind, term, "field", CATEGORY_CONFIDENCE))
    return tuple(facts)


MAX_CATEGORY_CHARS = 80


# Places ---------------------------------------------------------------------------------------


_CODE = re.compile(r"\b(?:\d{5}|\d{2}|2A|2B|97\d)\b")
# A name of several words joined by hyphens, each a proper name or a small word of names.
_COMPOUND_NAME = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][\w'’]+(?:-(?:[A-ZÀ-ÖØ-Þ][\w'’]+|(?:sur|sous|en|lès|lez|les|le|la|de|du|des"
    r"|aux|d['’]\w+|l['’]\w+)))+$"
)
_ALTITUDE = re.compile(r" \d{4}$")  # a resort's altitude: "Courchevel 1850"
_DISTRICT_NAME = re.compile(
    r"^(PARIS|LYON|MARSEILLE) \d{1,2}(?: ?(?:E|ER|EME|ST|ND|RD|TH|ARR\w*|DISTRICT))*$"
)  # "Paris 8e", "Paris 8th"


# Between the places a title lists: "Metz ou Nancy", "Lyon / Villeurbanne", "Lille, Roubaix".
_TITLE_LIST = re.compile(r"\s+(?:ou|et|or|and|&)\s+|\s*[,/+]\s*", re.I)


def _names_itself(segment: str, place: Place) -> bool:
    """Whether a title segment without a code is the place's own name, not a word that is also
    a commune somewhere ("Hôtellerie", "Loge", "Chargé"). A segment listing places ("Metz ou
    Nancy") names itself when each piece is the name of the place read from it."""
    if _CODE.search(segment):
        return True
    pieces = [piece for piece in _TITLE_LIST.split(segment) if piece.strip()]
    if len(pieces) > 1 and len(listed := resolve_places(segment)) == len(pieces):
        return all(  # "Ille Et Vilaine" is one name, read below
            _names_itself(piece, piece_place)
            for piece, piece_place in zip(pieces, listed, strict=True)
        )
    key = name_key(segment)
    if place.match == PlaceMatch.COMMUNE:
        name = name_key(place.commune_name or "")
        return (
            key == name
            or bool(_DISTRICT_NAME.match(key))
            or bool(_COMPOUND_NAME.match(segment))  # a former commune: "Cherbourg-Octeville"
            or (bool(place.candidates) and name.startswith(key + " "))  # "Évry": a namesake
            or (  # a town called short: "Thonon", "St Julien en Gen."
                (place.confidence or 1.0) < 1.0 and len(key) >= 4 and name.startswith(key)
            )
            or names_a_locality(segment)  # "Val Thorens", "Courchevel 1850"
            or (bool(_ALTITUDE.search(segment)) and name == _ALTITUDE.sub("", key))
        )
    if place.match == PlaceMatch.DEPARTEMENT:  # "Haute-Garonne", "Garonne (Haute)"
        if (place.confidence or 0) < 1 and _COMPOUND_NAME.match(segment):
            return True  # "Cergy-Pontoise": a name of its own, in one département
        name = name_key(place.departement_name or "")
        without_article = re.sub(r"^(?:LA|LE|LES|L) ", "", name)  # "Réunion" for La Réunion
        return key == without_article or sorted(key.split()) == sorted(name.split())
    if place.match == PlaceMatch.REGION:  # "Réunion" for La Réunion, "Midi-Pyrénées", "PACA"
        name = name_key(place.region_name or "")
        return key in (name, re.sub(r"^(?:LA|LE|LES|L) ", "", name)) or (
            region_named(segment) == place.region_code
        )
    if place.match == PlaceMatch.REMOTE:
        return True  # the title's segment was already read as remote work
    if place.match == PlaceMatch.COUNTRY:  # "Serveur - Monaco", "Vendeur - Genève (Suisse)"
        return names_a_foreign_place(segment)
    return place.match == PlaceMatch.AMBIGUOUS and segment[:1].isupper()


def _text_places(facts: TextFacts, minimum: float = 0.0) -> list[tuple[TextFact, Place]]:
    """The snippets that read as a commune (or a coarser place), most trustworthy first."""
    found = []
    for fact in facts.of(FactKind.PLACE, minimum):
        place = _place_of(fact.text)
        if (fact.origin == "title" or fact.headline) and not _names_itself(fact.text, place):
            continue
        remote = place.match == PlaceMatch.REMOTE and (  # "– Remote - EU", "Lieu : Remote"
            fact.origin == "title" or fact.confidence >= LABEL_CONFIDENCE
        )
        if place.match in _FOUND_PLACES or place.match in _COARSE_PLACES or remote:
            found.append((fact, place))
    return found


# How much a snippet is worth as evidence of the workplace, by where it is written and whether
# it gives a postal code or a département number that fits the place: the title's tail with a
# code, then labelled lines, the bare title, sentences. A code tells a namesake apart and is what
# people write beside the workplace ("Vallières-sur-Fier (74)"), so it outranks a bare name of
# the same kind of snippet.
_EVIDENCE = {
    ("title", True): 3.0,
    ("description", True): 2.5,  # a labelled line with a code
    ("description", False): 2.0,
    ("title", False): 1.8,
    ("field", True): 1.7,  # a category ("Pau (64)", "Bordeaux"): below the title, above sentences
    ("field", False): 1.6,
}
_SENTENCE_EVIDENCE = {True: 1.5, False: 1.0}
NAMESAKE_PENALTY = 0.6
"""A commune chosen among namesakes by population alone, or read from some words of a longer
name ("Parc d'activités de Courtabœuf"), is weaker than one the text names."""
VAGUE_PENALTY = 1.5
"""A place said to be only near ("périphérie d'Annecy", "secteur Nord Isère") or one of a
long list of towns ("Douvaine, Loisin, Veigy, Sciez…") is weaker than a single place."""
AMBIGUOUS_PENALTY = 0.5
COMPANY_PLACE_PENALTY = 0.6
"""A sentence placing the company ("siège social situé à Lyon") rather than the job."""
UNCUED_PENALTY = 0.3
"""A sentence naming a place and its code with no word saying it is the job's weighs less than
one that does ("poste basé à 49300 Cholet"), more than a bare name."""
BARE_TITLE_CONFIDENCE = 0.7
"""At most this confidence for a commune read from a bare name in the title alone: a brand
("Orange", "Lacoste") is written the same way."""
AGREEMENT_BONUS = 0.2
"""Each further snippet naming the same place (or listing it), up to MAX_AGREEMENT of them."""
MAX_AGREEMENT = 2
LONG_LIST = 3
"""A snippet listing at least this many places describes an area, not the workplace."""
_VAGUE = re.compile(
    r"\b(?:PERIPHERIE|PROCHE|PRES|ENVIRONS|ALENTOURS|AUTOUR|SECTEUR|AGGLOMERATION|AGGLO"
    r"|BASSIN|TOUT LE|TOUTE LA|TOUS LES|NEAR|AROUND|AREA)\b"
)
_POSTAL = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_DEPARTEMENT_NUMBER = re.compile(r"(?<![\w])(\d{2}|2A|2B|97\d)(?![\w])")


def _coded(text: str, place: Place) -> bool:
    """Whether the snippet writes a postal code or a département number that fits `place`
    ("Vallières-sur-Fier - 74", "74150 Vallières", "Annecy (74)")."""
    departement = place.departement_code
    if not departement or place.match not in _FOUND_PLACES:
        return False  # "CDD de 12 mois" writes no département, "Isère (38)" no more than "Isère"
    for postal in _POSTAL.findall(text):
        if departement in departement_codes(postal[:2]) or postal.startswith(departement[:2]):
            return True
        if postal == place.postal_code:
            return True
    without_postal = _POSTAL.sub(" ", text)
    return any(
        departement in departement_codes(code)
        for code in _DEPARTEMENT_NUMBER.findall(without_postal.upper())
    )


def _evidence(fact: TextFact, place: Place) -> float:
    """How much `fact` is worth as evidence of the workplace (see `_EVIDENCE`)."""
    coded = _coded(fact.text, place)
    if fact.confidence <= SENTENCE_CONFIDENCE:
        worth = _SENTENCE_EVIDENCE[coded]
    else:
        worth = _EVIDENCE[(fact.origin, coded)]
    if place.match == PlaceMatch.COMMUNE and not coded:
        if (place.confidence or 0) < CONTEXT_CONFIDENCE:
            worth -= NAMESAKE_PENALTY  # namesakes, or a commune read from part of a name
    if place.match == PlaceMatch.AMBIGUOUS:
        worth -= AMBIGUOUS_PENALTY
    if fact.confidence <= COMPANY_PLACE_CONFIDENCE:
        worth -= COMPANY_PLACE_PENALTY  # the head office, where the company was founded
    elif fact.confidence < SENTENCE_CONFIDENCE:
        worth -= UNCUED_PENALTY  # a name and its code after a bare "à": not said to be the job's
    if _VAGUE.search(name_key(fact.text)) or len(_other_places_of(fact.text)) + 1 >= LONG_LIST:
        worth -= VAGUE_PENALTY
    return worth


def _group(place: Place) -> tuple[str, str | None]:
    """What two snippets must share to name the same place (a city and its arrondissement do)."""
    if place.match == PlaceMatch.COMMUNE:
        return "commune", _parent_commune(place.insee_code)
    if place.match == PlaceMatch.AMBIGUOUS:
        return "ambiguous", ",".join(place.candidates)
    return place.match.value, place.departement_code or place.region_code or place.country_code


def _agreeing(
    places: list[tuple[TextFact, Place]], context: str | None
) -> list[tuple[TextFact, Place]]:
    """The snippets' places, each made to agree with the others where its words allow it.

    A commune chosen among namesakes by population is the namesake another snippet names
    ("Valence" and "Valence (16)"), else the one the offer's other words point at (`context`).
    A bare name that begins the name of a commune another snippet names is that commune
    ("Vallières" beside "Vallières-sur-Fier (74)", "(EPAGNY)" beside "Epagny Metz-Tessy - 74"):
    people shorten the names of merged and compound communes.
    """
    named = {
        place.insee_code: place
        for _, place in places
        if place.match == PlaceMatch.COMMUNE and place.insee_code and not place.candidates
    }
    keys = {insee: name_key(place.commune_name or "") for insee, place in named.items()}
    agreed = []
    for fact, place in places:
        place = _town_or_its_departement(fact, place, places)
        if place.match == PlaceMatch.COMMUNE and not _coded(fact.text, place):
            key = name_key(fact.text)
            longer = [
                insee
                for insee, name in keys.items()
                if insee != place.insee_code and len(key) >= 3 and name.startswith(key + " ")
            ]
            shared = [insee for insee in place.candidates if insee in named]
            if len(shared) == 1 and shared[0] != place.insee_code:
                place = named[shared[0]].model_copy(update={"text": place.text})
            elif len(longer) == 1:
                place = named[longer[0]].model_copy(update={"text": place.text})
            elif place.candidates and (place.confidence or 0) < CONTEXT_CONFIDENCE and context:
                place = resolve_place(fact.text, context=context)
        elif place.match == PlaceMatch.AMBIGUOUS and not place.departement_code and context:
            place = resolve_place(fact.text, context=context)  # "Les Arcs": Var or Savoie
        agreed.append((fact, place))
    return agreed


def _town_or_its_departement(
    fact: TextFact, place: Place, places: list[tuple[TextFact, Place]]
) -> Place:
    """A town read from a name that is also a département's ("Vienne": the town of Isère), read
    as the département when the other snippets place the job there and not in the town's own
    département ("Technicien - Vienne" and "Poste proche de Poitiers")."""
    if place.match != PlaceMatch.COMMUNE or (place.confidence or 1.0) >= CONTEXT_CONFIDENCE:
        return place
    departement = departement_a_town_is_named_after(fact.text)
    if departement is None or departement == place.departement_code:
        return place
    others = {
        other.departement_code
        for other_fact, other in places
        if other_fact is not fact and other.match in (*_FOUND_PLACES, *_COARSE_PLACES)
    }
    if departement in others and place.departement_code not in others:
        return resolve_place(f"{fact.text} (département)")
    return place


def _bare_title_name(fact: TextFact, place: Place) -> bool:
    """Whether a title snippet is a commune's bare name, without a code or a preposition: it
    may as well be a brand ("Vendeur H/F - Orange", "Ingénieur - Saint-Gobain")."""
    return (
        fact.origin == "title"
        and fact.confidence <= TITLE_CONFIDENCE  # not "… à Pessac", "… sur Lyon"
        and place.match == PlaceMatch.COMMUNE
        and not _coded(fact.text, place)
        and name_key(fact.text) == name_key(place.commune_name or "")
    )


def _brand_penalty(
    fact: TextFact,
    place: Place,
    places: list[tuple[TextFact, Place]],
    company: str | None,
    description: str,
) -> float:
    """How much less a bare title name is worth: nothing left (BRAND, the snippet is not read)
    when it is the company's name ("Vendeur - Lacoste", company "Lacoste") or when the
    description writes that name as an employer's ("Lacoste recrute", "chez Lacoste", "la marque
    Orange") and places the job nowhere else nor there."""
    if not _bare_title_name(fact, place):
        return 0.0
    if company and name_key(company) in (name_key(fact.text), name_key(place.commune_name or "")):
        return BRAND
    described = [other for other_fact, other in places if other_fact.origin == "description"]
    if any(_within(other, place) or _within(place, other) for other in described):
        return 0.0  # the description places the job there too
    return BRAND if _written_as_employer(fact.text.strip(), description) else 0.0


BRAND = float("inf")
"""A bare title name that is a brand's, not a place: worth nothing."""
_AFTER_A_PREPOSITION = re.compile(r"(?:\b(?:de|du|des|à|en|sur|d['’])\s*)$", re.I)


def _written_as_employer(name: str, description: str) -> bool:
    """Whether `description` writes `name` as a company's or a brand's: "chez Lacoste", "la
    marque Lacoste", "Orange recrute", "Orange, leader des télécoms"; not "la Ville de Lyon
    recrute" (a place's name after "de" is the place)."""
    escaped = re.escape(name)
    if re.search(
        rf"(?i:\b(?:chez|groupe|soci[ée]t[ée]|enseigne|marque|rejoindre|rejoignez|entreprise))"
        rf"\s+{escaped}(?![\w-])",
        description,
    ):
        return True
    for found in re.finditer(
        rf"(?<![\w-]){escaped},?\s+(?i:recrute|recherche|propose|conçoit|fabrique|distribue"
        r"|accompagne|est\s+(?:un|une|le|la|leader|l['’])|leader|numéro|n°|spécialiste)\b",
        description,
    ):
        if not _AFTER_A_PREPOSITION.search(description, max(0, found.start() - 12), found.start()):
            return True
    return False


def _best_text_place(
    places: list[tuple[TextFact, Place]],
    context: str | None = None,
    company: str | None = None,
    description: str = "",
) -> tuple[TextFact, Place] | None:
    """The snippet that best says where the work is, with its place.

    Each snippet is worth its `_evidence`, plus AGREEMENT_BONUS for each other snippet naming or
    listing the same place. A commune (or an area of communes) wins over a département, a région
    or remote work unless that coarser place is better evidenced and does not contain it (a
    labelled "Val-d'Oise" against "Montpellier" in a sentence).
    """
    if not places:
        return None
    places = _agreeing(places, context)
    scores: dict[tuple[str, str | None], float] = {}
    best_of: dict[tuple[str, str | None], tuple[TextFact, Place]] = {}
    for fact, place in places:
        group = _group(place)
        worth = _evidence(fact, place) - _brand_penalty(fact, place, places, company, description)
        if worth == -BRAND:
            continue  # a brand's name, no place
        if group not in scores or worth > scores[group]:
            scores[group] = worth
            best_of[group] = (fact, place)
    for group in list(scores):
        agreeing = sum(
            1
            for fact, place in places
            if best_of[group][0] is not fact
            and (
                _group(place) == group
                or any(_group(other) == group for other in _other_places_of(fact.text))
            )
        )
        scores[group] += AGREEMENT_BONUS * min(agreeing, MAX_AGREEMENT)
    order = list(best_of)  # in the snippets' order, so that ties keep the first written

    def strongest(kinds: tuple[PlaceMatch, ...]) -> tuple[TextFact, Place] | None:
        fitting = [group for group in order if best_of[group][1].match in kinds]
        if not fitting:
            return None
        top = max(fitting, key=lambda group: scores[group])
        return best_of[top]

    found = strongest((PlaceMatch.COMMUNE, PlaceMatch.AMBIGUOUS))
    coarse = None
    for wanted in (
        PlaceMatch.DEPARTEMENT,
        PlaceMatch.REGION,
        PlaceMatch.COUNTRY,
        PlaceMatch.REMOTE,
    ):
        if coarse := strongest((wanted,)):
            break
    if found is None:
        return coarse
    if coarse is not None and coarse[1].match != PlaceMatch.REMOTE:
        if scores[_group(coarse[1])] > scores[_group(found[1])] and not _within(
            found[1], coarse[1]
        ):
            return coarse
    return _most_precise(*found, places)


def _most_precise(
    fact: TextFact, place: Place, places: list[tuple[TextFact, Place]]
) -> tuple[TextFact, Place]:
    """An arrondissement the text names besides its city ("Lyon", then "Lyon 4e"): the text
    says both, the finer one says more."""
    for other_fact, other in places:
        if (
            other.match == PlaceMatch.COMMUNE
            and other.insee_code != place.insee_code
            and _parent_commune(other.insee_code) == place.insee_code
        ):
            return other_fact, other
    return fact, place


def _parent_commune(insee: str | None) -> str | None:
    """The whole city of an arrondissement (Lyon 3e → Lyon), else the commune itself."""
    if insee and insee.startswith("751"):
        return "75056"
    if insee and insee.startswith("6938"):
        return "69123"
    if insee and insee.startswith("132") and insee[3:].isdigit() and int(insee[3:]) <= 16:
        return "13055"
    return insee


def _within(text_place: Place, place: Place) -> bool:
    """Whether `text_place` lies inside or equals `place` (a commune, a département, a région)."""
    if place.match == PlaceMatch.COMMUNE:
        if text_place.match == PlaceMatch.COMMUNE:
            return _parent_commune(text_place.insee_code) == _parent_commune(place.insee_code)
        if text_place.match == PlaceMatch.AMBIGUOUS:
            return place.insee_code in text_place.candidates
        return text_place.departement_code in (None, place.departement_code)
    if place.match == PlaceMatch.AMBIGUOUS:
        return text_place.insee_code in place.candidates or bool(
            set(text_place.candidates) & set(place.candidates)
        )
    if place.match == PlaceMatch.DEPARTEMENT:
        return text_place.departement_code == place.departement_code
    if place.match == PlaceMatch.REGION:
        return text_place.region_code == place.region_code
    if place.match == PlaceMatch.COUNTRY:
        return text_place.country_code in (None, place.country_code)
    return False


def _place_value(place: Place) -> str:
    return place.label or place.text or place.match.value


def choose_place(
    item: SourceOffer,
    defaults: SourceDefaults,
    remote: RemoteWork,
    facts: TextFacts,
    read: ReadFacts,
    context: str | None = None,
) -> None:
    """The offer's places: the structured ones when the first names a commune, else the text's.

    `read.place` is the main place, `read.other_places` the others the fields (a list, several
    `jobLocation`s) or the chosen snippet name, without repeats. `context` (the title, the
    source's default place, the description) tells namesakes apart (`resolve_places`).
    """
    _choose_main_place(item, defaults, remote, facts, read, context)
    listed = [
        place for text in item.other_places for place in resolve_places(text, context=context)
    ]
    read.other_places = [
        place
        for place in distinct_places([read.place, *read.other_places, *listed])
        if place is not read.place
    ][:MAX_OTHER_PLACES]


MAX_OTHER_PLACES = 19
"""With the main one, at most 20 places an offer (`normalizers.places.MAX_PLACES`)."""


def _place_field(item: SourceOffer) -> tuple[str | None, str | None]:
    """The words of the place fields `item` has, each part once, and the first one's name
    ("city" for a city and a postal code): what a place read from the fields was read in."""
    names = ("place", "city", "postal_code", "region", "country")
    written = [(name, getattr(item, name)) for name in names if getattr(item, name)]
    if not written:
        listed = ", ".join(item.other_places)
        return (listed or None, "other_places" if listed else None)
    parts = (part.strip() for _, value in written for part in value.split(","))
    return (", ".join(dict.fromkeys(part for part in parts if part)), written[0][0])


def _place_sentence_disagreement(structured: Place, facts: TextFacts, read: ReadFacts) -> None:
    """A sentence that clearly says the job is elsewhere than the structured commune is kept
    as a disagreement: a sentence saying it is the job's place ("Poste basé à Marseille (13)",
    not the company's seat nor a bare "à"), naming one commune with a postal code or a
    département number that fits it, not near it only ("secteur", "environs"), and the only
    place such sentences name."""
    clear = [
        (fact, place)
        for fact, place in _text_places(facts)
        if fact.confidence == SENTENCE_CONFIDENCE
        and place.match == PlaceMatch.COMMUNE
        and _coded(fact.text, place)
        and not _VAGUE.search(name_key(fact.text))
        and not _other_places_of(fact.text)
    ]
    if not clear or any(_group(place) != _group(clear[0][1]) for _, place in clear[1:]):
        return
    if not _within(clear[0][1], structured):
        read.disagree("place", _place_value(structured), clear[0][0])


def _choose_main_place(
    item: SourceOffer,
    defaults: SourceDefaults,
    remote: RemoteWork,
    facts: TextFacts,
    read: ReadFacts,
    context: str | None,
) -> None:
    fields = any((item.place, item.city, item.postal_code, item.region, item.country))
    if fields or item.other_places:
        structured_places = (
            resolve_places(
                item.place,
                city=item.city,
                postal_code=item.postal_code,
                region=item.region,
                country=item.country,
                context=context,
            )
            if fields
            else resolve_places(item.other_places[0], context=context)  # a list, no main one
        )
        structured = structured_places[0]
        read.other_places = structured_places[1:]
        if structured.match == PlaceMatch.COMMUNE and (
            precise := _commune_inside_area(item, structured, facts)
        ):
            _take_text_place(read, *precise)  # "Bordeaux Métropole", "chantier à Mérignac"
            read.disagree("place", _place_value(structured), precise[0])
            return
        if structured.match in (PlaceMatch.COMMUNE, PlaceMatch.REMOTE):
            read.place = structured
            read.record("place", FactOrigin.FIELD, FIELD_CONFIDENCE, *_place_field(item))
            labelled = _text_places(facts, DISAGREEMENT_CONFIDENCE)
            for fact, place in labelled:
                if place.match in _FOUND_PLACES and not _within(place, structured):
                    if structured.match != PlaceMatch.REMOTE:
                        read.disagree("place", _place_value(structured), fact)
                    break
            if not labelled and structured.match == PlaceMatch.COMMUNE:
                _place_sentence_disagreement(structured, facts, read)
            return
        texts = _text_places(facts) + _employer_field_places(item)  # "Port de Sète"
        best = _best_text_place(texts, context, item.company, facts.text)
        if structured.match in (PlaceMatch.UNKNOWN, PlaceMatch.MISSING) and best:
            _take_text_place(read, *best, facts)
            return
        if best and best[1].match in _FOUND_PLACES and _within(best[1], structured):
            _take_text_place(read, *best)  # "Rhône" in the field, "Lyon 3e" in the text
            return
        read.place = structured
        confidence = (
            AMBIGUOUS_CONFIDENCE if structured.match == PlaceMatch.AMBIGUOUS else FIELD_CONFIDENCE
        )
        read.record("place", FactOrigin.FIELD, confidence, *_place_field(item))
        if best and best[0].confidence >= DISAGREEMENT_CONFIDENCE:
            if structured.match not in (PlaceMatch.UNKNOWN, PlaceMatch.MISSING):
                read.disagree("place", _place_value(structured), best[0])
        return
    minimum = DISAGREEMENT_CONFIDENCE if remote.mode == RemoteMode.FULL else 0.0
    texts = _text_places(facts, minimum)
    if not minimum:
        texts += _employer_field_places(item)  # company "Mairie de Cayenne"
    best = _best_text_place(texts, context, item.company, facts.text)
    if best:
        _take_text_place(read, *best, facts)
    elif remote.mode == RemoteMode.FULL:  # no place, and said to be remote: the place is remote
        read.place = Place(text=remote.text, match=PlaceMatch.REMOTE)
        if item.remote:
            read.record("place", FactOrigin.FIELD, 0.8, item.remote, "remote")
        else:
            read.record("place", FactOrigin.DESCRIPTION, 0.8, None)
    elif defaults.place:
        read.place, *read.other_places = resolve_places(defaults.place, context=context)
        read.record("place", FactOrigin.DEFAULT, DEFAULT_CONFIDENCE, defaults.place)


# A field naming an intercommunal area rather than a commune: "Bordeaux Métropole", "Grand
# Lyon", "Métropole Aix-Marseille", "Communauté d'agglomération du Pays Basque", "Agglo de Pau".
_INTERCOMMUNAL = re.compile(
    r"\b(?:METROPOLE|EUROMETROPOLE|COMMUNAUTE|AGGLOMERATION|AGGLO|INTERCOMMUNALITE|TERRITOIRE"
    r"|CA|CC|CU)\b|^GRAND "
)


def _commune_inside_area(
    item: SourceOffer, structured: Place, facts: TextFacts
) -> tuple[TextFact, Place] | None:
    """The precise commune the text gives when the place field names an intercommunal area
    (`_INTERCOMMUNAL`) that was read as its main city ("Bordeaux Métropole" → Bordeaux) and the
    text says the job is in another commune of that département ("chantier à Mérignac
    (33700)"): the text's commune, with its postal code or département number or in a labelled
    line or the title, said of the job (not the company's seat, not an employer's name), or
    None."""
    written = " ".join(part for part in (item.place, item.city) if part)
    key = name_key(written)
    if not key or key in referentials.communes_by_name_key() or not _INTERCOMMUNAL.search(key):
        return None
    for fact, place in _text_places(facts):
        if (
            fact.confidence > COMPANY_PLACE_CONFIDENCE
            and (_coded(fact.text, place) or fact.confidence >= TITLE_CONFIDENCE)
            and place.match == PlaceMatch.COMMUNE
            and place.departement_code == structured.departement_code
            and not _within(place, structured)
        ):
            return fact, place
    return None


def _employer_field_places(item: SourceOffer) -> list[tuple[TextFact, Place]]:
    """The towns public employers named in the company and place fields are named after
    ("Mairie de Cayenne", "Port de Sète": `employer_places`), as snippets of a field with the
    employer's low confidence, each read as a commune (or a coarser place)."""
    found = []
    for written in (item.company, item.place, item.city):
        for fact in employer_places(written, "field") if written else ():
            place = _place_of(fact.text)
            if place.match in _FOUND_PLACES or place.match in _COARSE_PLACES:
                found.append((fact, place))
    return found


def _take_text_place(
    read: ReadFacts, fact: TextFact, place: Place, facts: TextFacts | None = None
) -> None:
    read.place = place
    read.other_places = list(_other_places_of(fact.text))
    if fact.origin == "title" and facts is not None:
        # "Comptable - Lyon / Villeurbanne": each place the title names is kept.
        read.other_places += [
            other
            for other_fact, other in _text_places(facts, DISAGREEMENT_CONFIDENCE)
            if other_fact.origin == "title"
            and other_fact is not fact
            and other.match == PlaceMatch.COMMUNE
        ]
    confidence = fact.confidence
    if place.match == PlaceMatch.AMBIGUOUS:
        confidence = min(confidence, AMBIGUOUS_CONFIDENCE)
    elif place.candidates or (place.confidence or 1.0) < 1.0:
        confidence = min(confidence, place.confidence or confidence)  # namesakes, part of a name
    if _bare_title_name(fact, place) and (place.confidence or 1.0) > BARE_TITLE_CONFIDENCE:
        # The snippet keeps the title's confidence; the commune, maybe a brand, is less sure.
        read.place = place.model_copy(update={"confidence": BARE_TITLE_CONFIDENCE})
    read.record("place", _origin(fact), confidence, fact.text)


# Contracts ------------------------------------------------------------------------------------


def _working_time(
    item: SourceOffer, facts: TextFacts
) -> tuple[str | None, FactOrigin, float, str | None]:
    """The working time: the field when it says full or part time or hours, else the text's;
    a field that only gives a schedule ("Horaires variables") keeps its words beside the
    text's ("Horaires variables ; temps partiel")."""
    field_text = item.working_time.strip() if item.working_time else ""
    if field_text and states_working_time(field_text):
        return field_text, FactOrigin.FIELD, FIELD_CONFIDENCE, field_text
    snippets = facts.of(FactKind.WORKING_TIME)
    for fact in snippets:
        if states_working_time(fact.text):
            joined = f"{field_text} ; {fact.text}" if field_text else fact.text
            return joined, _origin(fact), fact.confidence, fact.text
    if field_text:
        return field_text, FactOrigin.FIELD, FIELD_CONFIDENCE, field_text
    for fact in snippets:  # a schedule only ("Horaires : du lundi au vendredi"): its words
        return fact.text, _origin(fact), fact.confidence, fact.text
    return None, FactOrigin.FIELD, FIELD_CONFIDENCE, None


_STATEMENT = re.compile(
    r"\b(?:à pourvoir|poste en|poste|il s['’]agit|nous (?:vous )?proposons|contrat|this is|"
    r"the position|position type|type de contrat)\b",
    re.I,
)
"""Words of a sentence that states the offer's own contract ("Poste en CDD", "Il s'agit d'un
CDI", "CDI à pourvoir"), not a company's range of contracts."""
_PROSPECT = re.compile(
    r"\b(?:prolong\w*|d[ée]bouch\w*|[ée]volu\w*|transform\w*|en vue d\w*|à terme|à l['’]issue"
    r"|pr[ée][- ]?embauche|retour vers|perspectives?|titularisation|suite|lead(?:s|ing)? to)\b",
    re.I,
)
"""Words before a contract that make it a prospect, not the contract offered ("pour se
prolonger en CDI", "possibilité d'évolution vers un CDI", "retour vers un emploi CDD")."""
_CONTRACT_NAME = re.compile(
    r"\b(?:CDI|CDD|int[ée]rim\w*|saisonni\w*|freelance|ind[ée]pendant\w*|franchise|lib[ée]ral\w*"
    r"|permanent|fixed|temporary|seasonal)\b",
    re.I,
)


def _prospect(text: str) -> bool:
    """Whether the contract `text` names is only a prospect ("… pour se prolonger en CDI")."""
    named = _CONTRACT_NAME.search(text)
    return named is not None and _PROSPECT.search(text, 0, named.start()) is not None


def _text_contracts(
    facts: TextFacts, working_time: str | None, minimum: float = 0.0
) -> list[tuple[TextFact, Contract]]:
    """The snippets that name a contract type. Sentences that name different types are a
    company's boilerplate as often as the offer's own: only those stating the offer's contract
    ("Poste en CDI", "à pourvoir") are kept then, and none when they still disagree. A sentence
    naming a prospect ("pour se prolonger en CDI") is no contract; one typed by default (a
    length, an alternance: `type_by_default`) yields to sentences naming a type it fits."""
    found = []
    sentences = []
    for fact in facts.of(FactKind.CONTRACT, minimum):
        contract = _contract_of(fact.text, working_time)
        if not contract.type_contrat:
            continue
        if fact.confidence > SENTENCE_CONFIDENCE:
            found.append((fact, contract))
        elif not _prospect(fact.text):
            sentences.append((fact, contract))
    named = {c.type_contrat for f, c in sentences if type_by_default(f.text) is None}
    sentences = [
        (fact, contract)
        for fact, contract in sentences
        if not (reason := type_by_default(fact.text))
        or not named
        or not all(default_fits(reason, other) for other in named)
    ]
    if len({contract.type_contrat for _, contract in sentences}) > 1:
        sentences = [(f, c) for f, c in sentences if _STATEMENT.search(f.text)]
        if len({contract.type_contrat for _, contract in sentences}) > 1:
            sentences = []
    return found + sentences


def _with_named_type(
    fact: TextFact, contract: Contract, others: list[tuple[TextFact, Contract]]
) -> Contract:
    """`contract` typed by default ("ALTERNANCE", "contrat de 6 mois") given the type another
    snippet names when it fits ("Il s'agit d'un CDI": an apprenticeship in CDI)."""
    reason = type_by_default(fact.text)
    if reason is None:
        return contract
    for other_fact, other in others:
        if type_by_default(other_fact.text) is None and default_fits(reason, other.type_contrat):
            if other.type_contrat == contract.type_contrat:
                return contract
            update: dict[str, object] = {
                "type_contrat": other.type_contrat,
                "type_contrat_label": other.type_contrat_label,
            }
            if reason == "length":
                update["nature"] = other.nature
            if other.duration_value and not contract.duration_value:
                update["duration_value"] = other.duration_value
                update["duration_unit"] = other.duration_unit
            return contract.model_copy(update=update)
    return contract


def _with_text_duration(contract: Contract, texts: list[tuple[TextFact, Contract]]) -> Contract:
    """`contract`, read from a field that names its type only ("CDD", "TEMPORARY"), given the
    length a snippet of the text writes for the same contract ("CDD de 6 mois", "contrat de 6
    mois"): the field wins only for what it says."""
    if contract.type_contrat is None:
        return contract
    for fact, other in texts:
        if other.duration_value is None or _prospect(fact.text):
            continue
        reason = type_by_default(fact.text)
        if (
            other.type_contrat == contract.type_contrat
            or {other.type_contrat, contract.type_contrat} == {"CDD", "SAI"}  # a seasonal CDD
            or (reason and default_fits(reason, contract.type_contrat))
        ):
            return contract.model_copy(
                update={
                    "duration_value": other.duration_value,
                    "duration_unit": other.duration_unit,
                }
            )
    return contract


_FAMILIES = (frozenset({"CDD", "DDI"}), frozenset({"MIS", "TTI", "DIN"}), frozenset({"CDI", "DIN"}))
"""Types one sentence may loosely call by the other's name: a CDD d'insertion is a CDD, a CDI
intérimaire works in interim missions and is a CDI."""


def _same_family(one: str | None, other: str | None) -> bool:
    return one == other or any(one in family and other in family for family in _FAMILIES)


def _stated_contract(
    facts: TextFacts, working_time: str | None, besides: str | None = None
) -> tuple[TextFact, Contract] | None:
    """The contract the text's sentences state plainly enough to contradict a structured field:
    the one type they name ("Poste en CDD de 3 mois", "Il s'agit d'une mission d'intérim"), in
    a clause that states the offer's own contract (`_STATEMENT`), names the type itself (not
    only a length or an alternance) and not as a prospect ("pour se prolonger en CDI"). None
    when the clauses name several types (a company's range of contracts). Clauses naming the
    type `besides` (one already chosen) are left out."""
    stated = []
    for fact in contract_type_clauses(facts.text):
        contract = _contract_of(fact.text, working_time)
        if contract.type_contrat is None or _prospect(fact.text):
            continue
        if contract.type_contrat == besides:
            continue  # the chosen label's own line ("Type de contrat : CDD")
        if _STATEMENT.search(fact.text) and type_by_default(fact.text) is None:
            stated.append((fact, contract))
    if len({contract.type_contrat for _, contract in stated}) != 1:
        return None
    return stated[0]


_INTERNSHIP_TITLE = re.compile(r"^\W*(?:stage|stagiaire|internship|intern)\b", re.I)


def _internship(
    structured_text: str | None, title: str, facts: TextFacts
) -> tuple[FactOrigin, str, float] | None:
    """Where the offer says it is an internship: the contract field, a snippet naming it, or a
    title that opens with it ("Stagiaire comptable")."""
    if structured_text and names_internship(structured_text):
        return FactOrigin.FIELD, structured_text, FIELD_CONFIDENCE
    titled = _INTERNSHIP_TITLE.match(title) is not None and names_internship(title)
    for fact in facts.of(FactKind.CONTRACT):
        if titled and fact.confidence < TITLE_INTERNSHIP_CONFIDENCE:
            break  # a title that opens with it says so more surely than a sentence
        if names_internship(fact.text):
            return _origin(fact), fact.text, fact.confidence
    if titled:
        return FactOrigin.TITLE, title, TITLE_INTERNSHIP_CONFIDENCE
    return None


TITLE_INTERNSHIP_CONFIDENCE = 0.8


INTERNSHIP_WORDS = "Stage"
"""The contract's words of an offer whose title only says it is an internship."""


def _with_internship_length(contract: Contract, title: str, description: str) -> Contract:
    """An internship's `contract` given its length from its own words, else the title's, else
    the description's first phrase that gives one ("stage de 6 mois", "Internship (6 months)")."""
    if contract.duration_value is not None:
        return contract
    for text in (contract.text, title, description):
        if length := internship_length(text):
            return contract.model_copy(
                update={"duration_value": length[1], "duration_unit": length[2]}
            )
    return contract


def _less_sure_disagreement(
    chosen: TextFact,
    contract: Contract,
    others: list[tuple[TextFact, Contract]],
    facts: TextFacts,
    working_time: str | None,
    read: ReadFacts,
) -> None:
    """The first less sure snippet that names another type than the one `chosen` gave
    ("Type de contrat : CDD" and a sentence "CDD saisonnier", France Travail's SAI): the label
    or title wins, the sentence is kept as a disagreement. A snippet typed by default (a
    length, an alternance) that fits the chosen type says nothing against it. Else a sentence
    that states another type plainly (`_stated_contract`, the label's own line aside) is the
    disagreement."""
    for fact, other in others:
        if fact.confidence >= chosen.confidence or other.type_contrat == contract.type_contrat:
            continue
        reason = type_by_default(fact.text)
        if reason and default_fits(reason, contract.type_contrat):
            continue
        read.disagree("contract", contract.type_contrat or chosen.text, fact)
        return
    named = contract_type_words(facts.text)
    if all(_contract_of(word).type_contrat == contract.type_contrat for word in named):
        return  # the text names no other type: no clause to read
    stated = _stated_contract(facts, working_time, besides=contract.type_contrat)
    if stated and not _same_family(stated[1].type_contrat, contract.type_contrat):
        read.disagree("contract", contract.type_contrat or chosen.text, stated[0])


_DATED_TYPES = frozenset({"CDD", "MIS", "SAI", "DDI", "TTI"})
"""Contracts of a set length, which a range of dates in the description may give."""

VAGUE_EMPLOYMENT_TYPES = frozenset({"CONTRACTOR", "TEMPORARY", "OTHER", "PERDIEM"})
"""schema.org's employmentType values (https://schema.org/employmentType, Google's JobPosting
guide) that name no French contract surely: a "contractor" is a freelance as often as a CDD or
an interim worker, "temporary" any work for a time, "other" and "per diem" nothing of the kind.
Written without underscores, as `_schema_org_codes` reads them."""
_WORKING_TIMES = frozenset({"FULLTIME", "PARTTIME"})
VAGUE_FIELD_CONFIDENCE = 0.5
"""How sure a contract read from a vague employmentType alone is (the text named none)."""
_CODE_SEPARATORS = re.compile(r"[,;/|]+")


def _schema_org_codes(text: str | None) -> frozenset[str]:
    """The schema.org employmentType codes a contract field holds ("TEMPORARY, CONTRACTOR" →
    {"TEMPORARY", "CONTRACTOR"}, "Per diem" → {"PERDIEM"}), or none when it holds other words."""
    codes = {re.sub(r"[^A-Z]", "", part.upper()) for part in _CODE_SEPARATORS.split(text or "")} - {
        ""
    }
    known = VAGUE_EMPLOYMENT_TYPES | _WORKING_TIMES | {"INTERN", "VOLUNTEER"}
    return frozenset(codes) if codes and codes <= known else frozenset()


def vague_employment_type(text: str | None) -> bool:
    """Whether a contract field holds only schema.org employmentType codes, one at least of the
    vague ones (`VAGUE_EMPLOYMENT_TYPES`) and none that names an internship or a volunteering:
    what it says of the contract yields to the contract the title or description names."""
    codes = _schema_org_codes(text)
    return bool(codes & VAGUE_EMPLOYMENT_TYPES) and codes <= VAGUE_EMPLOYMENT_TYPES | _WORKING_TIMES


def _text_contract(
    texts: list[tuple[TextFact, Contract]],
    title: str,
    description: str,
    working_time: str | None,
) -> tuple[TextFact, Contract] | None:
    """The contract the title or description names, and the snippet that names it: the most
    trustworthy snippet (`_text_contracts`, completed by the others), else the title's or the
    description's plain statement (`parse_contract` without a field)."""
    if texts:
        fact, contract = texts[0]
        contract = _with_named_type(fact, contract, texts[1:])
        if contract.duration_value is None:
            contract = _with_text_duration(contract, texts[1:])
        return fact, contract
    contract = parse_contract(None, working_time=working_time, title=title, description=description)
    if contract.type_contrat is None:
        return None
    if parse_contract(None, title=title).type_contrat is not None:
        return TextFact(FactKind.CONTRACT, title, "title", 0.8), contract
    return TextFact(FactKind.CONTRACT, description, "description", 0.6), contract


def _choose_over_vague_field(
    structured_text: str,
    title: str,
    description: str,
    facts: TextFacts,
    working_time: str | None,
    read: ReadFacts,
) -> Contract:
    """The contract of an offer whose contract field holds only vague schema.org codes
    (`vague_employment_type`): the one the title or description names, the field's reading kept
    as a disagreement when it names another type that the text's does not fit; else the
    field's own reading ("TEMPORARY", a CDD by default; "CONTRACTOR", a freelance), less sure."""
    field_contract = parse_contract(structured_text, working_time=working_time)
    found = _text_contract(_text_contracts(facts, working_time), title, description, working_time)
    if found is None:
        if field_contract.type_contrat:
            read.record(
                "contract", FactOrigin.FIELD, VAGUE_FIELD_CONFIDENCE, structured_text, "contract"
            )
        return field_contract
    fact, contract = found
    read.record("contract", _origin(fact), fact.confidence, fact.text)
    field_type = field_contract.type_contrat
    reason = type_by_default(structured_text)
    if (
        field_type
        and field_type != contract.type_contrat
        and not (reason and default_fits(reason, contract.type_contrat))
    ):
        read.disagree("contract", field_type, excerpt_fact(fact), kept="text")
    return contract.model_copy(update={"text": structured_text})


def excerpt_fact(fact: TextFact) -> TextFact:
    """`fact` with its words cut to the part that states the contract (`excerpt`)."""
    return TextFact(fact.kind, excerpt("contract", fact.text), fact.origin, fact.confidence)


def _a_mission(fact: TextFact, contract: Contract, title: str, description: str) -> Contract:
    """`contract`, typed a CDD by default for its length alone ("Durée de la mission : 3
    semaines", "contrat de 3 mois"), as the interim mission it is in a temporary work agency's
    offer (`names_temporary_work`: the agency's contract with its worker is the contrat de
    mission, Code du travail art. L1251-1); else as it is."""
    if contract.type_contrat != "CDD" or type_by_default(fact.text) != "length":
        return contract
    if not (names_temporary_work(title) or names_temporary_work(description)):
        return contract
    return contract.model_copy(
        update={"type_contrat": "MIS", "type_contrat_label": TYPE_LABELS["MIS"]}
    )


def _with_dated_length(
    contract: Contract, description: str, read: ReadFacts, now: datetime | None
) -> Contract:
    """A contract of a set length given the length its dates say: a range ("Mission du 3 au 20
    mars", "du 10/12/2026 au 20/04/2027") or an end ("CDD jusqu'au 31/08/2027", "remplacement
    jusqu'à fin mars"), in its own words, else in the description's (`period_length`). An end
    counts from the start the offer writes (`read.start`), else from `now` (when the offer was
    posted, else collected)."""
    if contract.type_contrat not in _DATED_TYPES or contract.duration_value is not None:
        return contract
    start = read.start.day if read.start is not None else None
    first = start or (now.astimezone(PARIS).date() if now is not None else None)
    for text in (contract.text, description):
        period = period_length(text, start=first, start_written=start is not None)
        if period is not None:
            return contract.model_copy(
                update={"duration_value": period[0], "duration_unit": period[1]}
            )
    return contract


def choose_contract(
    item: SourceOffer,
    defaults: SourceDefaults,
    title: str,
    description: str,
    facts: TextFacts,
    read: ReadFacts,
    now: datetime | None = None,
) -> None:
    """The offer's contract: the structured one when it names a type, else the text's. A
    contract's end ("jusqu'au 31/08/2027") gives its length from the start already read
    (`choose_start`), else from `now` (when the offer was posted, else collected)."""
    working_time, time_origin, time_confidence, time_text = _working_time(item, facts)
    structured_text = item.contract if item.contract and item.contract.strip() else None
    vague = vague_employment_type(structured_text)
    structured_type = structured_text and not vague and _contract_of(structured_text).type_contrat
    texts = _text_contracts(facts, working_time, DISAGREEMENT_CONFIDENCE if structured_type else 0)
    contract: Contract | None = None
    if vague and structured_text:
        contract = _choose_over_vague_field(
            structured_text, title, description, facts, working_time, read
        )
    elif structured_type:
        contract = parse_contract(
            structured_text, working_time=working_time, title=title, description=description
        )
        read.record("contract", FactOrigin.FIELD, FIELD_CONFIDENCE, structured_text, "contract")
        if type_by_default(structured_text):
            # A field typed by default ("temporary", "contrat de 6 mois") takes the type the
            # text names when it fits ("Intérim 3 mois"): the text says which it is.
            field_fact = TextFact(FactKind.CONTRACT, structured_text, "description", 1.0)
            stated = _stated_contract(facts, working_time)
            named = _with_named_type(field_fact, contract, texts + ([stated] if stated else []))
            if named.type_contrat != contract.type_contrat:
                contract = named.model_copy(update={"text": structured_text})
        if contract.duration_value is None:
            contract = _with_text_duration(contract, _text_contracts(facts, working_time))
        field_value = contract.type_contrat or structured_text or ""
        for fact, text_contract in texts:
            if fact.confidence < DISAGREEMENT_CONFIDENCE:
                break
            if text_contract.type_contrat != contract.type_contrat:
                reason = type_by_default(fact.text)  # "ALTERNANCE" fits a CDI field
                if not (reason and default_fits(reason, contract.type_contrat)):
                    read.disagree("contract", field_value, fact)
                break
        else:
            if not texts and (stated := _stated_contract(facts, working_time)):
                if not _same_family(stated[1].type_contrat, contract.type_contrat):
                    read.disagree("contract", field_value, stated[0])
    elif texts:
        fact, contract = texts[0]
        contract = _a_mission(fact, _with_named_type(fact, contract, texts[1:]), title, description)
        if contract.duration_value is None:
            # "Type de contrat : CDD" and a title "(CDD 6 mois)": the same contract, its length
            # is written in one place only.
            for _, other in texts[1:]:
                if other.type_contrat == contract.type_contrat and other.duration_value:
                    contract = contract.model_copy(
                        update={
                            "duration_value": other.duration_value,
                            "duration_unit": other.duration_unit,
                        }
                    )
                    break
        if structured_text:  # the field said something, though no type: keep its words
            contract = contract.model_copy(update={"text": structured_text})
        read.record("contract", _origin(fact), fact.confidence, fact.text)
        _less_sure_disagreement(fact, contract, texts[1:], facts, working_time, read)
    else:
        fallback = parse_contract(
            structured_text, working_time=working_time, title=title, description=description
        )
        if fallback.type_contrat:
            in_title = parse_contract(None, title=title).type_contrat is not None
            origin = FactOrigin.TITLE if in_title else FactOrigin.DESCRIPTION
            confidence = 0.8 if in_title else DESCRIPTION_FALLBACK_CONFIDENCE
            read.record("contract", origin, confidence, None)
            contract = fallback
        elif internship := _internship(structured_text, title, facts):
            # No France Travail code for a stage (`names_internship`): its words are kept.
            words = internship[1]
            if internship[0] == FactOrigin.TITLE and words == title:
                # The contract's words say it is a stage, not the job ("Stagiaire comptable")
                length = internship_length(title)
                words = length[0] if length else INTERNSHIP_WORDS
            contract = _with_internship_length(
                fallback.model_copy(update={"text": words}), title, description
            )
            read.record("contract", internship[0], internship[2], internship[1])
        elif defaults.contract:
            contract = parse_contract(defaults.contract, working_time=working_time)
            read.record("contract", FactOrigin.DEFAULT, DEFAULT_CONFIDENCE, defaults.contract)
        else:
            contract = fallback
    if structured_text and contract.full_time is None and contract.hours_per_week is None:
        # schema.org's employmentType "FULL_TIME", a feed's "<jobtype>Temps plein": the field
        # states the working time even when the text names the contract's type
        field_time = parse_contract(structured_text)
        if field_time.full_time is not None or field_time.hours_per_week is not None:
            contract = contract.model_copy(
                update={
                    "full_time": field_time.full_time,
                    "hours_per_week": field_time.hours_per_week,
                }
            )
            read.record(
                "working_time", FactOrigin.FIELD, FIELD_CONFIDENCE, structured_text, "contract"
            )
    # "Mission du 3 au 20 mars", "Période : juillet-août", "CDD jusqu'au 31/08/2027": the
    # dates give the length
    contract = _with_dated_length(contract, description, read, now)
    read.contract = contract
    if contract.full_time is not None or contract.hours_per_week is not None:
        if working_time:
            from_field = time_origin == FactOrigin.FIELD and time_text == working_time
            field = "working_time" if from_field and item.working_time else None
            read.record("working_time", time_origin, time_confidence, time_text, field)
        elif "contract" in read.sources and "working_time" not in read.sources:
            read.sources["working_time"] = read.sources["contract"]


# Pay and experience ---------------------------------------------------------------------------


_NAMES_SMIC = re.compile(r"\bSMIC\b", re.I)


def _names_a_pay_without_figures(sentence: str) -> bool:
    """Whether a sentence names a pay with no figure that says what it is: the minimum wage
    ("Salaire SMIC + primes"), or a pay set by law or by a collective agreement ("Gratification
    légale", "Rémunération selon grille CCN 66": `SCALE_PAY`)."""
    return bool(_NAMES_SMIC.search(sentence) or SCALE_PAY.search(sentence))


def _has_figures(salary: Salary | None) -> bool:
    return salary is not None and (salary.minimum is not None or salary.maximum is not None)


def _same_pay(one: Salary, other: Salary) -> bool:
    def close(a: float | None, b: float | None) -> bool:
        if a is None or b is None:
            return a == b
        return abs(a - b) <= SALARY_TOLERANCE * max(a, b)

    return (
        one.period == other.period
        and close(one.minimum, other.minimum)
        and close(one.maximum, other.maximum)
    )


_NET = re.compile(r"\bNETS?\b")
_GROSS = re.compile(r"\bBRUTS?\b|\bGROSS\b")
HOURS_A_MONTH = (20.0, 220.0)
"""Hours of work a month that make an hourly rate and a monthly amount one pay: from a few
hours a week to the longest legal working time (48 h a week, Code du travail, art. L3121-20)."""
MONTHS_A_YEAR = 12.0


def _net_only(text: str) -> bool:
    """Whether the snippet states its pay net of social charges, and not gross beside it."""
    folded = fold(text)
    return bool(_NET.search(folded)) and not _GROSS.search(folded)


def _completes(more: Salary, less: Salary) -> bool:
    """Whether `more` states the same pay as `less` with more said: both bounds where `less`
    gives one ("à partir de 35 300 €" then "35 300 € à 40 000 € par an"), or a figure where
    `less` gives only a floor ("à partir de 947 €" then "947 € brut mensuel")."""
    if more.period != less.period or more.minimum is None or more.maximum is None:
        return False
    if less.minimum is not None and less.maximum is not None:
        return False

    def close(a: float | None, b: float | None) -> bool:
        return a is None or (b is not None and abs(a - b) <= SALARY_TOLERANCE * max(a, b))

    return close(less.minimum, more.minimum) and close(less.maximum, more.maximum)


def _monthly(salary: Salary) -> tuple[float, float] | None:
    """The bounds of a monthly or yearly pay as a month's, or None for another period."""
    low = salary.minimum if salary.minimum is not None else salary.maximum
    high = salary.maximum if salary.maximum is not None else salary.minimum
    if low is None or high is None:
        return None
    if salary.period == SalaryPeriod.MONTH:
        return low, high
    if salary.period == SalaryPeriod.YEAR:
        months = salary.months or MONTHS_A_YEAR
        return low / months, high / months
    return None


def _one_pay_two_periods(hourly: Salary, other: Salary) -> bool:
    """Whether an hourly rate and a monthly or yearly amount can be one pay: the amount is the
    rate times a number of hours a month people work (`HOURS_A_MONTH`)."""
    if hourly.period != SalaryPeriod.HOUR or hourly.minimum is None:
        return False
    monthly = _monthly(other)
    if monthly is None or other.minimum is None:
        return False
    hours = monthly[0] / hourly.minimum
    return HOURS_A_MONTH[0] <= hours <= HOURS_A_MONTH[1]


def _text_salaries(facts: TextFacts, minimum: float) -> list[tuple[TextFact, Salary]]:
    """The snippets that state pay with figures and a period (or paid by a unit of work, with
    none: "45 € par intervention"), most trustworthy first."""
    found = []
    for fact in facts.of(FactKind.SALARY, minimum):
        if not states_an_amount(fact.text):
            continue
        salary = _salary_of(fact.text)
        if (
            salary is not None
            and _has_figures(salary)
            and (salary.period is not None or states_a_piece_rate(fact.text))
        ):
            found.append((fact, salary))
    return found


def _the_text_salary(found: list[tuple[TextFact, Salary]]) -> tuple[TextFact, Salary] | None:
    """The pay a recruiter would call the offer's among the snippets that state one.

    The most trustworthy snippet (a label, then the title, then a sentence; the first written
    among equals), except that: a pay stated net yields to one stated gross (French salaries
    are quoted gross, and so are France Travail's); an hourly rate yields to a monthly or yearly
    amount that can be the same pay (`_one_pay_two_periods`): the salary a contract of work
    states is monthly (mensualisation, Code du travail, art. L3242-1), the rate is what it is
    computed from; and a floor or a lone figure yields to a later snippet that states the same
    pay with both bounds (`_completes`)."""
    if not found:
        return None
    best = found[0]
    if _net_only(best[0].text):
        best = next(
            (pair for pair in found if not _net_only(pair[0].text) and pair[1].period),
            best,
        )
    if best[1].period == SalaryPeriod.HOUR:
        best = next(
            (
                pair
                for pair in found
                if not _net_only(pair[0].text) and _one_pay_two_periods(best[1], pair[1])
            ),
            best,
        )
    return next((pair for pair in found if _completes(pair[1], best[1])), best)


_SENTENCE_PAY = re.compile(
    r"\b(?:r[ée]mun[ée]r\w*|salaires?|percev\w*|pay[ée]e?s?|paid|salary|wages?)\b", re.I
)
"""Words of a sentence that states the offer's own pay ("Vous percevrez une rémunération de
…", "Le poste est rémunéré …", "Salaire : …")."""


def _contradicts(structured: Salary, text: Salary, snippet: str) -> bool:
    """Whether a sentence's pay says something else than the structured one: not the same pay,
    nor the same pay net, nor a floor or ceiling the structured pay reaches, nor an hourly rate
    and a monthly amount that can be one pay, nor a monthly and a yearly pay that overlap."""
    if _same_pay(structured, text) or _net_only(snippet):
        return False
    if _completes(structured, text) or _completes(text, structured):
        return False
    if _one_pay_two_periods(text, structured) or _one_pay_two_periods(structured, text):
        return False
    if text.period != structured.period:  # "29 000 € par an" and "2 300 à 2 600 € par mois"
        one, other = _monthly(text), _monthly(structured)
        if one and other and one[0] <= other[1] * (1 + SALARY_TOLERANCE):
            return other[0] > one[1] * (1 + SALARY_TOLERANCE)
    return True


def _sentence_disagreement(structured: Salary, facts: TextFacts, read: ReadFacts) -> None:
    """A sentence that clearly states another pay than the structured field (a pay word, the
    only pay the sentences state): kept as a disagreement; sentences that state several pays
    (a grid, a bonus, other shifts) say nothing sure enough to contradict a field."""
    sentences = [
        (fact, salary)
        for fact, salary in _text_salaries(facts, 0.0)
        if fact.confidence <= SENTENCE_CONFIDENCE and _SENTENCE_PAY.search(fact.text)
    ]
    if not sentences:
        return
    first = sentences[0][1]
    if any(not _same_pay(first, salary) for _, salary in sentences[1:]):
        return
    if _contradicts(structured, first, sentences[0][0].text):
        read.disagree("salary", structured.text, sentences[0][0])


def choose_salary(item: SourceOffer, facts: TextFacts, read: ReadFacts) -> None:
    """The offer's pay: the structured one when it has figures, else the text's
    (`_the_text_salary`). A label or the title that states another pay than the structured
    field, or a sentence that clearly does (`_sentence_disagreement`), is kept as a
    disagreement."""
    structured = _salary_of(item.salary) if item.salary else None
    if structured is not None and _has_figures(structured):
        read.salary = structured
        read.record("salary", FactOrigin.FIELD, FIELD_CONFIDENCE, item.salary, "salary")
        labelled = _text_salaries(facts, DISAGREEMENT_CONFIDENCE)
        if labelled:
            if not _same_pay(structured, labelled[0][1]):
                read.disagree("salary", structured.text, labelled[0][0])
        else:
            _sentence_disagreement(structured, facts, read)
        return
    text = _the_text_salary(_text_salaries(facts, 0.0))
    if text:
        read.salary = text[1]
        read.record("salary", _origin(text[0]), text[0].confidence, text[0].text)
        return
    if structured is None:
        # A pay label without figures ("Salaire : SMIC", "à négocier", "selon convention
        # collective") still says something about the pay: its words are kept.
        # A sentence, only when it names the minimum wage ("Salaire SMIC + primes") or a pay
        # set by law or agreement ("Gratification légale", `_names_a_pay_without_figures`): other
        # sentences without figures are not about this offer's pay often enough.
        for fact in facts.of(FactKind.SALARY):
            if fact.confidence < DISAGREEMENT_CONFIDENCE and not _names_a_pay_without_figures(
                fact.text
            ):
                continue
            read.salary = _salary_of(fact.text)
            read.record("salary", _origin(fact), fact.confidence, fact.text)
            return
    read.salary = structured
    if structured is not None:
        read.record("salary", FactOrigin.FIELD, FIELD_CONFIDENCE, item.salary, "salary")


def choose_experience(
    experience_text: str | None,
    description: str,
    facts: TextFacts,
    read: ReadFacts,
) -> None:
    """The experience asked for: the structured field when readable, else the text's."""
    structured = parse_experience(experience_text) if experience_text else None
    if structured is not None and structured.requirement is not None:
        read.experience = structured
        read.record("experience", FactOrigin.FIELD, FIELD_CONFIDENCE, experience_text, "experience")
        return
    for fact in facts.of(FactKind.EXPERIENCE):
        experience = parse_experience(fact.text)
        if experience.requirement is not None:
            read.experience = experience
            read.record("experience", _origin(fact), fact.confidence, fact.text)
            return
    described = parse_experience(None, description=description)
    if described.requirement is not None:
        if structured is not None:
            described = described.model_copy(update={"text": structured.text})
        read.experience = described
        read.record("experience", FactOrigin.DESCRIPTION, DESCRIPTION_FALLBACK_CONFIDENCE, None)
        return
    read.experience = structured or described


# Start date -----------------------------------------------------------------------------------


def choose_start(item: SourceOffer, facts: TextFacts, read: ReadFacts, now: datetime) -> None:
    """When the job starts: the structured field (`SourceOffer.start_date`) when it names a day or
    "dès que possible", else the first labelled line or sentence that does, else the field's
    words. The confidence is the lower of the snippet's and of the words' precision ("janvier
    2027" is less sure than "05/01/2027", `normalizers.start_date`). `now`: when the offer was
    posted, else collected (a day without a year is the next one after it)."""
    structured = parse_start_date(item.start_date, now=now)
    if structured is not None and (structured.start.day or structured.start.immediate):
        read.start = structured.start
        read.record("start", FactOrigin.FIELD, structured.precision, item.start_date, "start_date")
        return
    for fact in facts.of(FactKind.START):
        found = read_start_date(fact.text, now=now)
        if found is not None:
            read.start = found.start
            read.record("start", _origin(fact), min(fact.confidence, found.precision), fact.text)
            return
    if structured is not None:
        read.start = structured.start
        read.record("start", FactOrigin.FIELD, FIELD_CONFIDENCE, item.start_date, "start_date")
