"""Build the compact place index `data/places.json.gz` from the vendored CSV files.

Run `python -m normalizers.referentials.build` after updating a CSV or `normalizers.text.name_key`;
the output is deterministic, so an unchanged input gives a byte-identical file.
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Any

from normalizers.referentials import INDEX_FORMAT, INDEX_NAME, open_data
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


def index_bytes() -> bytes:
    """The gzip'd JSON bytes of the index, identical for identical inputs."""
    text = json.dumps(build_index(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    """Write `data/places.json.gz` and say how big it is."""
    target = DATA_DIR / INDEX_NAME
    payload = index_bytes()
    target.write_bytes(payload)
    print(f"wrote {target} ({len(payload):,} bytes)")


if __name__ == "__main__":
    main()
