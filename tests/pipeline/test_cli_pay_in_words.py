"""`relais normalize` on feeds whose pay is in the title or in structured parts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "pay_in_words"


def normalize(kind: str, name: str, *options: str) -> str:
    """What `relais normalize --kind KIND FILE [OPTIONS]` prints."""
    arguments = ["normalize", "--kind", kind, *options, str(FIXTURES / name)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_indeed_salary_given_as_min_and_max_keeps_both_bounds() -> None:
    (line,) = normalize("indeed-xml", "indeed_salary_parts.xml").splitlines()
    salary = json.loads(line)["salary"]
    assert (salary["minimum"], salary["maximum"], salary["period"]) == (1900, 2100, "month")


def test_an_indeed_location_given_as_parts_gives_the_commune() -> None:
    (line,) = normalize("indeed-xml", "indeed_salary_parts.xml").splitlines()
    assert json.loads(line)["place"]["insee_code"] == "74010"


def test_the_pay_in_a_feed_title_is_read() -> None:
    (line,) = normalize("rss", "rss_title_pay.xml").splitlines()
    offer = json.loads(line)
    salary = offer["salary"]
    assert (salary["minimum"], salary["period"]) == (12.5, "hour")
    assert offer["fact_sources"]["salary"]["origin"] == "title"


def test_a_sentence_contradicting_the_contract_field_is_a_visible_disagreement() -> None:
    (line,) = normalize("rss", "rss_title_pay.xml", "--format", "relais").splitlines()
    offer = json.loads(line)
    assert offer["contract"]["type_contrat"] == "CDI"
    assert offer["disagreements"] == [
        {
            "fact": "contract",
            "field_value": "CDI",
            "text_value": "Poste en CDD de 3 mois pour la saison d'été",
            "text_origin": "description",
            "kept": "field",
        }
    ]
