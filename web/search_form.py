"""The job seeker's search form of the home page and the threads: its URL parameters, read
leniently, turned into a `store.search.OfferQuery`, and what the page shows of them.

Parameters (all optional, kept in the URL so a search can be shared and followed as a feed):
`q` keywords; `lieu` a commune, département or région by name (`web.lookup.find_place`);
`distance` km around a commune (DISTANCES); `departement` a code; `contrat` contract types
(repeatable), by code or by name, in any case, with or without accents ("CDI", "cdi",
"Intérim", "interim", "Saisonnier": `contract_code`); `domaine` a ROME domaine code ("M18");
`metier` a ROME métier by name (`web.lookup.find_metier`); `teletravail` "partiel" or
"complet" ("true" is "complet", as older links say); `publiee` days (PUBLISHED_SINCE); `page`
from 1. A place, a métier or a contract type that names nothing is said on the page (and no
offer is listed rather than all of them); any other value that is not one of these is left
out, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from normalizers.contracts import TYPE_LABELS
from normalizers.referentials import communes, departements, rome_domaines, rome_grands_domaines
from normalizers.text import name_key
from pipeline.thread_filters import contract_code as thread_contract_code
from pipeline.thread_filters import contract_problem
from store.community_search import REMOTE_FULL, REMOTE_SOME
from store.models import utcnow
from store.search import Around, OfferQuery
from web.lookup import Lookup, MetierChoice, PlaceChoice, departement_label, find_metier, find_place

MAX_KEYWORDS = 10
MAX_KEYWORD_LENGTH = 60
MAX_PAGE = 10_000
DEFAULT_DISTANCE = 10
DISTANCES = (0, 5, 10, 20, 30, 50, 100)
PUBLISHED_SINCE = {
    "1": "Dernières 24 heures",
    "3": "3 derniers jours",
    "7": "7 derniers jours",
    "31": "31 derniers jours",
}
REMOTE_CHOICES = {"partiel": "Partiel ou complet", "complet": "Complet"}
REMOTE_FILTERS = {"partiel": REMOTE_SOME, "complet": REMOTE_FULL, "true": REMOTE_FULL}

# How a job seeker names each of France Travail's typeContrat codes (normalizers.contracts
# .TYPE_LABELS holds France Travail's own, longer labels).
CONTRACT_LABELS = {
    "CDI": "CDI",
    "CDD": "CDD",
    "MIS": "Intérim",
    "SAI": "Saisonnier",
    "DIN": "CDI intérimaire",
    "TTI": "Intérim d'insertion",
    "DDI": "CDD d'insertion",
    "LIB": "Profession libérale",
    "CCE": "Profession commerciale",
    "FRA": "Franchise",
    "REP": "Reprise d'entreprise",
}


MAX_CONTRACT_VALUE = 60


def contract_code(value: str) -> str | None:
    """The typeContrat code a job seeker's words name: a code in any case, France Travail's
    label or a usual name (`pipeline.thread_filters.contract_code`: "Intérim", "interim",
    "Saisonnier"), or a name the form shows (CONTRACT_LABELS: "CDD d'insertion"); None when
    they name no type."""
    code = thread_contract_code(value)
    if code is None:
        key = name_key(value)
        code = next((c for c, label in CONTRACT_LABELS.items() if name_key(label) == key), None)
    return code


def unknown_contract_message(value: str) -> str:
    """Why a `contrat` value shows no offer, in French, naming the types the form knows."""
    names = ", ".join(CONTRACT_LABELS.values())
    return contract_problem(value, names) + " : aucune offre n'est filtrée sur ce contrat."


def contract_label(code: str) -> str:
    """The short French name of a typeContrat code ("MIS" → "Intérim"); France Travail's label
    for a code this list lacks, else the code."""
    return CONTRACT_LABELS.get(code) or TYPE_LABELS.get(code) or code


@dataclass(frozen=True)
class SeekerSearch:
    """A search as the form and the URL carry it, values already checked."""

    words: str = ""
    lieu: str = ""
    distance: int = DEFAULT_DISTANCE
    departement: str = ""
    contrats: tuple[str, ...] = ()
    domaine: str = ""
    metier: str = ""
    teletravail: str = ""
    publiee: str = ""
    page: int = 1
    unknown_contrats: tuple[str, ...] = ()
    """`contrat` values that name no contract type, as written: the page says so."""
    place: Lookup[PlaceChoice] | None = field(default=None, compare=False)
    metier_lookup: Lookup[MetierChoice] | None = field(default=None, compare=False)

    @property
    def resolved(self) -> bool:
        """False when a place or a métier was typed that names nothing, or several things,
        or a contract type that names none."""
        return not self.unknown_contrats and all(
            lookup is None or lookup.found is not None
            for lookup in (self.place, self.metier_lookup)
        )

    @property
    def contract_problems(self) -> list[str]:
        """What the page says of each `contrat` value that names no type, in French."""
        return [unknown_contract_message(value) for value in self.unknown_contrats]

    @property
    def filtered(self) -> bool:
        """Whether the reader narrowed the offers at all."""
        return bool(self.params())

    @property
    def more_filters(self) -> bool:
        """Whether a criterion beyond keywords and place is set (the form shows them open)."""
        return bool(
            self.departement or self.contrats or self.domaine or self.metier
            or self.teletravail or self.publiee
        )  # fmt: skip

    def params(self, **changes: Any) -> list[tuple[str, str]]:
        """The URL parameters of this search (page left out), with `changes` applied."""
        search = replace(self, **changes) if changes else self
        pairs = [
            ("q", search.words),
            ("lieu", search.lieu),
            ("distance", str(search.distance) if search.lieu else ""),
            ("departement", search.departement),
            *[("contrat", code) for code in search.contrats],
            ("domaine", search.domaine),
            ("metier", search.metier),
            ("teletravail", search.teletravail),
            ("publiee", search.publiee),
        ]
        return [(name, value) for name, value in pairs if value]

    def url(self, path: str, page: int = 1, **changes: Any) -> str:
        """`path` with this search's parameters (and the page, past the first)."""
        pairs = self.params(**changes) + ([("page", str(page))] if page > 1 else [])
        return f"{path}?{urlencode(pairs)}" if pairs else path

    def query(self, thread_id: int | None = None) -> OfferQuery | None:
        """The store's query, or None when nothing can match (a name that was not resolved, a
        département typed by name that is not the one chosen in the list)."""
        if not self.resolved:
            return None
        place = self.place.found if self.place else None
        where: dict[str, Any] = {}
        if self.departement:
            where["departements"] = [self.departement]
        if place and place.kind == "commune":
            where["communes"] = [place.code]
            where["around"] = self._around(place.code)
        elif place and place.kind == "region":
            where["region"] = place.code
        elif place and place.kind == "departement":
            if self.departement and self.departement != place.code:
                return None
            where["departements"] = [place.code]
        metier = self.metier_lookup.found if self.metier_lookup else None
        return OfferQuery(
            keywords=self.words.split()[:MAX_KEYWORDS],
            rome_codes=[metier.code] if metier else [],
            domaine=self.domaine or None,
            types_contrat=list(self.contrats),
            created_after=utcnow() - timedelta(days=int(self.publiee)) if self.publiee else None,
            thread_id=thread_id,
            remote=REMOTE_FILTERS.get(self.teletravail),
            **where,
        )

    def _around(self, insee_code: str) -> list[Around]:
        commune = communes()[insee_code]
        if not self.distance or commune.latitude is None or commune.longitude is None:
            return []
        return [Around(commune.latitude, commune.longitude, float(self.distance))]

    def describe(self) -> list[str]:
        """The filters in words, for a feed's title: ["développeur", "Lyon (69), 10 km", …]."""
        parts = [self.words] if self.words else []
        if self.place and self.place.found:
            found = self.place.found
            distance = f", {self.distance} km" if found.kind == "commune" and self.distance else ""
            parts.append(found.label + distance)
        if self.departement:
            parts.append(departement_label(self.departement))
        parts += [contract_label(code) for code in self.contrats]
        if self.domaine:
            parts.append(rome_domaines()[self.domaine].label)
        if self.metier_lookup and self.metier_lookup.found:
            parts.append(self.metier_lookup.found.label)
        if self.teletravail in REMOTE_FILTERS:
            parts.append(
                "télétravail "
                + ("partiel ou complet" if self.teletravail == "partiel" else "complet")
            )
        if self.publiee:
            parts.append(PUBLISHED_SINCE[self.publiee].lower())
        return parts


def _text(params: QueryParams, name: str, limit: int) -> str:
    return " ".join(params.get(name, "").split())[:limit]


def _keywords(params: QueryParams) -> str:
    words = _text(params, "q", 200).split()
    return " ".join(word[:MAX_KEYWORD_LENGTH] for word in words[:MAX_KEYWORDS])


def _distance(params: QueryParams) -> int:
    value = params.get("distance", "")
    return int(value) if value.isdigit() and int(value) in DISTANCES else DEFAULT_DISTANCE


def _page(params: QueryParams) -> int:
    value = params.get("page", "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) >= 1 else 1


def read_search(
    params: QueryParams, preferred_metiers: frozenset[str] = frozenset()
) -> SeekerSearch:
    """The search a URL's parameters describe (see the module's docstring); names typed for
    the place and the métier are looked up in the referentials, `preferred_metiers` (ROME
    codes with offers) first among several."""
    lieu = _text(params, "lieu", 120)
    metier = _text(params, "metier", 200)
    departement = params.get("departement", "").upper()
    domaine = params.get("domaine", "").upper()
    publiee = params.get("publiee", "")
    teletravail = params.get("teletravail", "")
    contracts: dict[str, None] = {}
    unknown: dict[str, None] = {}
    for value in params.getlist("contrat")[:20]:
        written = " ".join(value.split())[:MAX_CONTRACT_VALUE]
        if not written:
            continue
        code = contract_code(written)
        if code is None:
            unknown[written] = None
        else:
            contracts[code] = None
    return SeekerSearch(
        words=_keywords(params),
        lieu=lieu,
        distance=_distance(params),
        departement=departement if departement in departements() else "",
        contrats=tuple(contracts),
        unknown_contrats=tuple(unknown),
        domaine=domaine if domaine in rome_domaines() else "",
        metier=metier,
        teletravail=teletravail if teletravail in REMOTE_FILTERS else "",
        publiee=publiee if publiee in PUBLISHED_SINCE else "",
        page=_page(params),
        place=find_place(lieu) if lieu else None,
        metier_lookup=find_metier(metier, preferred_metiers) if metier else None,
    )


def grouped_domaines(
    rome_counts: list[tuple[str, int]],
) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """The domaines of the métiers with offers, under their grand domaine:
    [("Support à l'entreprise", [("M18", "Systèmes d'information et de télécommunication", 2)])]."""
    counts: dict[str, int] = {}
    for rome_code, count in rome_counts:
        counts[rome_code[:3]] = counts.get(rome_code[:3], 0) + count
    groups: dict[str, list[tuple[str, str, int]]] = {}
    for code in sorted(counts):
        domaine = rome_domaines().get(code)
        if domaine is not None:
            groups.setdefault(code[0], []).append((code, domaine.label, counts[code]))
    return [(rome_grands_domaines()[letter].label, items) for letter, items in groups.items()]
