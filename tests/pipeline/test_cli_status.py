"""`relais status`: each source's health and the fill rates, in a table or as JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import main
from store.db import session_scope
from tests.store.factories import register
from tests.store.test_health import add_offer, add_run


def _watched() -> None:
    with session_scope() as session:
        acme = register(session, "acme")
        add_run(session, acme, "ok", 0, http_status=200, offers_new=3)
        add_run(session, acme, "failed", 15, http_status=500, error="HTTP 500 from the server")
        add_offer(session, acme, "a1", rome_code="H2913")


def test_status_shows_each_source_its_last_run_and_its_error(database: str) -> None:
    _watched()
    result = CliRunner().invoke(main, ["status"])
    assert result.exit_code == 0, result.output
    sources_table = result.output.split("REMPLISSAGE")[0]
    (row,) = [line for line in sources_table.splitlines() if line.startswith("acme ")]
    assert "échouée" in row and " 500 " in row and "1/2" in row
    assert "erreur : HTTP 500 (erreur interne du serveur)" in result.output


def test_status_shows_an_error_stored_in_english_in_french(database: str) -> None:
    _watched()  # its failed run's error was stored in English by an older version
    assert "from the server" not in CliRunner().invoke(main, ["status"]).output


def test_status_heads_its_columns_in_french(database: str) -> None:
    _watched()
    header = CliRunner().invoke(main, ["status"]).output.splitlines()[0]
    assert header.split()[:4] == ["SOURCE", "ÉTAT", "DERNIÈRE", "COLLECTE"]
    assert "ÉCHECS" in header and "QUARANTAINE" in header


def test_status_says_so_when_no_source_is_registered(database: str) -> None:
    output = CliRunner().invoke(main, ["status"]).output
    assert output.startswith("Aucune source enregistrée")


def test_status_shows_the_fill_rates(database: str) -> None:
    _watched()
    output = CliRunner().invoke(main, ["status"]).output
    (catalogue,) = [line for line in output.splitlines() if line.startswith("catalogue")]
    assert catalogue.split()[1:5] == ["1", "100%", "100%", "0%"]


def test_status_tells_sure_rome_codes_from_uncertain_ones(database: str) -> None:
    with session_scope() as session:
        acme = register(session, "acme")
        add_offer(session, acme, "a1", rome_code="H2913", rome_confidence=0.9)
        add_offer(session, acme, "a2", rome_code="D1102", rome_confidence=0.15)
    output = CliRunner().invoke(main, ["status"]).output
    header, catalogue = [
        line for line in output.splitlines() if line.startswith(("REMPLISSAGE", "catalogue"))
    ]
    assert "ROME DONT SÛRS" in header
    assert catalogue.split()[1:4] == ["2", "100%", "50%"]


def test_status_as_json(database: str) -> None:
    _watched()
    document = json.loads(CliRunner().invoke(main, ["status", "--json"]).output)
    (source,) = document["sources"]
    assert (source["name"], source["status"], source["failures"]) == ("acme", "failed", 1)
    assert document["fill_rates"][0]["scope"] == "catalogue"


def test_status_says_what_the_last_crawl_repaired(database: str) -> None:
    note = "12 entités non définies en XML (&eacute;) lues comme des entités HTML"
    with session_scope() as session:
        add_run(session, register(session, "acme"), "ok", 0, http_status=200, notes=[note])
    output = CliRunner().invoke(main, ["status"]).output
    assert f"note de collecte : {note}" in output.split("REMPLISSAGE")[0]


def test_status_tells_a_paused_source_and_its_reason_in_french(database: str) -> None:
    with session_scope() as session:
        source = register(session, "acme")
        source.paused, source.paused_reason = True, "paused by an operator"  # stored in English
    output = CliRunner().invoke(main, ["status"]).output
    sources_table = output.split("REMPLISSAGE")[0]
    (row,) = [line for line in sources_table.splitlines() if line.startswith("acme ")]
    assert row.split()[1:3] == ["en", "pause"] and "jamais lancée" in row
    assert "en pause : mise en pause par un opérateur" in output


def test_status_gives_durations_in_french_units(database: str) -> None:
    _watched()
    sources_table = CliRunner().invoke(main, ["status"]).output.split("REMPLISSAGE")[0]
    (row,) = [line for line in sources_table.splitlines() if line.startswith("acme ")]
    assert " s " in row and not any(
        word.endswith("s") and word[0].isdigit() for word in row.split()
    )
