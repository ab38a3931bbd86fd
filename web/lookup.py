"""Places and métiers typed by name by a job seeker, found in the vendored referentials.

Places come from INSEE's Code officiel géographique (communes, départements, régions, see
normalizers/referentials/NOTICE.md), métiers and domaines from France Travail's ROME 4.0; names
are compared by `normalizers.text.name_key` (accents, case, punctuation and "Saint"/"St" do not
matter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, Literal, TypeVar

from normalizers.place_names import REGION_ALIASES
from normalizers.referentials import (
    Commune,
    commune_populations,
    communes,
    communes_by_former_name_key,
    communes_by_name_key,
    departements,
    regions,
    rome_appellations,
    rome_metiers,
)
from normalizers.text import name_key
from store.search import CITY_ARRONDISSEMENTS

MAX_CHOICES = 8
T = TypeVar("T")
PlaceKind = Literal["commune", "departement", "region"]
_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<qualifier>[^()]+)\)\s*$")
_CODE_FIRST = re.compile(r"^(?P<code>\d[\dAB]|\d{3}|2[AB])\s*[-–—]\s*(?P<name>.+)$", re.IGNORECASE)
_KIND_WORDS: dict[str, PlaceKind] = {
    "COMMUNE": "commune",
    "VILLE": "commune",
    "DEPARTEMENT": "departement",
    "DEP": "departement",
    "REGION": "region",
}


@dataclass(frozen=True)
class PlaceChoice:
    """One place of the referential: `code` is an INSEE code (commune), a département code
    ("69", "2A") or a région code ("84"); `label` is how a reader sees it and how the search
    form names it unambiguously ("Lyon (69)", "Rhône (département)", "Bretagne (région)")."""

    kind: PlaceKind
    code: str
    name: str
    label: str


@dataclass(frozen=True)
class Lookup(Generic[T]):
    """The answer to a typed name: `found` when exactly one entry matches, else the entries it
    could mean (`choices`, several when the name is ambiguous, or close names when nothing
    matches exactly), at most MAX_CHOICES of them, most likely first."""

    text: str
    found: T | None = None
    choices: list[T] = field(default_factory=list)
    exact: bool = True  # False: `choices` are close names, nothing matched exactly


def departement_label(code: str) -> str:
    """'69 – Rhône' for a département code; the bare code when the referential lacks it."""
    departement = departements().get(code)
    return f"{code} – {departement.name}" if departement else code


def _population(commune: Commune) -> int:
    return commune_populations().get(commune.insee, 0)


def _commune_choices(codes: list[str]) -> list[PlaceChoice]:
    """Communes, most populated first, each labelled by what tells it from the others of the
    same name: its département, else its postal code, else its INSEE code."""
    known = communes()
    rows = sorted(
        (known[c] for c in dict.fromkeys(codes) if c in known), key=_population, reverse=True
    )
    choices = []
    for commune in rows:
        same_dep = [c for c in rows if c.departement_code == commune.departement_code]
        same_postal = [c for c in same_dep if c.postal_code == commune.postal_code]
        if len(same_dep) == 1:
            qualifier = commune.departement_code
        elif len(same_postal) == 1 and commune.postal_code:
            qualifier = commune.postal_code
        else:
            qualifier = commune.insee
        choices.append(
            PlaceChoice("commune", commune.insee, commune.name, f"{commune.name} ({qualifier})")
        )
    return choices


def _departement_choice(code: str) -> PlaceChoice:
    name = departements()[code].name
    return PlaceChoice("departement", code, name, f"{name} (département)")


def _region_choice(code: str) -> PlaceChoice:
    name = regions()[code].name
    return PlaceChoice("region", code, name, f"{name} (région)")


@cache
def _departements_by_key() -> dict[str, str]:
    return {name_key(d.name): d.code for d in departements().values()}


@cache
def _regions_by_key() -> dict[str, str]:
    by_key = {name_key(r.name): r.code for r in regions().values()}
    return {**REGION_ALIASES, **by_key}


def _by_name(key: str) -> list[PlaceChoice]:
    """Every place of this name key, régions and départements first."""
    region = _regions_by_key().get(key)
    departement = _departements_by_key().get(key)
    commune_codes = [
        *communes_by_name_key().get(key, ()),
        *communes_by_former_name_key().get(key, ()),
    ]
    found: list[PlaceChoice] = []
    if region and not (departement and departements()[departement].region_code == region):
        # A région of one département (Guyane, La Réunion…) is that département.
        found.append(_region_choice(region))
    if departement:
        chef_lieu = departements()[departement].chef_lieu_insee
        if chef_lieu not in commune_codes:
            # Paris, the département, is Paris, the commune: the commune allows a distance.
            found.append(_departement_choice(departement))
    found.extend(_commune_choices(commune_codes))
    return found


def _qualified(choices: list[PlaceChoice], qualifier: str) -> list[PlaceChoice]:
    """The choices a qualifier such as "69", "69003", "département" or "région" keeps."""
    word = name_key(qualifier)
    if word in _KIND_WORDS:
        return [c for c in choices if c.kind == _KIND_WORDS[word]]
    token = qualifier.strip().upper()
    known = communes()
    return [
        choice
        for choice in choices
        if choice.kind == "commune"
        and token
        in (
            known[choice.code].departement_code,
            known[choice.code].insee,
            *known[choice.code].postal_codes,
        )
    ]


@cache
def _all_names() -> list[tuple[str, PlaceKind, str]]:
    """(name key, kind, code) of every place, for close names."""
    names: list[tuple[str, PlaceKind, str]] = [
        (key, "region", code) for key, code in _regions_by_key().items()
    ]
    names += [(key, "departement", code) for key, code in _departements_by_key().items()]
    names += [
        (key, "commune", code) for key, codes in communes_by_name_key().items() for code in codes
    ]
    return names


def _close_places(key: str) -> list[PlaceChoice]:
    """Places whose name starts with `key` (a name typed in part), biggest first."""
    if len(key) < 3:
        return []
    hits = [(kind, code) for name, kind, code in _all_names() if name.startswith(key)]
    areas = [
        _region_choice(code) if kind == "region" else _departement_choice(code)
        for kind, code in dict.fromkeys(hits)
        if kind != "commune"
    ]
    towns = _commune_choices([code for kind, code in hits if kind == "commune"])
    return (areas + towns)[:MAX_CHOICES]


@cache
def _communes_by_postal_code() -> dict[str, tuple[str, ...]]:
    by_code: dict[str, list[str]] = {}
    for commune in communes().values():
        for postal_code in commune.postal_codes:
            by_code.setdefault(postal_code, []).append(commune.insee)
    return {code: tuple(insee) for code, insee in by_code.items()}


def _by_code(text: str) -> list[PlaceChoice]:
    """The département of a code ("69", "2A", "974"), or the communes of a postal code."""
    if text in departements():
        return [_departement_choice(text)]
    if len(text) == 5 and text.isdigit():
        codes = _communes_by_postal_code().get(text, ())
        # Paris, Lyon, Marseille serve every postal code of their arrondissements: the
        # arrondissement is the place meant.
        whole_cities = {
            city
            for city, prefix in CITY_ARRONDISSEMENTS.items()
            if any(code.startswith(prefix) and code != city for code in codes)
        }
        return _commune_choices([c for c in codes if c not in whole_cities])[:MAX_CHOICES]
    return []


def find_place(text: str) -> Lookup[PlaceChoice]:
    """The commune, département or région a reader typed: "Lyon", "saint-etienne", "Rhône",
    "69 – Rhône", "Bretagne", "PACA", or a name made precise as the choices label it ("Vienne
    (38)", "Vienne (département)", "Saint-Denis (93200)"), a département's code ("69") or a
    postal code ("69003", the communes it serves). Never raises; an empty or unknown
    name gives a Lookup without `found`."""
    text = text.strip()[:120]
    name, qualifier = text, None
    if match := _QUALIFIED.match(text):
        name, qualifier = match["name"], match["qualifier"]
    elif match := _CODE_FIRST.match(text):
        name, qualifier = match["name"], None
        code = match["code"].upper()
        if code in departements() and name_key(departements()[code].name) == name_key(name):
            return Lookup(text, found=_departement_choice(code))
    if by_code := _by_code(text.upper()):
        return (
            Lookup(text, found=by_code[0]) if len(by_code) == 1 else Lookup(text, choices=by_code)
        )
    key = name_key(name)
    if not key:
        return Lookup(text)
    choices = _by_name(key)
    if qualifier is not None:
        choices = _qualified(choices, qualifier)
    if len(choices) == 1:
        return Lookup(text, found=choices[0])
    if choices:
        return Lookup(text, choices=choices[:MAX_CHOICES])
    return Lookup(text, choices=_close_places(key), exact=False)


@dataclass(frozen=True)
class MetierChoice:
    """A ROME métier: its code ("M1805") and label ("Développeur / Développeuse informatique")."""

    code: str
    label: str


@cache
def _metier_names() -> list[tuple[str, str]]:
    """(name key, ROME code) of every métier label and appellation."""
    names = [(name_key(m.label), m.code) for m in rome_metiers().values()]
    names += [(name_key(a.label), a.rome_code) for a in rome_appellations().values()]
    return names


@cache
def _metier_words() -> list[tuple[frozenset[str], str]]:
    """(the words of a name, ROME code) of every métier label and appellation."""
    return [(frozenset(name.split()), code) for name, code in _metier_names()]


def _metier(code: str) -> MetierChoice:
    return MetierChoice(code, rome_metiers()[code].label)


def find_metier(text: str, preferred: frozenset[str] = frozenset()) -> Lookup[MetierChoice]:
    """The ROME métier a reader typed: its label or one of its appellations ("Développeur /
    Développeuse informatique", "développeur web", "Cariste"), accents and case aside; when the
    words are only part of names, the métiers whose label or an appellation holds every word.
    `preferred` (ROME codes, e.g. those with offers) come first among several. Never raises."""
    key = name_key(text[:200])
    if not key:
        return Lookup(text)
    exact = list(dict.fromkeys(code for name, code in _metier_names() if name == key))
    if len(exact) == 1:
        return Lookup(text, found=_metier(exact[0]))
    words = key.split()
    codes = exact or list(
        dict.fromkeys(
            code for words_of_name, code in _metier_words() if words_of_name.issuperset(words)
        )
    )
    if len(codes) == 1:
        return Lookup(text, found=_metier(codes[0]))
    labels = {code: name_key(metier.label) for code, metier in rome_metiers().items()}
    codes.sort(
        key=lambda code: (
            code not in preferred,
            not all(word in labels[code].split() for word in words),
            len(labels[code]),
        )
    )
    return Lookup(text, choices=[_metier(code) for code in codes[:MAX_CHOICES]])
