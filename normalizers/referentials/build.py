"""Build the compact indexes `data/places.json.gz` and `data/rome.json.gz` from the vendored CSVs.

Run `python -m normalizers.referentials.build` after updating a CSV or `normalizers.text.name_key`;
the output is deterministic, so an unchanged input gives a byte-identical file.
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Any

from normalizers.referentials import (
    INDEX_FORMAT,
    INDEX_NAME,
    ROME_INDEX_FORMAT,
    ROME_INDEX_NAME,
    open_data,
)
from normalizers.text import name_key

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open_data(name) as stream:
        return list(csv.DictReader(stream))


def _coordinate(text: str) -> float | None:
    return float(text) if text else None


def build_index() -> dict[str, Any]:
    """The index as a JSON-ready dict: communes, départements, régions and name keys."""
    communes = []
    name_keys: dict[str, list[str]] = {}
    for row in _rows("communes.csv"):
        communes.append(
            [
                row["insee"],
                row["name"],
                row["postal_code"] or None,
                [code for code in row["postal_codes"].split("|") if code],
                row["department"],
                row["region"] or None,
                _coordinate(row["lat"]),
                _coordinate(row["lon"]),
            ]
        )
        name_keys.setdefault(name_key(row["name"]), []).append(row["insee"])
    departements = [
        [row["code"], row["name"], row["region_code"], row["chef_lieu_insee"] or None]
        for row in _rows("departements.csv")
    ]
    regions = [[row["code"], row["name"]] for row in _rows("regions.csv")]
    return {
        "format": INDEX_FORMAT,
        "communes": communes,
        "departements": departements,
        "regions": regions,
        "name_keys": name_keys,
    }


def _flag(text: str) -> bool:
    return text.strip().upper() == "O"


def build_rome_index() -> dict[str, Any]:
    """The ROME 4.0 index as a JSON-ready dict: métiers, appellations, domaines, mobilities."""
    metiers = [
        [
            row["code_rome"],
            row["libelle"],
            row["code_rome_parent"],
            row["code_domaine_professionnel"],
            row["code_grand_domaine"],
            int(row["code_ogr"]),
            _flag(row["emploi_cadre"]),
            _flag(row["emploi_reglemente"]),
        ]
        for row in _rows("rome_metiers.csv")
    ]
    appellations = [
        [
            row["code_ogr"],
            row["code_rome"],
            row["libelle_appellation"],
            row["libelle_appellation_court"],
            row["classification"] == "PRINCIPALE",
            _flag(row["peu_usite"]),
        ]
        for row in _rows("rome_appellations.csv")
    ]
    domaines = [
        [row["code_domaine_professionnel"], row["libelle"]]
        for row in _rows("rome_domaines_professionnels.csv")
    ]
    grands_domaines = [
        [row["code_grand_domaine"], row["libelle"]] for row in _rows("rome_grands_domaines.csv")
    ]
    ordered: dict[str, list[tuple[int, str]]] = {}
    for row in _rows("rome_mobilites.csv"):
        ordered.setdefault(row["code_rome"], []).append(
            (int(row["numero_ordre"]), row["code_rome_cible"])
        )
    mobilities = {code: [target for _, target in sorted(pairs)] for code, pairs in ordered.items()}
    return {
        "format": ROME_INDEX_FORMAT,
        "metiers": metiers,
        "appellations": appellations,
        "domaines": domaines,
        "grands_domaines": grands_domaines,
        "mobilities": mobilities,
    }


def _gzip_json(index: dict[str, Any]) -> bytes:
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def index_bytes() -> bytes:
    """The gzip'd JSON bytes of the place index, identical for identical inputs."""
    return _gzip_json(build_index())


def rome_index_bytes() -> bytes:
    """The gzip'd JSON bytes of the ROME index, identical for identical inputs."""
    return _gzip_json(build_rome_index())


def main() -> None:
    """Write `data/places.json.gz` and `data/rome.json.gz` and say how big they are."""
    for name, payload in ((INDEX_NAME, index_bytes()), (ROME_INDEX_NAME, rome_index_bytes())):
        target = DATA_DIR / name
        target.write_bytes(payload)
        print(f"wrote {target} ({len(payload):,} bytes)")


if __name__ == "__main__":
    main()
