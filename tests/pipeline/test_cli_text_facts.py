"""`relais normalize` on one file of each source kind whose facts are written only in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "text_facts"
HTML_SETTINGS = ("--setting", "links=a", "--setting", "fields.title=h1",
                 "--setting", "fields.description=.description")  # fmt: skip

# kind, file, INSEE commune, typeContrat, (minimum, maximum, period) of the pay
CASES = [
    ("rss", "rss.xml", "69383", "CDD", (2100, 2100, "month")),
    ("atom", "atom.xml", "35238", "CDI", (35000, 40000, "year")),
    ("indeed-xml", "indeed.xml", "44109", "CDI", (1900, 1900, "month")),
    ("jsonld", "jsonld.html", "74010", "MIS", (12.5, 12.5, "hour")),
    ("greenhouse", "greenhouse.json", "33063", "CDD", (38000, 42000, "year")),
    ("lever", "lever.json", "75111", "CDI", (50000, 60000, "year")),
    ("recruitee", "recruitee.json", "74056", "SAI", (2000, 2000, "month")),
    ("smartrecruiters", "smartrecruiters.json", "49007", "CDD", (1950, 1950, "month")),
    ("workable", "workable.json", "33063", "CDD", (1100, 1100, "month")),
    ("ashby", "ashby.json", "38185", "CDI", (45000, 55000, "year")),
    ("francetravail", "francetravail.json", "44184", "CDD", (11.88, 11.88, "hour")),
    ("html", "html.html", "74119", "CDI", (2300, 2300, "month")),
]


def normalize(kind: str, name: str) -> dict:  # type: ignore[type-arg]
    """The one offer `relais normalize --kind KIND FILE` prints (in process: 12 kinds)."""
    arguments = ["normalize", "--kind", kind]
    if kind == "html":
        arguments += HTML_SETTINGS
    arguments += ["--base-url", "https://example.org/offres/1", str(FIXTURES / name)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    offer: dict = json.loads(line)  # type: ignore[type-arg]
    return offer


@pytest.mark.parametrize(("kind", "name", "insee", "type_contrat", "pay"), CASES)
def test_facts_written_only_in_words_are_read_for_every_kind(
    kind: str, name: str, insee: str, type_contrat: str, pay: tuple[float, float, str]
) -> None:
    offer = normalize(kind, name)
    salary = offer["salary"]
    assert offer["place"]["insee_code"] == insee
    assert offer["contract"]["type_contrat"] == type_contrat
    assert (salary["minimum"], salary["maximum"], salary["period"]) == pay


def test_each_fact_says_it_was_read_in_the_title_or_the_description() -> None:
    sources = normalize("rss", "rss.xml")["fact_sources"]
    assert sources["place"] == {
        "origin": "title",
        "confidence": 0.8,
        "text": "Lyon 3e",
        "field": None,
        "key": None,
    }
    assert sources["contract"]["origin"] == "description"
    assert sources["salary"]["text"] == "2 100 € brut mensuel"


def test_a_contract_duration_in_the_title_is_kept() -> None:
    contract = normalize("greenhouse", "greenhouse.json")["contract"]
    assert (contract["duration_value"], contract["duration_unit"]) == (6, "mois")
