"""The vendored open-data referentials (INSEE geography, ROME 4.0), loaded once per process.

The CSV files in `data/` are the vendored sources; `data/places.json.gz` and `data/rome.json.gz`
are compact indexes built from them by `python -m normalizers.referentials.build` and committed, so
that a process reads two small files once instead of parsing 80,000 CSV rows (see NOTICE.md for the
publishers).
"""

from __future__ import annotations

import gzip
import io
import json
from functools import cache
from importlib import resources
from typing import Any, NamedTuple, TextIO

INDEX_NAME = "places.json.gz"
INDEX_FORMAT = 2
ROME_INDEX_NAME = "rome.json.gz"
ROME_INDEX_FORMAT = 1
ROME_PROFILES_NAME = "rome_profiles.json.gz"
ROME_PROFILES_FORMAT = 1


class Commune(NamedTuple):
    """An INSEE commune, or an arrondissement of Paris, Lyon or Marseille."""

    insee: str
    name: str
    postal_code: str | None
    postal_codes: tuple[str, ...]
    departement_code: str
    region_code: str | None
    latitude: float | None
    longitude: float | None


class Departement(NamedTuple):
    """A French département."""

    code: str
    name: str
    region_code: str
    chef_lieu_insee: str | None


class Region(NamedTuple):
    """A French région."""

    code: str
    name: str


class RomeMetier(NamedTuple):
    """A ROME 4.0 métier ("fiche"), e.g. M1811 Data engineer, under its ROME v3 parent M1802."""

    code: str
    label: str
    parent_code: str
    domaine_code: str
    grand_domaine_code: str
    ogr_code: int
    cadre: bool
    regulated: bool


class RomeAppellation(NamedTuple):
    """A job title of the ROME ("appellation"), attached to exactly one métier."""

    ogr_code: str
    rome_code: str
    label: str
    short_label: str
    principal: bool  # the métier's own title
    rarely_used: bool  # "peu usité"


class RomeDomaine(NamedTuple):
    """A ROME domaine professionnel (M18) or grand domaine (M)."""

    code: str
    label: str


def open_data(name: str) -> TextIO:
    """Open one of the vendored CSV files (`name` such as "communes.csv", or a gzip'd
    "unix_texte_v460_utf8.csv.gz") as UTF-8 text."""
    binary = resources.files(__name__).joinpath("data", name).open("rb")
    if name.endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(fileobj=binary), encoding="utf-8", newline="")
    return io.TextIOWrapper(binary, encoding="utf-8", newline="")


def _load(name: str, expected_format: int) -> dict[str, Any]:
    """One prebuilt index of `data/`, checked for its format."""
    path = resources.files(__name__).joinpath("data", name)
    try:
        with path.open("rb") as stream:
            index: dict[str, Any] = json.loads(gzip.decompress(stream.read()))
    except FileNotFoundError as error:
        raise RuntimeError(
            f"the referential index {name} is missing: "
            "run `python -m normalizers.referentials.build`"
        ) from error
    if index.get("format") != expected_format:
        raise RuntimeError(
            f"the referential index {name} has an old format: "
            "run `python -m normalizers.referentials.build`"
        )
    return index


@cache
def _index() -> dict[str, Any]:
    return _load(INDEX_NAME, INDEX_FORMAT)


@cache
def _rome_index() -> dict[str, Any]:
    return _load(ROME_INDEX_NAME, ROME_INDEX_FORMAT)


@cache
def _rome_profiles_index() -> dict[str, Any]:
    return _load(ROME_PROFILES_NAME, ROME_PROFILES_FORMAT)


@cache
def communes() -> dict[str, Commune]:
    """Every commune and arrondissement by INSEE code (35,094 of them, read once per process)."""
    return {
        row[0]: Commune(row[0], row[1], row[2], tuple(row[3]), row[4], row[5], row[6], row[7])
        for row in _index()["communes"]
    }


@cache
def departements() -> dict[str, Departement]:
    """The 101 départements by code ("01" … "95", "2A", "2B", "971" … "976")."""
    return {row[0]: Departement(*row) for row in _index()["departements"]}


@cache
def regions() -> dict[str, Region]:
    """The 18 régions by code."""
    return {row[0]: Region(*row) for row in _index()["regions"]}


@cache
def communes_by_name_key() -> dict[str, tuple[str, ...]]:
    """INSEE codes by the name key of their commune (see `normalizers.text.name_key`)."""
    return {key: tuple(codes) for key, codes in _index()["name_keys"].items()}


@cache
def commune_populations() -> dict[str, int]:
    """INSEE populations légales 2021 by INSEE code (communes, arrondissements, and Paris, Lyon,
    Marseille as the sum of their arrondissements); communes missing from INSEE's file are absent.
    """
    index = _index()
    return {
        row[0]: population
        for row, population in zip(index["communes"], index["populations"], strict=True)
        if population is not None
    }


@cache
def communes_by_former_name_key() -> dict[str, tuple[str, ...]]:
    """INSEE codes of communes nouvelles by the name key of the communes that merged into them and
    live on as communes déléguées ("CHERBOURG OCTEVILLE" → ("50129",))."""
    return {key: tuple(codes) for key, codes in _index()["former_name_keys"].items()}


@cache
def rome_metiers() -> dict[str, RomeMetier]:
    """The 1,584 ROME 4.0 métiers by code ("M1811")."""
    return {row[0]: RomeMetier(*row) for row in _rome_index()["metiers"]}


@cache
def rome_appellations() -> dict[str, RomeAppellation]:
    """The 13,120 ROME appellations by OGR code ("38972")."""
    return {row[0]: RomeAppellation(*row) for row in _rome_index()["appellations"]}


@cache
def rome_domaines() -> dict[str, RomeDomaine]:
    """The 110 domaines professionnels by code ("M18")."""
    return {row[0]: RomeDomaine(*row) for row in _rome_index()["domaines"]}


@cache
def rome_grands_domaines() -> dict[str, RomeDomaine]:
    """The 14 grands domaines by letter ("M")."""
    return {row[0]: RomeDomaine(*row) for row in _rome_index()["grands_domaines"]}


@cache
def rome_mobilities() -> dict[str, tuple[str, ...]]:
    """The métiers one can move to from each métier ("passerelles"), in ROME's order."""
    return {code: tuple(targets) for code, targets in _rome_index()["mobilities"].items()}


@cache
def rome_profiles() -> dict[str, dict[str, float]]:
    """Each métier's words, as TF-IDF weights of stems (`normalizers.job_titles.stem`), built from
    its appellations, definition, access conditions, skills, knowledge and sectors (ROME v460
    texts); each profile has unit length. Keyed by ROME code."""
    return {
        code: {stem: weight / 1000 for stem, weight in pairs}
        for code, pairs in _rome_profiles_index()["profiles"].items()
    }


@cache
def rome_stem_rarity() -> dict[str, float]:
    """The inverse document frequency of each stem over the métiers' texts (ln N/df)."""
    return {stem: weight / 1000 for stem, weight in _rome_profiles_index()["stem_idf"].items()}
