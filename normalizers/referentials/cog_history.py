"""Write `data/communes_anciennes.csv`, the names communes bore before they merged or were renamed,
from INSEE's Code officiel géographique as Etalab publishes it in the npm package
`@etalab/decoupage-administratif` (data under the Licence Ouverte / Etalab 2.0):

- version 6.0.0 (COG 2026): today's communes, their communes déléguées and associées, and for each
  commune the INSEE codes of every commune that merged into it since 1943 (`anciensCodes`);
- version 0.8.0 (COG 2020): `historique-communes.json`, every commune since 1943 with the names it
  bore, which names those codes.

Run, with the two packages as `npm pack` gives them::

    npm pack @etalab/decoupage-administratif@0.8.0 @etalab/decoupage-administratif@6.0.0
    python -m normalizers.referentials.cog_history \\
        etalab-decoupage-administratif-0.8.0.tgz etalab-decoupage-administratif-6.0.0.tgz

then `python -m normalizers.referentials.build`. The output is sorted, so the same packages give
a byte-identical file.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tarfile
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
OUTPUT_NAME = "communes_anciennes.csv"
COLUMNS = ("name", "insee", "insee_commune", "department", "kind")
KINDS = {"commune-deleguee": "deleguee", "commune-associee": "associee"}
"""How the COG calls a former commune that lives on inside a commune nouvelle, in the CSV."""


def _member(archive: Path, name: str) -> Any:
    with tarfile.open(archive) as tar:
        member = tar.extractfile(f"package/data/{name}")
        if member is None:
            raise ValueError(f"{archive} ne contient pas data/{name}")
        return json.load(member)


def former_names(
    history: list[dict[str, Any]], communes: list[dict[str, Any]]
) -> list[tuple[str, ...]]:
    """Rows (name, insee, insee_commune, department, kind) from the COG's history of communes
    (`historique-communes.json`: records with `type` "COM", `code`, `nom`, `dateDebut`) and
    today's communes (`communes.json`: `type`, `code`, `nom`, `departement`, `chefLieu`,
    `anciensCodes`). `kind` is "deleguee" or "associee" for a former commune that lives on inside
    its commune nouvelle, "ancienne" for a code merged away, "renommee" for a name today's commune
    bore before. A name today's commune bears under the same code is left out."""
    today = {row["code"]: row for row in communes if row["type"] == "commune-actuelle"}
    names_by_code: dict[str, list[str]] = {}
    for record in sorted(history, key=lambda r: (r.get("dateDebut") or "", r["id"])):
        if record["type"] == "COM":
            names = names_by_code.setdefault(record["code"], [])
            if record["nom"] not in names:
                names.append(record["nom"])
    rows: dict[tuple[str, str, str], tuple[str, str, str, str, str]] = {}
    for row in communes:
        kind = KINDS.get(row["type"])
        parent = today.get(row.get("chefLieu") or "")
        if kind and parent and row["nom"] != parent["nom"]:
            found = (row["nom"], row["code"], parent["code"], parent["departement"], kind)
            rows[found[:3]] = found
    for code, commune in today.items():
        for former in commune.get("anciensCodes", ()):
            for name in names_by_code.get(former, ()):
                found = (name, former, code, commune["departement"], "ancienne")
                rows.setdefault(found[:3], found)  # a commune déléguée says more
        for name in names_by_code.get(code, ()):
            if name != commune["nom"]:
                found = (name, code, code, commune["departement"], "renommee")
                rows.setdefault(found[:3], found)
    return sorted(rows.values(), key=lambda r: (r[3], r[2], r[1], r[0], r[4]))


def csv_text(rows: list[tuple[str, ...]]) -> str:
    """The CSV file's text, with its header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def main(arguments: list[str]) -> None:
    """Read the two npm packages named on the command line (COG 2020, then COG 2026) and write
    `data/communes_anciennes.csv`."""
    if len(arguments) != 2:
        raise SystemExit(
            "utilisation : python -m normalizers.referentials.cog_history "
            "etalab-decoupage-administratif-0.8.0.tgz etalab-decoupage-administratif-6.0.0.tgz"
        )
    history = _member(Path(arguments[0]), "historique-communes.json")
    communes = _member(Path(arguments[1]), "communes.json")
    rows = former_names(history, communes)
    target = DATA_DIR / OUTPUT_NAME
    target.write_text(csv_text(rows), encoding="utf-8")
    print(f"{target} écrit ({len(rows)} lignes)")


if __name__ == "__main__":
    main(sys.argv[1:])
