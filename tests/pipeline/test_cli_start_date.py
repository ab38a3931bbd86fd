"""`relais normalize` reads when the job starts: JSON-LD's fields, or the description's words."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "start_date"


def normalize(kind: str, name: str) -> dict:  # type: ignore[type-arg]
    """The one offer `relais normalize --kind KIND FILE` prints, as JSON."""
    arguments = ["normalize", "--kind", kind, "--base-url", "https://example.org/offres/1"]
    result = CliRunner().invoke(main, [*arguments, str(FIXTURES / name)])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    offer: dict = json.loads(line)  # type: ignore[type-arg]
    return offer


def test_json_ld_job_start_date_is_the_start() -> None:
    offer = normalize("jsonld", "jsonld.html")
    assert offer["start"] == {"text": "2027-01-04", "day": "2027-01-04", "immediate": False}
    assert offer["fact_sources"]["start"] == {
        "origin": "field",
        "confidence": 1.0,
        "text": "2027-01-04",
        "field": "start_date",
        "key": "jobStartDate",
    }


def test_json_ld_immediate_start_is_as_soon_as_possible() -> None:
    offer = normalize("jsonld", "jsonld_immediate.html")
    assert offer["start"]["immediate"] is True
    assert offer["start"]["day"] is None


def test_a_start_sentence_of_a_feed_item_is_read_from_its_publication() -> None:
    offer = normalize("rss", "rss.xml")
    assert offer["start"]["day"] == "2027-01-05"
    assert offer["fact_sources"]["start"]["text"] == "à pourvoir dès le 5 janvier, en CDD de 6 mois"
