"""The vendored open-data referentials (INSEE communes, départements, régions), loaded once.

The CSV files in `data/` are the vendored sources; `data/places.json.gz` is a compact index built
from them by `python -m normalizers.referentials.build` and committed, so that a process reads one
small file once instead of parsing 35,000 CSV rows (see NOTICE.md for the publishers).
"""

from __future__ import annotations

import gzip
import io
import json
from functools import cache
from importlib import resources
from typing import Any, NamedTuple, TextIO

INDEX_NAME = "places.json.gz"
INDEX_FORMAT = 1


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


def open_data(name: str) -> TextIO:
    """Open one of the vendored CSV files (`name` such as "communes.csv") as UTF-8 text."""
    binary = resources.files(__name__).joinpath("data", name).open("rb")
    return io.TextIOWrapper(binary, encoding="utf-8", newline="")


@cache
def _index() -> dict[str, Any]:
    path = resources.files(__name__).joinpath("data", INDEX_NAME)
    try:
        with path.open("rb") as stream:
            index: dict[str, Any] = json.loads(gzip.decompress(stream.read()))
    except FileNotFoundError as error:
        raise RuntimeError(
            f"the referential index {INDEX_NAME} is missing: "
            "run `python -m normalizers.referentials.build`"
        ) from error
    if index.get("format") != INDEX_FORMAT:
        raise RuntimeError(
            f"the referential index {INDEX_NAME} has an old format: "
            "run `python -m normalizers.referentials.build`"
        )
    return index


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
