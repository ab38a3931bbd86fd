"""Build the compact indexes `data/places.json.gz`, `data/rome.json.gz` and
`data/rome_profiles.json.gz` from the vendored CSVs.

Run `python -m normalizers.referentials.build` after updating a CSV or `normalizers.text.name_key`;
the output is deterministic, so an unchanged input gives a byte-identical file.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

from normalizers.job_titles import text_stems
from normalizers.referentials import (
    INDEX_FORMAT,
    INDEX_NAME,
    ROME_INDEX_FORMAT,
    ROME_INDEX_NAME,
    ROME_PROFILES_FORMAT,
    ROME_PROFILES_NAME,
    open_data,
)
from normalizers.text import name_key

DATA_DIR = Path(__file__).resolve().parent / "data"
PROFILE_SIZE = 160
"""The stems kept in each métier's profile, its heaviest by TF-IDF."""
PROFILE_SOURCES = {
    "appellation": 3.0,
    "definition": 1.0,
    "acces_metier": 0.5,
    "core item": 1.5,
    "item": 1.0,
    "sector": 1.0,
}
"""How much a word weighs in a métier's profile, by where the ROME says it."""


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
    known = {str(row[0]): name_key(str(row[1])) for row in communes}
    populations = _populations(set(known))
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
        "populations": [populations.get(str(row[0])) for row in communes],
        "former_name_keys": _former_name_keys(known),
    }


def _populations(known: set[str]) -> dict[str, int]:
    """INSEE populations légales by INSEE code; Paris, Lyon and Marseille as their arrondissements'
    sum (the file gives the arrondissements only)."""
    populations = {
        row["insee"]: int(row["population_2021"])
        for row in _rows("communes_population.csv")
        if row["insee"] in known and row["population_2021"].isdigit()
    }
    for city, prefix in (("75056", "751"), ("69123", "6938"), ("13055", "132")):
        if city not in populations:
            populations[city] = sum(
                count for insee, count in populations.items() if insee.startswith(prefix)
            )
    return dict(sorted(populations.items()))


def _former_name_keys(known: dict[str, str]) -> dict[str, list[str]]:
    """INSEE codes of today's communes by the name key of a name they or the communes that merged
    into them bore ("CHERBOURG OCTEVILLE" → 50129, "SEYNOD" → 74010 Annecy), from the communes
    déléguées (`communes_deleguees.csv`) and the COG's history (`communes_anciennes.csv`), for
    the communes of the referential (`known`: name by INSEE code). A former commune the
    referential still has (merged after its snapshot: "Pierre-Bénite", 2024) is left to it, as is
    a name the referential already gives that code, or the first words of its name there
    ("Boulogne", Boulogne-Billancourt's name until 1926): a commune called by its first words is
    weighed against the others whose name begins so (`normalizers.places`), Boulogne-sur-Mer
    among them."""
    former: dict[str, list[str]] = {}

    def add(name: str, insee: str, old: str | None) -> None:
        key = name_key(name)
        if insee not in known or (old in known and (old != insee or known[old] == key)):
            return
        if known[insee].startswith(key + " "):
            return
        codes = former.setdefault(key, [])
        if insee not in codes:
            codes.append(insee)

    for row in _rows("communes_deleguees.csv"):
        add(row["name"], row["insee_commune_nouvelle"], None)
    for row in _rows("communes_anciennes.csv"):
        add(row["name"], row["insee_commune"], row["insee"])
    return {key: codes for key, codes in sorted(former.items()) if codes}


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


def _rome_documents() -> dict[str, dict[str, float]]:
    """Each métier's stems, weighed by where they come from (`PROFILE_SOURCES`)."""
    documents: dict[str, dict[str, float]] = {}

    def add(code: str, text: str, source: str) -> None:
        document = documents.setdefault(code, {})
        for stem in text_stems(text.replace("''", "'")):
            document[stem] = document.get(stem, 0.0) + PROFILE_SOURCES[source]

    for row in _rows("rome_metiers.csv"):
        add(row["code_rome"], row["libelle"], "appellation")
    for row in _rows("rome_appellations.csv"):
        add(row["code_rome"], row["libelle_appellation"], "appellation")
    for row in _rows("unix_texte_v460_utf8.csv.gz"):
        add(row["code_rome"], row["libelle_texte"], row["libelle_type_texte"])
    items = {row["code_ogr"]: row["libelle"] for row in _rows("unix_item_v460_utf8.csv.gz")}
    for row in _rows("unix_coherence_item_v460_utf8.csv.gz"):
        if row["code_ogr"] in items:
            source = "core item" if row["coeur_metier"] else "item"
            add(row["code_rome"], items[row["code_ogr"]], source)
    for row in _rows("unix_arborescence_secteur_activite_v460_utf8.csv.gz"):
        add(row["code_rome"], row["libelle_sect_activite"], "sector")
        add(row["code_rome"], row["libelle_ss_sect_activite"], "sector")
    return documents


def build_rome_profiles() -> dict[str, Any]:
    """The métiers' word profiles as a JSON-ready dict: each métier's `PROFILE_SIZE` heaviest
    stems by TF-IDF (unit length, in thousandths) and the rarity of every stem kept (ln N/df, in
    thousandths), from its appellations and its ROME v460 texts, skills, knowledge, sectors."""
    documents = _rome_documents()
    frequency: Counter[str] = Counter()
    for document in documents.values():
        frequency.update(document.keys())
    rarity = {stem: math.log(len(documents) / n) for stem, n in frequency.items()}
    profiles: dict[str, list[tuple[str, int]]] = {}
    for code, document in sorted(documents.items()):
        weights = {stem: (1 + math.log(tf)) * rarity[stem] for stem, tf in document.items()}
        kept = sorted(weights.items(), key=lambda pair: (-pair[1], pair[0]))[:PROFILE_SIZE]
        norm = math.sqrt(sum(weight * weight for _, weight in kept)) or 1.0
        profiles[code] = [
            (stem, round(1000 * weight / norm)) for stem, weight in kept if weight / norm >= 0.0005
        ]
    kept_stems = {stem for pairs in profiles.values() for stem, _ in pairs}
    stem_idf = {stem: round(1000 * rarity[stem]) for stem in sorted(kept_stems)}
    return {"format": ROME_PROFILES_FORMAT, "profiles": profiles, "stem_idf": stem_idf}


def _gzip_json(index: dict[str, Any]) -> bytes:
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def index_bytes() -> bytes:
    """The gzip'd JSON bytes of the place index, identical for identical inputs."""
    return _gzip_json(build_index())


def rome_index_bytes() -> bytes:
    """The gzip'd JSON bytes of the ROME index, identical for identical inputs."""
    return _gzip_json(build_rome_index())


def rome_profiles_bytes() -> bytes:
    """The gzip'd JSON bytes of the métiers' word profiles, identical for identical inputs."""
    return _gzip_json(build_rome_profiles())


def main() -> None:
    """Write the three indexes of `data/` and say how big they are."""
    for name, payload in (
        (INDEX_NAME, index_bytes()),
        (ROME_INDEX_NAME, rome_index_bytes()),
        (ROME_PROFILES_NAME, rome_profiles_bytes()),
    ):
        target = DATA_DIR / name
        target.write_bytes(payload)
        print(f"wrote {target} ({len(payload):,} bytes)")


if __name__ == "__main__":
    main()
