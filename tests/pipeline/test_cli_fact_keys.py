"""`relais normalize --format relais` and the offer page name the source's own key of a fact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.cli_offers import fact_lines

SITES = Path(__file__).resolve().parents[1] / "spiders" / "fixtures" / "sites"
RSS = """<rss version="2.0"><channel><item><guid>1</guid><title>Comptable H/F</title>
<link>https://emplois.example.fr/1</link><description>Poste de comptable.</description>
<lieu>Quimper</lieu><typeContrat>CDD</typeContrat></item></channel></rss>"""


def normalized(kind: str, path: Path) -> dict[str, object]:
    relais = str(Path(sys.executable).parent / "relais")
    command = [relais, "normalize", "--kind", kind, "--format", "relais", str(path)]
    command += ["--base-url", "https://carrieres.example.fr/offres/vendeur"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    return dict(json.loads(result.stdout.splitlines()[0]))


def test_relais_normalize_names_a_json_ld_place_by_its_schema_org_path() -> None:
    offer = normalized("jsonld", SITES / "posting_vendeur.html")
    place = offer["fact_sources"]["place"]  # type: ignore[index]
    assert place["key"] == "jobLocation.address.addressLocality"


def test_relais_normalize_names_a_feed_s_french_element(tmp_path: Path) -> None:
    feed = tmp_path / "offres.rss"
    feed.write_text(RSS, encoding="utf-8")
    sources = normalized("rss", feed)["fact_sources"]
    assert (sources["place"]["key"], sources["contract"]["key"]) == ("lieu", "typeContrat")  # type: ignore[index]


def test_the_offer_page_shows_the_source_s_key() -> None:
    source = {"origin": "field", "confidence": 1.0, "text": "Quimper", "field": "place",
              "key": "lieu"}  # fmt: skip
    assert fact_lines({"place": source}, []) == [
        "lu dans :   lieu ← champ « lieu » : « Quimper », confiance 1,00"
    ]


def test_the_offer_page_names_the_field_in_french_when_the_key_is_unknown() -> None:
    source = {"origin": "field", "confidence": 1.0, "text": "Quimper", "field": "city"}
    assert fact_lines({"place": source}, []) == [
        "lu dans :   lieu ← champ « ville » : « Quimper », confiance 1,00"
    ]
